"""Who "he" or "she" is: gender of person actors and resolution of subject pronouns.

Used by :mod:`summarizers.quotes.attribution` to attribute "..., she said" and "He added: ...".

**Gender** of a person actor is read only from what the text says about that person (never
from a list of first names): an honorific before a name ("Mr", "Ms", "Lady") counts 3 votes
and a gendered role noun ("spokeswoman", "chairman") decides; a he/she opening the sentence
after one whose only named subject is that person, "X expects ..., she added" with X the
only person named, and a possessive or object pronoun after X in a sentence where X is the
subject and nobody else is named in this or the previous paragraph ("Castañeda ... pressed
Washington ..., which her government blames") count 1. The majority decides; a tie leaves
the gender unknown. A person of unknown gender takes the gender of a pronoun resolved to them.

**Resolution** follows the recency-and-agreement rules of rule-based anaphora resolution
(Hobbs, 1978; Lappin & Leass, 1994) with subjects preferred as the centre of attention
(Centering theory, Grosz, Joshi & Weinstein, 1995):

1. people named earlier in the same sentence ("X is sceptical: '...,' he said"): the one
   compatible person, else the one compatible subject; the subject of an indirect-speech
   clause before ", he claimed" is skipped ("Mr Blair has failed ..., he claimed");
1b. else, when the sentence right before has a thing as its subject: the one person it
   names (not as a possessor), or the person who is the subject of its adverbial clause
   ("His words came as X backed ..."; :mod:`summarizers.entities.antecedents`);
2. else sentence by sentence, most recent first, speakers of main clauses, then main-clause
   subjects (:class:`SubjectMention`), then speakers inside reported content; people known
   to be of the other gender are skipped. In the same or the previous paragraph the first
   sentence with a compatible candidate decides; further back (up to 450 tokens) only a
   person known to have the pronoun's gender;
3. the answer is None (never a guess) when that sentence offers two compatible people, or a
   speaker the text describes but no actor matches ("a spokeswoman said", "the prime
   minister shrugged off ..."), names only as an organisation, or names by a name no actor
   resolves (a surname two actors share);
4. with no candidate at all, the single compatible person named in the preceding 150 tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizers.document import sentence_start, tokens
from summarizers.entities.names import FEMALE_HONORIFICS, FEMALE_PRONOUNS, MALE_HONORIFICS, MALE_PRONOUNS, STRONG_SPEECH
from summarizers.entities.antecedents import (
    GENDERED_NOUNS, only_person_before, previous_sentence, subordinate_subject_before, unnamed_since,
)
from summarizers.entities.roleterms import ROLE_NOUNS
from summarizers.entities.topicperson import subject_name

SUBJECT_PRONOUNS = {"he": "m", "she": "f"}
_POSSESSIVES = {"his": "m", "her": "f"}  # "his message was: ...": the owner of a document speaks
_ANY_PRONOUN = {p: "m" for p in MALE_PRONOUNS} | {p: "f" for p in FEMALE_PRONOUNS}
_FEMALE_ROLE = re.compile(r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|duchess|baroness)\b", re.I)
_MALE_ROLE = re.compile(r"\b(?:spokesman|chairman|congressman|businessman|king|prince|duke|baron)\b", re.I)
_MALE_TITLES = {h.rstrip(".") for h in MALE_HONORIFICS}
_FEMALE_TITLES = {h.rstrip(".") for h in FEMALE_HONORIFICS}
_FAR = 450  # tokens: how far back step 4 looks


@dataclass
class SubjectMention:
    """A person named as the subject of a main clause or of a reporting verb ("Lord Butler
    said ...", "Castañeda ... pressed Washington"), not inside reported content or an embedded
    clause ("Mr Howard said Mr Blair had refused", "an interview conducted by ... Boris Johnson").

    ``name`` is None for a person the text names or describes but no actor resolves: a
    surname two actors share, a PERSON-tagged word no actor covers, an office holder
    ("the prime minister shrugged off ...", "Tony Blair's official spokesman declined ...")
    that matches no actor's role; ``gender`` is that description's gender when it says one
    ("spokeswoman")."""

    pos: int  # token index
    para: int
    name: str | None
    gender: str | None = None
    noun: int | None = None  # an unmatched description's head ("the minister"), resolved later by the topic


def _governing(doc, t):
    """The clause role of token ``t``: climb appositions, compounds and conjuncts."""
    for _ in range(4):
        if t.dep_ in {"appos", "compound", "conj"} and t.head.i != t.i:
            t = t.head
            continue
        break
    return t


def _main_verb(verb) -> bool:
    """True for the sentence's main verb (or one coordinated with it) and for reporting verbs."""
    if verb.lemma_.lower() in STRONG_SPEECH and verb.dep_ not in {"ccomp", "relcl", "acl"}:
        return True
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _main_subject(doc, start: int, end: int) -> bool:
    t = next((u for u in doc[start:end] if not start <= u.head.i < end or u.head.i == u.i), doc[end - 1])
    t = _governing(doc, t)
    return t.dep_ in {"nsubj", "nsubjpass"} and _main_verb(t.head)


def _office_holder(ctx, t) -> bool:
    """A singular role noun ("the prime minister", "Blair's official spokesman") that is the
    main subject, or the object of a verb it is then made to act on ("prompted the prime
    minister to say"), and is no part of a named mention ("Tory leader Michael Howard")."""
    if t.lemma_.lower() not in ROLE_NOUNS or ctx.quoted[t.i] or t.i in ctx.mention_at:
        return False
    if t.tag_ != "NN" and not (t.tag_ == "NNP" and any(c.dep_ in {"det", "poss"} for c in t.children)):
        return False  # "the minister", "The Attorney General"; not "officials" nor a name
    def person_at(i: int) -> bool:
        return i in ctx.mention_at and ctx.mention_at[i].actor.type == "person"

    if person_at(t.head.i) or any(person_at(c.i) for c in t.children if c.dep_ in {"appos", "compound"}):
        return False  # "Tory leader Michael Howard", "the spokesman, Ana Ruiz," — not "a Labour Party spokesman"
    if t.dep_ in {"nsubj", "nsubjpass"}:
        return _main_verb(t.head)
    return t.dep_ == "dobj" and _main_verb(t.head) and any(c.dep_ in {"xcomp", "ccomp"} for c in t.head.children)


def subject_mentions(ctx) -> list[SubjectMention]:
    """Main-clause subjects that are people, in article order (see :class:`SubjectMention`).

    ``ctx`` is the quote extractor's context (``doc``, ``document``, ``mentions``, ``quoted``,
    ``match_role_np``, ``unknown_person``)."""
    doc = ctx.doc
    out = []

    def para(i: int) -> int:
        return ctx.document.paragraph_of(doc[i].idx)

    for m in ctx.mentions:
        if m.actor.type == "person" and not ctx.quoted[m.start] and _main_subject(doc, m.start, m.end):
            out.append(SubjectMention(m.start, para(m.start), m.actor.name))
    for t in tokens(doc):
        if t.dep_ in {"nsubj", "nsubjpass"} and (ctx.unknown_person(t) or any(
                c.dep_ == "appos" and ctx.unknown_person(c) for c in t.children)) and _main_subject(doc, t.i, t.i + 1):
            out.append(SubjectMention(t.i, para(t.i), None))  # "Kennedy said", "The Attorney General, Lord X, has"
        elif _office_holder(ctx, t):
            name = ctx.match_role_np(list(doc[t.left_edge.i:t.i + 1]), t.i)
            g = "f" if _FEMALE_ROLE.search(t.text) else "m" if _MALE_ROLE.search(t.text) else None
            out.append(SubjectMention(t.i, para(t.i), name, None if name else g, None if name else t.i))
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
        # "government spokeswoman" names a woman, "Queen Rania" too; a surname does not ("Ana King")
        described = f"{a.role or ''} {a.name if a.name[:1].islower() else a.name.rpartition(' ')[0]}"
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
        para = ctx.document.paragraph_of(sent[0].idx)
        lo = ctx.document.paragraph_starts[max(0, para - 1)]
        alone = not any(m.actor.type == "person" and m.actor.name != name and lo <= doc[m.start].idx
                        for m in ctx.mentions_in(0, sent.end))
        for t in doc[after:sent.end]:
            g = _ANY_PRONOUN.get(t.lower_)
            if g is None or ctx.quoted[t.i]:
                continue
            said = t.lower_ in SUBJECT_PRONOUNS and t.head.lemma_.lower() in STRONG_SPEECH
            # "X expects ..., she added"; a possessive or object pronoun ("her government")
            # only when nobody else is named in this or the previous paragraph ("Costa rejected
            # his claim" is about the previous speaker's claim)
            if said or name in subjects_of[k] and alone:
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
    """The first compatible name of ``names`` (most likely first); with ``single``, only when
    no other compatible name is there."""
    compatible = [n for n in names if ctx.compatible(n, g)]
    if not compatible or single and len(compatible) > 1:
        return None
    return compatible[0]


def _distinct(names) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def resolve_pronoun(ctx, pron, sent_lo: int) -> tuple[str | None, bool]:
    """(speaker, False) for the he/she (or his/her) token ``pron``; (None, False) when unclear. The second
    value keeps the ``(speaker, blocked)`` shape of the quote extractor's subject lookups.

    ``ctx`` is the quote extractor's context; ``sent_lo`` the first token of the sentence
    (or of the quotation's sentence, ``ctx.context_lo``, when that is earlier). A person
    whose gender was unknown takes the pronoun's gender once resolved."""
    g = SUBJECT_PRONOUNS.get(pron.lower_) or _POSSESSIVES.get(pron.lower_)
    if g is None:
        return None, False
    name = _resolve(ctx, pron, sent_lo, g)
    if name and ctx.gender.get(name) is None:
        ctx.gender[name] = g
    return name, False


def _same_sentence(ctx, pron, sent_lo: int, g: str) -> tuple[bool, str | None]:
    """(decided, name) from the people named earlier in the pronoun's sentence."""
    doc = ctx.doc
    here = []
    after_comma = pron.i > 0 and doc[pron.i - 1].text == ","
    for m in ctx.mentions_in(sent_lo, pron.i):
        if m.actor.type != "person":
            continue
        between = doc[m.end:pron.i]
        if len(between) > 0 and all(t.text == "," for t in between):
            continue  # "Biden, she said, needs ..." — Biden is the topic, not the speaker
        if after_comma and not any(ctx.quoted[t.i] for t in between):
            continue  # "Mr Blair has failed ..., he claimed": the reported clause's subject is not the speaker
        if any(ctx.quoted[t.i] for t in between) and doc[m.end - 1].dep_ in {"pobj", "dobj", "poss", "dative"}:
            continue  # "The changes proposed by Lord X were a "...", he said": X is talked about, not talking
        last = doc[m.end - 1]
        if last.dep_ in {"compound", "nmod"} and last.head.i >= m.end and last.head.pos_ == "NOUN":
            continue  # "The Tom Berg "hound" remark, he says, ...": a name that only modifies a thing
        here.append(m.actor.name)
    compatible = [n for n in _distinct(here) if ctx.compatible(n, g)]
    if not compatible:
        return False, None
    if len(compatible) == 1:
        return True, compatible[0]
    subjects = {s.name for s in ctx.subjects if sent_lo <= s.pos < pron.i}
    named = [n for n in compatible if n in subjects]
    return True, (named[0] if len(named) == 1 else None)


def _later_topic(ctx, sent_start: int, pron_i: int, name: str, g: str) -> bool:
    """True when a person other than ``name`` who may have gender ``g`` opens a sentence
    after the one starting at ``sent_start`` and before the pronoun: a name the parser did
    not make a subject ("Alison Howe, producer of TV show Later... With Jools Holland, booked
    the group") is still the new topic, and a "she said" after it is not the earlier speaker's."""
    doc = ctx.doc
    hi = doc[pron_i].sent.start
    if ctx.context_lo is not None:
        hi = min(hi, ctx.context_lo)  # the pronoun's own sentence ("Biden, she said, needs ...") is no later topic
    for m in ctx.mentions_in(doc[sent_start].sent.end, hi):
        if m.actor.type != "person" or m.actor.name == name or not ctx.compatible(m.actor.name, g):
            continue
        first = doc[m.start].sent.start
        lead = [t for t in doc[first:m.start] if not (t.is_punct or t.is_space)]
        if not lead and not (m.end < len(doc) and doc[m.end].tag_ == "POS"):
            return True
    return False


_EMBEDDED = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp"}


def _described_person(ctx, noun, g: str) -> bool:
    """True when ``noun`` (a subject that is no actor mention) describes one person the
    pronoun may stand for: a singular role or kin noun ("Mr Pike's father", "the lawyer")
    that is not of the other gender."""
    if noun.i in ctx.mention_at or noun.tag_ != "NN":
        return False
    word = noun.lemma_.lower()
    if word in GENDERED_NOUNS["f" if g == "m" else "m"]:
        return False
    return word in GENDERED_NOUNS[g] or word in ROLE_NOUNS


def _governing_subject(ctx, pron, g: str) -> tuple[bool, str | None]:
    """For a pronoun that is the subject of an embedded clause ("Mr Dane had failed to deny
    claims he had told ..."), the nearest subject, compatible with ``g``, of a clause that
    governs it, found by climbing the dependency heads (the syntactic path of Hobbs, 1978):
    ``(True, name)`` for a person actor; ``(True, None)`` for a person the text describes but
    names no actor for ("Mr Pike's father, Walter, said he had been told ...": not Mr Pike);
    ``(False, None)`` when the pronoun heads no embedded clause or no such subject precedes it."""
    v = pron.head
    if pron.dep_ not in {"nsubj", "nsubjpass"} or v.dep_ not in _EMBEDDED:
        return False, None
    for _ in range(8):
        if v.head.i == v.i:
            break
        v = v.head
        for c in v.children:
            if c.dep_ not in {"nsubj", "nsubjpass"} or c.i >= pron.i or ctx.quoted[c.i]:
                continue
            m = ctx.mention_at.get(c.i)
            if m is not None and m.actor.type == "person" and ctx.compatible(m.actor.name, g):
                return True, m.actor.name
            if m is None and _described_person(ctx, c, g):
                named = [a for a in c.children if a.dep_ == "appos" and a.i in ctx.mention_at
                         and ctx.mention_at[a.i].actor.type == "person"]
                return True, (ctx.mention_at[named[0].i].actor.name if named else None)
    return False, None


def _resolve(ctx, pron, sent_lo: int, g: str) -> str | None:
    doc = ctx.doc
    if ctx.context_lo is not None:
        sent_lo = min(sent_lo, ctx.context_lo)
    # 0. inside an embedded clause: the subject of a clause that governs it
    decided, name = _governing_subject(ctx, pron, g)
    if decided:
        return name
    # 1. a person named earlier in the same sentence
    decided, name = _same_sentence(ctx, pron, sent_lo, g)
    if decided:
        return name
    # 1b. the one person the sentence right before names, when its subject is no person
    name = only_person_before(ctx, pron, g) or subordinate_subject_before(ctx, pron, g)
    if name:
        return name
    # 2./3. speakers, then main-clause subjects, sentence by sentence, most recent first
    para = ctx.document.paragraph_of(pron.idx)
    entries = [(sentence_start(doc, ev.pos), 0 if ev.main else 2, ev.pos, ev.para, ev.speaker, "p" if ev.plural else None)
               for ev in ctx.events if ev.pos < pron.i and (ev.speaker or ev.blocked)]
    entries += [(sentence_start(doc, s.pos), 1, s.pos, s.para, subject_name(ctx, s), s.gender)
                for s in ctx.subjects if s.pos < sent_lo and pron.i - s.pos <= _FAR]
    groups: dict[tuple[int, int], list] = {}
    for e in entries:
        if pron.i - e[2] <= _FAR:
            groups.setdefault((e[0], e[1]), []).append(e)
    for key in sorted(groups, key=lambda k: (-k[0], k[1])):
        group = groups[key]
        names = _distinct(e[4] for e in group if e[4] and ctx.compatible(e[4], g))
        # a speaker the text does not name, or names as an organisation ("Tebbit" tagged ORG,
        # "the ministry said"): "he" may be that speaker's voice, never someone further back
        unnamed = [e for e in group if (not e[4] and e[5] in {None, g})
                   or e[4] and e[1] == 0 and getattr(ctx.by_name.get(e[4]), "type", None) != "person"]
        if unnamed:
            voices = {e[4] for e in group if e[4] and e[1] == 0}
            if len(voices) == 1 and all(e[4] for e in group) and group[0][3] >= para - 1 \
                    and key[0] == previous_sentence(doc, pron.i):
                return voices.pop()  # "A spokeswoman for Royal Mail said ... She added": the body's voice
            return None  # someone the text does not let us name may be the speaker
        if not names:
            if any(not e[4] and e[5] == "p" for e in group):
                return None  # "opposition parties said ...": a voice nobody names stands between
            continue
        if len(names) > 1:
            return None  # two people fit equally well
        if _later_topic(ctx, key[0], pron.i, names[0], g) or unnamed_since(ctx, key[0], pron.i, g):
            return None  # someone introduced since may be the one speaking
        near = group[0][3] >= para - 1
        if near or ctx.gender.get(names[0]) == g:
            return names[0]
        return None
    # 4. any person named in the preceding text, when a single one fits
    window_lo = doc[max(0, pron.i - 150)].sent.start
    cands = _distinct(m.actor.name for m in reversed(ctx.mentions_in(window_lo, pron.i)) if m.actor.type == "person")
    return _choose(ctx, cands, g, single=True)
