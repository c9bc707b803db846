"""Publication dates written for people: localised feed dates and plain-text datelines.

feedparser parses RFC 822 / ISO 8601 dates in English only; a Portuguese feed's
``Seg, 24 Set 2018 19:42:40 -0300`` comes back unparsed. Such strings go to dateparser
(Scrapinghub's multilingual date parser, installed with trafilatura), told the feed's
language when it declares one. Only full dates (day, month and year) are accepted, and a date
more than :data:`FUTURE_SLACK` ahead of now is refused (it would rank first for ever). What
cannot be read stays unknown (``None``); the store keeps ``published_at`` NULL then and never
shows the fetch time as a publication date.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime, timedelta, timezone

log = logging.getLogger("briefbot.ingest")

FUTURE_SLACK = timedelta(days=1)
"""Dates further than this in the future are not believed (clock skew allowed)."""

_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TO_TIMEZONE": "UTC",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
}
_lock = threading.Lock()  # dateparser's language detection caches are built lazily; build them once
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DATELINE_PREFIX = re.compile(r"^(?:published|updated|posted|date|first published)(?: on)?\s*:?\s*", re.I)


def parse_human_date(text: str | None, language: str | None = None, now: datetime | None = None) -> datetime | None:
    """The UTC time written in ``text`` (any language dateparser knows; ``language`` an ISO 639-1
    hint such as ``"pt"`` or ``"pt-br"``), or None when it is not a full, believable date."""
    text = (text or "").strip()
    if not text or len(text) > 80 or not _YEAR.search(text):
        return None
    import dateparser

    languages = None
    if language:
        code = language.strip().lower().split("-")[0].split("_")[0]
        languages = [code] if re.fullmatch(r"[a-z]{2,3}", code) else None
    with _lock:
        try:
            when = dateparser.parse(text, languages=languages, settings=_SETTINGS)
            if when is None and languages:
                when = dateparser.parse(text, settings=_SETTINGS)
        except Exception:  # dateparser raises assorted errors on odd input (an unknown language code)
            when = None
    if when is None:
        return None
    when = when.astimezone(timezone.utc) if when.tzinfo else when.replace(tzinfo=timezone.utc)
    if when > (now or datetime.now(timezone.utc)) + FUTURE_SLACK:
        log.info("date %r lies in the future; treated as unknown", text)
        return None
    return when


def dateline(text: str, max_lines: int = 12) -> datetime | None:
    """The date of a plain-text article from its dateline: a line among the first ``max_lines``
    non-empty ones that is only a date (``March 4, 2025``, ``Published: 4 March 2025``), or None."""
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > max_lines:
            break
        candidate = _DATELINE_PREFIX.sub("", line)
        if len(candidate.split()) <= 6 and _YEAR.search(candidate):
            when = parse_human_date(candidate)
            if when is not None:
                return when
    return None
