"""Where units run, decided by the settings: :class:`Work`.

- ``workers = 1`` and no ``queue.url``: in this process, as before (extraction in a thread,
  briefs built when first asked for).
- ``workers > 1``: a poll's entries are fetched, extracted and stored by ingest units
  (:mod:`bot.work.ingest_units`) in a :class:`~bot.work.pool.LocalPool` of ``workers``
  processes, and each newly stored article's brief unit runs there too (briefs are ready
  before a digest or ``/brief`` asks for them).
- ``queue.url`` set: brief units go to the broker (:mod:`bot.work.broker`) and any
  ``briefbot worker`` builds them; ingest units stay in this machine's pool (or process): the
  poll needs their outcomes to report and to keep a feed's validators until its entries are in.

Callers: :func:`bot.ingest.poll.poll` (``work=``), ``briefbot ingest``, ``briefbot run``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.core.errors import first_line
from bot.obs import metrics
from bot.work.units import UnitSpec, brief_articles, extract_page, reraise

log = logging.getLogger("briefbot.work")


class Work:
    """Runs units for one process. ``settings``: the :class:`~config.settings.Settings`;
    ``pool`` / ``broker``: given explicitly by tests, else made from the settings on first use.
    Brief units open ``settings.resolved_database_url``: the store the caller writes to.
    """

    def __init__(self, settings, *, pool=None, broker=None):
        self.settings = settings
        self.spec = UnitSpec.from_settings(settings)
        self._pool = pool
        self._broker = broker
        self._pending: set[asyncio.Task] = set()
        self.queued = 0

    @property
    def pooled(self) -> bool:
        """True when units run in worker processes (``workers > 1`` or a pool was given)."""
        return self._pool is not None or self.settings.workers > 1

    @property
    def brokered(self) -> bool:
        """True when brief units go through the broker (``queue.url`` set or a broker given)."""
        return self._broker is not None or bool(self.settings.queue.url)

    @property
    def pool(self):
        """The :class:`~bot.work.pool.LocalPool` (made on first use); only when :attr:`pooled`."""
        if self._pool is None:
            from bot.work.pool import LocalPool

            # extraction first: a poll's pages must not wait for the engine to load
            self._pool = LocalPool(self.settings.workers, preload=self.spec, preload_engine=False)
        return self._pool

    def start(self) -> None:
        """Start the pool's worker processes now when :attr:`pooled` (they warm the engine
        while the caller goes on, e.g. while a poll fetches its feeds); else nothing."""
        if self.pooled:
            self.pool.start()

    @property
    def broker(self):
        """The :class:`~bot.work.broker.Broker` (made on first use); only when :attr:`brokered`."""
        if self._broker is None:
            from bot.work.broker import Broker

            self._broker = Broker(self.settings)
        return self._broker

    async def extract(self, result, settings=None) -> Any:
        """The :class:`~summarizers.model.ArticleText` of fetched page ``result``, extracted in a
        thread of this process (the poll's path when not :attr:`pooled`; pooled polls fetch,
        extract and store in :meth:`ingest` units instead). Raises ``FetchError`` /
        ``NotAnArticleError`` as :func:`bot.ingest.pages.extract_article`."""
        max_chars = (settings or self.settings).max_article_chars
        metrics.ARTICLES.labels("fetched").inc()
        return reraise(await asyncio.to_thread(extract_page, result, max_chars))

    async def ingest(self, store, info, filters: dict, jobs: list) -> tuple[list, int]:
        """Fetch, extract and store ``jobs`` (``(canonical URL, FeedEntry)`` pairs of source
        ``info``; ``filters``: topic name → keyword filter) in the pool, in units of
        :data:`bot.work.ingest_units.BATCH` entries (:func:`bot.work.ingest_units.ingest_entries`).
        Only when :attr:`pooled`. Returns ``(results, requests)``: one
        :class:`~bot.ingest.entries.EntryResult` per job in order, and the HTTP requests the units
        sent. A unit that fails (a database error, :class:`~bot.work.pool.UnitLost`) gives
        its entries ``failed`` results (retried next poll) with the error as ``problem``, and is logged."""
        from bot.ingest.entries import EntryResult, Outcome
        from bot.work.ingest_units import IngestSpec, batches, ingest_entries

        spec = IngestSpec.of(store, self.settings)

        async def unit(part: list) -> tuple[list, int]:
            metrics.UNITS_QUEUED.labels("ingest").inc()
            try:
                results, sent = await self.pool.run(ingest_entries, spec, info, filters, part, kind="ingest")
            except Exception as exc:
                metrics.UNITS_FAILED.labels("ingest").inc()
                problem = f"{type(exc).__name__}: {first_line(exc)}"
                log.warning("ingest unit of %d entries of %s failed (retried next poll): %s", len(part), info.url, problem)
                return [EntryResult(canon, Outcome("failed"), problem, True, lost=True) for canon, _ in part], 0
            metrics.ARTICLES.labels("fetched").inc(sum(r.fetched for r in results))
            return results, sent

        done = await asyncio.gather(*(unit(p) for p in batches(jobs)))
        return [r for results, _ in done for r in results], sum(sent for _, sent in done)

    def article_stored(self, article_id: int) -> None:
        """A new article was stored: queue its brief unit (see :meth:`articles_stored`)."""
        self.articles_stored([article_id])

    def articles_stored(self, article_ids: list[int]) -> None:
        """New articles were stored: queue their brief units (broker: one message per article;
        pool: one unit for the lot, :func:`~bot.work.units.brief_articles`, so an ingest unit's
        articles cost one round trip; in-process: nothing, briefs are built when first asked
        for). Call from a running event loop."""
        if not article_ids or not (self.brokered or self.pooled):
            return
        self.queued += len(article_ids)
        metrics.UNITS_QUEUED.labels("brief").inc(len(article_ids))
        task = asyncio.get_running_loop().create_task(self._brief(list(article_ids)))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _brief(self, article_ids: list[int]) -> None:
        try:
            if self.brokered:
                for article_id in article_ids:
                    await asyncio.to_thread(self.broker.send_brief, article_id)
                return
            results = await self.pool.run(brief_articles, self.spec, article_ids, kind="brief")
            metrics.count_briefs(results)
        except Exception as exc:  # the briefs are then built when first asked for
            metrics.UNITS_FAILED.labels("brief").inc()
            first = first_line(exc)
            which = f"article {article_ids[0]}" if len(article_ids) == 1 else f"articles {article_ids[0]}..{article_ids[-1]}"
            log.warning("brief unit of %s failed (built when first asked for): %s: %s", which, type(exc).__name__, first)

    @property
    def pending(self) -> int:
        """Brief units queued by this process and not finished (pool) or not yet sent (broker)."""
        return len(self._pending)

    async def drain(self) -> None:
        """Wait for every brief unit queued so far (``briefbot ingest`` before it exits)."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def close(self) -> None:
        """Stop the pool's worker processes and the broker connection (units in flight finish first)."""
        if self._pool is not None:
            self._pool.close()
        if self._broker is not None:
            self._broker.close()

