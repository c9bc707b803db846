"""From a fetched page to an :class:`ArticleText`: content-type check, decoding, extraction.

Extraction itself is :func:`bot.ingest.extract.extract_html` (trafilatura). This module
only decides whether the response is an HTML page and hands over its text, decoded by
:func:`bot.ingest.decoding.decode_bytes` (declared charset, ``<meta charset>``, or detected).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bot.ingest.decoding import decode_bytes
from bot.ingest.fetch import FetchError, FetchResult
from summarizers.model import ArticleText

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title")


def require_html(response: httpx.Response) -> None:
    """Raise :class:`FetchError` (kind ``content-type``) when the response declares a non-HTML type."""
    ctype = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        raise FetchError(f"{response.url} is not an HTML page (Content-Type: {ctype})", "content-type")


def looks_like_html(content: bytes) -> bool:
    """True when the body starts (after a BOM and whitespace) like an HTML document."""
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_STARTS)


def page_markup(result: FetchResult) -> str:
    """The page as text, decoded by :func:`bot.ingest.decoding.decode_bytes` (a BOM, else the
    charset the server declared, else the page's ``<meta charset>``, else detected).

    Raises :class:`FetchError` when no content type was declared and the body is not HTML.
    """
    if not result.content_type and not looks_like_html(result.content):
        raise FetchError(f"{result.url} is not an HTML page (no Content-Type, and the body is not HTML)", "content-type")
    return decode_bytes(result.content, result.charset, html=True)[0]


def extract_article(result: FetchResult, settings=None) -> ArticleText:
    """The article of a fetched HTML page (``settings.max_article_chars`` caps the text when given).

    Raises :class:`FetchError` for a non-HTML body and the extractor's
    :class:`summarizers.errors.BriefError` (``NotAnArticleError``) when the page has no article.
    """
    from bot.ingest.extract import extract_html

    article = extract_html(page_markup(result), result.url)
    limit = getattr(settings, "max_article_chars", None)
    if limit and len(article.text) > limit:
        article = ArticleText(meta=article.meta, text=article.text[:limit])
    return article


@dataclass(frozen=True)
class JudgedArticle(ArticleText):
    """An extracted page whose language the extracting process has already detected (in a worker
    process, off the process that stores it): ``language`` is :func:`bot.ingest.entries.article_language`
    of the first ``judged_chars`` characters of the stripped text, the text that
    :func:`bot.ingest.entries.store_entry` stores when it is not cut shorter."""

    language: str | None = None
    judged_chars: int = -1
