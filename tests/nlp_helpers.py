"""Helpers for the NLP tests: brief an invented article through our own functions."""

from __future__ import annotations

from summarizers.entities.actors import extract_actors
from summarizers.document import parse
from summarizers.model import ArticleMeta
from summarizers.quotes.attribution import extract_quotes
from summarizers.textclean import clean_paragraphs


def analyse(nlp, text: str, **meta):
    """(document, actors, quotes) of ``text`` cleaned, parsed and analysed."""
    m = ArticleMeta(**meta)
    document = parse(m, clean_paragraphs(text, m), nlp)
    actors = extract_actors(document)
    return document, actors, extract_quotes(document, actors)


def speaker_of(quotes, start: str):
    """The speaker of the quote whose text starts with ``start`` (AssertionError if absent)."""
    for q in quotes:
        if q.text.startswith(start):
            return q.speaker
    raise AssertionError(f"no quote starting {start!r} in {[q.text for q in quotes]}")


def role_of(actors, name: str):
    """The role of the actor called ``name`` (StopIteration if there is none)."""
    return next(a.role for a in actors if a.name == name)
