"""``/brief quotes|who|trends`` on Slack end to end: signed slash commands to the bolt app (HTTP
mode), replies posted to the local fake Web API within Block Kit limits, and the trends chart
shared with Slack's external upload flow (files.getUploadURLExternal → upload → files.completeUploadExternal)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from bot.adapters.slack.adapter import SlackAdapter
from bot.core.commands import Dispatcher
from bot.core.service import BriefService
from bot.quotebank import verbs  # noqa: F401  (registers the verbs)
from bot.quotebank.chart import HEIGHT, WIDTH, png_size
from bot.store.db import open_store
from config.settings import SlackSettings
from tests.fakes.engine import TinyEngine
from tests.fakes.limits import check_slack_message
from tests.fakes.seed import add_article
from tests.fakes.slack_files import FakeSlackFilesAPI
from tests.test_slack_http import SECRET, Env


def _text(day: int) -> str:
    return (f"Ana Torres met John Reed on day {day} to discuss migration and tariffs. "
            f'"We will not accept tariffs on day {day}," said Ana Torres. '
            f'"The border talks were productive," said John Reed.')


@pytest.fixture
async def env(settings, tmp_path):
    async with FakeSlackFilesAPI() as api:
        s = settings.model_copy(update={"slack": SlackSettings(
            mode="http", bot_token="xoxb-test", signing_secret=SECRET, port=0, api_url=api.api_url)})
        store = open_store(f"sqlite:///{tmp_path / 'slack.sqlite'}")
        now = datetime.now(timezone.utc)
        for day in range(6):
            add_article(store, "usmx", title=f"Talks day {day}", text=_text(day), url=f"https://news.example/{day}",
                        source="Wire A" if day % 2 else "Paper B", published=now - timedelta(days=day, hours=1))
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


def _blocks(post: dict) -> list[dict]:
    return json.loads(post["blocks"]) if isinstance(post["blocks"], str) else post["blocks"]


async def test_quotes_posts_speakers_with_linked_quotes(env):
    assert (await env.send("quotes usmx 30d")).status_code == 200
    await env.api.wait_for(lambda: env.api.posts)
    [post] = env.api.posts
    assert check_slack_message(post) == []
    blocks = _blocks(post)
    assert blocks[0]["text"]["text"] == "Quotes in usmx"
    text = json.dumps(blocks, ensure_ascii=False)
    assert "*Ana Torres — spokesperson (6 quotes)*" in text and "*John Reed — spokesperson (6 quotes)*" in text
    quote = next(b for b in blocks if b["type"] == "rich_text")
    below = quote["elements"][1]["elements"]
    assert below[0]["text"].startswith("— Paper B,") and below[2]["type"] == "link" and below[2]["url"] == "https://news.example/0"
    assert env.engine.calls == 6  # the period's articles were briefed into the bank, once


async def test_trends_uploads_the_chart_with_the_external_flow(env):
    assert (await env.send("trends usmx 7d")).status_code == 200
    await env.api.wait_for(lambda: env.api.uploads)
    kinds = [c["kind"] for c in env.api.calls if c["kind"] in ("chat.postMessage", "files.getUploadURLExternal",
                                                                  "upload", "files.completeUploadExternal")]
    assert kinds == ["chat.postMessage", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
    [upload] = env.api.uploads
    assert upload["channel"] == "C100" and upload["filename"].startswith("trends-usmx-") and upload["filename"].endswith(".png")
    assert png_size(upload["data"]) == (WIDTH, HEIGHT)
    assert "migration" in upload["alt_txt"]
    text = json.dumps(_blocks(env.api.posts[0]), ensure_ascii=False)
    assert "Leading actors" in text and "Ana Torres" in text and "(new)" in text


@pytest.mark.parametrize("shared", [True, False])
async def test_trends_through_response_url_still_gets_its_chart_or_says_why(env, shared):
    """The bot cannot post in the channel: the report goes through response_url (which carries no
    files); the chart is then shared in the channel with the upload flow, or, when Slack refuses
    that too, a second response_url message says that it could not be attached and why."""
    env.api.always["C100"] = ("error", "not_in_channel")
    if not shared:
        env.api.share_errors["C100"] = "not_in_channel"
    assert (await env.send("trends usmx 7d")).status_code == 200
    await env.api.wait_for(lambda: len(env.api.hooks) >= (1 if shared else 2) and env.api.of("files.completeUploadExternal"))
    assert not env.api.posts and env.api.hooks[0]["response_type"] == "in_channel"
    assert "Trends in usmx" in json.dumps(env.api.hooks[0], ensure_ascii=False)
    if shared:
        [upload] = env.api.uploads
        assert upload["channel"] == "C100" and png_size(upload["data"]) == (WIDTH, HEIGHT)
        assert len(env.api.hooks) == 1
    else:
        assert not env.api.uploads
        note = json.dumps(env.api.hooks[1], ensure_ascii=False)
        assert "could not be attached" in note and "not_in_channel" in note and env.api.hooks[1]["response_type"] == "in_channel"


async def test_who_and_bad_words_answer_the_user(env):
    await env.send("quotes usmx 30d")
    await env.api.wait_for(lambda: env.api.posts)
    await env.send("who torres")
    await env.api.wait_for(lambda: len(env.api.posts) == 2)
    assert _blocks(env.api.posts[1])[0]["text"]["text"] == "Ana Torres"
    await env.send("quotes usmx forever")
    await env.api.wait_for(lambda: env.api.hooks)
    assert "is not a duration" in json.dumps(env.api.hooks[0])


def test_huge_reports_split_within_slack_and_discord_limits():
    from bot.adapters.discord.render import render_reply as discord_render
    from bot.adapters.slack.render import render_reply as slack_render
    from bot.core.replies import Report, ReportLine, ReportSection
    from tests.fakes.limits import check_discord_message

    sections = [ReportSection(f"Speaker {i} " + "N" * 300 + " — " + "role " * 100,
                              [ReportLine(text="Outlet " * 60, quote="words & <more> " * 400, url=f"https://x.example/{i}?a=1&b=2",
                                          link_text="T" * 500) for _ in range(3)] + [ReportLine(text="plain " * 700)])
                for i in range(40)]
    report = Report(title="Quotes in usmx " + "X" * 300, subtitle="s " * 2000, sections=sections)
    slack = slack_render(report)
    assert len(slack) > 1 and all(check_slack_message(m.payload()) == [] for m in slack)
    discord = discord_render(report)
    assert len(discord) > 1 and all(check_discord_message([e.to_dict() for e in embeds]) == [] for embeds in discord)
    text = json.dumps([m.payload() for m in slack])
    assert "Speaker 39" in text and "Speaker 39" in json.dumps([[e.to_dict() for e in m] for m in discord])


def test_digest_who_said_what_section_on_every_platform():
    import dataclasses

    from bot.adapters.console.render import render_reply as console_render
    from bot.adapters.discord.render import render_reply as discord_render
    from bot.adapters.slack.render import render_reply as slack_render
    from bot.quotebank.notable import NotableQuote
    from tests.fakes.briefs import digest
    from tests.fakes.limits import check_discord_message

    quotes = [NotableQuote("We will not accept <tariffs> & threats " * 40, f"Ana Torres {i}", "foreign minister " * 30,
                           "Example Wire", f"https://news.example/{i}?a=1&b=2") for i in range(5)]
    d = dataclasses.replace(digest(3, long=True), who_said_what=quotes)
    assert "Who said what:" in console_render(d) and "— Ana Torres 4 (foreign minister" in console_render(d)
    slack = slack_render(d)
    assert all(check_slack_message(m.payload()) == [] for m in slack) and "Who said what" in json.dumps(slack[0].payload())
    discord = discord_render(d)
    assert all(check_discord_message([e.to_dict() for e in m]) == [] for m in discord)
    assert "Who said what" in json.dumps(discord[0][0].to_dict())
