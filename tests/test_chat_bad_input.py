"""Bad input in chat (from a break-it review): every answer is a friendly notice of bounded
length, never "something went wrong", and nothing is stored half-way."""

from __future__ import annotations

import asyncio
import io
import logging

import pytest
from sqlalchemy import func, select

from bot.adapters.base import CommandRequest, DeliveryError
from bot.adapters.console import ConsoleAdapter
from bot.core.commands import Dispatcher, registry
from bot.core.errors import UserError
from bot.core.replies import Notice
from bot.core.service import BriefService
from bot.store.models import Subscription
from bot.subscriptions import verbs  # noqa: F401  (registers the verbs)
from tests.fakes.engine import TinyEngine
from tests.fakes.recording import RecordingAdapter

HUGE = 100_000


@pytest.fixture
async def chat(settings, store):
    service = BriefService(settings, store, engine_factory=TinyEngine)
    adapter = RecordingAdapter()
    await adapter.start(Dispatcher(service))
    yield adapter
    service.close()


def subscriptions(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Subscription))


def only_notice(replies) -> Notice:
    assert len(replies) == 1 and isinstance(replies[0], Notice)
    return replies[0]


def assert_bounded(notice: Notice, limit: int = 400) -> str:
    """Every line is short, whatever the user pasted; returns the text."""
    for line in [notice.title or "", *notice.lines]:
        assert len(line) <= limit, f"{len(line)} characters: {line[:120]}..."
    return "\n".join(notice.lines)


@pytest.mark.parametrize("interval", ["99999999999999999999h", "9" * 400 + "m", "1000000d"])
async def test_a_huge_interval_is_out_of_range(chat, store, caplog, interval):
    with caplog.at_level(logging.ERROR):
        n = only_notice(await chat.push(f"/brief subscribe usmx every {interval}", is_admin=True))
    text = assert_bounded(n)
    assert n.level == "error" and "out of range" in text and "5m to 30d" in text
    assert "went wrong" not in text and not [r for r in caplog.records if r.exc_info], "nothing logged as a crash"
    assert subscriptions(store) == 0


async def test_a_huge_time_zone_is_echoed_shortened(chat, store):
    zone = "Area/" + "x" * HUGE
    n = only_notice(await chat.push(f"/brief subscribe usmx daily 08:00 {zone}", is_admin=True))
    text = assert_bounded(n)
    assert n.level == "error" and "unknown time zone 'Area/xxx" in text and "…" in text
    assert subscriptions(store) == 0


async def test_a_huge_url_is_echoed_shortened(chat):
    url = "http://127.0.0.1/" + "a" * HUGE
    n = only_notice(await chat.push(f"/brief usmx {url}"))
    text = assert_bounded(n)
    assert n.level == "error" and "http://127.0.0.1/aaa" in text and "…" in text


async def test_huge_topics_and_words_are_echoed_shortened(chat, store):
    for command in (f"/brief {'z' * HUGE}", f"/brief usmx {'z' * HUGE}", f"/brief subscribe {'z' * HUGE} every 4h",
                    f"/brief unsubscribe {'z' * HUGE}", f"/brief subscribe usmx daily 08:00 UTC {'z' * HUGE}"):
        for reply in await chat.push(command, is_admin=True):
            assert_bounded(reply)
    assert subscriptions(store) == 0


async def test_any_handler_error_that_echoes_input_is_shortened(settings, store):
    """The dispatcher cuts long words in every notice, whoever wrote the message."""
    commands = registry.copy()

    async def echo(ctx):
        raise UserError(f"Cannot use {' '.join(ctx.args)}: it was {' '.join(ctx.args)}")

    commands.register("echo", echo, usage="echo X", summary="test verb")
    service = BriefService(settings, store, engine_factory=TinyEngine)
    try:
        word = "w" * HUGE
        [n] = await Dispatcher(service, commands).handle(CommandRequest("t", "C", "U", f"echo {word}"))
    finally:
        service.close()
    assert isinstance(n, Notice) and n.level == "error"
    assert n.lines == [f"Cannot use {'w' * 79}… it was {'w' * 79}…"]  # 'www...:' is one word


# -- the console adapter's output ---------------------------------------------------------------


class _GoneStream(io.StringIO):
    """Standard output whose reader has gone: every write fails like a closed pipe."""

    def write(self, text):  # noqa: D401
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("stream", [_GoneStream(), "closed"])
async def test_console_send_fails_loudly_when_nothing_can_be_written(stream):
    if stream == "closed":
        stream = io.StringIO()
        stream.close()
    adapter = ConsoleAdapter(stdout=stream)
    with pytest.raises(DeliveryError, match="cannot write to standard output"):
        await adapter.send("console", Notice(["hello"]))


async def test_console_stops_reading_commands_once_its_output_is_gone():
    handled = []

    async def handler(req):
        handled.append(req.text)
        return [Notice([f"answer to {req.text}"])]

    adapter = ConsoleAdapter(stdin=io.StringIO("/brief topics\n/brief help\n/brief usmx\n"), stdout=_GoneStream())
    await adapter.start(handler)
    await asyncio.wait_for(adapter.wait_closed(), 10)
    await adapter.stop()
    assert handled == ["/brief topics"], "no more commands are run once nobody can read the answers"
