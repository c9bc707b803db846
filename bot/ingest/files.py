"""Loading an article from a local file (or standard input): ``.txt``, ``.html``/``.htm`` or ``.json``.

* ``.txt``: plain text in any common encoding (:func:`bot.ingest.decoding.decode_bytes`: a
  UTF-8/16/32 byte-order mark, UTF-16 without one, UTF-8, else detected, e.g. Windows-1252).
  When the first line that is not a menu item reads like a headline (short, no closing sentence
  punctuation, followed by more text), it becomes the title; a line near the top that is only a
  date (``March 4, 2025``) gives the publication date (:func:`bot.ingest.dates.dateline`); the text is passed on unchanged
  (page furniture is removed later by :mod:`summarizers.textclean`). A ``.txt`` file that holds
  an HTML page (a page saved under the wrong name) is extracted as HTML, with a warning.
* ``.html``/``.htm``: main text and metadata by trafilatura (:func:`bot.ingest.extract.extract_html`).
* ``.json``: an object ``{"title", "url", "published", "source", "author", "text"}``; ``"html"``
  may replace ``"text"`` (then extracted as above, the JSON fields overriding what the page
  says). Every field is a string (or null); a ``url`` that is not ``http(s)`` is ignored with a
  warning (a local path must never reach a brief).
* other extensions, and standard input (path ``-``), are sniffed: JSON object, HTML page, else text.
* an RSS/Atom feed is refused with a hint (feeds belong in a topic's ``feeds``).

Only regular files are read (a FIFO or device would block or never end). Files larger than
:data:`MAX_FILE_BYTES` are cut to that size, with a warning passed to ``warn``. Every failure
raises :class:`~bot.ingest.extract.ArticleInputError` (or
:class:`~summarizers.errors.EmptyTextError`) with a message naming the file.
"""

from __future__ import annotations

import json
import logging
import re
import stat
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from bot.ingest.dates import dateline
from bot.ingest.decoding import decode_bytes
from bot.ingest.extract import ArticleInputError, extract_html
from summarizers.errors import EmptyTextError
from summarizers.model import ArticleMeta, ArticleText

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Larger files are read only up to this many bytes (the engine caps the text further)."""

STDIN = "-"
"""The path that means "read the article from standard input"."""

log = logging.getLogger(__name__)

_MENU_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*·▪►])\s+")
_NAV_LINE = re.compile(r"^\s*(?:skip to\b|jump to\b|menu\b|search\b|home\b|sign in\b|log ?in\b|subscribe\b|share\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_JSON_FIELDS = ("title", "url", "published", "source", "author")
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|script|body|head|meta|link|br|li|article|section)\b[^>]*>", re.I)
_FEED_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]", re.I | re.S)


def _default_warn(message: str) -> None:
    log.warning(message)


def load_article(
    path: str | Path, warn: Callable[[str], None] | None = None, stdin: BinaryIO | None = None
) -> ArticleText:
    """The article stored in the file at ``path`` (``"-"``: read from ``stdin``, default
    ``sys.stdin.buffer``), as an :class:`ArticleText`.

    ``warn`` receives user-facing warnings (a capped huge file, HTML in a ``.txt``, an ignored
    url); default: the log. Raises :class:`ArticleInputError` for a missing, unreadable, binary
    or non-regular file, a directory, a feed, invalid JSON or JSON fields of the wrong type, and
    a page that is not an article; :class:`EmptyTextError` for a file with no text.
    """
    warn = warn or _default_warn
    if str(path) == STDIN:
        p = Path("<stdin>")
        data = _read_stream(stdin or sys.stdin.buffer, p, warn)
    else:
        p = Path(path).expanduser()
        data = _read_bytes(p, warn)
    if not data.strip():
        raise EmptyTextError(f"{p}: the file is empty")
    kind = _kind(p, data)
    text, _ = decode_bytes(data, html=kind == "html")
    _refuse_binary(p, text)
    if _FEED_ROOT.match(text[:4096]):
        raise ArticleInputError(
            f"{p}: this is an RSS/Atom feed, not an article: add its URL to a topic's feeds "
            "(config/topics/*.toml) and run briefbot ingest"
        )
    if kind == "text" and looks_like_html(text):
        if p.suffix.lower() in (".txt", ".text", ".md"):
            warn(f"{p}: the file holds an HTML page, not plain text; its article is extracted from the HTML")
        kind = "html"
    if kind == "html":
        return extract_html(text, url=None, warn=warn)
    if kind == "json":
        return _from_json(p, text, warn)
    return _from_text(p, text)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page: it opens like one (doctype, ``<html>``, ``<head>``), or
    its first 4 KiB hold ``<body``/``<head`` and at least 5 common tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    lower = head.lower()
    return ("<body" in lower or "<head" in lower) and len(_HTML_TAG.findall(head)) >= 5


def _read_bytes(p: Path, warn: Callable[[str], None]) -> bytes:
    try:
        info = p.stat()
    except FileNotFoundError:
        raise ArticleInputError(f"{p}: no such file") from None
    except OSError as exc:
        raise ArticleInputError(f"{p}: cannot read the file ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ArticleInputError(f"{p}: is a directory, not an article file")
    if not stat.S_ISREG(info.st_mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        raise ArticleInputError(
            f"{p}: is {what}, not a regular file; save the article to a file, or pipe it in with --article -"
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES)
    except OSError as exc:
        raise ArticleInputError(f"{p}: cannot read the file ({exc.strerror or exc})") from exc
    if info.st_size > MAX_FILE_BYTES:
        warn(f"{p}: the file is {info.st_size / 1048576:.1f} MiB; only the first {MAX_FILE_BYTES // 1048576} MiB are read")
    return data


def _read_stream(stream: BinaryIO, p: Path, warn: Callable[[str], None]) -> bytes:
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ArticleInputError(f"{p}: cannot read standard input ({exc.strerror or exc})") from exc
    if isinstance(data, str):  # a text stream (tests, or a redirected sys.stdin without buffer)
        data = data.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        warn(f"{p}: standard input is longer than {MAX_FILE_BYTES // 1048576} MiB; only the first {MAX_FILE_BYTES // 1048576} MiB are read")
        data = data[:MAX_FILE_BYTES]
    return data


def _refuse_binary(p: Path, text: str) -> None:
    """Binary data decodes into control, private-use, unassigned or replacement characters."""
    sample = text[:65536]
    odd = 0
    for ch in sample:
        if ch in "\n\r\t\f":
            continue
        if ord(ch) < 32 or ch == "\ufffd" or (ord(ch) > 0x7F and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")):
            odd += 1
    if odd > max(3, len(sample) // 200):
        raise ArticleInputError(f"{p}: binary data, not a text, HTML or JSON article")


def _kind(p: Path, data: bytes) -> str:
    ext = p.suffix.lower()
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    if ext == ".json":
        return "json"
    if ext in (".txt", ".text", ".md"):
        return "text"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "json"
    return "text"  # HTML is recognised after decoding (looks_like_html)


def _string_field(p: Path, obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleInputError(
            f'{p}: the JSON field "{key}" must be a string (or null), not {_json_type(value)}'
        )
    return value.strip() or None


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


def _from_json(p: Path, text: str, warn: Callable[[str], None]) -> ArticleText:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"  # some messages end in "starting at" already
        raise ArticleInputError(f"{p}: invalid JSON ({exc.msg} {where if exc.msg.endswith(' at') else 'at ' + where})") from exc
    except RecursionError:  # "[[[[..." nested deeper than Python's parser recursion
        raise ArticleInputError(f"{p}: the JSON is nested too deeply to be an article") from None
    if not isinstance(obj, dict):
        raise ArticleInputError(
            f'{p}: the JSON must be an object with "text" or "html" and optional title, url, published, source, '
            f"not {_json_type(obj)}"
        )
    fields = {k: _string_field(p, obj, k) for k in _JSON_FIELDS}
    if fields["url"] and not re.match(r"(?i)^https?://", fields["url"]):
        warn(f'{p}: the JSON "url" {fields["url"][:100]!r} is not an http(s) URL; ignored')
        fields["url"] = None
    body = _string_field(p, obj, "text")
    if body:
        return ArticleText(meta=ArticleMeta(**fields), text=body)
    html = _string_field(p, obj, "html")
    if html:
        page = extract_html(html, url=fields["url"], warn=warn)
        merged = {k: fields[k] or getattr(page.meta, k) for k in _JSON_FIELDS}
        return ArticleText(meta=ArticleMeta(**merged), text=page.text)
    if "text" in obj or "html" in obj:
        raise EmptyTextError(f'{p}: the article\'s "text" is empty')
    raise ArticleInputError(f'{p}: the JSON object has neither "text" nor "html"')


def _from_text(p: Path, text: str) -> ArticleText:
    if not text.strip():
        raise EmptyTextError(f"{p}: the file is empty")
    when = dateline(text)
    published = when.date().isoformat() if when is not None and not (when.hour or when.minute) else when.isoformat() if when else None
    return ArticleText(meta=ArticleMeta(title=guess_title(text), published=published), text=text)


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
