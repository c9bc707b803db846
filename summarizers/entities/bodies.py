"""Bodies the text names by a common noun: "the government" as an actor.

Articles about policy make "the government" act ("the Government has admitted ...", "the
government wants ...") without naming it; the gold annotations treat it as an actor. A
mention is "the government" (any case) with no possessor and no name before it ("the Blair
government", "Labour's government" are someone's government, not the body that acts here);
a descriptive adjective may stand between ("the federal government"). The body becomes one
organisation actor, "Government", when it is mentioned at least twice and acts (is the
subject of a verb) at least once; its mentions count for salience like a name's.
"""

from __future__ import annotations

from summarizers.entities.spans import Mention

_NOUNS = {"government"}
_MIN_MENTIONS = 2


def _is_body(t) -> bool:
    if t.lower_ not in _NOUNS or t.tag_ not in {"NN", "NNP"}:
        return False
    kids = list(t.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return False
    return not any(c.dep_ == "poss" or c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN"
                   or c.dep_ == "amod" and (c.ent_type_ or not c.is_lower) for c in kids)


def government_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of "the government" as one body (see the module docstring); [] when it is
    named fewer than twice or never acts. ``taken``: token positions already in a mention."""
    found = [t for t in doc if _is_body(t)]  # counted with the ones a name pass took ("The Government said")
    if len(found) < _MIN_MENTIONS or not any(t.dep_ in {"nsubj", "nsubjpass"} for t in found):
        return []
    return [Mention(t.i, t.i + 1, "Government", "organization", "BODY") for t in found if t.i not in taken]


def is_common_body(name: str) -> bool:
    """True for an actor named by the common noun of a body ("Government"), which the
    common-noun filters of :func:`summarizers.entities.exclusions.not_a_name` must keep."""
    return name.lower() in _NOUNS
