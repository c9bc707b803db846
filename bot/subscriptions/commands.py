"""The chat verbs ``subscribe``, ``unsubscribe`` and ``subscriptions`` (same words on every adapter).

``/brief subscribe usmx daily 08:00 America/Mexico_City`` · ``/brief subscribe usmx weekdays 07:30``
· ``/brief subscribe usmx every 4h`` · ``/brief unsubscribe usmx`` · ``/brief subscriptions``.

Only workspace/guild admins (``CommandRequest.is_admin``) or users listed in
``settings.admins`` (as ``USER`` or ``ADAPTER:USER``) may subscribe or unsubscribe; anyone
may list. Every outcome is a :class:`~bot.core.replies.Notice`; user errors never raise.
"""

from __future__ import annotations

from bot.adapters.base import CommandRequest
from bot.core.echo import shorten
from bot.core.replies import Notice
from bot.store.db import Store
from bot.subscriptions.manage import list_subscriptions, subscribe, unsubscribe
from bot.subscriptions.schedule import USAGE, ScheduleError, parse_schedule, schedule_from_text
from config.settings import Settings
from config.topics import TopicError, get_topic

VERBS = ("subscribe", "unsubscribe", "subscriptions")


def may_change(req: CommandRequest, settings: Settings) -> bool:
    """True when the user administers the workspace/guild or is listed in ``settings.admins``."""
    return req.is_admin or req.user in settings.admins or f"{req.adapter}:{req.user}" in settings.admins


def _refusal(action: str) -> Notice:
    return Notice(
        [
            f"Sorry, only workspace or server admins, or the bot's configured admins, can {action} this channel.",
            "Ask one of them, or use /brief subscriptions to see what this channel receives.",
        ],
        level="error",
    )


def handle(req: CommandRequest, settings: Settings, store: Store) -> Notice:
    """Run a subscription verb. ``req.text`` starts with one of :data:`VERBS`.

    Returns a confirmation, a listing or an error notice (bad topic, time, zone or permission).
    """
    words = req.text.split()
    verb = words[0].lower() if words else ""
    if verb == "subscriptions":
        return _list(req, store)
    if verb not in ("subscribe", "unsubscribe"):
        raise ValueError(f"not a subscription verb: {verb!r}")
    if len(words) < 2:
        usage = f"/brief subscribe TOPIC {USAGE}" if verb == "subscribe" else "/brief unsubscribe TOPIC"
        return Notice([f"Which topic? Usage: {usage}"], level="error")
    if not may_change(req, settings):
        return _refusal(f"{verb} for")
    if verb == "unsubscribe":
        if len(words) > 2:
            return Notice(["Usage: /brief unsubscribe TOPIC"], level="error")
        name = shorten(words[1].lower(), 40)  # works even when the topic's file has since been removed
        if unsubscribe(store, req.adapter, req.channel, words[1].lower()):
            return Notice([f"This channel no longer receives the {name} digest."])
        return Notice([f"This channel was not subscribed to {name}."])
    try:
        topic = get_topic(words[1], settings.topics_dir)
    except TopicError as exc:
        return Notice([str(exc)], level="error")
    try:
        sched, tz = parse_schedule(words[2:], settings.default_timezone)
    except ScheduleError as exc:
        return Notice([f"Cannot subscribe: {exc}."], level="error")
    view, created = subscribe(store, req.adapter, req.channel, topic.name, sched, tz, req.user)
    did = "Subscribed" if created else "Updated: subscribed"
    return Notice([f"{did} this channel to the {topic.name} digest ({topic.title}), {sched.describe(tz)}."])


def _list(req: CommandRequest, store: Store) -> Notice:
    subs = list_subscriptions(store, req.adapter, req.channel)
    if not subs:
        return Notice(["This channel has no digest subscriptions. Try /brief subscribe TOPIC daily 08:00"])
    lines = [f"{s.topic}: {schedule_from_text(s.schedule).describe(s.timezone)}" for s in subs]
    return Notice(lines, title="Digest subscriptions of this channel")
