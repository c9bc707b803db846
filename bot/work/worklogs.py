"""Worker processes log like the process that started their pool.

A pool's worker processes are forked from a fresh forkserver, so they inherit none of the
logging set up by the command (``briefbot`` writes ``%(asctime)s %(levelname)s %(name)s:
%(message)s`` to stderr, or to ``<data_dir>/briefbot.log`` under the console adapter). Without
this, their warnings came out bare on stderr, and under the console adapter on top of its
screen. :func:`current` reads the root logger's level, format and file here; :func:`apply`
sets the same in a worker (its pool initializer). Several processes append whole lines to the
one log file (``O_APPEND``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass


@dataclass(frozen=True)
class LogSetup:
    """The root logger's ``level``, its first handler's ``format`` string (None: none set) and
    ``filename`` (None: a stream, written to the worker's stderr). Picklable."""

    level: int
    format: str | None
    filename: str | None


def current() -> LogSetup | None:
    """This process's logging setup, or None when the root logger has no handler (nothing to copy)."""
    root = logging.getLogger()
    if not root.handlers:
        return None
    handler = root.handlers[0]
    fmt = getattr(handler.formatter, "_fmt", None) if handler.formatter else None
    return LogSetup(root.level, fmt, getattr(handler, "baseFilename", None))


def apply(setup: LogSetup | None) -> None:
    """Set ``setup`` (from :func:`current` in the parent) as this process's root logging; None: leave it."""
    if setup is None:
        return
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    handler = logging.FileHandler(setup.filename, encoding="utf-8") if setup.filename else logging.StreamHandler()
    if setup.format:
        handler.setFormatter(logging.Formatter(setup.format))
    root.addHandler(handler)
    root.setLevel(setup.level)
