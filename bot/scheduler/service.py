"""The digest scheduler: APScheduler 3 (``AsyncIOScheduler``) on the bot's event loop.

- one digest job per subscription on a running adapter (``digest:<id>``), cron or interval
  trigger in the subscription's time zone (:mod:`bot.scheduler.triggers`);
- one poll job per source (``poll:<id>``) at its own interval (``sources.interval_minutes``,
  else ``settings.poll_interval_minutes``) when a poll function is available;
- a ``resync`` job re-reading both tables every ``resync_seconds`` (changes made by other
  instances), while changes made in this process apply at once through
  :func:`bot.subscriptions.manage.add_listener`.

The table is the source of truth, not APScheduler's memory: at start, a subscription whose
latest scheduled time lies within ``settings.digest.missed_grace_hours`` and after its
``last_run_at`` gets one catch-up run (however many runs were missed). Each run first claims
its scheduled time with a compare-and-set on ``last_run_at``, so of several instances only
one posts it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import Any, Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import select

from bot.adapters.base import DeliveryError
from bot.digest.compose import since_text
from bot.digest.deliver import DigestRunner
from bot.scheduler import jobs
from bot.scheduler.triggers import latest_fire, trigger_for
from bot.store.models import Source, utcnow
from bot.subscriptions import manage
from bot.subscriptions.manage import SubscriptionView

log = logging.getLogger("briefbot.scheduler")

PollFn = Callable[[int], Awaitable[Any]]
MISFIRE_GRACE_SECONDS = 300
STOP_GRACE_SECONDS = 30.0


class DigestScheduler:
    """Schedules digests and feed polls for one running bot.

    - ``runner``: the :class:`~bot.digest.deliver.DigestRunner` (store, adapters, briefer).
    - ``poll``: ``await poll(source_id)`` polls one source (the ingestion layer); None = no poll jobs.
    - ``resync_seconds``: how often the tables are re-read (default 60 s).
    - ``clock``: current UTC time (defaults to the wall clock; tests travel it with time-machine).
    """

    def __init__(self, runner: DigestRunner, *, poll: PollFn | None = None, resync_seconds: float = 60.0,
                 clock: Callable[[], datetime] = utcnow):
        self.runner = runner
        self.store = runner.store
        self.settings = runner.settings
        self.poll = poll
        self.resync_seconds = resync_seconds
        self.clock = clock
        self.scheduler = AsyncIOScheduler(
            timezone=timezone.utc,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        )
        self._tasks: set[asyncio.Task] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- life cycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Recover stale deliveries, build the jobs from the tables, queue catch-ups, start, log a health line."""
        self._loop = asyncio.get_running_loop()
        jobs.bind(self)
        recovered = await self.runner.recover()
        self.scheduler.start()
        self._sync_all()
        catchups = self._queue_catchups()
        self.scheduler.add_job(jobs.resync_job, IntervalTrigger(seconds=self.resync_seconds), id="resync", replace_existing=True)
        manage.add_listener(self._on_change)
        digests = [j for j in self.scheduler.get_jobs() if j.id.startswith("digest:")]
        nxt = min((j.next_run_time for j in digests if j.next_run_time), default=None)
        log.info(
            "scheduler running: instance=%s digest_jobs=%d poll_jobs=%d catch_up=%d recovered=%d next_digest=%s",
            self.runner.instance_id, len(digests), sum(j.id.startswith("poll:") for j in self.scheduler.get_jobs()),
            catchups, recovered, nxt.astimezone(timezone.utc).isoformat() if nxt else "-",
        )

    async def stop(self) -> None:
        """Stop scheduling, let running digests finish (up to 30 s; the rest is recovered on restart)."""
        manage.remove_listener(self._on_change)
        if self.scheduler.running:
            self.scheduler.pause()
        running = [t for t in self._tasks if not t.done()]
        if running:
            log.warning("waiting for %d running digest job(s)", len(running))
            _, late = await asyncio.wait(running, timeout=STOP_GRACE_SECONDS)
            for task in late:  # each says in one line what it was (run_digest)
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=5)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        jobs.bind(None)
        log.info("scheduler stopped")

    # -- jobs --------------------------------------------------------------------------------

    async def run_digest(self, subscription_id: int, catch_up: bool = False) -> None:
        """Run a subscription's digest for its latest scheduled time, if no instance ran it yet."""
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        from bot.obs import metrics

        sub = await asyncio.to_thread(manage.get_subscription, self.store, subscription_id)
        if sub is None:
            return
        now = self.clock()
        grace = timedelta(hours=self.settings.digest.missed_grace_hours)
        window = grace if catch_up else max(grace, timedelta(seconds=MISFIRE_GRACE_SECONDS))
        due = latest_fire(trigger_for(sub), now, window)
        if due is None or due <= sub.created_at:
            return
        if sub.last_run_at is not None and sub.last_run_at >= due:
            return  # already run (by this or another instance)
        since = sub.created_at - timedelta(hours=self.settings.digest.initial_lookback_hours)
        period = _period(sub.last_run_at, sub.timezone, now)
        try:
            result = await self.runner.deliver(sub.topic, sub.adapter, sub.channel, since=since, period=period, run=(sub.id, due))
        except asyncio.CancelledError:
            # shutdown outlasted the grace period: claimed work is finished by recovery after a
            # restart, an unclaimed run by the catch-up at start. One line, not APScheduler's traceback.
            log.warning(
                "shutdown cancelled the digest of %s to %s:%s (subscription %s, due %s); it will be finished after "
                "the restart", sub.topic, sub.adapter, sub.channel, sub.id, due.isoformat(),
            )
            return
        except DeliveryError as exc:
            log.warning("digest of %s to %s:%s not posted: %s", sub.topic, sub.adapter, sub.channel, exc)
            return
        except Exception:
            metrics.DIGESTS.labels("failed").inc()
            log.exception("digest of %s to %s:%s failed", sub.topic, sub.adapter, sub.channel)
            return
        metrics.DIGESTS.labels("skipped" if result.skipped else "posted").inc()
        if result.skipped:
            log.info("digest %s for %s already run (by this or another instance)", sub.id, due.isoformat())

    async def run_poll(self, source_id: int) -> None:
        """Poll one source through the ingestion layer; failures are logged, never raised."""
        if self.poll is None:
            return
        try:
            await self.poll(source_id)
        except asyncio.CancelledError:
            log.warning("shutdown cancelled the poll of source %s; it runs again at its next interval", source_id)
        except Exception:
            log.exception("poll of source %s failed", source_id)

    async def resync(self) -> None:
        """Bring the jobs in line with the subscriptions and sources tables, and finish digests
        left unsent by instances that died (their claims' lease expired)."""
        try:
            await asyncio.to_thread(self._sync_all)
            await self.runner.recover()
        except asyncio.CancelledError:
            log.warning("shutdown cancelled the re-sync; open deliveries are recovered after the restart")
        except Exception:
            log.exception("re-syncing the jobs or recovering stale deliveries failed")

    # -- syncing -----------------------------------------------------------------------------

    def _on_change(self, kind: str, sub_id: int) -> None:
        if self._loop is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._sync_one(sub_id)
        else:
            self._loop.call_soon_threadsafe(self._sync_one, sub_id)

    def _sync_one(self, sub_id: int) -> None:
        sub = manage.get_subscription(self.store, sub_id)
        if sub is None or sub.adapter not in self.runner.adapters:
            self._remove(jobs.digest_job_id(sub_id))
            return
        self._schedule(sub)

    def _sync_all(self) -> None:
        subs = [s for s in manage.list_subscriptions(self.store) if s.adapter in self.runner.adapters]
        wanted = {jobs.digest_job_id(s.id) for s in subs}
        for s in subs:
            self._schedule(s)
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:") and job.id not in wanted:
                job.remove()
        if self.poll is not None:
            self._sync_sources()

    def _schedule(self, sub: SubscriptionView) -> None:
        jid = jobs.digest_job_id(sub.id)
        name = f"{sub.topic} → {sub.adapter}:{sub.channel} ({sub.schedule}, {sub.timezone})"
        job = self.scheduler.get_job(jid)
        if job is not None and job.name == name:
            return
        try:
            trig = trigger_for(sub)
        except ValueError as exc:
            log.error("subscription %s has an unusable schedule %r: %s", sub.id, sub.schedule, exc)
            return
        self.scheduler.add_job(jobs.digest_job, trig, args=[sub.id], id=jid, name=name, replace_existing=True)
        log.info("scheduled %s", name)

    def _sync_sources(self) -> None:
        with self.store.session() as s:
            sources = [(r.id, r.interval_minutes, r.next_poll_at) for r in s.scalars(select(Source))]
        wanted = set()
        now = self.clock()
        for i, (sid, minutes, next_poll) in enumerate(sources):
            jid = jobs.poll_job_id(sid)
            wanted.add(jid)
            minutes = minutes or self.settings.poll_interval_minutes
            name = f"poll source {sid} every {minutes:g} min"
            job = self.scheduler.get_job(jid)
            if job is not None and job.name == name:
                continue
            first = now + timedelta(seconds=2 + i % 60)  # stagger the first polls after a start ...
            if next_poll is not None and next_poll > first:
                first = next_poll  # ... unless the source is not due yet (interval or failure backoff)
            self.scheduler.add_job(
                jobs.poll_job, IntervalTrigger(minutes=minutes, start_date=first), args=[sid], id=jid, name=name,
                replace_existing=True, next_run_time=first,
            )
        for job in self.scheduler.get_jobs():
            if job.id.startswith("poll:") and job.id not in wanted:
                job.remove()

    def _queue_catchups(self) -> int:
        """One catch-up job per subscription whose latest due time (within the grace) was not run."""
        now = self.clock()
        grace = timedelta(hours=self.settings.digest.missed_grace_hours)
        n = 0
        for sub in manage.list_subscriptions(self.store):
            if sub.adapter not in self.runner.adapters:
                continue
            try:
                due = latest_fire(trigger_for(sub), now, grace)
            except ValueError:
                continue
            if due is None or due <= sub.created_at or (sub.last_run_at is not None and sub.last_run_at >= due):
                continue
            self.scheduler.add_job(
                jobs.catchup_job, DateTrigger(run_date=now), args=[sub.id], id=jobs.catchup_job_id(sub.id), replace_existing=True
            )
            log.warning("digest %s of %s to %s:%s was missed at %s; posting it now", sub.id, sub.topic, sub.adapter, sub.channel, due.isoformat())
            n += 1
        return n

    def _remove(self, job_id: str) -> None:
        if self.scheduler.get_job(job_id) is not None:
            self.scheduler.remove_job(job_id)


def _period(last: datetime | None, tz: str, now: datetime | None = None) -> str | None:
    if last is None:
        return None
    return since_text(last, tz, now)
