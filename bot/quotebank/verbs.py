"""The chat verbs ``quotes``, ``who`` and ``trends`` (same words on Slack, Discord and the console).

``/brief quotes TOPIC [PERIOD] [about WORDS]`` · ``/brief who NAME`` · ``/brief trends TOPIC [PERIOD]``.
PERIOD is a duration (``7d``, ``2w``, ``30d``; default 7 days, at most :data:`MAX_PERIOD`).
Importing this module registers them (``bot.cli`` does). Before reading, the period's articles
missing from the quote bank are briefed (:mod:`bot.quotebank.catchup`).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.core.commands import CommandContext, command
from bot.core.durations import DurationError, parse_duration
from bot.core.echo import shorten
from bot.core.errors import UserError
from bot.core.replies import Notice, Reply
from bot.quotebank import report
from bot.quotebank.catchup import catch_up_async
from bot.quotebank.queries import by_speaker, find_quotes, find_speakers, speaker_record
from bot.quotebank.trends import topic_trends

DEFAULT_PERIOD = timedelta(days=7)
MAX_PERIOD = timedelta(days=366)
WHO_WEEKS = 8

QUOTES_USAGE = "quotes TOPIC [PERIOD] [about WORDS]"
WHO_USAGE = "who NAME"
TRENDS_USAGE = "trends TOPIC [PERIOD]"


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def parse_period(word: str | None) -> timedelta:
    """A PERIOD word (``30d``) by the one duration rule, at most :data:`MAX_PERIOD`; default 7 days.
    Raises :class:`UserError` with the reason."""
    if word is None:
        return DEFAULT_PERIOD
    try:
        return parse_duration(word, minimum=timedelta(hours=1), maximum=MAX_PERIOD, what="period")
    except DurationError as exc:
        raise UserError(str(exc)) from exc


def split_quotes_args(args: list[str]) -> tuple[str, str | None, str | None]:
    """``TOPIC [PERIOD] [about WORDS]`` → (topic, period word, words). Raises :class:`UserError`."""
    if not args:
        raise UserError(f"Which topic? Usage: /brief {QUOTES_USAGE}")
    topic, rest = args[0], args[1:]
    about = None
    if "about" in (w.lower() for w in rest):
        at = [w.lower() for w in rest].index("about")
        about = " ".join(rest[at + 1:]).strip()
        if not about:
            raise UserError(f"Say what to look for after 'about'. Usage: /brief {QUOTES_USAGE}")
        rest = rest[:at]
    if len(rest) > 1:
        raise UserError(f"After '{shorten(topic, 40)}' give one period (7d, 30d) and then 'about WORDS'. "
                        f"Usage: /brief {QUOTES_USAGE}")
    return topic, (rest[0] if rest else None), about


@command("quotes", usage=QUOTES_USAGE, summary="who said what on a topic (default: last 7 days), by speaker")
async def quotes_verb(ctx: CommandContext) -> list[Reply]:
    name, period_word, about = split_quotes_args(ctx.args)
    topic = ctx.service.topic(name)
    period = parse_period(period_word)
    until = now_utc()
    since = until - period
    done = await catch_up_async(ctx.service, topic.name, since)

    def read():
        with ctx.service.store.session() as s:
            return by_speaker(find_quotes(s, topic=topic.name, since=since, until=until, about=about))

    groups = await asyncio.to_thread(read)
    return report.quotes_reply(topic.name, since, until, groups, about, done)


@command("who", usage=WHO_USAGE, summary="a speaker's latest quotes, roles, topics and quotes per week")
async def who_verb(ctx: CommandContext) -> list[Reply]:
    name = " ".join(ctx.args).strip()
    if not name:
        raise UserError(f"Whose quotes? Usage: /brief {WHO_USAGE} (part of a name is enough)")
    now = now_utc()

    def read():
        with ctx.service.store.session() as s:
            matches = find_speakers(s, name)
            if len(matches) != 1:
                return matches, None
            return matches, speaker_record(s, matches[0], now, weeks=WHO_WEEKS)

    matches, record = await asyncio.to_thread(read)
    if not matches:
        return [Notice(lines=[f"Nobody called '{shorten(name, 60)}' is in the quote bank.",
                              "Speakers enter it when their articles are briefed (/brief quotes TOPIC 30d briefs a period)."],
                       title="No such speaker")]
    if record is None:
        return [report.candidates_notice(shorten(name, 60), matches)]
    return [report.who_reply(record)]


@command("trends", usage=TRENDS_USAGE, summary="actors and issues against the period before, with a chart")
async def trends_verb(ctx: CommandContext) -> list[Reply]:
    if not ctx.args or len(ctx.args) > 2:
        raise UserError(f"Usage: /brief {TRENDS_USAGE} (e.g. /brief trends usmx 30d)")
    topic = ctx.service.topic(ctx.args[0])
    period = parse_period(ctx.args[1] if len(ctx.args) > 1 else None)
    until = now_utc()
    since = until - period
    done = await catch_up_async(ctx.service, topic.name, since - period)
    return await asyncio.to_thread(trends_answer, ctx.service.store, topic.name, since, until, done)


def trends_answer(store, topic: str, since: datetime, until: datetime, done=None, chart: bool = True) -> list[Reply]:
    """The trends reply (with the chart PNG when ``chart``), computed in this thread."""
    from bot.quotebank.chart import issue_chart

    with store.session() as s:
        trends = topic_trends(s, topic, since, until)
    png = issue_chart(f"{topic}: articles per day on the leading issues", trends.days, trends.daily) if chart and trends.articles_now else None
    return report.trends_reply(trends, png, done)
