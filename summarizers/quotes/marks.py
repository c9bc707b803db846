"""Finding quotation spans in a paragraph: straight, curly and mixed marks.

:func:`find_quote_spans` scans one paragraph character by character. Curly marks say
which way they face; a straight ``"`` opens when it follows a space or the paragraph start
and closes when it follows a word. A new opening mark while a quotation is still open
closes the open one (newswire style, where a quotation continued over several paragraphs
or sentences re-opens without closing: ``"A. "B."``); a quotation still open at the end
of the paragraph runs to its end. Doubled single marks (’’, '', ‘‘, ``) count as one
double mark. Single marks (‘ ’ ') are used as top-level quotation
marks only in a paragraph with no double marks, and never when they sit between two
letters (apostrophes).
"""

from __future__ import annotations

from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_OPEN_CONTEXT = " \t\n([{—–-/:;"


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation in a paragraph: ``start``/``end`` of the whole span including marks,
    ``inner_start``/``inner_end`` of the words inside them, and whether it was closed."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


def _span(text: str, open_at: int, end: int, closed: bool) -> QuoteSpan | None:
    inner_start, inner_end = open_at + 1, end - 1 if closed else end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    if inner_end <= inner_start:
        return None
    return QuoteSpan(open_at, end if closed else inner_end, inner_start, inner_end, closed)


def _scan(text: str, marks: str, opens: str, closes: str, straight: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in marks:
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in opens:
            kind = "open"
        elif ch in closes:
            kind = "close"
        else:  # straight mark: decide from its neighbours
            if ch in "'’" and prev.isalnum() and nxt.isalnum():
                continue  # apostrophe
            if prev in _OPEN_CONTEXT or i == 0:
                kind = "open" if not nxt.isspace() else "close"
            elif nxt.isspace() or nxt in ",.;:!?)]—–-" or i + 1 == n:
                kind = "close"
            else:
                kind = "close" if open_at is not None else "open"
        if kind == "close" and ch in "’'" and prev.isalpha() and nxt.isalpha():
            continue  # apostrophe inside a word
        if kind == "open":
            if open_at is not None:
                sp = _span(text, open_at, i, closed=False)
                if sp:
                    spans.append(sp)
            open_at = i
        else:
            if open_at is None:
                continue
            sp = _span(text, open_at, i + 1, closed=True)
            if sp:
                spans.append(sp)
            open_at = None
    if open_at is not None:
        sp = _span(text, open_at, n, closed=False)
        if sp:
            spans.append(sp)
    return spans


_PAIRS = (("’’", "”’"), ("‘‘", "‘“"), ("''", "”'"), ("``", "`“"))


def _pair_marks(text: str) -> str:
    """Doubled single marks as a double mark, same length: AP-style ``voters,’’ Will`` closes
    with ’’, typewriter style opens with `` and closes with ''."""
    for pair, repl in _PAIRS:
        if pair in text:
            text = text.replace(pair, repl)
    return text


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Top-level quotation spans of one paragraph ``text``, in order (offsets into ``text``)."""
    text = _pair_marks(text)
    doubles = _scan(text, '"“”„«»', _DOUBLE_OPEN, _DOUBLE_CLOSE, '"')
    if doubles:
        return doubles
    singles = _scan(text, "‘’'‹›", "‘‹", "›", "'")
    out = []
    for sp in singles:
        # a closing ’ between letters is an apostrophe; require an explicit close for singles
        if sp.closed:
            out.append(sp)
    return out
