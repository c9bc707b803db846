"""Shortcuts taken for speed give exactly what the plain spaCy/regex calls give."""

from __future__ import annotations

import random

from summarizers.document import parse, span_text
from summarizers.model import ArticleMeta
from summarizers.summary.candidates import _FURNITURE_RE, has_finite_verb, is_furniture

PARAGRAPHS = [
    "Harbour Minister Ilse Varga opened the new ferry terminal in Portmallow on Tuesday.  ",
    "\"It is a good day for the islands,\" she said , adding that fares would fall.\tMore boats follow.",
    "Caption:  the terminal at dawn   ",
    "Ticket sales rose by 12% ; the operator, Brightwater Lines, hired 40 staff.",
]


def test_span_text_is_span_text_of_the_parsed_text(nlp):
    document = parse(ArticleMeta(title="Ferries"), PARAGRAPHS, nlp)
    spans = list(document.doc.sents) + list(document.doc.ents) + list(document.doc.noun_chunks)
    spans += [document.doc[k:k + 3] for k in range(len(document.doc) - 3)]
    assert spans
    for span in spans:
        assert span_text(span) == span.text, span.text
    plain = nlp("A doc not made by parse: it has no kept text.  ")  # falls back to Span.text
    assert [span_text(s) for s in plain.sents] == [s.text for s in plain.sents]


def test_is_furniture_matches_the_case_insensitive_pattern():
    pieces = ["Read MORE", "read more", "Skip To content", "SUBSCRIBE", "the subscriber", "Photo: X",
              "Image Caption", "© Agency", "12 Comments", "Comments (3)", "related: x", "RELATED :",
              "Getty Images", "ſubscribe", "ſkip to", "K", "a Kelvin", "café", "İmage:", " ", "\n", "."]
    rnd = random.Random(7)
    texts = pieces + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 4))) for _ in range(2000)]
    for text in texts:
        assert is_furniture(text) == bool(_FURNITURE_RE.search(text)), text


def test_finite_verb_with_a_given_word_count_is_the_same(nlp):
    document = parse(ArticleMeta(), PARAGRAPHS, nlp)
    for span in document.doc.sents:
        words = len([t for t in span if t.is_alpha or t.like_num])
        assert has_finite_verb(span, words) == has_finite_verb(span)
