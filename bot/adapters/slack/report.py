"""Quote-bank reports as Block Kit (pure functions), within the limits of :mod:`bot.adapters.slack.render`.

Quotes are rich-text quote blocks with the outlet and date below and a link to the article;
other lines are mrkdwn sections. The report's image is not a block: the adapter uploads it
with Slack's external upload flow after the messages (:meth:`SlackAdapter.send`).
"""

from __future__ import annotations

from bot.adapters.slack.render import QUOTE_MAX, context, escape, header, link, sections, trim
from bot.core.replies import Report, ReportLine


def report_blocks(report: Report) -> list[dict]:
    """Header, subtitle, then per section a bold heading, its quote blocks and lines, and a divider."""
    blocks = [header(report.title)]
    if report.subtitle:
        blocks.append(context(escape(report.subtitle)))
    for section in report.sections:
        plain: list[str] = []
        heading = section.heading
        for line in section.lines:
            if line.quote:
                if plain or heading:
                    blocks += sections(plain, title=heading)
                    plain, heading = [], None
                blocks.append(quote_line_block(line))
            else:
                plain.append(mrkdwn_line(line))
        if plain or heading:
            blocks += sections(plain, title=heading)
        blocks.append({"type": "divider"})
    return blocks


def mrkdwn_line(line: ReportLine) -> str:
    """A plain report line in mrkdwn, with its link when it has one."""
    text = escape(line.text)
    return f"{text} · {link(line.url, trim(line.link_text or 'link', 150))}" if line.url else text


def quote_line_block(line: ReportLine) -> dict:
    """The quotation, then ``— outlet, date · linked title`` in a rich-text block."""
    below: list[dict] = [{"type": "text", "text": "— " + trim(line.text, 300)}]
    if line.url:
        below += [{"type": "text", "text": " · "},
                  {"type": "link", "url": line.url[:3000], "text": trim(line.link_text or "article", 200)}]
    return {
        "type": "rich_text",
        "elements": [
            {"type": "rich_text_quote", "elements": [{"type": "text", "text": trim(" ".join((line.quote or "").split()), QUOTE_MAX)}]},
            {"type": "rich_text_section", "elements": below},
        ],
    }
