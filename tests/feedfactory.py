"""Feeds and article pages written for the ingestion tests (no outlet text is copied)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

_FILLER = (
    "Officials from both governments met on {day} to discuss {subject}, according to people familiar with the talks. "
    "The delegations reviewed a draft agreement covering inspections, funding and a timetable for the next round. "
    "Analysts said the outcome of the meeting on {subject} would shape the debate in the legislature this autumn, "
    "where several members have demanded more oversight of how the money is spent."
)


def article_body(subject: str, n: int = 3) -> list[str]:
    """``n`` paragraphs about ``subject`` (enough words for the extractor to call it an article)."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    return [f"{_FILLER.format(day=days[i % 5], subject=subject)} Paragraph {i + 1} of the report on {subject}." for i in range(n)]


def article_page(title: str, paragraphs: list[str], *, author: str | None = None, date: str | None = None) -> str:
    """A news article page with navigation furniture around the main text."""
    meta = ""
    if author:
        meta += f'<meta name="author" content="{escape(author)}">'
    if date:
        meta += f'<meta property="article:published_time" content="{escape(date)}">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)} | Example News</title>{meta}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    )


@dataclass
class Entry:
    title: str | None
    link: str | None
    guid: str | None = None
    summary: str | None = None
    published: datetime | None = None
    author: str | None = None


def rss(entries: list[Entry], title: str = "Example feed", encoding: str = "utf-8", declare: bool = True) -> bytes:
    """An RSS 2.0 document (``declare=False`` leaves out the XML declaration)."""
    items = []
    for e in entries:
        parts = []
        if e.title is not None:
            parts.append(f"<title>{escape(e.title)}</title>")
        if e.link is not None:
            parts.append(f"<link>{escape(e.link)}</link>")
        if e.guid is not None:
            parts.append(f'<guid isPermaLink="false">{escape(e.guid)}</guid>')
        if e.summary is not None:
            parts.append(f"<description>{escape(e.summary)}</description>")
        if e.published is not None:
            parts.append(f"<pubDate>{format_datetime(e.published)}</pubDate>")
        if e.author is not None:
            parts.append(f"<author>{escape(e.author)}</author>")
        items.append("<item>" + "".join(parts) + "</item>")
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else ""
    doc = (
        f'{decl}<rss version="2.0"><channel><title>{escape(title)}</title><link>https://example.org/</link>'
        f"<description>test feed</description>{''.join(items)}</channel></rss>"
    )
    return doc.encode(encoding)


def atom(entries: list[Entry], title: str = "Example Atom feed") -> bytes:
    """An Atom 1.0 document."""
    items = []
    for e in entries:
        updated = (e.published or datetime(2024, 1, 1, tzinfo=timezone.utc)).isoformat()
        link = f'<link rel="alternate" href="{escape(e.link)}"/>' if e.link else ""
        items.append(
            f"<entry><title>{escape(e.title or '')}</title>{link}<id>{escape(e.guid or e.link or '')}</id>"
            f"<updated>{updated}</updated><published>{updated}</published>"
            f"<summary>{escape(e.summary or '')}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:example:feed</id><updated>2024-01-01T00:00:00Z</updated>"
        f"{''.join(items)}</feed>"
    ).encode("utf-8")
