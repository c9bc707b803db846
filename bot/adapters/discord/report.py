"""Quote-bank reports as Discord embeds (pure functions), within the limits of
:mod:`bot.adapters.discord.render`; the report's image becomes a message attachment shown in
the last embed (``attachment://<filename>``)."""

from __future__ import annotations

import io

import discord

from bot.adapters.discord.render import (
    COLOUR_BRIEF, DESCRIPTION_MAX, FIELD_VALUE_MAX, TITLE_MAX, _Builder, esc, trim,
)
from bot.core.replies import Image, Report, ReportLine


def report_embeds(report: Report) -> list[discord.Embed]:
    """Title and subtitle, then one field (or several, when long) per section."""
    first = discord.Embed(title=trim(report.title, TITLE_MAX), description=trim(esc(report.subtitle or ""), DESCRIPTION_MAX) or None,
                          colour=COLOUR_BRIEF)
    b = _Builder(first, f"{report.title[:200]} (continued)", COLOUR_BRIEF)
    for section in report.sections:
        b.add_lines(section.heading or "\u200b", [line_text(line) for line in section.lines])
    return b.embeds


def line_text(line: ReportLine) -> str:
    """``> quote`` on its own line, then the escaped text and a Markdown link to the article."""
    text = esc(line.text)
    if line.url and len(line.url) < 500:
        text += f" · [{esc(trim(line.link_text or 'link', 80))}]({line.url})"
    if line.quote:
        return trim("> " + esc(" ".join(line.quote.split())), FIELD_VALUE_MAX - len(text) - 2) + "\n" + text
    return text


def attach_image(messages: list[list[discord.Embed]], image: Image | None) -> dict:
    """Keyword arguments for sending the last of ``messages``: the image as a file, shown in that
    message's last embed; empty when there is no image."""
    if image is None or not messages:
        return {}
    messages[-1][-1].set_image(url=f"attachment://{image.filename}")
    return {"file": discord.File(io.BytesIO(image.data), filename=image.filename, description=image.alt_text[:1024])}
