"""``re.finditer`` of a term pattern, tried only where one of its terms' literal prefixes starts.

A taxonomy issue's pattern (:class:`summarizers.issues.rank.IssueTerms`) is
``(?<!\\w)(?:(lit1\\w*)|(lit2)|...)(?!\\w)``: every alternative begins with a literal. Python's
``re`` cannot skip ahead to such places (the leading lookbehind defeats its literal-prefix and
charset optimisations), so ``finditer`` tries every alternative at every character; over a
taxonomy of 19 issues this was most of the issues stage. :func:`anchored_finditer` finds the
literals' occurrences with ``str.find`` and tries ``pattern.match`` there only, left to right,
skipping positions inside the previous match. That is exactly ``pattern.finditer(text)`` (the
same non-overlapping, leftmost matches; ``match`` at a position still sees the characters before
it, so the lookbehind holds) whenever every match of ``pattern`` starts with one of ``literals``
and no literal is empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def term_literal(term: str) -> str:
    """The literal a folded term's regex (:func:`config.topics.term_regex`) starts with: the term
    without its prefix marker (``migra*`` -> ``migra``)."""
    return term[:-1] if term.endswith("*") else term


def literal_anchors(terms: list[str]) -> tuple[str, ...] | None:
    """The literals to look for so that every match of ``terms``' pattern starts at one of them:
    the shortest ones (an occurrence of "elections" is one of "election"). None when a term's
    literal is empty (a pattern that may match the empty string: use plain ``finditer``)."""
    literals = sorted({term_literal(t) for t in terms}, key=lambda s: (len(s), s))
    if not literals or not literals[0]:
        return None
    kept: list[str] = []
    for lit in literals:
        if not any(lit.startswith(k) for k in kept):
            kept.append(lit)
    return tuple(kept)


def anchored_finditer(pattern: re.Pattern[str], anchors: tuple[str, ...] | None, text: str) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text)``, in order, found by trying ``pattern`` only where
    one of ``anchors`` (from :func:`literal_anchors`) occurs; plain ``finditer`` when ``anchors``
    is None."""
    if anchors is None:
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for lit in anchors:
        i = text.find(lit)
        while i >= 0:
            starts.add(i)
            i = text.find(lit, i + 1)
    end = 0
    for pos in sorted(starts):
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            yield m
            end = m.end()
