"""SQLAlchemy 2 models of the store. Schema changes go through Alembic migrations
(``bot/store/migrations``); never edit a table here without adding a revision.

Tables: sources (feeds), articles, article_topics (article ↔ topic membership), briefs
(cached per article, topic and engine settings), subscriptions (channel ↔ topic with a
schedule) and deliveries (which article reached which channel; unique, for exactly-once).
All times are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Index,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A DateTime stored as UTC and always returned timezone-aware (SQLite drops tzinfo)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A feed (or page) that is polled, with its HTTP cache validators and health."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="feed")  # feed | page
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    interval_minutes: Mapped[float | None] = mapped_column(Float)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_status: Mapped[str | None] = mapped_column(String(40))  # ok, not-modified, error, malformed
    last_error: Mapped[str | None] = mapped_column(Text)
    last_new_articles: Mapped[int] = mapped_column(Integer, default=0)  # stored by the last poll
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Article(Base):
    """One article, stored once per canonical URL (and once per content hash)."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048))  # None: no web address (a local file)
    guid: Mapped[str | None] = mapped_column(String(2048), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    source_name: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    from_feed_summary: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(10))  # ISO 639-1, detected at ingest; None: unknown

    topics: Mapped[list["ArticleTopic"]] = relationship(back_populates="article", cascade="all, delete-orphan")


class ArticleTopic(Base):
    """Membership of an article in a topic (decided by the topic's keyword filter)."""

    __tablename__ = "article_topics"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    article: Mapped[Article] = relationship(back_populates="topics")
    __table_args__ = (Index("ix_article_topics_topic", "topic", "added_at"),)


class BriefCache(Base):
    """A brief computed for (article, topic, engine settings key); ``data`` is :meth:`Brief.to_dict`."""

    __tablename__ = "briefs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(40))
    settings_key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    __table_args__ = (UniqueConstraint("article_id", "topic", "settings_key", name="uq_brief_article_topic_key"),)


class Subscription(Base):
    """A channel on an adapter receives a topic's digest on a schedule.

    ``schedule`` is the normalized schedule text (``daily 08:00``, ``weekdays 07:30``,
    ``every 4h``); ``timezone`` an IANA name.
    """

    __tablename__ = "subscriptions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    adapter: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(40))
    schedule: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    __table_args__ = (UniqueConstraint("adapter", "channel", "topic", name="uq_subscription_channel_topic"),)


class Delivery(Base):
    """Article ``article_id`` was (or is being) delivered to ``adapter``/``channel``.

    The unique constraint makes delivery exactly-once across restarts and instances:
    a row is claimed (state ``pending``) before posting and marked ``sent`` after.
    """

    __tablename__ = "deliveries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    adapter: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(200))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending | posting | sent
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    digest_id: Mapped[str | None] = mapped_column(String(64))
    part: Mapped[int | None] = mapped_column(Integer)  # number of the digest message carrying it (posting/sent)
    thread: Mapped[str | None] = mapped_column(String(64))  # the platform's id of the digest's thread, once opened
    __table_args__ = (UniqueConstraint("adapter", "channel", "article_id", name="uq_delivery_channel_article"),)
