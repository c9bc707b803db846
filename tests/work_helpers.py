"""Units for the pool tests (importable by worker processes by module name)."""

from __future__ import annotations

import os
import time


def slow_pid(seconds: float) -> int:
    """Sleep ``seconds``, then return this worker's process id."""
    time.sleep(seconds)
    return os.getpid()


def die() -> None:
    """Kill this worker process at once (a unit that crashes its worker every time)."""
    os._exit(9)


def warn(message: str) -> int:
    """Log ``message`` as a warning of the ``briefbot.work`` logger in this worker; its process id."""
    import logging

    logging.getLogger("briefbot.work").warning(message)
    return os.getpid()


def die_after(seconds: float) -> None:
    """Sleep ``seconds``, then kill this worker process (a unit that crashes its worker every
    time, after the units beside it have been queued)."""
    time.sleep(seconds)
    os._exit(9)
