"""The shared parse: one spaCy pass over a cleaned article, read by every summarizer."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizers.model import ArticleMeta


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
        import bisect

        return max(0, bisect.bisect_right(self.paragraph_starts, char_offset) - 1)


TEXT_KEY = "briefbot.text"
"""``doc.user_data`` key of the text a :func:`parse` ``Doc`` was made from (read by :func:`span_text`)."""


def span_text(span) -> str:
    """``span.text`` of a spaCy ``Span``, sliced from the text its ``Doc`` was parsed from when
    :func:`parse` kept it (``Span.text`` builds a ``Token`` object per token on every call; the
    slice is the same string, as a ``Doc``'s tokens and their whitespace tile its text)."""
    text = span.doc.user_data.get(TEXT_KEY)
    return span.text if text is None else text[span.start_char:span.end_char]


def parse(meta: ArticleMeta, paragraphs: list[str], nlp) -> Document:
    """Join ``paragraphs`` with blank lines and parse them once with ``nlp``.

    Every paragraph starts a new sentence (a heading or caption is never glued to the
    paragraph after it): the first token of each paragraph is marked as a sentence start
    before the pipeline runs, and spaCy's parser keeps preset boundaries.
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
    doc.user_data[TEXT_KEY] = text
    return Document(meta=meta, text=text, doc=doc, paragraph_starts=starts, paragraphs=list(paragraphs))
