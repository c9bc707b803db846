"""The shared parse: one spaCy pass over a cleaned article, read by every summarizer."""

from __future__ import annotations

from dataclasses import dataclass

from summarizers.model import ArticleMeta


@dataclass
class Document:
    """A cleaned article and its spaCy parse.

    ``text`` is the cleaned body (paragraphs joined by ``\\n\\n``); ``doc`` the spaCy ``Doc``
    of exactly ``text``, so character offsets agree; ``paragraph_starts`` the character
    offset at which each paragraph begins.
    """

    meta: ArticleMeta
    text: str
    doc: object  # spacy.tokens.Doc
    paragraph_starts: list[int]

    @property
    def sentences(self) -> list:
        """The sentences as spaCy ``Span`` objects, in article order."""
        return list(self.doc.sents)

    def paragraph_of(self, char_offset: int) -> int:
        """Index of the paragraph containing ``char_offset`` (0-based)."""
        import bisect

        return max(0, bisect.bisect_right(self.paragraph_starts, char_offset) - 1)


def parse(meta: ArticleMeta, paragraphs: list[str], nlp) -> Document:
    """Join ``paragraphs`` with blank lines and parse them once with ``nlp``."""
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 2
    text = "\n\n".join(paragraphs)
    return Document(meta=meta, text=text, doc=nlp(text), paragraph_starts=starts)
