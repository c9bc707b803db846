"""Where a reporting verb stands in its sentence: inside reported content or another
embedded clause, or the "saying" of "quoted X as saying".

Read by :mod:`summarizers.quotes.speakers` and :mod:`summarizers.quotes.attribution` (a verb of
saying inside someone's reported speech names no new speaker of the quotation).
"""

from __future__ import annotations

_EMBEDDED = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"}  # clause deps below a main verb


def embedded(verb) -> bool:
    """True for a verb inside reported content or another clause below a main verb, also
    through coordination ("he said the NHS needed to create ... rather than respond")."""
    v = verb
    for _ in range(6):
        if v.dep_ in _EMBEDDED:
            return True
        if v.dep_ != "conj" or v.head.i == v.i:
            return False
        v = v.head
    return False


def quoted_as_saying(verb):
    """The object of "quote X as saying" when ``verb`` is that "saying", else None."""
    if verb.lemma_.lower() != "say" or verb.head.lower_ != "as":
        return None
    quote = verb.head.head
    if quote.lemma_.lower() not in {"quote", "cite"}:
        return None
    return next((c for c in quote.children if c.dep_ in {"dobj", "nsubjpass"}), None)
