"""Briefs for digest stories, through the brief cache (table ``briefs``).

A :class:`StoryBriefer` returns the cached brief of (article, topic, engine settings key)
when there is one and otherwise runs the brief engine (CPU-heavy, so off the event loop)
and caches the result. An article the engine refuses (empty, not English) still appears in
the digest as a headline-only brief, so it is delivered rather than silently dropped.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Protocol

from bot.digest.select import Candidate
from bot.store.db import Store
from bot.store.briefs import brief_cache_key, get_brief, put_brief
from config.topics import Topic
from summarizers.errors import BriefError
from summarizers.model import ArticleMeta, ArticleText, Brief

log = logging.getLogger(__name__)


class Engine(Protocol):
    """What is needed of :class:`summarizers.engine.BriefEngine`."""

    settings_key: str

    def brief(self, article: ArticleText, topic: Topic) -> Brief: ...


RunSync = Callable[..., Awaitable[Any]]
"""``await run(fn, *args)`` runs ``fn(*args)`` off the event loop (a thread)."""


def article_text(c: Candidate) -> ArticleText:
    """The engine's input for a stored article."""
    published = c.published_at.isoformat() if c.published_at is not None else None
    meta = ArticleMeta(title=c.title, url=c.url, source=c.source_name, published=published, author=c.author)
    return ArticleText(meta=meta, text=c.text)


def headline_brief(c: Candidate, topic: str) -> Brief:
    """A brief with only the article's metadata (for an article the engine cannot brief)."""
    return Brief(topic=topic, article=article_text(c).meta)


class StoryBriefer:
    """Cached briefs of stored articles.

    - ``store``: the store holding the ``briefs`` cache table.
    - ``get_engine``: returns the engine (may build it on first call; runs via ``run_engine``).
    - ``run_engine``: runs engine calls off the loop; default :func:`asyncio.to_thread`. Pass
      the bot's single engine thread so one engine is never used by two threads at once.
    """

    def __init__(self, store: Store, get_engine: Callable[[], Engine], run_engine: RunSync | None = None):
        self.store = store
        self._get_engine = get_engine
        self._run = run_engine or asyncio.to_thread

    @classmethod
    def from_service(cls, service) -> "StoryBriefer":
        """Share the engine (and its worker thread) of the bot's :class:`~bot.core.service.BriefService`."""
        return cls(service.store, service.get_engine, service.run_in_engine)

    async def briefs(self, topic: Topic, articles: list[Candidate]) -> dict[int, Brief]:
        """Article id → brief for every article in ``articles`` (engine failures give headline briefs).

        Raises what building the engine raises (e.g. no spaCy model), since then no brief at all can be made.
        """
        if not articles:
            return {}
        engine = await self._run(self._get_engine)
        key = brief_cache_key(engine.settings_key, topic)
        out = await asyncio.to_thread(self._cached, topic.name, [a.id for a in articles], key)
        for a in articles:
            if a.id in out:
                continue
            try:
                brief = await self._run(engine.brief, article_text(a), topic)
            except BriefError as exc:
                log.warning("article %s cannot be briefed (%s); listed by headline", a.id, exc)
                out[a.id] = headline_brief(a, topic.name)
                continue
            await asyncio.to_thread(self._save, a.id, topic.name, key, brief)
            out[a.id] = brief
        return out

    def _cached(self, topic: str, ids: list[int], key: str) -> dict[int, Brief]:
        with self.store.session() as s:
            found = {i: get_brief(s, i, topic, key) for i in ids}
        return {i: b for i, b in found.items() if b is not None}

    def _save(self, article_id: int, topic: str, key: str, brief: Brief) -> None:
        with self.store.session() as s:
            put_brief(s, article_id, topic, key, brief)
