"""Digest subscriptions: a channel on an adapter receives a topic's digest on a schedule."""

from bot.subscriptions.schedule import Schedule, ScheduleError, parse_schedule  # noqa: F401
