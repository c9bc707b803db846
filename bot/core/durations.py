"""Durations users type (``90m``, ``24h``, ``7d``, ``2w``): one parser, one rule, everywhere.

Used by ``briefbot brief --since``, ``briefbot digest --since``, ``briefbot ingest`` and the
chat schedule ``/brief subscribe TOPIC every 4h``. The rule: a positive number (an integer
or a decimal such as ``1.5``), optional spaces, and a unit: ``m``/``min``/``minutes``,
``h``/``hr``/``hours``, ``d``/``days`` or ``w``/``weeks`` (case-insensitive). Zero is not a
duration, and nothing longer than :data:`MAX_DURATION` (100 years) is accepted, so no date
arithmetic can overflow; callers may narrow the range (subscriptions: 5 minutes to 30 days).
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

from bot.core.echo import shorten

MAX_DURATION = timedelta(days=36525)
"""The longest duration accepted anywhere: 100 years (36,525 days)."""

_DURATION_RE = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*"
    r"(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s*$",
    re.IGNORECASE,
)
_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
EXAMPLES = "90m, 24h, 7d or 2w"


class DurationError(ValueError):
    """Text that is not a duration, or one out of range; ``str(err)`` is meant for the user."""


def format_duration(delta: timedelta) -> str:
    """A short form of ``delta``: ``30m``, ``4h``, ``7d``, ``36525d`` (the largest whole unit that fits)."""
    secs = int(delta.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600)):
        if secs and secs % size == 0:
            return f"{secs // size}{unit}"
    return f"{secs // 60}m" if secs and secs % 60 == 0 else f"{secs}s"


def parse_duration(
    text: str | None,
    *,
    minimum: timedelta | None = None,
    maximum: timedelta = MAX_DURATION,
    what: str = "duration",
) -> timedelta:
    """``"90m"``, ``"24h"``, ``"7d"``, ``"2w"``, ``"1.5h"`` → a :class:`~datetime.timedelta`.

    ``minimum`` (default: anything above zero) and ``maximum`` (default and ceiling:
    :data:`MAX_DURATION`) bound the result, inclusive. ``what`` names the value in messages
    (``"--since"``, ``"interval"``). Raises :class:`DurationError` for text that does not
    follow the rule above, zero, or a value outside the range; the user's text is echoed
    shortened to 80 characters.
    """
    maximum = min(maximum, MAX_DURATION)
    m = _DURATION_RE.match(text or "")
    if not m:
        raise DurationError(
            f"{what} '{shorten(text or '')}' is not a duration: write a number and a unit, e.g. {EXAMPLES}"
        )
    seconds = float(m.group(1)) * _SECONDS[m.group(2)[0].lower()]
    if seconds == 0:
        raise DurationError(f"{what} '{shorten(text)}' is not a duration: it must be more than zero")
    low = minimum if minimum is not None else timedelta(seconds=1)
    if not math.isfinite(seconds) or not low.total_seconds() <= seconds <= maximum.total_seconds():
        top = format_duration(maximum) + (" (100 years)" if maximum == MAX_DURATION else "")
        if minimum is not None:
            span = f"from {format_duration(low)} to {top}"
        else:
            span = f"at least {format_duration(low)}" if seconds < low.total_seconds() else f"at most {top}"
        raise DurationError(f"{what} '{shorten(text)}' is out of range: {span}")
    return timedelta(seconds=round(seconds))
