"""Starting the digest scheduler inside ``briefbot run`` (the bot runtime's startup hook).

:func:`install` appends :func:`start_scheduler` / :func:`stop_scheduler` to
:data:`bot.core.runtime.startup_hooks` / ``shutdown_hooks`` (once). The scheduler shares
the runtime's store, adapters, topics and brief engine thread.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.scheduler.service import DigestScheduler

log = logging.getLogger("briefbot.scheduler")
_running: dict[int, DigestScheduler] = {}


def default_poll(settings, store) -> Callable[[int], Awaitable[Any]] | None:
    """The ingestion layer's per-source poll as ``await poll(source_id)``, or None when not installed."""
    try:
        from bot.ingest.poll import poll_source  # the ingestion engineer's entry point
    except ImportError:
        return None

    async def poll(source_id: int) -> Any:
        return await poll_source(settings, store, source_id)

    return poll


async def start_scheduler(rt) -> None:
    """Startup hook: build and start a :class:`DigestScheduler` for the runtime ``rt``."""
    runner = DigestRunner(rt.settings, rt.store, StoryBriefer.from_service(rt.service), rt.adapters, topics=rt.service.topics)
    sched = DigestScheduler(runner, poll=default_poll(rt.settings, rt.store))
    await sched.start()
    _running[id(rt)] = sched


async def stop_scheduler(rt) -> None:
    """Shutdown hook: stop the runtime's scheduler (running digests get a short grace)."""
    sched = _running.pop(id(rt), None)
    if sched is not None:
        await sched.stop()


def install() -> None:
    """Register the hooks with :mod:`bot.core.runtime` (idempotent)."""
    from bot.core import runtime

    if start_scheduler not in runtime.startup_hooks:
        runtime.startup_hooks.append(start_scheduler)
    if stop_scheduler not in runtime.shutdown_hooks:
        runtime.shutdown_hooks.append(stop_scheduler)
