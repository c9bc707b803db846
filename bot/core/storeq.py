"""The three store queries the bot core needs: newest articles of a topic, and the brief cache.

Thin functions over :mod:`bot.store.models`, called inside a :meth:`Store.session` in a worker
thread by :class:`~bot.core.service.BriefService`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import Article, ArticleTopic, BriefCache
from summarizers.model import Brief


def newest_articles(session: Session, topic: str, limit: int) -> list[Article]:
    """Up to ``limit`` articles of ``topic``, newest first (publication time, else fetch time)."""
    stmt = (
        select(Article)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(ArticleTopic.topic == topic)
        .order_by(Article.published_at.desc().nulls_last(), Article.fetched_at.desc(), Article.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def cached_brief(session: Session, article_id: int, topic: str, settings_key: str) -> Brief | None:
    """The cached brief of (article, topic, engine settings), or None (also for an unreadable row)."""
    row = session.scalar(
        select(BriefCache).where(
            BriefCache.article_id == article_id, BriefCache.topic == topic, BriefCache.settings_key == settings_key
        )
    )
    if row is None:
        return None
    try:
        return Brief.from_dict(row.data)
    except (KeyError, TypeError, ValueError):
        return None


def save_brief(session: Session, article_id: int, topic: str, settings_key: str, brief: Brief) -> None:
    """Cache ``brief``; a concurrent writer having cached it first is fine (nothing is changed)."""
    try:
        with session.begin_nested():
            session.add(BriefCache(article_id=article_id, topic=topic, settings_key=settings_key, data=brief.to_dict()))
    except IntegrityError:
        pass
