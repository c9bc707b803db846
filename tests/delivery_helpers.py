"""Shared by the delivery tests against the local fake Slack and Discord APIs: started adapters
(only posting, as ``briefbot digest`` uses them) with a chosen digest layout, a digest runner on
the fast test engine, and reading the delivery rows back."""

from __future__ import annotations

import asyncio
import contextlib

import discord
import pytest
from sqlalchemy import func, select

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.slack.adapter import SlackAdapter
from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.store.models import Delivery
from config.settings import DiscordSettings, SlackSettings
from tests.digest_helpers import add_article, distinct_stories
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.engine import TinyEngine
from tests.fakes.slack_api import FakeSlackAPI


def add_day(store, n: int) -> list[int]:
    """``n`` articles of ``n // 2`` distinct stories (two outlets each); returns their ids."""
    return [add_article(store, title, text, source) for source, title, text in distinct_stories(n // 2)]


def states(store) -> dict[str, int]:
    """Delivery row count per state."""
    with store.session() as s:
        return dict(s.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all())


def threads_recorded(store) -> set[str | None]:
    """The distinct ``deliveries.thread`` values."""
    with store.session() as s:
        return set(s.scalars(select(Delivery.thread).distinct()))


def make_runner(settings, store, adapters, instance="node-a"):
    engine = TinyEngine()
    return DigestRunner(settings, store, StoryBriefer(store, lambda: engine), adapters, instance_id=instance)


def part_of(body: dict) -> dict:
    """The digest metadata payload (digest_id, part, parts) of a chat.postMessage body."""
    return ((body.get("metadata") or {}).get("event_payload")) or {}


async def die_while_held(api, deliver) -> dict:
    """Run the coroutine ``deliver`` until the fake Slack API holds a post (``hold_posts``), then
    cancel it, as a process killed there; release the held post and return its body."""
    task = asyncio.create_task(deliver)
    await api.wait_for(lambda: api.held)
    await kill(api, task)
    return api.held[0]


async def kill(api, task: asyncio.Task) -> None:
    """Cancel the delivering ``task`` (the process dies where it is), then let the fake API
    answer the posts it held."""
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    api.release_posts()
    await asyncio.sleep(0.1)


def with_threads(settings, on: bool):
    return settings.model_copy(update={"digest": settings.digest.model_copy(update={"threads": on})})


@contextlib.asynccontextmanager
async def slack_sender(settings, threads: bool):
    """(fake API, started sending SlackAdapter, settings) with ``digest.threads = threads``."""
    async with FakeSlackAPI() as api:
        s = with_threads(settings, threads).model_copy(
            update={"slack": SlackSettings(bot_token="xoxb-test", api_url=api.api_url)})
        adapter = SlackAdapter.for_sending(s)
        await adapter.start_sending()
        try:
            yield api, adapter, s
        finally:
            await adapter.stop()


@contextlib.asynccontextmanager
async def discord_sender(settings, monkeypatch, threads: bool):
    """(fake API, started sending DiscordAdapter, settings) with ``digest.threads = threads``."""
    async with FakeDiscordAPI() as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api.base)
        s = with_threads(settings, threads).model_copy(update={"discord": DiscordSettings(token="test-token")})
        adapter = DiscordAdapter(s)
        await adapter.start_sending()
        try:
            yield api, adapter, s
        finally:
            await adapter.stop()
