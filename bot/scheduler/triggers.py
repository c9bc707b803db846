"""APScheduler triggers for subscriptions, and "when was this last due?".

``daily``/``weekdays`` become a :class:`~apscheduler.triggers.cron.CronTrigger` in the
subscription's time zone, so 08:00 stays 08:00 local across daylight-saving changes (a time
skipped by a spring-forward jump fires at the first valid time after it; a time repeated
in autumn fires once). ``every N`` becomes an :class:`~apscheduler.triggers.interval.IntervalTrigger`
counted from the subscription's creation.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.subscriptions.manage import SubscriptionView
from bot.subscriptions.schedule import schedule_from_text


def trigger_for(sub: SubscriptionView) -> BaseTrigger:
    """The trigger of ``sub``'s schedule in its time zone. Raises ScheduleError for a bad stored schedule."""
    sched = schedule_from_text(sub.schedule)
    if sched.kind == "every":
        assert sched.interval is not None
        # the first digest comes one interval after subscribing
        return IntervalTrigger(
            seconds=int(sched.interval.total_seconds()), start_date=sub.created_at + sched.interval, timezone=sub.timezone
        )
    dow = "mon-fri" if sched.kind == "weekdays" else None
    return CronTrigger(day_of_week=dow, hour=sched.hour, minute=sched.minute, timezone=sub.timezone)


def latest_fire(trigger: BaseTrigger, now: datetime, window: timedelta) -> datetime | None:
    """The latest fire time of ``trigger`` in ``[now - window, now]`` (timezone-aware), or None."""
    start = now - window
    t = trigger.get_next_fire_time(None, start)
    last = None
    while t is not None and t <= now:
        last = t
        t = trigger.get_next_fire_time(t, t + timedelta(microseconds=1))
    return last
