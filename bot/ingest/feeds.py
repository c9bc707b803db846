"""Parse RSS 0.9x/1.0/2.0 and Atom feeds with feedparser into plain :class:`FeedEntry` values.

feedparser (Mark Pilgrim, Kurt McKee) parses loosely: a malformed but readable document
comes back with ``bozo`` set and its entries; we use those entries and report the problem.
A document with no recognisable feed at all (an HTML page, noise, an empty body) raises
:class:`FeedParseError`. A feed with no entries is valid and empty.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

import feedparser

from bot.ingest.urls import absolute_http_url

_BLOCK_END = re.compile(r"(?i)</(p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>")


class FeedParseError(Exception):
    """The document is not a readable RSS/Atom feed; ``str(err)`` says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: ``link`` (absolute http(s) URL or None), ``guid``, ``title``, ``summary``
    (plain text: the longer of the item's content and description), ``published`` (UTC or None)
    and ``author``."""

    link: str | None
    guid: str | None
    title: str | None
    summary: str | None
    published: datetime | None
    author: str | None


@dataclass
class ParsedFeed:
    """A parsed feed: ``title``, ``version`` (feedparser's, e.g. ``rss20``, ``atom10``), entries and
    ``problem`` (the bozo reason when the feed was malformed but readable)."""

    title: str | None
    version: str
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (paragraph breaks kept as newlines); '' for None."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html

    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception:  # lxml raises ParserError/ValueError on junk
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    lines = [" ".join(line.split()) for line in root.text_content().splitlines()]
    return "\n".join(line for line in lines if line)


def _utc(struct) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None


def _entry(raw) -> FeedEntry:
    link = absolute_http_url(raw.get("link"))
    guid = raw.get("id") or None
    if link is None and guid:
        link = absolute_http_url(guid)  # RSS guid isPermaLink / Atom id that is a URL
    summary = html_to_text(raw.get("summary"))
    for content in raw.get("content") or []:
        text = html_to_text(content.get("value"))
        if len(text) > len(summary):
            summary = text
    title = html_to_text(raw.get("title")) or None
    published = _utc(raw.get("published_parsed")) or _utc(raw.get("updated_parsed"))
    return FeedEntry(link, guid, title, summary or None, published, (raw.get("author") or "").strip() or None)


def parse_feed(content: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse the feed document ``content`` fetched from ``url`` (relative links resolve against it).

    ``content_type`` is the HTTP Content-Type (its charset is honoured; without one feedparser
    sniffs the encoding). Raises :class:`FeedParseError` when the document is not a feed.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"{type(exc).__name__}: {exc}" if exc is not None else "malformed feed"
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        what = "an empty document" if not content.strip() else "not an RSS or Atom feed"
        if content_type and "html" in content_type.lower():
            what = f"an HTML page, not a feed (Content-Type: {content_type})"
        raise FeedParseError(f"{url} is {what}" + (f" ({problem})" if problem and content.strip() else ""))
    feed = parsed.get("feed", {})
    return ParsedFeed(
        title=html_to_text(feed.get("title")) or None,
        version=version or "unknown",
        entries=[_entry(e) for e in parsed.entries],
        problem=problem,
    )
