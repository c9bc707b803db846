"""Delivery claims in the store: the exactly-once bookkeeping, one short transaction each.

A delivery row (adapter, channel, article) is unique. Its life: ``pending`` (claimed by an
instance, digest being built) → ``posting`` (written just before the adapter's ``send``)
→ ``sent``. Claims are inserted with ``INSERT ... ON CONFLICT DO NOTHING`` so two instances
racing for the same article never both get it: the database's unique index decides, and
each instance then reads back the rows carrying its own ``digest_id``. Stale claims (of a
crashed instance) are taken over with a compare-and-set ``UPDATE`` on ``claimed_by``, and a
scheduled run is claimed with a compare-and-set on ``subscriptions.last_run_at``, so that of
several instances exactly one runs each scheduled digest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.store.db import Store
from bot.store.models import Delivery, Subscription

OPEN_STATES = ("pending", "posting")


class RunTaken(Exception):
    """The scheduled run was already claimed (by another instance or an earlier run)."""


def claim_articles(
    store: Store,
    adapter: str,
    channel: str,
    topic: str,
    article_ids: list[int],
    digest_id: str,
    instance: str,
    now: datetime,
    run: tuple[int, datetime] | None = None,
) -> set[int]:
    """Claim ``article_ids`` for ``adapter``/``channel`` under ``digest_id``; returns the ids this call got.

    Articles already delivered or claimed (by anyone) are not returned. With ``run =
    (subscription_id, due)`` the scheduled run is claimed in the same transaction (see
    :func:`claim_run`): either both happen or neither, so a crash cannot leave a run marked
    done with its articles unclaimed. Raises :class:`RunTaken` (nothing claimed) when the run
    was already claimed.
    """
    rows = [
        dict(adapter=adapter, channel=channel, article_id=i, topic=topic, state="pending", claimed_by=instance, claimed_at=now, digest_id=digest_id)
        for i in article_ids
    ]
    with store.session() as s:
        if run is not None and not _claim_run(s, *run):
            raise RunTaken(f"run {run[1].isoformat()} of subscription {run[0]} was already claimed")
        if not rows:
            return set()
        dialect = s.get_bind().dialect.name
        if dialect in ("postgresql", "sqlite"):
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert
            s.execute(insert(Delivery).values(rows).on_conflict_do_nothing(index_elements=["adapter", "channel", "article_id"]))
        else:  # pragma: no cover - other databases: one savepoint per row
            for r in rows:
                try:
                    with s.begin_nested():
                        s.add(Delivery(**r))
                except IntegrityError:
                    pass
    with store.session() as s:
        return set(s.scalars(select(Delivery.article_id).where(Delivery.digest_id == digest_id)))


def set_state(store: Store, digest_id: str, state: str, now: datetime | None = None) -> int:
    """Move every row of ``digest_id`` to ``state`` (``sent`` also stamps ``sent_at``); returns the row count."""
    values: dict = {"state": state}
    if state == "sent":
        values["sent_at"] = now
    with store.session() as s:
        return s.execute(update(Delivery).where(Delivery.digest_id == digest_id).values(**values)).rowcount


def release(store: Store, digest_id: str) -> int:
    """Drop the unsent claims of ``digest_id`` so their articles are pending again; returns the row count."""
    with store.session() as s:
        return s.execute(
            delete(Delivery).where(Delivery.digest_id == digest_id, Delivery.state.in_(OPEN_STATES))
        ).rowcount


@dataclass(frozen=True)
class OpenClaim:
    """The unsent rows of one digest: who claimed them, in which state, for which articles."""

    digest_id: str
    adapter: str
    channel: str
    topic: str
    owner: str | None
    state: str  # "posting" when any row is posting, else "pending"
    article_ids: tuple[int, ...]


def stale_claims(
    store: Store,
    instance: str,
    lease_cutoff: datetime,
    *,
    adapter: str | None = None,
    channel: str | None = None,
    exclude: set[str] = frozenset(),
) -> list[OpenClaim]:
    """Open claims that need recovering: this instance's own (left by an earlier life of the
    same instance id), or anyone's claimed before ``lease_cutoff``; ``exclude`` skips digest ids
    in flight here."""
    q = select(Delivery).where(
        Delivery.state.in_(OPEN_STATES),
        or_(Delivery.claimed_by == instance, Delivery.claimed_at < lease_cutoff),
    )
    if adapter is not None:
        q = q.where(Delivery.adapter == adapter)
    if channel is not None:
        q = q.where(Delivery.channel == channel)
    groups: dict[str, list[Delivery]] = defaultdict(list)
    with store.session() as s:
        for d in s.scalars(q.order_by(Delivery.id)):
            if d.digest_id not in exclude:
                groups[d.digest_id or f"row-{d.id}"].append(d)
    out = []
    for did, rows in groups.items():
        state = "posting" if any(r.state == "posting" for r in rows) else "pending"
        r0 = rows[0]
        out.append(OpenClaim(did, r0.adapter, r0.channel, r0.topic, r0.claimed_by, state, tuple(r.article_id for r in rows)))
    return out


def take_over(store: Store, claim: OpenClaim, instance: str, now: datetime) -> bool:
    """Compare-and-set the claim's rows to ``instance``; False when another instance got there first."""
    with store.session() as s:
        owner = Delivery.claimed_by.is_(None) if claim.owner is None else Delivery.claimed_by == claim.owner
        n = s.execute(
            update(Delivery)
            .where(Delivery.digest_id == claim.digest_id, owner, Delivery.state.in_(OPEN_STATES))
            .values(claimed_by=instance, claimed_at=now)
        ).rowcount
    return n > 0


def claim_run(store: Store, subscription_id: int, due: datetime) -> bool:
    """Claim the scheduled run at ``due`` of a subscription: sets ``last_run_at = due`` when it is
    earlier (or unset). True for exactly one caller per ``due``, across instances."""
    with store.session() as s:
        return _claim_run(s, subscription_id, due)


def _claim_run(s, subscription_id: int, due: datetime) -> bool:
    n = s.execute(
        update(Subscription)
        .where(Subscription.id == subscription_id, or_(Subscription.last_run_at.is_(None), Subscription.last_run_at < due))
        .values(last_run_at=due)
    ).rowcount
    return n == 1
