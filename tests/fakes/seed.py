"""Put articles in a store for tests, the way ingestion leaves them (article + topic membership)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.store.models import Article, ArticleTopic


def add_article(store, topic: str, *, title: str, text: str, url: str, source: str = "Test Wire",
                published: datetime | None = None, hours_ago: float | None = None) -> int:
    if published is None:
        published = datetime(2024, 5, 1, 12, tzinfo=timezone.utc) - timedelta(hours=hours_ago or 0)
    with store.session() as s:
        art = Article(canonical_url=url, url=url, source_name=source, title=title, text=text, published_at=published)
        art.topics.append(ArticleTopic(topic=topic))
        s.add(art)
        s.flush()
        return art.id
