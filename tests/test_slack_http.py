"""Slack end to end over HTTP: signed slash commands to the running bolt app (HTTP mode), a local
fake Slack Web API recording chat.postMessage and response_url calls."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
import pytest

from bot.adapters.registry import AdapterConfigError
from bot.adapters.slack.adapter import SlackAdapter, command_text
from bot.core.commands import Dispatcher
from bot.core.service import BriefService
from bot.store.db import open_store
from config.settings import SlackSettings
from tests.conftest import shared_path
from tests.fakes.engine import TinyEngine
from tests.fakes.limits import check_slack_message
from tests.fakes.seed import add_article
from tests.fakes.slack_api import FakeSlackAPI

SECRET = "test-signing-secret-0123456789"
ARTICLE = (
    "Ana Torres met John Reed in Mexico City on Monday to discuss migration, fentanyl and tariffs. "
    '"We will not accept tariffs & threats," said Ana Torres. '
    "The meeting followed weeks of tension over the border. "
    '"The talks were productive," said John Reed.'
)


def sign(body: str, secret: str = SECRET, ts: int | None = None) -> dict:
    ts = int(time.time()) if ts is None else ts
    base = f"v0:{ts}:{body}".encode()
    sig = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": sig,
            "Content-Type": "application/x-www-form-urlencoded"}


@dataclass
class Env:
    api: FakeSlackAPI
    adapter: SlackAdapter
    engine: TinyEngine
    store: object

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}/slack/events"

    def body(self, text: str, *, channel: str = "C100", user: str = "U1") -> str:
        return urlencode({
            "token": "legacy-token", "team_id": "T1", "team_domain": "policy", "channel_id": channel,
            "channel_name": "briefs", "user_id": user, "user_name": "analyst", "command": "/brief", "text": text,
            "api_app_id": "A1", "response_url": self.api.hook_url(f"T1/{channel}/{user}"), "trigger_id": "1.2.3",
        })

    async def send(self, text: str, **kw) -> httpx.Response:
        body = self.body(text, **kw)
        async with httpx.AsyncClient() as client:
            return await client.post(self.url, content=body, headers=sign(body))


@pytest.fixture
async def env(settings, tmp_path):
    async with FakeSlackAPI(admins={"UADMIN"}) as api:
        s = settings.model_copy(update={"slack": SlackSettings(
            mode="http", bot_token="xoxb-test", signing_secret=SECRET, port=0, api_url=api.api_url)})
        store = open_store(f"sqlite:///{tmp_path / 'slack.sqlite'}")
        engine = TinyEngine()
        service = BriefService(s, store, engine_factory=lambda: engine)
        adapter = SlackAdapter(s, host="127.0.0.1")
        await adapter.start(Dispatcher(service))
        try:
            yield Env(api, adapter, engine, store)
        finally:
            await adapter.stop()
            service.close()
            store.engine.dispose()


def blocks_text(post: dict) -> str:
    blocks = post["blocks"]
    return json.dumps(json.loads(blocks) if isinstance(blocks, str) else blocks, ensure_ascii=False)


async def test_signed_brief_command_acks_then_posts_the_brief(env):
    add_article(env.store, "usmx", title="Talks on <border> & trade", text=ARTICLE, url="https://news.example/talks?a=1&b=2")
    resp = await env.send("usmx")
    assert resp.status_code == 200 and resp.text == ""
    await env.api.wait_for(lambda: env.api.posts)
    [post] = env.api.posts
    assert post["channel"] == "C100" and check_slack_message(post) == []
    blocks = json.loads(post["blocks"]) if isinstance(post["blocks"], str) else post["blocks"]
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == "Talks on <border> & trade"
    text = blocks_text(post)
    assert "*Ana Torres* — spokesperson" in text and "*John Reed*" in text
    quotes = [b for b in blocks if b["type"] == "rich_text"]
    assert quotes[0]["elements"][0]["elements"][0]["text"] == "We will not accept tariffs & threats,"
    assert quotes[0]["elements"][1]["elements"][1]["text"] == "Ana Torres"
    assert "<https://news.example/talks?a=1&amp;b=2|Read the full article (Test Wire)>" in text
    assert "migration" in text
    post_call = next(c for c in env.api.calls if c["kind"] == "chat.postMessage")
    assert post_call["auth"] == "Bearer xoxb-test"
    assert env.api.hooks == []


async def test_bad_signature_is_refused(env):
    add_article(env.store, "usmx", title="T", text=ARTICLE, url="https://news.example/1")
    body = env.body("usmx")
    async with httpx.AsyncClient() as client:
        forged = await client.post(env.url, content=body, headers=sign(body, secret="not-the-secret"))
        tampered = await client.post(env.url, content=body.replace("usmx", "world"), headers=sign(body))
        stale = await client.post(env.url, content=body, headers=sign(body, ts=int(time.time()) - 3600))
        unsigned = await client.post(env.url, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert [r.status_code for r in (forged, tampered, stale, unsigned)] == [401, 401, 401, 401]
    await asyncio.sleep(0.2)
    assert env.api.posts == [] and env.api.hooks == [] and env.engine.calls == 0


async def test_help_and_nonsense_go_to_the_user_only(env):
    assert (await env.send("help")).status_code == 200
    assert (await env.send("what is this")).status_code == 200
    await env.api.wait_for(lambda: len(env.api.hooks) == 2)
    help_msg, usage = env.api.hooks
    assert help_msg["response_type"] == "ephemeral" and "/brief topics" in blocks_text(help_msg)
    assert "neither a topic nor a command" in blocks_text(usage)
    assert env.api.posts == []


async def test_empty_store_notice(env):
    await env.send("usmx")
    await env.api.wait_for(lambda: env.api.hooks)
    assert "No articles yet for usmx" in blocks_text(env.api.hooks[0])


async def test_channel_the_bot_cannot_post_in_gets_the_brief_through_response_url(env):
    add_article(env.store, "usmx", title="Private", text=ARTICLE, url="https://news.example/p")
    env.api.always["GPRIVATE"] = ("error", "not_in_channel")
    await env.send("usmx", channel="GPRIVATE")
    await env.api.wait_for(lambda: env.api.hooks)
    [hook] = env.api.hooks
    assert hook["response_type"] == "in_channel" and "Private" in blocks_text(hook)
    assert env.api.posts == []


async def test_rate_limit_is_honoured_then_posted(env):
    add_article(env.store, "usmx", title="Limited", text=ARTICLE, url="https://news.example/r")
    env.api.script = [("429", 1)]
    await env.send("usmx")
    await env.api.wait_for(lambda: env.api.posts, timeout=15)
    attempts = [c for c in env.api.calls if c["kind"] == "chat.postMessage"]
    assert len(attempts) == 2 and len(env.api.posts) == 1
    assert env.api.hooks == []


async def test_transient_server_error_is_retried(env):
    add_article(env.store, "usmx", title="Flaky", text=ARTICLE, url="https://news.example/f")
    env.api.script = [("500",)]
    await env.send("usmx")
    await env.api.wait_for(lambda: env.api.posts, timeout=15)
    assert len([c for c in env.api.calls if c["kind"] == "chat.postMessage"]) == 2


async def test_permanent_failure_is_reported_to_the_user(env):
    add_article(env.store, "usmx", title="Broken", text=ARTICLE, url="https://news.example/b")
    env.api.always["CBROKEN"] = ("error", "invalid_blocks")
    await env.send("usmx", channel="CBROKEN")
    await env.api.wait_for(lambda: env.api.hooks)
    [hook] = env.api.hooks
    assert hook["response_type"] == "ephemeral"
    text = blocks_text(hook)
    assert "could not post the brief" in text and "layout" in text


async def test_long_brief_is_split_within_limits(env):
    quotes = " ".join(f'"Statement number {i} on migration {"and more " * 60}," said Ana Torres.' for i in range(60))
    add_article(env.store, "usmx", title="L" * 300, text=ARTICLE + " " + quotes, url="https://news.example/long")
    await env.send("usmx")
    await env.api.wait_for(lambda: len(env.api.posts) >= 2)
    await asyncio.sleep(0.3)
    for post in env.api.posts:
        assert check_slack_message(post) == []
    joined = " ".join(blocks_text(p) for p in env.api.posts)
    assert "Statement number 59" in joined


async def test_admin_flag_comes_from_users_info(env):
    from bot.core.commands import registry
    from bot.core.replies import Notice

    seen = []
    reg = registry.copy()

    @reg.verb("whoami", usage="whoami", summary="x")
    async def whoami(ctx):
        seen.append((ctx.request.user, ctx.request.is_admin, ctx.request.adapter, ctx.request.channel))
        return [Notice(lines=["ok"])]

    env.adapter._handler = Dispatcher(env.adapter._handler.service, reg)
    await env.send("whoami", user="UADMIN")
    await env.send("whoami", user="U2")
    await env.api.wait_for(lambda: len(env.api.hooks) == 2)
    assert sorted(seen) == [("U2", False, "slack", "C100"), ("UADMIN", True, "slack", "C100")]


def test_command_text_unwraps_slack_escapes():
    assert command_text("usmx <https://a.example/x?a=1&amp;b=2|a.example/x>") == "usmx https://a.example/x?a=1&b=2"
    assert command_text("usmx <https://a.example/>") == "usmx https://a.example/"
    assert command_text("a &lt;b&gt;") == "a <b>"


@pytest.mark.parametrize(
    "slack, missing",
    [
        ({"mode": "socket"}, "SLACK_BOT_TOKEN"),
        ({"mode": "socket", "bot_token": "xoxb-1"}, "SLACK_APP_TOKEN"),
        ({"mode": "http", "bot_token": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
    ],
)
def test_missing_tokens_are_named(settings, slack, missing):
    s = settings.model_copy(update={"slack": SlackSettings(**slack)})
    with pytest.raises(AdapterConfigError, match=missing):
        SlackAdapter(s)


async def test_shared_slash_command_body_and_signing_vector(env):
    """Slack's documented signing example verifies with our signing code, and a real bolt slash-command
    body (enterprise fields included), re-pointed at /brief, is answered."""
    from urllib.parse import parse_qsl

    vec_dir = shared_path("eval", "chat", "slack")
    vector = json.loads((vec_dir / "slash_command_webhook-collect_docs-vector.signature.json").read_text())
    body = (vec_dir / vector["body_file"]).read_text().strip()
    headers = sign(body, secret=vector["signing_secret"], ts=int(vector["x-slack-request-timestamp"]))
    assert headers["X-Slack-Signature"] == vector["x-slack-signature"]

    fields = dict(parse_qsl((vec_dir / "slash_command_hello-world_bolt.form.txt").read_text().strip()))
    fields.update(command="/brief", text="topics", response_url=env.api.hook_url("shared"))
    real = urlencode(fields)
    async with httpx.AsyncClient() as client:
        resp = await client.post(env.url, content=real, headers=sign(real))
    assert resp.status_code == 200
    await env.api.wait_for(lambda: env.api.hooks)
    assert "usmx" in blocks_text(env.api.hooks[0])
