"""Replies as Slack Block Kit messages (pure functions, no Slack SDK needed).

Limits respected (Slack's Block Kit reference): section text ≤ 3000 characters, header
plain text ≤ 150, ≤ 50 blocks per message; and the total text of one message is kept to
:data:`MESSAGE_TEXT_BUDGET` characters, well below the ~12-13k where very long messages are
rejected in practice. Content over a limit is split over several blocks and messages, or
(for one over-long item, such as a 5000-character quote) trimmed with an ellipsis — never
an error. ``&``, ``<`` and ``>`` are escaped in every mrkdwn text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from bot.core.replies import BriefReply, Digest, DigestStory, Notice, Reply, Report
from bot.render.dates import human_date
from summarizers.model import Brief

SECTION_MAX = 3000
HEADER_MAX = 150
CONTEXT_ELEMENT_MAX = 2000  # a context block's mrkdwn element text
BLOCKS_MAX = 50
MESSAGE_TEXT_BUDGET = 9000
FALLBACK_MAX = 300  # the notification text of a message
QUOTE_MAX = 1500
MAX_ACTORS = 12
MAX_ISSUES = 10
MAX_DIGEST_SUMMARY = 600
ELLIPSIS = "…"


@dataclass(frozen=True)
class SlackMessage:
    """One ``chat.postMessage`` / ``response_url`` payload: fallback ``text`` and ``blocks``."""

    text: str
    blocks: list[dict]

    def payload(self) -> dict:
        return {"text": self.text, "blocks": self.blocks}


# -- text helpers ---------------------------------------------------------------------------


def escape(text: str) -> str:
    """Escape Slack's control characters ``&``, ``<`` and ``>`` for mrkdwn text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trim(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters with an ellipsis, never inside an ``&...;`` entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = re.sub(r"&[a-z]{0,4}$", "", cut)
    return cut.rstrip() + ELLIPSIS


def link(url: str, label: str) -> str:
    """A mrkdwn link ``<url|label>``; the URL's ``<``, ``>``, ``|`` and spaces are percent-encoded."""
    safe_url = quote(url, safe=":/?#[]@!$&'()*+,;=%~.-_")
    safe_url = safe_url.replace("&", "&amp;")
    return f"<{safe_url}|{escape(label).replace('|', '/')}>"


def _plain(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": trim(" ".join(text.split()) or " ", limit), "emoji": True}


def _mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def header(title: str) -> dict:
    return {"type": "header", "text": _plain(title, HEADER_MAX)}


def context(*parts: str) -> dict:
    """A context block from already-escaped mrkdwn parts (empty parts dropped)."""
    text = " · ".join(p for p in parts if p) or " "
    return {"type": "context", "elements": [_mrkdwn(trim(text, CONTEXT_ELEMENT_MAX))]}


def sections(lines: list[str], *, title: str | None = None, sep: str = "\n") -> list[dict]:
    """Section blocks holding ``lines`` (already escaped mrkdwn), each block ≤ :data:`SECTION_MAX`.

    Lines are never split across blocks; a single line over the limit is trimmed.
    """
    blocks: list[dict] = []
    current = f"*{escape(title)}*" if title else ""
    for line in lines:
        line = trim(line, SECTION_MAX - 40)
        candidate = f"{current}{sep if current else ''}{line}"
        if len(candidate) > SECTION_MAX:
            blocks.append({"type": "section", "text": _mrkdwn(current)})
            candidate = line
        current = candidate
    if current:
        blocks.append({"type": "section", "text": _mrkdwn(current)})
    return blocks


def join_within(items: list[str], limit: int, sep: str = ", ") -> str:
    """``items`` joined by ``sep``, as many whole items as fit in ``limit``, then ``+N more``.

    Items are never cut (a link cut in half would break the mrkdwn); the first item is
    trimmed when it alone is too long.
    """
    out: list[str] = []
    used = 0
    for i, item in enumerate(items):
        extra = len(item) + (len(sep) if out else 0)
        if used + extra > limit:
            if not out:
                out.append(trim(item, limit))
                i += 1
            rest = len(items) - i
            return sep.join(out) + (f" +{rest} more" if rest else "")
        out.append(item)
        used += extra
    return sep.join(out)


def block_chars(block: dict) -> int:
    """The characters of text a block carries (what counts towards a message's size)."""
    total = 0
    stack = [block]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("text"), str):
                total += len(item["text"])
            stack.extend(v for k, v in item.items() if k != "text" or not isinstance(v, str))
        elif isinstance(item, list):
            stack.extend(item)
    return total


# -- replies --------------------------------------------------------------------------------


def render_reply(reply: Reply) -> list[SlackMessage]:
    """The Slack messages for one reply, in order. Raises TypeError for an unknown reply type."""
    if isinstance(reply, BriefReply):
        out: list[SlackMessage] = []
        for brief in reply.briefs:
            out += pack(brief_blocks(brief), f"Brief: {brief.article.title or brief.article.url or reply.topic}")
        return out
    if isinstance(reply, Digest):
        return [m for m, _ in digest_messages(reply)]
    if isinstance(reply, Notice):
        return pack(notice_blocks(reply), notice_text(reply))
    if isinstance(reply, Report):
        from bot.adapters.slack.report import report_blocks

        return pack(report_blocks(reply), reply.title)
    raise TypeError(f"not a reply: {type(reply).__name__}")


def pack(blocks: list[dict], fallback: str) -> list[SlackMessage]:
    """Split ``blocks`` into messages of ≤ :data:`BLOCKS_MAX` blocks and ≤ :data:`MESSAGE_TEXT_BUDGET` characters.

    Continuation messages get ``(continued)`` in their fallback text; a trailing divider is dropped.
    """
    fallback = trim(" ".join(fallback.split()), FALLBACK_MAX - 12)
    messages: list[list[dict]] = [[]]
    size = 0
    for block in blocks:
        n = block_chars(block)
        if messages[-1] and (len(messages[-1]) >= BLOCKS_MAX or size + n > MESSAGE_TEXT_BUDGET):
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += n
    out = []
    for i, msg in enumerate(messages):
        while msg and msg[-1]["type"] == "divider":
            msg.pop()
        if msg:
            out.append(SlackMessage(fallback if i == 0 else f"{fallback} (continued)", msg))
    return out


def brief_blocks(brief: Brief) -> list[dict]:
    """Header, source line, summary, actors with roles, issues, quotes (quote blocks), article link."""
    meta = brief.article
    blocks = [header(meta.title or meta.url or f"{brief.topic} brief")]
    date = human_date(meta.published)
    blocks.append(context(escape(meta.source or ""), escape(date), f"topic *{escape(brief.topic)}*"))
    if brief.summary:
        blocks += sections([escape(s) for s in brief.summary], title="Summary", sep=" ")
    if brief.actors:
        lines = [f"• *{escape(a.name)}*" + (f" — {escape(a.role)}" if a.role else "") for a in brief.actors[:MAX_ACTORS]]
        if len(brief.actors) > MAX_ACTORS:
            lines.append(f"_…and {len(brief.actors) - MAX_ACTORS} more_")
        blocks += sections(lines, title="Actors")
    if brief.issues:
        labels = [escape(i.label) for i in brief.issues[:MAX_ISSUES]]
        blocks += sections([" · ".join(labels)], title="Issues")
    if brief.quotes:
        blocks += sections([], title="Quotes")
        for q in brief.quotes:
            blocks.append(quote_block(q.text, q.speaker, q.speaker_role))
    if meta.url:
        blocks += sections([link(meta.url, "Read the full article" + (f" ({meta.source})" if meta.source else ""))])
    blocks.append({"type": "divider"})
    return blocks


def quote_block(text: str, speaker: str | None, role: str | None) -> dict:
    """A rich-text quote block with the quotation, then ``— Speaker, role`` below it."""
    attribution = [{"type": "text", "text": "— "}]
    if speaker:
        attribution.append({"type": "text", "text": trim(speaker, 200), "style": {"bold": True}})
        if role:
            attribution.append({"type": "text", "text": ", " + trim(role, 200), "style": {"italic": True}})
    else:
        attribution.append({"type": "text", "text": "speaker not stated", "style": {"italic": True}})
    return {
        "type": "rich_text",
        "elements": [
            {"type": "rich_text_quote", "elements": [{"type": "text", "text": trim(" ".join(text.split()), QUOTE_MAX)}]},
            {"type": "rich_text_section", "elements": attribution},
        ],
    }


def digest_messages(digest: Digest, *, head: bool = True) -> list[tuple[SlackMessage, tuple[int, ...]]]:
    """The digest's messages, each with the article ids of the stories it carries; ``head=False``
    leaves the header out (the stories of a threaded digest, whose parent is the header).

    Like :func:`pack`, but a story is never split over two messages, so that a message
    confirmed by Slack delivers whole stories (the exactly-once bookkeeping counts on it).
    """
    units = [(digest_head_blocks(digest), ())] if head else []
    units += [([{"type": "divider"}] + story_blocks(s), tuple(s.article_ids)) for s in digest.stories]
    grouped: list[tuple[list[dict], list[int]]] = [([], [])]
    size = 0
    for blocks, ids in units:
        n = sum(block_chars(b) for b in blocks)
        current = grouped[-1][0]
        if current and (len(current) + len(blocks) > BLOCKS_MAX or size + n > MESSAGE_TEXT_BUDGET):
            grouped.append(([], []))
            size = 0
            current = grouped[-1][0]
        if not current and blocks and blocks[0]["type"] == "divider":  # a message never starts with a divider
            blocks = blocks[1:]
        grouped[-1][0].extend(blocks)
        grouped[-1][1].extend(ids)
        size += n
    out: list[tuple[SlackMessage, tuple[int, ...]]] = []
    for blocks, ids in grouped:
        packed = pack(blocks, digest.title)  # one message unless a unit alone is too big
        for i, message in enumerate(packed):
            last = i == len(packed) - 1
            text = message.text if not out else f"{message.text.removesuffix(' (continued)')} (continued)"
            out.append((SlackMessage(text, message.blocks), tuple(ids) if last else ()))
    return out


def digest_head_blocks(digest: Digest) -> list[dict]:
    """The digest's header: title, period line, leading actors and issues (or "No new articles.")."""
    blocks = [header(digest.title)]
    if digest.period or digest.stories:
        count = f"{len(digest.stories)} {'story' if len(digest.stories) == 1 else 'stories'}"
        blocks.append(context(escape(digest.period or ""), count))
    if digest.leading_actors:
        names = [f"*{escape(a.name)}*" + (f" ({escape(a.role)})" if a.role else "") for a in digest.leading_actors[:MAX_ACTORS]]
        blocks += sections([", ".join(names)], title="Leading actors")
    if digest.leading_issues:
        blocks += sections([" · ".join(escape(i.label) for i in digest.leading_issues[:MAX_ISSUES])], title="Leading issues")
    if digest.who_said_what:
        blocks += sections([f"“{trim(escape(q.text), 400)}” — *{escape(q.speaker)}*" + (f", {escape(q.role)}" if q.role else "")
                            + (f" ({link(q.url, q.outlet or 'article')})" if q.url else "") for q in digest.who_said_what],
                           title="Who said what")
    if not digest.stories:
        blocks += sections(["No new articles."])
    return blocks


def digest_blocks(digest: Digest) -> list[dict]:
    """Header, period, leading actors and issues, then each story compactly with its sources."""
    blocks = digest_head_blocks(digest)
    for story in digest.stories:
        blocks.append({"type": "divider"})
        blocks += story_blocks(story)
    return blocks


def story_blocks(story: DigestStory) -> list[dict]:
    """One digest story: linked title with summary, then actors/issues and the outlets that ran it."""
    b = story.brief
    title = escape(b.article.title or "(untitled)")
    head = link(b.article.url, b.article.title or b.article.url) if b.article.url else title
    head = f"*{head}*"
    summary = trim(escape(" ".join(b.summary)), MAX_DIGEST_SUMMARY) if b.summary else ""
    blocks = sections([head + ("\n" + summary if summary else "")])
    facts = []
    if b.actors:
        facts.append("Actors: " + ", ".join(escape(a.name) for a in b.actors[:5]))
    if b.issues:
        facts.append("Issues: " + ", ".join(escape(i.label) for i in b.issues[:5]))
    elements = [_mrkdwn(trim(" · ".join(facts), 1000))] if facts else []
    sources = [link(url, trim(name or url, 80)) if url else escape(trim(name or "", 80)) for name, url in story.sources]
    if any(sources):
        elements.append(_mrkdwn("Sources: " + join_within([x for x in sources if x], CONTEXT_ELEMENT_MAX - 30)))
    if elements:
        blocks.append({"type": "context", "elements": elements})
    return blocks


def notice_blocks(notice: Notice) -> list[dict]:
    """A notice: bold title (with a warning sign for errors) and its lines."""
    title = notice.title or ("Something went wrong" if notice.level == "error" else None)
    if notice.level == "error":
        title = f":warning: {title}"
    return sections([escape(line) for line in notice.lines], title=title)


def notice_text(notice: Notice) -> str:
    """The plain fallback text of a notice (its title and first line)."""
    return " — ".join(p for p in (notice.title, notice.lines[0] if notice.lines else "") if p) or "briefbot"
