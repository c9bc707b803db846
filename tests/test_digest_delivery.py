"""Digests built from the store and delivered exactly once per (channel, article), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.core.replies import Digest, Notice
from bot.digest import claims
from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.store.models import BriefCache, Delivery
from tests.digest_helpers import STORIES, RecordingAdapter, add_article, add_stories, brief_engine


@pytest.fixture(scope="module")
def engine():
    return brief_engine()


def make_runner(settings, store, engine, adapters, instance="node-a"):
    return DigestRunner(settings, store, StoryBriefer(store, lambda: engine), adapters, instance_id=instance)


def _states(store):
    with store.session() as s:
        return dict(s.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all())


async def test_digest_groups_outlets_and_is_not_repeated(settings, store, engine):
    ids = add_stories(store, [0, 1, 2])
    rec = RecordingAdapter()
    runner = make_runner(settings, store, engine, {"rec": rec})
    result = await runner.deliver("usmx", "rec", "C1")
    assert result.posted and result.articles == len(ids)
    (digest,) = rec.digests("C1")
    assert isinstance(digest, Digest) and digest.digest_id == result.digest_id
    # three stories: the 3-outlet one first, then the 2-outlet one, then the single one
    assert [len(s.sources) for s in digest.stories] == [3, 2, 1]
    assert {n for n, _ in digest.stories[0].sources} == {src for src, _, _ in STORIES[0]}
    assert sorted(rec.article_ids("C1")) == sorted(ids)
    # compact briefs and leading actors across the digest
    assert all(len(s.brief.summary) <= 2 for s in digest.stories)
    lead_names = " ".join(a.name for a in digest.leading_actors)
    assert "Sheinbaum" in lead_names or "Rubio" in lead_names
    assert digest.leading_issues and digest.leading_issues[0].score <= 1.0
    # briefs are cached: one per story lead
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(BriefCache)) == 3
    assert _states(store) == {"sent": len(ids)}

    # nothing new: nothing is posted again; a new article comes alone
    assert not (await runner.deliver("usmx", "rec", "C1")).posted
    new = add_stories(store, [3])
    r2 = await runner.deliver("usmx", "rec", "C1")
    assert r2.posted and sorted(rec.article_ids("C1")) == sorted(ids + new)
    # another channel still gets everything
    await runner.deliver("usmx", "rec", "C2")
    assert sorted(rec.article_ids("C2")) == sorted(ids + new)


async def test_empty_period_posts_nothing_or_a_notice(settings, store, engine):
    rec = RecordingAdapter()
    assert not (await make_runner(settings, store, engine, {"rec": rec}).deliver("usmx", "rec", "C1")).posted
    assert rec.sent == []
    loud = settings.model_copy(update={"digest": settings.digest.model_copy(update={"post_when_empty": True})})
    r = await make_runner(loud, store, engine, {"rec": rec}).deliver("usmx", "rec", "C1")
    assert r.notice and len(rec.sent) == 1 and isinstance(rec.sent[0].reply, Notice)
    assert "No new usmx articles" in rec.sent[0].reply.lines[0]


async def test_cap_defers_the_rest_to_the_next_digest(settings, store, engine):
    ids = add_stories(store, [0, 1, 2, 3, 4, 5])
    capped = settings.model_copy(update={"digest": settings.digest.model_copy(update={"max_stories": 2})})
    rec = RecordingAdapter()
    runner = make_runner(capped, store, engine, {"rec": rec})
    r1 = await runner.deliver("usmx", "rec", "C1")
    assert r1.stories == 2 and r1.deferred == 4
    assert "4 more stories wait for the next digest" in rec.digests("C1")[0].period
    for _ in range(2):
        await runner.deliver("usmx", "rec", "C1")
    assert sorted(rec.article_ids("C1")) == sorted(ids)
    assert len(rec.article_ids("C1")) == len(ids)


async def test_since_limits_what_a_new_channel_gets(settings, store, engine):
    old = add_article(store, *reversed(STORIES[2][0][1:]), STORIES[2][0][0], added=datetime.now(timezone.utc) - timedelta(days=3))
    new = add_stories(store, [4])
    rec = RecordingAdapter()
    await make_runner(settings, store, engine, {"rec": rec}).deliver(
        "usmx", "rec", "C1", since=datetime.now(timezone.utc) - timedelta(hours=24)
    )
    assert rec.article_ids("C1") == new and old not in rec.article_ids("C1")


class FailingAdapter(RecordingAdapter):
    async def send(self, channel, reply):
        raise RuntimeError("platform said no")


async def test_send_failure_releases_the_claims(settings, store, engine):
    ids = add_stories(store, [5])
    with pytest.raises(RuntimeError):
        await make_runner(settings, store, engine, {"rec": FailingAdapter()}).deliver("usmx", "rec", "C1")
    assert _states(store) == {}
    rec = RecordingAdapter()
    await make_runner(settings, store, engine, {"rec": rec}).deliver("usmx", "rec", "C1")
    assert rec.article_ids("C1") == ids


class CrashingAdapter(RecordingAdapter):
    """Posts, then the process 'dies' before the delivery is recorded (the task is cancelled)."""

    async def send(self, channel, reply):
        await super().send(channel, reply)
        raise asyncio.CancelledError()


@pytest.mark.parametrize("can_confirm", [True, False])
async def test_crash_after_posting_is_recovered_on_restart(settings, store, engine, can_confirm):
    ids = add_stories(store, [0, 1])
    crashing = CrashingAdapter(can_confirm=can_confirm)
    with pytest.raises(asyncio.CancelledError):
        await make_runner(settings, store, engine, {"rec": crashing}).deliver("usmx", "rec", "C1")
    assert _states(store) == {"posting": len(ids)}
    # the restarted instance (same instance id) talks to the same channel history
    after = RecordingAdapter(can_confirm=can_confirm, sent=crashing.sent)
    runner = make_runner(settings, store, engine, {"rec": after})
    assert await runner.recover() == 1
    assert _states(store) == {"sent": len(ids)}
    if can_confirm:  # exactly once: confirmed, not re-sent
        assert sorted(after.article_ids("C1")) == sorted(ids)
    else:  # cannot tell: re-sent with the same digest id (at-least-once for this window)
        assert sorted(after.article_ids("C1")) == sorted(ids + ids)
        assert len({d.digest_id for d in after.digests("C1")}) == 1
    assert not (await runner.deliver("usmx", "rec", "C1")).posted


async def test_claim_without_posting_is_resent_and_other_instances_wait_for_the_lease(settings, store, engine):
    ids = add_stories(store, [3])
    now = datetime.now(timezone.utc)
    got = claims.claim_articles(store, "rec", "C1", "usmx", ids, "d-1", "node-a", now)
    assert got == set(ids)
    rec = RecordingAdapter()
    other = make_runner(settings, store, engine, {"rec": rec}, instance="node-b")
    assert await other.recover() == 0  # node-a's claim is fresh: not node-b's to take
    assert not (await other.deliver("usmx", "rec", "C1")).posted  # claimed articles are not pending
    late = make_runner(settings, store, engine, {"rec": rec}, instance="node-b")
    late.clock = lambda: now + timedelta(minutes=settings.digest.claim_lease_minutes + 1)
    assert await late.recover() == 1
    assert rec.article_ids("C1") == ids and rec.digests("C1")[0].digest_id == "d-1"


async def test_two_instances_never_post_an_article_twice(settings, store, engine):
    ids = add_stories(store, [0, 1, 2, 3, 4, 5])
    rec = RecordingAdapter()
    a = make_runner(settings, store, engine, {"rec": rec}, instance="node-a")
    b = make_runner(settings, store, engine, {"rec": rec}, instance="node-b")
    for _ in range(3):
        await asyncio.gather(a.deliver("usmx", "rec", "C1"), b.deliver("usmx", "rec", "C1"))
    assert sorted(rec.article_ids("C1")) == sorted(ids)


async def test_scheduled_run_is_claimed_once(settings, store, engine):
    from bot.subscriptions.manage import subscribe
    from bot.subscriptions.schedule import Schedule

    ids = add_stories(store, [1])
    sub, _ = subscribe(store, "rec", "C1", "usmx", Schedule("daily", 8, 0), "UTC")
    due = datetime.now(timezone.utc)
    rec = RecordingAdapter()
    a = make_runner(settings, store, engine, {"rec": rec}, instance="node-a")
    b = make_runner(settings, store, engine, {"rec": rec}, instance="node-b")
    ra, rb = await asyncio.gather(
        a.deliver("usmx", "rec", "C1", run=(sub.id, due)), b.deliver("usmx", "rec", "C1", run=(sub.id, due))
    )
    assert sorted([ra.skipped, rb.skipped]) == [False, True]
    assert rec.article_ids("C1") == ids and len(rec.sent) == 1
