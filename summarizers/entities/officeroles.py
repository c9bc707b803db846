"""Roles given by verbs and by the next sentence: "X was named ambassador", "X is the
director of ...", "X chairs the committee", "the magazine, edited by X", and "X has
dismissed ... '...,' the prime minister told" (an office only one person holds, named as
the next sentence's subject). Read by :func:`summarizers.entities.roles.find_role`."""

from __future__ import annotations

from summarizers.document import span_ents
from summarizers.entities.roleterms import _APPOINT, _clean, _is_role_noun

def _dated(u) -> bool:
    """True for a preposition that opens an age or a date ("at 27", "in 1997", "in May"): what
    follows says when someone held an office, not which."""
    nxt = u.nbor(1) if u.i + 1 < len(u.doc) else None
    return u.pos_ == "ADP" and nxt is not None and (nxt.like_num or nxt.ent_type_ in {"DATE", "TIME", "CARDINAL"})


def role_predicated(doc, start: int, end: int) -> str | None:
    """A role given by the verb the name is the subject of: "Peters was later named imperial
    high commissioner of East Africa", "Smith is the director of the Institute"."""
    subj = None
    for t in doc[start:end]:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.head.i >= end:
            subj = t
            break
    if subj is None:
        return None
    verb = subj.head
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "aux" and c.lower_ in {"may", "might", "could", "should"} for c in verb.children):
        return None  # "X could serve as an adviser": a guess, not a role
    if subj.dep_ == "nsubjpass" and lemma in _APPOINT or subj.dep_ == "nsubj" and lemma in {"become", "serve"}:
        toks = []
        for u in doc[verb.i + 1:min(verb.sent.end, verb.i + 16)]:
            if u.lower_ == "as" and not toks:
                continue
            if u.is_punct and u.tag_ != "HYPH" or u.pos_ in {"VERB", "AUX", "PART"} and not u.is_title or u.is_space:
                break
            if u.pos_ == "ADV" and not toks:
                continue
            if toks and _dated(u):
                break  # "became an MP at 27 and Leader of the Opposition at 36": a career, cut at its first date
            toks.append(u)
        if toks and _is_role_noun(toks[0]) or any(_is_role_noun(u) for u in toks[:4]):
            return _clean(toks)
        return None
    if lemma == "be" and subj.dep_ == "nsubj":
        attrs = [c for c in verb.children if c.dep_ == "attr" and c.i > verb.i]
        if attrs and _is_role_noun(attrs[0]) and attrs[0].i - verb.i <= 6:
            a = attrs[0]
            toks = [u for u in doc[a.left_edge.i:a.right_edge.i + 1]]
            cut = next((n for n, u in enumerate(toks) if u.is_punct and u.tag_ != "HYPH" or u.lower_ in {"who", "which", "that"}
                        or u.pos_ in {"PART", "VERB", "AUX"}), len(toks))
            toks = toks[:cut]
            if 0 < len(toks) <= 12:
                return _clean(toks)
    return None


_OFFICE_VERBS = {"chair": "chair", "head": "head", "lead": "leader", "found": "founder", "edit": "editor",
                 "direct": "director", "run": "head", "manage": "manager", "own": "owner", "command": "commander",
                 "co-found": "co-founder", "cofound": "co-founder", "govern": "governor", "represent": "representative",
                 "advise": "adviser"}
_OFFICE_PREPS = {"advise": "to"}  # "adviser to X", else "chair of X"


def role_by_office_verb(doc, start: int, end: int) -> str | None:
    """A role given by a verb of office of which the name is the subject ("X chairs the
    committee", "X, who chaired the inquiry,") or the agent ("the magazine, edited by X"):
    "chair of the committee", "chair of the inquiry", "editor of the magazine"."""
    root = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), None)
    if root is None:
        return None
    verb, obj = None, None
    if root.dep_ == "nsubj" and root.head.i >= end:
        verb = root.head
    # "X, who chaired the inquiry,": the relative clause right after the name is about it,
    # wherever the parser attached it ("A, B, who advises C" hung on A)
    who = doc[end + 1] if end + 1 < len(doc) and doc[end].text == "," else None
    rel = who.head if who is not None and who.tag_ == "WP" and who.dep_ == "nsubj" and who.head.dep_ == "relcl" else None
    if (verb is None or verb.lemma_.lower() not in _OFFICE_VERBS) and rel is not None:
        verb = rel
    if verb is not None and verb.lemma_.lower() in _OFFICE_VERBS and verb.pos_ == "VERB":
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    elif root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        verb = root.head.head  # "edited by X": the thing edited is what the participle modifies
        if verb.lemma_.lower() in _OFFICE_VERBS and verb.dep_ in {"acl", "relcl"}:
            obj = verb.head
    if verb is None or obj is None or obj.pos_ not in {"NOUN", "PROPN"}:
        return None
    toks = [u for u in doc[obj.left_edge.i:obj.i + 1]]
    if any(u.is_punct and u.tag_ != "HYPH" or u.pos_ in {"VERB", "PRON"} for u in toks) or len(toks) > 8:
        return None
    if toks and toks[0].lower_ not in {"the", "a", "an"} and toks[0].pos_ != "PROPN" and toks[0].tag_ != "PRP$":
        toks.insert(0, None)
    words = "".join(u.text_with_ws for u in toks if u is not None and u.tag_ != "PRP$").strip()  # "Attorney-General" stays one word
    if words.split()[0].lower() in {"a", "an"}:
        words = "the " + " ".join(words.split()[1:])
    lemma = verb.lemma_.lower()
    return f"{_OFFICE_VERBS[lemma]} {_OFFICE_PREPS.get(lemma, 'of')} {words}"


UNIQUE_OFFICES = {"prime minister", "president", "chancellor", "first minister", "chief executive", "mayor",
                   "governor", "foreign secretary", "home secretary", "chairman", "chairwoman", "premier",
                   "taoiseach", "pope", "king", "queen", "attorney general", "secretary of state"}


def role_by_next_description(doc, spans: list[tuple[int, int]]) -> str | None:
    """The office a person holds when the sentence right after one whose main subject is that
    person (and names nobody else) has "the <office>" as its main subject: "Tony Blair has
    dismissed reports ... '...,' the prime minister told ..." → "prime minister". Offices one
    person holds at a time (:data:`UNIQUE_OFFICES`), or an office made specific by its field
    ("Ana Ruiz visited ... The new health minister for Wales said" → "health minister for
    Wales") or by the body it belongs to ("Ana Ruiz pledged ... The Tory leader argued" → "Tory
    leader"); a person named later in the next sentence ("... let down by Tom Berg") is no
    other candidate, nor one the first sentence titles with another office ("Tony Blair backed
    Chancellor Gordon Brown's report. ... the prime minister said"). Used when the text gives
    the person no other role."""
    for start, end in spans:
        root = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), None)
        if root is None or root.dep_ not in {"nsubj", "nsubjpass"} or root.head.dep_ != "ROOT":
            continue
        sent = root.sent
        rivals = [e for e in span_ents(sent) if e.label_ == "PERSON" and not start <= e.start < end]
        if sent.end >= len(doc) or any(not _titled(doc, e.start) for e in rivals):
            continue
        nxt = doc[sent.end].sent
        for t in nxt:
            if t.dep_ not in {"nsubj", "nsubjpass"} or t.pos_ != "NOUN" and t.text not in _MEMBER_OFFICES:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) or t.ent_type_:
                break
            words = [u for u in doc[t.left_edge.i:t.i + 1] if u.dep_ != "det"]
            phrase = " ".join(u.lower_ for u in words)
            if any(e.label_ == "PERSON" and e.start <= t.right_edge.i + 2 and e.root.dep_ not in {"dobj", "dative"}
                   for e in span_ents(nxt)):
                break  # someone named before the description or beside it; one named later (the object) is not it
            if any(_titled(doc, e.start) == t.lemma_.lower() for e in rivals):
                break  # "Tony Blair backed Chancellor Gordon Brown. The chancellor said": Brown
            if phrase in UNIQUE_OFFICES:
                return phrase
            return _field_office(doc, t, words) or _affiliated_office(t, words)
    return None


def _titled(doc, k: int) -> str | None:
    """The office noun (lower case) right before a name starting at token ``k`` ("Chancellor
    Gordon Brown" → "chancellor"), or None: a person the text titles is no rival for another
    office's description."""
    return doc[k - 1].lower_ if k > 0 and _is_role_noun(doc[k - 1]) else None


#: Office heads that a field or territory makes specific ("the health minister for Wales").
# (Not "the spokesman": a spokesperson described after a sentence about someone is as often
# another, unnamed person speaking for a body.)
_FIELD_OFFICES = {"minister", "secretary", "commissioner", "ambassador", "envoy", "senator", "governor", "mayor"}
_CHANGE_WORDS = {"new", "former", "outgoing", "incoming", "then", "current", "acting", "embattled", "beleaguered"}


def _field_office(doc, head, words) -> str | None:
    """ "the new health minister for Wales" → "health minister for Wales", "the minister" →
    "minister": an office head (:data:`_FIELD_OFFICES`) with its lowercase field before it and
    its "for/of X" after it, without words of change ("new", "outgoing")."""
    if head.lower_ not in _FIELD_OFFICES or not all(u.text.islower() or u.tag_ == "HYPH" for u in words):
        return None
    words = [u for u in words if u.lower_ not in _CHANGE_WORDS]
    field = [u for u in words if u.i < head.i and u.pos_ in {"NOUN", "ADJ"}]
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}), None)
    tail = list(doc[prep.i:prep.right_edge.i + 1]) if prep is not None else []
    if tail and (len(tail) > 5 or any(u.is_punct or u.pos_ in {"VERB", "PRON"} for u in tail)):
        tail = []
    if not field and not tail:
        return head.lower_  # "Ana Ruiz announced the cuts. The minister said ...": that minister
    toks = words + tail
    return doc[toks[0].i:toks[-1].i + 1].text if toks[0].i <= head.i else None


#: Offices a body's name before them makes specific ("the Tory leader", "the Amnesty
#: secretary-general"); not a spokesperson (see :data:`_FIELD_OFFICES`).
_BODY_OFFICES = {"leader", "chairman", "chairwoman", "chair", "president", "secretary-general", "director", "head",
                 "chief", "treasurer", "minister", "secretary"}


_MEMBER_OFFICES = {"MP", "MEP", "MSP", "AM", "MLA", "TD"}


def _affiliated_office(head, words) -> str | None:
    """ "the Tory leader" → "Tory leader": an office head (:data:`_BODY_OFFICES`) whose words
    before it are a body's name or its adjective (NORP/ORG, or capitalised), none a person;
    "the Glasgow Kelvin MP" → "Glasgow Kelvin MP": a member of a chamber (:data:`_MEMBER_OFFICES`)
    with a party or a seat's name before it (a seat may be tagged as anything, a person too)."""
    mods = [u for u in words if u.i < head.i]
    member = head.text in _MEMBER_OFFICES  # "the Glasgow Kelvin MP": a seat's name makes an MP specific
    if not (member or head.lower_ in _BODY_OFFICES and head.is_lower) or not mods or mods[0].tag_ == "PRP$":
        return None
    if any(u.ent_type_ == "PERSON" and not member or not (u.text[:1].isupper() or u.tag_ in {"POS", "HYPH"} or u.is_lower)
           for u in mods):
        return None
    if not any(u.ent_type_ in {"NORP", "ORG", "GPE"} or u.pos_ == "PROPN" for u in mods):
        return None
    return head.doc[mods[0].i:head.i + 1].text
