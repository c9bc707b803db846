"""Starting the digest scheduler inside ``briefbot run`` (the bot runtime's startup hook).

:func:`install` appends :func:`start_scheduler` / :func:`stop_scheduler` to
:data:`bot.core.runtime.startup_hooks` / ``shutdown_hooks`` (once). The scheduler shares
the runtime's store, adapters, topics and brief engine thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Awaitable, Callable

if TYPE_CHECKING:  # imported when the bot starts: a command that runs no scheduler does not load the store
    from bot.scheduler.service import DigestScheduler

log = logging.getLogger("briefbot.scheduler")
_running: "dict[int, DigestScheduler]" = {}
_work: dict[int, object] = {}


def default_poll(settings, store, topics: dict, work=None) -> Callable[[int], Awaitable[Any]] | None:
    """``await poll(source_id)`` through the ingestion layer, or None when it is not installed.

    The ingestion layer polls by topic and skips sources that are not due (``due_only``,
    its ``next_poll_at`` with backoff), so a source's job polls the topics that follow it;
    polls are serialised so that two sources' jobs firing together fetch each feed once.
    Sources are synced from the topic files into the store first, so their jobs exist from
    the first start. ``work`` (a :class:`bot.work.backend.Work`) runs extraction and brief units
    in worker processes or through the broker; each poll is added to the metrics.
    """
    try:
        from bot.ingest.poll import poll as ingest_poll
        from bot.store.sources import sync_sources
    except ImportError:
        return None
    import asyncio

    from bot.store.models import Source

    with store.session() as s:
        sync_sources(s, topics)
    lock = asyncio.Lock()

    async def poll(source_id: int) -> Any:
        with store.read_session() as s:
            src = s.get(Source, source_id)
            url = src.url if src is not None else None
        names = [n for n, t in topics.items() if any(f.url == url for f in t.feeds)]
        if not names:
            return None
        async with lock:
            report = await ingest_poll(store, settings, topics, names, due_only=True, work=work)
        from bot.obs import metrics

        metrics.count_poll(report)
        return report

    return poll


async def start_scheduler(rt) -> None:
    """Startup hook: build and start a :class:`DigestScheduler` for the runtime ``rt``."""
    from bot.digest.briefs import StoryBriefer
    from bot.digest.deliver import DigestRunner
    from bot.scheduler.service import DigestScheduler

    runner = DigestRunner(rt.settings, rt.store, StoryBriefer.from_service(rt.service), rt.adapters, topics=rt.service.topics)
    from bot.work.backend import Work  # imported here: prometheus-client and the pool load when the bot starts

    work = Work(rt.settings)
    poll = default_poll(rt.settings, rt.store, rt.service.topics, work) if rt.settings.poll_feeds else None
    sched = DigestScheduler(runner, poll=poll)
    await sched.start()
    _running[id(rt)] = sched
    _work[id(rt)] = work
    rt.scheduler, rt.work = sched, work  # for the health checks (bot.obs.hook)


async def stop_scheduler(rt) -> None:
    """Shutdown hook: stop the runtime's scheduler (running digests get a short grace)."""
    sched = _running.pop(id(rt), None)
    if sched is not None:
        await sched.stop()
    work = _work.pop(id(rt), None)
    if work is not None:
        import asyncio

        await asyncio.to_thread(work.close)


def install() -> None:
    """Register the hooks with :mod:`bot.core.runtime` (idempotent)."""
    from bot.core import runtime

    if start_scheduler not in runtime.startup_hooks:
        runtime.startup_hooks.append(start_scheduler)
    if stop_scheduler not in runtime.shutdown_hooks:
        runtime.shutdown_hooks.append(stop_scheduler)
