"""Reading the quote bank: the quotes of a period, one speaker's record, and their values.

Times are timezone-aware UTC; a period is ``[since, until)`` over each article's time
(published, else fetched). Every function takes an open session and returns plain values.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.quotebank.models import BankActor, BankEntry, BankQuote, Speaker
from bot.quotebank.names import fold, name_tokens
from bot.quotebank.search import quote_matches

MAX_QUOTES = 500
"""Most quotes one query reads (newest first)."""


@dataclass(frozen=True)
class QuoteHit:
    """A stored quote with where it appeared."""

    text: str
    context: str
    speaker_id: int | None
    speaker: str | None
    role: str | None
    outlet: str | None
    url: str | None
    title: str | None
    published_at: datetime
    topic: str
    article_id: int


@dataclass
class SpeakerQuotes:
    """The quotes of one speaker in a result, newest first (``speaker_id`` None: speaker not stated)."""

    speaker_id: int | None
    name: str | None
    role: str | None
    quotes: list[QuoteHit] = field(default_factory=list)


def find_quotes(
    session: Session, *, topic: str | None = None, since: datetime | None = None, until: datetime | None = None,
    speaker_ids: list[int] | None = None, about: str | None = None, limit: int = MAX_QUOTES,
) -> list[QuoteHit]:
    """Quotes matching every given condition, newest first, each article's quote once (an article
    in two topics is briefed twice; its quotes are not listed twice when no topic is given).

    ``about``: words searched in the quote and its sentence (:mod:`bot.quotebank.search`).
    """
    q = BankQuote
    stmt = (
        select(q.text, q.context, q.speaker_id, q.speaker_name, q.speaker_role, q.published_at, q.topic,
               BankEntry.outlet, BankEntry.url, BankEntry.title, BankEntry.article_id, Speaker.name)
        .join(BankEntry, BankEntry.id == BankQuote.entry_id)
        .outerjoin(Speaker, Speaker.id == BankQuote.speaker_id)
    )
    if topic is not None:
        stmt = stmt.where(BankQuote.topic == topic)
    if since is not None:
        stmt = stmt.where(BankQuote.published_at >= since)
    if until is not None:
        stmt = stmt.where(BankQuote.published_at < until)
    if speaker_ids is not None:
        stmt = stmt.where(BankQuote.speaker_id.in_(speaker_ids))
    cond = quote_matches(session.get_bind().dialect.name, about or "")
    if cond is not None:
        stmt = stmt.where(cond)
    stmt = stmt.order_by(BankQuote.published_at.desc(), BankQuote.entry_id, BankQuote.position).limit(limit)
    out, seen = [], set()
    for text, context, sid, sname, role, when, topic_, outlet, url, title, article_id, speaker in session.execute(stmt):
        if (article_id, text) in seen:
            continue
        seen.add((article_id, text))
        out.append(QuoteHit(text, context, sid, speaker or sname, role, outlet, url, title, when, topic_, article_id))
    return out


def by_speaker(hits: list[QuoteHit]) -> list[SpeakerQuotes]:
    """``hits`` grouped by speaker, most-quoted first (ties: newest quote first); quotes whose
    speaker is not stated come last. Each group's role is the newest role given."""
    groups: dict[int | None, SpeakerQuotes] = {}
    for h in hits:
        g = groups.setdefault(h.speaker_id, SpeakerQuotes(h.speaker_id, h.speaker, None))
        g.quotes.append(h)
        g.role = g.role or h.role
    order = sorted(groups.values(), key=lambda g: (g.speaker_id is None, -len(g.quotes), -g.quotes[0].published_at.timestamp()))
    return order


@dataclass(frozen=True)
class SpeakerMatch:
    """A speaker found by name, with how often the bank quotes them."""

    speaker_id: int
    name: str
    kind: str
    role: str | None
    quotes: int


def find_speakers(session: Session, name: str, limit: int = 10) -> list[SpeakerMatch]:
    """Speakers whose name contains every word of ``name`` as the start of a word, accents,
    case and titles ignored ("Abed", "lopez obrador", "Dr Ferrer"). People and quoted speakers
    only; an exact full-name match comes alone; otherwise the most-quoted first (≤ ``limit``)."""
    tokens = name_tokens(name) or fold(name).split()
    if not tokens:
        return []
    stmt = select(Speaker)
    for tok in tokens:
        like = tok.replace("\\", "").replace("%", "").replace("_", "")
        stmt = stmt.where(or_(Speaker.key.like(f"{like}%"), Speaker.key.like(f"% {like}%")))
    found = list(session.scalars(stmt.order_by(Speaker.id).limit(500)))
    counts = dict(session.execute(
        select(BankQuote.speaker_id, func.count()).where(BankQuote.speaker_id.in_([sp.id for sp in found]))
        .group_by(BankQuote.speaker_id)
    ).all()) if found else {}
    rows = [SpeakerMatch(sp.id, sp.name, sp.kind, sp.role, int(counts.get(sp.id, 0))) for sp in found
            if sp.kind == "person" or counts.get(sp.id)]
    exact = [m for m in rows if " ".join(tokens) == " ".join(name_tokens(m.name))]
    if len(exact) == 1:
        return exact
    rows.sort(key=lambda m: (-m.quotes, m.name))
    return rows[:limit]


@dataclass
class SpeakerRecord:
    """What ``/brief who`` shows: latest quotes, roles and topics with counts, quotes per week
    (``weekly``: (week start, count), oldest first)."""

    speaker: SpeakerMatch
    latest: list[QuoteHit]
    roles: list[tuple[str, int]]
    topics: list[tuple[str, int]]
    weekly: list[tuple[datetime, int]]
    total_quotes: int


def speaker_record(session: Session, match: SpeakerMatch, now: datetime, *, weeks: int = 8, latest: int = 5) -> SpeakerRecord:
    """The record of one speaker as of ``now``: the ``latest`` quotes, every role the articles gave
    (most frequent first), the topics they appear in, and quotes per week over the last ``weeks``
    weeks (weeks end at ``now``)."""
    sid = match.speaker_id
    hits = find_quotes(session, speaker_ids=[sid], limit=MAX_QUOTES)
    roles: Counter[str] = Counter()
    for role, n in session.execute(
        select(BankActor.role, func.count()).where(BankActor.speaker_id == sid, BankActor.role.is_not(None)).group_by(BankActor.role)
    ):
        roles[role] += n
    for h in hits:
        if h.role:
            roles[h.role] += 0  # a quote's role counts as given even when no actor row carries it
    topics: Counter[str] = Counter()
    for topic, n in session.execute(
        select(BankEntry.topic, func.count(func.distinct(BankEntry.id)))
        .join(BankActor, BankActor.entry_id == BankEntry.id)
        .where(BankActor.speaker_id == sid)
        .group_by(BankEntry.topic)
    ):
        topics[topic] += n
    for h in hits:
        topics.setdefault(h.topic, 1)
    start = now - timedelta(weeks=weeks)
    counts = [0] * weeks
    for h in hits:
        if start <= h.published_at < now:
            counts[min(weeks - 1, int((h.published_at - start) / timedelta(weeks=1)))] += 1
    weekly = [(start + timedelta(weeks=i), counts[i]) for i in range(weeks)]
    return SpeakerRecord(match, hits[:latest], roles.most_common(), topics.most_common(), weekly, len(hits))


def quoted_per_speaker(session: Session, topic: str, since: datetime, until: datetime) -> dict[int, int]:
    """Speaker id → quotes in ``topic`` during ``[since, until)`` (speakers not stated left out)."""
    stmt = (
        select(BankQuote.speaker_id, func.count())
        .where(BankQuote.topic == topic, BankQuote.published_at >= since, BankQuote.published_at < until,
               BankQuote.speaker_id.is_not(None))
        .group_by(BankQuote.speaker_id)
    )
    return {sid: n for sid, n in session.execute(stmt)}


def daily_buckets(times: list[datetime], since: datetime, days: int) -> list[int]:
    """How many of ``times`` fall on each UTC day of the ``days`` days from ``since``'s day."""
    first = since.replace(hour=0, minute=0, second=0, microsecond=0)
    out = [0] * days
    for t in times:
        i = (t - first).days
        if 0 <= i < days:
            out[i] += 1
    return out


def group_count(rows) -> dict:
    """``{key: count}`` from ``(key, count)`` rows, summing repeated keys."""
    out: dict = defaultdict(int)
    for k, n in rows:
        out[k] += n
    return dict(out)
