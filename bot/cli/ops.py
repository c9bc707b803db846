"""``briefbot worker`` (builds briefs queued on the broker) and ``briefbot status`` (health for a person).

Also installs the ``/healthz`` and ``/metrics`` server into ``briefbot run`` (:mod:`bot.obs.hook`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Optional

import typer

from bot.cli.app import app, fail, open_configured_store, state
from bot.core.errors import first_line
from bot.obs.hook import install as _install_health

_install_health()

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


@app.command("worker")
def worker_command(
    ctx: typer.Context,
    concurrency: Optional[int] = typer.Option(
        None, "--concurrency", "-n", min=1, max=256, help="Worker processes (default: the 'workers' setting).",
        show_default=False,
    ),
) -> None:
    """Build the briefs queued on the broker (queue.url) until stopped (SIGTERM: finish the running units)."""
    settings = state(ctx).settings()
    if not settings.queue.url:
        raise fail("no broker configured: set queue.url (or BRIEFBOT_QUEUE__URL) to redis://... or amqp://...", code=2)
    _multiprocess_metrics()
    store = open_configured_store(settings)  # migrates the schema before any unit touches it
    store.engine.dispose()  # no connection is shared with the forked worker processes

    from bot.obs.health import database_check, serve
    from bot.work import broker

    celery = broker.configure(settings)
    server = serve(settings, {"database": database_check(store), "broker": _broker_check(celery)})
    n = concurrency or settings.workers
    _warm_engine(settings)  # before Celery forks its worker processes: they share the loaded model
    try:
        celery.worker_main(argv=[
            "worker", f"--concurrency={n}", "--pool=prefork", f"--queues={settings.queue.name}",
            "--loglevel=INFO", "--without-gossip", "--without-mingle", f"--hostname=briefbot-{os.getpid()}@%h",
        ])
    finally:
        if server is not None:
            server.stop()


def _warm_engine(settings) -> None:
    """Load the engine of ``settings`` in this process (:func:`bot.work.preload.warm`), so each
    prefork child starts with the spaCy pipeline loaded (shared copy-on-write) instead of loading
    its own before its first unit. A failure is one warning line: the children then load lazily."""
    from bot.work.preload import warm
    from bot.work.units import UnitSpec

    try:
        warm(UnitSpec.from_settings(settings))
    except Exception as exc:  # e.g. no spaCy model: units report it themselves
        first = first_line(exc, 200) or type(exc).__name__
        typer.echo(f"briefbot: warning: the engine could not be preloaded ({first}); each worker process loads its own",
                   err=True)


def _multiprocess_metrics() -> None:
    """Re-start this command with ``PROMETHEUS_MULTIPROC_DIR`` set (prometheus-client reads it at
    import), so ``/metrics`` adds up the counters of every worker process."""
    if os.environ.get(MULTIPROC_ENV):
        return
    script = sys.argv[0]
    if not (os.path.basename(script) == "briefbot" and os.path.isfile(script)):
        return  # not started as the briefbot command (e.g. a test runner): this process's metrics only
    os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="briefbot-metrics-")
    os.execv(script, sys.argv)


def _broker_check(celery):
    def check() -> str | None:
        try:
            with celery.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=3)
        except Exception as exc:  # kombu/amqp/redis errors
            return f"the broker does not answer: {first_line(exc) or type(exc).__name__}"
        return None

    return check


@app.command("status")
def status_command(ctx: typer.Context) -> None:
    """Print the bot's state for a person: failing sources, pending deliveries, queue depth, last digests."""
    from rich.console import Console

    from bot.obs.status import collect, render

    settings = state(ctx).settings()
    store = open_configured_store(settings)
    try:
        facts = collect(settings, store)
    finally:
        store.engine.dispose()
    console = Console(width=max(Console().width, 120) if not sys.stdout.isatty() else None)
    for table in render(facts):
        console.print(table)
