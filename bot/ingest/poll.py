"""One poll of the topics' feeds: fetch every feed (conditional GET), store the new entries.

Feeds and their entries' pages are fetched through the URL guard (:mod:`bot.ingest.safety`):
a feed on an internal address is an error unless ``settings.http.allow_private`` allows it.

:func:`poll` is async (httpx.AsyncClient, at most ``settings.http.concurrency`` fetches and
extractions in flight); :func:`poll_once` runs it to completion for the CLI.

Per source: in backoff (failing, ``next_poll_at`` ahead) → skipped unless ``force``; a 304
costs one request and stores nothing; a readable feed (malformed ones too, with a log line)
has its new entries stored, each in its own transaction (:mod:`bot.ingest.entries`); an
unreadable or unreachable feed is reported and backs off, and the other sources go on.
The feed's ETag/Last-Modified are stored only after all its entries were handled, so a
poll killed half-way (or entries left for later) re-reads the feed next time: nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Callable

from bot.ingest.entries import EntryResult, Outcome, SourceInfo, ingest_entry, join_topics
from bot.ingest.feeds import FeedEntry, FeedParseError, parse_feed
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.safety import guarded_client
from bot.ingest.tally import WarningTally
from bot.ingest.urls import canonical_url
from bot.store.articles import article_topics, known_urls
from bot.store.models import Source
from bot.store.sources import feeds_by_url, in_backoff, record_failure, record_success, sync_sources

log = logging.getLogger("briefbot.ingest")

BENIGN_BOZO = ("NonXMLContentType", "CharacterEncodingOverride")
"""feedparser complaints that do not make a feed malformed (a non-XML media type, a charset
declared wrongly but decoded anyway): logged at info level, status stays ``ok``."""


@dataclass
class SourceReport:
    """What a poll did with one source.

    ``status``: ok, not-modified, malformed, empty, error, backoff or not-due; ``new``
    articles stored, ``known`` entries already stored, ``skipped`` entries given up,
    ``failed`` entries left for the next poll, ``from_summary`` of the new stored from the
    feed's summary; ``message`` explains errors and malformations.
    """

    url: str
    name: str | None
    status: str = "ok"
    new: int = 0
    known: int = 0
    skipped: int = 0
    failed: int = 0
    from_summary: int = 0
    message: str | None = None


@dataclass
class PollReport:
    """All sources' reports and the number of HTTP requests sent (not those the URL guard refused)."""

    sources: list[SourceReport] = field(default_factory=list)
    requests: int = 0

    @property
    def new(self) -> int:
        return sum(r.new for r in self.sources)

    @property
    def errors(self) -> int:
        return sum(r.status == "error" for r in self.sources)


class _Run:
    """State of one poll: clients, the concurrency gate, entries being fetched."""

    def __init__(self, store, settings, topics, work=None):
        self.store, self.settings, self.topics, self.work = store, settings, topics, work
        self.slots = asyncio.Semaphore(settings.http.concurrency)
        self.inflight: dict[str, asyncio.Future] = {}
        self.requests = 0  # requests sent: not those the URL guard refused or that never connected
        # feeds and pages alike go through the URL guard (bot.ingest.safety)
        self.client = guarded_client(settings, on_sent=self._count)

    def _count(self) -> None:
        self.requests += 1

    async def aclose(self) -> None:
        await self.client.aclose()

    # -- one source ---------------------------------------------------------------------------

    async def source(self, src: Source, info: SourceInfo, report: SourceReport) -> None:
        interval = src.interval_minutes or self.settings.poll_interval_minutes
        headers = {}
        if src.etag:
            headers["If-None-Match"] = src.etag
        if src.last_modified:
            headers["If-Modified-Since"] = src.last_modified
        try:
            async with self.slots:
                result = await fetch(self.client, src.url, self.settings, headers=headers)
            if result.not_modified:
                report.status = "not-modified"
                self._save(src.id, lambda s: record_success(s, _now(), interval, status="not-modified", keep_validators=True))
                return
            # in a worker thread: feedparser and lxml are CPU work that must not stall the event loop
            feed = await asyncio.to_thread(parse_feed, result.content, result.url, result.headers.get("content-type"))
        except (FetchError, FeedParseError) as exc:
            report.status, report.message = "error", str(exc)
            delays = []
            self._save(src.id, lambda s, msg=str(exc): delays.append(record_failure(s, _now(), interval, msg)))
            log.warning("feed %s failed: %s (next try in %s)", src.url, exc, delays[0] if delays else "?")
            return
        if info.name is None and feed.title:
            info = SourceInfo(info.id, info.url, feed.title, info.topics)
        if feed.problem and not feed.problem.startswith(BENIGN_BOZO):
            report.status, report.message = "malformed", feed.problem
            log.warning("feed %s is malformed but readable (%s); using its %d entries", src.url, feed.problem, len(feed.entries))
        elif feed.problem:
            log.info("feed %s: %s", src.url, feed.problem)
        if not feed.entries:
            report.status = "empty" if report.status == "ok" else report.status
            log.warning("feed %s has no entries", src.url)
        tally = WarningTally(src.url)
        try:
            await self.entries(info, feed.entries, report, tally)
        finally:
            tally.flush()
        complete = report.failed == 0
        etag = result.headers.get("etag") if complete else None
        modified = result.headers.get("last-modified") if complete else None

        def done(s: Source) -> None:
            record_success(
                s, _now(), interval, status=report.status, new_articles=report.new,
                etag=etag, last_modified=modified, message=report.message,
            )
            if s.name is None and info.name:
                s.name = info.name

        self._save(src.id, done)
        if not complete:
            log.warning("feed %s: %d %s could not be fetched; retried next poll", src.url, report.failed,
                        "entry" if report.failed == 1 else "entries")
        if report.skipped:
            log.warning("feed %s: %d %s skipped (see above)", src.url, report.skipped, "entry" if report.skipped == 1 else "entries")

    def _save(self, source_id: int, change: Callable[[Source], object]) -> None:
        with self.store.session() as s:
            src = s.get(Source, source_id)
            if src is not None:
                change(src)

    # -- its entries --------------------------------------------------------------------------

    async def entries(self, info: SourceInfo, entries: list[FeedEntry], report: SourceReport, tally: WarningTally) -> None:
        todo: dict[str, FeedEntry] = {}
        guids = Counter(e.guid for e in entries if e.guid)
        for guid, n in guids.items():
            if n > 1:
                tally.warn("shared a GUID", "feed %s: GUID %r is used by %d entries; entries are told apart by their links",
                           info.url, guid, n)
        for entry in entries:
            if entry.link is None:
                report.skipped += 1
                problem = entry.link_problem or "no link"
                tally.warn(f"skipped: {problem}", "feed %s: entry %r has %s; skipped", info.url,
                           entry.title or entry.guid or "(untitled)", problem)
                continue
            canon = canonical_url(entry.link)
            if canon in todo:
                log.info("feed %s: %s is listed twice; stored once", info.url, entry.link)
                continue
            todo[canon] = entry
        with self.store.read_session() as s:
            known = known_urls(s, todo)
            for canon, article_id in known.items():
                if canon in self.inflight or not set(info.topics) - article_topics(s, article_id):
                    continue
                self.inflight[canon] = _done(Outcome("known", article_id))
        report.known += sum(1 for c in todo if c in known and c not in self.inflight)
        waits = [self.entry(info, e, c, tally) for c, e in todo.items() if c in self.inflight]
        fresh = [(c, e) for c, e in todo.items() if c not in known and c not in self.inflight]
        if self.work is not None and self.work.pooled:
            # claimed now, before any await: another feed listing these URLs waits for this unit
            loop = asyncio.get_running_loop()
            claims = {canon: loop.create_future() for canon, _ in fresh}
            self.inflight.update(claims)
            outcomes = [self.units(info, fresh, claims, tally)]
        else:
            outcomes = [self.entry(info, e, c, tally) for c, e in fresh]
        for outcome in await asyncio.gather(*waits, *outcomes):
            for one in outcome if isinstance(outcome, list) else [outcome]:
                if one.status == "new":
                    report.new += 1
                    report.from_summary += one.from_summary
                elif one.status in ("known", "duplicate"):
                    report.known += 1
                else:
                    setattr(report, one.status, getattr(report, one.status) + 1)

    async def entry(self, info: SourceInfo, entry: FeedEntry, canon: str, tally: WarningTally) -> Outcome:
        """Fetch and store one entry in this process (or wait for the same URL handled elsewhere in this poll)."""
        running = self.inflight.get(canon)
        if running is not None:  # fetched by another feed in this poll, or stored already
            first: Outcome = await running
            if first.article_id is None:
                return Outcome(first.status)  # skipped or failed, like the first try
            join_topics(self.store, self.topics, info, first.article_id)
            return Outcome("known", first.article_id)
        future = asyncio.get_running_loop().create_future()
        self.inflight[canon] = future
        outcome = Outcome("failed")
        try:
            async with self.slots:
                extract = self.work.extract if self.work else None
                result = await ingest_entry(self.client, self.store, self.topics, info, entry, canon, self.settings, extract)
            outcome = self.settle(entry, result, tally)
            return outcome
        finally:
            future.set_result(outcome)

    async def units(self, info: SourceInfo, jobs: list[tuple[str, FeedEntry]], futures: dict[str, asyncio.Future],
                    tally: WarningTally) -> list[Outcome]:
        """Fetch and store ``jobs`` in the work's ingest units (worker processes); each job's
        outcome is also set on its future in ``futures`` (other feeds of this poll listing the
        same URL wait for it)."""
        outcomes = {canon: Outcome("failed") for canon, _ in jobs}
        try:
            filters = {name: self.topics[name].filter for name in info.topics if name in self.topics}
            results, sent = await self.work.ingest(self.store, info, filters, jobs)
            self.requests += sent
            entries = dict(jobs)
            for result in results:
                if result.outcome.status == "known":
                    # the URL was not stored when the poll began: an earlier run of this unit, whose worker
                    # died, stored it (or another process polling the same feed did): new to this poll
                    result = replace(result, outcome=replace(result.outcome, status="new"))
                outcomes[result.canonical] = self.settle(entries[result.canonical], result, tally, unit=True)
            self.work.articles_stored([o.article_id for o in outcomes.values() if o.status == "new"])
            return list(outcomes.values())
        finally:
            for canon, future in futures.items():
                future.set_result(outcomes[canon])

    def settle(self, entry: FeedEntry, result: EntryResult, tally: WarningTally, unit: bool = False) -> Outcome:
        """Report what became of ``entry`` (warnings in ``tally``) and, unless it came from a
        ``unit`` (whose articles' briefs are queued together), queue a new article's brief unit;
        returns its outcome."""
        if result.lost:
            tally.warn("not fetched: its ingest unit failed (retried next poll)", "%s: not fetched, its ingest unit failed (%s); "
                       "retried next poll", entry.link, result.problem)
        elif result.problem and not result.fetched:
            if result.outcome.status in ("failed", "skipped") and result.outcome.reason is None:
                then = "retried next poll" if result.transient else "skipped"
                tally.warn(f"without page or summary ({then})", "%s: page not used (%s) and the feed has no summary; %s",
                           entry.link, result.problem, then)
            else:
                tally.warn("stored from the feed's summary", "%s: page not used (%s); storing the feed's summary instead",
                           entry.link, result.problem)
        if result.outcome.reason:
            tally.warn("skipped: too short", "%s: %s; skipped", entry.link, result.outcome.reason)
        if self.work is not None and not unit and result.outcome.status == "new":
            self.work.article_stored(result.outcome.article_id)
        return result.outcome


def _done(value) -> asyncio.Future:
    future = asyncio.get_running_loop().create_future()
    future.set_result(value)
    return future


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def poll(
    store,
    settings,
    topics: dict,
    topic_names: list[str] | None = None,
    *,
    force: bool = False,
    due_only: bool = False,
    on_source: Callable[[SourceReport], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    work=None,
) -> PollReport:
    """Poll the feeds of ``topic_names`` (default: every topic in ``topics``, a dict name → Topic).

    Sources are first synced from the topics into the store. Failing sources in backoff are
    skipped unless ``force``; with ``due_only`` (the scheduler), sources whose
    ``next_poll_at`` lies ahead are skipped too. ``on_start(n)`` is called with the number
    of sources to poll, ``on_source(report)`` after each. ``work`` (a
    :class:`bot.work.backend.Work`) runs page extraction and queues each new article's brief
    unit; without it extraction runs in a thread of this process. Topic membership of a new article
    is decided for every topic following its source, not only the ones asked for.
    Raises KeyError for an unknown topic name.
    """
    names = list(topics) if not topic_names else topic_names
    wanted = {f.url for n in names for f in topics[n].feeds}
    specs = feeds_by_url(topics)
    now = _now()
    with store.session() as s:
        sources = [src for url, src in sync_sources(s, topics).items() if url in wanted]
    report = PollReport()
    todo: list[tuple[Source, SourceReport]] = []
    for src in sorted(sources, key=lambda x: x.url):
        rep = SourceReport(src.url, src.name)
        report.sources.append(rep)
        if not force and in_backoff(src, now):
            rep.status, rep.message = "backoff", f"failing ({src.last_error}); next try after {src.next_poll_at:%Y-%m-%d %H:%M} UTC"
        elif due_only and src.next_poll_at is not None and src.next_poll_at > now:
            rep.status = "not-due"
        else:
            todo.append((src, rep))
    if on_start:
        on_start(len(todo))
    if work is not None:
        work.start()  # worker processes warm up while the feeds are fetched
    run = _Run(store, settings, topics, work)
    try:

        async def one(src: Source, rep: SourceReport) -> None:
            info = SourceInfo(src.id, src.url, src.name, tuple(specs[src.url]["topics"]))
            try:
                await run.source(src, info, rep)
            except Exception as exc:  # a bug or a database error on one source must not stop the others
                log.exception("polling %s failed", src.url)
                rep.status, rep.message = "error", f"{type(exc).__name__}: {exc}"
            if on_source:
                on_source(rep)

        await asyncio.gather(*(one(src, rep) for src, rep in todo))
    finally:
        await run.aclose()
    report.requests = run.requests
    return report


def poll_once(store, settings, topics: dict, topic_names: list[str] | None = None, **kwargs) -> PollReport:
    """Run :func:`poll` to completion (for the CLI; not from inside a running event loop)."""
    return asyncio.run(poll(store, settings, topics, topic_names, **kwargs))
