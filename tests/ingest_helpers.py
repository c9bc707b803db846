"""Helpers for the ingestion tests: topics pointing at the local server, store queries."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.store.models import Article, ArticleTopic, Source
from config.topics import FeedSpec, KeywordFilter, Topic


def topic(name: str, feeds: list[str], any_terms: list[str] | None = None, none_terms: list[str] | None = None) -> Topic:
    return Topic(
        name=name, title=name.title(), feeds=[FeedSpec(url=u) for u in feeds],
        filter=KeywordFilter(any=any_terms or [], none=none_terms or []),
    )


def topics(*ts: Topic) -> dict[str, Topic]:
    return {t.name: t for t in ts}


def articles(store) -> list[Article]:
    with store.session() as s:
        rows = list(s.scalars(select(Article).order_by(Article.id)))
        for a in rows:
            a.topic_names = sorted(t.topic for t in a.topics)
        return rows


def count_articles(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Article))


def memberships(store) -> set[tuple[str, str]]:
    with store.session() as s:
        return set(s.execute(select(Article.canonical_url, ArticleTopic.topic).join(ArticleTopic)).all())


def source(store, url: str) -> Source:
    with store.session() as s:
        return s.scalar(select(Source).where(Source.url == url))
