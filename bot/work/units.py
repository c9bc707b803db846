"""The units of work: plain functions that run in any process (this one, a pool worker, a
``briefbot worker``) and are idempotent by article.

- :func:`extract_page`: a fetched page (:class:`~bot.ingest.fetch.FetchResult`) → its
  :class:`~summarizers.model.ArticleText`. Pure: nothing is stored, so running it twice is harmless.
- :func:`brief_article`: the briefs of one stored article, one per topic it belongs to, built
  with the engine and written to the brief cache under the engine's settings key. A brief
  already cached is not built again, and two runs racing each other store one row
  (:func:`bot.store.briefs.put_brief` keeps the first): run twice, it stores one result.

Each process keeps its own store, topics and :class:`~summarizers.engine.BriefEngine` (its own
spaCy pipeline) per :class:`UnitSpec`, built on first use.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("briefbot.work")


@dataclass(frozen=True)
class UnitSpec:
    """What a process needs to run brief units: the database URL, the extra topics directory
    and the engine settings. Small and picklable (sent to pool workers)."""

    database_url: str
    topics_dir: str | None
    spacy_model: str
    summarizer: str
    sentences: int
    max_chars: int

    @classmethod
    def from_settings(cls, settings) -> "UnitSpec":
        """The spec of :class:`~config.settings.Settings` ``settings``."""
        return cls(
            database_url=settings.resolved_database_url,
            topics_dir=str(settings.topics_dir) if settings.topics_dir else None,
            spacy_model=settings.spacy_model,
            summarizer=settings.summarizer,
            sentences=settings.sentences,
            max_chars=settings.max_article_chars,
        )


@dataclass(frozen=True)
class BriefResult:
    """What :func:`brief_article` did for one topic: ``status`` built, cached (already there),
    refused (the engine cannot brief it) or missing (no such article any more); ``seconds``
    spent in the engine."""

    article_id: int
    topic: str
    status: str
    seconds: float = 0.0
    reason: str | None = None


class _Process:
    """This process's store, topics and engines, by spec (built on first use)."""

    lock = threading.Lock()
    stores: dict[str, Any] = {}
    topics: dict[str | None, dict] = {}
    engines: dict[tuple, Any] = {}


def store_for(url: str):
    """This process's :class:`~bot.store.db.Store` of database ``url`` (opened on first call, not migrated)."""
    with _Process.lock:
        if url not in _Process.stores:
            from bot.store.db import make_engine, Store

            _Process.stores[url] = Store(make_engine(url))  # the schema is migrated by whoever queued the unit
        return _Process.stores[url]


def _topics(topics_dir: str | None) -> dict:
    with _Process.lock:
        if topics_dir not in _Process.topics:
            from pathlib import Path

            from config.topics import load_topics

            _Process.topics[topics_dir] = load_topics(Path(topics_dir) if topics_dir else None)
        return _Process.topics[topics_dir]


def engine_for(spec: UnitSpec):
    """This process's :class:`~summarizers.engine.BriefEngine` for ``spec`` (built on first call)."""
    key = (spec.spacy_model, spec.summarizer, spec.sentences, spec.max_chars)
    with _Process.lock:
        if key not in _Process.engines:
            from summarizers.engine import BriefEngine

            _Process.engines[key] = BriefEngine(spec.spacy_model, spec.summarizer, spec.sentences, spec.max_chars)
        return _Process.engines[key]


def extract_page(result, max_chars: int | None = None):
    """Unit: the article of the fetched HTML page ``result`` (a :class:`~bot.ingest.fetch.FetchResult`),
    its text cut to ``max_chars`` characters when given.

    Returns a :class:`~bot.ingest.pages.JudgedArticle` (the article with its language detected
    here, so the storing process does not), or for a body that is not HTML the
    tuple ``("fetch-error", message, kind, status)`` (a ``FetchError``'s kind and status do not
    survive pickling; :func:`reraise` rebuilds it). Raises ``NotAnArticleError`` for a page
    without an article.
    """
    from types import SimpleNamespace

    from bot.ingest.entries import article_language
    from bot.ingest.fetch import FetchError
    from bot.ingest.pages import JudgedArticle, extract_article

    try:
        article = extract_article(result, SimpleNamespace(max_article_chars=max_chars) if max_chars else None)
    except FetchError as exc:
        return ("fetch-error", str(exc), exc.kind, exc.status)
    stored = article.text.strip()[:max_chars] if max_chars else article.text.strip()
    return JudgedArticle(article.meta, article.text, article_language(stored), len(stored))


def reraise(value):
    """``value`` from :func:`extract_page`, raising the ``FetchError`` it stands for when it is one."""
    if isinstance(value, tuple) and value and value[0] == "fetch-error":
        from bot.ingest.fetch import FetchError

        raise FetchError(value[1], value[2], value[3])
    return value


def brief_text(spec: UnitSpec, article, topic_name: str):
    """Unit: ``(brief, truncated)`` for the :class:`~summarizers.model.ArticleText` ``article`` and
    the topic called ``topic_name``, nothing stored (``briefbot brief --article``). Raises the
    engine's ``BriefError``, and ``KeyError`` for an unknown topic."""
    engine = engine_for(spec)
    topic = _topics(spec.topics_dir)[topic_name]
    brief = engine.brief(article, topic)
    return brief, engine.last_truncated


def brief_article(spec: UnitSpec, article_id: int) -> list[BriefResult]:
    """Unit: build and cache the briefs of stored article ``article_id`` for each of its topics.

    Articles in a language the engine does not brief are left alone (``refused``); an article
    deleted meanwhile gives ``[BriefResult(.., "missing")]``. Engine refusals (``BriefError``)
    are results, not errors; database errors and a missing spaCy model are raised (the unit
    is then retried by whoever queued it).
    """
    from bot.store.articles import BRIEFABLE_LANGUAGES, article_to_text, article_topics
    from bot.store.briefs import brief_cache_key, get_brief, put_brief
    from bot.store.models import Article
    from summarizers.errors import BriefError

    store = store_for(spec.database_url)
    with store.session() as s:
        article = s.get(Article, article_id)
        if article is None:
            return [BriefResult(article_id, "", "missing")]
        names = sorted(article_topics(s, article_id))
        text = article_to_text(article)
        language = article.language
    if language is not None and language not in BRIEFABLE_LANGUAGES:
        return [BriefResult(article_id, n, "refused", reason=f"language {language}") for n in names]
    topics = _topics(spec.topics_dir)
    out = []
    for name in names:
        topic = topics.get(name)
        if topic is None:  # a topic file removed since the article was stored
            continue
        engine = engine_for(spec)  # loaded only when there is something to brief
        key = brief_cache_key(engine.settings_key, topic)
        with store.session() as s:
            if get_brief(s, article_id, name, key) is not None:
                out.append(BriefResult(article_id, name, "cached"))
                continue
        start = time.perf_counter()
        try:
            brief = engine.brief(text, topic)
        except BriefError as exc:
            out.append(BriefResult(article_id, name, "refused", time.perf_counter() - start, str(exc)))
            continue
        seconds = time.perf_counter() - start
        with store.session() as s:
            put_brief(s, article_id, name, key, brief)
        out.append(BriefResult(article_id, name, "built", seconds))
    return out


def brief_articles(spec: UnitSpec, article_ids: list[int]) -> list[BriefResult]:
    """Unit: :func:`brief_article` for each of ``article_ids`` in turn (one round trip for the
    articles one ingest unit stored); the results of all of them, in order. Raises as
    :func:`brief_article` (articles before the failing one keep their cached briefs)."""
    return [result for article_id in article_ids for result in brief_article(spec, article_id)]
