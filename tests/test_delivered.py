"""Exactly-once confirmation on the real platforms: ``delivered(channel, digest_id)`` of the Slack
adapter (message metadata + conversations.history) and of the Discord adapter (footer mark +
channel history), against the local fake APIs; and digest recovery through bot/digest/deliver.py
after a crash in the posting window, with no duplicate on Slack."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import discord
import pytest
from sqlalchemy import func, select

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.slack.history import DigestHistory, digest_metadata
from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.store.models import Delivery
from config.settings import DiscordSettings, SlackSettings
from tests.delivery_helpers import with_threads
from tests.digest_helpers import add_stories
from tests.fakes.briefs import digest
from tests.fakes.discord_api import BOT_USER, FakeDiscordAPI
from tests.fakes.engine import TinyEngine
from tests.fakes.slack_api import FakeSlackAPI

DIGEST_ID = "0f3c5a9e2b7d4c1e8a6f9b2d3e4c5a6b"
OTHER_ID = "9a8b7c6d5e4f30211203f4e5d6c7b8a9"


def inline(settings):
    """The inline layout (``digest.threads`` off): a whole digest is in the channel's own history,
    which is what ``delivered`` searches. Threaded digests: tests/test_digest_threads.py."""
    return with_threads(settings, False)


def a_digest(n: int, digest_id: str = DIGEST_ID):
    return replace(digest(n), digest_id=digest_id)


# -- Slack ------------------------------------------------------------------------------------


@pytest.fixture
async def slack(settings):
    async with FakeSlackAPI() as api:
        s = inline(settings).model_copy(update={"slack": SlackSettings(bot_token="xoxb-test", api_url=api.api_url)})
        adapter = SlackAdapter.for_sending(s)  # socket mode without an app token: sending needs none
        await adapter.start_sending()
        try:
            yield api, adapter
        finally:
            await adapter.stop()


def history_calls(api: FakeSlackAPI) -> list[dict]:
    return [c for c in api.calls if c["kind"] == "conversations.history"]


async def test_slack_posted_digest_is_found(slack):
    api, adapter = slack
    await adapter.send("C1", a_digest(40))
    posted = api.digest_posts(DIGEST_ID)
    assert len(posted) >= 2, "a long digest spans several messages"
    assert [p["metadata"]["event_payload"]["part"] for p in posted] == list(range(1, len(posted) + 1))
    assert {p["metadata"]["event_type"] for p in posted} == {"briefbot_digest"}
    for i in range(30):  # the channel moves on after the digest
        api.add_message("C1", {"type": "message", "user": "U9", "text": f"comment {i}"})
    assert await adapter.delivered("C1", DIGEST_ID) is True
    [call, *_] = history_calls(api)
    assert call["body"]["channel"] == "C1" and call["body"]["include_all_metadata"] in ("1", "true", "True")
    assert float(call["body"]["oldest"]) > 0 and int(call["body"]["limit"]) <= 200


async def test_slack_not_posted_is_false(slack):
    api, adapter = slack
    await adapter.send("C1", a_digest(3, OTHER_ID))
    await adapter.send("C2", a_digest(3))  # the same digest in another channel does not count
    api.add_message("C1", {"type": "message", "user": "U9", "text": f"see digest {DIGEST_ID}"})
    # another app's message that carries the same metadata does not count
    api.add_message("C1", {"type": "message", "bot_id": "BOTHER", "text": "x", "metadata": digest_metadata(DIGEST_ID, 1, 1)})
    assert await adapter.delivered("C1", DIGEST_ID) is False


async def test_slack_partly_posted_digest_is_not_delivered(slack):
    from slack_sdk.errors import SlackApiError

    api, adapter = slack
    api.script = [None, ("error", "invalid_blocks")]  # the first message goes out, the second is refused
    with pytest.raises(SlackApiError):
        await adapter.send("C1", a_digest(40))
    assert len(api.digest_posts(DIGEST_ID)) == 1
    assert await adapter.delivered("C1", DIGEST_ID) is False


async def test_slack_missing_history_scope_is_unknown_and_logged_once(slack, caplog):
    api, adapter = slack
    await adapter.send("C1", a_digest(3))
    api.history_errors["C1"] = "missing_scope"
    with caplog.at_level(logging.WARNING):
        assert await adapter.delivered("C1", DIGEST_ID) is None
        assert await adapter.delivered("C1", OTHER_ID) is None
    warnings = [r for r in caplog.records if "channels:history" in r.getMessage()]
    assert len(warnings) == 1 and "slack-manifest.yml" in warnings[0].getMessage()


async def test_slack_other_history_errors_are_unknown(slack):
    api, adapter = slack
    api.history_errors["CPRIV"] = "not_in_channel"
    assert await adapter.delivered("CPRIV", DIGEST_ID) is None


async def test_slack_search_is_bounded(slack):
    api, adapter = slack
    await adapter.send("C1", a_digest(3))
    for i in range(450):
        api.add_message("C1", {"type": "message", "user": "U9", "text": f"busy {i}"})
    small = DigestHistory(adapter.client, max_messages=400)
    assert await small.delivered("C1", DIGEST_ID) is None, "past the bound it cannot tell"
    assert len(history_calls(api)) == 2, "two pages of 200, then it stops"
    assert await adapter.delivered("C1", DIGEST_ID) is True, "the default bound reaches it"
    api.add_message("C1", {"type": "message", "ts": "1000.000001", "bot_id": "BBOT", "text": "old",
                           "metadata": digest_metadata(OTHER_ID, 1, 1)})
    assert await adapter.delivered("C1", OTHER_ID) is False, "older than the window is not searched"


# -- Discord ----------------------------------------------------------------------------------


@pytest.fixture
async def discord_env(settings, monkeypatch):
    async with FakeDiscordAPI() as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api.base)
        s = inline(settings).model_copy(update={"discord": DiscordSettings(token="test-token")})
        adapter = DiscordAdapter(s)
        await adapter.start_sending()
        try:
            yield api, adapter
        finally:
            await adapter.stop()


async def test_discord_start_sending_logs_in_without_registering_commands(discord_env):
    api, adapter = discord_env
    assert api.of("me") and not api.of("sync")
    assert adapter.client.user is not None and not adapter.client.is_ready()


async def test_discord_posted_digest_is_found(discord_env):
    api, adapter = discord_env
    await adapter.send("6100", a_digest(40))
    posts = api.of("channel_message")
    assert len(posts) >= 2
    footers = [p["body"]["embeds"][-1]["footer"]["text"] for p in posts]
    assert footers[-1] == f"briefbot digest {DIGEST_ID} · {len(posts)}/{len(posts)}"
    assert all(p["body"]["nonce"] and len(p["body"]["nonce"]) <= 25 for p in posts)
    for i in range(20):
        api.add_message("6100", {"content": f"comment {i}"}, author={**BOT_USER, "id": "7777", "bot": False})
    assert await adapter.delivered("6100", DIGEST_ID) is True


async def test_discord_not_posted_is_false(discord_env):
    api, adapter = discord_env
    await adapter.send("6100", a_digest(3, OTHER_ID))
    await adapter.send("6200", a_digest(3))
    # someone else's message that copies the footer mark does not count
    fake_mark = {"embeds": [{"title": "x", "footer": {"text": f"briefbot digest {DIGEST_ID} · 1/1"}}]}
    api.add_message("6100", fake_mark, author={**BOT_USER, "id": "7777", "bot": False})
    assert await adapter.delivered("6100", DIGEST_ID) is False


async def test_discord_forbidden_history_is_unknown_and_logged_once(discord_env, caplog):
    api, adapter = discord_env
    await adapter.send("6100", a_digest(3))
    api.history_forbidden.add("6100")
    with caplog.at_level(logging.WARNING):
        assert await adapter.delivered("6100", DIGEST_ID) is None
        assert await adapter.delivered("6100", OTHER_ID) is None
    warnings = [r for r in caplog.records if "Read Message History" in r.getMessage()]
    assert len(warnings) == 1


async def test_discord_repeated_send_within_minutes_is_not_posted_twice(discord_env):
    api, adapter = discord_env
    await adapter.send("6100", a_digest(25))
    first = len(api.channel_messages["6100"])
    await adapter.send("6100", a_digest(25))  # a retry of the same digest: same nonces
    assert len(api.channel_messages["6100"]) == first


# -- recovery through bot/digest/deliver.py ---------------------------------------------------


def deliveries(store) -> dict[str, int]:
    with store.session() as s:
        return dict(s.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all())


def slack_runner(settings, store, adapter, engine):
    return DigestRunner(settings, store, StoryBriefer(store, lambda: engine), {"slack": adapter}, instance_id="node-a")


async def crash_in_posting_window(api: FakeSlackAPI, runner: DigestRunner, channel: str) -> str:
    """Run a digest and kill it while Slack holds the answer to its last message; returns its id."""
    is_last = lambda body: (lambda p: p.get("part") == p.get("parts"))(  # noqa: E731
        ((body.get("metadata") or {}).get("event_payload")) or {})
    api.hold_posts = is_last
    task = asyncio.create_task(runner.deliver("usmx", "slack", channel))
    await api.wait_for(lambda: api.held)
    task.cancel()  # the process dies: 'posting' is committed, 'sent' never is
    with pytest.raises(asyncio.CancelledError):
        await task
    api.release_posts()
    return api.held[0]["metadata"]["event_payload"]["digest_id"]


@pytest.fixture
async def recovery(settings, store):
    ids = add_stories(store, [0, 1, 2, 3])
    async with FakeSlackAPI() as api:
        s = inline(settings).model_copy(update={"slack": SlackSettings(bot_token="xoxb-test", api_url=api.api_url)})
        adapter = SlackAdapter.for_sending(s)
        await adapter.start_sending()
        try:
            yield api, adapter, s, ids
        finally:
            await adapter.stop()


async def test_crash_after_slack_took_the_digest_is_recovered_without_duplicate(recovery, store, caplog):
    api, adapter, s, ids = recovery
    engine = TinyEngine()
    did = await crash_in_posting_window(api, slack_runner(s, store, adapter, engine), "C1")
    assert api.digest_posts(did), "Slack has the digest"
    assert deliveries(store) == {"posting": len(ids)}
    with caplog.at_level(logging.WARNING, logger="briefbot.digest"):
        restarted = slack_runner(s, store, adapter, engine)  # same instance id: recovers at once
        assert await restarted.recover() == 1
    posted = api.digest_posts(did)
    assert len(posted) == posted[-1]["metadata"]["event_payload"]["parts"], "each part once: no duplicate"
    assert deliveries(store) == {"sent": len(ids)}
    assert any("was posted before a crash; recorded it" in r.getMessage() for r in caplog.records)
    again = await restarted.deliver("usmx", "slack", "C1")
    assert not again.posted and len(api.posts) == len(posted)


async def test_crash_before_slack_took_the_digest_is_re_sent_once(recovery, store):
    api, adapter, s, ids = recovery
    api.hold_stage = "before"
    engine = TinyEngine()
    did = await crash_in_posting_window(api, slack_runner(s, store, adapter, engine), "C1")
    assert not any(p for p in api.posts if p.get("metadata", {}).get("event_payload", {}).get("part")
                   == p.get("metadata", {}).get("event_payload", {}).get("parts")), "the last part never arrived"
    assert deliveries(store) == {"posting": len(ids)}
    api.hold_stage = "after"
    api.posts.clear()
    restarted = slack_runner(s, store, adapter, engine)
    assert await restarted.recover() == 1
    resent = api.digest_posts(did)
    numbers = [p["metadata"]["event_payload"]["part"] for p in resent]
    assert numbers == [2] and resent[-1]["metadata"]["event_payload"]["parts"] == 2, \
        "the lost message's number is not reused: a late copy of it can never be taken for the re-sent one"
    urls = api.source_urls("C1")
    assert len(urls) == len(set(urls)) == len(ids), "no gap, no repeat"
    assert deliveries(store) == {"sent": len(ids)}


async def test_without_history_scope_recovery_falls_back_to_at_least_once(recovery, store, caplog):
    api, adapter, s, ids = recovery
    api.history_errors["C1"] = "missing_scope"
    engine = TinyEngine()
    did = await crash_in_posting_window(api, slack_runner(s, store, adapter, engine), "C1")
    before = len(api.digest_posts(did))
    with caplog.at_level(logging.WARNING):
        assert await slack_runner(s, store, adapter, engine).recover() == 1
    assert len(api.digest_posts(did)) == 2 * before, "unknown → re-sent (the documented at-least-once case)"
    assert any("cannot confirm it; re-sending" in r.getMessage() for r in caplog.records)
    assert deliveries(store) == {"sent": len(ids)}


async def test_discord_crash_after_the_post_is_recovered_without_duplicate(settings, store, monkeypatch):
    ids = add_stories(store, [0, 1, 2, 3])
    async with FakeDiscordAPI() as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api.base)
        adapter = DiscordAdapter(inline(settings).model_copy(update={"discord": DiscordSettings(token="test-token")}))
        await adapter.start_sending()
        try:
            engine = TinyEngine()

            def runner():
                return DigestRunner(settings, store, StoryBriefer(store, lambda: engine), {"discord": adapter},
                                    instance_id="node-a")

            api.hold_posts = True  # Discord keeps each message, but the answer never reaches the bot
            task = asyncio.create_task(runner().deliver("usmx", "discord", "6100"))
            await api.wait_for(lambda: api.of("held"))
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            api.release_posts()
            await api.wait_for(lambda: len(api.of("channel_message")) == len(api.of("held")))
            assert deliveries(store) == {"posting": len(ids)}
            posted, attempts = len(api.channel_messages["6100"]), len(api.of("channel_message"))
            assert await runner().recover() == 1
            assert api.of("history"), "recovery looked in the channel"
            assert len(api.of("channel_message")) == attempts, "confirmed from the history: not even re-sent"
            assert len(api.channel_messages["6100"]) == posted
            assert deliveries(store) == {"sent": len(ids)}
        finally:
            await adapter.stop()
