"""Bringing the quote bank up to date for a topic and period before it is read.

Articles get into the bank when their brief is cached. Articles stored but never briefed (just
ingested, or briefed before the bank existed) are briefed here: the cached brief when there is
one, else the engine's; an article the engine refuses is marked so that it is not tried again.
At most :data:`MAX_CATCH_UP` articles per call (newest first) bound the work of one command;
:attr:`CatchUp.left` says how many are still waiting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from bot.quotebank.models import BankEntry
from bot.quotebank.record import record_brief, record_refused
from bot.store.articles import BRIEFABLE_LANGUAGES, article_to_text
from bot.store.briefs import brief_cache_key, get_brief, put_brief
from bot.store.models import Article, ArticleTopic
from summarizers.errors import BriefError

log = logging.getLogger(__name__)

MAX_CATCH_UP = 30
"""Most articles one command briefs for the bank (about a second each with the real engine)."""


@dataclass
class CatchUp:
    """What a catch-up did: ``briefed`` articles added to the bank, ``refused`` by the engine,
    ``left`` still missing (beyond the per-call bound)."""

    briefed: int = 0
    refused: int = 0
    left: int = 0


def _missing(topic: str, since: datetime | None):
    when = func.coalesce(Article.published_at, Article.fetched_at)  # an undated article counts by its fetch
    stmt = (
        select(Article)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(ArticleTopic.topic == topic)
        .where(Article.language.is_(None) | Article.language.in_(BRIEFABLE_LANGUAGES))
        .where(~exists().where(BankEntry.article_id == Article.id, BankEntry.topic == topic))
    )
    if since is not None:  # the same as when >= since, in a form that can use the indexes on both columns
        stmt = stmt.where(or_(Article.published_at >= since, and_(Article.published_at.is_(None), Article.fetched_at >= since)))
    return stmt, when


def missing_articles(session: Session, topic: str, since: datetime | None, limit: int):
    """(article id, :class:`~summarizers.model.ArticleText`) of ``topic``'s articles since ``since``
    that are not in the bank, newest first, at most ``limit``; and how many are missing in all."""
    stmt, when = _missing(topic, since)
    rows = list(session.scalars(stmt.order_by(when.desc(), Article.id.desc()).limit(limit)))
    total = len(rows)
    if total == limit:  # only then can there be more
        total = int(session.scalar(select(func.count()).select_from(stmt.with_only_columns(Article.id).subquery())) or 0)
    return [(a.id, article_to_text(a)) for a in rows], total


def from_cache(session: Session, article_id: int, topic: str, key: str) -> bool:
    """Record the cached brief of the article in the bank when there is one; True when it did."""
    brief = get_brief(session, article_id, topic, key)
    if brief is None:
        return False
    record_brief(session, article_id, topic, key, brief)
    return True


def catch_up(store, engine, topic, since: datetime | None, limit: int = MAX_CATCH_UP) -> CatchUp:
    """Brief ``topic``'s (a :class:`config.topics.Topic`) articles since ``since`` missing from the
    bank, in this thread (the CLI's way; the bot uses :func:`catch_up_async`)."""
    key = brief_cache_key(engine.settings_key, topic)
    with store.session() as s:
        todo, total = missing_articles(s, topic.name, since, limit)
    done = CatchUp(left=max(0, total - len(todo)))
    for aid, article in todo:
        with store.session() as s:
            if from_cache(s, aid, topic.name, key):
                done.briefed += 1
                continue
        try:
            brief = engine.brief(article, topic)
        except BriefError as exc:
            log.info("quote bank: article %s cannot be briefed: %s", aid, exc)
            with store.session() as s:
                record_refused(s, aid, topic.name)
            done.refused += 1
            continue
        with store.session() as s:
            put_brief(s, aid, topic.name, key, brief)
        done.briefed += 1
    return done


async def catch_up_async(service, topic_name: str, since: datetime | None, limit: int = MAX_CATCH_UP) -> CatchUp:
    """:func:`catch_up` for the bot: the engine runs in the service's engine thread, store work in
    the default executor. ``service`` is a :class:`bot.core.service.BriefService`."""
    import asyncio

    topic = service.topic(topic_name)
    engine = await service.run_in_engine(service.get_engine)
    key = brief_cache_key(engine.settings_key, topic)

    def pending():
        with service.store.session() as s:
            return missing_articles(s, topic.name, since, limit)

    def cached(aid: int) -> bool:
        with service.store.session() as s:
            return from_cache(s, aid, topic.name, key)

    def save(aid: int, brief) -> None:
        with service.store.session() as s:
            if brief is None:
                record_refused(s, aid, topic.name)
            else:
                put_brief(s, aid, topic.name, key, brief)

    todo, total = await asyncio.to_thread(pending)
    done = CatchUp(left=max(0, total - len(todo)))
    for aid, article in todo:
        if await asyncio.to_thread(cached, aid):
            done.briefed += 1
            continue
        try:
            brief = await service.run_in_engine(engine.brief, article, topic)
        except BriefError as exc:
            log.info("quote bank: article %s cannot be briefed: %s", aid, exc)
            brief = None
        await asyncio.to_thread(save, aid, brief)
        done.refused += brief is None
        done.briefed += brief is not None
    return done
