"""A party the text names only by its adjective: "Former Conservative leader X", "senior
Tory members, who say the party needs him", "Republican senators".

spaCy tags such an adjective NORP (a people or creed), and a NORP that is no plural noun is
no candidate actor, so a politics story whose party acts only through "the party" and its
members lost the party. When the text also speaks of a party with the noun ("the party",
"his party's defeat"), each such adjective is one mention of the party's organisation,
named the way the party is called ("Tory" is the Conservative Party). Adjectives that are
also ordinary words ("Green", "Liberal", "Independent", "Progressive") are left alone.
"""

from __future__ import annotations

from summarizers.document import tokens
from summarizers.entities.spans import Mention

#: Party adjective → the party's name.
PARTIES = {"Conservative": "Conservative Party", "Tory": "Conservative Party", "Republican": "Republican Party",
           "Democratic": "Democratic Party", "Democrat": "Democratic Party", "Labour": "Labour Party",
           "Communist": "Communist Party", "Socialist": "Socialist Party"}


def _speaks_of_a_party(doc) -> bool:
    return any(t.lower_ in {"party", "party's"} and t.pos_ == "NOUN" for t in tokens(doc))


def party_adjective_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of a party named by its adjective (see the module docstring): one
    organisation :class:`Mention` per adjective token that modifies a noun or a name ("Tory
    MP", "Conservative leader William Hague"), when the text uses the noun "party" too.
    ``taken``: token positions already in a mention (a tagged "the Conservatives" is one).
    [] when the text never says "party"."""
    if not _speaks_of_a_party(doc):
        return []
    out = []
    for t in tokens(doc):
        name = PARTIES.get(t.text)
        if name is None or t.i in taken or t.dep_ not in {"amod", "compound", "nmod"}:
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in {"party", "parties"}:
            continue  # "the Conservative party" is a name a tagger or the body pass takes whole
        if t.head.i <= t.i or t.head.pos_ not in {"NOUN", "PROPN"}:
            continue
        out.append(Mention(t.i, t.i + 1, name, "organization", "PARTY"))
    return out
