"""Article text and metadata from an HTML page, with trafilatura.

trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and Command-Line Tool for
Text Discovery and Extraction") finds the main text of the page and its metadata (title,
date, author, site name). Pages with less main text than :data:`MIN_ARTICLE_CHARS` are not
articles (home pages, indexes, error pages) and raise :class:`NotAnArticleError`.

**One extraction at a time.** lxml/libxml2 (under trafilatura, and lxml.html in
:func:`bot.ingest.feeds.html_to_text`) crashed the process natively ("double free or
corruption", segfaults in ``document_fromstring``, ``deepcopy``, ``prune_unwanted_nodes``)
when several extractions ran in worker threads at once. Every lxml/trafilatura call in the
process therefore holds :data:`LXML_LOCK` (:func:`lxml_guard`). A lock rather than a process
pool: extraction is CPU-bound Python that held the GIL anyway (threads gave no parallelism, so
serialising costs no throughput: about 10 ms per ordinary page); no worker processes to start,
feed through pickling or keep alive inside the chat bot; and with the markup cap below no single
page holds the lock for long (about 1.5 s at the cap).

**Markup cap.** Before extraction, ``<script>`` (except JSON-LD metadata), ``<style>``,
``<svg>`` and comments are removed (:func:`prepare_markup`); what remains is cut to
:data:`MAX_MARKUP_CHARS`. Real news pages need far less: the 30 pages of the shared evaluation
set are 50 KB–1.5 MB raw but at most 255 KB after this removal. A 10 MB page took 45 s and
hundreds of MB in trafilatura; at the cap it takes about 1.5 s. A cut is reported through ``warn``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterator

from summarizers.errors import BriefError
from summarizers.model import ArticleMeta, ArticleText

MIN_ARTICLE_CHARS = 200
"""Extracted main text shorter than this (characters) means the page is not an article."""

MIN_ARTICLE_WORDS = 40

MAX_MARKUP_CHARS = 1_000_000
"""HTML handed to trafilatura is cut to this many characters (after :func:`prepare_markup`
removed scripts, styles, SVG and comments); real article pages need at most about a quarter."""

LXML_LOCK = threading.RLock()
"""Held by every lxml/trafilatura parse in the process (see the module docs); re-entrant."""

log = logging.getLogger("briefbot.ingest")


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


@contextlib.contextmanager
def lxml_guard() -> Iterator[None]:
    """Hold :data:`LXML_LOCK` for the ``with`` block: wrap every lxml or trafilatura call in it."""
    with LXML_LOCK:
        yield


_DROPPED = ("script", "style", "svg")


def prepare_markup(html: str, limit: int = MAX_MARKUP_CHARS) -> tuple[str, bool]:
    """``(markup, cut)``: ``html`` without ``<script>`` (JSON-LD kept), ``<style>``, ``<svg>`` elements
    and comments, then cut to ``limit`` characters (at a tag start when one is near); ``cut`` tells
    whether anything was cut. One linear scan: an element left open drops the rest of the page,
    as a browser would."""
    lower = html.lower()
    out: list[str] = []
    pos, n = 0, len(html)
    while pos < n:
        start = lower.find("<", pos)
        if start < 0:
            out.append(html[pos:])
            break
        if lower.startswith("<!--", start):
            end = lower.find("-->", start + 4)
            out.append(html[pos:start])
            pos = n if end < 0 else end + 3
            continue
        tag = next((t for t in _DROPPED if lower.startswith(t, start + 1) and not lower[start + 1 + len(t): start + 2 + len(t)].isalnum()), None)
        if tag is None:
            out.append(html[pos : start + 1])
            pos = start + 1
            continue
        close = lower.find(f"</{tag}", start)
        head_end = lower.find(">", start)
        if tag == "script" and 0 <= head_end and "ld+json" in lower[start:head_end]:
            stop = n if close < 0 else lower.find(">", close)
            stop = n if stop < 0 else stop + 1
            out.append(html[pos:stop])
            pos = stop
            continue
        out.append(html[pos:start])
        if close < 0:
            pos = n
            break
        stop = lower.find(">", close)
        pos = n if stop < 0 else stop + 1
    markup = "".join(out)
    if len(markup) <= limit:
        return markup, False
    cut = markup.rfind("<", max(0, limit - 2000), limit)
    return markup[: cut if cut > 0 else limit], True


def extract_html(
    html: str | bytes, url: str | None = None, warn: Callable[[str], None] | None = None
) -> ArticleText:
    """The article in ``html`` (a page as text, or bytes decoded by
    :func:`bot.ingest.decoding.decode_bytes`) found at ``url`` (optional).

    Returns an :class:`ArticleText` whose ``text`` holds the main text, paragraphs separated
    by newlines, and whose ``meta`` has title (without the site name or date the page appends,
    :func:`bot.ingest.titles.clean_title`), url (the given one, else the page's canonical
    one), source (site name or host), published (ISO date) and author when the page says.
    Markup past :data:`MAX_MARKUP_CHARS` (after :func:`prepare_markup`) is not read, and
    ``warn`` (default: the log) is told. Runs under :data:`LXML_LOCK`.
    Raises :class:`NotAnArticleError` when the page has no article text.
    """
    if isinstance(html, (bytes, bytearray)):
        from bot.ingest.decoding import decode_bytes

        html = decode_bytes(bytes(html), html=True)[0]
    if not html or not html.strip():
        raise NotAnArticleError("the page is empty")
    size = len(html)
    html, cut = prepare_markup(html)
    if cut:
        where = f"{url}: " if url else ""
        (warn or log.warning)(
            f"{where}the page is very large ({size / 1e6:.1f} million characters of HTML); only the first "
            f"{MAX_MARKUP_CHARS / 1e6:g} million characters without scripts and styles were read"
        )
    if not html.strip():
        raise NotAnArticleError("the page has no content besides scripts and styles")
    with lxml_guard():
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
    from bot.ingest.titles import clean_title

    site_names = (_clean(data.get("sitename")), _clean(data.get("hostname")), _clean(data.get("source-hostname")))
    meta = ArticleMeta(
        title=clean_title(_clean(data.get("title")), *site_names),
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
        with lxml_guard():
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
