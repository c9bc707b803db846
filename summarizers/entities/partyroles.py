"""A party written right before a name as the person's affiliation: "Tory Lord Campbell",
"Lib Dem Norman Baker", "Republican John Hale".

The entity model strips a party prefix off a name ("Lib Dem Norman Baker" is "Norman Baker");
what it said about the person was lost, so "Tory Lord X" had no role at all.
:func:`role_by_party` gives it back as a role, the weakest kind (a title or an office the text
gives wins by :func:`summarizers.entities.rolecheck.role_score`).
"""

from __future__ import annotations

PARTIES = {
    "labour", "tory", "conservative", "lib dem", "liberal democrat", "republican", "democrat", "snp", "ukip", "plaid",
    "plaid cymru", "green", "unionist", "dup", "sinn fein", "respect", "sdlp", "independent",
}


def role_by_party(doc, start: int) -> str | None:
    """The party name (verbatim) of one to three capitalised words that ends right before the
    name starting at token ``start``, in its sentence, not itself after another proper noun
    ("New Labour MP" is handled by titles); None when there is none."""
    lo = doc[start].sent.start
    for k in (start - 3, start - 2, start - 1):  # the longest party name first: "Liberal Democrat"
        if k < lo:
            continue
        words = doc[k:start]
        if not all(t.text[:1].isupper() and t.is_alpha for t in words) or words.text.lower() not in PARTIES:
            continue
        if k - 1 >= lo and (doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha and doc[k - 1].pos_ != "DET"
                            or doc[k - 1].tag_ == "POS"):
            return None  # "New Labour", "Labour's": part of something else
        return words.text
    return None
