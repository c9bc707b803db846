"""Subscriptions in the store (the source of truth): create or update, remove, list.

Every change is committed, then announced to in-process listeners (the running scheduler
adds, reschedules or removes the digest job at once; other instances pick the change up on
their periodic re-sync from the table).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select

from bot.store.db import Store
from bot.store.models import Subscription, utcnow
from bot.subscriptions.schedule import Schedule

log = logging.getLogger(__name__)

ChangeListener = Callable[[str, int], None]
"""Called with (``"upsert"`` or ``"delete"``, subscription id) after a committed change."""

_listeners: list[ChangeListener] = []


def add_listener(listener: ChangeListener) -> None:
    """Call ``listener`` after every subscription change made in this process."""
    _listeners.append(listener)


def remove_listener(listener: ChangeListener) -> None:
    """Stop calling ``listener`` (no error when it was not registered)."""
    if listener in _listeners:
        _listeners.remove(listener)


def _notify(kind: str, sub_id: int) -> None:
    for listener in list(_listeners):
        try:
            listener(kind, sub_id)
        except Exception:  # a listener's failure must not undo the committed change
            log.exception("subscription listener failed for %s %s", kind, sub_id)


@dataclass(frozen=True)
class SubscriptionView:
    """A detached copy of a subscription row, safe to use after its session closed."""

    id: int
    adapter: str
    channel: str
    topic: str
    schedule: str
    timezone: str
    created_at: datetime
    last_run_at: datetime | None

    @classmethod
    def of(cls, row: Subscription) -> "SubscriptionView":
        return cls(row.id, row.adapter, row.channel, row.topic, row.schedule, row.timezone, row.created_at, row.last_run_at)


def subscribe(
    store: Store, adapter: str, channel: str, topic: str, schedule: Schedule, tz: str, user: str | None = None
) -> tuple[SubscriptionView, bool]:
    """Subscribe ``adapter``/``channel`` to ``topic`` on ``schedule`` in time zone ``tz``.

    A second subscribe of the same channel and topic replaces the schedule (the channel's
    delivered articles are kept, and no digest is owed for times before the change).
    Returns ``(subscription, created)``.
    """
    now = utcnow()
    with store.session() as s:
        row = s.scalars(
            select(Subscription).where(
                Subscription.adapter == adapter, Subscription.channel == channel, Subscription.topic == topic
            )
        ).first()
        created = row is None
        if row is None:
            row = Subscription(adapter=adapter, channel=channel, topic=topic, created_at=now)
            s.add(row)
        else:
            row.last_run_at = now
        row.schedule, row.timezone, row.created_by = schedule.text, tz, user
        s.flush()
        view = SubscriptionView.of(row)
    _notify("upsert", view.id)
    return view, created


def unsubscribe(store: Store, adapter: str, channel: str, topic: str) -> bool:
    """Remove the channel's subscription to ``topic``; False when there was none."""
    with store.session() as s:
        row = s.scalars(
            select(Subscription).where(
                Subscription.adapter == adapter, Subscription.channel == channel, Subscription.topic == topic
            )
        ).first()
        if row is None:
            return False
        sub_id = row.id
        s.delete(row)
    _notify("delete", sub_id)
    return True


def list_subscriptions(store: Store, adapter: str | None = None, channel: str | None = None) -> list[SubscriptionView]:
    """Subscriptions, optionally of one adapter and channel, ordered by adapter, channel, topic."""
    q = select(Subscription).order_by(Subscription.adapter, Subscription.channel, Subscription.topic)
    if adapter is not None:
        q = q.where(Subscription.adapter == adapter)
    if channel is not None:
        q = q.where(Subscription.channel == channel)
    with store.session() as s:
        return [SubscriptionView.of(r) for r in s.scalars(q)]


def get_subscription(store: Store, sub_id: int) -> SubscriptionView | None:
    """The subscription with id ``sub_id``, or None when it was removed."""
    with store.session() as s:
        row = s.get(Subscription, sub_id)
        return SubscriptionView.of(row) if row is not None else None
