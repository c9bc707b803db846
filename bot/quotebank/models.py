"""Tables of the quote bank (migration ``0003_quote_bank``).

- ``speakers``: one real-world actor (person, organization, place or group) across articles
  and outlets; ``key`` is the folded fullest name (:func:`bot.quotebank.names.name_key`),
  ``surname`` its last token (the lookup key of cross-article matching), ``role`` the latest
  role an article gave.
- ``bank_entries``: one per brief, i.e. per (article, topic): outlet, link, title and the
  article's time (published, else fetched). Re-briefing replaces the entry and its rows.
- ``bank_quotes``, ``bank_actors``, ``bank_issues``: the brief's quotes (with the sentence
  around them), actors and issues; each row repeats the entry's topic and time so that
  period queries read one index.

Full-text search over ``bank_quotes.text`` and ``context`` lives outside these models: an
FTS5 table ``bank_quotes_fts`` on SQLite, a generated ``search_vector`` tsvector column with
a GIN index on PostgreSQL (see :mod:`bot.quotebank.search`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base, UTCDateTime, utcnow


class Speaker(Base):
    __tablename__ = "speakers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    surname: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # person | organization | place | group
    role: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BankEntry(Base):
    __tablename__ = "bank_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(40))
    settings_key: Mapped[str] = mapped_column(String(64))
    outlet: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    __table_args__ = (
        UniqueConstraint("article_id", "topic", name="uq_bank_entry_article_topic"),
        Index("ix_bank_entries_topic_time", "topic", "published_at"),
    )


class BankQuote(Base):
    __tablename__ = "bank_quotes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("bank_entries.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    speaker_name: Mapped[str | None] = mapped_column(String(300))
    speaker_role: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    context: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (
        Index("ix_bank_quotes_topic_time", "topic", "published_at"),
        Index("ix_bank_quotes_speaker_time", "speaker_id", "published_at"),
    )


class BankActor(Base):
    __tablename__ = "bank_actors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("bank_entries.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    role: Mapped[str | None] = mapped_column(String(500))
    mentions: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (
        Index("ix_bank_actors_topic_time", "topic", "published_at"),
        Index("ix_bank_actors_speaker_time", "speaker_id", "published_at"),
    )


class BankIssue(Base):
    __tablename__ = "bank_issues"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("bank_entries.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    label: Mapped[str] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_bank_issues_topic_time", "topic", "published_at"),)
