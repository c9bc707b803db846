"""The ``/brief`` command language, the same words on every platform, and its dispatcher.

``/brief usmx``, ``/brief usmx 3``, ``/brief usmx https://...``, ``/brief topics`` and
``/brief help`` are built in. Other modules add verbs to the module-level :data:`registry`
(a verb → async handler map) without editing this file::

    from bot.core.commands import command

    @command("subscribe", usage="subscribe TOPIC daily HH:MM [TZ]", summary="post a digest here")
    async def subscribe(ctx: CommandContext) -> list[Reply]:
        ...

A verb is matched before topic names. A handler gets a :class:`CommandContext` and returns
a list of :data:`~bot.core.replies.Reply` values (never Markdown). :class:`Dispatcher`
turns every failure into a :class:`~bot.core.replies.Notice`: a :class:`UserError` shows its
message, anything else is logged with its traceback and answered with a generic error.
Every notice the dispatcher returns has over-long words (a pasted 100 KB URL echoed in an
error) cut to 80 characters by :func:`bot.core.echo.shorten_words`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Awaitable, Callable, Iterator

from bot.adapters.base import CommandRequest
from bot.core.echo import ECHO_LIMIT, shorten, shorten_words
from bot.core.errors import UserError
from bot.core.replies import BriefReply, Notice, Reply

if TYPE_CHECKING:  # pragma: no cover
    from bot.core.service import BriefService

log = logging.getLogger(__name__)

MAX_COUNT = 5
"""The most articles one ``/brief TOPIC N`` answers with; larger N is capped (and the user told)."""

_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_PREFIX_RE = re.compile(r"^/?brief\b\s*", re.IGNORECASE)


@dataclass
class CommandContext:
    """What a verb handler gets: the request, the words after the verb, and the brief service."""

    request: CommandRequest
    verb: str
    args: list[str]
    service: "BriefService"
    registry: "CommandRegistry"

    @property
    def settings(self):
        """The running :class:`~config.settings.Settings`."""
        return self.service.settings


VerbHandler = Callable[[CommandContext], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class Verb:
    """A registered verb: its word, handler, usage line (without ``/brief``) and one-line summary."""

    name: str
    handler: VerbHandler
    usage: str
    summary: str


@dataclass
class CommandRegistry:
    """Verb → handler map; iteration yields verbs in registration order."""

    _verbs: dict[str, Verb] = field(default_factory=dict)

    def register(self, name: str, handler: VerbHandler, *, usage: str, summary: str) -> None:
        """Add (or replace) verb ``name``; names are case-insensitive single words.

        Raises ValueError for a name with spaces or an empty name.
        """
        key = name.strip().lower()
        if not key or any(ch.isspace() for ch in key):
            raise ValueError(f"a verb is one word, got {name!r}")
        self._verbs[key] = Verb(key, handler, usage, summary)

    def verb(self, name: str, *, usage: str, summary: str) -> Callable[[VerbHandler], VerbHandler]:
        """Decorator form of :meth:`register`."""

        def deco(fn: VerbHandler) -> VerbHandler:
            self.register(name, fn, usage=usage, summary=summary)
            return fn

        return deco

    def get(self, name: str) -> Verb | None:
        return self._verbs.get(name.lower())

    def copy(self) -> "CommandRegistry":
        """A new registry with the same verbs; verbs added to the copy stay out of this one."""
        return CommandRegistry(dict(self._verbs))

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._verbs

    def __iter__(self) -> Iterator[Verb]:
        return iter(list(self._verbs.values()))


registry = CommandRegistry()
"""The process-wide registry: built-in verbs below, others added by their modules at import."""


def command(name: str, *, usage: str, summary: str) -> Callable[[VerbHandler], VerbHandler]:
    """Register a verb on the process-wide :data:`registry` (decorator)."""
    return registry.verb(name, usage=usage, summary=summary)


def split_words(text: str) -> list[str]:
    """The words of a command: ``"/brief usmx 3"``, ``"brief usmx 3"`` and ``"usmx 3"`` all give ``["usmx", "3"]``."""
    return _PREFIX_RE.sub("", (text or "").strip(), count=1).split()


def looks_like_url(word: str) -> bool:
    """True for ``http(s)://...`` or ``www....`` words."""
    return bool(_URL_RE.match(word))


def usage_notice(service: "BriefService", reason: str | None = None) -> Notice:
    """The short usage message given for anything the bot does not understand."""
    example = next(iter(service.topics), "TOPIC")
    lines = [reason] if reason else []
    lines += [
        f"Try `/brief {example}` for the newest article, `/brief {example} 3` for three, "
        f"or `/brief {example} <url>` for a page.",
        "`/brief topics` lists the topics; `/brief help` shows every command.",
    ]
    return Notice(lines=lines, title="I didn't understand that")


class Dispatcher:
    """The bot core's :data:`~bot.adapters.base.CommandHandler`: text after ``/brief`` in, replies out.

    ``await dispatcher(request)`` never raises (except on cancellation): every outcome is a
    list of replies.
    """

    def __init__(self, service: "BriefService", commands: CommandRegistry | None = None):
        self.service = service
        self.commands = commands if commands is not None else registry

    async def __call__(self, request: CommandRequest) -> list[Reply]:
        return await self.handle(request)

    async def handle(self, request: CommandRequest) -> list[Reply]:
        """Parse ``request.text`` and run its verb (or the topic brief); always returns replies.

        Notices come back with echoed user input shortened (see :func:`tidy_notice`)."""
        return [tidy_notice(r) if isinstance(r, Notice) else r for r in await self._handle(request)]

    async def _handle(self, request: CommandRequest) -> list[Reply]:
        words = split_words(request.text)
        if not words:
            return [usage_notice(self.service, "Which topic would you like a brief on?")]
        first = words[0].lower()
        verb = self.commands.get(first)
        if verb is not None:
            handler, name, args = verb.handler, verb.name, words[1:]
        elif first in self.service.topics:
            handler, name, args = brief_topic, first, words
        else:
            return [usage_notice(self.service, f"'{shorten(first, 40)}' is neither a topic nor a command.")]
        ctx = CommandContext(request, name, args, self.service, self.commands)
        try:
            return await handler(ctx)
        except UserError as exc:
            return [Notice(lines=[str(exc)], level="error")]
        except Exception:
            log.exception(
                "command failed: adapter=%s channel=%s text=%r", request.adapter, request.channel, shorten(request.text, 300)
            )
            return [
                Notice(
                    lines=["Sorry, something went wrong on my side while answering that. The error was logged."],
                    level="error",
                )
            ]


def tidy_notice(notice: Notice, limit: int = ECHO_LIMIT) -> Notice:
    """``notice`` with every word longer than ``limit`` characters in its title and lines cut
    with an ellipsis (user input echoed in messages built anywhere, e.g. a refused URL)."""
    title = shorten_words(notice.title, limit) if notice.title else notice.title
    lines = [shorten_words(line, limit) for line in notice.lines]
    if title == notice.title and lines == notice.lines:
        return notice
    return dataclasses.replace(notice, title=title, lines=lines)


async def brief_topic(ctx: CommandContext) -> list[Reply]:
    """``TOPIC``, ``TOPIC N`` or ``TOPIC URL``: briefs of the newest N articles, or of one page."""
    topic, rest = ctx.args[0].lower(), ctx.args[1:]
    service = ctx.service
    if len(rest) > 1:
        return [usage_notice(service, f"After '{topic}' give one number or one URL, not {len(rest)} words.")]
    if rest and looks_like_url(rest[0]):
        url = rest[0] if rest[0].lower().startswith("http") else "https://" + rest[0]
        brief = await service.brief_url(topic, url)
        return [BriefReply(topic=topic, briefs=[brief])]
    replies: list[Reply] = []
    count = 1
    if rest:
        if not re.fullmatch(r"[0-9]+", rest[0]):  # ASCII digits: str.isdigit() also takes '²', which int() refuses
            return [usage_notice(service, f"'{shorten(rest[0], 40)}' is neither a number of articles nor a URL.")]
        digits = rest[0].lstrip("0") or "0"
        count = int(digits) if len(digits) <= 6 else MAX_COUNT + 1  # int() refuses over 4,300 digits
        if count < 1:
            return [usage_notice(service, "Ask for at least one article.")]
        if count > MAX_COUNT:
            replies.append(Notice(lines=[f"Showing the newest {MAX_COUNT} articles: {MAX_COUNT} is the most per request."]))
            count = MAX_COUNT
    newest = await service.newest(topic, count)
    briefs, skipped = newest.briefs, newest.skipped_lines()
    if not briefs:
        first = f"No articles for {topic} could be briefed." if skipped else f"No articles yet for {topic}."
        return [
            Notice(
                lines=[first, *skipped, f"Run `briefbot ingest {topic}` to fetch its feeds, then ask again."],
                title="Nothing to brief",
            )
        ]
    if len(briefs) < count:
        where = "could be briefed" if skipped else "in the store"
        replies.append(Notice(lines=[f"Only {len(briefs)} {topic} article(s) {where}; here they are.", *skipped]))
    replies.append(BriefReply(topic=topic, briefs=briefs))
    return replies


@command("topics", usage="topics", summary="list the topics, one line each")
async def list_topics(ctx: CommandContext) -> list[Reply]:
    """One line per configured topic: name, title and the first sentence of its description."""
    lines = []
    for name, topic in ctx.service.topics.items():
        desc = topic.description.split(": ")[0].split(". ")[0].strip()
        lines.append(f"{name} — {topic.title}" + (f": {desc}" if desc and desc != topic.title else ""))
    return [Notice(lines=lines or ["No topics are configured."], title="Topics")]


@command("help", usage="help", summary="show this help")
async def show_help(ctx: CommandContext) -> list[Reply]:
    """Every command with its usage, the topic forms first, then registered verbs."""
    example = next(iter(ctx.service.topics), "TOPIC")
    lines = [
        "`/brief TOPIC` — brief of the newest article of a topic (e.g. `/brief " + example + "`)",
        f"`/brief TOPIC N` — the newest N articles (at most {MAX_COUNT})",
        "`/brief TOPIC URL` — brief of that web page",
    ]
    lines += [f"`/brief {v.usage}` — {v.summary}" for v in ctx.registry]
    return [Notice(lines=lines, title="briefbot commands")]
