"""Which articles a channel is owed: the topic's articles with no delivery row for that channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, select

from bot.store.db import Store
from bot.store.models import Article, ArticleTopic, Delivery


@dataclass(frozen=True)
class Candidate:
    """An article that may go into a digest (a detached copy of the row's useful columns)."""

    id: int
    title: str | None
    text: str
    url: str | None
    source_name: str | None
    published_at: datetime | None
    fetched_at: datetime
    author: str | None = None
    from_feed_summary: bool = False

    @property
    def when(self) -> datetime:
        """Publication time, else fetch time (UTC)."""
        return self.published_at or self.fetched_at


def _candidate(a: Article) -> Candidate:
    return Candidate(
        a.id, a.title, a.text or "", a.url, a.source_name, a.published_at, a.fetched_at, a.author, bool(a.from_feed_summary)
    )


def pending_articles(
    store: Store, topic: str, adapter: str, channel: str, since: datetime | None = None
) -> list[Candidate]:
    """Articles of ``topic`` added at or after ``since`` (UTC; None = all) that ``adapter``/``channel``
    has no :class:`~bot.store.models.Delivery` row for (neither sent nor claimed), oldest first."""
    delivered = exists().where(
        and_(Delivery.adapter == adapter, Delivery.channel == channel, Delivery.article_id == Article.id)
    )
    q = (
        select(Article)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(ArticleTopic.topic == topic, ~delivered)
        .order_by(Article.published_at.is_(None), Article.published_at, Article.fetched_at, Article.id)
    )
    if since is not None:
        q = q.where(ArticleTopic.added_at >= since)
    with store.session() as s:
        return [_candidate(a) for a in s.scalars(q)]


def articles_by_id(store: Store, ids: list[int]) -> list[Candidate]:
    """The articles with these ids (missing ids are skipped), oldest first."""
    if not ids:
        return []
    with store.session() as s:
        rows = [_candidate(a) for a in s.scalars(select(Article).where(Article.id.in_(ids)))]
    return sorted(rows, key=lambda c: (c.when, c.id))
