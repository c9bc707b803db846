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
from urllib.parse import urljoin

import feedparser

from bot.ingest.dates import FUTURE_SLACK, parse_human_date
from bot.ingest.urls import absolute_http_url

MAX_TITLE_CHARS = 500
"""Entry titles are cut to this many characters (a headline is far shorter; a feed once gave 50,000)."""

_BLOCK_END = re.compile(r"(?i)</(p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>")


class FeedParseError(Exception):
    """The document is not a readable RSS/Atom feed; ``str(err)`` says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: ``link`` (absolute http(s) URL or None), ``guid`` (as the feed gave it),
    ``title`` (at most :data:`MAX_TITLE_CHARS`), ``summary``
    (plain text: the longer of the item's content and description), ``published`` (UTC or None:
    unknown, unreadable or in the future), ``author``, and ``link_problem`` (why ``link`` is None:
    ``no link`` or an unsupported scheme such as ``javascript:``)."""

    link: str | None
    guid: str | None
    title: str | None
    summary: str | None
    published: datetime | None
    author: str | None
    link_problem: str | None = None


@dataclass
class ParsedFeed:
    """A parsed feed: ``title``, ``version`` (feedparser's, e.g. ``rss20``, ``atom10``), entries and
    ``problem`` (the bozo reason when the feed was malformed but readable)."""

    title: str | None
    version: str
    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (paragraph breaks kept as newlines); '' for None.

    Parses with lxml under :func:`bot.ingest.extract.lxml_guard` (one lxml parse at a time)."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html

    from bot.ingest.extract import lxml_guard

    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", fragment)
    with lxml_guard():  # lxml is not safe beside concurrent extractions (see bot.ingest.extract)
        try:
            root = lxml.html.fragment_fromstring(marked, create_parent="div")
            content = root.text_content()
        except Exception:  # lxml raises ParserError/ValueError on junk
            return re.sub(r"<[^>]+>", " ", fragment).strip()
    lines = [" ".join(line.split()) for line in content.splitlines()]
    return "\n".join(line for line in lines if line)


def _utc(struct) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None


_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _link_problem(raw) -> str | None:
    """Why an entry has no usable link: ``unsupported link scheme 'javascript:'`` or ``no link``."""
    for value in (raw.get("link"), raw.get("id")):
        m = _SCHEME.match(value or "")
        if m and m.group(1).lower() not in ("http", "https", "urn", "tag"):
            return f"unsupported link scheme '{m.group(1).lower()}:' (only http and https pages are fetched)"
    return "no link"


def _published(raw, language: str | None) -> datetime | None:
    """feedparser's parsed date, else the date text read by :func:`bot.ingest.dates.parse_human_date`."""
    when = _utc(raw.get("published_parsed")) or _utc(raw.get("updated_parsed"))
    if when is None:
        for key in ("published", "updated", "dc_date"):
            when = parse_human_date(raw.get(key), language)
            if when is not None:
                break
    if when is not None and when > datetime.now(timezone.utc) + FUTURE_SLACK:
        return None  # a date in the future would rank first for ever
    return when


def _entry_link(raw, base_url: str) -> str | None:
    """The entry's page: its link (relative ones resolved against the feed's URL), else its GUID
    when the feed gives it as an absolute http(s) permalink (RSS ``isPermaLink`` not false, or an
    Atom id). A relative or non-http GUID is never made into a link, nor is a rejected link
    replaced by a guess. feedparser copies a permalink GUID into ``link`` when there is no
    link element (``guidislink``), so ``link == id`` means the link may be the GUID's."""
    link, guid = raw.get("link"), raw.get("id")
    if not link:
        return None
    if link == guid and raw.get("guidislink"):  # the permalink GUID, taken as it is: never resolved
        return absolute_http_url(guid)
    return absolute_http_url(urljoin(base_url, link.strip()))


def _entry(raw, language: str | None = None, base_url: str = "") -> FeedEntry:
    link = _entry_link(raw, base_url)
    guid = raw.get("id") or None
    summary = html_to_text(raw.get("summary"))
    for content in raw.get("content") or []:
        text = html_to_text(content.get("value"))
        if len(text) > len(summary):
            summary = text
    title = html_to_text(raw.get("title")) or None
    return FeedEntry(
        link, guid, title[:MAX_TITLE_CHARS] if title else None, summary or None, _published(raw, language), (raw.get("author") or "").strip() or None,
        None if link else _link_problem(raw),
    )


def parse_feed(content: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse the feed document ``content`` fetched from ``url`` (relative links resolve against it).

    ``content_type`` is the HTTP Content-Type (its charset is honoured; without one feedparser
    sniffs the encoding). Raises :class:`FeedParseError` when the document is not a feed.
    """
    # no content-location: feedparser would resolve a relative GUID against it ("js-1" becoming
    # http://<feed host>/js-1); relative links are resolved by _entry_link instead
    headers = {"content-type": content_type} if content_type else {}
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
        entries=[_entry(e, feed.get("language"), url) for e in parsed.entries],
        problem=problem,
    )
