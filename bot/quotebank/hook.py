"""Warming the trends chart when ``briefbot run`` starts, so no ``/brief trends`` pays for it.

:func:`install` appends a startup hook to :data:`bot.core.runtime.startup_hooks` (once): when
a started adapter answers within a deadline (Slack, Discord: ``warm_up`` true, as for the NLP
engine) :func:`bot.quotebank.chart.warm` runs in a background thread (about 0.5-1 s:
importing matplotlib, building the figure, caching fonts). The console keeps its quick start
and builds the figure on its first chart.

The thread is not a daemon: a bot stopped during the warm-up (SIGTERM right after start) waits
for it before the interpreter finalizes. A daemon thread would still be drawing then, inside
matplotlib's C++ font code, which calls back into Python to read the font file; a thread that
asks for the GIL during finalization is ended with ``pthread_exit``, whose unwinding through
those C++ frames calls ``std::terminate``: "terminate called without an active exception" and
exit status -6 (SIGABRT) instead of 0.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("briefbot.quotebank")


async def warm_chart(rt) -> None:
    """Start warming the chart in the background when an adapter of ``rt`` has a reply deadline."""
    if not any(getattr(a, "warm_up", True) for a in rt.adapters.values()):
        return
    threading.Thread(target=_warm, name="chart-warm-up", daemon=False).start()  # joined at exit: see above


def _warm() -> None:
    from bot.quotebank.chart import warm

    try:
        warm()
    except Exception as exc:  # the first /brief trends reports it to the user
        log.warning("the trends chart could not be prepared: %s", exc)


def install() -> None:
    """Register :func:`warm_chart` with :mod:`bot.core.runtime` (idempotent)."""
    from bot.core import runtime

    if warm_chart not in runtime.startup_hooks:
        runtime.startup_hooks.append(warm_chart)
