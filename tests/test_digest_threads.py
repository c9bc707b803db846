"""Threaded digests (``digest.threads``, the default) end to end against the local fake Slack Web
API and Discord REST API over real HTTP, on SQLite and PostgreSQL: one parent message, the
stories as replies in its thread, exactly once across ambiguous answers and a crash between
replies; on Discord a thread started from the parent, or the stories inline when the bot may not
start threads."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace

import discord
import pytest
from sqlalchemy import update

from bot.store.models import Delivery
from tests.delivery_helpers import (
    add_day, die_while_held, discord_sender, kill, make_runner, part_of, slack_sender, states, threads_recorded,
)
from tests.digest_helpers import add_article, distinct_stories
from tests.fakes.briefs import digest

AMBIGUOUS = ["500-after-store", "drop-after-store"]


@pytest.fixture
async def slack(settings):
    async with slack_sender(settings, threads=True) as env:
        yield env


@pytest.fixture
async def discord_env(settings, monkeypatch):
    async with discord_sender(settings, monkeypatch, threads=True) as env:
        yield env


def test_threads_are_on_by_default(settings):
    assert settings.digest.threads is True


def the_parent(api, channel: str) -> dict:
    """The one digest message in the channel's own history (replies are not there, as on Slack)."""
    parents = [m for m in api.history.get(channel, []) if (m.get("metadata") or {}).get("event_type") == "briefbot_digest"]
    assert len(parents) == 1, f"one parent message in {channel}, got {len(parents)}"
    return parents[0]


def slack_stories_once(api, channel: str, ids: list[int]) -> None:
    urls = api.source_urls(channel)
    assert len(urls) == len(set(urls)) == len(ids), "each story once, none missing"


# -- Slack -------------------------------------------------------------------------------------------


async def test_slack_digest_is_a_parent_with_its_stories_in_its_thread(slack, store):
    api, adapter, s = slack
    ids = add_day(store, 60)  # 30 stories: several replies
    result = await make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1")
    assert result.posted and result.stories == 30
    parent = the_parent(api, "C1")
    assert part_of(parent)["part"] == 1 and "thread_ts" not in api.digest_posts(result.digest_id)[0]
    texts = " ".join(e["text"] for b in parent["blocks"] if b["type"] == "context" for e in b["elements"])
    assert "30 stories" in texts, "the parent gives the story count"
    assert not any("Sources: " in e["text"] for b in parent["blocks"] if b["type"] == "context" for e in b["elements"]), \
        "no story in the parent"
    replies = api.thread_posts("C1", parent["ts"])
    assert len(replies) >= 2 and parent["reply_count"] == len(replies)
    bodies = api.digest_posts(result.digest_id)[1:]
    assert [b.get("thread_ts") for b in bodies] == [parent["ts"]] * len(replies), "every story reply names the parent"
    assert [part_of(b)["part"] for b in bodies] == list(range(2, len(replies) + 2))
    slack_stories_once(api, "C1", ids)
    assert states(store) == {"sent": len(ids)}
    assert threads_recorded(store) == {parent["ts"]}, "the parent's ts is stored with the digest's rows"


async def test_slack_digest_inline_when_threads_are_off(settings, store):
    async with slack_sender(settings, threads=False) as (api, adapter, s):
        ids = add_day(store, 20)
        await make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1")
        assert not any(p.get("thread_ts") for p in api.posts) and not api.threads
        slack_stories_once(api, "C1", ids)
        assert threads_recorded(store) == {None}


@pytest.mark.parametrize("stage", ["before", "after"])
async def test_slack_digest_killed_between_replies_resumes_in_the_same_thread(slack, store, stage):
    """Killed while Slack holds the second reply: 'before' = Slack never took it, 'after' = it
    did. The restarted instance posts no second parent, repeats no reply, and finishes the
    digest in the thread of the first parent."""
    api, adapter, s = slack
    ids = add_day(store, 60)
    api.hold_stage = stage
    api.hold_posts = lambda body: part_of(body).get("part") == 3
    held = await die_while_held(api, make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1"))
    did = part_of(held)["digest_id"]
    parent = the_parent(api, "C1")
    assert held["thread_ts"] == parent["ts"] and threads_recorded(store) == {parent["ts"]}
    assert await make_runner(s, store, {"slack": adapter}, instance="node-b").recover() == 0, "not stale yet"
    assert await make_runner(s, store, {"slack": adapter}).recover() == 1  # the same instance, restarted
    the_parent(api, "C1")  # still one parent: the digest went on in its thread
    replies = api.thread_posts("C1", parent["ts"])
    numbers = [part_of(m)["part"] for m in replies]
    assert numbers.count(3) == (0 if stage == "before" else 1) and numbers == sorted(set(numbers)), numbers
    assert api.of("conversations.replies"), "the uncertain reply was looked for in the thread"
    assert all(p.get("thread_ts") == parent["ts"] for p in api.digest_posts(did)[1:])
    slack_stories_once(api, "C1", ids)
    assert states(store) == {"sent": len(ids)}


async def test_slack_instance_that_lost_its_claim_at_the_parent_posts_no_reply(slack, store):
    """The claim is taken over while Slack holds the parent: the old owner records no thread and
    posts no reply; the new owner, which cannot know the parent's ts, opens a new parent for the
    stories ("continued after a restart"). A header twice, a story never."""
    api, adapter, s = slack
    ids = add_day(store, 60)
    api.hold_posts = lambda body: part_of(body).get("part") == 1
    sending = asyncio.create_task(make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1"))
    await api.wait_for(lambda: api.held)
    with store.session() as sess:  # node-b took the claim over
        sess.execute(update(Delivery).values(claimed_by="node-b"))
    api.release_posts()
    assert not (await sending).posted
    assert not api.threads and threads_recorded(store) == {None}, "no reply, no thread recorded"
    assert await make_runner(s, store, {"slack": adapter}, instance="node-b").recover() == 1
    parents = [m for m in api.history["C1"] if part_of(m)]
    assert [part_of(m)["part"] for m in parents] == [1, 2], "the resumed digest numbers its parent after the first"
    assert "continued after a restart" in json.dumps(parents[1]["blocks"])
    assert len(api.thread_posts("C1", parents[1]["ts"])) >= 2 and threads_recorded(store) == {parents[1]["ts"]}
    slack_stories_once(api, "C1", ids)
    assert states(store) == {"sent": len(ids)}


@pytest.mark.parametrize("answer", AMBIGUOUS)
async def test_slack_reply_stored_then_error_is_found_in_the_thread(slack, store, answer, caplog):
    api, adapter, s = slack
    ids = add_day(store, 60)
    api.script = [None, None, (answer,)]  # parent and first reply fine; the second reply stored, then 500 / dropped
    with caplog.at_level(logging.WARNING):
        result = await make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1")
    assert result.posted
    replies = api.thread_posts("C1", the_parent(api, "C1")["ts"])
    numbers = [part_of(m)["part"] for m in replies]
    assert numbers == list(range(2, len(numbers) + 2)), "each reply once, in order"
    assert api.of("conversations.replies") and not api.of("conversations.history")
    assert any("but Slack had posted it; not re-sent" in r.getMessage() for r in caplog.records)
    slack_stories_once(api, "C1", ids)
    assert states(store) == {"sent": len(ids)}


@pytest.mark.parametrize("answer", AMBIGUOUS)
async def test_slack_parent_stored_then_error_is_found_and_replied_to(slack, store, answer):
    """The parent's answer never came: its ts is read from the channel history, so the stories
    still go into its thread and no second parent is posted."""
    api, adapter, s = slack
    ids = add_day(store, 20)
    api.script = [(answer,)]
    await make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1")
    parent = the_parent(api, "C1")
    assert api.thread_posts("C1", parent["ts"]) and threads_recorded(store) == {parent["ts"]}
    slack_stories_once(api, "C1", ids)


async def test_slack_send_of_a_digest_reply_threads_it_too(slack):
    api, adapter, _ = slack
    await adapter.send("C1", replace(digest(3), digest_id="5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a"))
    parent = the_parent(api, "C1")
    assert len(api.thread_posts("C1", parent["ts"])) == len(api.posts) - 1 >= 1


# -- Discord -----------------------------------------------------------------------------------------


def discord_titles(messages: list[dict]) -> list[str]:
    return [e.get("title", "") for m in messages for e in m["embeds"]]


async def test_discord_digest_stories_go_into_a_thread_started_from_the_parent(discord_env, store):
    api, adapter, s = discord_env
    ids = add_day(store, 60)
    result = await make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100")
    assert result.posted
    (parent,) = api.channel_messages["6100"]
    assert len(parent["embeds"]) == 1 and parent["embeds"][0]["title"].endswith("digest")
    assert "30 stories" in parent["embeds"][0]["description"]
    (thread_id,) = api.threads
    assert thread_id == parent["id"] and api.threads[thread_id]["name"] == parent["embeds"][0]["title"]
    in_thread = api.channel_messages[thread_id]
    titles = discord_titles(in_thread)
    assert len(titles) == len(set(titles)) == 30, "every story once, in the thread"
    marks = [m["embeds"][-1]["footer"]["text"] for m in [parent] + in_thread]
    assert [int(m.rsplit(" ", 1)[1].split("/")[0]) for m in marks] == list(range(1, len(marks) + 1))
    assert states(store) == {"sent": len(ids)} and threads_recorded(store) == {thread_id}


async def test_discord_digest_inline_when_threads_are_forbidden(discord_env, store, caplog):
    api, adapter, s = discord_env
    ids = add_day(store, 60)
    api.threads_forbidden.add("6100")
    stories = 0
    with caplog.at_level(logging.WARNING):
        for _ in range(2):  # the refusal is logged once per channel
            result = await make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100")
            assert result.posted
            stories += result.stories
            ids += [add_article(store, t, x, src) for src, t, x in distinct_stories(2, seed=len(ids))]
    assert len(api.of("start_thread")) == 1 and not api.threads, "tried once, then inline in that channel"
    titles = [t for t in discord_titles(api.channel_messages["6100"]) if not t.endswith(" digest")]
    assert len(titles) == len(set(titles)) == stories > 30, "the stories follow inline, each once"
    refusals = [r for r in caplog.records if "cannot start a thread in channel 6100" in r.getMessage()]
    assert len(refusals) == 1 and "Create Public Threads" in refusals[0].getMessage()
    assert states(store) == {"sent": len(ids) - 4} and threads_recorded(store) == {None}  # the last 4: not due yet


async def test_discord_without_send_in_threads_the_digest_fails_once_then_goes_inline(discord_env, store):
    """The bot may start a thread but not post in it: that digest fails (its articles stay
    pending, nothing is lost) and the next one in the channel is inline, every story once."""
    api, adapter, s = discord_env
    ids = add_day(store, 20)
    api.thread_posts_forbidden = True
    with pytest.raises(discord.Forbidden):
        await make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100")
    assert states(store) == {}, "released: the articles are pending again"
    result = await make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100")
    assert result.posted and len(api.threads) == 1 and len(api.of("start_thread")) == 1
    titles = [t for t in discord_titles(api.channel_messages["6100"]) if not t.endswith(" digest")]
    assert len(titles) == len(set(titles)) == result.stories == 10
    assert states(store) == {"sent": len(ids)}


async def test_discord_digest_killed_between_replies_resumes_in_the_thread(discord_env, store):
    api, adapter, s = discord_env
    ids = add_day(store, 60)
    task = asyncio.create_task(make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100"))
    await api.wait_for(lambda: len(api.of("channel_message")) >= 2)  # the parent and the first reply
    api.hold_posts = True  # Discord keeps the next reply but its answer never comes back: the process dies
    await api.wait_for(lambda: api.of("held"))
    await kill(api, task)
    (thread_id,) = api.threads
    assert await make_runner(s, store, {"discord": adapter}).recover() == 1
    assert len(api.channel_messages["6100"]) == 1 and len(api.threads) == 1, "no second parent, no second thread"
    titles = discord_titles(api.channel_messages[thread_id])
    assert len(titles) == len(set(titles)) == 30, "every story once, all in the first thread"
    assert states(store) == {"sent": len(ids)}
