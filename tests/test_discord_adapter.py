"""Discord: interaction payloads as Discord sends them, dispatched the way the gateway reader does
(ConnectionState.parse_interaction_create → CommandTree), against a local fake REST API."""

from __future__ import annotations

import asyncio
import json

import discord
import pytest

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.registry import AdapterConfigError
from bot.core.commands import Dispatcher
from bot.core.service import BriefService
from bot.store.db import open_store
from config.settings import DiscordSettings
from tests.conftest import shared_path
from tests.fakes.briefs import digest
from tests.fakes.discord_api import APP_ID, FakeDiscordAPI
from tests.fakes.engine import TinyEngine
from tests.fakes.limits import check_discord_message
from tests.fakes.seed import add_article

ARTICLE = (
    "Ana Torres met John Reed in Mexico City on Monday to discuss migration, fentanyl and tariffs. "
    '"We will not accept *tariffs* & threats," said Ana Torres. '
    '"The talks were productive," said John Reed.'
)
_ids = iter(range(1, 10_000))


def interaction(options: list[dict], *, kind: int = 2, permissions: str = "0", user_id: str = "3333") -> dict:
    """A guild APPLICATION_COMMAND (2) or AUTOCOMPLETE (4) interaction for /brief, as Discord sends it."""
    n = next(_ids)
    return {
        "type": kind, "id": str(1200000000000000000 + n), "application_id": APP_ID, "token": f"itoken-{n}",
        "version": 1, "guild_id": "5000", "channel_id": "6000", "locale": "en-US", "guild_locale": "en-US",
        "app_permissions": "2147503104", "entitlements": [], "authorizing_integration_owners": {"0": "5000"},
        "context": 0, "attachment_size_limit": 26214400,
        "channel": {"id": "6000", "type": 0, "guild_id": "5000", "name": "briefs", "position": 0,
                    "permission_overwrites": [], "nsfw": False, "parent_id": None},
        "member": {"user": {"id": user_id, "username": "analyst", "discriminator": "0", "global_name": "Analyst",
                            "avatar": None}, "roles": [], "premium_since": None, "permissions": permissions,
                   "pending": False, "nick": None, "mute": False, "joined_at": "2023-01-01T00:00:00+00:00",
                   "deaf": False, "flags": 0},
        "data": {"id": "4000000000000000000", "name": "brief", "type": 1, "options": options},
    }


def opt(name: str, value, type_: int = 3, focused: bool = False) -> dict:
    d = {"name": name, "type": type_, "value": value}
    if focused:
        d["focused"] = True
    return d


class Env:
    def __init__(self, api, adapter, store, engine):
        self.api, self.adapter, self.store, self.engine = api, adapter, store, engine

    def dispatch(self, payload: dict) -> None:
        self.adapter.client._connection.parse_interaction_create(payload)

    async def run(self, payload: dict, followups: int = 1) -> list[dict]:
        """Dispatch and wait until ``followups`` messages answering it arrived (follow-ups, or an
        immediate response of type 4, whose ``data`` counts as the first); returns their bodies."""
        token = payload["token"]
        self.dispatch(payload)

        def mine():
            quick = [c["body"]["data"] for c in self.api.of("callback")
                     if payload["id"] in c["path"] and c["body"].get("type") == 4]
            return quick + [c["body"] for c in self.api.of("followup") if token in c["path"]]

        await self.api.wait_for(lambda: len(mine()) >= followups)
        await asyncio.sleep(0.05)
        return mine()


@pytest.fixture
async def env(settings, tmp_path, monkeypatch):
    async with FakeDiscordAPI() as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api.base)
        s = settings.model_copy(update={"discord": DiscordSettings(token="test-token")})
        store = open_store(f"sqlite:///{tmp_path / 'discord.sqlite'}")
        engine = TinyEngine()
        service = BriefService(s, store, engine_factory=lambda: engine)
        adapter = DiscordAdapter(s)
        await adapter.login(Dispatcher(service))
        try:
            yield Env(api, adapter, store, engine)
        finally:
            await adapter.stop()
            service.close()
            store.engine.dispose()


def embeds_of(body: dict) -> list[dict]:
    return body.get("embeds", [])


async def test_login_registers_the_brief_command(env):
    [sync] = env.api.of("sync")
    assert sync["method"] == "PUT" and sync["path"] == f"/applications/{APP_ID}/commands"
    [cmd] = sync["body"]
    assert cmd["name"] == "brief" and cmd["type"] == 1
    opts = {o["name"]: o for o in cmd["options"]}
    assert opts["topic"]["type"] == 3 and opts["topic"]["required"] and opts["topic"]["autocomplete"]
    assert opts["count"]["type"] == 4 and opts["count"]["min_value"] == 1 and opts["count"]["max_value"] == 5
    assert not opts["count"].get("required") and opts["url"]["type"] == 3 and not opts["url"].get("required")


async def test_brief_defers_then_answers_with_embeds(env):
    add_article(env.store, "usmx", title="Talks on the border", text=ARTICLE, url="https://news.example/talks")
    payload = interaction([opt("topic", "usmx")])
    [body] = await env.run(payload)
    [callback] = [c for c in env.api.of("callback") if payload["id"] in c["path"]]
    assert callback["body"]["type"] == 5, "the interaction must be deferred first"
    assert env.api.calls.index(callback) < env.api.calls.index(next(c for c in env.api.of("followup")))
    [embed] = embeds_of(body)
    assert check_discord_message([embed]) == []
    assert embed["title"] == "Talks on the border" and embed["url"] == "https://news.example/talks"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "**Ana Torres** — spokesperson" in fields["Actors"]
    assert "migration" in fields["Issues"]
    assert fields["Ana Torres, spokesperson"] == "> We will not accept \\*tariffs\\* & threats,"
    assert fields["John Reed, spokesperson"].startswith("> The talks were productive")
    assert embed["footer"]["text"].startswith("topic usmx")


async def test_count_gives_several_briefs(env):
    for i in range(3):
        add_article(env.store, "usmx", title=f"Story {i}", text=ARTICLE, url=f"https://news.example/{i}", hours_ago=i)
    [body] = await env.run(interaction([opt("topic", "usmx"), opt("count", 2, 4)]))
    assert [e["title"] for e in embeds_of(body)] == ["Story 0", "Story 1"], "two briefs, one message"


async def test_topics_help_and_unknown_words(env):
    [topics] = await env.run(interaction([opt("topic", "topics")]))
    assert embeds_of(topics)[0]["title"] == "Topics" and "usmx — " in embeds_of(topics)[0]["description"]
    [helpb] = await env.run(interaction([opt("topic", "help")]))
    assert "/brief TOPIC URL" in embeds_of(helpb)[0]["description"]
    [bad] = await env.run(interaction([opt("topic", "pizza")]))
    assert "neither a topic nor a command" in embeds_of(bad)[0]["description"]
    [empty] = await env.run(interaction([opt("topic", "usmx")]))
    assert "No articles yet for usmx" in embeds_of(empty)[0]["description"]


async def test_autocomplete_offers_configured_topics(env):
    payload = interaction([opt("topic", "us", focused=True)], kind=4)
    env.dispatch(payload)
    await env.api.wait_for(lambda: any(payload["id"] in c["path"] for c in env.api.of("callback")))
    [cb] = [c for c in env.api.of("callback") if payload["id"] in c["path"]]
    assert cb["body"]["type"] == 8
    values = [c["value"] for c in cb["body"]["data"]["choices"]]
    assert values == ["usmx"]
    payload = interaction([opt("topic", "", focused=True)], kind=4)
    env.dispatch(payload)
    await env.api.wait_for(lambda: any(payload["id"] in c["path"] for c in env.api.of("callback")))
    [cb] = [c for c in env.api.of("callback") if payload["id"] in c["path"]]
    values = [c["value"] for c in cb["body"]["data"]["choices"]]
    assert set(values) >= {"usmx", "world", "topics", "help", "subscribe", "subscriptions"} and len(values) <= 25


async def test_subscription_words_typed_in_the_topic_option(env):
    """Discord has one /brief command: the subscription words go in its topic option."""
    import bot.subscriptions.verbs  # noqa: F401  (registers subscribe/unsubscribe/subscriptions)

    line = "subscribe usmx daily 08:00 Europe/Berlin"
    [refused] = await env.run(interaction([opt("topic", line)], permissions="1024", user_id="7002"))
    assert "only workspace or server admins" in embeds_of(refused)[0]["description"]
    [done] = await env.run(interaction([opt("topic", line)], permissions="8", user_id="7001"))  # ADMINISTRATOR
    assert "Europe/Berlin" in embeds_of(done)[0]["description"]
    [listing] = await env.run(interaction([opt("topic", "subscriptions")]))
    assert "usmx" in embeds_of(listing)[0]["description"]


async def test_long_brief_is_split_over_follow_ups_within_limits(env):
    quotes = " ".join(f'"Statement number {i} on migration {"and more " * 150}," said Ana Torres.' for i in range(40))
    add_article(env.store, "usmx", title="L" * 400, text=ARTICLE + " " + quotes, url="https://news.example/long")
    payload = interaction([opt("topic", "usmx")])
    env.dispatch(payload)
    await env.api.wait_for(lambda: len([c for c in env.api.of("followup") if payload["token"] in c["path"]]) >= 3)
    await asyncio.sleep(0.3)
    bodies = [c["body"] for c in env.api.of("followup") if payload["token"] in c["path"]]
    for b in bodies:
        assert check_discord_message(embeds_of(b), b.get("content")) == []
    text = json.dumps(bodies)
    assert "Statement number 39" in text


async def test_failed_follow_up_is_reported(env):
    add_article(env.store, "usmx", title="T", text=ARTICLE, url="https://news.example/t")
    env.api.fail_followups = 1
    bodies = await env.run(interaction([opt("topic", "usmx")]), followups=2)
    report = bodies[-1]
    assert report.get("flags") == 64, "the failure report is ephemeral"
    assert "could not post" in embeds_of(report)[0]["description"]


async def test_admin_flag_from_member_permissions(env):
    from bot.core.commands import registry
    from bot.core.replies import Notice

    seen = []
    reg = registry.copy()

    @reg.verb("whoami", usage="whoami", summary="x")
    async def whoami(ctx):
        r = ctx.request
        seen.append((r.user, r.is_admin, r.adapter, r.channel))
        return [Notice(lines=["ok"])]

    env.adapter._handler = Dispatcher(env.adapter._handler.service, reg)
    await env.run(interaction([opt("topic", "whoami")], permissions="8", user_id="7001"))  # ADMINISTRATOR
    await env.run(interaction([opt("topic", "whoami")], permissions="1024", user_id="7002"))  # VIEW_CHANNEL
    assert sorted(seen) == [("7001", True, "discord", "6000"), ("7002", False, "discord", "6000")]


async def test_send_posts_a_digest_to_a_channel(env):
    await env.adapter.send("6100", digest(40))
    posts = env.api.of("channel_message")
    (thread,) = env.api.threads  # threaded (the default): the parent in the channel, the stories in its thread
    assert len(posts) >= 5 and posts[0]["path"] == "/channels/6100/messages" and len(embeds_of(posts[0]["body"])) == 1
    assert all(p["path"] == f"/channels/{thread}/messages" for p in posts[1:])
    for p in posts:
        assert check_discord_message(embeds_of(p["body"])) == []
    assert embeds_of(posts[0]["body"])[0]["title"] == "US–Mexico relations: daily digest"
    assert sum(len(embeds_of(p["body"])) for p in posts) == 41


def test_missing_token_is_named(settings):
    with pytest.raises(AdapterConfigError, match="DISCORD_TOKEN"):
        DiscordAdapter(settings)


async def test_shared_slash_command_payload(env):
    """Discord's documented CHAT_INPUT interaction, with its options replaced by /brief's, is answered."""
    payload = json.loads(shared_path("eval", "chat", "discord", "interaction_chat_input_slash_command.json").read_text())
    payload["application_id"] = APP_ID
    payload.setdefault("version", 1)
    # fields Discord sends today that the older docs sample lacks
    payload.setdefault("attachment_size_limit", 26214400)
    payload["member"].setdefault("flags", 0)
    payload["data"] = {"id": payload["data"]["id"], "name": "brief", "type": 1, "options": [opt("topic", "topics")]}
    [body] = await env.run(payload)
    assert embeds_of(body)[0]["title"] == "Topics"


async def test_error_notices_are_ephemeral(env):
    """Issue 11 (13): an error notice is seen by the user who typed the command only."""
    payload = interaction([opt("topic", "pizza")])
    [bad] = await env.run(payload)
    [cb] = [c for c in env.api.of("callback") if payload["id"] in c["path"]]
    assert cb["body"]["type"] == 4 and bad.get("flags") == 64, "answered at once, ephemeral"
    assert "neither a topic nor a command" in embeds_of(bad)[0]["description"]
    assert not [c for c in env.api.of("followup") if payload["token"] in c["path"]]
    add_article(env.store, "usmx", title="T", text=ARTICLE, url="https://news.example/t")
    public = interaction([opt("topic", "usmx")])
    [body] = await env.run(public)
    [cb] = [c for c in env.api.of("callback") if public["id"] in c["path"]]
    assert cb["body"]["type"] == 5 and not body.get("flags"), "a brief stays public"


async def test_late_error_notice_replaces_the_public_deferral(env):
    from bot.core.commands import registry
    from bot.core.replies import Notice

    reg = registry.copy()

    @reg.verb("slowfail", usage="slowfail", summary="x")
    async def slowfail(ctx):
        await asyncio.sleep(1.5)
        return [Notice(lines=["the page could not be fetched"], level="error")]

    env.adapter._handler = Dispatcher(env.adapter._handler.service, reg)
    payload = interaction([opt("topic", "slowfail")])
    [body] = await env.run(payload)
    [cb] = [c for c in env.api.of("callback") if payload["id"] in c["path"]]
    assert cb["body"]["type"] == 5, "deferred in time"
    assert [c for c in env.api.of("delete_original") if payload["token"] in c["path"]], "the public 'thinking' goes"
    assert body.get("flags") == 64 and "could not be fetched" in embeds_of(body)[0]["description"]
