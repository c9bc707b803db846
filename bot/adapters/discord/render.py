"""Replies as Discord embeds (pure functions over :class:`discord.Embed`, no network).

Discord's documented limits: title ≤ 256, description ≤ 4096, ≤ 25 fields, field name ≤ 256,
field value ≤ 1024, footer ≤ 2048, author ≤ 256; across the embeds of one message ≤ 6000
characters and ≤ 10 embeds. Long content is spread over continuation embeds and several
messages; a single over-long item (a 5000-character quote) is trimmed with an ellipsis.
Text from articles is Markdown-escaped so that it cannot format or link by accident.

A digest with a ``digest_id`` carries it in the footer of each message's last embed
(``briefbot digest <id> · 2/3``), so that the adapter can find it again in the channel's
history after a crash (:func:`digest_mark_of`).
"""

from __future__ import annotations

import re

import discord
from discord.utils import escape_markdown

from bot.core.replies import BriefReply, Digest, DigestStory, Notice, Reply, Report
from bot.render.dates import human_date
from summarizers.model import Brief

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
MESSAGE_CHARS_MAX = 6000
EMBEDS_MAX = 10
EMBED_BUDGET = 5800  # leave room under the 6000 total for a continuation title
SUMMARY_MAX = 3000
DIGEST_SUMMARY_MAX = 500
MAX_ACTORS = 12
MAX_ISSUES = 10

COLOUR_BRIEF = discord.Colour.blurple()
COLOUR_ERROR = discord.Colour.red()
COLOUR_INFO = discord.Colour.light_grey()
ELLIPSIS = "…"
MARK_PREFIX = "briefbot digest"
MARK_RESERVE = 100  # characters kept free in each digest message for the footer mark
_MARK_RE = re.compile(re.escape(MARK_PREFIX) + r" ([0-9A-Za-z_-]+) · (\d+)/(\d+)")


def trim(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def esc(text: str | None) -> str:
    """Markdown-escaped text (``*``, ``_``, `` ` ``, ``~``, ``|``, ``>`` and links cannot format)."""
    return escape_markdown(text or "", as_needed=False)


def render_reply(reply: Reply) -> list[list[discord.Embed]]:
    """The messages for one reply, each a list of embeds within the per-message limits.

    Raises TypeError for an unknown reply type.
    """
    if isinstance(reply, BriefReply):
        return pack([e for brief in reply.briefs for e in brief_embeds(brief)])
    if isinstance(reply, Digest):
        if reply.digest_id:
            return mark_digest(pack(digest_embeds(reply), MESSAGE_CHARS_MAX - MARK_RESERVE), reply.digest_id)
        return pack(digest_embeds(reply))
    if isinstance(reply, Notice):
        return pack(notice_embeds(reply))
    if isinstance(reply, Report):
        from bot.adapters.discord.report import report_embeds

        return pack(report_embeds(reply))
    raise TypeError(f"not a reply: {type(reply).__name__}")


def pack(embeds: list[discord.Embed], max_chars: int = MESSAGE_CHARS_MAX) -> list[list[discord.Embed]]:
    """Group ``embeds`` into messages of ≤ 10 embeds and ≤ ``max_chars`` (default 6000) characters."""
    messages: list[list[discord.Embed]] = []
    size = 0
    for e in embeds:
        n = len(e)
        if not messages or len(messages[-1]) >= EMBEDS_MAX or size + n > max_chars:
            messages.append([])
            size = 0
        messages[-1].append(e)
        size += n
    return messages


def digest_mark(digest_id: str, part: int, parts: int) -> str:
    """The footer text that identifies message ``part`` (1-based) of ``parts`` of a digest."""
    return f"{MARK_PREFIX} {digest_id} · {part}/{parts}"


def digest_mark_of(embeds: list[discord.Embed]) -> tuple[str, int, int] | None:
    """``(digest_id, part, parts)`` from a message's embed footers, or None when it has no digest mark."""
    for e in reversed(embeds):
        m = _MARK_RE.search((e.footer.text if e.footer else None) or "")
        if m:
            return m.group(1), int(m.group(2)), int(m.group(3))
    return None


def digest_messages(digest: Digest, first: int = 1, layout: str = "inline") -> list[tuple[list[discord.Embed], tuple[int, ...]]]:
    """A digest with a ``digest_id`` as marked messages numbered from ``first``, each with the
    article ids of the stories it carries (a story is one embed, so never split).

    ``layout``: ``inline`` (the header embed and the stories packed together), ``threaded``
    (the header alone in the first message, the stories after it) or ``replies`` (the stories
    only: a digest resumed into its thread). Raises ValueError for another layout."""
    assert digest.digest_id, "digest_messages needs the digest's id"
    embeds = digest_embeds(digest)
    story_of = {id(e): tuple(s.article_ids) for e, s in zip(embeds[1:], digest.stories)}
    budget = MESSAGE_CHARS_MAX - MARK_RESERVE
    if layout == "inline":
        packed = pack(embeds, budget)
    elif layout in ("threaded", "replies"):
        packed = ([[embeds[0]]] if layout == "threaded" else []) + pack(embeds[1:], budget)
    else:
        raise ValueError(f"unknown digest layout {layout!r}")
    messages = mark_digest(packed, digest.digest_id, first)
    return [(m, tuple(i for e in m for i in story_of.get(id(e), ()))) for m in messages]


def mark_digest(messages: list[list[discord.Embed]], digest_id: str, first: int = 1) -> list[list[discord.Embed]]:
    """Put the digest mark in the footer of each message's last embed (after any footer it had),
    numbering the messages from ``first``."""
    n = first + len(messages) - 1
    for i, embeds in enumerate(messages, first):
        last = embeds[-1]
        mark = digest_mark(digest_id, i, n)
        old = (last.footer.text if last.footer else None) or ""
        text = f"{trim(old, FOOTER_MAX - len(mark) - 3)} · {mark}" if old else mark
        last.set_footer(text=text, icon_url=last.footer.icon_url if last.footer else None)
    return messages


class _Builder:
    """Adds fields to an embed, opening a continuation embed when fields or characters run out."""

    def __init__(self, first: discord.Embed, continuation_title: str, colour: discord.Colour):
        self.embeds = [first]
        self._title = trim(continuation_title, TITLE_MAX)
        self._colour = colour

    def add(self, name: str, value: str, inline: bool = False) -> None:
        name, value = trim(name, FIELD_NAME_MAX) or "\u200b", trim(value, FIELD_VALUE_MAX) or "\u200b"
        e = self.embeds[-1]
        if len(e.fields) >= FIELDS_MAX or len(e) + len(name) + len(value) > EMBED_BUDGET:
            e = discord.Embed(title=self._title, colour=self._colour)
            self.embeds.append(e)
        e.add_field(name=name, value=value, inline=inline)

    def add_lines(self, name: str, lines: list[str]) -> None:
        """A field per ≤1024-character run of whole lines (``name (cont.)`` after the first)."""
        chunk = ""
        first = True
        for line in lines:
            line = trim(line, FIELD_VALUE_MAX)
            if chunk and len(chunk) + 1 + len(line) > FIELD_VALUE_MAX:
                self.add(name if first else f"{name} (cont.)", chunk)
                first, chunk = False, ""
            chunk = f"{chunk}\n{line}" if chunk else line
        if chunk:
            self.add(name if first else f"{name} (cont.)", chunk)


def brief_embeds(brief: Brief) -> list[discord.Embed]:
    """Title (linked), summary, source and date; fields for actors with roles, issues and each quote."""
    meta = brief.article
    title = trim(meta.title or meta.url or f"{brief.topic} brief", TITLE_MAX)
    first = discord.Embed(
        title=title,
        url=meta.url if meta.url and len(meta.url) <= 2048 else None,
        description=trim(esc(" ".join(brief.summary)), SUMMARY_MAX) or None,
        colour=COLOUR_BRIEF,
    )
    if meta.source:
        first.set_author(name=trim(meta.source, AUTHOR_MAX))
    footer = " · ".join(p for p in (f"topic {brief.topic}", human_date(meta.published)) if p)
    first.set_footer(text=trim(footer, FOOTER_MAX))
    b = _Builder(first, f"{title[:200]} (continued)", COLOUR_BRIEF)
    if brief.actors:
        lines = [f"**{esc(a.name)}**" + (f" — {esc(a.role)}" if a.role else "") for a in brief.actors[:MAX_ACTORS]]
        if len(brief.actors) > MAX_ACTORS:
            lines.append(f"*…and {len(brief.actors) - MAX_ACTORS} more*")
        b.add_lines("Actors", lines)
    if brief.issues:
        b.add("Issues", " · ".join(esc(i.label) for i in brief.issues[:MAX_ISSUES]))
    for q in brief.quotes:
        speaker = q.speaker or "Speaker not stated"
        name = f"{speaker}, {q.speaker_role}" if q.speaker and q.speaker_role else speaker
        b.add(name, "> " + esc(" ".join(q.text.split())))
    return b.embeds


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """A header embed (period, leading actors and issues) and one compact embed per story."""
    lines = []
    count = f"{len(digest.stories)} {'story' if len(digest.stories) == 1 else 'stories'}"
    if digest.period or digest.stories:
        lines.append(f"*{esc(digest.period)}* · {count}" if digest.period else count)
    if digest.leading_actors:
        lines.append("**Leading actors:** " + ", ".join(esc(a.name) for a in digest.leading_actors[:MAX_ACTORS]))
    if digest.leading_issues:
        lines.append("**Leading issues:** " + " · ".join(esc(i.label) for i in digest.leading_issues[:MAX_ISSUES]))
    if digest.who_said_what:
        lines.append("**Who said what:**")
        lines += [f"“{esc(trim(q.text, 300))}” — **{esc(q.speaker)}**" + (f", {esc(q.role)}" if q.role else "")
                  + (f" ([{esc(trim(q.outlet or 'article', 60))}]({q.url}))" if q.url and len(q.url) < 500 else "")
                  for q in digest.who_said_what]
    if not digest.stories:
        lines.append("No new articles.")
    head = discord.Embed(
        title=trim(digest.title, TITLE_MAX), description=trim("\n".join(lines), DESCRIPTION_MAX) or None, colour=COLOUR_BRIEF
    )
    return [head] + [story_embed(s) for s in digest.stories]


def story_embed(story: DigestStory) -> discord.Embed:
    """One digest story: linked title, short summary, actors/issues line, outlets that ran it."""
    b = story.brief
    parts = [trim(esc(" ".join(b.summary)), DIGEST_SUMMARY_MAX)] if b.summary else []
    facts = []
    if b.actors:
        facts.append("Actors: " + ", ".join(esc(a.name) for a in b.actors[:5]))
    if b.issues:
        facts.append("Issues: " + ", ".join(esc(i.label) for i in b.issues[:5]))
    if facts:
        parts.append(trim(" · ".join(facts), 800))
    sources = [f"[{esc(trim(n or 'link', 80))}]({u})" if u and len(u) < 500 else esc(trim(n or "", 80)) for n, u in story.sources]
    if any(sources):
        parts.append(_join_within("Sources: ", [s for s in sources if s], 1500))
    url = b.article.url if b.article.url and len(b.article.url) <= 2048 else None
    return discord.Embed(
        title=trim(b.article.title or b.article.url or "(untitled)", TITLE_MAX),
        url=url,
        description=trim("\n".join(parts), DESCRIPTION_MAX) or None,
        colour=COLOUR_BRIEF,
    )


def notice_embeds(notice: Notice) -> list[discord.Embed]:
    """A notice as one embed (more when its lines exceed a description); errors in red with a warning sign."""
    error = notice.level == "error"
    title = notice.title or ("Something went wrong" if error else None)
    if error:
        title = f"⚠️ {title}"
    colour = COLOUR_ERROR if error else COLOUR_INFO
    chunks, current = [], ""
    for line in notice.lines:
        line = trim(line, DESCRIPTION_MAX)
        if current and len(current) + 1 + len(line) > DESCRIPTION_MAX:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    chunks.append(current)
    embeds = []
    for i, chunk in enumerate(chunks):
        t = trim(title, TITLE_MAX) if title and i == 0 else None
        embeds.append(discord.Embed(title=t, description=chunk or None, colour=colour))
    return embeds


def _join_within(prefix: str, items: list[str], limit: int) -> str:
    out, used = [], len(prefix)
    for i, item in enumerate(items):
        if used + len(item) + 2 > limit:
            return prefix + ", ".join(out) + f" +{len(items) - i} more"
        out.append(item)
        used += len(item) + 2
    return prefix + ", ".join(out)
