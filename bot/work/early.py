"""Starting the local pool's forkserver before the command line is even imported.

``briefbot brief TOPIC -a F1 -a F2 ...`` briefs its articles in a :class:`~bot.work.pool.LocalPool`
whose forkserver loads the engine once (about 2.5 s of CPU, :mod:`bot.work.preload`) before it
forks the workers. Started by the command itself, that warm-up waits for the command line's own
imports (Typer, SQLAlchemy, pydantic: about 0.7 s) and the settings. Started here, from the
console script (:mod:`bot.launch`) before those imports, it runs on the other core meanwhile.

Only the command line is read here (no settings: loading them is part of what is overlapped).
The forkserver loads the settings itself, from the same ``--config`` file and environment, and
warms the engine only when they ask for more than one worker process for that many sources
(``min(workers, sources) > 1``, the rule of ``bot.cli.brief``); otherwise it stays idle and
costs nothing. When the command then starts its pool, :func:`bot.work.pool.start_forkserver`
finds the forkserver running and uses it.
"""

from __future__ import annotations

import sys

GLOBAL_VALUE_OPTIONS = ("-c", "--config")
"""Global options of ``briefbot`` that take a value (the others are flags: -v, --version)."""

SOURCE_OPTIONS = ("-a", "--article")
"""Options of ``briefbot brief`` that each name one source."""


def pooled_brief(args: list[str]) -> tuple[str | None, int] | None:
    """``(config, sources)`` when ``args`` (the command line after the program name) runs
    ``briefbot brief`` with at least two ``--article`` sources, else None. ``config`` is the
    ``--config``/``-c`` value given before the command (None: the default file). Never raises:
    a command line this does not understand gives None, and the command reports its errors."""
    config: str | None = None
    i = 0
    while i < len(args) and args[i].startswith("-"):
        option = args[i]
        if option in GLOBAL_VALUE_OPTIONS and i + 1 < len(args):
            config, i = args[i + 1], i + 2
            continue
        if option.startswith("--config="):
            config = option.split("=", 1)[1]
        elif option == "--":
            return None
        i += 1
    if i >= len(args) or args[i] != "brief":
        return None
    sources = 0
    for j, arg in enumerate(args[i + 1:], start=i + 1):
        if arg == "--":
            break
        if arg in SOURCE_OPTIONS and j + 1 < len(args):
            sources += 1
        elif arg.startswith("--article=") or (arg.startswith("-a") and len(arg) > 2 and not arg.startswith("--")):
            sources += 1
    return (config, sources) if sources >= 2 else None


def start_for(args: list[str]) -> bool:
    """Start the forkserver now when ``args`` is a pooled ``briefbot brief`` (:func:`pooled_brief`)
    on a platform whose pool uses a forkserver. Returns True when it was started. A failure to
    start is not an error: the command's pool starts it later, as without this."""
    found = pooled_brief(args)
    if found is None or not sys.platform.startswith("linux"):
        return False
    config, sources = found
    try:
        from bot.work.pool import start_forkserver

        return start_forkserver({"settings": {"config": config, "sources": sources}, "engine": True})
    except Exception:  # noqa: BLE001 - the command's own pool start reports real problems
        return False
