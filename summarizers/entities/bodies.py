"""Bodies the text names by a common noun or a description rather than a name.

Four kinds, each a list of :class:`Mention` values the actor pass clusters like names:
"the government" (:func:`government_mentions`, whose it is by :func:`government_role`), a
committee described with a proper owner (:func:`committee_mentions`), a ministry described as
a speaker (:func:`ministry_mentions`) and a recurring plural description of bodies
(:func:`group_mentions`). The first:

Articles about policy make "the government" act ("the Government has admitted ...", "the
government wants ...") without naming it; the gold annotations treat it as an actor. A
mention is "the government" (any case) with no possessor and no name before it ("the Blair
government", "Labour's government" are someone's government, not the body that acts here);
a descriptive adjective may stand between ("the federal government"). The body becomes one
organisation actor, "Government", when it is mentioned at least twice and acts (is the
subject of a verb) at least once; its mentions count for salience like a name's.
"""

from __future__ import annotations

from summarizers.document import tokens
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
    found = [t for t in tokens(doc) if _is_body(t)]  # counted with the ones a name pass took ("The Government said")
    if len(found) < _MIN_MENTIONS or not any(t.dep_ in {"nsubj", "nsubjpass"} for t in found):
        return [] if found else owned_government_mentions(doc, taken)
    return [Mention(t.i, t.i + 1, "Government", "organization", "BODY") for t in found if t.i not in taken]


def owned_government_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of a country's government named with its owner ("Beijing and the Hong Kong
    government will not step back", "the American government plans to ...") when the text
    never says "the government" alone: one organisation actor "<owner> government" per owner
    (a country or nationality, not a party: "the Tory government" is none) that is a subject
    (or a subject's conjunct) or named twice. ``taken``: token positions already in a mention
    (the owner may be one). Output: :class:`Mention` values; [] when none qualifies."""
    from summarizers.entities.roleterms import PARTY_MEMBERS

    by_owner: dict[str, list[tuple[int, object]]] = {}
    for t in tokens(doc):
        if t.lower_ not in _NOUNS or t.tag_ not in {"NN", "NNP"} or t.i in taken:
            continue
        mods = [c for c in t.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < t.i and not c.is_lower]
        if not mods or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            continue
        owner = doc[min(c.left_edge.i for c in mods):t.i]
        if owner.text in PARTY_MEMBERS or not all(u.ent_type_ in {"NORP", "GPE"} and not u.is_lower for u in owner):
            continue
        by_owner.setdefault(owner.text, []).append((owner.start, t))
    out = []
    for owner, found in by_owner.items():
        subject = any(t.dep_ == "nsubj" or t.dep_ == "conj" and t.head.dep_ == "nsubj" for _, t in found)
        if len(found) < 2 and not subject:
            continue
        out += [Mention(t.i if any(k in taken for k in range(start, t.i)) else start, t.i + 1, f"{owner} government",
                        "organization", "BODY") for start, t in found]
    return out

def is_common_body(name: str) -> bool:
    """True for an actor named by the common noun of a body ("Government"), which the
    common-noun filters of :func:`summarizers.entities.exclusions.not_a_name` must keep."""
    return name.lower() in _NOUNS


# A committee the text names by a description with a proper owner: "The Commons education
# select committee called this ...", "the Scottish Parliament's environment committee". Later
# definite mentions with only lowercase modifiers from its name ("the select committee", "the
# committee's inquiry"; not "the science committee") are the same body when the text names
# exactly one such committee.
_COMMITTEE = "committee"
_OWNER_DEPS = {"compound", "amod", "poss", "case", "nmod"}


def _committee(t) -> tuple[int, bool] | None:
    """(first token, named?) of a definite committee description headed by ``t``; None for
    none ("a committee of MSPs", "his committee", "the committee of inquiry")."""
    if t.lower_ != _COMMITTEE or t.tag_ != "NN" or any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return None
    kids = list(t.children)
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in kids):
        return None
    start = min([t.i] + [c.left_edge.i for c in kids if c.i < t.i and c.dep_ in _OWNER_DEPS])
    while start < t.i and t.doc[start].pos_ == "DET":
        start += 1  # "the Scottish Parliament's ...": the owner's article
    span = t.doc[start:t.i]
    if any(u.is_punct and u.tag_ != "POS" or u.pos_ in {"VERB", "AUX", "NUM", "PRON"} or u.ent_type_ == "PERSON" for u in span):
        return None
    named = any(u.pos_ == "PROPN" and u.ent_type_ not in {"DATE", "CARDINAL"} for u in span)
    if not named and not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return None
    return start, named


def committee_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of the one committee the text names by a description (see above), the name
    being its first named description without the article; [] when the text names none, two
    different ones, or mentions it only once. ``taken``: token positions already in a mention
    (a bare "the committee" there is skipped; an owner such as "Scottish Parliament" stays its
    own actor)."""
    found = []
    for t in tokens(doc):
        c = _committee(t)
        if c is not None:
            found.append((c[0], t.i + 1, c[1]))
    names = {" ".join(doc[s:e].text.lower().split()) for s, e, named in found if named}
    if len(names) != 1:
        return []
    first = min(s for s, _, named in found if named)
    name = " ".join(next(doc[s:e].text for s, e, named in found if named and s == first).split())
    words = set(name.lower().replace("'s", " ").split())
    out = [Mention(s, e, name, "organization", "BODY") for s, e, named in found
           if s >= first and (named or not any(k in taken for k in range(s, e))
                              and {u.lower_ for u in doc[s:e] if u.pos_ != "DET"} <= words)]
    return out if len(out) >= 2 else []


# A ministry the text describes instead of naming, as the subject of a verb of speaking: "the
# government department for planning said", "Japan's finance ministry said". The head needs
# a field (a lowercase noun before it or a "for/of" phrase after it): "the department said"
# alone is no actor.
_MINISTRIES = {"ministry", "department"}
# Armed forces described by their country, speaking: "the US military said in a statement",
# "Israel's army said" (the owner, a country or nationality, is the field).
_FORCES = {"military", "army", "navy", "coastguard"}


def _ministry(t) -> tuple[int, int] | None:
    from summarizers.entities.names import STRONG_SPEECH

    force = t.text in _FORCES
    if t.text not in _MINISTRIES and not force or t.tag_ not in {"NN", "NNP"} or t.dep_ != "nsubj" \
            or t.head.lemma_.lower() not in STRONG_SPEECH:
        return None
    kids = list(t.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss" and c.pos_ == "PROPN" for c in kids):
        return None
    mods = [c for c in kids if c.i < t.i and c.dep_ in {"compound", "amod", "poss"}]
    pp = [c for c in kids if c.dep_ == "prep" and c.lower_ in {"for", "of"} and c.i == t.i + 1]
    if force:
        pp = []
        field = [c for c in mods if c.ent_type_ in {"GPE", "NORP"} and not c.is_lower]
    else:
        field = [c for c in mods if c.is_lower and c.pos_ in {"NOUN", "PROPN"}] + pp
    if not field:
        return None
    start = min([t.i] + [c.left_edge.i for c in mods])
    while start < t.i and t.doc[start].pos_ == "DET":
        start += 1
    end = pp[0].right_edge.i + 1 if pp else t.i + 1
    span = t.doc[start:end]
    if len(span) > 8 or any(u.is_punct and u.tag_ != "POS" or u.pos_ in {"VERB", "AUX", "PRON"} for u in span):
        return None
    return start, end


def ministry_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of ministries described as speakers (see above), one name per distinct
    description (its text without the article); ``taken``: token positions already in a
    mention (a description overlapping one is left to it)."""
    out = []
    for t in tokens(doc):
        span = _ministry(t)
        if span and not any(k in taken for k in range(t.i, span[1])):  # an owner may be a name of its own
            out.append(Mention(span[0], span[1], " ".join(doc[span[0]:span[1]].text.split()), "organization", "BODY"))
    return out


def government_role(doc) -> str | None:
    """Whose government "the government" is, when the text's first mention of a government
    says it and no other country's government is named: "the Colombian government ... the
    government believes" → "Colombian government". The owner is a nationality or country
    (NORP/GPE), not a party ("the Tory government" is a party's government); None otherwise."""
    from summarizers.entities.roleterms import PARTY_MEMBERS

    owners = []
    for t in tokens(doc):
        if t.lower_ not in _NOUNS or t.tag_ not in {"NN", "NNP"}:
            continue
        mods = [c for c in t.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < t.i and not c.is_lower]
        if not owners and not mods:
            return None  # the first government the text mentions is nobody's in particular
        if mods:
            owner = doc[min(c.left_edge.i for c in mods):t.i]  # "South Korean"
            owners.append(owner.text if all(u.ent_type_ in {"NORP", "GPE"} and u.text not in PARTY_MEMBERS
                                            and not u.is_lower for u in owner) else None)
    if not owners or None in owners or len(set(owners)) != 1:
        return None
    return f"{owners[0]} government"


# Groups the text names by a plural description and keeps returning to: "media organisations",
# "human rights groups", "fathers' rights groups", "local authorities". The head is a plural
# noun for bodies (:data:`_GROUP_HEADS`) with a field before it (a noun or a possessive;
# adjectives of size or rank are dropped: "leading media organisations" is "media
# organisations"); the same description at least :data:`_MIN_GROUP` times makes one actor.
_GROUP_HEADS = {"group", "organisation", "organization", "authority", "union", "charity", "campaigner", "company",
                "firm", "operator"}
_NOT_FIELD = {"leading", "other", "many", "some", "several", "major", "big", "small", "new", "main", "various", "most",
              "all", "such", "few", "top", "large", "smaller", "larger", "biggest", "rival", "different", "certain"}
_MIN_GROUP = 3


def _group(t) -> tuple[int, str] | None:
    if t.tag_ != "NNS" or t.lemma_.lower() not in _GROUP_HEADS or not t.text[1:].islower():
        return None
    mods = [c for c in t.children if c.i < t.i and c.dep_ in {"compound", "amod", "poss", "nmod"}
            and c.lower_ not in _NOT_FIELD and c.pos_ != "PRON"]
    if not mods or not any(c.pos_ == "NOUN" or c.dep_ == "poss" or c.is_sent_start for c in mods):
        return None
    start = min(c.left_edge.i for c in mods)
    span = t.doc[start:t.i + 1]
    if any(u.pos_ in {"DET", "NUM", "VERB", "AUX"} or u.pos_ == "PROPN" and not u.is_sent_start
           or u.is_punct and u.tag_ != "POS" or u.lower_ in _NOT_FIELD for u in span[:-1]):
        return None
    return start, " ".join(span.text.lower().split())


def group_mentions(doc, taken: set[int]) -> list[Mention]:
    """Mentions of groups named by a recurring plural description (see above); ``taken``: token
    positions already in a mention (skipped)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for t in tokens(doc):
        g = _group(t)
        if g and not any(k in taken for k in range(g[0], t.i + 1)):
            found.setdefault(g[1], []).append((g[0], t.i + 1))
    out = [Mention(s, e, name, "group", "BODY") for name, spans in found.items() if len(spans) >= _MIN_GROUP
           for s, e in spans]
    from summarizers.entities.collectives import collective_mentions  # "protesters", "the police"

    return out + collective_mentions(doc, taken | {k for m in out for k in range(m.start, m.end)})
