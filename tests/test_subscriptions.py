"""Subscriptions: the schedule grammar, and /brief subscribe|unsubscribe|subscriptions as a
conversation through the real dispatcher and store (permissions and bad input included)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.core.commands import Dispatcher
from bot.core.replies import Notice
from bot.core.service import BriefService
from bot.store.models import Subscription
from bot.subscriptions import verbs  # noqa: F401  (registers the verbs)
from bot.subscriptions.schedule import Schedule, ScheduleError, parse_schedule, schedule_from_text
from tests.fakes.recording import RecordingAdapter


# -- the grammar ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, text, tz",
    [
        ("daily 08:00 America/Mexico_City", "daily 08:00", "America/Mexico_City"),
        ("weekdays 7:30", "weekdays 07:30", "Europe/Berlin"),
        ("Daily 7:30 pm america/new_york", "daily 19:30", "America/New_York"),
        ("daily 12am UTC", "daily 00:00", "UTC"),
        ("every 4h", "every 4h", "Europe/Berlin"),
        ("every 30m", "every 30m", "Europe/Berlin"),
        ("every 90 minutes", "every 90m", "Europe/Berlin"),
        ("every 1d", "every 1d", "Europe/Berlin"),
        ("every 120m", "every 2h", "Europe/Berlin"),
    ],
)
def test_schedules_parse_and_normalize(words, text, tz):
    sched, zone = parse_schedule(words.split(), "Europe/Berlin")
    assert (sched.text, zone) == (text, tz)
    assert schedule_from_text(sched.text) == sched


@pytest.mark.parametrize(
    "words, message",
    [
        ("", "say when"),
        ("hourly", "not a schedule"),
        ("daily", "needs a time of day"),
        ("daily 25:00", "hours go 00-23"),
        ("daily 08:61", "minutes 00-59"),
        ("daily 8", "HH:MM"),
        ("daily 13pm", "1 to 12"),
        ("daily noon", "not a time of day"),
        ("weekdays 07:30 Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("daily 08:00 Europe/Berlin extra", "unexpected words"),
        ("every", "needs an interval"),
        ("every 2m", "from 5m to 30d"),
        ("every 31d", "from 5m to 30d"),
        ("every fortnight", "interval 'fortnight' is not a duration"),
    ],
)
def test_bad_schedules_say_what_is_wrong(words, message):
    with pytest.raises(ScheduleError) as err:
        parse_schedule(words.split(), "UTC")
    assert message in str(err.value)


def test_interval_text_is_exact():
    assert Schedule("every", interval=timedelta(minutes=45)).text == "every 45m"
    assert Schedule("every", interval=timedelta(hours=36)).text == "every 36h"


# -- the conversation ----------------------------------------------------------------------


@pytest.fixture
async def chat(settings, store):
    settings = settings.model_copy(update={"admins": ["U-listed", "slack:U-qualified"], "default_timezone": "America/Mexico_City"})
    service = BriefService(settings, store)
    adapter = RecordingAdapter()
    await adapter.start(Dispatcher(service))
    yield adapter
    service.close()


def rows(store):
    with store.session() as s:
        return [(r.adapter, r.channel, r.topic, r.schedule, r.timezone, r.created_by) for r in s.scalars(select(Subscription))]


def only_notice(replies) -> Notice:
    assert len(replies) == 1 and isinstance(replies[0], Notice)
    return replies[0]


async def test_admin_subscribes_lists_updates_and_unsubscribes(chat, store):
    n = only_notice(await chat.push("/brief subscribe usmx daily 08:00 America/Mexico_City", is_admin=True))
    assert n.level == "info" and "Subscribed" in n.lines[0] and "08:00 (America/Mexico_City)" in n.lines[0]
    assert rows(store) == [("recording", "C1", "usmx", "daily 08:00", "America/Mexico_City", "U1")]

    n = only_notice(await chat.push("/brief subscribe usmx weekdays 07:30", is_admin=True))
    assert "Updated" in n.lines[0]
    assert rows(store) == [("recording", "C1", "usmx", "weekdays 07:30", "America/Mexico_City", "U1")]  # default zone

    await chat.push("/brief subscribe world every 4h", is_admin=True)
    n = only_notice(await chat.push("/brief subscriptions"))  # anyone may list
    assert n.lines == ["usmx: Monday to Friday at 07:30 (America/Mexico_City)", "world: every 4h"]
    assert only_notice(await chat.push("/brief subscriptions", channel="C2")).lines[0].startswith("This channel has no")

    n = only_notice(await chat.push("/brief unsubscribe usmx", is_admin=True))
    assert "no longer receives the usmx digest" in n.lines[0]
    assert [r[2] for r in rows(store)] == ["world"]
    n = only_notice(await chat.push("/brief unsubscribe usmx", is_admin=True))
    assert "was not subscribed" in n.lines[0]


@pytest.mark.parametrize("user", ["U-listed", "U-qualified"])
async def test_users_listed_in_settings_may_change_subscriptions(chat, store, user):
    adapter_name = chat.name
    if user == "U-qualified":  # listed as "slack:U-qualified": only counts on slack
        refused = only_notice(await chat.push("/brief subscribe usmx every 4h", user=user))
        assert refused.level == "error"
        chat.name = "slack"
    n = only_notice(await chat.push("/brief subscribe usmx every 4h", user=user))
    chat.name = adapter_name
    assert n.level == "info" and len(rows(store)) == 1


async def test_others_get_a_polite_refusal_and_nothing_changes(chat, store):
    await chat.push("/brief subscribe usmx daily 08:00", is_admin=True)
    before = rows(store)
    for text in ("/brief subscribe usmx every 4h", "/brief unsubscribe usmx", "/brief subscribe world daily 09:00"):
        n = only_notice(await chat.push(text, user="U-nobody"))
        assert n.level == "error" and n.lines[0].startswith("Sorry, only workspace or server admins")
    assert rows(store) == before


@pytest.mark.parametrize(
    "text, message",
    [
        ("/brief subscribe", "Which topic?"),
        ("/brief subscribe nosuchtopic daily 08:00", "unknown topic 'nosuchtopic'. Known topics: usmx, world"),
        ("/brief subscribe usmx", "say when"),
        ("/brief subscribe usmx daily 8:75", "minutes 00-59"),
        ("/brief subscribe usmx daily 08:00 Atlantis/Capital", "unknown time zone 'Atlantis/Capital'"),
        ("/brief subscribe usmx every 1m", "from 5m to 30d"),
        ("/brief unsubscribe usmx now", "Usage: /brief unsubscribe TOPIC"),
    ],
)
async def test_bad_input_is_explained_and_stores_nothing(chat, store, text, message):
    n = only_notice(await chat.push(text, is_admin=True))
    assert n.level == "error" and message in " ".join(n.lines)
    assert rows(store) == []


async def test_help_lists_the_subscription_verbs(chat):
    (n,) = await chat.push("/brief help")
    text = "\n".join(n.lines)
    assert "subscribe TOPIC daily HH:MM" in text and "unsubscribe TOPIC" in text and "subscriptions" in text
