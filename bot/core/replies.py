"""Neutral replies produced by the bot core and the scheduler, rendered per platform by adapters.

The core never returns Markdown or platform payloads: a reply is one of these values and each
adapter's ``render`` module turns it into text, Block Kit or embeds within its platform's limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from summarizers.model import Actor, Brief, Issue


@dataclass(frozen=True)
class BriefReply:
    """One or more briefs answering a command (``/brief usmx 3`` gives three)."""

    topic: str
    briefs: list[Brief]


@dataclass(frozen=True)
class DigestStory:
    """One story of a digest: the brief of its lead article and every outlet that ran it.

    ``sources`` holds (outlet name or None, URL or None) pairs, lead article first.
    """

    brief: Brief
    sources: list[tuple[str | None, str | None]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Digest:
    """A topic digest: leading actors and issues across the stories, then the stories."""

    topic: str
    title: str
    stories: list[DigestStory]
    leading_actors: list[Actor] = field(default_factory=list)
    leading_issues: list[Issue] = field(default_factory=list)
    period: str | None = None  # human text such as "since 08:00 yesterday"
    digest_id: str | None = None  # idempotency key of this delivery (same on a re-send after a crash)
    who_said_what: list = field(default_factory=list)  # bot.quotebank.notable.NotableQuote values


@dataclass(frozen=True)
class Notice:
    """A short message: help, topic list, confirmations and errors.

    ``level`` lets adapters style it (``error`` notices are shown as failures); ``lines``
    are plain text lines, ``title`` an optional heading.
    """

    lines: list[str]
    title: str | None = None
    level: Literal["info", "error"] = "info"


@dataclass(frozen=True)
class ReportLine:
    """One line of a :class:`Report`: plain ``text``, optionally a ``quote`` (exact words, shown as a
    quotation before the text) and a link (``url`` labelled ``link_text``, shown after the text)."""

    text: str
    quote: str | None = None
    url: str | None = None
    link_text: str | None = None


@dataclass(frozen=True)
class ReportSection:
    """A heading (optional) and its lines."""

    heading: str | None
    lines: list[ReportLine] = field(default_factory=list)


@dataclass(frozen=True)
class Image:
    """A picture to post with a reply: PNG ``data``, a ``filename`` ending in ``.png``, a ``title``
    and an ``alt_text`` describing it for people who cannot see it."""

    filename: str
    data: bytes
    title: str
    alt_text: str


@dataclass(frozen=True)
class Report:
    """A structured answer of the quote bank (``/brief quotes``, ``who``, ``trends``): title, a
    subtitle line, sections of lines, and optionally an image (posted as a file on Slack and
    Discord, written to a file on the console)."""

    title: str
    subtitle: str | None = None
    sections: list[ReportSection] = field(default_factory=list)
    image: Image | None = None


Reply = Union[BriefReply, Digest, Notice, Report]
