"""Article text and metadata from an HTML page, with trafilatura.

trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and Command-Line Tool for
Text Discovery and Extraction") finds the main text of the page and its metadata (title,
date, author, site name). Pages with less main text than :data:`MIN_ARTICLE_CHARS` are not
articles (home pages, indexes, error pages) and raise :class:`NotAnArticleError`.
"""

from __future__ import annotations

import json
import threading

from summarizers.errors import BriefError
from summarizers.model import ArticleMeta, ArticleText

MIN_ARTICLE_CHARS = 200
"""Extracted main text shorter than this (characters) means the page is not an article."""

MIN_ARTICLE_WORDS = 40


class ArticleInputError(BriefError):
    """An article source cannot be read as an article; ``str(err)`` says which and why."""


class NotAnArticleError(ArticleInputError):
    """The HTML has no article text (an index, a home page, an error page, not HTML)."""


_config_lock = threading.Lock()
_config = None


def _trafilatura_config():
    """trafilatura settings with its signal-based timeout off (so it runs in worker threads)."""
    global _config
    with _config_lock:
        if _config is None:
            from trafilatura.settings import use_config

            cfg = use_config()
            cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
            _config = cfg
        return _config


def extract_html(html: str | bytes, url: str | None = None) -> ArticleText:
    """The article in ``html`` (a page as text or undecoded bytes) found at ``url`` (optional).

    Returns an :class:`ArticleText` whose ``text`` holds the main text, paragraphs separated
    by newlines, and whose ``meta`` has title, url (the given one, else the page's canonical
    one), source (site name or host), published (ISO date) and author when the page says.
    Raises :class:`NotAnArticleError` when the page has no article text.
    """
    if not html or not (html.strip() if isinstance(html, (str, bytes)) else True):
        raise NotAnArticleError("the page is empty")
    data = _extract(html, url, favor_recall=False)
    text = (data.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARS or len(text.split()) < MIN_ARTICLE_WORDS:
        data = _extract(html, url, favor_recall=True) or data  # second try: prefer recall
        text = (data.get("text") or "").strip()
    if len(text) < MIN_ARTICLE_CHARS or len(text.split()) < MIN_ARTICLE_WORDS:
        where = f" at {url}" if url else ""
        raise NotAnArticleError(
            f"the page{where} does not contain an article (only {len(text.split())} words of main text found)"
        )
    meta = ArticleMeta(
        title=_clean(data.get("title")),
        url=url or _clean(data.get("source")) or _clean(data.get("url")),
        # trafilatura's JSON gives the page's site name (og:site_name, "BBC News") as "source-hostname"
        source=_clean(data.get("sitename")) or _clean(data.get("hostname")) or _clean(data.get("source-hostname")),
        published=_clean(data.get("date")),
        author=_clean(data.get("author")),
    )
    return ArticleText(meta=meta, text=text)


def _extract(html, url, favor_recall: bool) -> dict:
    import trafilatura

    try:
        raw = trafilatura.extract(
            html, url=url, output_format="json", with_metadata=True, include_comments=False,
            include_tables=False, favor_recall=favor_recall, config=_trafilatura_config(),
        )
    except ValueError as exc:  # trafilatura raises ValueError for unparseable input
        raise NotAnArticleError(f"the page could not be parsed as HTML: {exc}") from exc
    return json.loads(raw) if raw else {}


def _clean(value) -> str | None:
    value = (value or "").strip() if isinstance(value, str) else None
    return value or None
