"""A definite description of a person ("the singer", "the Labour peer", "the minister") as
the person the text was just about.

News writing names someone, then refers back to them by a description instead of a name or
a pronoun: 'Rock star Ana Ruiz has said ... "...," the singer told reporters'; 'Lord Berg
agreed to withdraw his bill ... the Labour peer and former minister said: "..."'. The roles
do not link such a description when it repeats no word of the person's role, so the
quotation was left without a speaker. :func:`described_person` links it the way a definite
description is resolved in entity-centric coreference (the "definite NP with a compatible
head, most salient antecedent" pass; Lee et al., 2013, Poesio & Vieira, 1998), restricted so
that the text decides:

* the description is "the" + a singular person noun, without a possessor or an of/for
  complement ("the party's leader", "the head of the charity" designate someone by a body;
  a past office may say whose: "the former UN commissioner for human rights") and without a
  qualifier that makes another office ("shadow", "deputy");
* its antecedent is the **topic**: the one person who is a main-clause subject or the
  speaker of the nearest earlier sentence that mentions any person, at most four sentences
  back and at most two paragraphs back; nobody is the answer when that sentence has
  two people, a person the actors do not name, or a singular noun of the same kind ("a
  lawyer" introduced since), and when the description's own sentence names someone before it;
* **offices** ("the prime minister", "the chairman", "the minister") need the person's role
  or title to say that office ("Trade and Industry Secretary" is a minister, "Lord X" is a
  peer), since a unique office is as often held by someone the text does not name there;
  a past office ("the former minister") and **occupations and descriptions** ("the singer",
  "the comedian", "the Salford MP", "the British actor", an age: "the 52-year-old") need
  only the topic, unless another person's role says the same noun or the person's party
  differs from the description's ("the Labour peer" is no "Tory" peer).

Inputs are the quote extractor's context (``doc``, ``document``, ``mentions_in``,
``mention_at``, ``events``, ``subjects``, ``quoted``, ``by_name``, ``actors``, ``compatible``)
and a spaCy token; the output is an actor name or None. Nothing here raises on text.
"""

from __future__ import annotations

import re

from summarizers.entities.antecedents import GENDERED_NOUNS
from summarizers.document import span_ents

# Nouns that describe what someone does or is, not an office only one person holds.
OCCUPATIONS = {
    "singer", "actor", "actress", "comedian", "comic", "star", "rapper", "musician", "presenter", "writer", "author",
    "novelist", "artist", "poet", "playwright", "producer", "filmmaker", "film-maker", "guitarist", "drummer",
    "frontman", "songwriter", "dancer", "model", "designer", "broadcaster", "mp", "msp", "mep", "am", "peer",
    "senator", "congressman", "congresswoman", "lawmaker", "politician", "veteran", "campaigner", "activist",
    "player", "footballer", "athlete", "businessman", "businesswoman", "entrepreneur", "tycoon", "billionaire",
    "millionaire", "academic", "historian", "scientist", "economist", "cleric", "priest", "bishop", "archbishop",
    "judge", "barrister", "solicitor", "lawyer", "doctor", "surgeon", "teacher", "head", "boss", "chief", "director",
    "minister", "secretary", "chancellor", "president", "premier", "leader", "chairman", "chairwoman", "chair",
    "governor", "mayor", "speaker", "commissioner", "ambassador", "envoy", "king", "queen", "prince",
    "princess", "pope", "general", "commander", "editor", "executive", "founder", "owner", "manager", "coach",
    "year-old",
}
# Offices: the person's own role or title must name them ("the prime minister").
OFFICES = {
    "head", "boss", "chief", "director", "minister", "secretary", "chancellor", "president", "premier", "leader",
    "chairman", "chairwoman", "chair", "governor", "mayor", "speaker", "commissioner", "ambassador", "envoy", "king",
    "queen", "prince", "princess", "pope", "general", "commander", "editor", "executive", "founder", "owner",
    "manager", "coach", "judge", "archbishop", "bishop",
}
_QUALIFIERS = {"shadow", "deputy", "vice", "junior", "assistant", "acting", "ex", "opposition", "co", "new", "other",
               "outgoing", "incoming", "late"}
# What a role or title implies: a secretary of state or the chancellor is a minister, a lord a peer.
_IMPLIED = {"secretary": {"minister"}, "chancellor": {"minister"}, "chairwoman": {"chairman", "chair"},
            "chairman": {"chair"}, "chair": {"chairman"}, "premier": {"prime", "minister"}}
_PEER_TITLES = {"lord", "baroness", "viscount", "earl"}
_PARTIES = {"labour", "tory", "conservative", "liberal", "democrat", "democratic", "republican", "snp", "plaid",
            "ukip", "green", "unionist", "dem"}
_FEMALE = {"actress", "chairwoman", "congresswoman", "businesswoman", "queen", "princess"}
_MALE = {"chairman", "congressman", "businessman", "king", "prince", "frontman"}
_WORD = re.compile(r"[\w'’-]+")
_SENTENCES_BACK = 4


def is_age(tok) -> bool:
    """True for the head of an age used as a description: "the 52-year-old" ("old")."""
    doc = tok.doc
    return tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 2].lower_ in {"year", "years"} \
        and doc[tok.i - 1].text in {"-", "–"}


def _head_word(noun) -> str:
    if is_age(noun):
        return "year-old"
    return noun.lower_ if noun.lower_ in OCCUPATIONS else noun.lemma_.lower()


def _shape_ok(noun) -> bool:
    """True for "the" + a singular noun of :data:`OCCUPATIONS` with no possessor, no of/for
    complement and no qualifier ("the shadow chancellor")."""
    if _head_word(noun) not in OCCUPATIONS or noun.tag_ not in {"NN", "NNP"} and not is_age(noun):
        return False
    kids = list(noun.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return False
    mods = {t.lower_ for t in noun.doc[noun.left_edge.i:noun.i] if not t.like_num and t.lower_ not in {"year", "-"}}
    if any(c.dep_ == "poss" for c in kids) or "former" not in mods and any(
            c.dep_ == "prep" and c.lower_ in {"of", "for", "at", "to"} for c in kids):
        return False  # "the party's leader", "the head of the charity" (a past office may say whose)
    return not mods & _QUALIFIERS


def _modifiers(noun) -> list[str]:
    """The words before the head in the description ("the Labour peer" → ["labour"])."""
    return [t.lower_ for t in noun.doc[noun.left_edge.i:noun.i] if t.is_alpha and t.lower_ != "the"]


def _role_words(actor) -> set[str]:
    words = {w for w in _WORD.findall((actor.role or "").lower())}
    first = actor.name.split()[0].lower() if actor.name.split() else ""
    if first in _PEER_TITLES or any(a.split()[0].lower() in _PEER_TITLES for a in actor.aliases if a.split()):
        words.add("peer")
    for w in list(words):
        words |= _IMPLIED.get(w, set())
    return words


def _gender(ctx, name: str) -> str | None:
    """The gender the text gives ``name``: learnt from honorifics and pronouns, else a gendered
    noun right before a mention ("His wife Sharon", "actress Ana Ruiz")."""
    if ctx.gender.get(name):
        return ctx.gender[name]
    for m in ctx.mentions:
        if m.actor.name == name and m.start > 0:
            before = ctx.doc[m.start - 1].lemma_.lower()
            for g, nouns in GENDERED_NOUNS.items():
                if before in nouns:
                    return g
    return None


def _role_heads(role: str | None) -> set[str]:
    """Head nouns of a role: the last word of each coordinated part before a preposition
    ("Labour peer and former minister of state" → {"peer", "minister"})."""
    words = _WORD.findall((role or "").lower())
    cut = next((k for k, w in enumerate(words) if w in {"of", "for", "at", "to", "in", "on", "with"}), len(words))
    heads, part = set(), []
    for w in words[:cut] + ["and"]:
        if w == "and" and part:
            heads.add(part[-1])
            part = []
        elif w != "and":
            part.append(w)
    return heads


def _party_before(ctx, name: str) -> set[str]:
    """Party words written right before a mention of ``name`` ("Tory Lord Berg")."""
    doc = ctx.doc
    out = set()
    for m in ctx.mentions:
        if m.actor.name == name and m.start > 0 and doc[m.start - 1].lower_ in _PARTIES and doc[m.start - 1].text[:1].isupper():
            out.add(doc[m.start - 1].lower_)
    return out


def _people_in(ctx, lo: int, hi: int) -> tuple[set[str], set[str], bool]:
    """(people mentioned, people who are subjects or speakers, someone unnamed) in tokens [lo, hi)."""
    doc = ctx.doc
    mentioned: set[str] = set()
    topics: set[str] = set()
    unnamed = False
    for m in ctx.mentions_in(lo, hi):
        if m.actor.type == "person":
            mentioned.add(m.actor.name)
    for ev in ctx.events:
        if lo <= ev.pos < hi and ev.main:
            if ev.speaker and getattr(ctx.by_name.get(ev.speaker), "type", None) == "person":
                topics.add(ev.speaker)
            elif ev.blocked:
                unnamed = True
    for sm in ctx.subjects:
        if lo <= sm.pos < hi:
            name = subject_name(ctx, sm)
            if name:
                topics.add(name)
            else:
                unnamed = True
    for e in span_ents(doc[lo:hi]):
        if e.label_ == "PERSON" and not ctx.quoted[e.start] and not any(j in ctx.mention_at for j in range(e.start, e.end)):
            unnamed = True
    return mentioned | topics, topics, unnamed


def _topic(ctx, noun) -> str | None:
    """The one person the nearest earlier sentence mentioning people is about (see the module
    docstring), or None."""
    doc = ctx.doc
    sent = noun.sent
    lo = ctx.context_lo if ctx.context_lo is not None and ctx.context_lo < sent.start else sent.start
    if _people_in(ctx, lo, noun.i)[0] or _people_in(ctx, lo, noun.i)[2]:
        return None  # "Asked about Ana Ruiz, the minister said": someone else is in this sentence
    para = ctx.document.paragraph_of(noun.idx)
    hi = lo
    for _ in range(_SENTENCES_BACK):
        if hi == 0:
            return None
        prev = doc[hi - 1].sent
        if ctx.document.paragraph_of(doc[prev.start].idx) < para - 2:
            return None
        people, topics, unnamed = _people_in(ctx, prev.start, prev.end)
        if unnamed:
            return None
        if people:
            if len(people) != 1 or people != topics:
                return None  # two people, or the one person is no subject ("did not impress Tim Collins")
            return next(iter(people))
        hi = prev.start
    return None


def _same_kind_since(ctx, noun, name: str) -> bool:
    """True when a singular noun of the description's kind that names nobody ("a lawyer")
    stands between the topic's sentence and the description: it may be the one meant."""
    doc = ctx.doc
    head = _head_word(noun)
    start = next((m.start for m in reversed(ctx.mentions_in(0, noun.i)) if m.actor.name == name), None)
    lo = doc[start].sent.start if start is not None else noun.sent.start
    for t in doc[lo:noun.i]:
        if _head_word(t) == head and t.tag_ in {"NN", "NNP"} and not ctx.quoted[t.i] and t.i not in ctx.mention_at \
                and not any(c.i in ctx.mention_at for c in [t.head, *t.children]):
            return True
    return False


def described_person(ctx, noun) -> str | None:
    """The person actor a definite description ``noun`` (a subject token) refers to, or None
    (see the module docstring)."""
    if ctx.quoted[noun.i] or noun.i in ctx.mention_at or not _shape_ok(noun):
        return None
    name = _topic(ctx, noun)
    actor = ctx.by_name.get(name) if name else None
    if actor is None or actor.type != "person":
        return None
    head = _head_word(noun)
    g = "f" if head in _FEMALE else "m" if head in _MALE else None
    if g and not ctx.compatible(name, g):
        return None
    own = [c.lower_ for v in [noun.head] for k in v.children if k.dep_ == "ccomp" for c in k.children
           if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"he", "she"}]
    if own and _gender(ctx, name) not in {None, "m" if own[0] == "he" else "f"}:
        return None  # "The heavy metal star said he could have died" after a sentence about his wife
    words = _role_words(actor)
    mods = _modifiers(noun)
    if (words & _QUALIFIERS) - set(mods):
        return None  # "the chancellor" is not the "shadow chancellor"
    if head in OFFICES and "former" not in mods:  # a past office is a description, not who holds it now
        lower_mods = [t.lower_ for t in noun.doc[noun.left_edge.i:noun.i] if t.is_alpha and t.is_lower and t.lower_ != "the"]
        if head not in words or any(w not in words for w in lower_mods if w not in {"former"}):
            return None  # "the prime minister": only when the text says this person holds it
    parties = {w for w in mods if w in _PARTIES}
    theirs = {w for w in words if w in _PARTIES} | _party_before(ctx, name)
    if parties and theirs and not parties & theirs:
        return None  # "the Labour peer" is not the "Tory" peer
    before = {m.actor.name for m in ctx.mentions_in(0, noun.i)}
    for other in ctx.actors:
        if other.name != name and other.name in before and other.type == "person" and head in _role_heads(other.role):
            return None  # another person whose role is this noun ("Senator Leahy's spokeswoman" is none)
    if _same_kind_since(ctx, noun, name):
        return None
    text = None if is_age(noun) else description_text(noun)  # an age is no role
    if text:
        ctx.__dict__.setdefault("described_roles", {}).setdefault(name, text)
    return name


def description_text(noun) -> str | None:
    """The description headed by ``noun`` as role text, verbatim without its article: "the
    Labour peer and former minister" → "Labour peer and former minister"; a relative clause
    or anything after a comma is left out. None when nothing but the head is left of an
    office ("the minister" says nothing the role would not)."""
    doc = noun.doc
    end = noun.i
    for c in noun.children:
        if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in {"of", "for", "at", "to"}:
            end = c.right_edge.i  # "former UN commissioner for human rights"
    for c in noun.children:
        if c.dep_ == "conj" and c.i > end and not any(t.is_punct for t in doc[end:c.i]) and c.i - end <= 4:
            end = c.i  # "peer and former minister"
    toks = [t for t in doc[noun.left_edge.i:end + 1] if t.i >= noun.left_edge.i]
    while toks and (toks[0].lower_ == "the" or toks[0].is_punct):
        toks = toks[1:]
    if not toks or any(t.is_punct and t.tag_ not in {"HYPH"} for t in toks) or len(toks) > 12:
        return None
    return " ".join(t.text for t in toks).replace(" - ", "-")


def subject_name(ctx, sm) -> str | None:
    """The person a main-clause subject (:class:`summarizers.entities.pronouns.SubjectMention`)
    names: its name, else the person its unmatched description refers to ("The minister
    shrugged off the criticism" after a sentence about the minister), else None. Cached on
    ``ctx`` per token."""
    if sm.name or sm.noun is None:
        return sm.name
    cache = ctx.__dict__.setdefault("_described", {})
    if sm.noun not in cache:
        cache[sm.noun] = None  # a description's own lookup never reaches itself
        cache[sm.noun] = described_person(ctx, ctx.doc[sm.noun])
    return cache[sm.noun]
