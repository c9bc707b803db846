"""A brief as Markdown, for people reading in a terminal or a Markdown-capable chat.

:func:`brief_to_markdown` is a pure function of a :class:`~summarizers.model.Brief`; the CLI
and the console adapter use it. Layout::

    ## <title>
    *<source> · <published> · <url>*

    **Summary**
    - sentence ...

    **Actors**
    - **Name** (person) — role · 3 mentions

    **Issues**
    - migration (1.00)

    **Quotes**
    > "text" — Speaker, role
"""

from __future__ import annotations

from bot.render.dates import human_date
from summarizers.model import Brief

MAX_ACTORS = 8
MAX_ISSUES = 8


def _escape(text: str) -> str:
    """Escape the characters Markdown would read as emphasis or links in plain text."""
    for ch in ("\\", "*", "_", "`", "[", "]"):
        text = text.replace(ch, "\\" + ch)
    return text


def brief_to_markdown(brief: Brief, max_actors: int = MAX_ACTORS, max_issues: int = MAX_ISSUES) -> str:
    """Markdown text (str, ending in a newline) for ``brief``.

    Shows the title (or "Untitled article"), a source line, the summary, the first
    ``max_actors`` actors and ``max_issues`` issues, and every quote; empty sections say
    "none found" so a reader knows they were looked for.
    """
    meta = brief.article
    lines = [f"## {_escape(meta.title or 'Untitled article')}"]
    byline = " · ".join(_escape(x) for x in (meta.source, human_date(meta.published)) if x)
    if meta.url:
        byline = f"{byline} · <{meta.url}>" if byline else f"<{meta.url}>"
    if byline:
        lines.append(f"*{byline}*" if not meta.url else byline)
    if brief.topic:
        lines.append(f"Topic: {_escape(brief.topic)}")

    lines += ["", "**Summary**"]
    lines += [f"- {_escape(s)}" for s in brief.summary] or ["- (none found)"]

    lines += ["", "**Actors**"]
    for a in brief.actors[:max_actors]:
        role = f" — {_escape(a.role)}" if a.role else ""
        count = f"{a.mentions} mention" + ("" if a.mentions == 1 else "s")
        lines.append(f"- **{_escape(a.name)}** ({a.type}){role} · {count}")
    if not brief.actors:
        lines.append("- (none found)")

    lines += ["", "**Issues**"]
    lines += [f"- {_escape(i.label)} ({i.score:.2f})" for i in brief.issues[:max_issues]] or ["- (none found)"]

    lines += ["", "**Quotes**"]
    for q in brief.quotes:
        who = _escape(q.speaker) if q.speaker else "unattributed"
        if q.speaker and q.speaker_role:
            who += f", {_escape(q.speaker_role)}"
        lines.append(f"> “{_escape(q.text.strip().rstrip(','))}” — {who}")
        lines.append("")
    if not brief.quotes:
        lines.append("- (none found)")
    return "\n".join(lines).rstrip() + "\n"
