"""The facts ``briefbot status`` prints: failing sources, pending deliveries, queue depth and
the last digest of each subscription, read from the store (and the broker when configured)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func, select

from bot.core.errors import first_line
from bot.store.models import Delivery, Source, Subscription


@dataclass
class Status:
    """What :func:`collect` found. ``failing``: (source, failures, last error, next poll);
    ``pending``: (adapter, channel, deliveries claimed but not sent, oldest claim);
    ``queue``: a sentence about the units waiting; ``digests``: (subscription, schedule, last run)."""

    failing: list[tuple[str, int, str, datetime | None]] = field(default_factory=list)
    pending: list[tuple[str, str, int, datetime]] = field(default_factory=list)
    queue: str = ""
    digests: list[tuple[str, str, datetime | None]] = field(default_factory=list)
    sources: int = 0


def collect(settings, store) -> Status:
    """Read the :class:`Status` of the bot whose settings and store are given."""
    out = Status()
    with store.read_session() as s:
        out.sources = s.scalar(select(func.count()).select_from(Source)) or 0
        for src in s.scalars(select(Source).where(Source.consecutive_failures > 0).order_by(Source.url)):
            out.failing.append((src.name or src.url, src.consecutive_failures, src.last_error or "", src.next_poll_at))
        rows = s.execute(
            select(Delivery.adapter, Delivery.channel, func.count(), func.min(Delivery.claimed_at))
            .where(Delivery.state == "pending").group_by(Delivery.adapter, Delivery.channel)
        ).all()
        out.pending = [tuple(r) for r in rows]
        for sub in s.scalars(select(Subscription).order_by(Subscription.id)):
            out.digests.append((f"{sub.topic} → {sub.adapter}:{sub.channel}", f"{sub.schedule} ({sub.timezone})", sub.last_run_at))
    out.queue = queue_depth(settings)
    return out


def queue_depth(settings) -> str:
    """A sentence about the queued units: their number on the broker, or that there is none."""
    if not settings.queue.url:
        where = "in this process" if settings.workers == 1 else f"in a local pool of {settings.workers} processes"
        return f"no broker (queue.url unset): units run {where} of each briefbot command"
    try:
        from bot.work.broker import Broker

        broker = Broker(settings)
        try:
            n = broker.depth()
        finally:
            broker.close()
    except Exception as exc:  # an unreachable broker, a queue no worker declared yet
        return f"unknown: the broker did not answer ({type(exc).__name__}: {first_line(exc, 200)})"
    return f"{n} brief unit(s) waiting on queue '{settings.queue.name}'"


def _when(d: datetime | None) -> str:
    return d.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if isinstance(d, datetime) else "never"


def render(status: Status) -> list:
    """rich renderables for ``status``: one table per kind of fact, then the queue line."""
    from rich.table import Table

    failing = Table(title=f"Sources failing ({len(status.failing)} of {status.sources})")
    for col in ("Source", "Failures", "Last error", "Next try"):
        failing.add_column(col, overflow="fold")
    for name, n, err, nxt in status.failing:
        failing.add_row(name, str(n), err[:200], _when(nxt))
    pending = Table(title="Pending deliveries (claimed, not yet sent)")
    for col in ("Adapter", "Channel", "Articles", "Oldest claim"):
        pending.add_column(col, overflow="fold")
    for adapter, channel, n, oldest in status.pending:
        pending.add_row(adapter, channel, str(n), _when(oldest))
    digests = Table(title="Last digest per subscription")
    for col in ("Subscription", "Schedule", "Last digest"):
        digests.add_column(col, overflow="fold")
    for name, schedule, last in status.digests:
        digests.add_row(name, schedule, _when(last))
    return [failing, pending, digests, f"Queue: {status.queue}"]
