"""Digest schedules: parse what a user types into a normalized :class:`Schedule`.

Grammar (case-insensitive; the time zone is optional and defaults to the configured one)::

    daily HH:MM [ZONE]        every day at HH:MM local time  ("daily 8am" and "daily 7:30pm" work too)
    weekdays HH:MM [ZONE]     Monday to Friday at HH:MM local time
    every N(m|h|d|w) [ZONE]   every N minutes, hours, days or weeks (5m to 30d), counted from subscribing

``N(m|h|d|w)`` follows the one duration rule of :mod:`bot.core.durations` (whole minutes are kept).

``ZONE`` is an IANA name such as ``America/Mexico_City`` (matched case-insensitively) or ``UTC``.
Bad input raises :class:`ScheduleError` whose message tells the user what to type instead.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Literal

from bot.core.durations import DurationError, parse_duration
from bot.core.echo import shorten

MIN_INTERVAL = timedelta(minutes=5)
MAX_INTERVAL = timedelta(days=30)

_TIME_RE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
USAGE = "daily 08:00 [Area/City], weekdays 07:30 [Area/City] or every 4h (also 30m, 1d)"


class ScheduleError(ValueError):
    """A schedule, time or time zone the user typed is invalid; ``str(err)`` is meant for the user."""


@dataclass(frozen=True)
class Schedule:
    """A normalized schedule.

    ``kind`` is ``daily``, ``weekdays`` or ``every``; ``hour``/``minute`` are local wall-clock
    time for the first two; ``interval`` the period of ``every``.
    """

    kind: Literal["daily", "weekdays", "every"]
    hour: int = 0
    minute: int = 0
    interval: timedelta | None = None

    @property
    def text(self) -> str:
        """The normalized text stored in ``Subscription.schedule`` (``daily 08:00``, ``every 4h``)."""
        if self.kind == "every":
            assert self.interval is not None
            secs = int(self.interval.total_seconds())
            for unit, size in (("d", 86400), ("h", 3600)):
                if secs % size == 0:
                    return f"every {secs // size}{unit}"
            return f"every {secs // 60}m"
        return f"{self.kind} {self.hour:02d}:{self.minute:02d}"

    def describe(self, tz: str) -> str:
        """Human text: ``every day at 08:00 (America/Mexico_City)``."""
        if self.kind == "every":
            return f"{self.text}"
        when = "every day" if self.kind == "daily" else "Monday to Friday"
        return f"{when} at {self.hour:02d}:{self.minute:02d} ({tz})"


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def parse_timezone(text: str) -> str:
    """The canonical IANA name for ``text`` (case-insensitive). Raises :class:`ScheduleError`."""
    name = text.strip()
    canonical = _zone_names().get(name.lower())
    if canonical is None and name.upper() == "UTC":
        canonical = "UTC"
    if canonical is None:
        raise ScheduleError(
            f"unknown time zone '{shorten(text)}': use an IANA name such as America/Mexico_City, Europe/Berlin or UTC"
        )
    return canonical


def parse_time(text: str) -> tuple[int, int]:
    """``08:00``, ``8:00``, ``8am``, ``7:30pm`` → (hour, minute) in 24-hour time. Raises :class:`ScheduleError`."""
    m = _TIME_RE.match(text.strip())
    if not m:
        raise ScheduleError(f"'{shorten(text)}' is not a time of day: write it as HH:MM in 24-hour time, e.g. 08:00 or 17:30")
    hour, minute, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ScheduleError(f"'{shorten(text)}' is not a time of day: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif m.group(2) is None:
        raise ScheduleError(f"'{shorten(text)}' is not a time of day: write it as HH:MM, e.g. 08:00")
    if hour > 23 or minute > 59:
        raise ScheduleError(f"'{shorten(text)}' is not a time of day: hours go 00-23 and minutes 00-59")
    return hour, minute


def parse_interval(text: str) -> timedelta:
    """``30m``, ``4h``, ``1d``, ``1.5h`` → a timedelta of whole minutes within [5 minutes, 30 days].

    Raises :class:`ScheduleError` (text that is no duration, or out of range; the text is
    echoed shortened to 80 characters).
    """
    try:
        delta = parse_duration(text, minimum=MIN_INTERVAL, maximum=MAX_INTERVAL, what="interval")
    except DurationError as exc:
        raise ScheduleError(str(exc)) from exc
    return timedelta(minutes=round(delta.total_seconds() / 60))


def parse_schedule(words: list[str], default_tz: str) -> tuple[Schedule, str]:
    """Parse the words after the topic (``["daily", "08:00", "America/Mexico_City"]``).

    Returns ``(schedule, time_zone)`` where the zone is ``default_tz`` when none is given.
    Raises :class:`ScheduleError` with a message for the user.
    """
    if not words:
        raise ScheduleError(f"say when: {USAGE}")
    kind, rest = words[0].lower(), list(words[1:])
    if kind in {"daily", "weekdays"}:
        if not rest:
            raise ScheduleError(f"'{kind}' needs a time of day, e.g. {kind} 08:00")
        # "7:30 pm" arrives as two words
        if len(rest) >= 2 and rest[1].lower() in {"am", "pm"}:
            rest = [rest[0] + rest[1]] + rest[2:]
        hour, minute = parse_time(rest[0])
        sched = Schedule(kind, hour, minute)  # type: ignore[arg-type]
        rest = rest[1:]
    elif kind == "every":
        if not rest:
            raise ScheduleError("'every' needs an interval, e.g. every 4h")
        if len(rest) >= 2 and rest[0].isdigit() and not rest[1][:1].isdigit() and "/" not in rest[1]:
            rest = [rest[0] + rest[1]] + rest[2:]  # "every 4 h"
        sched = Schedule("every", interval=parse_interval(rest[0]))
        rest = rest[1:]
    else:
        raise ScheduleError(f"'{shorten(words[0])}' is not a schedule: use {USAGE}")
    if len(rest) > 1:
        raise ScheduleError(f"unexpected words after the schedule: '{shorten(' '.join(rest[1:]))}'. Use {USAGE}")
    tz = parse_timezone(rest[0]) if rest else parse_timezone(default_tz)
    return sched, tz


def schedule_from_text(text: str) -> Schedule:
    """Rebuild a :class:`Schedule` from its normalized :attr:`Schedule.text` (as stored)."""
    sched, _ = parse_schedule(text.split(), "UTC")
    return sched
