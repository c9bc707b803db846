"""One feed entry → one stored article: fetch the page, extract it, fall back to the feed's
summary, decide topic membership, and store it with its topic rows in one transaction.

An entry whose page cannot be had is stored from the feed's summary (``from_feed_summary``);
with neither page nor summary it is left for the next poll (``failed``) when the cause may
pass (timeouts, connection errors, 5xx) or given up (``skipped``) when it will not.

:func:`store_article` is the one write path for new articles, shared with local files
(:mod:`bot.ingest.localfiles`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError

from bot.ingest.feeds import MAX_TITLE_CHARS, FeedEntry
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.pages import extract_article, require_html
from bot.ingest.rules import article_problem
from bot.store.articles import add_article, add_topics, content_hash, find_by_canonical_url, find_by_content_hash
from bot.store.locks import lock_content
from bot.store.models import Article
from summarizers.errors import BriefError
from summarizers.model import ArticleText

log = logging.getLogger("briefbot.ingest")

DETECT = "detect"
""":attr:`NewArticle.language` when the language is still to be detected (not an ISO 639-1 code)."""

MIN_HASH_WORDS = 30
"""Texts shorter than this many words are not deduplicated by content hash (too generic)."""


@dataclass(frozen=True)
class SourceInfo:
    """What entry processing needs to know of a source: id, URL, display name, topics following it."""

    id: int
    url: str
    name: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """``status`` is new, known, duplicate, skipped or failed; ``article_id`` when stored/known;
    ``reason`` says why an article was skipped."""

    status: str
    article_id: int | None = None
    from_summary: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class EntryResult:
    """What became of one entry (wherever it was fetched and stored): its canonical URL, the
    :class:`Outcome`, why its page was not used (``problem``, None when it was), whether a retry
    may help (``transient``), whether a page was fetched and extracted (``fetched``), and whether
    the entry's unit failed before it could say (``lost``: ``problem`` is then the unit's error)."""

    canonical: str
    outcome: Outcome
    problem: str | None = None
    transient: bool = False
    fetched: bool = False
    lost: bool = False


async def ingest_entry(client, store, topics: dict, source: SourceInfo, entry: FeedEntry, canonical: str, settings,
                       extract=None) -> EntryResult:
    """Fetch ``entry``'s page (:func:`fetch_page`; ``extract`` as there) and store the entry
    (:func:`store_entry`; ``settings.max_article_chars`` and ``min_article_words`` apply): the
    one path of a feed entry, in the polling process or in an ingest unit. An entry with neither
    page nor summary is not stored: ``failed`` when a retry may help, else ``skipped``.
    Raises the database's errors."""
    page, problem, transient = await fetch_page(client, entry, settings, extract)
    if page is None and not entry.summary:
        return EntryResult(canonical, Outcome("failed" if transient else "skipped"), problem, transient)
    outcome = store_entry(store, topics, source, entry, canonical, page, settings.max_article_chars,
                          getattr(settings, "min_article_words", 0))
    return EntryResult(canonical, outcome, problem, transient, page is not None)


def article_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language by :func:`summarizers.language.detect_language`
    (py3langid), or None when unknown: too short, or a non-English guess below the engine's
    confidence threshold (the engine would try to brief those, so they count as unknown)."""
    from summarizers.language import MIN_CONFIDENCE, detect_language

    found = detect_language(text)
    if found is None:
        return None
    code, prob = found
    return code if code == "en" or prob >= MIN_CONFIDENCE else None


def parse_published(value: str | None) -> datetime | None:
    """An ISO-8601 date or date-time (from a page's metadata) as UTC; naive values are taken as UTC."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _transient(exc: FetchError) -> bool:
    return exc.kind in ("timeout", "connect", "protocol") or (exc.kind == "status" and (exc.status or 0) in (408, 429) or (exc.status or 0) >= 500)


async def fetch_page(client, entry: FeedEntry, settings, extract=None) -> tuple[ArticleText | None, str | None, bool]:
    """(article, problem, transient): the extracted page, or None with why and whether a retry may help.

    ``extract``: ``await extract(result, settings)`` extracts the fetched page (default: in a thread;
    :meth:`bot.work.backend.Work.extract` runs it in a worker process)."""
    try:
        result = await fetch(client, entry.link, settings, check_response=require_html)
        if extract is not None:
            return await extract(result, settings), None, False
        return await asyncio.to_thread(extract_article, result, settings), None, False
    except FetchError as exc:
        return None, str(exc), _transient(exc)
    except BriefError as exc:  # the extractor found no article on the page
        return None, str(exc), False
    except Exception as exc:  # an extractor crash must not stop the poll
        log.exception("extraction of %s failed", entry.link)
        return None, f"extraction failed: {type(exc).__name__}: {exc}", False


def memberships(topics: dict, names: tuple[str, ...], title: str | None, text: str) -> list[str]:
    """The topics among ``names`` whose keyword filter accepts the article."""
    return [n for n in names if n in topics and topics[n].filter.matches(title, text)]


def join_topics(store, topics: dict, source: SourceInfo, article_id: int) -> list[str]:
    """Add the stored article ``article_id`` to the topics of ``source`` whose filter accepts it."""
    with store.session() as s:
        article = s.get(Article, article_id)
        if article is None:
            return []
        return add_topics(s, article, memberships(topics, source.topics, article.title, article.text))


def store_entry(
    store, topics: dict, source: SourceInfo, entry: FeedEntry, canonical: str, page: ArticleText | None, max_chars: int,
    min_words: int = 0,
) -> Outcome:
    """Store the entry's article (page text, else the feed summary) with its topic rows, atomically.

    An article already stored under ``canonical`` or with the same text (:func:`content_hash`,
    for texts of at least :data:`MIN_HASH_WORDS` words) is not stored again; it joins this
    source's topics instead (see :func:`store_article`). A text that is not an article by
    :func:`bot.ingest.rules.article_problem` (fewer than ``min_words`` words, such as a feed summary
    "pdf"; not prose) is not stored: ``Outcome("skipped", reason=...)``, for the caller to report.
    """
    text = (page.text if page else entry.summary or "").strip()[:max_chars]
    problem = article_problem(text, min_words)
    if problem:  # the caller reports it
        return Outcome("skipped", reason=problem)
    title = entry.title or (page.meta.title if page else None)
    judged = page is not None and getattr(page, "judged_chars", -1) == len(text)  # the same text (a prefix of it)
    item = NewArticle(
        canonical_url=canonical,
        url=entry.link,
        text=text,
        title=title,
        headlines=(entry.title, page.meta.title if page else None),
        guid=entry.guid,
        source_id=source.id,
        source_name=source.name or (page.meta.source if page else None),
        author=entry.author or (page.meta.author if page else None),
        published_at=entry.published or parse_published(page.meta.published if page else None),
        from_feed_summary=page is None,
        language=page.language if judged else DETECT,
    )
    return store_article(store, item, memberships(topics, source.topics, title, text))


@dataclass(frozen=True)
class NewArticle:
    """An article ready to be stored: ``canonical_url`` (the dedupe key), ``url`` (as found),
    ``text`` (already capped), and its metadata. ``headlines`` are the titles a first line of
    ``text`` may repeat (left out of the content hash); ``published_at`` is UTC or None (unknown:
    never replaced by the fetch time). ``url`` is None when the article has no web address (a
    local file: its ``file://`` URI is only the ``canonical_url``, for deduplication). ``language``:
    the ISO 639-1 code by :func:`article_language` when already detected (None: unknown), or
    :data:`DETECT` to have :func:`store_article` detect it."""

    canonical_url: str
    url: str | None
    text: str
    title: str | None = None
    headlines: tuple[str | None, ...] = ()
    guid: str | None = None
    source_id: int | None = None
    source_name: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    from_feed_summary: bool = False
    language: str | None = DETECT


def store_article(store, item: NewArticle, member_of: list[str]) -> Outcome:
    """Store ``item`` with its topic rows ``member_of`` in one transaction; the one write path of
    feed entries and local files.

    Returns ``Outcome("new", id)``; or, when an article is already stored under the same
    canonical URL (``"known"``) or with the same :func:`content_hash` (``"duplicate"``, texts of
    at least :data:`MIN_HASH_WORDS` words), that article's id, after adding it to ``member_of``.
    A concurrent insert of the same canonical URL by another process counts as known; two
    processes storing the same text at once store it once (:func:`bot.store.locks.lock_content`). The
    article's language (:func:`article_language`) is stored with it; its title is cut to
    :data:`bot.ingest.feeds.MAX_TITLE_CHARS`.
    Raises :class:`ValueError` for an empty text and SQLAlchemy errors the database raises.
    """
    canonical, text = item.canonical_url, item.text
    digest = content_hash(text, item.headlines or (item.title,))
    try:
        with store.session() as s:
            lock_content(s, digest)  # the look-up and insert of this text: one process at a time
            existing = find_by_canonical_url(s, canonical)
            if existing is None and len(text.split()) >= MIN_HASH_WORDS:
                existing = find_by_content_hash(s, digest)
                if existing is not None:
                    log.info("%s has the same text as article %d (%s): not stored again", item.url or canonical, existing.id,
                             existing.url or existing.canonical_url)
            if existing is not None:
                add_topics(s, existing, member_of)
                return Outcome("known" if existing.canonical_url == canonical else "duplicate", existing.id)
            if item.published_at is None:
                log.info("%s: no publication date in the feed or the page; stored without one", item.url or canonical)
            language = article_language(text) if item.language == DETECT else item.language
            article = add_article(
                s,
                canonical_url=canonical,
                url=item.url,
                guid=item.guid,
                source_id=item.source_id,
                source_name=item.source_name,
                title=item.title[:MAX_TITLE_CHARS] if item.title else None,
                author=item.author,
                published_at=item.published_at,
                fetched_at=datetime.now(timezone.utc),
                text=text,
                content_hash=digest,
                from_feed_summary=item.from_feed_summary,
                language=language,
                topics=member_of,
            )
            return Outcome("new", article.id, item.from_feed_summary)
    except IntegrityError:  # another process stored it between our lookup and insert
        with store.session() as s:
            existing = find_by_canonical_url(s, canonical)
            if existing is None:
                raise
            add_topics(s, existing, member_of)
            return Outcome("known", existing.id)
