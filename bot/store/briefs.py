"""The brief cache: one :class:`~summarizers.model.Brief` per (article, topic, engine settings key).

The settings key identifies the engine configuration that made the brief (algorithm,
sentence count, model...), so a changed configuration makes new briefs instead of reusing stale ones.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.store.models import BriefCache
from summarizers.model import Brief

log = logging.getLogger(__name__)


def brief_cache_key(engine_key: str, topic) -> str:
    """The cache key of briefs made by an engine (its ``settings_key``) for ``topic``.

    A brief's issues come from the topic's taxonomy, so editing a topic file's ``[issues]``
    must not serve briefs tagged with the old taxonomy: the key hashes both. Returns 64 hex chars.
    """
    import hashlib
    import json

    taxonomy = json.dumps(getattr(topic, "issues", None) or {}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{engine_key}\n{taxonomy}".encode()).hexdigest()


def get_brief(session: Session, article_id: int, topic: str, settings_key: str) -> Brief | None:
    """The cached brief, or None when there is none or the stored data no longer has the brief's shape."""
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


def put_brief(session: Session, article_id: int, topic: str, settings_key: str, brief: Brief) -> None:
    """Cache ``brief`` (replacing an unreadable row); a concurrent writer that stored it first wins quietly.

    The brief's actors, quotes and issues also go into the quote bank (:mod:`bot.quotebank.record`),
    replacing the rows of an earlier brief of the same article and topic."""
    row = session.scalar(
        select(BriefCache).where(
            BriefCache.article_id == article_id, BriefCache.topic == topic, BriefCache.settings_key == settings_key
        )
    )
    if row is not None:
        row.data = brief.to_dict()
    else:
        try:
            with session.begin_nested():
                session.add(BriefCache(article_id=article_id, topic=topic, settings_key=settings_key, data=brief.to_dict()))
        except IntegrityError:
            return  # the other writer also filled the quote bank
    from bot.quotebank.record import record_brief

    try:
        with session.begin_nested():
            record_brief(session, article_id, topic, settings_key, brief)
    except IntegrityError:  # another process recorded this article and topic at the same moment
        pass
    except SQLAlchemyError as exc:  # the brief is cached all the same; the bank catches up on its next read
        first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0][:300]
        log.warning("quote bank: recording article %s (%s) failed (caught up on its next read): %s: %s", article_id, topic,
                    type(getattr(exc, "orig", None) or exc).__name__, first)
