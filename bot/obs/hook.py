"""``/healthz`` and ``/metrics`` inside ``briefbot run`` (a startup hook of :mod:`bot.core.runtime`).

Checks: ``database`` (``SELECT 1``), ``scheduler`` (the digest scheduler runs; set by
:mod:`bot.scheduler.hook` as ``rt.scheduler``) and one ``adapter:<name>`` per adapter: an
adapter that can tell (a ``health()`` method returning None or a problem) is asked; one that
has ended (``wait_closed`` finished) is reported.
"""

from __future__ import annotations

from bot.obs.health import Check, database_check, serve

_servers: dict[int, object] = {}


def runtime_checks(rt) -> dict[str, Check]:
    """The health checks of a running bot ``rt`` (a :class:`bot.core.runtime.Runtime`)."""

    def scheduler() -> str | None:
        sched = getattr(rt, "scheduler", None)
        if sched is None:
            return "the digest scheduler has not started"
        return None if sched.scheduler.running else "the digest scheduler is not running"

    checks: dict[str, Check] = {"database": database_check(rt.store), "scheduler": scheduler}
    for name, adapter in rt.adapters.items():
        checks[f"adapter:{name}"] = _adapter_check(adapter)
    return checks


def _adapter_check(adapter) -> Check:
    def check() -> str | None:
        health = getattr(adapter, "health", None)
        if callable(health):
            return health()
        return None

    return check


async def start_health(rt) -> None:
    """Startup hook: serve the runtime's health and metrics (unless ``health.port`` is 0)."""
    server = serve(rt.settings, runtime_checks(rt))
    if server is not None:
        _servers[id(rt)] = server


async def stop_health(rt) -> None:
    """Shutdown hook: stop serving."""
    server = _servers.pop(id(rt), None)
    if server is not None:
        server.stop()


def install() -> None:
    """Register the hooks with :mod:`bot.core.runtime` (idempotent; after the scheduler's)."""
    from bot.core import runtime

    if start_health not in runtime.startup_hooks:
        runtime.startup_hooks.append(start_health)
    if stop_health not in runtime.shutdown_hooks:
        runtime.shutdown_hooks.insert(0, stop_health)
