"""The running bot: store, brief service, dispatcher and adapters on one event loop.

:func:`run` is what ``briefbot run`` executes. Other parts of briefbot (the scheduler) hook
into it without editing this module by appending to :data:`startup_hooks` (called after
the adapters started, with the :class:`Runtime`) and :data:`shutdown_hooks` (called before
the adapters stop)::

    from bot.core import runtime

    async def start_scheduler(rt: runtime.Runtime) -> None:
        ...  # rt.adapters["slack"].send(channel, digest), rt.store, rt.settings, rt.service

    runtime.startup_hooks.append(start_scheduler)

The loop stops on SIGINT/SIGTERM, on :meth:`Runtime.request_stop`, or when every adapter
has ended by itself (the console adapter ends at end of input).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass, field
from typing import Awaitable, Callable

from bot import __version__
from bot.adapters.base import Adapter
from bot.core.commands import Dispatcher
from bot.core.service import BriefService
from bot.store.db import Store

log = logging.getLogger("briefbot.runtime")

Hook = Callable[["Runtime"], Awaitable[None]]
startup_hooks: list[Hook] = []
"""Called in order after the adapters started; an exception stops the bot (logged)."""
shutdown_hooks: list[Hook] = []
"""Called in reverse order before the adapters stop; exceptions are logged and ignored."""


@dataclass
class Runtime:
    """Everything a running bot shares: settings, store, service, dispatcher and adapters by name."""

    settings: object
    store: Store
    service: BriefService
    dispatcher: Dispatcher
    adapters: dict[str, Adapter] = field(default_factory=dict)
    stop_event: asyncio.Event = field(default_factory=asyncio.Event)

    def request_stop(self) -> None:
        """Ask the bot to shut down cleanly (thread-unsafe: call from the loop)."""
        self.stop_event.set()


async def run(
    settings,
    adapters: list[Adapter],
    *,
    store: Store | None = None,
    service: BriefService | None = None,
    handle_signals: bool = True,
) -> None:
    """Run ``adapters`` until a stop signal, :meth:`Runtime.request_stop` or all adapters ended.

    Opens the store at ``settings.resolved_database_url`` unless ``store`` is given, builds the
    :class:`BriefService` unless ``service`` is given, starts every adapter, runs the startup
    hooks, logs a health line, waits, then shuts down in reverse. The engine is warmed up in
    the background so the first command is fast. Raises what an adapter's ``start`` raises.
    """
    if store is None:
        from bot.store.db import open_store

        store = await asyncio.to_thread(open_store, settings.resolved_database_url, not settings.database_url)
    if service is None:
        service = BriefService(settings, store)
    rt = Runtime(settings, store, service, Dispatcher(service))
    loop = asyncio.get_running_loop()
    installed: list[int] = []
    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, _on_signal, rt, sig)
                installed.append(sig)
            except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix or non-main thread
                pass
    # Load the NLP model in the background when an adapter has an acknowledgement deadline
    # (Slack, Discord); the console has none and loads it on the first brief instead.
    warm_up = any(getattr(a, "warm_up", True) for a in adapters)
    warm = asyncio.create_task(_warm(service) if warm_up else asyncio.sleep(0), name="engine-warm-up")
    started: list[Adapter] = []
    try:
        for adapter in adapters:
            await adapter.start(rt.dispatcher)
            started.append(adapter)
            rt.adapters[adapter.name] = adapter
        for hook in startup_hooks:
            await hook(rt)
        log.info(
            "briefbot %s running: adapters=%s topics=%s store=%s",
            __version__,
            ",".join(rt.adapters) or "-",
            ",".join(service.topics) or "-",
            store.engine.url.render_as_string(hide_password=True),
        )
        await _wait(rt, started)
        log.info("briefbot stopping")
    finally:
        for hook in reversed(shutdown_hooks):
            try:
                await hook(rt)
            except Exception:
                log.exception("shutdown hook %r failed", hook)
        for adapter in reversed(started):
            try:
                await adapter.stop()
            except Exception:
                log.exception("adapter %s did not stop cleanly", adapter.name)
        warm.cancel()
        await asyncio.gather(warm, return_exceptions=True)
        await asyncio.to_thread(service.close)
        for sig in installed:
            loop.remove_signal_handler(sig)
        log.info("briefbot stopped")


def _on_signal(rt: Runtime, sig: int) -> None:
    log.warning("received %s, shutting down", signal.Signals(sig).name)
    rt.request_stop()


async def _warm(service: BriefService) -> None:
    try:
        await service.warm_up()
    except Exception as exc:  # the first command will report it to the user
        log.warning("brief engine could not be loaded: %s", exc)


async def _wait(rt: Runtime, adapters: list[Adapter]) -> None:
    """Until stop is requested or every adapter that can end by itself (``wait_closed``) ended."""
    waiters = [asyncio.ensure_future(a.wait_closed()) for a in adapters if hasattr(a, "wait_closed")]
    stop = asyncio.ensure_future(rt.stop_event.wait())
    pending = [stop, *waiters]
    try:
        if waiters and len(waiters) == len(adapters):
            all_ended = asyncio.ensure_future(asyncio.gather(*waiters))
            pending.append(all_ended)
            await asyncio.wait({stop, all_ended}, return_when=asyncio.FIRST_COMPLETED)
        else:
            await stop
    finally:
        for f in pending:
            f.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
