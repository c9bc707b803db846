"""Collective actors the text names by a plain plural noun: "protesters", "teachers",
"prosecutors".

News stories often make a crowd or a profession act without naming any member ("Police fired
teargas at protesters", "Teachers marched on the statehouse", "Prosecutors dropped the
case"). When the text returns to one such noun at least :data:`MIN_MENTIONS` times as the
head of a noun phrase (not as a modifier: "student loans" is no mention of students), the
noun becomes one group actor. Its name is the most frequent modified form the text uses twice
or that says where the group is from ("Swedish prosecutors", "hunt protesters"; a form used once
such as "new teachers" is a part of the group; modifiers of number or rank such as "eight",
"other", "many", and "fellow" (a relation to the speaker) are dropped), else the bare plural.
"The police" is left out (most often a named force's short form). A collective's mentions
weigh less than a name's in the salience ranking (acting and speaking count as for any
actor), and it never speaks a quotation (which of its members spoke is not decided; the
engine attributes quotes without collectives). Read by
:func:`summarizers.entities.bodies.group_mentions`.
"""

from __future__ import annotations

from collections import Counter

from summarizers.document import tokens
from summarizers.entities.spans import Mention

#: Plural nouns of crowds and professions that act in news as one body (lemma → type).
COLLECTIVES = {
    "protester": "group", "demonstrator": "group", "activist": "group", "striker": "group", "rioter": "group",
    "troop": "group", "soldier": "group", "rebel": "group", "militant": "group",
    "insurgent": "group", "student": "group", "teacher": "group", "worker": "group", "doctor": "group",
    "nurse": "group", "farmer": "group", "voter": "group", "resident": "group", "migrant": "group",
    "refugee": "group", "prosecutor": "group", "investigator": "group", "lawmaker": "group", "legislator": "group",
    "shareholder": "group", "investor": "group", "parent": "group", "pupil": "group", "fan": "group",
    "firefighter": "group", "miner": "group", "union": "group", "campaigner": "group",
    "gunman": "group", "attacker": "group", "assailant": "group", "hijacker": "group", "kidnapper": "group",
}
MIN_MENTIONS = 3
#: Words that tie people to a body: "militants linked to X", "troops loyal to X".
TIED = {"link", "linked", "loyal", "affiliate", "affiliated", "tie", "tied", "connect", "connected", "ally", "allied",
        "align", "aligned"}
#: Nouns of people who act for a body: "members of X", "thousands of X's supporters".
MEMBERS = {"member", "fighter", "militant", "supporter", "activist", "official", "leader", "head", "chief",
           "spokesman", "spokeswoman", "spokesperson", "thousands", "hundreds", "dozens", "scores"}
#: Nouns that name one group under two words in one story ("Gunmen opened fire ... The attackers
#: stormed ..."): counted together under the first word's lemma.
SAME_GROUP = {"attacker": "gunman", "assailant": "gunman", "demonstrator": "protester", "legislator": "lawmaker",
              "soldier": "troop"}
_DROP = {"other", "many", "some", "several", "more", "most", "all", "few", "such", "these", "those", "the", "a",
         "an", "their", "our", "its", "his", "her", "your", "my", "both", "any", "no", "two", "three", "four",
         "fellow"}


def _tied_to_body(t) -> bool:
    """True when the plural ``t`` is tied to a named body ("militants linked to the Islamic
    State", "fighters loyal to Hamas", "supporters of Ennahda"): those mentions are the body's
    followers acting for it (see :func:`summarizers.entities.salience.acting_verb`), not a
    group of their own."""
    for c in t.children:
        preps = [c] if c.dep_ == "prep" and c.lower_ == "of" else \
            [g for g in c.children if g.dep_ == "prep" and g.lower_ in {"to", "with"}] \
            if c.dep_ in {"acl", "amod"} and c.lower_ in TIED else []
        if any(o.dep_ == "pobj" and o.pos_ == "PROPN" and o.ent_type_ not in {"GPE", "LOC", "DATE", "PERSON"}
               for g in preps for o in g.children):
            return True
    return False


def _head(t) -> str | None:
    """The collective lemma ``t`` heads, or None (a modifier, a capitalised name, a singular, a
    body's followers)."""
    if t.dep_ in {"compound", "amod", "nmod"} or t.text[:1].isupper() and not t.is_sent_start:
        return None
    if _tied_to_body(t):
        return None
    lemma = t.lemma_.lower()
    if lemma not in COLLECTIVES:
        return None
    return lemma if t.tag_ == "NNS" else None


def _form(t) -> tuple[int, str]:
    """(first token, text) of the mention headed by ``t`` with its field modifiers ("hunt protesters")."""
    start = t.i
    while start > 0:
        m = t.doc[start - 1]
        if m.head.i != t.i or m.dep_ not in {"compound", "amod", "nmod"} or m.lower_ in _DROP \
                or m.pos_ in {"NUM", "DET", "PRON", "VERB"} or m.is_punct:
            break
        start -= 1
    words = [u.text for u in t.doc[start:t.i + 1]]
    first = t.doc[start]
    if first.is_sent_start and first.pos_ != "PROPN" and not first.ent_type_:
        words[0] = words[0].lower()  # "Teachers marched" names "teachers"
    return start, " ".join(words)


def _placed(doc, start: int) -> bool:
    """True when the mention's first modifier at ``start`` is a place or nationality."""
    t = doc[start]
    return t.ent_type_ in {"NORP", "GPE", "LOC"} or t.pos_ == "PROPN"


def collective_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of the collectives ``doc`` returns to (see the module docstring); ``taken``:
    token positions already in a mention (skipped). Output: :class:`Mention` values labelled
    "BODY", one name per collective; [] when none reaches :data:`MIN_MENTIONS`."""
    found: dict[str, list] = {}
    for t in tokens(doc):
        lemma = _head(t)
        if lemma and t.i not in taken:
            found.setdefault(SAME_GROUP.get(lemma, lemma), []).append(t)
    out: list[Mention] = []
    for lemma, heads in found.items():
        if len(heads) < MIN_MENTIONS:
            continue
        forms = [_form(t) for t in heads]
        modified = Counter(text for s, text in forms if " " in text)
        placed = {text for s, text in forms if " " in text and _placed(doc, s)}
        # a form names the whole group when the text uses it twice or it says where the group is
        # from ("Swedish prosecutors"); "many new teachers", said once, is a part of them
        bare = Counter(text.lower() for s, text in forms if " " not in text)
        name = next((text for text, n in modified.most_common() if n >= 2 or text in placed),
                    bare.most_common(1)[0][0] if bare else heads[0].lower_)
        for (s, _), t in zip(forms, heads):
            if any(k in taken for k in range(s, t.i + 1)):
                s = t.i
            out.append(Mention(s, t.i + 1, name, COLLECTIVES[lemma], "BODY"))
    return out


def is_collective(actor) -> bool:
    """True for an actor named by a collective noun ("protesters", "Swedish prosecutors"): input an :class:`~summarizers.model.Actor` (or anything with ``name``)."""
    last = actor.name.split()[-1] if actor.name else ""
    if not last.islower():
        return False
    if last.endswith("men"):
        return last[:-3] + "man" in COLLECTIVES  # "gunmen"
    return last.endswith("s") and last[:-1] in COLLECTIVES
