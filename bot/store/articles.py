"""Article queries: lookup by canonical URL or content hash, adding with topic rows, newest per topic.

An article is stored once per canonical URL (:func:`bot.ingest.urls.canonical_url`) and once
per :func:`content_hash` of its normalised text (a re-publication under a new URL).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.models import Article, ArticleTopic
from summarizers.model import ArticleMeta, ArticleText

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str, titles: Iterable[str | None] = ()) -> str:
    """SHA-256 (hex, 64 chars) of ``text`` case-folded, NFKC-normalised, with punctuation and
    whitespace runs collapsed, and without a first line equal to one of ``titles`` (the
    headline extractors keep): the same article re-published under a new URL, headline or
    typography hashes equal."""
    lines = text.strip().split("\n", 1)
    heads = {_norm(t) for t in titles if t}
    if len(lines) == 2 and _norm(lines[0]) in heads:
        text = lines[1]
    return hashlib.sha256(_norm(text).encode("utf-8")).hexdigest()


def find_by_canonical_url(session: Session, canonical_url: str) -> Article | None:
    """The article stored under ``canonical_url``, or None."""
    return session.scalar(select(Article).where(Article.canonical_url == canonical_url))


def find_by_content_hash(session: Session, digest: str) -> Article | None:
    """The first article whose :func:`content_hash` is ``digest``, or None."""
    return session.scalar(select(Article).where(Article.content_hash == digest).order_by(Article.id).limit(1))


def known_urls(session: Session, canonical_urls: Iterable[str]) -> dict[str, int]:
    """Which of ``canonical_urls`` are stored: canonical URL → article id."""
    urls = list(dict.fromkeys(canonical_urls))
    out: dict[str, int] = {}
    for i in range(0, len(urls), 500):
        rows = session.execute(select(Article.canonical_url, Article.id).where(Article.canonical_url.in_(urls[i : i + 500])))
        out.update({u: aid for u, aid in rows})
    return out


def article_topics(session: Session, article_id: int) -> set[str]:
    """The topics ``article_id`` belongs to."""
    return set(session.scalars(select(ArticleTopic.topic).where(ArticleTopic.article_id == article_id)))


def add_topics(session: Session, article: Article, topics: Iterable[str]) -> list[str]:
    """Add ``article`` to each of ``topics`` it is not yet in; returns the topics added (flushes)."""
    have = article_topics(session, article.id) if article.id is not None else {t.topic for t in article.topics}
    added = [t for t in dict.fromkeys(topics) if t not in have]
    for topic in added:
        session.add(ArticleTopic(article_id=article.id, topic=topic))
    if added:
        session.flush()
    return added


def add_article(session: Session, *, topics: Iterable[str] = (), **fields) -> Article:
    """Insert an article with ``fields`` (see :class:`Article`) and its topic rows, in the session's
    transaction; ``content_hash`` is computed from ``text`` when not given. Flushes, so a
    duplicate canonical URL raises :class:`sqlalchemy.exc.IntegrityError` here."""
    if not fields.get("text"):
        raise ValueError("an article needs non-empty text")
    fields.setdefault("content_hash", content_hash(fields["text"]))
    article = Article(**fields)
    article.topics = [ArticleTopic(topic=t) for t in dict.fromkeys(topics)]
    session.add(article)
    session.flush()
    return article


def _recency():
    return func.coalesce(Article.published_at, Article.fetched_at)


def newest_articles(session: Session, topic: str, since: datetime | None = None, limit: int = 10) -> list[Article]:
    """Up to ``limit`` articles of ``topic``, newest first by publication time (fetch time when
    unknown), only those at or after ``since`` (timezone-aware) when given."""
    stmt = select(Article).join(ArticleTopic, ArticleTopic.article_id == Article.id).where(ArticleTopic.topic == topic)
    if since is not None:
        stmt = stmt.where(_recency() >= since)
    stmt = stmt.order_by(_recency().desc(), Article.id.desc()).limit(limit)
    return list(session.scalars(stmt))


def article_to_text(article: Article) -> ArticleText:
    """The stored ``article`` as the engine's input (published as an ISO-8601 UTC string)."""
    published = article.published_at.isoformat() if article.published_at is not None else None
    meta = ArticleMeta(
        title=article.title, url=article.url, source=article.source_name, published=published, author=article.author
    )
    return ArticleText(meta=meta, text=article.text)
