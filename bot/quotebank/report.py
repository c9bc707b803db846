"""Quote-bank results as neutral replies (:class:`~bot.core.replies.Report`), the same on every
platform; each adapter renders them within its limits (and posts the trends chart as a file)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.durations import format_duration
from bot.core.replies import Image, Notice, Report, ReportLine, ReportSection
from bot.quotebank.catchup import CatchUp
from bot.quotebank.queries import QuoteHit, SpeakerMatch, SpeakerQuotes, SpeakerRecord
from bot.quotebank.trends import Trends, TrendRow

MAX_SPEAKERS = 10
QUOTES_PER_SPEAKER = 3
QUOTE_CHARS = 400


def period_text(since: datetime, until: datetime) -> str:
    """``last 30d (3 Nov – 3 Dec 2026)``: the period's length and its UTC dates."""
    first = since.strftime("%-d %b" if since.year == until.year else "%-d %b %Y")
    last = until.strftime("%-d %b %Y")
    return f"last {format_duration(until - since)} ({first} – {last})"


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote_line(h: QuoteHit, with_topic: bool = False) -> ReportLine:
    """A quote with its outlet, date (and topic) and a link to the article."""
    when = h.published_at.strftime("%-d %b %Y")
    where = ", ".join(p for p in (h.outlet, when, h.topic if with_topic else None) if p)
    return ReportLine(text=where, quote=_short(h.text), url=h.url, link_text=h.title or h.outlet or "article")


def catch_up_lines(done: CatchUp | None) -> list[str]:
    """Notes about articles not (yet) in the bank."""
    if done is None or not done.left:
        return []
    return [f"{done.left} older article(s) of the period are not in the quote bank yet; ask again to include more."]


def quotes_reply(topic: str, since: datetime, until: datetime, groups: list[SpeakerQuotes], about: str | None,
                 done: CatchUp | None = None) -> list:
    """``/brief quotes``: speakers most-quoted first, each with role and up to 3 quotes."""
    what = f" about “{about}”" if about else ""
    notes = catch_up_lines(done)
    if not groups:
        return [Notice(lines=[f"No quotes{what} in {topic} for the {period_text(since, until)}.", *notes],
                       title="No quotes")]
    total = sum(len(g.quotes) for g in groups)
    sections = []
    for g in groups[:MAX_SPEAKERS]:
        name = g.name or "Speaker not stated"
        heading = f"{name}" + (f" — {g.role}" if g.role else "") + f" ({len(g.quotes)} quote{'s' if len(g.quotes) != 1 else ''})"
        lines = [quote_line(h) for h in g.quotes[:QUOTES_PER_SPEAKER]]
        if len(g.quotes) > QUOTES_PER_SPEAKER:
            more = f" (/brief who {g.name})" if g.name else ""
            lines.append(ReportLine(text=f"…and {len(g.quotes) - QUOTES_PER_SPEAKER} more{more}"))
        sections.append(ReportSection(heading, lines))
    if len(groups) > MAX_SPEAKERS:
        sections.append(ReportSection(None, [ReportLine(text=f"…and {len(groups) - MAX_SPEAKERS} more speakers.")]))
    if notes:
        sections.append(ReportSection(None, [ReportLine(text=n) for n in notes]))
    subtitle = f"{total} quote(s) from {len(groups)} speaker(s), {period_text(since, until)}"
    return [Report(title=f"Quotes in {topic}{what}", subtitle=subtitle, sections=sections)]


def candidates_notice(name: str, matches: list[SpeakerMatch]) -> Notice:
    """``/brief who`` with a name that fits several speakers: the candidates to choose from."""
    lines = [f"'{name}' fits {len(matches)} speakers; ask again with more of the name:"]
    lines += [f"{m.name}" + (f" — {m.role}" if m.role else "") + f" ({m.quotes} quote{'s' if m.quotes != 1 else ''})"
              for m in matches]
    return Notice(lines=lines, title="Which one?")


def who_reply(record: SpeakerRecord) -> Report:
    """``/brief who``: latest quotes with links, roles, topics, quotes per week."""
    sp = record.speaker
    sections = []
    if record.latest:
        sections.append(ReportSection("Latest quotes", [quote_line(h, with_topic=True) for h in record.latest]))
    if record.roles:
        sections.append(ReportSection("Roles given", [ReportLine(text=", ".join(r for r, _ in record.roles[:8]))]))
    if record.topics:
        sections.append(ReportSection("Topics", [ReportLine(text=", ".join(f"{t} ({n} article{'s' if n != 1 else ''})"
                                                                            for t, n in record.topics))]))
    weekly = " · ".join(f"{start.strftime('%-d %b')}: {n}" for start, n in record.weekly)
    sections.append(ReportSection(f"Quotes per week (last {len(record.weekly)} weeks, by week start)", [ReportLine(text=weekly)]))
    subtitle = f"{record.total_quotes} quote(s) in the bank" + (f" · {sp.role}" if sp.role else "")
    return Report(title=sp.name, subtitle=subtitle, sections=sections)


def trend_line(row: TrendRow) -> ReportLine:
    """``Name (role): 7 articles (+4, was 3)`` with ``new`` marked."""
    change = "new" if row.new else f"{row.change:+d}, was {row.before}"
    role = f" ({row.role})" if row.role else ""
    return ReportLine(text=f"{row.name}{role}: {row.now} article{'s' if row.now != 1 else ''} ({change})")


def trends_reply(trends: Trends, chart: bytes | None, done: CatchUp | None = None) -> list:
    """``/brief trends``: actors and issues against the period before, and the chart."""
    period = period_text(trends.since, trends.until)
    if not trends.articles_now:
        return [Notice(lines=[f"No briefed articles in {trends.topic} for the {period}.", *catch_up_lines(done)],
                       title="No trends")]
    sections = [
        ReportSection("Leading actors", [trend_line(r) for r in trends.actors] or [ReportLine(text="none")]),
        ReportSection("Leading issues", [trend_line(r) for r in trends.issues] or [ReportLine(text="none")]),
    ]
    notes = catch_up_lines(done)
    if notes:
        sections.append(ReportSection(None, [ReportLine(text=n) for n in notes]))
    span = trends.until - trends.since
    subtitle = (f"{trends.articles_now} article(s) in the {period}; {trends.articles_before} in the "
                f"{format_duration(span)} before")
    image = None
    if chart is not None:
        labels = ", ".join(trends.daily) or "no issues"
        image = Image(filename=f"trends-{trends.topic}-{trends.until:%Y%m%d}.png", data=chart,
                      title=f"{trends.topic}: daily articles per leading issue",
                      alt_text=f"Line chart of daily article counts in {trends.topic} for {labels}, {period}.")
    return [Report(title=f"Trends in {trends.topic}", subtitle=subtitle, sections=sections, image=image)]


def since_until(now: datetime, period: timedelta) -> tuple[datetime, datetime]:
    """The period ``[now - period, now)``."""
    return now - period, now
