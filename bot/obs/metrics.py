"""The Prometheus metrics of briefbot (prometheus-client, default registry).

Names follow Prometheus conventions (``briefbot_`` prefix, ``_total`` counters, ``_seconds``
durations). Counters are per process: ``briefbot run`` and each ``briefbot worker`` serve their
own on ``/metrics`` (:mod:`bot.obs.health`); Prometheus sums them across instances.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from prometheus_client import Counter, Gauge, Histogram

ARTICLES = Counter("briefbot_articles_total", "Feed entries handled by polls, by outcome", ["outcome"])
"""outcome: fetched (pages fetched and extracted), stored (new articles), known, skipped, failed."""
FEED_ERRORS = Counter("briefbot_feed_errors_total", "Feed polls that failed, by kind", ["kind"])
BRIEFS = Counter("briefbot_briefs_total", "Brief units' results per (article, topic), by status", ["status"])
BRIEF_SECONDS = Histogram(
    "briefbot_brief_seconds", "Seconds the engine spent building one brief",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
UNITS_QUEUED = Counter("briefbot_units_queued_total", "Units handed to a pool or the broker, by kind", ["kind"])
UNITS_RUNNING = Gauge("briefbot_units_running", "Units running now, by kind", ["kind"], multiprocess_mode="livesum")
UNITS_FAILED = Counter("briefbot_units_failed_total", "Units that failed, by kind", ["kind"])
UNITS_RETRIED = Counter("briefbot_units_retried_total", "Units run again after their worker process died", ["kind"])
DIGESTS = Counter("briefbot_digests_total", "Scheduled digest runs, by result", ["result"])
DELIVERY_RETRIES = Counter("briefbot_delivery_retries_total", "Chat deliveries retried, by adapter", ["adapter"])
DELIVERY_FAILURES = Counter("briefbot_delivery_failures_total", "Chat deliveries that failed, by adapter", ["adapter"])
ADAPTER_RECONNECTS = Counter("briefbot_adapter_reconnects_total", "Adapter reconnections, by adapter", ["adapter"])


@contextlib.contextmanager
def unit_running(kind: str) -> Iterator[None]:
    """Count a unit of ``kind`` in :data:`UNITS_RUNNING` for the ``with`` block."""
    gauge = UNITS_RUNNING.labels(kind)
    gauge.inc()
    try:
        yield
    finally:
        gauge.dec()


def count_poll(report) -> None:
    """Add a :class:`bot.ingest.poll.PollReport` to the article and feed-error counters."""
    for r in report.sources:
        ARTICLES.labels("stored").inc(r.new)
        ARTICLES.labels("known").inc(r.known)
        ARTICLES.labels("skipped").inc(r.skipped)
        ARTICLES.labels("failed").inc(r.failed)
        if r.status == "error":
            FEED_ERRORS.labels(feed_error_kind(r.message)).inc()
        elif r.status == "malformed":
            FEED_ERRORS.labels("malformed").inc()


def feed_error_kind(message: str | None) -> str:
    """A short label for a feed error message: timeout, connect, status, parse, refused or other."""
    text = (message or "").lower()
    for kind, words in (
        ("timeout", ("timed out", "timeout")),
        ("refused", ("refused", "not allowed", "private")),
        ("connect", ("connect", "resolve", "unreachable")),
        ("status", ("http ", "status")),
        ("parse", ("not a feed", "parse", "xml", "malformed")),
    ):
        if any(w in text for w in words):
            return kind
    return "other"


def count_briefs(results) -> None:
    """Add :class:`bot.work.units.BriefResult` values to :data:`BRIEFS` and :data:`BRIEF_SECONDS`."""
    for r in results:
        BRIEFS.labels(r.status).inc()
        if r.status == "built":
            BRIEF_SECONDS.observe(r.seconds)
