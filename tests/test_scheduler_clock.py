"""The scheduler driven by a controlled clock (time-machine): a weekend and a Monday with two
subscriptions in different time zones across the US daylight-saving change (10 March 2024),
digests while running, subscription changes while running, and catch-up after downtime."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED

from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.scheduler.service import DigestScheduler
from bot.store.db import open_store
from bot.store.models import Subscription
from bot.subscriptions.manage import subscribe, unsubscribe
from bot.subscriptions.schedule import parse_schedule
from tests.digest_helpers import RecordingAdapter, add_stories, brief_engine

UTC = timezone.utc


@pytest.fixture(scope="module")
def engine():
    return brief_engine()


@pytest.fixture
def db(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'clock.sqlite'}")
    yield s
    s.engine.dispose()


def sub(store, channel, text, created):
    sched, tz = parse_schedule(text.split(), "UTC")
    view, _ = subscribe(store, "rec", channel, "usmx", sched, tz, "admin")
    with store.session() as s:
        s.get(Subscription, view.id).created_at = created
    return view.id


class Clocked:
    """A started DigestScheduler whose jobs run when the test moves the clock to their time."""

    def __init__(self, settings, store, engine, traveller):
        self.rec = RecordingAdapter()
        runner = DigestRunner(settings, store, StoryBriefer(store, lambda: engine), {"rec": self.rec}, instance_id="clock")
        self.sched = DigestScheduler(runner, resync_seconds=3600)
        self.traveller = traveller
        self.finished = 0
        self.errors = []

    async def __aenter__(self):
        await self.sched.start()
        self.sched.scheduler.add_listener(self._done, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        await self.settle()
        return self

    async def __aexit__(self, *exc):
        await self.sched.stop()

    def _done(self, event):
        self.finished += 1
        if event.exception:
            self.errors.append(event.exception)

    def next_digest(self) -> datetime | None:
        times = [j.next_run_time for j in self.sched.scheduler.get_jobs() if j.id.startswith("digest:") and j.next_run_time]
        return min(times) if times else None

    async def settle(self):
        """Let every due job run to the end."""
        for _ in range(200):
            await asyncio.sleep(0.01)
            if not self.sched._tasks and not any(
                j.next_run_time and j.next_run_time <= datetime.now(UTC) for j in self.sched.scheduler.get_jobs()
            ):
                break
        assert not self.errors, self.errors

    async def advance_to(self, t: datetime):
        self.traveller.move_to(t)
        self.sched.scheduler.wakeup()
        await self.settle()


async def test_a_weekend_with_a_dst_change_in_two_time_zones(settings, db, engine):
    with time_machine.travel(datetime(2024, 3, 8, 12, 0, tzinfo=UTC), tick=False) as traveller:
        ny = sub(db, "ny", "daily 08:00 America/New_York", datetime(2024, 3, 8, 12, 0, tzinfo=UTC))
        berlin = sub(db, "berlin", "weekdays 07:30 Europe/Berlin", datetime(2024, 3, 8, 12, 0, tzinfo=UTC))
        batches = {}
        async with Clocked(settings, db, engine, traveller) as c:
            end = datetime(2024, 3, 11, 18, 0, tzinfo=UTC)
            story = 0
            while (nxt := c.next_digest()) is not None and nxt <= end:
                traveller.move_to(nxt - timedelta(hours=1))
                batches[nxt] = add_stories(db, [story % 6], suffix=f" ({story})")
                story += 1
                await c.advance_to(nxt)
        rec = c.rec
        ny_times = [d.at for d in rec.sent if d.channel == "ny"]
        berlin_times = [d.at for d in rec.sent if d.channel == "berlin"]
        # 08:00 New York: EST (UTC-5) on Friday and Saturday, EDT (UTC-4) from Sunday on
        assert ny_times == [datetime(2024, 3, 8, 13, 0, tzinfo=UTC), datetime(2024, 3, 9, 13, 0, tzinfo=UTC), datetime(2024, 3, 10, 12, 0, tzinfo=UTC),
                            datetime(2024, 3, 11, 12, 0, tzinfo=UTC)]
        # 07:30 Berlin (still CET, UTC+1), weekdays only: Friday's was before subscribing,
        # nothing on Saturday or Sunday
        assert berlin_times == [datetime(2024, 3, 11, 6, 30, tzinfo=UTC)]
        # each New York digest holds exactly what arrived since the previous one
        prev = datetime.min.replace(tzinfo=UTC)
        for d, t in zip(rec.digests("ny"), ny_times):
            arrived = sorted(i for bt, ids in batches.items() if prev < bt <= t for i in ids)
            assert sorted(i for st in d.stories for i in st.article_ids) == arrived
            prev = t
        # Berlin's one digest on Monday has everything of the weekend, each article once
        everything = sorted(i for ids in batches.values() for i in ids)
        assert sorted(rec.article_ids("ny")) == everything
        monday = datetime(2024, 3, 11, 6, 30, tzinfo=UTC)
        assert sorted(rec.article_ids("berlin")) == sorted(i for t, ids in batches.items() if t <= monday for i in ids)
        with db.session() as s:
            assert s.get(Subscription, ny).last_run_at == datetime(2024, 3, 11, 12, 0, tzinfo=UTC)
            assert s.get(Subscription, berlin).last_run_at == datetime(2024, 3, 11, 6, 30, tzinfo=UTC)


async def test_subscription_changes_apply_while_running(settings, db, engine):
    with time_machine.travel(datetime(2024, 6, 3, 9, 0, tzinfo=UTC), tick=False) as traveller:
        async with Clocked(settings, db, engine, traveller) as c:
            assert c.next_digest() is None
            sched, tz = parse_schedule(["every", "4h"], "UTC")
            view, _ = subscribe(db, "rec", "ops", "usmx", sched, tz, "admin")
            job = c.sched.scheduler.get_job(f"digest:{view.id}")
            assert job is not None and job.next_run_time == datetime(2024, 6, 3, 13, 0, tzinfo=UTC)
            ids = add_stories(db, [1])
            await c.advance_to(datetime(2024, 6, 3, 13, 0, tzinfo=UTC))
            assert c.rec.article_ids("ops") == ids
            # a new schedule replaces the job; unsubscribing removes it
            sched, tz = parse_schedule(["daily", "18:00", "Asia/Tokyo"], "UTC")
            subscribe(db, "rec", "ops", "usmx", sched, tz, "admin")
            assert c.sched.scheduler.get_job(f"digest:{view.id}").next_run_time == datetime(2024, 6, 4, 9, 0, tzinfo=UTC)
            assert unsubscribe(db, "rec", "ops", "usmx")
            assert c.sched.scheduler.get_job(f"digest:{view.id}") is None
            add_stories(db, [2])
            await c.advance_to(datetime(2024, 6, 4, 9, 0, tzinfo=UTC))
            assert c.rec.article_ids("ops") == ids


@pytest.mark.parametrize(
    "down_until, expected_posts",
    [
        (datetime(2024, 3, 13, 10, 0, tzinfo=UTC), 1),  # missed 08:00 today: posted once, at start
        (datetime(2024, 3, 15, 10, 0, tzinfo=UTC), 1),  # missed three runs: still posted once
        (datetime(2024, 3, 13, 21, 0, tzinfo=UTC), 0),  # 13 h late: beyond the 12 h grace
    ],
)
async def test_missed_digest_is_posted_once_within_the_grace(settings, db, engine, down_until, expected_posts):
    with time_machine.travel(datetime(2024, 3, 12, 8, 0, tzinfo=UTC), tick=False) as traveller:
        sid = sub(db, "ops", "daily 08:00 UTC", datetime(2024, 3, 1, tzinfo=UTC))
        with db.session() as s:
            s.get(Subscription, sid).last_run_at = datetime(2024, 3, 12, 8, 0, tzinfo=UTC)
        ids = add_stories(db, [0])
        traveller.move_to(down_until)
        async with Clocked(settings, db, engine, traveller) as c:
            pass
        assert len(c.rec.digests("ops")) == expected_posts
        if expected_posts:
            assert sorted(c.rec.article_ids("ops")) == sorted(ids)
            assert c.rec.sent[0].at == down_until
            # a second start does not post it again
            async with Clocked(settings, db, engine, traveller) as again:
                pass
            assert again.rec.sent == []
