"""Adapters' health on /healthz and their delivery and reconnection counters on /metrics, over real
HTTP, with the adapters talking to the local fake Slack and Discord APIs (tests/fakes)."""

from __future__ import annotations

import asyncio

import discord
import httpx
import pytest
from prometheus_client import REGISTRY

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.slack.adapter import SlackAdapter
from bot.digest.briefs import StoryBriefer
from bot.digest.deliver import DigestRunner
from bot.obs.health import HealthServer
from config.settings import DiscordSettings, SlackSettings
from tests.digest_helpers import add_article, distinct_stories
from tests.fakes.briefs import digest
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.engine import TinyEngine
from tests.fakes.slack_api import FakeSlackAPI


def counter(name: str, adapter: str) -> float:
    return REGISTRY.get_sample_value(name, {"adapter": adapter}) or 0.0


async def get(server: HealthServer, path: str) -> httpx.Response:
    return await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{server.port}{path}", timeout=20)


async def wait_until(predicate, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_slack_socket_health_follows_the_websocket_and_reconnections_are_counted(settings):
    async with FakeSlackAPI() as api:
        s = settings.model_copy(update={"slack": SlackSettings(mode="socket", bot_token="xoxb-test",
                                                               app_token="xapp-1-test", api_url=api.api_url)})
        adapter = SlackAdapter(s)
        assert adapter.health() == "the Slack Socket Mode websocket is not open"
        server = HealthServer("127.0.0.1", 0, {"adapter:slack": adapter.health}).start()
        try:
            await adapter.start(handler=None)
            ok = await get(server, "/healthz")
            assert ok.status_code == 200 and ok.json()["checks"] == {"adapter:slack": "ok"}
            before = counter("briefbot_adapter_reconnects_total", "slack")
            await api.push({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake"}})
            await api.wait_for(lambda: len(api.sockets) == 2)
            await wait_until(lambda: adapter.health() is None and counter("briefbot_adapter_reconnects_total", "slack") == before + 1)
            text = (await get(server, "/metrics")).text
            assert f'briefbot_adapter_reconnects_total{{adapter="slack"}} {before + 1}' in text
            await adapter.stop()
            down = await get(server, "/healthz")
            assert down.status_code == 503 and list(down.json()["problems"]) == ["adapter:slack"]
            assert "websocket is not open" in down.json()["problems"]["adapter:slack"]
        finally:
            server.stop()
            await adapter.stop()


async def test_slack_http_mode_is_healthy_while_its_endpoint_serves(settings):
    async with FakeSlackAPI() as api:
        s = settings.model_copy(update={"slack": SlackSettings(mode="http", bot_token="xoxb-test", signing_secret="s3",
                                                               port=0, api_url=api.api_url)})
        adapter = SlackAdapter(s, host="127.0.0.1")
        assert adapter.health() == "the Slack HTTP endpoint is not serving"
        await adapter.start(handler=None)
        try:
            assert adapter.health() is None
        finally:
            await adapter.stop()
        assert adapter.health() == "the Slack HTTP endpoint is not serving"


async def test_slack_re_sends_and_failed_digests_are_counted(settings, store):
    async with FakeSlackAPI() as api:
        s = settings.model_copy(update={"slack": SlackSettings(bot_token="xoxb-test", api_url=api.api_url)})
        adapter = SlackAdapter.for_sending(s)
        await adapter.start_sending()
        try:
            retries = counter("briefbot_delivery_retries_total", "slack")
            api.script = [("500",)]  # not stored: re-sent once
            await adapter.send("C1", digest(3))
            assert counter("briefbot_delivery_retries_total", "slack") == retries + 1
            assert len(api.of("chat.postMessage")) == len(api.posts) + 1, "one message re-sent once, none twice"

            failures = counter("briefbot_delivery_failures_total", "slack")
            for source, title, text in distinct_stories(4):
                add_article(store, title, text, source)
            api.always["C9"] = ("error", "channel_not_found")
            engine = TinyEngine()
            runner = DigestRunner(s, store, StoryBriefer(store, lambda: engine), {"slack": adapter}, instance_id="n1")
            with pytest.raises(Exception):
                await runner.deliver("usmx", "slack", "C9")
            assert counter("briefbot_delivery_failures_total", "slack") == failures + 1
        finally:
            await adapter.stop()


async def test_discord_health_names_a_gateway_that_is_not_connected(settings, monkeypatch):
    """The fake Discord API answers REST only: logged in, the gateway never becomes ready."""
    async with FakeDiscordAPI() as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api.base)
        s = settings.model_copy(update={"discord": DiscordSettings(token="test-token")})
        adapter = DiscordAdapter(s)
        assert adapter.health() == "the Discord gateway connection has not started"
        server = HealthServer("127.0.0.1", 0, {"adapter:discord": adapter.health}).start()
        try:
            await adapter.start(handler=None)
            r = await get(server, "/healthz")
            assert r.status_code == 503 and r.json()["problems"] == {
                "adapter:discord": "the Discord gateway is not connected (connecting or reconnecting)"}
        finally:
            server.stop()
            await adapter.stop()
        assert adapter.health() == "the Discord gateway connection has ended"
