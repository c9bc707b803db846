"""Capitalised name runs a reporting verb follows within their clause: speakers a small
parser lost ("Rodrigo Montes de Oca of the Mexico Institute told DW").

Read by :func:`summarizers.entities.mentions.candidates`, which makes such a run a person
mention when the tagger missed it. A run after a preposition ("in South Carolina, he said")
is a place, and a run right before a lower-case office noun and another name ("Conservative
Shadow chancellor Ana Ruiz said") is that name's title: neither is returned.
"""

from __future__ import annotations

from summarizers.entities.names import SPEECH_VERBS
from summarizers.entities.roleterms import ROLE_NOUNS
from summarizers.entities.spans import proper_run


def attributed_runs(doc) -> list[int]:
    """Last tokens (indices) of capitalised runs followed within their clause (25 tokens at
    most, up to a sentence end, quotation mark or pronoun) by a reporting verb, or right after
    one ("said Ana Ruiz"). Never raises.

    Small parsers often lose the subject of "X of the Y Institute told DW" next to a
    quotation; this textual pattern finds "X" anyway.
    """
    out = []
    i = 0
    n = len(doc)
    while i < n:
        run = proper_run(doc, i) if doc[i].text[:1].isupper() else None
        if not run or run[0] != i:
            i += 1
            continue
        s, e = run
        if s > 0 and doc[s - 1].pos_ == "ADP" or e + 1 < n and doc[e].is_lower and doc[e].lemma_ in ROLE_NOUNS \
                and doc[e + 1].text[:1].isupper():
            i = e  # "in South Carolina, he said": a place; "Conservative Shadow chancellor Ana Ruiz said": a title
            continue
        j = e
        while j < min(n, e + 25):
            t = doc[j]
            if t.text in {".", "!", "?", "\"", "“", "”", ";"} or t.is_space or t.pos_ == "PRON":
                break
            if t.pos_ in {"VERB", "AUX"}:
                if t.lemma_.lower() in SPEECH_VERBS:
                    out.append(e - 1)
                break
            j += 1
        if s > 0 and doc[s - 1].lemma_.lower() in SPEECH_VERBS - {"tell"} and doc[s - 1].pos_ == "VERB":
            out.append(e - 1)
        i = e
    return out
