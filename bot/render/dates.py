"""Dates as people write them, for briefs and digests: ``6 March 2025`` instead of ``2025-03-06T15:40:00+00:00``.

The day is the publisher's own (the date in the offset the timestamp was given in), so an
article published late in the evening in Mexico City is not dated the next day.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def human_date(value: str | date | datetime | None) -> str:
    """``value`` (an ISO 8601 date or date-time string, a date or a datetime) as ``6 March 2025``;
    '' for None or empty; a string that is not ISO 8601 is returned as it is (it was written for people)."""
    if value is None or value == "":
        return ""
    when = value
    if isinstance(value, str):
        text = value.strip()
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                when = date.fromisoformat(text)
            except ValueError:
                return text
    day = when.date() if isinstance(when, datetime) else when
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
