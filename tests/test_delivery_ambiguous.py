"""Exactly once when the platform's answer is ambiguous (issue 11, items 1 and 2), against the local
fake Slack and Discord APIs over real HTTP: a post stored and then answered with HTTP 500, a post
stored and then the connection dropped, and a multi-part digest killed between its parts."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.delivery_helpers import add_day, die_while_held, discord_sender, kill, make_runner, part_of, slack_sender, states
from tests.fakes.briefs import digest

AMBIGUOUS = ["500-after-store", "drop-after-store"]


@pytest.fixture
async def slack(settings):
    async with slack_sender(settings, threads=False) as env:  # the inline layout (threads: test_digest_threads.py)
        yield env


@pytest.fixture
async def discord_env(settings, monkeypatch):
    async with discord_sender(settings, monkeypatch, threads=False) as env:
        yield env


# -- Slack: stored, then an error ---------------------------------------------------------------


@pytest.mark.parametrize("answer", AMBIGUOUS)
async def test_slack_digest_part_stored_then_error_is_not_posted_again(slack, store, answer, caplog):
    api, adapter, s = slack
    ids = add_day(store, 60)
    api.script = [None, (answer,)]  # part 1 fine; part 2 stored, then 500 / the connection drops
    with caplog.at_level(logging.WARNING):
        result = await make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1")
    assert result.posted
    posted = api.digest_posts(result.digest_id)
    numbers = [part_of(p)["part"] for p in posted]
    assert len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)), "each part once, in order"
    urls = api.source_urls("C1")
    assert len(urls) == len(set(urls)) == len(ids), "no article twice, none missing"
    assert states(store) == {"sent": len(ids)}
    assert api.of("conversations.history"), "the channel was asked before any retry"
    assert any("but Slack had posted it; not re-sent" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("answer", AMBIGUOUS)
async def test_slack_brief_stored_then_error_is_not_posted_again(slack, answer):
    from tests.fakes.briefs import short_brief
    from bot.core.replies import BriefReply

    api, adapter, _ = slack
    api.script = [(answer,)]
    await adapter.send("C1", BriefReply("usmx", [short_brief()]))
    assert len(api.posts) == 1, "a brief is a message like any other: not posted twice either"


async def test_slack_error_before_storing_is_re_sent_once(slack):
    api, adapter, _ = slack
    api.script = [("500",)]  # not stored: the history says so, and it is re-sent
    await adapter.send("C1", _with_id(digest(3)))
    assert len(api.posts) == 1 and len(api.of("chat.postMessage")) == 2


async def test_slack_internal_error_is_checked_not_raised(slack):
    """Slack's internal_error means 'some aspect of the operation may have succeeded': checked too."""
    api, adapter, _ = slack
    api.script = [("error", "internal_error")]
    await adapter.send("C1", _with_id(digest(3)))
    assert len(api.posts) == 1 and api.of("conversations.history")


async def test_slack_without_history_scope_an_ambiguous_answer_is_left_to_recovery(slack, store, caplog):
    """Slack cannot tell (no history scope): the part is re-sent (at-least-once, logged) and, when
    it stays unclear, the digest is left open for recovery rather than released."""
    api, adapter, s = slack
    ids = add_day(store, 20)
    api.history_errors["C1"] = "missing_scope"
    api.script = [("500",), ("500",), ("500",)]
    with pytest.raises(Exception, match="cannot tell whether it was posted"):
        await make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1")
    assert set(states(store)) <= {"posting", "pending", "sent"} and sum(states(store).values()) == len(ids), \
        "claims kept for recovery, not released into the next digest"
    assert await make_runner(s, store, {"slack": adapter}).recover() == 1
    assert states(store) == {"sent": len(ids)}


def _with_id(d):
    from dataclasses import replace

    return replace(d, digest_id="0f3c5a9e2b7d4c1e8a6f9b2d3e4c5a6b")


# -- Slack: a multi-part digest killed between its parts ------------------------------------------


@pytest.mark.parametrize("stage", ["before", "after"])
async def test_slack_digest_killed_between_parts_resumes_without_repeating(slack, store, stage):
    """Killed while Slack holds part 2: 'before' = Slack never took it, 'after' = it did. The
    restarted instance posts neither part 1 nor (when it is there) part 2 again."""
    api, adapter, s = slack
    ids = add_day(store, 60)
    api.hold_stage = stage
    api.hold_posts = lambda body: part_of(body).get("part") == 2
    held = await die_while_held(api, make_runner(s, store, {"slack": adapter}).deliver("usmx", "slack", "C1"))
    did, total = part_of(held)["digest_id"], part_of(held)["parts"]
    assert states(store).get("sent", 0) > 0, "part 1 is recorded as sent"
    assert await make_runner(s, store, {"slack": adapter}).recover() == 1
    numbers = [part_of(p)["part"] for p in api.digest_posts(did)]
    assert numbers.count(1) == 1 and numbers.count(2) == (0 if stage == "before" else 1), numbers
    assert numbers == sorted(set(numbers)), "numbers are never reused"
    if stage == "before":
        assert max(numbers) > total, "the lost part 2 is re-sent under a new number"
    urls = api.source_urls("C1")
    assert len(urls) == len(set(urls)) == len(ids), "no story repeated, none missing"
    assert states(store) == {"sent": len(ids)}


# -- Discord ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", AMBIGUOUS)
async def test_discord_digest_part_stored_then_error_is_not_posted_again(discord_env, store, answer):
    api, adapter, s = discord_env
    ids = add_day(store, 60)
    api.post_faults = [None, answer]  # part 2 stored, then 500 (discord.py retries) / dropped
    result = await make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100")
    assert result.posted
    kept = api.channel_messages["6100"]
    marks = [m["embeds"][-1]["footer"]["text"] for m in kept]
    assert len(marks) >= 3 and len(marks) == len(set(marks)), "each part once"
    assert states(store) == {"sent": len(ids)}


async def test_discord_other_messages_carry_a_nonce(discord_env):
    from tests.fakes.briefs import short_brief
    from bot.core.replies import BriefReply

    api, adapter, _ = discord_env
    api.post_faults = ["drop-after-store"]
    await adapter.send("6100", BriefReply("usmx", [short_brief()]))
    assert len(api.channel_messages["6100"]) == 1, "the re-send with the same nonce is not a second message"
    assert len(api.of("channel_message")) == 2


async def test_discord_digest_killed_between_parts_resumes_without_repeating(discord_env, store):
    api, adapter, s = discord_env
    ids = add_day(store, 60)
    task = asyncio.create_task(make_runner(s, store, {"discord": adapter}).deliver("usmx", "discord", "6100"))
    await api.wait_for(lambda: len(api.of("channel_message")) >= 1)
    api.hold_posts = True  # Discord keeps part 2 but the answer never comes back: the process dies
    await api.wait_for(lambda: api.of("held"))
    await kill(api, task)
    before = len(api.channel_messages["6100"])
    assert await make_runner(s, store, {"discord": adapter}).recover() == 1
    kept = api.channel_messages["6100"]
    marks = [m["embeds"][-1]["footer"]["text"] for m in kept]
    assert len(marks) == len(set(marks)) and len(kept) > before
    stories = [e.get("title") for m in kept for e in m["embeds"] if not e.get("title", "").endswith(" digest")]
    assert len(stories) == len(set(stories)), "no story twice"
    assert states(store) == {"sent": len(ids)}
