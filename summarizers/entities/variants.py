"""A bare surname spelt another way than a person's full name: "Zelenskiy" beside "Volodymyr
Zelensky", "Hauser said" beside "Trevor Houser". Transliterations and typing slips give one
person two spellings in one article; spaCy then makes the odd form a second person (or an
organisation, when the tagger guessed so). A one-word actor is the same person when its word
is a spelling variant of exactly one full-named person's surname, and no person carries that
word itself as a surname. Variants are narrow on purpose (a wrong merge makes a wrong
speaker): one vowel for another in a word of at least five letters with the same first
letter ("Hauser"/"Houser"; not "Johnson"/"Johnston", "Smith"/"Smyth"), or the Slavic ending
"-y"/"-iy"/"-yy" ("Zelensky"/"Zelenskiy"/"Zelenskyy").
Read by :func:`summarizers.entities.actors.extract_actors` on its clusters (objects with
``name``, ``type``, ``tokens``, ``forms``, ``mentions``).
"""

from __future__ import annotations

from summarizers.entities.names import fold, spelling_variants

_VOWELS = set("aeiou")


def _variant(word: str, surname: str) -> bool:
    """True when ``word`` and ``surname`` are one surname spelt two ways."""
    a, b = fold(word), fold(surname)
    if a == b:
        return False
    if len(a) == len(b) and spelling_variants(["x", word], ["x", surname]):
        k = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
        if a[k] in _VOWELS and b[k] in _VOWELS:
            return True  # "Hauser"/"Houser"; not "Smith"/"Smyth"
    # "Zelenskiy"/"Zelenskyy"/"Zelensky": the Slavic ending transliterated three ways
    stems = {a[:-2] if a.endswith(("iy", "yy", "yi")) else a[:-1] if a.endswith("y") else None,
             b[:-2] if b.endswith(("iy", "yy", "yi")) else b[:-1] if b.endswith("y") else None}
    return None not in stems and len(stems) == 1 and len(a) >= 6 and len(b) >= 6


def merge_surname_variants(people: list, others: list) -> tuple[list, list]:
    """``(people, others)`` with every one-word person or organisation cluster whose word is a
    spelling variant of exactly one full-named person's surname merged into that person
    (mentions and forms added). Input and output: lists of clusters (see the module
    docstring); the lists are new, the merged clusters are dropped."""
    full = [p for p in people if len(p.tokens) >= 2]
    surnames = {fold(p.tokens[-1]) for p in full}
    by_initial: dict[str, list] = {}
    for p in full:  # a variant keeps its first letter: compare within one initial only
        by_initial.setdefault(fold(p.tokens[-1])[:1], []).append(p)
    merged: set[int] = set()
    for c in people + others:
        if c.type not in {"person", "organization"} or len(c.tokens) != 1:
            continue
        word = c.tokens[0]
        if fold(word) in surnames or not word[:1].isupper() or word.isupper():
            continue
        owners = [p for p in by_initial.get(fold(word)[:1], []) if _variant(word, p.tokens[-1])]
        if len(owners) != 1:
            continue
        owner = owners[0]
        owner.mentions.extend(c.mentions)
        owner.forms |= set(c.forms) | {c.name}
        merged.add(id(c))
    return [p for p in people if id(p) not in merged], [o for o in others if id(o) not in merged]


_KNIGHTHOODS = {"sir": "Sir", "dame": "Dame"}


def knighted_name(doc, cluster) -> str:
    """The display name of a person the text calls "Sir"/"Dame" before their full name ("Sir
    Menzies Campbell", "Dame Shirley Porter"): the title is part of how the person is named,
    as "Lord Butler" is. Other clusters keep their name. Input: the spaCy doc and a cluster
    (``name``, ``type``, ``tokens``, ``mentions`` with token offsets); output: a name."""
    if cluster.type != "person" or len(cluster.tokens) < 2 or cluster.tokens[0].lower() in _KNIGHTHOODS:
        return cluster.name
    for m in cluster.mentions:
        k = m.start - 1
        if k >= 0 and m.end - m.start >= 2 and doc[k].lower_ in _KNIGHTHOODS and doc[k].text[:1].isupper():
            return f"{_KNIGHTHOODS[doc[k].lower_]} {cluster.name}"
    return cluster.name
