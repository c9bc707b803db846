"""Writing a brief into the quote bank: one entry per (article, topic), replaced on re-briefing.

:func:`record_brief` is called by :func:`bot.store.briefs.put_brief` whenever a brief is cached,
so every brief made by the bot (commands, digests, the CLI) reaches the bank; the brief cache
itself is unchanged. Re-briefing an article for a topic (an engine upgrade, a changed taxonomy)
deletes the entry and its rows and writes the new ones in the same transaction: never both.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.quotebank.models import BankActor, BankEntry, BankIssue, BankQuote
from bot.quotebank.speakers import SpeakerResolver
from bot.store.models import Article
from summarizers.model import Brief

CONTEXT_MAX = 600
"""Most characters of the sentence(s) around a quote that are kept for search and display."""

REFUSED_KEY = "refused"
"""``settings_key`` of an entry recorded for an article the engine refused (no rows: not retried)."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n")


def record_brief(session: Session, article_id: int, topic: str, settings_key: str, brief: Brief,
                 resolver: SpeakerResolver | None = None) -> int | None:
    """Store ``brief``'s actors, quotes and issues for (``article_id``, ``topic``), replacing what
    was there. Returns the entry id, or None when the article is not in the store. ``resolver``:
    a :class:`SpeakerResolver` of ``session`` to share between calls (bulk loads); default a new one."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    entry = _fresh_entry(session, article, topic, settings_key)
    when, resolver = entry.published_at, resolver or SpeakerResolver(session)
    by_actor: dict[str, int | None] = {}
    for actor in brief.actors:
        sid = resolver.resolve(actor.name, actor.type, actor.role)
        by_actor[actor.name] = sid
        session.add(BankActor(entry_id=entry.id, topic=topic, published_at=when, speaker_id=sid, name=actor.name[:300],
                              kind=actor.type, role=(actor.role or None) and actor.role[:500], mentions=actor.mentions))
    for n, quote in enumerate(brief.quotes):
        sid = by_actor.get(quote.speaker) if quote.speaker in by_actor else resolver.resolve(quote.speaker, "person", quote.speaker_role)
        session.add(BankQuote(entry_id=entry.id, topic=topic, published_at=when, speaker_id=sid,
                              speaker_name=quote.speaker and quote.speaker[:300],
                              speaker_role=quote.speaker_role and quote.speaker_role[:500],
                              text=quote.text, context=quote_context(article.text or "", quote.text), position=n))
    for n, issue in enumerate(brief.issues):
        session.add(BankIssue(entry_id=entry.id, topic=topic, published_at=when, label=issue.label[:200],
                              score=float(issue.score), rank=n))
    session.flush()
    return entry.id


def record_refused(session: Session, article_id: int, topic: str) -> None:
    """Mark (``article_id``, ``topic``) as seen by the bank with no rows (the engine refused the article)."""
    article = session.get(Article, article_id)
    if article is not None:
        _fresh_entry(session, article, topic, REFUSED_KEY)


def _fresh_entry(session: Session, article: Article, topic: str, settings_key: str) -> BankEntry:
    old = session.scalar(select(BankEntry.id).where(BankEntry.article_id == article.id, BankEntry.topic == topic))
    if old is not None:
        for table in (BankQuote, BankActor, BankIssue):  # explicit, so SQLite's FTS triggers see the deletes
            session.execute(delete(table).where(table.entry_id == old))
        session.execute(delete(BankEntry).where(BankEntry.id == old))
    entry = BankEntry(article_id=article.id, topic=topic, settings_key=settings_key[:64], outlet=article.source_name,
                      url=article.url if (article.url or "").lower().startswith(("http://", "https://")) else None,
                      title=article.title, published_at=article.published_at or article.fetched_at)
    session.add(entry)
    session.flush()
    return entry


def quote_context(text: str, quote: str) -> str:
    """The sentence(s) of ``text`` that hold ``quote`` (at most :data:`CONTEXT_MAX` characters), or
    an empty string when the quote is not found verbatim (whitespace differences are tolerated)."""
    words = quote.split()
    if not words:
        return ""
    pattern = r"\s+".join(re.escape(w) for w in words[:40])
    m = re.search(pattern, text)
    if m is None:
        return ""
    start, end = m.start(), m.end()
    before = [e.end() for e in _SENTENCE_END.finditer(text, max(0, start - CONTEXT_MAX), start)]
    begin = before[-1] if before else max(0, start - CONTEXT_MAX // 2)
    after = _SENTENCE_END.search(text, end)
    finish = after.start() + 1 if after else len(text)
    out = " ".join(text[begin:finish].split())
    return out if len(out) <= CONTEXT_MAX else out[: CONTEXT_MAX - 1].rstrip() + "…"
