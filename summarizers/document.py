"""The shared parse: one spaCy pass over a cleaned article, read by every summarizer."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from summarizers.model import ArticleMeta
from summarizers.parsefix import (repair_name_lists, repair_noun_roots, repair_postnominals,
                                  repair_reporting_conjuncts, repair_subjectless_roots)


@dataclass
class Document:
    """A cleaned article and its spaCy parse.

    ``text`` is the cleaned body (paragraphs joined by ``\\n\\n``); ``doc`` the spaCy ``Doc``
    of exactly ``text``, so character offsets agree; ``paragraph_starts`` the character
    offset at which each paragraph begins; ``paragraphs`` the cleaned paragraphs themselves.
    """

    meta: ArticleMeta
    text: str
    doc: object  # spacy.tokens.Doc
    paragraph_starts: list[int]
    paragraphs: list[str] = field(default_factory=list)

    def paragraph_span(self, index: int) -> tuple[int, int]:
        """Character offsets ``(start, end)`` of paragraph ``index`` in :attr:`text`."""
        start = self.paragraph_starts[index]
        end = self.paragraph_starts[index + 1] - 2 if index + 1 < len(self.paragraph_starts) else len(self.text)
        return start, end

    @property
    def sentences(self) -> list:
        """The sentences as spaCy ``Span`` objects, in article order."""
        return list(self.doc.sents)

    def paragraph_of(self, char_offset: int) -> int:
        """Index of the paragraph containing ``char_offset`` (0-based)."""
        return max(0, bisect.bisect_right(self.paragraph_starts, char_offset) - 1)


TEXT_KEY = "briefbot.text"
"""``doc.user_data`` key of the text a :func:`parse` ``Doc`` was made from (read by :func:`span_text`)."""


def span_text(span) -> str:
    """``span.text`` of a spaCy ``Span``, sliced from the text its ``Doc`` was parsed from when
    :func:`parse` kept it (``Span.text`` builds a ``Token`` object per token on every call; the
    slice is the same string, as a ``Doc``'s tokens and their whitespace tile its text)."""
    text = span.doc.user_data.get(TEXT_KEY)
    return span.text if text is None else text[span.start_char:span.end_char]


ENTS_KEY = "briefbot.ents"
"""``doc.user_data`` key of the entities of a ``Doc`` and their starts (kept by :func:`doc_ents`)."""


def _ents_index(doc) -> tuple[tuple, list[int]]:
    index = doc.user_data.get(ENTS_KEY)
    if index is None:
        ents = doc.ents
        index = (ents, [e.start for e in ents])
        doc.user_data[ENTS_KEY] = index
    return index


def doc_ents(doc) -> tuple:
    """``doc.ents`` of a spaCy ``Doc`` (the entity ``Span`` objects in text order), built once per
    ``Doc`` and kept in its ``user_data``: ``Doc.ents`` walks every token and makes new spans on
    each call, so calling it per actor or per sentence made extraction quadratic on a long text.
    The entities must not be changed after the first call (the parse never changes them)."""
    return _ents_index(doc)[0]


def span_ents(span) -> list:
    """``span.ents`` of a spaCy ``Span``: the entities lying wholly inside it, in text order (a
    new list; the spans are those of :func:`doc_ents`). Found by bisection instead of
    ``Span.ents``, which builds ``doc.ents`` anew on every call."""
    ents, starts = _ents_index(span.doc)
    out = []
    for k in range(bisect.bisect_left(starts, span.start), len(ents)):
        e = ents[k]
        if e.end > span.end:
            break
        out.append(e)
    return out


SENT_KEY = "briefbot.sentence_starts"
"""``doc.user_data`` key of the first token of each token's sentence (kept by :func:`sentence_start`)."""


def sentence_start(doc, i: int) -> int:
    """``doc[i].sent.start``: the index of the first token of the sentence holding token ``i`` of a
    parsed ``Doc``, from a table built once per ``Doc`` (``Token.sent`` walks back to the sentence
    start and builds a ``Span`` on every call). Raises IndexError for ``i`` outside the doc and
    ValueError (spaCy's) for a ``Doc`` without sentence boundaries."""
    starts = doc.user_data.get(SENT_KEY)
    if starts is None:
        starts = []
        for sent in doc.sents:
            starts.extend([sent.start] * (sent.end - sent.start))
        doc.user_data[SENT_KEY] = starts
    if i < 0:
        raise IndexError(i)
    return starts[i]


TOKENS_KEY = "briefbot_tokens"
"""``doc.user_data`` key of the list of a ``Doc``'s tokens (kept by :func:`tokens`)."""


def tokens(doc) -> list:
    """Every token of ``doc`` as one list, made once per ``Doc`` and kept in its ``user_data``:
    iterating a ``Doc`` builds a new ``Token`` object per token on every pass, and the entity
    passes walk the whole text a dozen times. A ``Span`` gets a fresh list (no cache)."""
    data = getattr(doc, "user_data", None)
    if data is None:
        return list(doc)
    cached = data.get(TOKENS_KEY)
    if cached is None or len(cached) != len(doc):
        cached = data[TOKENS_KEY] = list(doc)
    return cached


def parse(meta: ArticleMeta, paragraphs: list[str], nlp) -> Document:
    """Join ``paragraphs`` with blank lines and parse them once with ``nlp``.

    Every paragraph starts a new sentence (a heading or caption is never glued to the
    paragraph after it): the first token of each paragraph is marked as a sentence start
    before the pipeline runs, and spaCy's parser keeps preset boundaries. Two known parse
    errors that hide a clause's subject are then repaired (:mod:`summarizers.parsefix`).
    """
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 2
    text = "\n\n".join(paragraphs)
    doc = nlp.make_doc(text)
    first_tokens = set(starts)
    for token in doc:
        if token.idx in first_tokens:
            token.is_sent_start = True
    for _name, component in nlp.pipeline:
        doc = component(doc)
    if doc.has_annotation("DEP"):
        repair_postnominals(doc)
        repair_name_lists(doc)
        repair_noun_roots(doc)
        repair_subjectless_roots(doc)
        repair_reporting_conjuncts(doc)
    doc.user_data[TEXT_KEY] = text
    return Document(meta=meta, text=text, doc=doc, paragraph_starts=starts, paragraphs=list(paragraphs))
