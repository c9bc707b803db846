"""Articles and hand-written briefs in a store, for quote-bank tests (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.store.briefs import put_brief
from summarizers.model import Actor, ArticleMeta, Brief, Issue, Quote
from tests.fakes.seed import add_article

NOW = datetime(2026, 12, 3, 12, tzinfo=timezone.utc)


def stored_brief(store, topic: str, *, n: int, outlet: str, days_ago: float, actors=(), quotes=(), issues=(),
                 text: str | None = None, key: str = "engine-a", extra_topics=()) -> int:
    """Store article ``n`` (published ``days_ago`` before :data:`NOW`) and cache a brief of it made
    of ``actors`` ((name, type, role)), ``quotes`` ((text, speaker, role)) and ``issues`` (labels)."""
    published = NOW - timedelta(days=days_ago)
    body = text or " ".join(f"“{q[0]},” said {q[1] or 'someone'}." for q in quotes) or f"Article {n} text."
    aid = add_article(store, topic, title=f"Story {n}", text=body, url=f"https://{outlet.lower().replace(' ', '')}.example/{n}",
                      source=outlet, published=published)
    if extra_topics:
        from bot.store.models import ArticleTopic

        with store.session() as s:
            for t in extra_topics:
                s.add(ArticleTopic(article_id=aid, topic=t))
    for t in (topic, *extra_topics):
        put_brief_for(store, aid, t, actors=actors, quotes=quotes, issues=issues, key=key)
    return aid


def put_brief_for(store, aid: int, topic: str, *, actors=(), quotes=(), issues=(), key: str = "engine-a") -> None:
    brief = Brief(
        topic=topic, article=ArticleMeta(title=f"Story {aid}"), summary=["s."],
        actors=[Actor(name, kind, role) for name, kind, role in actors],
        issues=[Issue(label, 0.5) for label in issues],
        quotes=[Quote(text, speaker, role) for text, speaker, role in quotes],
    )
    with store.session() as s:
        put_brief(s, aid, topic, key, brief)
