"""The claim bookkeeping under contention (issue 11, items 3, 4 and 15): two connections racing for
one stale claim, a slow platform outlasting the take-over age while the claim is renewed, an
instance whose claim was taken, the scheduled-run claim when there is nothing to post, and
digest jobs cancelled by a shutdown — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from bot.core.replies import Notice
from bot.digest import claims
from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.store.db import open_store
from bot.store.models import Delivery, Subscription
from tests.digest_helpers import RecordingAdapter, add_article, add_stories, distinct_stories
from tests.fakes.engine import TinyEngine

UTC = timezone.utc


def runner(settings, store, adapters, instance, **kw):
    engine = TinyEngine()
    return DigestRunner(settings, store, StoryBriefer(store, lambda: engine), adapters, instance_id=instance, **kw)


def with_digest(settings, **values):
    return settings.model_copy(update={"digest": settings.digest.model_copy(update=values)})


def add_day(store, n: int) -> list[int]:
    """``n`` articles forming many distinct stories (several outlets each)."""
    return [add_article(store, title, text, source) for source, title, text in distinct_stories(n // 2)]


def rows(store) -> list[Delivery]:
    with store.session() as s:
        return list(s.scalars(select(Delivery).order_by(Delivery.id)))


# -- item 15: take_over is a real compare-and-set ------------------------------------------------


def test_two_connections_race_for_one_stale_claim(store_url):
    """Both instances read the same stale claim, then take it over at the same moment through
    their own connection: exactly one may win, or both would re-send the digest."""
    a, b = open_store(store_url), open_store(store_url)
    try:
        ids = add_stories(a, [0, 1])
        old = datetime.now(UTC) - timedelta(hours=1)
        claims.claim_articles(a, "rec", "C1", "usmx", ids, "d-dead", "node-dead", old)
        now = datetime.now(UTC)
        cutoff = now - timedelta(minutes=10)
        [seen_a] = claims.stale_claims(a, "node-a", cutoff)
        [seen_b] = claims.stale_claims(b, "node-b", cutoff)
        assert seen_a.owner == seen_b.owner == "node-dead"
        for _ in range(3):  # several rounds: the barrier lines the two UPDATEs up
            barrier = threading.Barrier(2)
            results: dict[str, bool] = {}

            def take(store, claim, me):
                barrier.wait()
                results[me] = claims.take_over(store, claim, me, now, cutoff)

            threads = [threading.Thread(target=take, args=(a, seen_a, "node-a")),
                       threading.Thread(target=take, args=(b, seen_b, "node-b"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            assert sorted(results.values()) == [False, True], results
            winner = next(k for k, v in results.items() if v)
            assert {r.claimed_by for r in rows(a)} == {winner}
            with a.session() as s:  # back to stale for the next round
                s.execute(update(Delivery).values(claimed_by="node-dead", claimed_at=old))
    finally:
        a.engine.dispose()
        b.engine.dispose()


def test_claims_overlapping_another_digest_get_only_the_rest(store):
    """Two instances planned overlapping digests; the second claim gets only what nobody had."""
    ids = add_stories(store, [0, 1])
    now = datetime.now(UTC)
    assert claims.claim_articles(store, "rec", "C1", "usmx", ids[:3], "d-a", "node-a", now) == set(ids[:3])
    assert claims.claim_articles(store, "rec", "C1", "usmx", ids[1:], "d-b", "node-b", now) == set(ids[3:])
    assert claims.claim_articles(store, "rec", "C2", "usmx", ids, "d-c", "node-b", now) == set(ids), "per channel"


def test_take_over_refuses_a_claim_renewed_meanwhile(store):
    ids = add_stories(store, [2])
    old = datetime.now(UTC) - timedelta(hours=1)
    claims.claim_articles(store, "rec", "C1", "usmx", ids, "d-1", "node-a", old)
    now = datetime.now(UTC)
    cutoff = now - timedelta(minutes=10)
    [stale] = claims.stale_claims(store, "node-b", cutoff)
    assert claims.renew(store, "d-1", "node-a", now) == len(ids)  # node-a is alive after all
    assert claims.take_over(store, stale, "node-b", now, cutoff) is False
    assert {r.claimed_by for r in rows(store)} == {"node-a"}


def test_a_restarted_owner_does_not_take_back_a_claim_taken_over_meanwhile(store):
    """node-a's earlier life left a claim; node-b took it over after the lease and is sending.
    node-a, restarted with a snapshot naming itself as owner, must not take it back."""
    ids = add_stories(store, [4])
    old = datetime.now(UTC) - timedelta(hours=1)
    claims.claim_articles(store, "rec", "C1", "usmx", ids, "d-1", "node-a", old)
    now = datetime.now(UTC)
    cutoff = now - timedelta(minutes=10)
    [mine] = claims.stale_claims(store, "node-a", cutoff)
    [theirs] = claims.stale_claims(store, "node-b", cutoff)
    assert claims.take_over(store, theirs, "node-b", now, cutoff) is True
    assert claims.take_over(store, mine, "node-a", now, cutoff) is False
    assert {r.claimed_by for r in rows(store)} == {"node-b"}


async def test_two_runners_recover_one_stale_claim_once(settings, store_url):
    a_store, b_store = open_store(store_url), open_store(store_url)
    try:
        ids = add_stories(a_store, [0, 1, 3])
        claims.claim_articles(a_store, "rec", "C1", "usmx", ids, "d-dead", "node-dead", datetime.now(UTC) - timedelta(hours=1))
        rec = RecordingAdapter()
        a = runner(settings, a_store, {"rec": rec}, "node-a")
        b = runner(settings, b_store, {"rec": rec}, "node-b")
        done = await asyncio.gather(a.recover(), b.recover())
        assert sorted(done) == [0, 1]
        assert sorted(rec.article_ids("C1")) == sorted(ids)
    finally:
        a_store.engine.dispose()
        b_store.engine.dispose()


# -- item 3: a claim is renewed while its digest is being posted ---------------------------------


@pytest.fixture
async def slack(settings):
    from tests.delivery_helpers import slack_sender

    async with slack_sender(settings, threads=False) as env:  # the inline layout: part 1 carries stories
        yield env


async def test_slow_platform_outlasting_the_lease_keeps_its_claim(slack, store):
    """Slack rate-limits the digest for longer than the take-over age (1.2 s here): the sending
    instance renews its claim, so another instance finds nothing to take over and re-send."""
    api, adapter, s = slack
    ids = add_stories(store, [0, 1, 2])
    quick = with_digest(s, claim_lease_minutes=0.02)  # 1.2 s
    api.script = [("429", 3)]  # Retry-After: 3 s
    a = runner(quick, store, {"slack": adapter}, "node-a")
    b = runner(quick, store, {"slack": adapter}, "node-b")
    sending = asyncio.create_task(a.deliver("usmx", "slack", "C1"))
    await api.wait_for(lambda: api.of("chat.postMessage"))
    for _ in range(4):  # node-b's resync looks for stale claims every 0.7 s meanwhile
        await asyncio.sleep(0.7)
        assert await b.recover() == 0, "node-a is alive and renewing: nothing is stale"
    result = await sending
    assert result.posted
    urls = api.source_urls("C1")
    assert len(urls) == len(set(urls)) == len(ids)
    assert {r.state for r in rows(store)} == {"sent"}


async def test_an_instance_whose_claim_was_taken_stops(slack, store):
    """If the claim is taken anyway (the heartbeat could not reach the database), the old owner
    posts no further part: the new owner finishes the digest, each article once."""
    api, adapter, s = slack
    add_day(store, 60)  # enough stories for several Slack messages
    api.hold_posts = lambda body: body.get("metadata", {}).get("event_payload", {}).get("part") == 1
    a = runner(s, store, {"slack": adapter}, "node-a")
    sending = asyncio.create_task(a.deliver("usmx", "slack", "C1"))
    await api.wait_for(lambda: api.held)
    with store.session() as sess:  # node-b took the claim over
        sess.execute(update(Delivery).values(claimed_by="node-b"))
    api.release_posts()
    result = await sending
    assert not result.posted
    did = api.held[0]["metadata"]["event_payload"]["digest_id"]
    assert [p["metadata"]["event_payload"]["part"] for p in api.digest_posts(did)] == [1], "no part after the loss"
    assert {r.state for r in rows(store)} == {"posting", "pending"}, "left to the new owner"
    b = runner(s, store, {"slack": adapter}, "node-b")
    assert await b.recover() == 1
    urls = api.source_urls("C1")
    assert len(urls) == len(set(urls)) == len(rows(store))
    assert {r.state for r in rows(store)} == {"sent"}


# -- item 15: the scheduled-run claim when there is nothing to post ---------------------------------


async def test_empty_scheduled_run_is_claimed_once(settings, store):
    from bot.subscriptions.manage import subscribe
    from bot.subscriptions.schedule import Schedule

    sub, _ = subscribe(store, "rec", "C1", "usmx", Schedule("daily", 8, 0), "UTC")
    due = datetime.now(UTC).replace(microsecond=0)
    loud = with_digest(settings, post_when_empty=True)
    rec = RecordingAdapter()
    a = runner(loud, store, {"rec": rec}, "node-a")
    b = runner(loud, store, {"rec": rec}, "node-b")
    ra, rb = await asyncio.gather(a.deliver("usmx", "rec", "C1", run=(sub.id, due)), b.deliver("usmx", "rec", "C1", run=(sub.id, due)))
    assert sorted([ra.skipped, rb.skipped]) == [False, True]
    assert [type(x.reply) for x in rec.sent] == [Notice], "one 'No new articles' notice, not two"
    with store.session() as s:
        assert s.get(Subscription, sub.id).last_run_at == due, "the empty run is recorded as run"
    again = await a.deliver("usmx", "rec", "C1", run=(sub.id, due))
    assert again.skipped and len(rec.sent) == 1


# -- item 4: shutdown cancelling a digest job ---------------------------------------------------------


class StuckAdapter(RecordingAdapter):
    """Takes the digest and never answers (a platform hanging past the shutdown grace)."""

    async def send(self, channel, reply):
        self.entered.set()
        await asyncio.Event().wait()


async def test_shutdown_cancelling_a_digest_says_so_in_one_line(settings, store, monkeypatch, caplog):
    from bot.scheduler import service
    from bot.scheduler.service import DigestScheduler
    from bot.subscriptions.manage import subscribe
    from bot.subscriptions.schedule import parse_schedule

    ids = add_stories(store, [0, 1])
    sched, tz = parse_schedule(["every", "5m"], "UTC")
    view, _ = subscribe(store, "rec", "C1", "usmx", sched, tz, "admin")
    with store.session() as s:
        s.get(Subscription, view.id).created_at = datetime.now(UTC) - timedelta(minutes=6)
    stuck = StuckAdapter()
    stuck.entered = asyncio.Event()
    sch = DigestScheduler(runner(settings, store, {"rec": stuck}, "node-a"), resync_seconds=3600)
    monkeypatch.setattr(service, "STOP_GRACE_SECONDS", 0.3)
    with caplog.at_level(logging.INFO):
        await sch.start()
        await asyncio.wait_for(stuck.entered.wait(), 30)
        await sch.stop()
        await asyncio.sleep(0.2)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
    assert not any(r.exc_info for r in caplog.records), "no traceback"
    lines = [r.getMessage() for r in caplog.records if "shutdown cancelled the digest" in r.getMessage()]
    assert len(lines) == 1 and "usmx to rec:C1" in lines[0] and "finished after the restart" in lines[0]
    # and it is: the restarted instance recovers the digest
    rec = RecordingAdapter()
    assert await runner(settings, store, {"rec": rec}, "node-a").recover() == 1
    assert sorted(rec.article_ids("C1")) == sorted(ids)


# -- parts: numbering, a header-only message, a refusal half way ----------------------------------


class PartsAdapter(RecordingAdapter):
    """An in-memory platform that takes digests part by part: part 1 is the header alone (no
    articles), then one story per message. ``hang_at`` makes that message number hang (the
    process dies there); ``refuse_at`` makes the platform refuse it for good."""

    def __init__(self):
        super().__init__()
        self.messages: list[tuple[str, int, tuple[int, ...]]] = []  # (digest id, number, article ids)
        self.hang_at: int | None = None
        self.hang_after: int | None = None
        self.refuse_at: int | None = None
        self.entered = asyncio.Event()

    def digest_parts(self, digest, first=1):
        from bot.adapters.base import DigestPart

        payloads = [()] + [tuple(s.article_ids) for s in digest.stories]
        last = first + len(payloads) - 1
        return [DigestPart(digest.digest_id, first + i, last, ids, None) for i, ids in enumerate(payloads)]

    async def post_part(self, channel, part):
        if part.number == self.refuse_at:
            raise RuntimeError("channel_not_found")
        if part.number == self.hang_at:
            self.entered.set()
            await asyncio.Event().wait()
        self.messages.append((part.digest_id, part.number, part.article_ids))
        if part.number == self.hang_after:  # the platform took it; the process dies before going on
            self.entered.set()
            await asyncio.Event().wait()

    async def part_posted(self, channel, digest_id, number):
        return any(m[0] == digest_id and m[1] == number for m in self.messages)

    def article_ids(self, channel=None):
        return [i for m in self.messages for i in m[2]]


async def test_header_only_message_number_is_not_reused(settings, store):
    """Killed right after the header message (no articles) went out: the resumed digest's
    messages are numbered after it, so the header's number is never taken for a story."""
    ids = add_stories(store, [0, 1, 2])
    ad = PartsAdapter()
    ad.hang_after = 1
    task = asyncio.create_task(runner(settings, store, {"rec": ad}, "node-a").deliver("usmx", "rec", "C1"))
    await asyncio.wait_for(ad.entered.wait(), 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [m[1] for m in ad.messages] == [1]
    ad.hang_after = None
    assert await runner(settings, store, {"rec": ad}, "node-a").recover() == 1
    numbers = [m[1] for m in ad.messages]
    assert numbers[0] == 1 and 1 not in numbers[1:] and numbers == sorted(set(numbers)), numbers
    assert sorted(ad.article_ids()) == sorted(ids)


async def test_refusal_half_way_keeps_the_parts_that_went_out(settings, store):
    """The platform refuses message 3 for good: messages 1-2 stay recorded, the rest is
    released, and the next digest carries only the rest (nothing repeated)."""
    ids = add_stories(store, [0, 1, 2, 3])
    ad = PartsAdapter()
    ad.refuse_at = 3
    with pytest.raises(RuntimeError):
        await runner(settings, store, {"rec": ad}, "node-a").deliver("usmx", "rec", "C1")
    first = ad.article_ids()
    assert first and {r.article_id for r in rows(store) if r.state == "sent"} == set(first)
    assert all(r.state == "sent" for r in rows(store)), "the refused part's claims are released"
    ad.refuse_at = None
    await runner(settings, store, {"rec": ad}, "node-a").deliver("usmx", "rec", "C1")
    assert sorted(ad.article_ids()) == sorted(ids), "each article once"


async def test_whole_digest_post_stops_when_the_claim_is_not_ours(settings, store):
    from bot.core.replies import Digest
    from bot.digest.post import post_digest

    ids = add_stories(store, [5])
    claims.claim_articles(store, "rec", "C1", "usmx", ids, "d-x", "node-b", datetime.now(UTC))
    rec = RecordingAdapter()
    digest = Digest(topic="usmx", title="t", stories=[], digest_id="d-x")
    with pytest.raises(claims.ClaimLost):
        await post_digest(store, rec, "C1", digest, "node-a", lambda: datetime.now(UTC))
    assert rec.sent == [] and {r.state for r in rows(store)} == {"pending"}


def test_an_article_added_exactly_at_since_is_owed(store):
    from bot.digest.select import pending_articles
    from tests.digest_helpers import STORIES

    at = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    source, title, body = STORIES[2][0]
    aid = add_article(store, title, body, source, added=at)
    assert [c.id for c in pending_articles(store, "usmx", "rec", "C1", since=at)] == [aid]
    assert pending_articles(store, "usmx", "rec", "C1", since=at + timedelta(microseconds=1)) == []


def _in_step(monkeypatch, module, name: str) -> None:
    """Make two threads calling ``module.name`` return together (both read before either writes)."""
    barrier = threading.Barrier(2, timeout=20)
    real = getattr(module, name)

    def stepped(*args, **kwargs):
        out = real(*args, **kwargs)
        barrier.wait()
        return out

    monkeypatch.setattr(module, name, stepped)


async def test_two_instances_that_planned_the_same_articles_post_each_once(settings, store_url, monkeypatch):
    """Both instances read the channel's pending articles before either claims: the loser of
    each article must leave it out of its digest."""
    import bot.digest.deliver as deliver_module

    a_store, b_store = open_store(store_url), open_store(store_url)
    try:
        ids = add_stories(a_store, [0, 1, 2, 3])
        rec = RecordingAdapter()
        _in_step(monkeypatch, deliver_module, "pending_articles")
        a = runner(settings, a_store, {"rec": rec}, "node-a")
        b = runner(settings, b_store, {"rec": rec}, "node-b")
        await asyncio.gather(a.deliver("usmx", "rec", "C1"), b.deliver("usmx", "rec", "C1"))
        assert sorted(rec.article_ids("C1")) == sorted(ids), "each article once"
    finally:
        a_store.engine.dispose()
        b_store.engine.dispose()


async def test_two_instances_that_saw_the_same_stale_claim_recover_it_once(settings, store_url, monkeypatch):
    a_store, b_store = open_store(store_url), open_store(store_url)
    try:
        ids = add_stories(a_store, [0, 1, 3])
        claims.claim_articles(a_store, "rec", "C1", "usmx", ids, "d-dead", "node-dead", datetime.now(UTC) - timedelta(hours=1))
        rec = RecordingAdapter()
        _in_step(monkeypatch, claims, "stale_claims")
        a = runner(settings, a_store, {"rec": rec}, "node-a")
        b = runner(settings, b_store, {"rec": rec}, "node-b")
        done = await asyncio.gather(a.recover(), b.recover())
        assert sorted(done) == [0, 1] and sorted(rec.article_ids("C1")) == sorted(ids)
    finally:
        a_store.engine.dispose()
        b_store.engine.dispose()


async def test_an_article_claimed_meanwhile_is_left_out_of_its_story(settings, store, monkeypatch):
    """Between reading the pending articles and claiming them, another instance claims one
    outlet's article of a story: the story is posted without it."""
    import bot.digest.deliver as deliver_module

    ids = add_stories(store, [0, 1])
    taken = ids[1]  # the second outlet of the first story
    real = deliver_module.pending_articles

    def then_claimed(*args, **kwargs):
        out = real(*args, **kwargs)
        claims.claim_articles(store, "rec", "C1", "usmx", [taken], "d-x", "node-x", datetime.now(UTC))
        return out

    monkeypatch.setattr(deliver_module, "pending_articles", then_claimed)
    rec = RecordingAdapter()
    result = await runner(settings, store, {"rec": rec}, "node-a").deliver("usmx", "rec", "C1")
    assert result.posted and sorted(rec.article_ids("C1")) == sorted(set(ids) - {taken})
