"""Job functions, at module level so every job has a stable reference and an explicit id.

Jobs carry only ids (``subscription_id``, ``source_id``); the running
:class:`Scheduler` (the ``DigestScheduler``) is found through :func:`bind`.

Job ids: ``digest:<subscription id>``, ``catchup:<subscription id>``, ``poll:<source id>``, ``resync``.
"""

from __future__ import annotations

from typing import Protocol


class Scheduler(Protocol):
    """What the job functions call (implemented by :class:`bot.scheduler.service.DigestScheduler`;
    named here so this module does not import it back)."""

    async def run_digest(self, subscription_id: int, catch_up: bool = False) -> None: ...

    async def run_poll(self, source_id: int) -> None: ...

    async def resync(self) -> None: ...


_current: Scheduler | None = None


def bind(scheduler: Scheduler | None) -> None:
    """Make ``scheduler`` the one the job functions use (None to unbind)."""
    global _current
    _current = scheduler


def _sched() -> Scheduler:
    if _current is None:
        raise RuntimeError("no DigestScheduler is running")
    return _current


def digest_job_id(subscription_id: int) -> str:
    return f"digest:{subscription_id}"


def catchup_job_id(subscription_id: int) -> str:
    return f"catchup:{subscription_id}"


def poll_job_id(source_id: int) -> str:
    return f"poll:{source_id}"


async def digest_job(subscription_id: int) -> None:
    """A subscription's scheduled digest is due."""
    await _sched().run_digest(subscription_id)


async def catchup_job(subscription_id: int) -> None:
    """A digest missed during downtime, run once at start (within the grace period)."""
    await _sched().run_digest(subscription_id, catch_up=True)


async def poll_job(source_id: int) -> None:
    """A source's poll interval elapsed."""
    await _sched().run_poll(source_id)


async def resync_job() -> None:
    """Re-read subscriptions and sources (picks up changes made by other instances)."""
    await _sched().resync()
