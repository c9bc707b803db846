"""Bytes of an article file or a fetched page → text, with the right character encoding.

The order follows the WHATWG encoding-sniffing rules browsers use
(https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm), in short:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins;
2. then the charset the transport declared (HTTP ``Content-Type``), then, for HTML, a
   ``<meta charset>`` / ``http-equiv`` declaration in the first 4 KiB; a declared
   single-byte Latin charset (ISO-8859-1, Windows-1252, ASCII) is overruled when the bytes are
   valid UTF-8 with multi-byte characters (a common server misconfiguration; Latin text is
   practically never valid UTF-8 by accident);
3. undeclared: UTF-16 without a BOM when nearly every other byte is zero; strict UTF-8;
4. else charset_normalizer (Ousret, "charset_normalizer", a chaos/coherence measure over
   candidate code pages). Western single-byte code pages decode the same bytes into different
   letters with the same "chaos" score (``0xF1`` is ``ñ`` in Windows-1252 but ``ń`` in
   Windows-1250); among candidates scoring within :data:`TIE` of the best, the one whose text
   has the fewest symbols glued to letters (:func:`misfits`: Polish read as Windows-1252 gives
   ``og³osi³``) wins, and on a tie Windows-1252 (the web's default for undeclared Western
   pages), so ``Peña`` does not come out as ``Peńa``;
5. nothing fits: Windows-1252 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

TIE = 0.02
"""Candidates whose charset_normalizer chaos is within this of the best count as equally good."""

SNIFF_BYTES = 200_000
"""charset_normalizer sees at most this many bytes (its head and tail), which keeps it fast on big inputs."""

_LATIN_DECLARED = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii"}
_TYPOGRAPHY = set("’‘“”„‚«»‹›–—…•·€£¥§°±×÷©®™¢¡¿\ufffd")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``data`` starts with a Unicode byte-order mark, else None."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def declared_in_html(data: bytes) -> str | None:
    """The charset a ``<meta charset=...>`` or ``<meta http-equiv content="...; charset=...">`` in
    the first 4 KiB of an HTML page declares (lower-case), or None."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _utf8_multibyte(data: bytes) -> bool:
    if not any(b >= 0x80 for b in data[:SNIFF_BYTES]):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 3  # only a character cut at the end (a size cap)
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def misfits(text: str) -> int:
    """How many non-ASCII characters in ``text`` are neither letters nor common typography yet touch a
    letter (``og³osi³``, ``Rz¹d``: Polish read as Windows-1252); a wrong code page shows them."""
    count = 0
    for i, ch in enumerate(text):
        if ord(ch) < 0x80 or ch.isalpha() or ch.isspace() or ch in _TYPOGRAPHY:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalpha() or after.isalpha():
            count += 1
    return count


def guess_encoding(data: bytes) -> str:
    """The most likely encoding of undeclared, non-UTF-8 ``data`` (steps 4–5 of the module docs).

    Among charset_normalizer's candidates within :data:`TIE` of the lowest chaos, the one with
    the fewest :func:`misfits` wins; on a tie Windows-1252, else charset_normalizer's order.
    """
    from charset_normalizer import from_bytes

    sample = data if len(data) <= SNIFF_BYTES else data[: SNIFF_BYTES // 2] + data[-SNIFF_BYTES // 2 :]
    matches = list(from_bytes(sample))
    if not matches:
        return "cp1252"
    best = min(m.chaos for m in matches)
    ranked = []
    for order, m in enumerate(m for m in matches if m.chaos <= best + TIE):
        western = "cp1252" in m.could_be_from_charset or "latin_1" in m.could_be_from_charset or m.encoding == "cp1252"
        name = "cp1252" if western else m.encoding
        ranked.append((misfits(sample.decode(name, errors="replace")), not western, order, name))
    return min(ranked)[3]


def decode_bytes(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """``(text, encoding used)`` of ``data``; never raises for bad bytes (replacement characters).

    ``declared``: the charset the transport declared (HTTP ``Content-Type``), if any;
    ``html``: also honour a ``<meta>`` charset declaration. A character cut in half at the
    very end (by a size cap) is dropped rather than replaced. See the module docs for the order.
    """
    bom = bom_encoding(data)
    if bom:
        name, skip = bom
        return _decode(data[skip:], name), name
    for claim in (declared, declared_in_html(data) if html else None):
        name = _known(claim)
        if name is None:
            continue
        if name in ("utf-16", "utf-32") or name.startswith(("utf-16", "utf-32")):
            continue  # a page that claims UTF-16 without a BOM is ASCII-compatible in practice (meta was readable)
        if claim.lower() in _LATIN_DECLARED or name in ("cp1252", "latin_1", "ascii"):
            if _utf8_multibyte(data):
                return _decode(data, "utf-8"), "utf-8"
            name = "cp1252" if name in ("latin_1", "ascii") else name  # browsers read both as Windows-1252
        return _decode(data, name), name
    utf16 = _utf16_without_bom(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8 (with NULs)
    if utf16:
        return _decode(data, utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason.startswith("unexpected end"):
            return data[: exc.start].decode("utf-8"), "utf-8"
    name = guess_encoding(data)
    return _decode(data, name), name


def _decode(data: bytes, encoding: str) -> str:
    if encoding.startswith(("utf-16", "utf-32")):
        unit = 4 if encoding.startswith("utf-32") else 2
        data = data[: len(data) - len(data) % unit]
    text = data.decode(encoding, errors="replace")
    if encoding.startswith("utf-8") and text.endswith("\ufffd"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 3 and exc.reason.startswith("unexpected end"):
                return data[: exc.start].decode("utf-8", errors="replace")
    return text
