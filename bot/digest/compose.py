"""From grouped articles and their briefs to a :class:`~bot.core.replies.Digest`.

Stories are ranked by how many outlets ran them, then by recency; the digest keeps at most
``max_stories`` and the rest wait for the next digest (they get no delivery row, so they
stay pending). Each story shows a compact brief of its lead article (the one with the
longest full text; feed-summary-only articles last) and lists every outlet. The leading
actors and issues at the top are aggregated over the stories' briefs.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from bot.core.replies import Digest, DigestStory
from bot.digest.group import group_near_duplicates
from bot.digest.select import Candidate
from bot.quotebank.notable import notable_quotes
from summarizers.model import Actor, Brief, Issue

COMPACT_SENTENCES = 2
COMPACT_ACTORS = 4
COMPACT_ISSUES = 3
COMPACT_QUOTES = 1
LEADING = 5


@dataclass(frozen=True)
class StoryPlan:
    """One story: its articles, lead first."""

    articles: tuple[Candidate, ...]

    @property
    def lead(self) -> Candidate:
        return self.articles[0]

    @property
    def article_ids(self) -> list[int]:
        return [a.id for a in self.articles]


def _lead_order(c: Candidate) -> tuple:
    return (c.from_feed_summary, -len(c.text), c.when, c.id)


def plan_stories(candidates: list[Candidate], max_stories: int | None = None, threshold: float | None = None) -> tuple[list[StoryPlan], list[StoryPlan]]:
    """Group ``candidates`` (oldest first) into stories and rank them.

    Returns ``(kept, deferred)``: at most ``max_stories`` stories with the most outlets (then
    the newest) first, and the stories that did not fit.
    """
    kwargs = {} if threshold is None else {"threshold": threshold}
    groups = group_near_duplicates([(c.title, c.text) for c in candidates], **kwargs)
    stories = [StoryPlan(tuple(sorted((candidates[i] for i in g), key=_lead_order))) for g in groups]
    stories.sort(key=lambda s: (-len({a.source_name or a.url for a in s.articles}), -max(a.when.timestamp() for a in s.articles)))
    if max_stories is None:
        return stories, []
    return stories[:max_stories], stories[max_stories:]


def compact(brief: Brief) -> Brief:
    """The brief cut down for a digest: 2 summary sentences, 4 actors, 3 issues, 1 quote."""
    return dataclasses.replace(
        brief,
        summary=list(brief.summary[:COMPACT_SENTENCES]),
        actors=list(brief.actors[:COMPACT_ACTORS]),
        issues=list(brief.issues[:COMPACT_ISSUES]),
        quotes=list(brief.quotes[:COMPACT_QUOTES]),
    )


def leading_actors(briefs: list[Brief], n: int = LEADING) -> list[Actor]:
    """Actors ranked by the number of stories naming them, then total mentions; ``mentions`` is the total."""
    stories: dict[str, int] = defaultdict(int)
    mentions: dict[str, int] = defaultdict(int)
    first: dict[str, Actor] = {}
    for b in briefs:
        for a in {a.name: a for a in b.actors}.values():
            stories[a.name] += 1
            mentions[a.name] += a.mentions
            first.setdefault(a.name, a)
    ranked = sorted(first, key=lambda k: (-stories[k], -mentions[k], k))[:n]
    return [dataclasses.replace(first[k], mentions=mentions[k]) for k in ranked]


def leading_issues(briefs: list[Brief], n: int = LEADING) -> list[Issue]:
    """Issues ranked by their summed salience over the stories; score = mean over all stories, in [0, 1]."""
    total: dict[str, float] = defaultdict(float)
    for b in briefs:
        for i in b.issues:
            total[i.label] += i.score
    count = max(len(briefs), 1)
    ranked = sorted(total, key=lambda k: (-total[k], k))[:n]
    return [Issue(k, min(1.0, total[k] / count)) for k in ranked]


def since_text(since: datetime, tz: str = "UTC", now: datetime | None = None) -> str:
    """The digest period line for articles added after ``since`` (an aware datetime, or naive UTC),
    shown in the IANA zone ``tz``: ``since Tue 13 Feb 08:00 CET``, with the year
    (``since Tue 13 Feb 2024 08:00 CET``) when it is not the year of ``now`` (default: the
    current time) in that zone."""
    zone = ZoneInfo(tz)
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    local = since.astimezone(zone)
    current = (now or datetime.now(timezone.utc)).astimezone(zone)
    year = f" {local.year}" if local.year != current.year else ""
    return f"since {local:%a %d %b}{year} {local:%H:%M} {local.tzname()}"


def compose_digest(
    topic: str,
    title: str,
    stories: list[StoryPlan],
    briefs: dict[int, Brief],
    *,
    period: str | None = None,
    deferred: int = 0,
    digest_id: str | None = None,
) -> Digest:
    """The digest value for adapters to render.

    ``briefs`` maps each story's lead article id to its full brief; ``deferred`` (stories
    left for the next digest) is mentioned in ``period``.
    """
    out: list[DigestStory] = []
    full: list[Brief] = []
    for s in stories:
        b = briefs[s.lead.id]
        full.append(b)
        out.append(DigestStory(brief=compact(b), sources=[(a.source_name, a.url) for a in s.articles], article_ids=s.article_ids))
    if deferred:
        note = f"{deferred} more {'story waits' if deferred == 1 else 'stories wait'} for the next digest"
        period = f"{period}; {note}" if period else note
    return Digest(
        topic=topic,
        title=title,
        stories=out,
        leading_actors=leading_actors(full),
        leading_issues=leading_issues(full),
        period=period,
        digest_id=digest_id,
        who_said_what=notable_quotes(full),
    )


def digest_to_dict(d: Digest) -> dict:
    """A JSON-ready dict of a digest: title, topic, period, digest_id, leading actors and issues,
    who said what (the notable quotes), and stories (compact brief as :meth:`Brief.to_dict`, sources as {name, url}, article_ids)."""
    return {
        "topic": d.topic,
        "title": d.title,
        "period": d.period,
        "digest_id": d.digest_id,
        "leading_actors": [a.to_dict() for a in d.leading_actors],
        "leading_issues": [i.to_dict() for i in d.leading_issues],
        "who_said_what": [{"text": q.text, "speaker": q.speaker, "role": q.role, "outlet": q.outlet, "url": q.url}
                          for q in d.who_said_what],
        "stories": [
            {
                "brief": s.brief.to_dict(),
                "sources": [{"name": n, "url": u} for n, u in s.sources],
                "article_ids": list(s.article_ids),
            }
            for s in d.stories
        ],
    }
