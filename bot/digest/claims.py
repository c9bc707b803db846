"""Delivery claims in the store: the exactly-once bookkeeping, one short transaction each.

A delivery row (adapter, channel, article) is unique. Its life: ``pending`` (claimed by an
instance, digest being built) → ``posting`` (written just before the message carrying it is
posted; ``part`` = that message's number) → ``sent``. Claims are inserted with ``INSERT ...
ON CONFLICT DO NOTHING`` so two instances racing for the same article never both get it: the
database's unique index decides, and each instance then reads back the rows carrying its own
``digest_id``. An instance renews its claims while it sends (:func:`renew`, a heartbeat);
claims not renewed for the lease (of a crashed instance) are taken over with a
compare-and-set ``UPDATE`` on ``claimed_by`` and ``claimed_at``, and every state change of
an owner is a compare-and-set on ``claimed_by``, so an instance whose claim was taken stops.
A scheduled run is claimed with a compare-and-set on ``subscriptions.last_run_at``, so that
of several instances exactly one runs each scheduled digest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.store.db import Store
from bot.store.models import Delivery, Subscription

OPEN_STATES = ("pending", "posting")


class RunTaken(Exception):
    """The scheduled run was already claimed (by another instance or an earlier run)."""


class ClaimLost(Exception):
    """Another instance took this digest's claim over (this one was too slow to renew it)."""


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


def set_state(store: Store, digest_id: str, state: str, now: datetime | None = None, *, owner: str | None = None) -> int:
    """Move every unsent row of ``digest_id`` to ``state`` (``sent`` also stamps ``sent_at``);
    with ``owner``, only while that instance holds the claim. Returns the row count."""
    values: dict = {"state": state}
    if state == "sent":
        values["sent_at"] = now
    q = update(Delivery).where(Delivery.digest_id == digest_id, Delivery.state.in_(OPEN_STATES))
    if owner is not None:
        q = q.where(Delivery.claimed_by == owner)
    with store.session() as s:
        return s.execute(q.values(**values)).rowcount


def mark_part(
    store: Store, digest_id: str, owner: str, article_ids: tuple[int, ...] | list[int], state: str, part: int,
    now: datetime | None = None,
) -> int:
    """Move the unsent rows of ``article_ids`` in ``digest_id`` to ``state`` (``posting`` or
    ``sent``) as message ``part``, while ``owner`` holds the claim; returns the row count
    (0 for an empty ``article_ids``). Raises :class:`ClaimLost` when there were ids but the
    claim is no longer ``owner``'s."""
    if not article_ids:
        return 0
    values: dict = {"state": state, "part": part}
    if state == "sent":
        values["sent_at"] = now
    with store.session() as s:
        n = s.execute(
            update(Delivery)
            .where(Delivery.digest_id == digest_id, Delivery.claimed_by == owner, Delivery.state.in_(OPEN_STATES),
                   Delivery.article_id.in_(list(article_ids)))
            .values(**values)
        ).rowcount
    if n == 0:
        raise ClaimLost(f"digest {digest_id} is no longer claimed by {owner}")
    return n


def note_part(store: Store, digest_id: str, owner: str, part: int) -> int:
    """Record that message ``part`` (one without articles: the digest's header alone) is about to
    be posted, by stamping it on the digest's ``pending`` rows, so that a resumed digest numbers
    its messages after it. Returns the row count."""
    with store.session() as s:
        return s.execute(
            update(Delivery)
            .where(Delivery.digest_id == digest_id, Delivery.claimed_by == owner, Delivery.state == "pending")
            .values(part=part)
        ).rowcount


def note_thread(store: Store, digest_id: str, owner: str, thread: str) -> int:
    """Record that the digest's parent message opened the thread ``thread`` (the platform's id
    of it), on every row of ``digest_id`` while ``owner`` holds the claim, so that a resumed
    digest replies into the same thread. Returns the row count; raises :class:`ClaimLost` when
    the claim is no longer ``owner``'s."""
    with store.session() as s:
        n = s.execute(
            update(Delivery)
            .where(Delivery.digest_id == digest_id, Delivery.claimed_by == owner, Delivery.state.in_(OPEN_STATES))
            .values(thread=thread)
        ).rowcount
    if n == 0:
        raise ClaimLost(f"digest {digest_id} is no longer claimed by {owner}")
    return n


def renew(store: Store, digest_id: str, owner: str, now: datetime) -> int:
    """The heartbeat: stamp ``claimed_at = now`` on the unsent rows of ``digest_id`` that ``owner``
    still holds, so no other instance takes them over; returns the row count (0: nothing left
    open, or the claim was taken)."""
    with store.session() as s:
        return s.execute(
            update(Delivery)
            .where(Delivery.digest_id == digest_id, Delivery.claimed_by == owner, Delivery.state.in_(OPEN_STATES))
            .values(claimed_at=now)
        ).rowcount


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
    posting: tuple[tuple[int | None, tuple[int, ...]], ...] = ()  # (part, article ids) of the rows in posting
    next_part: int = 1  # number for the digest's next message: after every part it ever posted or tried
    thread: str | None = None  # the thread its parent message opened (threaded digests), once recorded


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
        ids = [g for g in groups if not g.startswith("row-")]
        last_part = dict(
            s.execute(select(Delivery.digest_id, func.max(Delivery.part)).where(Delivery.digest_id.in_(ids))
                      .group_by(Delivery.digest_id)).all()
        ) if ids else {}
    out = []
    for did, rows in groups.items():
        state = "posting" if any(r.state == "posting" for r in rows) else "pending"
        posting: dict[int | None, list[int]] = defaultdict(list)
        for r in rows:
            if r.state == "posting":
                posting[r.part].append(r.article_id)
        r0 = rows[0]
        out.append(OpenClaim(
            did, r0.adapter, r0.channel, r0.topic, r0.claimed_by, state, tuple(r.article_id for r in rows),
            tuple((p, tuple(a)) for p, a in sorted(posting.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))),
            (last_part.get(did) or 0) + 1,
            next((r.thread for r in rows if r.thread), None),
        ))
    return out


def take_over(store: Store, claim: OpenClaim, instance: str, now: datetime, lease_cutoff: datetime) -> bool:
    """Compare-and-set the claim's unsent rows to ``instance``: only while they are still
    ``claim.owner``'s and, unless that is ``instance`` itself (an earlier life of it), not renewed
    since ``lease_cutoff``. True when this call took them; False when another instance got
    there first or the owner renewed the claim (it is alive)."""
    owner = Delivery.claimed_by.is_(None) if claim.owner is None else Delivery.claimed_by == claim.owner
    q = update(Delivery).where(Delivery.digest_id == claim.digest_id, owner, Delivery.state.in_(OPEN_STATES))
    if claim.owner != instance:
        q = q.where(Delivery.claimed_at < lease_cutoff)
    with store.session() as s:
        n = s.execute(q.values(claimed_by=instance, claimed_at=now)).rowcount
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
