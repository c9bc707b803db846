"""Antecedents a pronoun must not skip, and the one it may take from the sentence before.

Used by :mod:`summarizers.entities.pronouns` when "he"/"she" opens a reporting clause:

* :func:`unnamed_since`: a person of that gender the text mentions without a name ("his wife,
  ex-model Sandra", "his son Nick") between a named candidate and the pronoun makes the
  candidate unsafe (the salience filter of Lappin & Leass, 1994: a nearer compatible referent
  outranks a farther one, named or not);
* :func:`only_person_before`: the one person of the pronoun's gender (others named there known
  to be of the other gender) the sentence right before names, when that sentence's subject is
  a thing ("Her comments did not impress Tim Collins. '...,' he said");
* :func:`subordinate_subject_before`: the person who is the subject of an adverbial clause of
  the sentence right before, when that sentence's main subject is a thing ("His words came as
  Cardinal X backed the plan. In a statement, he said ..."): subjects outrank other positions
  (Centering theory), and a thing cannot speak.

Inputs are the quote extractor's context (``doc``, ``quoted``, ``mentions_in``, ``mention_at``,
``compatible``, ``unknown_person``) and spaCy tokens; nothing here raises on text.
"""

from __future__ import annotations

from summarizers.document import span_ents
from summarizers.entities.roleterms import ROLE_NOUNS

GENDERED_NOUNS = {
    "f": {"wife", "widow", "daughter", "mother", "sister", "girlfriend", "actress", "woman", "girl", "grandmother",
          "aunt", "niece", "fiancee", "bride", "mum", "granddaughter", "stepmother"},
    "m": {"husband", "widower", "son", "father", "brother", "boyfriend", "man", "boy", "grandfather", "uncle",
          "nephew", "fiance", "groom", "dad", "grandson", "stepfather"},
}


_ANY_GENDERED = GENDERED_NOUNS["m"] | GENDERED_NOUNS["f"]


def only_person_before(ctx, pron, g: str) -> str | None:
    """The antecedent of a pronoun that opens its reporting clause ('"...," he said') when the
    sentence right before names exactly one person, who may have that gender, not as a
    possessor, and its subject is a thing ("Her comments did not impress Tory spokesman Tim
    Collins. '...,' he said"): nobody else is in view. None otherwise (also when the quotation
    sentence itself names someone, or the previous sentence holds a quotation or a pronoun
    subject)."""
    doc = ctx.doc
    sent = pron.sent
    if sent.start == 0 or any(m.actor.type == "person" for m in ctx.mentions_in(sent.start, pron.i)):
        return None
    prev = doc[sent.start - 1].sent
    if any(ctx.quoted[t.i] for t in prev) or prev.start > 0 and doc[prev.start - 1].text.endswith(("...", "…")) \
            or not any(t.dep_ in {"nsubj", "nsubjpass"} for t in prev):
        return None  # not a whole sentence of its own ("Later... With X, booked the group")
    named = [m for m in ctx.mentions_in(prev.start, prev.end) if m.actor.type == "person"]
    people = [m for m in named if ctx.compatible(m.actor.name, g)]  # "Mr Prater's ... by Christine Rush. '...,' she said"
    if len({m.actor.name for m in people}) != 1 \
            or any(m.end < len(doc) and doc[m.end].tag_ == "POS" for m in people):
        return None  # "Mr Campbell's e-mail suggested they get Trevor Beattie ...": two people in view
    covered = {i for m in named for i in range(m.start, m.end)}
    covered |= {a.i for m in people for t in doc[m.start:m.end] for c in t.children if c.dep_ in {"appos", "prep"}
                for a in c.subtree}  # "Brian Gammage, vice-president of research at X": his affiliation
    if any(e.label_ == "PERSON" and not covered & set(range(e.start, e.end)) and not _firm_named(e)
           for e in span_ents(prev)):
        return None  # someone the actors do not resolve is named there too
    for t in prev:
        if t.dep_ in {"nsubj", "nsubjpass"} and (t.pos_ == "PROPN" or
                t.lower_ in {"he", "she"} or t.lower_ in {"they", "i", "we"} or t.lemma_.lower() in ROLE_NOUNS
                or ctx.unknown_person(t) or t.i in ctx.mention_at and ctx.mention_at[t.i].actor.type == "person"
                or t.lemma_.lower() in _ANY_GENDERED):
            return None  # a person is the subject: the usual search decides
    if unnamed_since(ctx, doc[prev.start - 1].sent.start if prev.start > 0 else 0, pron.i, g):
        return None
    return people[0].actor.name


def _firm_named(ent) -> bool:
    """True when a name the tagger calls a person follows a common noun that says it is a firm:
    "analysts Gartner", "messaging firm Zed" (a plural, or a noun that is no person's role;
    "actor Tom Hanks" stays a person)."""
    head = ent.root
    return any(c.dep_ == "compound" and c.is_lower and c.pos_ == "NOUN"
               and (c.tag_ == "NNS" or c.lemma_.lower() not in ROLE_NOUNS) for c in head.children)


_EVENT_MARKS = {"as", "after", "when", "while", "because", "since", "before", "until", "although", "though", "once"}


def subordinate_subject_before(ctx, pron, g: str) -> str | None:
    """The antecedent of a pronoun opening a sentence (before any person is named in it) when
    the sentence right before has a thing as its main subject and exactly one person of a
    compatible gender as the subject of an adverbial clause ("... came as X backed ...");
    other people there may only be possessors ("Mr Howard's stance"). None otherwise."""
    doc = ctx.doc
    sent = pron.sent
    if sent.start == 0 or any(m.actor.type == "person" for m in ctx.mentions_in(sent.start, pron.i)):
        return None
    prev = doc[sent.start - 1].sent
    if any(ctx.quoted[t.i] for t in prev):
        return None
    main = [c for c in prev.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if prev.root.pos_ not in {"VERB", "AUX"} or len(main) != 1 or main[0].pos_ != "NOUN" \
            or main[0].lemma_.lower() in ROLE_NOUNS | _ANY_GENDERED or main[0].i in ctx.mention_at or ctx.unknown_person(main[0]):
        return None
    found, others = set(), []
    for m in ctx.mentions_in(prev.start, prev.end):
        if m.actor.type != "person":
            continue
        t = doc[m.end - 1]
        while t.dep_ in {"compound", "appos", "conj"} and t.head.i != t.i:
            t = t.head
        verb = t.head
        if t.dep_ == "nsubj" and verb.dep_ == "advcl" and verb.head.i == prev.root.i \
                and any(c.dep_ == "mark" and c.lower_ in _EVENT_MARKS for c in verb.children):
            found.add(m.actor.name)
        elif not (m.end < len(doc) and doc[m.end].tag_ == "POS"):
            others.append(m)
    if len(found) != 1 or others:
        return None
    name = found.pop()
    if not ctx.compatible(name, g) or unnamed_since(ctx, prev.start, pron.i, g):
        return None
    return name


def previous_sentence(doc, i: int) -> int:
    """First token of the sentence before the one holding token ``i`` (0 at the start)."""
    start = doc[i].sent.start
    return doc[start - 1].sent.start if start > 0 else 0


def unnamed_since(ctx, sent_start: int, pron_i: int, g: str) -> bool:
    """True when a person of gender ``g`` the text does not name ("his wife, ex-model Sandra",
    "a woman") is mentioned after the sentence starting at ``sent_start`` and before the
    pronoun's sentence: "she" may be her, so an earlier woman is no safe antecedent. A noun
    in apposition to a named person ("Ana Ruiz, his wife,") is that person, not someone new."""
    doc = ctx.doc
    hi = doc[pron_i].sent.start
    for t in doc[doc[sent_start].sent.end:hi]:
        if t.lemma_.lower() not in GENDERED_NOUNS[g] or ctx.quoted[t.i] or t.pos_ != "NOUN" \
                or t.dep_ in {"attr", "acomp", "oprd"}:  # "what a great man Gordon was": said of someone named
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.pos_ in {"VERB", "AUX"}:
            continue  # "She was regarded as a pioneering woman": said of someone, no one new
        if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in ROLE_NOUNS:
            continue  # "the festival's sister event", "its mother company": no person at all
        near = [c for c in t.children if c.dep_ in {"appos", "compound"}] + (
            [t.head] if t.dep_ in {"appos", "compound"} else [])  # "actress Ana Ruiz", "Ana Ruiz, his wife"
        if any(n.i in ctx.mention_at and ctx.mention_at[n.i].actor.type == "person" for n in near):
            continue
        return True
    return False
