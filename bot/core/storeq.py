"""Store queries the bot core uses, kept for callers written against these names.

They delegate to the store's own helpers (:mod:`bot.store.articles`, :mod:`bot.store.briefs`);
new code should call those directly.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.store.articles import newest_articles as _newest
from bot.store.briefs import get_brief, put_brief
from bot.store.models import Article
from summarizers.model import Brief


def newest_articles(session: Session, topic: str, limit: int) -> list[Article]:
    """Up to ``limit`` articles of ``topic``, newest first (see :func:`bot.store.articles.newest_articles`)."""
    return _newest(session, topic, limit=limit)


def cached_brief(session: Session, article_id: int, topic: str, settings_key: str) -> Brief | None:
    """The cached brief of (article, topic, engine settings), or None."""
    return get_brief(session, article_id, topic, settings_key)


def save_brief(session: Session, article_id: int, topic: str, settings_key: str, brief: Brief) -> None:
    """Cache ``brief`` (a concurrent writer having cached it first is fine)."""
    put_brief(session, article_id, topic, settings_key, brief)
