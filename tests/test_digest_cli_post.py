"""``briefbot digest TOPIC --channel slack:C…`` posts through the Slack Web API (a local fake,
reached through ``slack.api_url``) without opening a Socket Mode connection, records the
deliveries once, and explains missing or refused tokens and refused channels in one line;
``--channel discord:…`` posts over Discord's REST API (a local fake) without a gateway."""

from __future__ import annotations

import json

import discord
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app
from bot.store.db import open_store
from bot.store.models import Delivery
from tests.digest_helpers import STORIES, add_stories
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.limits import check_discord_message, check_slack_message
from tests.fakes.slack_api import ThreadedFakeSlack

pytestmark = pytest.mark.slow  # the CLI runs the real brief engine (spaCy)


@pytest.fixture
def cli(settings, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    store = open_store(settings.resolved_database_url)
    ids = add_stories(store, [0, 2])
    store.engine.dispose()
    return CliRunner(), ids, settings


def delivery_states(settings) -> dict[str, int]:
    store = open_store(settings.resolved_database_url)
    try:
        with store.session() as s:
            return dict(s.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all())
    finally:
        store.engine.dispose()


def test_digest_is_posted_to_slack_once(cli, monkeypatch):
    runner, ids, settings = cli
    with ThreadedFakeSlack() as api:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cli")
        monkeypatch.setenv("BRIEFBOT_SLACK__API_URL", api.api_url)
        r = runner.invoke(app, ["digest", "usmx", "--channel", "slack:C123"])
        assert r.exit_code == 0, r.output
        assert api.posts and all(p["channel"] == "C123" for p in api.posts)
        for post in api.posts:
            assert check_slack_message(post) == []
        digest_id = api.posts[0]["metadata"]["event_payload"]["digest_id"]
        assert f"posted digest {digest_id} to slack:C123" in r.stderr and f"{len(ids)} articles" in r.stderr
        text = json.dumps([p["blocks"] for p in api.posts], ensure_ascii=False)
        assert STORIES[2][0][1] in text, "the Pemex story is in the digest"
        kinds = [c["kind"] for c in api.calls]
        assert "auth.test" in kinds and "apps.connections.open" not in kinds, "no Socket Mode connection from the CLI"
        assert {c["auth"] for c in api.calls if c["kind"] == "chat.postMessage"} == {"Bearer xoxb-cli"}
        assert delivery_states(settings) == {"sent": len(ids)}

        again = runner.invoke(app, ["digest", "usmx", "--channel", "slack:C123"])
        assert again.exit_code == 0 and "nothing new for slack:C123" in again.stderr
        assert len(api.digest_posts(digest_id)) == len(api.posts)


def test_missing_bot_token_is_named(cli):
    runner, _, _ = cli
    r = runner.invoke(app, ["digest", "usmx", "--channel", "slack:C123"])
    assert r.exit_code == 2 and "SLACK_BOT_TOKEN" in r.stderr and "Traceback" not in r.output
    r = runner.invoke(app, ["digest", "usmx", "--channel", "discord:6100"])
    assert r.exit_code == 2 and "DISCORD_TOKEN" in r.stderr and "Traceback" not in r.output


def test_refused_token_and_refused_channel_are_explained(cli, monkeypatch):
    runner, ids, settings = cli
    with ThreadedFakeSlack() as api:
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
        monkeypatch.setenv("BRIEFBOT_SLACK__API_URL", api.api_url)
        api.refused_tokens.add("xoxb-revoked")
        r = runner.invoke(app, ["digest", "usmx", "--channel", "slack:C123"])
        assert r.exit_code == 1 and "Slack refused the bot token (invalid_auth)" in r.stderr
        assert "Traceback" not in r.output and api.posts == []

        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cli")
        api.always["CGONE"] = ("error", "channel_not_found")
        r = runner.invoke(app, ["digest", "usmx", "--channel", "slack:CGONE"])
        assert r.exit_code == 1, r.output
        assert "could not post the digest to slack:CGONE" in r.stderr and "channel_not_found" in r.stderr
        assert "articles stay pending" in r.stderr and "Traceback" not in r.output
        assert delivery_states(settings) == {}, "nothing recorded: the articles stay pending"


def test_digest_is_posted_to_discord_over_rest_only(cli, monkeypatch):
    runner, ids, settings = cli
    with ThreadedFakeSlack(FakeDiscordAPI) as api:
        monkeypatch.setattr(discord.http.Route, "BASE", api.base)
        monkeypatch.setenv("DISCORD_TOKEN", "test-token")
        r = runner.invoke(app, ["digest", "usmx", "--channel", "discord:6100"])
        assert r.exit_code == 0, r.output
        posts = api.of("channel_message")
        (thread,) = api.threads  # the parent in the channel, the stories in the thread started from it
        assert posts[0]["path"] == "/channels/6100/messages" and posts[0]["body"]["embeds"][0]["title"].endswith("digest")
        assert len(posts) > 1 and all(p["path"] == f"/channels/{thread}/messages" for p in posts[1:])
        for p in posts:
            assert check_discord_message(p["body"]["embeds"]) == []
        digest_id = r.stderr.split("posted digest ")[1].split()[0]
        assert posts[-1]["body"]["embeds"][-1]["footer"]["text"] == f"briefbot digest {digest_id} · {len(posts)}/{len(posts)}"
        assert not api.of("sync"), "posting from the CLI does not re-register /brief"
        assert delivery_states(settings) == {"sent": len(ids)}
