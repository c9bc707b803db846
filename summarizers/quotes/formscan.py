"""Whole-word occurrences of many literal forms (actors' names and aliases) in one scan of a text.

The quote extractor indexes every mention of the article's actors
(:meth:`summarizers.quotes.speakers.SpeakerContext.index_mentions`). One
``re.finditer(rf"(?<![\\w-]){re.escape(form)}(?![\\w-])", text)`` per form costs a pass over the
whole text per form: on a 100,000-character text with hundreds of names, over a second.
:func:`form_occurrences` gives every form's matches from a single pass.
"""

from __future__ import annotations

import re

_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def form_occurrences(text: str, forms: set[str]) -> dict[str, list[int]]:
    """Start offsets in ``text`` of each of ``forms`` (non-empty strings), as whole words.

    For each form the list is exactly the starts of
    ``re.finditer(rf"(?<![\\w-]){re.escape(form)}(?![\\w-])", text)``, in order: no word
    character or hyphen right before or after, and never overlapping the form's previous
    occurrence. One scan finds the places where some form may start (no word character or
    hyphen before, one of the forms' first characters there); at each, the forms with that
    first character are compared literally and checked for the boundary after them.
    Raises IndexError when a form is empty.
    """
    by_first: dict[str, list[str]] = {}
    for f in sorted(forms):
        by_first.setdefault(f[0], []).append(f)
    found: dict[str, list[int]] = {f: [] for f in forms}
    if not by_first:
        return found
    ends = dict.fromkeys(forms, 0)  # end of each form's last occurrence: finditer never overlaps them
    firsts = "".join(re.escape(c) for c in sorted(by_first))
    for m in re.finditer(rf"(?<![\w-])(?=[{firsts}])", text):
        start = m.start()
        for f in by_first[text[start]]:
            end = start + len(f)
            if start >= ends[f] and text.startswith(f, start) and not _WORD_OR_HYPHEN.match(text, end):
                found[f].append(start)
                ends[f] = end
    return found
