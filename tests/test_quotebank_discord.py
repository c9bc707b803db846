"""``/brief topic:quotes|who|trends ...`` on Discord against the local fake REST API: embeds within
Discord's limits, and the trends chart as a message attachment shown in the embed."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.quotebank import verbs  # noqa: F401  (registers the verbs)
from bot.quotebank.chart import HEIGHT, WIDTH, png_size
from tests.fakes.limits import check_discord_message
from tests.fakes.seed import add_article
from tests.test_discord_adapter import env, interaction, opt  # noqa: F401  (the fixture)


def _seed(store) -> None:
    now = datetime.now(timezone.utc)
    for day in range(5):
        add_article(store, "usmx", title=f"Talks day {day}", url=f"https://news.example/{day}",
                    source="Wire A" if day % 2 else "Paper B", published=now - timedelta(days=day, hours=1),
                    text=(f"Ana Torres met John Reed on day {day} about migration and tariffs. "
                          f'"We will not accept tariffs on day {day}," said Ana Torres.'))


async def test_quotes_and_who_as_embeds(env):  # noqa: F811
    _seed(env.store)
    [body] = await env.run(interaction([opt("topic", "quotes usmx 30d about tariffs")]))
    [embed] = body["embeds"]
    assert check_discord_message([embed]) == []
    assert embed["title"] == "Quotes in usmx about “tariffs”"
    [field] = [f for f in embed["fields"] if f["name"].startswith("Ana Torres")]
    assert field["value"].startswith("> We will not accept tariffs on day 0") and "(https://news.example/0)" in field["value"]
    [who] = await env.run(interaction([opt("topic", "who torres")]))
    assert who["embeds"][0]["title"] == "Ana Torres"


async def test_trends_attaches_the_chart(env):  # noqa: F811
    _seed(env.store)
    payload = interaction([opt("topic", "trends usmx 7d")])
    [body] = await env.run(payload)
    [file] = body["files"]
    assert file["filename"].startswith("trends-usmx-") and png_size(file["data"]) == (WIDTH, HEIGHT)
    embed = body["embeds"][-1]
    assert embed["image"]["url"] == f"attachment://{file['filename']}"
    assert body["attachments"][0]["filename"] == file["filename"]
    assert check_discord_message(body["embeds"]) == []


async def test_send_to_a_channel_attaches_the_chart(env):  # noqa: F811
    from bot.core.replies import Image, Report, ReportSection, ReportLine

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    report = Report("Trends in usmx", "x", [ReportSection("Leading issues", [ReportLine("migration: 3 articles (new)")])],
                    image=Image("trends-usmx.png", png, "chart", "a chart"))
    await env.adapter.send("6000", report)
    await asyncio.sleep(0.05)
    [msg] = env.api.channel_messages["6000"]
    assert msg["attachments"][0]["filename"] == "trends-usmx.png" and msg["embeds"][0]["image"]["url"] == "attachment://trends-usmx.png"
