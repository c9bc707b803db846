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

from sqlalchemy import func, or_, select
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


BRIEFABLE_LANGUAGES = ("en",)
"""Languages the brief engine handles; articles of unknown language (NULL) are tried too."""


def _briefable():
    return or_(Article.language.is_(None), Article.language.in_(BRIEFABLE_LANGUAGES))


def _in_topic(topic: str, since: datetime | None):
    stmt = select(Article).join(ArticleTopic, ArticleTopic.article_id == Article.id).where(ArticleTopic.topic == topic)
    if since is not None:  # undated articles count by when they were fetched
        stmt = stmt.where(func.coalesce(Article.published_at, Article.fetched_at) >= since)
    return stmt


def newest_articles(
    session: Session, topic: str, since: datetime | None = None, limit: int = 10, *, offset: int = 0,
    briefable_only: bool = True,
) -> list[Article]:
    """Up to ``limit`` articles of ``topic`` (after skipping ``offset``), newest first.

    Order: articles with a publication date, newest first; then those without one (unknown:
    feeds with unreadable dates, plain-text files), newest fetch first. An unknown date never
    outranks a known one, so an old item whose date could not be read cannot pose as the newest.
    ``since`` (timezone-aware) keeps articles published (undated: fetched) at or after it.
    ``briefable_only`` (default) leaves out articles detected at ingest as written in a
    language the engine does not brief (see :data:`BRIEFABLE_LANGUAGES`).
    """
    stmt = _in_topic(topic, since)
    if briefable_only:
        stmt = stmt.where(_briefable())
    stmt = stmt.order_by(
        Article.published_at.is_(None), Article.published_at.desc(), Article.fetched_at.desc(), Article.id.desc()
    )
    return list(session.scalars(stmt.offset(offset).limit(limit)))


def languages_left_out(session: Session, topic: str, since: datetime | None = None) -> dict[str, int]:
    """Language code → number of ``topic``'s articles (within ``since``) that :func:`newest_articles`
    leaves out because the engine does not brief their language."""
    stmt = (
        select(Article.language, func.count())
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(ArticleTopic.topic == topic, ~_briefable())
        .group_by(Article.language)
    )
    if since is not None:
        stmt = stmt.where(func.coalesce(Article.published_at, Article.fetched_at) >= since)
    return {lang: n for lang, n in session.execute(stmt)}


def article_to_text(article: Article) -> ArticleText:
    """The stored ``article`` as the engine's input (published as an ISO-8601 UTC string, None when
    unknown; url only when it is a web address: a local file's path never reaches a brief)."""
    published = article.published_at.isoformat() if article.published_at is not None else None
    url = article.url if article.url and article.url.lower().startswith(("http://", "https://")) else None
    meta = ArticleMeta(
        title=article.title, url=url, source=article.source_name, published=published, author=article.author
    )
    return ArticleText(meta=meta, text=article.text)
