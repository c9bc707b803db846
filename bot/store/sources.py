"""Sources (feeds): kept in step with the topic files, with poll outcome, HTTP validators and backoff.

Backoff: after ``n`` consecutive failures a source is next polled after
``min(interval × 2^(n-1), MAX_BACKOFF)``; a success resets it to the normal interval.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import Source

MAX_BACKOFF = timedelta(hours=24)


def feeds_by_url(topics) -> dict[str, dict]:
    """Feed URL → ``{"name", "interval_minutes", "topics"}`` over all ``topics`` (dict name → Topic)."""
    out: dict[str, dict] = {}
    for topic in topics.values():
        for feed in topic.feeds:
            spec = out.setdefault(feed.url, {"name": None, "interval_minutes": None, "topics": []})
            spec["name"] = spec["name"] or feed.name
            if feed.interval_minutes and (spec["interval_minutes"] is None or feed.interval_minutes < spec["interval_minutes"]):
                spec["interval_minutes"] = feed.interval_minutes
            spec["topics"].append(topic.name)
    return out


def sync_sources(session: Session, topics) -> dict[str, Source]:
    """Create a source for each feed of ``topics`` that has none; update names and intervals.

    Returns feed URL → :class:`Source` for every feed of ``topics``. Sources of feeds no
    longer listed are kept (their articles keep their source).
    """
    specs = feeds_by_url(topics)
    existing = {s.url: s for s in session.scalars(select(Source).where(Source.url.in_(list(specs))))} if specs else {}
    for url, spec in specs.items():
        src = existing.get(url)
        if src is None:
            src = Source(url=url, kind="feed", consecutive_failures=0, last_new_articles=0)
            session.add(src)
            existing[url] = src
        src.name = spec["name"] or src.name
        src.interval_minutes = spec["interval_minutes"]
    session.flush()
    return existing


def list_sources(session: Session) -> list[Source]:
    """Every source, by name then URL."""
    return list(session.scalars(select(Source).order_by(Source.name, Source.url)))


def backoff_delay(failures: int, interval_minutes: float) -> timedelta:
    """How long to wait after ``failures`` consecutive failures (exponential, capped at :data:`MAX_BACKOFF`)."""
    if failures <= 0:
        return timedelta(minutes=interval_minutes)
    minutes = interval_minutes * 2 ** min(failures - 1, 20)
    return min(timedelta(minutes=minutes), MAX_BACKOFF)


def in_backoff(source: Source, now: datetime) -> bool:
    """True when ``source`` failed recently and its backoff has not expired."""
    return bool(source.consecutive_failures) and source.next_poll_at is not None and source.next_poll_at > now


def record_success(
    source: Source,
    now: datetime,
    interval_minutes: float,
    *,
    status: str,
    new_articles: int = 0,
    etag: str | None = None,
    last_modified: str | None = None,
    message: str | None = None,
    keep_validators: bool = False,
) -> None:
    """Record a poll that read the feed (``status``: ok, not-modified, malformed, empty).

    Validators are replaced by ``etag``/``last_modified`` unless ``keep_validators`` (a 304).
    ``message`` (e.g. the malformation) goes to ``last_error`` for the sources listing.
    """
    source.last_polled_at = now
    source.last_success_at = now
    source.last_status = status
    source.last_error = message
    source.last_new_articles = new_articles
    source.consecutive_failures = 0
    source.next_poll_at = now + timedelta(minutes=interval_minutes)
    if not keep_validators:
        source.etag = etag
        source.last_modified = last_modified


def record_failure(source: Source, now: datetime, interval_minutes: float, error: str) -> timedelta:
    """Record a failed poll and schedule the next one with backoff; returns the delay."""
    source.last_polled_at = now
    source.last_status = "error"
    source.last_error = error[:2000]
    source.last_new_articles = 0
    source.consecutive_failures = (source.consecutive_failures or 0) + 1
    delay = backoff_delay(source.consecutive_failures, interval_minutes)
    source.next_poll_at = now + delay
    return delay
