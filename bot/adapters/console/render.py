"""Replies as terminal text (pure functions).

Briefs use the project's Markdown rendering (:func:`bot.render.markdown.brief_to_markdown`),
which reads well as plain text; digests and notices are rendered here.
"""

from __future__ import annotations

from bot.core.replies import BriefReply, Digest, DigestStory, Notice, Reply, Report
from summarizers.model import Brief

RULE = "-" * 60


def render_reply(reply: Reply) -> str:
    """The text of one reply (no trailing newline). Raises TypeError for an unknown reply type."""
    if isinstance(reply, BriefReply):
        return f"\n\n{RULE}\n\n".join(render_brief(b) for b in reply.briefs)
    if isinstance(reply, Digest):
        return render_digest(reply)
    if isinstance(reply, Notice):
        return render_notice(reply)
    if isinstance(reply, Report):
        from bot.adapters.console.report import render_report

        return render_report(reply)
    raise TypeError(f"not a reply: {type(reply).__name__}")


def render_brief(brief: Brief) -> str:
    """One brief as Markdown text (the CLI's ``--format markdown``)."""
    from bot.render.markdown import brief_to_markdown

    return brief_to_markdown(brief).rstrip()


def render_notice(notice: Notice) -> str:
    """A notice: optional title line, then its lines; error notices start with ``error:``."""
    lines = list(notice.lines)
    head = notice.title
    if notice.level == "error":
        head = f"error: {head}" if head else None
        if head is None and lines:
            lines[0] = f"error: {lines[0]}"
    out = ([head] if head else []) + [f"  {line}" if head else line for line in lines]
    return "\n".join(out)


def render_digest(digest: Digest) -> str:
    """A digest: title and period, leading actors and issues, then one compact block per story."""
    out = [f"# {digest.title}"]
    if digest.period:
        out.append(digest.period)
    if digest.leading_actors:
        out.append("Leading actors: " + ", ".join(_actor(a.name, a.role) for a in digest.leading_actors))
    if digest.leading_issues:
        out.append("Leading issues: " + ", ".join(i.label for i in digest.leading_issues))
    if digest.who_said_what:
        out.append("Who said what:")
        out += [f"  “{q.text}” — {_actor(q.speaker, q.role)}" + (f" ({q.outlet})" if q.outlet else "")
                for q in digest.who_said_what]
    if not digest.stories:
        out.append("No new articles.")
    for n, story in enumerate(digest.stories, 1):
        out.append("")
        out.append(_story(n, story))
    return "\n".join(out)


def _actor(name: str, role: str | None) -> str:
    return f"{name} ({role})" if role else name


def _story(n: int, story: DigestStory) -> str:
    b = story.brief
    title = b.article.title or b.article.url or "(untitled)"
    lines = [f"{n}. {title}"]
    if b.summary:
        lines.append("   " + " ".join(b.summary))
    if b.actors:
        lines.append("   Actors: " + ", ".join(_actor(a.name, a.role) for a in b.actors[:5]))
    if b.issues:
        lines.append("   Issues: " + ", ".join(i.label for i in b.issues[:5]))
    sources = [f"{name or 'source'}: {url}" if url else (name or "") for name, url in story.sources]
    if not sources and b.article.url:
        sources = [f"{b.article.source or 'source'}: {b.article.url}"]
    for s in filter(None, sources):
        lines.append(f"   - {s}")
    return "\n".join(lines)
