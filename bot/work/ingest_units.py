"""The ingest unit: fetch, extract and store a batch of one feed's new entries in a worker process.

With ``workers > 1`` the polling process only fetches and parses the feeds; each feed's new
entries go to the pool in batches (:func:`ingest_entries`), and the worker fetches their pages
(concurrently, through the same URL guard and limits), extracts them, detects their language
and stores them (:func:`bot.ingest.entries.store_entry`, the one write path). The polling
process then only reports and queues brief units, so a poll uses every core instead of being
bound by the process that holds the HTTP client and the database writes.

Idempotent by article: an entry stored already (by an earlier run of the same unit whose worker
died, or by another process) comes back ``known``, never stored twice
(:func:`bot.ingest.entries.store_article` dedupes by canonical URL and content hash).

Each worker process keeps one event loop and one guarded HTTP client per HTTP settings, so
connections are reused from one unit to the next.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from bot.ingest.entries import EntryResult, SourceInfo, ingest_entry
from bot.ingest.feeds import FeedEntry

BATCH = 10
"""Entries per ingest unit: small enough that one feed's entries spread over the workers,
large enough that the pool's per-unit cost (pickling, a pipe round trip) stays small."""


@dataclass(frozen=True)
class IngestSpec:
    """What a worker needs to ingest entries: the database URL of the polling process's store,
    the ``http`` settings (:class:`~config.settings.HttpSettings`), the text cap
    (``max_chars``, characters) and the article rule's ``min_words``. Picklable."""

    database_url: str
    http: Any
    max_chars: int
    min_words: int

    @classmethod
    def of(cls, store, settings) -> "IngestSpec":
        """The spec for polling into ``store`` (a :class:`~bot.store.db.Store`) with ``settings``."""
        url = store.engine.url.render_as_string(hide_password=False)
        return cls(url, settings.http, settings.max_article_chars, getattr(settings, "min_article_words", 0))


class _Worker:
    """This process's event loop and HTTP clients (built on first use)."""

    lock = threading.Lock()
    loop: asyncio.AbstractEventLoop | None = None
    clients: dict[str, Any] = {}
    sent = 0


def _count() -> None:
    _Worker.sent += 1


def _client(settings):
    from bot.ingest.safety import guarded_client

    key = settings.http.model_dump_json()
    if key not in _Worker.clients:
        _Worker.clients[key] = guarded_client(settings, on_sent=_count)
    return _Worker.clients[key]


async def _extract_here(result, settings):
    """Extraction in this worker process itself (no thread: the worker has nothing else to do)."""
    from bot.work.units import extract_page, reraise

    return reraise(extract_page(result, settings.max_article_chars))


async def _ingest(spec: IngestSpec, info: SourceInfo, filters: dict, jobs: list[tuple[str, FeedEntry]]) -> list[EntryResult]:
    from bot.work.units import store_for

    settings = SimpleNamespace(http=spec.http, max_article_chars=spec.max_chars, min_article_words=spec.min_words)
    client = _client(settings)
    store = store_for(spec.database_url)
    topics = {name: SimpleNamespace(filter=f) for name, f in filters.items()}
    slots = asyncio.Semaphore(max(1, spec.http.concurrency))

    async def one(canon: str, entry: FeedEntry) -> EntryResult:
        async with slots:
            return await ingest_entry(client, store, topics, info, entry, canon, settings, _extract_here)

    return list(await asyncio.gather(*(one(c, e) for c, e in jobs)))


def ingest_entries(spec: IngestSpec, info: SourceInfo, filters: dict, jobs: list[tuple[str, FeedEntry]]) -> tuple[list[EntryResult], int]:
    """Unit: fetch, extract and store ``jobs`` (``(canonical URL, entry)`` pairs of the source
    ``info``; ``filters`` maps each of the source's topics to its keyword filter).

    Returns ``(results, requests)``: one :class:`EntryResult` per job in order, and the number of
    HTTP requests sent. Per entry, as the in-process poll: an unusable page falls back to the
    feed's summary; with neither, the entry is ``failed`` (a retry may help) or ``skipped``.
    Raises database errors (the caller then leaves the batch for the next poll).
    """
    with _Worker.lock:  # one unit at a time per process (the pool never runs two, but be sure)
        if _Worker.loop is None:
            _Worker.loop = asyncio.new_event_loop()
        before = _Worker.sent
        results = _Worker.loop.run_until_complete(_ingest(spec, info, filters, jobs))
        return results, _Worker.sent - before


def batches(jobs: list, size: int = BATCH) -> list[list]:
    """``jobs`` cut into lists of at most ``size`` (> 0)."""
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]
