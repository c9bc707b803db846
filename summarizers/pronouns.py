"""Who "he" or "she" is: gender of person actors and resolution of subject pronouns.

Used by :mod:`summarizers.quotes` to attribute "..., she said" and "He added: ...".

**Gender** of a person actor is read only from what the text says about that person (never
from a list of first names): an honorific before a name ("Mr", "Ms", "Lady") or a gendered
role noun ("spokeswoman", "chairman") counts 3 votes; a he/she opening the sentence after one
whose only named subject is that person, a pronoun of any case (he/him/his, she/her/hers)
after the person in a sentence where the person is the only one named and acts as subject
("Castañeda ... pressed Washington ..., which her government blames"), and a pronoun
resolved to a person whose gender was unknown count 1. The majority decides; a tie leaves
the gender unknown.

**Resolution** follows the recency-and-agreement rules of rule-based anaphora resolution
(Hobbs, 1978; Lappin & Leass, 1994) with subjects preferred as the centre of attention
(Centering theory, Grosz, Joshi & Weinstein, 1995):

1. a compatible person named earlier in the same sentence ("X is sceptical: '...,' he said");
2. else the most recent person who was a subject or a speaker in the same or the previous
   paragraph, skipping people known to be of the other gender;
3. a speaker the text describes but no actor matches ("a spokeswoman said"), or a subject
   named by a name no actor resolves (a surname two actors share), stops the search: the
   pronoun may refer to that person;
4. else, further back (up to 450 tokens), a candidate only when it is the single compatible
   person there.

At every step the candidate is refused (``None``, never a guess) when its gender is unknown
while another candidate in the same scope is known to have the pronoun's gender: the text
then does not say clearly who spoke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizers.names import FEMALE_HONORIFICS, FEMALE_PRONOUNS, MALE_HONORIFICS, MALE_PRONOUNS, STRONG_SPEECH
from summarizers.salience import acts

SUBJECT_PRONOUNS = {"he": "m", "she": "f"}
_ANY_PRONOUN = {p: "m" for p in MALE_PRONOUNS} | {p: "f" for p in FEMALE_PRONOUNS}
_FEMALE_ROLE = re.compile(r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|duchess|baroness)\b", re.I)
_MALE_ROLE = re.compile(r"\b(?:spokesman|chairman|congressman|businessman|king|prince|duke|baron)\b", re.I)
_MALE_TITLES = {h.rstrip(".") for h in MALE_HONORIFICS}
_FEMALE_TITLES = {h.rstrip(".") for h in FEMALE_HONORIFICS}
_FAR = 450  # tokens: how far back step 4 looks


@dataclass
class SubjectMention:
    """A person actor named as the subject (or agent, or possessor of the subject) of a clause.

    ``main`` is True for the subject of the sentence's main clause or of a reporting verb
    ("Lord Butler said ..."), False inside an embedded clause ("an interview conducted by
    the magazine's editor, Boris Johnson")."""

    pos: int  # token index
    para: int
    name: str | None  # None: a person's name no actor resolves ("Kennedy" said of two Kennedys)
    main: bool = True


def _is_main(doc, start: int, end: int) -> bool:
    t = next((u for u in doc[start:end] if not start <= u.head.i < end or u.head.i == u.i), doc[end - 1])
    for _ in range(4):
        if t.dep_ in {"appos", "compound", "conj"} and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "poss" and t.head.i != t.i:
            t = t.head
            continue
        break
    if t.dep_ not in {"nsubj", "nsubjpass"}:
        return False  # an agent ("by X") or an object
    verb = t.head
    if verb.lemma_.lower() in STRONG_SPEECH:
        return True
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def subject_mentions(ctx) -> list[SubjectMention]:
    """Person mentions outside quotations that act as subjects, in article order.

    ``ctx`` is the quote extractor's context (``doc``, ``document``, ``mentions``, ``quoted``)."""
    doc = ctx.doc
    out = []
    for m in ctx.mentions:
        if m.actor.type == "person" and not ctx.quoted[m.start] and acts(doc, m.start, m.end):
            out.append(SubjectMention(m.start, ctx.document.paragraph_of(doc[m.start].idx), m.actor.name,
                                      _is_main(doc, m.start, m.end)))
    for t in doc:
        if t.dep_ in {"nsubj", "nsubjpass"} and ctx.unknown_person(t):
            out.append(SubjectMention(t.i, ctx.document.paragraph_of(t.idx), None, _is_main(doc, t.i, t.i + 1)))
    out.sort(key=lambda s: s.pos)
    return out


def learn_genders(ctx) -> dict[str, str]:
    """Gender ("m"/"f") of the person actors whose gender the text shows; others are absent."""
    doc = ctx.doc
    gender: dict[str, str] = {}
    votes: dict[str, dict[str, int]] = {}

    def vote(name: str, g: str, n: int) -> None:
        votes.setdefault(name, {}).setdefault(g, 0)
        votes[name][g] += n

    for a in ctx.actors:
        if a.type != "person":
            continue
        described = f"{a.role or ''} {a.name}"  # "government spokeswoman" names a woman
        if _FEMALE_ROLE.search(described):
            gender[a.name] = "f"
        elif _MALE_ROLE.search(described):
            gender[a.name] = "m"
    for m in ctx.mentions:
        if m.actor.type != "person" or m.start == 0:
            continue
        prev = doc[m.start - 1].lower_.rstrip(".")
        g = "m" if prev in _MALE_TITLES else "f" if prev in _FEMALE_TITLES else None
        if g:
            vote(m.actor.name, g, 3)

    subjects = {s.pos for s in ctx.subjects if s.name}
    unresolved = {s.pos for s in ctx.subjects if s.name is None}
    sents = list(doc.sents)
    people_of, subjects_of = [], []
    for sent in sents:
        named = [m for m in ctx.mentions_in(sent.start, sent.end) if m.actor.type == "person"]
        if any(sent.start <= i < sent.end for i in unresolved):
            named = []  # someone there is named by a name no actor resolves: no evidence
        people_of.append(named)
        subjects_of.append({m.actor.name for m in named if m.start in subjects})
    for k, sent in enumerate(sents):
        first = sent[0]
        if k > 0 and first.lower_ in SUBJECT_PRONOUNS and not ctx.quoted[first.i]:
            prev = subjects_of[k - 1] or {m.actor.name for m in people_of[k - 1]}
            if len(prev) == 1:
                vote(next(iter(prev)), SUBJECT_PRONOUNS[first.lower_], 1)
        names = {m.actor.name for m in people_of[k]}
        if len(names) != 1:
            continue
        name = next(iter(names))
        after = people_of[k][0].end
        for t in doc[after:sent.end]:
            g = _ANY_PRONOUN.get(t.lower_)
            if g is None or ctx.quoted[t.i]:
                continue
            said = t.lower_ in SUBJECT_PRONOUNS and t.head.lemma_.lower() in STRONG_SPEECH
            if name in subjects_of[k] or said:  # "X expects ..., she added"
                vote(name, g, 1)
                break
    for name, v in votes.items():
        if name in gender:
            continue
        m, f = v.get("m", 0), v.get("f", 0)
        if m != f:
            gender[name] = "m" if m > f else "f"
    return gender


def _choose(ctx, names: list[str], g: str, single: bool = False) -> str | None:
    """The first compatible name of ``names`` (most likely first), or None when unclear."""
    compatible = [n for n in names if ctx.compatible(n, g)]
    if not compatible:
        return None
    best = compatible[0]
    if ctx.gender.get(best) is None:
        if any(ctx.gender.get(n) == g for n in compatible[1:]):
            return None  # an unknown-gender candidate before one known to match: ambiguous
        if single and len(compatible) > 1:
            return None
    return best


def _distinct(names) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def resolve_pronoun(ctx, pron, sent_lo: int) -> tuple[str | None, bool]:
    """(speaker, named_in_sentence) for the he/she token ``pron``; (None, False) when unclear.

    ``ctx`` is the quote extractor's context; ``sent_lo`` the first token of the sentence
    (or of the quotation's sentence, ``ctx.context_lo``, when that is earlier). A person
    whose gender was unknown takes the pronoun's gender once resolved."""
    g = SUBJECT_PRONOUNS.get(pron.lower_)
    if g is None:
        return None, False
    name, same_sentence = _resolve(ctx, pron, sent_lo, g)
    if name and ctx.gender.get(name) is None:
        ctx.gender[name] = g
    return name, same_sentence


def _resolve(ctx, pron, sent_lo: int, g: str) -> tuple[str | None, bool]:
    doc = ctx.doc
    if ctx.context_lo is not None:
        sent_lo = min(sent_lo, ctx.context_lo)
    # 1. a person named earlier in the same sentence
    here = []
    for m in ctx.mentions_in(sent_lo, pron.i):
        between = doc[m.end:pron.i]
        if len(between) > 0 and all(t.text == "," for t in between):
            continue  # "Biden, she said, needs ..." — Biden is the topic, not the speaker
        if m.actor.type == "person":
            here.append(m.actor.name)
    here = _distinct(here)
    if here:
        name = _choose(ctx, here, g)
        if name or any(ctx.compatible(n, g) for n in here):
            return name, False
    # 2./3. subjects and speakers, most recent first, in this and the previous paragraph
    para = ctx.document.paragraph_of(pron.idx)
    # sentence by sentence, most recent first; in a sentence speakers and main-clause subjects
    # before subjects of embedded clauses
    timeline = [(doc[ev.pos].sent.start, getattr(ev, "main", True), ev.pos, ev.para, ev.speaker, ev.blocked and not ev.speaker)
                for ev in ctx.events if ev.pos < pron.i]
    timeline += [(doc[s.pos].sent.start, s.main, s.pos, s.para, s.name, s.name is None)
                 for s in ctx.subjects if s.pos < sent_lo]
    timeline.sort(key=lambda e: (-e[0], not e[1], -e[2]))
    near, far, blocked = [], [], False
    for _, _, pos, p, name, stop in timeline:
        if pron.i - pos > _FAR:
            break
        if stop:
            blocked = True
            break
        if not name or ctx.by_name.get(name) is None or ctx.by_name[name].type != "person":
            continue
        (near if p >= para - 1 else far).append(name)
    near, far = _distinct(near), _distinct(far)
    if near:
        return _choose(ctx, near, g), False
    if blocked:
        return None, False
    if far:
        return _choose(ctx, far, g, single=True), False
    # 4. any person named in the preceding text, when a single one fits
    window_lo = doc[max(0, pron.i - 150)].sent.start
    cands = _distinct(m.actor.name for m in reversed(ctx.mentions_in(window_lo, pron.i)) if m.actor.type == "person")
    return _choose(ctx, cands, g, single=True), False
