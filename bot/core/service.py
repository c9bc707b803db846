"""BriefService: briefs for chat commands, from the store (with the brief cache) or from a URL.

The brief engine (spaCy + sumy) is CPU-heavy, so it runs in one dedicated worker thread
(one engine, never used by two threads at once) and store queries run in the default
executor: the event loop stays free and adapters acknowledge commands at once.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Protocol

from bot.core.errors import UserError
from bot.store.articles import article_to_text, languages_left_out, newest_articles
from bot.store.briefs import brief_cache_key, get_brief, put_brief
from bot.store.db import Store
from config.topics import Topic, TopicError, load_topics
from summarizers.errors import BriefError
from summarizers.language import language_name
from summarizers.model import ArticleText, Brief

log = logging.getLogger(__name__)

MAX_EXTRA_ARTICLES = 10
"""How many articles past the ones asked for :meth:`BriefService.newest` may try when the engine
refuses some (bounds the work one command can cause)."""


@dataclass
class NewestBriefs:
    """What :meth:`BriefService.newest` made: ``briefs`` (newest first) for ``topic``, ``wanted``
    of them; ``not_english``: language code → articles of the topic left out because they are
    not in English (detected at ingest); ``refused``: why the engine refused the articles it skipped."""

    topic: str
    wanted: int
    briefs: list[Brief] = field(default_factory=list)
    not_english: dict[str, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def skipped_lines(self) -> list[str]:
        """Sentences for the user about what was skipped (empty when nothing was)."""
        lines = []
        n = sum(self.not_english.values())
        if n:
            langs = ", ".join(language_name(code) for code, _ in sorted(self.not_english.items(), key=lambda kv: -kv[1]))
            lines.append(
                f"{n} article{'s' if n != 1 else ''} in {self.topic} {'are' if n != 1 else 'is'} not in English "
                f"({langs}) and {'were' if n != 1 else 'was'} skipped: briefbot only briefs English articles."
            )
        if self.refused:
            k = len(self.refused)
            lines.append(f"{k} article{'s' if k != 1 else ''} could not be briefed and {'were' if k != 1 else 'was'} skipped "
                         f"({self.refused[0]}).")
        return lines


class Engine(Protocol):
    """What the service needs from :class:`summarizers.engine.BriefEngine`."""

    settings_key: str

    def brief(self, article: ArticleText, topic: Topic) -> Brief: ...


def default_engine_factory(settings) -> Callable[[], Engine]:
    """A factory building the configured :class:`summarizers.engine.BriefEngine` (imported lazily)."""

    def build() -> Engine:
        from summarizers.engine import BriefEngine

        return BriefEngine(settings.spacy_model, settings.summarizer, settings.sentences, settings.max_article_chars)

    return build


class BriefService:
    """Produces :class:`~summarizers.model.Brief` values for the command handlers.

    - ``settings``: the running :class:`~config.settings.Settings`.
    - ``store``: the opened :class:`~bot.store.db.Store`.
    - ``engine_factory``: builds the engine on first use, in the engine thread (default: the
      configured ``BriefEngine``).
    - ``topics``: name → :class:`~config.topics.Topic` (default: :func:`load_topics` of
      ``settings.topics_dir``).
    - ``fetch``: ``async fetch(url, settings) -> ArticleText`` for ``/brief TOPIC URL`` (default:
      :func:`bot.ingest.safety.fetch_article_async`, which applies the URL safety rules).

    Methods raise :class:`~bot.core.errors.UserError` for what the user should be told.
    """

    def __init__(
        self,
        settings,
        store: Store,
        *,
        engine_factory: Callable[[], Engine] | None = None,
        topics: dict[str, Topic] | None = None,
        fetch: Callable[[str, Any], Awaitable[ArticleText]] | None = None,
    ):
        self.settings = settings
        self.store = store
        if topics is None:
            try:
                topics = load_topics(settings.topics_dir)
            except TopicError as exc:
                raise UserError(str(exc)) from exc
        self.topics: dict[str, Topic] = topics
        self._engine_factory = engine_factory or default_engine_factory(settings)
        self._engine: Engine | None = None
        self._fetch = fetch
        self._engine_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief-engine")

    # -- public API ---------------------------------------------------------------------------

    def topic(self, name: str) -> Topic:
        """The topic called ``name``; raises :class:`UserError` listing the known ones."""
        key = (name or "").strip().lower()
        if key not in self.topics:
            raise UserError(f"Unknown topic '{name}'. Known topics: {', '.join(self.topics) or '(none)'}.")
        return self.topics[key]

    async def warm_up(self) -> None:
        """Build the engine and load its spaCy model now, so the first command is not slow."""

        def warm() -> None:
            engine = self.get_engine()
            if hasattr(type(engine), "nlp"):
                engine.nlp  # noqa: B018 - loads the pipeline

        await self.run_in_engine(warm)

    async def newest_briefs(self, topic: str, count: int) -> list[Brief]:
        """Briefs of the ``count`` newest briefable stored articles of ``topic``, newest first
        (:meth:`newest` without the account of what was skipped)."""
        return (await self.newest(topic, count)).briefs

    async def newest(self, topic: str, count: int) -> NewestBriefs:
        """Briefs of the ``count`` newest stored articles of ``topic`` that can be briefed, newest
        first, with an account of what was left out (:class:`NewestBriefs`).

        Articles detected at ingest as not English are never tried (they are counted). An article
        the engine still refuses (empty after cleaning, not English by its own check) is skipped,
        logged and counted, and the next older article is tried instead, looking at most
        :data:`MAX_EXTRA_ARTICLES` articles past ``count``. Cached briefs (same article, topic
        and engine settings) are reused; new ones are computed in the engine thread and cached.
        Raises :class:`UserError` for an unknown topic or an engine that cannot be built.
        """
        t = self.topic(topic)
        engine = await self.run_in_engine(self.get_engine)
        key = brief_cache_key(engine.settings_key, t)
        result = NewestBriefs(topic=t.name, wanted=count)
        result.not_english = await asyncio.to_thread(self._left_out, t.name)
        offset, budget = 0, count + MAX_EXTRA_ARTICLES
        while len(result.briefs) < count and offset < budget:
            batch = min(count - len(result.briefs), budget - offset)
            rows = await asyncio.to_thread(self._newest_with_cache, t.name, batch, key, offset)
            offset += len(rows)
            for article_id, article, cached in rows:
                if cached is not None:
                    result.briefs.append(cached)
                    continue
                try:
                    brief = await self.run_in_engine(engine.brief, article, t)
                except BriefError as exc:
                    log.warning("article %s cannot be briefed: %s", article_id, exc)
                    result.refused.append(str(exc))
                    continue
                await asyncio.to_thread(self._save_cache, article_id, t.name, key, brief)
                result.briefs.append(brief)
            if len(rows) < batch:  # the store has no more
                break
        return result

    async def brief_url(self, topic: str, url: str) -> Brief:
        """The brief of the page at ``url`` for ``topic``; fetched with the URL safety rules.

        Raises :class:`UserError` when the URL is refused, the page cannot be fetched or
        the engine cannot brief it (the message says why).
        """
        from bot.ingest.fetch import FetchError
        from bot.ingest.safety import fetch_article_async

        t = self.topic(topic)
        fetch = self._fetch or fetch_article_async
        try:
            article = await fetch(url, self.settings)
        except (FetchError, BriefError) as exc:  # refused URL, HTTP failure, not an article
            raise UserError(f"Cannot brief {url}: {exc}") from exc
        engine = await self.run_in_engine(self.get_engine)
        try:
            return await self.run_in_engine(engine.brief, article, t)
        except BriefError as exc:
            raise UserError(f"Cannot brief {url}: {exc}") from exc

    def close(self) -> None:
        """Stop the engine thread (waits for a running brief)."""
        self._engine_thread.shutdown(wait=True, cancel_futures=True)

    async def run_in_engine(self, fn, *args):
        """Run ``fn(*args)`` in the single engine thread and return its result.

        Every use of the engine goes through this thread, so one engine is never used by two
        threads at once and the event loop stays free for acknowledgements.
        """
        return await asyncio.get_running_loop().run_in_executor(self._engine_thread, fn, *args)

    def get_engine(self) -> Engine:
        """The engine, built on first call (call it through :meth:`run_in_engine`).

        Raises :class:`UserError` when it cannot be built (no spaCy model, unknown summarizer).
        """
        if self._engine is None:
            try:
                self._engine = self._engine_factory()
            except (BriefError, ValueError) as exc:  # no spaCy model installed, unknown summarizer
                raise UserError(str(exc)) from exc
        return self._engine

    # -- internals ----------------------------------------------------------------------------

    def _newest_with_cache(
        self, topic: str, count: int, key: str, offset: int = 0
    ) -> list[tuple[int, ArticleText, Brief | None]]:
        with self.store.read_session() as session:
            return [
                (art.id, article_to_text(art), get_brief(session, art.id, topic, key))
                for art in newest_articles(session, topic, limit=count, offset=offset)
            ]

    def _left_out(self, topic: str) -> dict[str, int]:
        with self.store.read_session() as session:
            return languages_left_out(session, topic)

    def _save_cache(self, article_id: int, topic: str, key: str, brief: Brief) -> None:
        with self.store.session() as session:
            put_brief(session, article_id, topic, key, brief)
