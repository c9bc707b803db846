"""Slack Socket Mode end to end: the adapter opens the websocket that a local fake Slack hands out
(``apps.connections.open`` → ws:// on the same server), receives a ``hello`` and slash-command
envelopes like Slack's, acknowledges each envelope at once and then posts through the fake Web API."""

from __future__ import annotations

import json
import threading
import uuid

import pytest

from bot.adapters.registry import AdapterConfigError
from bot.adapters.slack.adapter import SlackAdapter
from bot.core.commands import Dispatcher
from bot.core.service import BriefService
from bot.store.db import open_store
from config.settings import SlackSettings
from tests.fakes.engine import TinyEngine
from tests.fakes.limits import check_slack_message
from tests.fakes.seed import add_article
from tests.fakes.slack_api import FakeSlackAPI

ARTICLE = (
    "Ana Torres met John Reed in Mexico City on Monday to discuss migration, fentanyl and tariffs. "
    '"We will not accept tariffs & threats," said Ana Torres. '
    "The meeting followed weeks of tension over the border."
)


class GatedEngine(TinyEngine):
    """The stand-in engine, but a brief waits until the test opens the gate (after it saw the ack):
    the brief can only be posted if the envelope was acknowledged before the work was done."""

    def __init__(self):
        super().__init__()
        self.gate = threading.Event()

    def brief(self, article, topic):
        if not self.gate.wait(10):
            raise RuntimeError("the envelope was not acknowledged before the brief was computed")
        return super().brief(article, topic)


def slash_envelope(api: FakeSlackAPI, text: str, *, channel: str = "C200", user: str = "U1") -> dict:
    """A ``slash_commands`` Socket Mode envelope shaped like Slack's (payload = the slash command's fields)."""
    return {
        "envelope_id": str(uuid.uuid4()),
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": {
            "token": "legacy-verification-token", "team_id": "T1", "team_domain": "policy",
            "channel_id": channel, "channel_name": "briefs", "user_id": user, "user_name": "analyst",
            "command": "/brief", "text": text, "api_app_id": "A1", "is_enterprise_install": "false",
            "response_url": api.hook_url(f"T1/{channel}/{uuid.uuid4().hex[:8]}"),
            "trigger_id": "1111.2222.3333",
        },
    }


def socket_settings(settings, api: FakeSlackAPI, **slack):
    fields = dict(mode="socket", bot_token="xoxb-test", app_token="xapp-1-test", api_url=api.api_url)
    fields.update(slack)
    return settings.model_copy(update={"slack": SlackSettings(**fields)})


@pytest.fixture
async def env(settings, tmp_path):
    async with FakeSlackAPI() as api:
        s = socket_settings(settings, api)
        store = open_store(f"sqlite:///{tmp_path / 'socket.sqlite'}")
        engine = GatedEngine()
        service = BriefService(s, store, engine_factory=lambda: engine)
        adapter = SlackAdapter(s)
        await adapter.start(Dispatcher(service))
        try:
            yield api, adapter, engine, store
        finally:
            await adapter.stop()
            service.close()
            store.engine.dispose()


def kinds(api: FakeSlackAPI) -> list[str]:
    return [c["kind"] for c in api.calls]


def blocks_of(body: dict) -> list[dict]:
    blocks = body["blocks"]
    return json.loads(blocks) if isinstance(blocks, str) else blocks


async def test_start_opens_the_socket_with_the_app_token(env):
    api, adapter, _, _ = env
    opened = [c for c in api.calls if c["kind"] == "apps.connections.open"]
    assert [c["auth"] for c in opened] == ["Bearer xapp-1-test"], "the app-level token opens the connection"
    assert next(c for c in api.calls if c["kind"] == "auth.test")["auth"] == "Bearer xoxb-test"
    assert len(api.sockets) == 1 and "ticket=1" in next(c for c in api.calls if c["kind"] == "socket_open")["path"]


async def test_slash_command_is_acknowledged_at_once_then_the_brief_is_posted(env):
    api, _, engine, store = env
    add_article(store, "usmx", title="Talks on <border> & trade", text=ARTICLE, url="https://news.example/talks")
    envelope = slash_envelope(api, "usmx")
    await api.push(envelope)
    await api.wait_for(lambda: api.acks)
    assert api.acks == [{"envelope_id": envelope["envelope_id"]}]
    assert engine.calls == 0 and api.posts == [], "acknowledged before the brief was made"
    engine.gate.set()
    await api.wait_for(lambda: api.posts)
    [post] = api.posts
    assert post["channel"] == "C200" and check_slack_message(post) == []
    blocks = blocks_of(post)
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == "Talks on <border> & trade"
    assert "*Ana Torres*" in json.dumps(blocks)
    order = kinds(api)
    assert order.index("ack") < order.index("chat.postMessage")
    assert next(c for c in api.calls if c["kind"] == "chat.postMessage")["auth"] == "Bearer xoxb-test"
    assert api.hooks == [] and post["metadata"]["event_type"] == "briefbot_reply", "a brief is not a digest"
    assert post["metadata"]["event_payload"]["reply_id"], "but it can be found again after an ambiguous answer"


async def test_help_and_unknown_words_go_back_to_the_user_only(env):
    api, _, _, _ = env
    first, second = slash_envelope(api, "help"), slash_envelope(api, "what is this")
    await api.push(first)
    await api.push(second)
    await api.wait_for(lambda: len(api.hooks) == 2 and len(api.acks) == 2)
    assert {a["envelope_id"] for a in api.acks} == {first["envelope_id"], second["envelope_id"]}
    texts = sorted(json.dumps(blocks_of(h)) for h in api.hooks)
    assert all(h["response_type"] == "ephemeral" for h in api.hooks)
    assert any("/brief topics" in t for t in texts) and any("neither a topic nor a command" in t for t in texts)
    assert api.posts == []


async def test_reconnects_when_slack_asks_and_keeps_answering(env):
    api, _, engine, store = env
    add_article(store, "usmx", title="After the refresh", text=ARTICLE, url="https://news.example/r")
    engine.gate.set()
    await api.push({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "applink-fake"}})
    await api.wait_for(lambda: len(api.sockets) == 2)
    assert kinds(api).count("apps.connections.open") == 2, "a fresh URL for the new connection"
    envelope = slash_envelope(api, "usmx", channel="C300")
    await api.push(envelope)
    await api.wait_for(lambda: api.posts and api.acks)  # the gate is open: the two may arrive in either order
    assert api.acks == [{"envelope_id": envelope["envelope_id"]}]
    assert api.posts[0]["channel"] == "C300"


@pytest.mark.parametrize(
    "refused, named",
    [("xapp-1-test", "SLACK_APP_TOKEN"), ("xoxb-test", "SLACK_BOT_TOKEN")],
)
async def test_refused_tokens_stop_the_start_with_a_clear_error(settings, tmp_path, refused, named):
    async with FakeSlackAPI() as api:
        api.refused_tokens.add(refused)
        s = socket_settings(settings, api)
        store = open_store(f"sqlite:///{tmp_path / 'refused.sqlite'}")
        service = BriefService(s, store, engine_factory=TinyEngine)
        adapter = SlackAdapter(s)
        try:
            with pytest.raises(AdapterConfigError, match=named) as err:
                await adapter.start(Dispatcher(service))
            assert "invalid_auth" in str(err.value)
            assert api.sockets == []
        finally:
            await adapter.stop()
            service.close()
            store.engine.dispose()


async def test_unreachable_slack_is_a_clear_error(settings, tmp_path):
    async with FakeSlackAPI() as api:
        dead = api.api_url
    s = socket_settings(settings, api, api_url=dead)
    adapter = SlackAdapter(s)
    try:
        with pytest.raises(AdapterConfigError, match="cannot reach the Slack Web API"):
            await adapter.start(lambda request: None)
    finally:
        await adapter.stop()
