"""Offices given to a pair of people by a parallel description.

News text often names two people together and later refers to them by their offices in the
same order: "MPs criticised Ana Ruiz and Tomas Berg over their rift ... The prime minister and
chancellor faced backbench discontent". :func:`roles_by_parallel` reads that document-level
parallelism (the "respectively" reading of coordinated descriptions):

* an *office pair* is a coordination of two offices that one person holds at a time
  (:data:`~summarizers.entities.officeroles.UNIQUE_OFFICES`), definite or after "between":
  "the prime minister and chancellor", "between prime minister and chancellor";
* a *person pair* is a coordination of two people ("Ruiz and Berg") or "A's feud/row with B";
* when the text has exactly one office pair (in one order) and exactly one person pair whose
  members have no other role, the first office goes to the first person and the second to the
  second; two candidate pairs, or offices paired in both orders, give nothing (a wrong role is
  worse than none).

Used by :func:`summarizers.entities.actors.extract_actors` after the per-mention roles.
"""

from __future__ import annotations

from summarizers.document import tokens
from summarizers.entities.officeroles import UNIQUE_OFFICES


def _office(t) -> str | None:
    """The office phrase a noun heads ("prime minister"), when it is one of the unique offices."""
    mods = [c for c in t.children if c.dep_ in {"compound", "amod"} and c.i < t.i]
    words = [m.lower_ for m in mods] + [t.lower_]
    phrase = " ".join(words)
    return phrase if phrase in UNIQUE_OFFICES and t.text.islower() else None


def _office_pairs(doc) -> set[tuple[str, str]]:
    pairs = set()
    for t in tokens(doc):
        if t.pos_ not in {"NOUN", "PROPN"} or not t.text.islower():
            continue
        first = _office(t)
        if first is None:
            continue
        lo = min([c.i for c in t.children if c.dep_ in {"compound", "amod"} and c.i < t.i] + [t.i])
        definite = lo > 0 and doc[lo - 1].lower_ in {"the", "between"}  # the parser may hang "the" elsewhere
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}:
                second = _office(c)
                if second and second != first and definite:
                    pairs.add((first, second))
    return pairs


def _root(doc, start: int, end: int):
    return next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), doc[end - 1])


def _person_pairs(doc, owner: dict[int, int]) -> set[tuple[int, int]]:
    """Ordered pairs of person keys (``owner`` maps a token position to its person's key)."""
    pairs = set()
    for i, key in owner.items():
        t = doc[i]
        partners = [c for c in t.children if c.dep_ == "conj"]
        if t.dep_ == "poss":  # "A's feud with B"
            partners += [g for p in t.head.children if p.dep_ == "prep" and p.lower_ == "with"
                         for g in p.children if g.dep_ == "pobj"]
        for c in partners:
            other = owner.get(c.i)
            if other is not None and other != key:
                pairs.add((key, other))
    return pairs


def roles_by_parallel(doc, people: dict[int, list[tuple[int, int]]], roles: dict[int, str | None]) -> dict[int, str]:
    """New roles ``{person key: office}`` from the parallelism described above.

    Input: ``people`` maps a person key to its mentions' token spans, ``roles`` the roles
    found so far (a person with a role gets nothing new). Output: at most two roles; empty
    when the text is not unambiguous."""
    offices = _office_pairs(doc)
    if len(offices) != 1:
        return {}
    owner = {}
    for key, spans in people.items():
        for s, e in spans:
            owner[_root(doc, s, e).i] = key
    (first, second), = offices

    def fits(key: int, office: str) -> bool:
        role = roles.get(key)
        return role is None or office in role.lower()

    # a pair where someone already has another role is no candidate ("Prescott and Milburn")
    pairs = {(a, b) for a, b in _person_pairs(doc, owner) if fits(a, first) and fits(b, second)}
    if len(pairs) != 1:
        return {}
    (a, b), = pairs
    return {key: office for key, office in ((a, first), (b, second)) if roles.get(key) is None}
