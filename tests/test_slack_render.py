"""Block Kit rendering: content, escaping, and limits for short and pathological replies."""

from __future__ import annotations

import pytest

from bot.adapters.slack.render import escape, link, render_reply, trim
from bot.core.replies import BriefReply, Digest, Notice
from tests.fakes.briefs import digest, long_brief, short_brief
from tests.fakes.limits import check_slack_message


def all_text(messages) -> str:
    import json

    return json.dumps([m.payload() for m in messages], ensure_ascii=False)


def test_escape_and_trim():
    assert escape("a & <b> c") == "a &amp; &lt;b&gt; c"
    assert trim("abc", 5) == "abc"
    t = trim("x" * 10 + "&amp;" + "y" * 10, 13)
    assert len(t) <= 13 and t.endswith("…") and "&am" not in t
    assert link("https://a.example/x?a=1&b=<2>|", "A & B") == "<https://a.example/x?a=1&amp;b=%3C2%3E%7C|A &amp; B>"


def test_short_brief_blocks():
    [msg] = render_reply(BriefReply("usmx", [short_brief()]))
    assert check_slack_message(msg.payload()) == []
    blocks = msg.blocks
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Mexico & US agree <border> talks", "emoji": True}}
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert sections[0].startswith("*Summary*") and "migration &amp; fentanyl" in sections[0]
    actors = next(s for s in sections if s.startswith("*Actors*"))
    assert "• *Ana Torres* — Mexican foreign minister" in actors and "• *Mexico*" in actors
    assert "migration · drug trafficking" in next(s for s in sections if s.startswith("*Issues*"))
    quotes = [b for b in blocks if b["type"] == "rich_text"]
    assert len(quotes) == 2
    q0 = quotes[0]["elements"]
    assert q0[0]["type"] == "rich_text_quote" and q0[0]["elements"][0]["text"] == "We will not accept <any> tariffs & threats"
    assert [e["text"] for e in q0[1]["elements"]] == ["— ", "Ana Torres", ", Mexican foreign minister"]
    assert "speaker not stated" in quotes[1]["elements"][1]["elements"][1]["text"]
    assert sections[-1] == "<https://news.example/a?x=1&amp;y=2|Read the full article (Example Wire)>"
    assert "Brief: Mexico & US agree" in msg.text
    # no raw control characters in any mrkdwn text
    for s in sections:
        assert "<border>" not in s and " & " not in s.replace("<https", "")


@pytest.mark.parametrize("scale", [1, 4])
def test_long_brief_is_split_not_failed(scale):
    brief = long_brief(scale=scale)
    messages = render_reply(BriefReply("usmx", [brief]))
    assert len(messages) > 1
    for m in messages:
        assert check_slack_message(m.payload()) == [], m.text
    assert messages[1].text.endswith("(continued)")
    assert len(messages[0].blocks[0]["text"]["text"]) == 150
    text = all_text(messages)
    # every quote made it (trimmed, not dropped), every summary sentence too
    for i in range(70):
        assert f"Quote {i} " in text
    for i in range(20):
        assert f"Sentence {i} " in text


def test_several_briefs_each_start_a_message():
    messages = render_reply(BriefReply("usmx", [short_brief(), short_brief()]))
    assert len(messages) == 2
    assert all(m.blocks[0]["type"] == "header" for m in messages)


@pytest.mark.parametrize("n, long", [(0, False), (1, False), (200, False), (12, True)])
def test_digests_fit(n, long):
    messages = render_reply(digest(n, long=long))
    for m in messages:
        assert check_slack_message(m.payload()) == []
    text = all_text(messages)
    assert "daily digest" in messages[0].blocks[0]["text"]["text"]
    assert text.count("Example Wire") >= n
    if n == 0:
        assert "No new articles." in text
    if n == 200:
        assert len(messages) >= 200 * 3 // 50


def test_notices():
    [info] = render_reply(Notice(lines=["usmx — US–Mexico <relations>"], title="Topics"))
    assert info.blocks[0]["text"]["text"] == "*Topics*\nusmx — US–Mexico &lt;relations&gt;"
    [err] = render_reply(Notice(lines=["bad & wrong"], level="error"))
    assert err.blocks[0]["text"]["text"].startswith("*:warning: Something went wrong*")
    many = render_reply(Notice(lines=["line " + "z" * 2000] * 40))
    assert len(many) > 1 and all(check_slack_message(m.payload()) == [] for m in many)


def test_blocks_parse_with_slack_sdk_models():
    """slack_sdk's own Block models accept what we render (an independent check of the shapes)."""
    from slack_sdk.models.blocks import Block

    for reply in (BriefReply("usmx", [short_brief(), long_brief()]), digest(5)):
        for m in render_reply(reply):
            for b in m.blocks:
                parsed = Block.parse(b)
                assert parsed is not None, b["type"]
                parsed.to_dict()  # runs slack_sdk's length validators


def test_unknown_reply_type():
    with pytest.raises(TypeError):
        render_reply("text")  # type: ignore[arg-type]
    assert isinstance(digest(1), Digest)


def test_join_within_never_cuts_a_link():
    from bot.adapters.slack.render import join_within

    links = [link(f"https://e.example/{i}", f"Outlet {i}") for i in range(100)]
    out = join_within(links, 500)
    assert len(out) <= 520 and out.endswith("more")
    assert out.count("<") == out.count(">")
    assert join_within(["a", "b"], 10) == "a, b"
