"""Loading an article from a local file: ``.txt``, ``.html``/``.htm`` or ``.json``.

* ``.txt``: UTF-8 (or Windows-1252) plain text. When the first line that is not a menu item
  reads like a headline (short, no closing sentence punctuation, followed by more text), it
  becomes the title; the text is passed on unchanged (page furniture is removed later by
  :mod:`summarizers.textclean`).
* ``.html``/``.htm``: main text and metadata by trafilatura (:func:`bot.ingest.extract.extract_html`).
* ``.json``: an object ``{"title", "url", "published", "source", "text"}``; ``"html"`` may
  replace ``"text"`` (then extracted as above, the JSON fields overriding what the page says).
* other extensions are sniffed: JSON object, HTML page, else plain text.

Files larger than :data:`MAX_FILE_BYTES` are cut to that size, with a warning passed to
``warn``. Every failure raises :class:`~bot.ingest.extract.ArticleInputError` (or
:class:`~summarizers.errors.EmptyTextError`) with a message naming the file.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path

from bot.ingest.extract import ArticleInputError, extract_html
from summarizers.errors import EmptyTextError
from summarizers.model import ArticleMeta, ArticleText

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Larger files are read only up to this many bytes (the engine caps the text further)."""

log = logging.getLogger(__name__)

_MENU_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*·▪►])\s+")
_NAV_LINE = re.compile(r"^\s*(?:skip to\b|jump to\b|menu\b|search\b|home\b|sign in\b|log ?in\b|subscribe\b|share\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_JSON_FIELDS = ("title", "url", "published", "source", "author")


def _default_warn(message: str) -> None:
    log.warning(message)


def load_article(path: str | Path, warn: Callable[[str], None] | None = None) -> ArticleText:
    """The article stored in the file at ``path``, as an :class:`ArticleText`.

    ``warn`` receives user-facing warnings (a capped huge file); default: the log. Raises
    :class:`ArticleInputError` for a missing, unreadable or binary file, a directory, invalid
    JSON or a page that is not an article, and :class:`EmptyTextError` for a file with no text.
    """
    warn = warn or _default_warn
    p = Path(path).expanduser()
    data = _read_bytes(p, warn)
    if not data.strip():
        raise EmptyTextError(f"{p}: the file is empty")
    kind = _kind(p, data)
    if kind == "html":
        return extract_html(data, url=None)
    text = _decode(p, data)
    if kind == "json":
        return _from_json(p, text)
    return _from_text(p, text)


def _read_bytes(p: Path, warn: Callable[[str], None]) -> bytes:
    if not p.exists():
        raise ArticleInputError(f"{p}: no such file")
    if p.is_dir():
        raise ArticleInputError(f"{p}: is a directory, not an article file")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES)
    except OSError as exc:
        raise ArticleInputError(f"{p}: cannot read the file ({exc.strerror or exc})") from exc
    if size > MAX_FILE_BYTES:
        warn(f"{p}: the file is {size / 1048576:.1f} MiB; only the first {MAX_FILE_BYTES // 1048576} MiB are read")
    if b"\x00" in data[:65536]:
        raise ArticleInputError(f"{p}: binary data, not a text, HTML or JSON article")
    return data


def _decode(p: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4:  # a multi-byte character cut by the size cap
            text = data[: exc.start].decode("utf-8-sig")
        else:
            text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(3, len(text[:65536]) // 200):
        raise ArticleInputError(f"{p}: binary data, not a text, HTML or JSON article")
    return text


def _kind(p: Path, data: bytes) -> str:
    ext = p.suffix.lower()
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    if ext == ".json":
        return "json"
    if ext in (".txt", ".text", ".md"):
        return "text"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return "json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _from_json(p: Path, text: str) -> ArticleText:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleInputError(f"{p}: invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise ArticleInputError(f"{p}: the JSON must be an object with \"text\" or \"html\" and optional title, url, published, source")
    fields = {k: (str(obj[k]).strip() or None) if obj.get(k) is not None else None for k in _JSON_FIELDS}
    body = obj.get("text")
    if isinstance(body, str) and body.strip():
        return ArticleText(meta=ArticleMeta(**fields), text=body)
    html = obj.get("html")
    if isinstance(html, str) and html.strip():
        page = extract_html(html, url=fields["url"])
        merged = {k: fields[k] or getattr(page.meta, k) for k in _JSON_FIELDS}
        return ArticleText(meta=ArticleMeta(**merged), text=page.text)
    if "text" in obj or "html" in obj:
        raise EmptyTextError(f"{p}: the article's \"text\" is empty")
    raise ArticleInputError(f"{p}: the JSON object has neither \"text\" nor \"html\"")


def _from_text(p: Path, text: str) -> ArticleText:
    if not text.strip():
        raise EmptyTextError(f"{p}: the file is empty")
    return ArticleText(meta=ArticleMeta(title=guess_title(text)), text=text)


def guess_title(text: str) -> str | None:
    """The headline of a plain-text article, or None.

    The first line that is not a menu or navigation line is the headline when it has 2–25
    words, at most 200 characters, no closing sentence punctuation, and more text follows.
    """
    lines = [ln.strip() for ln in text.splitlines()]
    for k, line in enumerate(lines):
        if not line or _MENU_LINE.match(line) or _NAV_LINE.match(line):
            continue
        words = line.split()
        rest = any(len(x.split()) > 8 for x in lines[k + 1:])
        if 2 <= len(words) <= 25 and len(line) <= 200 and not _SENTENCE_END.search(line) and rest:
            return line
        return None
    return None
