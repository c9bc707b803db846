"""``briefbot brief TOPIC --article SRC [...]``: brief articles from files, offline.

Sources are resolved one by one by :func:`resolve_source` (files, and ``http(s)://`` URLs fetched
under the URL safety rules of :mod:`bot.ingest.safety`); with neither ``--article`` nor
``--sample`` the newest stored articles of the topic are briefed (``--since``, ``--limit``;
briefs cached in the store per engine settings). Each becomes an
:class:`~summarizers.model.ArticleText`, the engine makes a brief,
and the result is printed as Markdown (for people) or JSON (the documented shape; several
articles give ``{"topic", "briefs": [...]}``). User errors go to stderr as one line, with a
non-zero exit code and no traceback. With several sources, a bad one is named on stderr and
the others are still briefed; the exit code is 1 if any failed.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer

from bot.cli.app import app, fail, since_option, state
from bot.core.echo import shorten

SAMPLE_FILES = {"usmx": "usmx-sample.txt"}
"""Bundled sample articles (config/samples/), written for briefbot; ``--sample`` briefs one."""

FORMATS = ("markdown", "json")


def sample_path(topic: str) -> Path:
    """The bundled sample article for ``topic`` (the US–Mexico sample for topics without their own)."""
    name = SAMPLE_FILES.get(topic, SAMPLE_FILES["usmx"])
    return Path(str(resources.files("config").joinpath("samples", name)))


def is_url(source: str) -> bool:
    """True when an ``--article`` value is a URL (has a scheme such as ``https://``), not a file path."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source.strip()))


def source_items(articles: list[str], topic: str, sample: bool) -> list:
    """The ``--article`` values in order, plus the bundled sample's path with ``sample``.
    Raises ``typer.BadParameter`` when there is none or one is empty (it is no path, not ".")."""
    items: list = list(articles)
    if any(not str(a).strip() for a in items):
        raise typer.BadParameter("--article got an empty value; give a file path, - or an http(s) URL")
    if sample:
        items.append(sample_path(topic))
    if not items:
        raise typer.BadParameter("give --article FILE (one or more) or --sample")
    return items


def resolve_source(item, warn, settings=None):
    """The article ``item`` names, as an :class:`~summarizers.model.ArticleText`: a path (``-``:
    standard input) or an ``http(s)://`` URL fetched with :func:`bot.ingest.safety.fetch_article`
    under ``settings``. ``warn(message)`` receives warnings (a capped huge file).

    Raises :class:`~summarizers.errors.BriefError` subclasses for unusable sources (files and
    pages that are not articles by :func:`bot.ingest.rules.article_problem`, the rule ingest
    uses) and :class:`bot.ingest.fetch.FetchError` for refused or failed URLs; each message
    names the file or URL.
    """
    from bot.ingest.files import load_article
    from bot.ingest.rules import require_article

    if isinstance(item, str) and is_url(item):
        from bot.ingest.safety import fetch_article

        return fetch_article(item, settings)
    name = "<stdin>" if str(item) == "-" else str(item)
    return require_article(load_article(Path(item), warn=warn), getattr(settings, "min_article_words", 0), name)


def resolve_sources(articles: list[str], topic: str, sample: bool, warn, settings=None) -> list:
    """:func:`resolve_source` for each of :func:`source_items`; the first failure is raised."""
    return [resolve_source(item, warn, settings) for item in source_items(articles, topic, sample)]


def _warn(message: str) -> None:
    typer.echo(f"briefbot: warning: {message}", err=True)


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    topic: str = typer.Argument(..., metavar="TOPIC", help="Topic name, e.g. usmx or world (see config/topics/)."),
    article: Optional[List[str]] = typer.Option(
        None, "--article", "-a", metavar="FILE_OR_URL", show_default=False,
        help="Article file (.txt, .html, .json), - for standard input, or an http(s) URL; repeat for several."
    ),
    sample: bool = typer.Option(False, "--sample", help="Brief the bundled sample article (written for briefbot)."),
    format: str = typer.Option("markdown", "--format", "-f", help="Output format: markdown or json."),
    summarizer: Optional[str] = typer.Option(
        None, "--summarizer", "-s", help="lexrank, textrank, lsa, luhn, kl, sumbasic, edmundson or lead (default: settings).",
        show_default=False,
    ),
    sentences: Optional[int] = typer.Option(
        None, "--sentences", "-n", min=1, max=20, help="Summary sentences (default: settings, 3).", show_default=False
    ),
    since: Optional[str] = typer.Option(
        None, "--since", help="Without --article: only stored articles published within this window (undated ones: stored "
        "within it) (90m, 24h, 7d, 2w; at most 100 years). `digest --since` counts storage time.",
        show_default=False,
    ),
    limit: int = typer.Option(5, "--limit", "-l", min=1, max=100, help="Without --article: how many stored articles."),
) -> None:
    """Brief articles for TOPIC: files or URLs given with --article, else the newest stored articles."""
    from config.topics import TopicError, get_topic
    from summarizers.errors import BriefError
    from summarizers.summary.select import UnknownSummarizerError

    fmt = format.strip().lower()
    window = since_option(since) if since is not None else None  # checked before any work
    if fmt not in FORMATS:
        raise fail(f"unknown format '{shorten(format)}'. Use one of: {', '.join(FORMATS)}", code=2)
    settings = state(ctx).settings()
    try:
        topic_obj = get_topic(topic, settings.topics_dir)
    except TopicError as exc:
        raise fail(str(exc), code=2)
    try:
        engine = _engine(settings, summarizer, sentences)
    except UnknownSummarizerError as exc:
        raise fail(str(exc), code=2)

    if not article and not sample:
        briefs = _stored_briefs(settings, engine, topic_obj, since, window, limit)
        typer.echo(render(briefs, topic_obj.name, fmt), nl=False)
        return

    from bot.ingest.fetch import FetchError

    try:
        items = source_items(article or [], topic_obj.name, sample)
    except typer.BadParameter as exc:
        raise fail(str(exc), code=2)
    briefs, failures, texts = [], [], []
    _engine_cut_notice_off()  # the cut is said once, below, in words for people

    def failed(name: str, exc: Exception) -> None:
        message = str(exc)
        failures.append(message if name in message else f"{name}: {message}")

    pool = _start_pool(settings, engine, len(items))  # its workers warm up while the sources are read
    finished = False
    try:
        for item in items:  # a bad source is named and skipped; the others are still briefed
            name = "<stdin>" if str(item) == "-" else str(item)
            try:
                texts.append((name, resolve_source(item, _warn, settings)))
            except (BriefError, FetchError) as exc:
                failed(name, exc)
        outcomes = _brief_all(engine, [text for _, text in texts], topic_obj, pool)
        for (name, text), (brief, truncated, error) in zip(texts, outcomes):
            if error is not None:
                failed(name, error)
                continue
            briefs.append(brief)
            if truncated:
                _warn(f"the article '{text.meta.title or 'untitled'}' is longer than {engine.max_chars} characters; "
                      "only the beginning was briefed")
        finished = True
    finally:
        if pool is not None:  # idle workers are joined; after an error (Ctrl-C) running ones are not awaited
            pool.close(wait=finished)
    if briefs:
        typer.echo(render(briefs, topic_obj.name, fmt, several=len(items) > 1), nl=False)
    if failures:
        more = f"\n{len(failures)} of {len(items)} sources could not be briefed" if len(items) > 1 else ""
        raise fail("\n".join(failures) + more)


def _engine_cut_notice_off() -> None:
    """The engine logs "article ... cut to N characters"; the CLI says the same in its own
    warning (``engine.last_truncated``), so the log line would print the news twice."""
    import logging

    class _NoCutNotice(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return " cut to " not in record.getMessage()

    engine_log = logging.getLogger("summarizers.engine")
    if not any(type(f).__name__ == "_NoCutNotice" for f in engine_log.filters):
        engine_log.addFilter(_NoCutNotice())


def _start_pool(settings, engine, sources: int):
    """A started :class:`~bot.work.pool.LocalPool` of ``settings.workers`` processes (at most one per
    source) whose forkserver preloads ``engine``'s settings once, so the workers fork with the
    spaCy model loaded; None with one worker or one source (everything runs in this process)."""
    workers = min(settings.workers, sources)
    if workers <= 1:
        return None
    from dataclasses import replace

    from bot.work.pool import LocalPool
    from bot.work.units import UnitSpec

    spec = replace(UnitSpec.from_settings(settings), summarizer=engine.summarizer, sentences=engine.sentences)
    return LocalPool(workers, preload=spec).start()


def _brief_all(engine, texts: list, topic, pool=None):
    """``(brief, truncated, error)`` for each of ``texts``, in order: in this process without
    ``pool``, else in ``pool``'s worker processes (see :func:`_start_pool`). ``error`` is the
    :class:`~summarizers.errors.BriefError` of a text that could not be briefed (``brief`` is
    then None); the other texts are still briefed.

    In the pool the longest texts are sent first (a brief's cost grows with its text), so the
    last units are short ones and the workers finish together instead of one briefing a long
    article while the other idles; the results still come back in the order of ``texts``."""
    from summarizers.errors import BriefError

    if pool is None or len(texts) <= 1:
        for text in texts:
            try:
                yield engine.brief(text, topic), engine.last_truncated, None
            except BriefError as exc:
                yield None, False, exc
        return
    from concurrent.futures import ThreadPoolExecutor

    from bot.work.units import brief_text

    spec = pool.preload

    def one(text):
        try:
            return (*pool.call(brief_text, spec, text, topic.name, kind="brief"), None)
        except BriefError as exc:
            return None, False, exc

    longest_first = sorted(range(len(texts)), key=lambda i: len(texts[i].text or ""), reverse=True)
    with ThreadPoolExecutor(pool.workers) as feeders:  # one feeder thread per worker process, taking units in turn
        futures = {i: feeders.submit(one, texts[i]) for i in longest_first}
        for i in range(len(texts)):
            yield futures[i].result()


def _stored_briefs(settings, engine, topic, since: str | None, window, limit: int) -> list:
    """Briefs of the ``limit`` newest stored articles of ``topic`` (cached per engine settings key),
    added within ``window`` (a timedelta of at most 100 years, or None for any time; ``since``
    is its text, for messages)."""
    from datetime import datetime, timezone

    from bot.cli.app import open_configured_store
    from bot.store.articles import article_to_text, languages_left_out, newest_articles
    from bot.store.briefs import brief_cache_key, get_brief, put_brief
    from summarizers.errors import BriefError

    cutoff = datetime.now(timezone.utc) - window if window is not None else None
    store = open_configured_store(settings)
    briefs = []
    try:
        with store.session() as s:
            stored = [(a.id, article_to_text(a)) for a in newest_articles(s, topic.name, cutoff, limit)]
            key = brief_cache_key(engine.settings_key, topic)
            cached = {aid: get_brief(s, aid, topic.name, key) for aid, _ in stored}
        if not stored:
            span = f" from the last {since}" if since else ""
            with store.session() as s:
                foreign = sum(languages_left_out(s, topic.name, cutoff).values())
            if foreign:  # stored, but not in a language the engine briefs
                raise fail(f"the {foreign} stored article(s) of topic '{topic.name}'{span} are not in English and were "
                           "skipped; briefbot only briefs English articles")
            if since:
                raise fail(f"no stored articles of topic '{topic.name}' published in the last {since} (--since counts "
                           f"publication dates); try a longer --since, or run 'briefbot ingest {topic.name}'")
            raise fail(f"no stored articles of topic '{topic.name}'; run 'briefbot ingest {topic.name}' first")
        for aid, text in stored:
            brief = cached.get(aid)
            if brief is None:
                try:
                    brief = engine.brief(text, topic)
                except BriefError as exc:
                    _warn(f"skipping '{text.meta.title or text.meta.url}': {exc}")
                    continue
                with store.session() as s:
                    put_brief(s, aid, topic.name, key, brief)
            briefs.append(brief)
    finally:
        store.engine.dispose()
    if not briefs:
        raise fail(f"none of the {len(stored)} newest articles of '{topic.name}' could be briefed")
    return briefs


def _engine(settings, summarizer: str | None, sentences: int | None):
    from summarizers.engine import BriefEngine

    return BriefEngine(
        model=settings.spacy_model,
        summarizer=summarizer or settings.summarizer,
        sentences=sentences or settings.sentences,
        max_chars=settings.max_article_chars,
    )


def render(briefs: list, topic: str, fmt: str, several: bool | None = None) -> str:
    """The printed output for ``briefs``: JSON (one brief, or ``{"topic", "briefs"}``) or Markdown.
    ``several`` (default: more than one brief) chooses the JSON list form: the command passes
    whether several sources were asked for, so the shape does not depend on how many failed."""
    if several is None:
        several = len(briefs) != 1
    if fmt == "json":
        payload = {"topic": topic, "briefs": [b.to_dict() for b in briefs]} if several else briefs[0].to_dict()
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    from bot.render.markdown import brief_to_markdown

    return "\n---\n\n".join(brief_to_markdown(b) for b in briefs)
