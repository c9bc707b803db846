"""Local article files into the store, like fetched articles: ``briefbot ingest --file`` / ``--sample``.

Each file is read with :func:`bot.ingest.files.load_article` (``.txt``, ``.html``/``.htm``,
``.json``) and stored through :func:`bot.ingest.entries.store_article`, the same write path
as feed entries: one transaction per article with its topic rows, stored once per canonical
URL and once per content hash.

* **URL**: the article's own URL when the file gives an ``http(s)`` one (JSON ``url``, or an
  HTML page's canonical link), canonicalised by :func:`bot.ingest.urls.canonical_url`; else
  none: the ``file://`` URI of the file's absolute path is only its deduplication key
  (``canonical_url``) and never reaches a brief or a digest.
* **Published**: the file's date (JSON ``published``, an HTML page's date, a plain-text
  dateline), else unknown (NULL; the article then ranks after dated ones, by ingestion time).
* **Not an article**: a text that fails :func:`bot.ingest.rules.article_problem` (fewer than
  ``min_words`` words, not prose, one word repeated) is not stored (status ``skipped``), the
  same rule as for feed entries and ``brief --article``.
* **Language**: an article in another language than English is stored with a warning that
  briefs and digests leave it out (only English is briefed).
* **Source name**: JSON ``source`` (or the HTML page's site name), else ``"file"``.
* **Topics**: the named topics whose keyword filter accepts the article (default: every topic).
  An article that no topic accepts is stored all the same (like feed articles) and the
  result says so; ingesting it again with a topic that accepts it adds it to that topic.

Bundled sample articles (written for briefbot) live in the ``config`` package's ``samples/``
folder and are found with :mod:`importlib.resources`, so they work from an installed wheel.
``ingest --sample`` moves their dates by whole days (:func:`sample_shift`) so that the newest
falls on yesterday: commands over a recent period (``/brief quotes usmx 30d``) then find them,
whenever they are stored, and the weeks between them stay as written.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from bot.core.errors import first_line
from bot.ingest.dates import parse_human_date
from bot.ingest.entries import NewArticle, article_language, memberships, parse_published, store_article
from bot.ingest.files import load_article
from bot.ingest.rules import article_problem
from bot.ingest.urls import URLError, canonical_url
from summarizers.errors import BriefError
from summarizers.model import ArticleText

log = logging.getLogger("briefbot.ingest")

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
"""File name endings of article files (the ones :func:`sample_paths` picks up)."""

SOURCE_NAME = "file"
"""Source name of a stored file that names no source of its own."""

SAMPLE_SOURCE_NAME = "briefbot sample"
"""Source name of a bundled sample article that names no source of its own."""


@dataclass
class FileResult:
    """What happened to one file.

    ``status``: ``new`` (stored), ``known`` (already stored under the same URL), ``duplicate``
    (the same text is stored under another URL), ``skipped`` (too short to be an article) or
    ``error`` (nothing stored; ``message`` says why for both). ``topics``: the topics whose filter accepts the article (empty: no topic does).
    ``warnings``: problems that did not stop the file (a capped huge file, an unusable URL or date).
    """

    path: str
    status: str
    article_id: int | None = None
    title: str | None = None
    url: str | None = None
    topics: list[str] = field(default_factory=list)
    message: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        """True when the article is in the store (new, known or duplicate)."""
        return self.status not in ("error", "skipped")


def article_url(article: ArticleText, path: Path, warn: Callable[[str], None]) -> tuple[str, str | None]:
    """(canonical URL, web URL or None) of the article read from ``path``.

    The article's own ``http(s)`` URL when it has one; else (``file://`` URI of ``path``'s
    absolute, resolved form, None): the URI serves deduplication only. A URL that is not
    ``http(s)`` is reported through ``warn``.
    """
    given = (article.meta.url or "").strip()
    if given:
        try:
            return canonical_url(given), given
        except URLError as exc:
            warn(f"{path}: its url is not usable ({exc}); stored under the file's own address")
    if str(path) in ("-", "<stdin>"):
        from bot.store.articles import content_hash

        return f"stdin:{content_hash(article.text)}", None
    return path.expanduser().resolve().as_uri(), None


def published_time(article: ArticleText, path: Path, warn: Callable[[str], None]) -> datetime | None:
    """The article's publication time in UTC: the file's date when it parses (ISO 8601, else a
    date written for people such as ``4 March 2025``), else None (unknown; never the ingestion time)."""
    value = (article.meta.published or "").strip()
    when = (parse_published(value) or parse_human_date(value)) if value else None
    if value and when is None:
        warn(f"{path}: the published date '{value}' cannot be read as a date; the article is stored without one")
    return when


def sample_shift(paths: Iterable[str | Path], today: date) -> timedelta:
    """Whole days to add to the dates of the article files ``paths`` so that the newest falls on the
    day before ``today`` (UTC); zero when none has a readable date or the newest is already recent."""
    newest = None
    for p in paths:
        try:
            when = published_time(load_article(Path(p), warn=lambda _m: None), Path(p), lambda _m: None)
        except (BriefError, OSError):
            continue
        if when is not None and (newest is None or when > newest):
            newest = when
    if newest is None:
        return timedelta(0)
    return timedelta(days=max(0, (today - newest.date()).days - 1))


def ingest_file(
    store, topics: dict, names: Iterable[str], path: str | Path, max_chars: int, default_source: str = SOURCE_NAME,
    min_words: int = 0, shift: timedelta = timedelta(0),
) -> FileResult:
    """Read the article file at ``path`` and store it in ``store`` as a member of those ``names``
    (topic names, keys of ``topics``) whose keyword filter accepts it.

    ``max_chars`` caps the stored text; ``default_source`` is the source name when the file
    names none; a text that is not an article (:func:`bot.ingest.rules.article_problem` with
    ``min_words``) is ``skipped``; ``shift`` is added to the file's date (bundled samples, see
    :func:`sample_shift`). Never raises for a bad file or a failed write: the
    result's ``status`` is ``error`` and ``message`` says why (missing, unreadable, binary,
    empty, invalid JSON, a page with no article text, a database error); nothing is stored
    half-way (one transaction per article).
    """
    p = Path(path)
    result = FileResult(path=str(path), status="error")
    warn = result.warnings.append
    try:
        article = load_article(p, warn=warn)
    except BriefError as exc:
        result.message = str(exc)
        return result
    except OSError as exc:  # load_article turns the usual ones into ArticleInputError; this is a last guard
        result.message = f"{p}: cannot read the file ({exc.strerror or exc})"
        return result
    except Exception as exc:  # a bug on one file must not stop the batch; the file is named
        log.debug("reading %s failed", p, exc_info=True)
        result.message = f"{p}: cannot be read as an article ({type(exc).__name__}: {exc})"
        return result
    text = article.text.strip()[:max_chars]
    if not text:
        result.message = f"{p}: the file has no article text"
        return result
    problem = article_problem(text, min_words)
    if problem:
        result.status, result.message = "skipped", f"{p}: {problem}; not stored"
        log.warning(result.message)
        return result
    language = article_language(text)
    if language not in (None, "en"):
        from summarizers.language import language_name

        warn(f"{p}: the article is in {language_name(language)}; it is stored, but briefbot only briefs English "
             "articles, so it will not appear in briefs or digests")
    canonical, url = article_url(article, p, warn)
    title = article.meta.title
    result.title, result.url = title, url
    result.topics = memberships(topics, tuple(names), title, text)
    item = NewArticle(
        canonical_url=canonical,
        url=url,
        text=text,
        title=title,
        headlines=(title,),
        source_name=article.meta.source or default_source,
        author=article.meta.author,
        published_at=(lambda when: when + shift if when is not None else None)(published_time(article, p, warn)),
    )
    try:
        outcome = store_article(store, item, result.topics)
    except SQLAlchemyError as exc:
        log.warning("storing %s failed", p, exc_info=True)
        result.message = f"{p}: could not be stored ({first_line(exc, 1000) or type(exc).__name__})"
        return result
    result.status, result.article_id = outcome.status, outcome.article_id
    return result


def ingest_files(
    store,
    topics: dict,
    names: Iterable[str] | None,
    paths: Iterable[str | Path],
    max_chars: int,
    on_file: Callable[[FileResult], None] | None = None,
    default_source: str = SOURCE_NAME,
    min_words: int = 0,
    shift: timedelta = timedelta(0),
) -> list[FileResult]:
    """:func:`ingest_file` for each of ``paths`` in order (dates moved by ``shift``); ``names`` None means every topic.

    A failing file does not stop the others; ``on_file`` is called after each file.
    """
    wanted = tuple(names) if names else tuple(topics)
    results = []
    for path in paths:
        result = ingest_file(store, topics, wanted, path, max_chars, default_source, min_words, shift)
        results.append(result)
        if on_file is not None:
            on_file(result)
    return results


@contextlib.contextmanager
def sample_paths() -> Iterator[list[Path]]:
    """The bundled sample articles (``config/samples/*.txt|.html|.htm|.json``), sorted by name,
    as real file paths for the duration of the ``with`` block (extracted to a temporary folder
    only when the package is not installed as plain files, e.g. inside a zip)."""
    folder = resources.files("config").joinpath("samples")
    items = sorted(
        (t for t in folder.iterdir() if t.is_file() and t.name.lower().endswith(ARTICLE_SUFFIXES)),
        key=lambda t: t.name,
    )
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(resources.as_file(t)) for t in items]
