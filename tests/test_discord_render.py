"""Discord embeds: every embed produced, for short and very long briefs, digests and notices, is
within Discord's documented limits (checked on Embed.to_dict())."""

from __future__ import annotations

import json

import pytest

from bot.adapters.discord.render import render_reply
from bot.core.replies import BriefReply, Notice
from tests.fakes.briefs import digest, long_brief, short_brief
from tests.fakes.limits import check_discord_message


def dicts(messages):
    return [[e.to_dict() for e in m] for m in messages]


REPLIES = {
    "short brief": BriefReply("usmx", [short_brief()]),
    "five briefs": BriefReply("usmx", [short_brief()] * 5),
    "long brief": BriefReply("usmx", [long_brief()]),
    "huge brief": BriefReply("usmx", [long_brief(scale=6)]),
    "empty digest": digest(0),
    "digest of 200": digest(200),
    "digest of long briefs": digest(15, long=True),
    "long notice": Notice(lines=["z" * 5000] * 6, title="T" * 500, level="error"),
}


@pytest.mark.parametrize("name", list(REPLIES))
def test_every_embed_within_limits(name):
    messages = dicts(render_reply(REPLIES[name]))
    assert messages
    for m in messages:
        assert 1 <= len(m) <= 10
        assert check_discord_message(m) == [], name


def test_short_brief_content():
    [[e]] = dicts(render_reply(REPLIES["short brief"]))
    assert e["title"] == "Mexico & US agree <border> talks"
    assert e["url"] == "https://news.example/a?x=1&y=2"
    assert e["author"]["name"] == "Example Wire"
    assert e["description"] == "Officials from Mexico and the US met on Monday. They discussed migration & fentanyl."
    fields = {f["name"]: f["value"] for f in e["fields"]}
    assert fields["Actors"].splitlines() == ["**Ana Torres** — Mexican foreign minister", "**John Reed** — US envoy", "**Mexico**"]
    assert fields["Issues"] == "migration · drug trafficking"
    assert fields["Ana Torres, Mexican foreign minister"] == "> We will not accept <any> tariffs & threats"
    assert fields["Speaker not stated"] == "> Talks were productive"
    assert e["footer"]["text"] == "topic usmx · 1 May 2024"  # a date people write, not ISO 8601


def test_long_brief_keeps_every_quote():
    text = json.dumps(dicts(render_reply(REPLIES["huge brief"])))
    for i in range(70):
        assert f"Quote {i} " in text
    assert "Sentence 0" in text


def test_five_briefs_pack_into_few_messages():
    messages = dicts(render_reply(REPLIES["five briefs"]))
    assert len(messages) == 1 and len(messages[0]) == 5


def test_digest_layout():
    messages = dicts(render_reply(digest(3)))
    head = messages[0][0]
    assert head["title"] == "US–Mexico relations: daily digest"
    assert "since 08:00 yesterday" in head["description"] and "Leading actors:" in head["description"]
    story = messages[0][1]
    assert story["url"] == "https://news.example/a?x=1&y=2"
    assert "[Example Wire](https://news.example/0)" in story["description"] and "Other Outlet" in story["description"]


def test_markdown_in_article_text_is_escaped():
    from dataclasses import replace

    b = replace(short_brief(), summary=["A **bold** claim with a [link](https://evil.example) and `code`."])
    [[e]] = dicts(render_reply(BriefReply("usmx", [b])))
    assert "\\*\\*bold\\*\\*" in e["description"] and "\\`code\\`" in e["description"]
