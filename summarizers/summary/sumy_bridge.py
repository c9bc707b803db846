"""A bridge from our spaCy parse to sumy, so sumy never needs NLTK data.

sumy's stock ``sumy.nlp.tokenizers.Tokenizer`` splits with NLTK's punkt model, which must be
downloaded at run time (``nltk.download('punkt_tab')``) and so fails on a fresh or offline
machine. sumy only needs *an object* with ``to_sentences(text)``, ``to_words(text)`` and
``language``; :class:`SpacyTokenizer` provides it from the same spaCy pipeline the rest of
the engine uses, and :func:`build_sumy_document` builds sumy's document model
(``ObjectDocumentModel`` / ``Paragraph`` / ``Sentence``) directly from sentences we already
parsed, so no text is split twice.

sumy's English stemmer (NLTK's Snowball, pure code) and its bundled English stop-word list
need no downloaded data either; ``tests/test_summary.py`` checks this with ``NLTK_DATA``
pointing at an empty directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

from summarizers.document import span_text

# sumy's own rule for what counts as a word: starts with a letter, then letters, ' or -.
_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['\-])*$")


def words_of(tokens) -> tuple[str, ...]:
    """The words sumy should see in an iterable of spaCy tokens (punctuation and numbers dropped)."""
    return tuple(t.text for t in tokens if _WORD_RE.match(t.text))


class SpacyTokenizer:
    """sumy tokenizer protocol (``language``, ``to_sentences``, ``to_words``) on spaCy.

    ``nlp`` is a loaded spaCy ``Language`` (or None: words by a regex split). Words of sentences registered with
    :meth:`remember` are served from that parse; other text is tokenized with the
    pipeline's tokenizer only (no tagging, fast). ``to_sentences`` runs the full pipeline
    (the parser sets sentence boundaries). Thread-safety: one instance per document.
    """

    language = "english"

    def __init__(self, nlp):
        self._nlp = nlp
        self._words: dict[str, tuple[str, ...]] = {}

    def remember(self, text: str, tokens) -> None:
        """Record the words of sentence ``text`` from its already-parsed spaCy ``tokens``."""
        self._words[text.strip()] = words_of(tokens)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of ``paragraph`` (str) as stripped strings, by spaCy's parser."""
        if self._nlp is None:
            return tuple(p.strip() for p in re.split(r"(?<=[.!?])\s+", paragraph) if p.strip())
        return tuple(s.text.strip() for s in self._nlp(paragraph).sents if s.text.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words of ``sentence`` (str): alphabetic tokens, punctuation and numbers removed."""
        key = sentence.strip()
        cached = self._words.get(key)
        if cached is not None:
            return cached
        if self._nlp is None:
            return tuple(w for w in re.findall(r"[^\W\d_][\w'\-]*", key) if _WORD_RE.match(w))
        return words_of(self._nlp.tokenizer(key))


@dataclass(frozen=True)
class SumySentence:
    """One candidate sentence handed to sumy: its index among the candidates and its sumy object."""

    index: int
    sentence: Sentence


def build_sumy_document(groups: list[list], nlp, title: str | None = None):
    """Build sumy's ``ObjectDocumentModel`` from spaCy sentence spans grouped by paragraph.

    ``groups`` is a list of paragraphs, each a list of spaCy ``Span`` sentences in article
    order; ``title`` (optional) becomes a heading of the first paragraph (Edmundson's title
    and location methods read headings). Returns ``(document, sentences)`` where
    ``sentences`` lists the sumy ``Sentence`` objects in article order (the same objects
    sumy returns, so a result maps back by identity).
    """
    tokenizer = SpacyTokenizer(nlp)
    paragraphs, ordered = [], []
    for p_index, spans in enumerate(groups):
        items = []
        if p_index == 0 and title:
            items.append(Sentence(title, tokenizer, is_heading=True))
        for span in spans:
            text = span_text(span).strip()
            tokenizer.remember(text, span)
            sentence = Sentence(text, tokenizer)
            items.append(sentence)
            ordered.append(sentence)
        if items:
            paragraphs.append(Paragraph(items))
    return ObjectDocumentModel(paragraphs), ordered
