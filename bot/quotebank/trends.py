"""Trends of a topic: the actors and issues of a period against the period before, and daily
article counts of the leading issues (what the chart draws).

Counts are articles (an actor mentioned ten times in one article counts once). Places are left
out of the actors (a country named in every article of its topic is no trend). A name with no
article in the period before is *new*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.quotebank.models import BankActor, BankEntry, BankIssue, Speaker
from bot.quotebank.queries import daily_buckets

MAX_ROWS = 10
CHART_ISSUES = 5


@dataclass(frozen=True)
class TrendRow:
    """One actor or issue: articles in the period (``now``) and in the period before (``before``)."""

    name: str
    now: int
    before: int
    role: str | None = None

    @property
    def change(self) -> int:
        return self.now - self.before

    @property
    def new(self) -> bool:
        return self.before == 0 and self.now > 0


@dataclass
class Trends:
    """Everything ``/brief trends`` shows; ``daily`` maps each leading issue to its article count
    per UTC day of the period (``days`` gives the dates)."""

    topic: str
    since: datetime
    until: datetime
    articles_now: int
    articles_before: int
    actors: list[TrendRow] = field(default_factory=list)
    issues: list[TrendRow] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    daily: dict[str, list[int]] = field(default_factory=dict)


def topic_trends(session: Session, topic: str, since: datetime, until: datetime, rows: int = MAX_ROWS) -> Trends:
    """The trends of ``topic`` for ``[since, until)`` against the equally long period before it."""
    span = until - since
    before = since - span
    articles = lambda a, b: session.scalar(  # noqa: E731
        select(func.count()).select_from(BankEntry).where(BankEntry.topic == topic, BankEntry.published_at >= a,
                                                          BankEntry.published_at < b, BankEntry.settings_key != "refused"))
    out = Trends(topic, since, until, articles(since, until) or 0, articles(before, since) or 0)

    def actor_counts(a, b) -> dict[int, int]:
        stmt = (select(BankActor.speaker_id, func.count(func.distinct(BankActor.entry_id)))
                .where(BankActor.topic == topic, BankActor.published_at >= a, BankActor.published_at < b,
                       BankActor.kind != "place", BankActor.speaker_id.is_not(None))
                .group_by(BankActor.speaker_id))
        return dict(session.execute(stmt).all())

    def issue_counts(a, b) -> dict[str, int]:
        stmt = (select(BankIssue.label, func.count(func.distinct(BankIssue.entry_id)))
                .where(BankIssue.topic == topic, BankIssue.published_at >= a, BankIssue.published_at < b)
                .group_by(BankIssue.label))
        return dict(session.execute(stmt).all())

    now_a, prev_a = actor_counts(since, until), actor_counts(before, since)
    top = sorted(now_a, key=lambda k: (-now_a[k], -(now_a[k] - prev_a.get(k, 0)), k))[:rows]
    names = {s.id: s for s in session.scalars(select(Speaker).where(Speaker.id.in_(top)))} if top else {}
    out.actors = [TrendRow(names[k].name, now_a[k], prev_a.get(k, 0), names[k].role) for k in top if k in names]
    now_i, prev_i = issue_counts(since, until), issue_counts(before, since)
    labels = sorted(now_i, key=lambda k: (-now_i[k], k))[:rows]
    out.issues = [TrendRow(k, now_i[k], prev_i.get(k, 0)) for k in labels]
    chart_labels = labels[:CHART_ISSUES]
    ndays = max(1, (until - since.replace(hour=0, minute=0, second=0, microsecond=0)).days + (1 if until.time() else 0))
    ndays = min(ndays, 366)
    first = since.date()
    out.days = [first + timedelta(days=i) for i in range(ndays)]
    if chart_labels:
        times: dict[str, list[datetime]] = {k: [] for k in chart_labels}
        stmt = select(BankIssue.label, BankIssue.published_at).where(
            BankIssue.topic == topic, BankIssue.published_at >= since, BankIssue.published_at < until,
            BankIssue.label.in_(chart_labels))
        for label, when in session.execute(stmt):
            times[label].append(when)
        out.daily = {k: daily_buckets(times[k], since, ndays) for k in chart_labels}
    return out
