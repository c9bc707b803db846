"""Salience of an actor: does it act in the story, or is it only mentioned in passing?

An entity *acts* when a mention is the subject of a verb ("Mexico expects ...", "the DEA
was accused ..."), the agent of a passive ("recalled by the Reich"), a possessor of
something that is the subject ("Mexico's foreign minister said"), or the speaker of a
quotation. Places and organisations named once as a location or an object ("a drought in
Chihuahua", "bought parcels of land in what is now Tanzania") are passing mentions and are
dropped; street and square names are settings, not actors, unless they speak ("Downing
Street said"). People are never dropped (a person named once still ranks below those who
act).

The ranking score combines mentions (weighted by type), speaking, acting and an early
first mention, in the spirit of the entity-salience features of Dunietz & Gillick (2014,
"A New Entity Salience Task with Millions of Training Examples").
"""

from __future__ import annotations

import re

from summarizers.entities.collectives import COLLECTIVES, MEMBERS, TIED

#: Weight of one mention by type ("collective": a group named by a plural noun, "protesters").
TYPE_WEIGHT = {"person": 1.6, "organization": 1.0, "group": 0.7, "place": 0.45, "collective": 0.3}
_STREET = re.compile(
    r"(?i:strasse|straße|str\.|allee|platz|gasse|damm|ufer|chaussee|steig)$"
    r"|\b(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Square|Drive|Terrace|Crescent|Plaza|Highway)$"
    r"|^(?:Rue|Via|Calle|Avenida|Plaza|Place)\b",
)
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_DOCUMENT = re.compile(r"\b(?:Act|Bill|Law|Treaty|Agreement|Accord|Convention|Protocol|Amendment|Directive|Resolution"
                       r"|Letter|Report|Statement|Memo|Memorandum|White Paper|Green Paper|Manifesto)$")


def is_document(name: str) -> bool:
    """True for laws, bills, treaties and other documents ("Data Retention Bill", "Paris
    Agreement", "An Open Letter"): texts, not actors."""
    return bool(_DOCUMENT.search(name.strip()))


def is_street(name: str) -> bool:
    """True for street and square names: "Petersallee", "Lüderitzstrasse", "Downing Street"."""
    return bool(_STREET.search(name.strip()))


def _root(doc, start: int, end: int):
    """The token of ``doc[start:end]`` whose head lies outside the span."""
    for t in doc[start:end]:
        if not (start <= t.head.i < end) or t.head.i == t.i:
            return t
    return doc[end - 1]


def _member_subject(t):
    """The subject noun whose members or followers ``t`` (a pobj) names the body of: "members of
    X", "militants linked to X", "fighters loyal to X"; None otherwise."""
    p = t.head
    if p.lower_ == "of" and p.head.dep_ in _SUBJECT_DEPS and p.head.lemma_.lower() in MEMBERS:
        return p.head
    if p.lower_ in {"to", "with"} and p.head.dep_ in {"acl", "amod"} and p.head.lower_ in TIED \
            and p.head.head.dep_ in _SUBJECT_DEPS and p.head.head.lemma_.lower() in MEMBERS | COLLECTIVES.keys():
        return p.head.head  # people, not "flights linked to X"
    return None


#: Nouns of an inquiry whose "by X" names the body that made it ("an investigation by X").
_ACTION_NOUNS = {"investigation", "inquiry", "probe", "review", "audit", "ruling"}


def acting_verb(doc, start: int, end: int):
    """The verb the mention at tokens [start, end) acts in, or None: the mention is its subject
    (or a conjunct, apposition or compound of it), the agent of its passive, the possessor of
    its subject ("Mexico's foreign minister said"), the body of its subject's members
    ("militants loyal to X beheaded", "members of X voted"), or the agent of an inquiry's
    noun ("an investigation by X": the noun is returned)."""
    t = _root(doc, start, end)
    for _ in range(3):
        if t.dep_ in _SUBJECT_DEPS:
            return t.head
        if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ == "agent":
            return t.head.head
        if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.head.lemma_.lower() in _ACTION_NOUNS:
            return t.head.head  # "an investigation by the Office of Fair Trading": the body investigates
        if t.dep_ == "pobj" and _member_subject(t) is not None:
            return _member_subject(t).head
        if t.dep_ in {"conj", "appos", "compound"} and t.head.i != t.i:
            t = t.head  # "the US and Mexico agreed", "Mexico City police said"
            continue
        if t.dep_ == "poss" and t.head.dep_ in _SUBJECT_DEPS:
            return t.head.head
        break
    return None


def acts(doc, start: int, end: int) -> bool:
    """True when the mention at tokens [start, end) acts (:func:`acting_verb`)."""
    return acting_verb(doc, start, end) is not None


def lede_agent(doc, start: int, end: int) -> bool:
    """True when the mention at tokens [start, end) is the agent of the lede's main verb (the
    first sentence's root or a verb joined to it: "Gunmen opened fire ..., killing ..."): its
    subject, a conjunct or apposition of the subject ("New York group The Bravery have
    come"), or the agent of its passive. A name modifying the subject ("the US military said",
    "Britain's Conservative Party was accused") is not the agent. The lede of a news story says
    who did what; its agent is a protagonist however few times the text names it again (the
    "first sentence" and "subject" features of entity salience, Dunietz & Gillick 2014)."""
    if start >= len(doc) or doc[start].sent.start != 0:
        return False
    root = doc[start].sent.root
    t = _root(doc, start, end)
    while t.dep_ in {"conj", "appos"} and t.head.i != t.i:
        t = t.head
    if t.dep_ in _SUBJECT_DEPS:
        verb = t.head
    elif t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ == "agent":
        verb = t.head.head
    else:
        return False
    return verb.i == root.i or verb.dep_ == "conj" and verb.head.i == root.i


#: Prepositions whose object is a setting ("in Pakistan", "flights to Russia"), not a participant.
_SETTING_PREPS = {"in", "at", "on", "from", "to", "into", "onto", "across", "throughout", "near", "around", "within",
                  "outside", "inside", "through", "over", "under", "via", "toward", "towards", "between", "among",
                  "off", "beyond", "along", "out", "up", "down", "by", "of", "for", "with", "since", "until"}


def involved(doc, mentions) -> int:
    """How many of a place's ``mentions`` (objects with ``start``/``end`` token offsets) treat
    it as a participant rather than a setting: the object of a verb ("names Russia as the
    failing state of gravest concern"), the topic of a preposition such as "about" or
    "against" ("worried about Pakistan"), or a member of a list in apposition to a noun
    ("failing states, including Russia and Pakistan"). "in Pakistan", "to Russia" are
    settings. Input: the spaCy doc and the mentions; output: a count."""
    n = 0
    for m in mentions:
        t = _root(doc, m.start, m.end)
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # "Russia and Pakistan": the first conjunct's relation
        if t.dep_ in {"dobj", "dative", "appos"}:
            n += 1
        elif t.dep_ == "pobj" and t.head.lower_ not in _SETTING_PREPS:
            n += 1
    return n


def passing(kind: str, name: str, n_mentions: int, n_acting: int, n_speaking: int, n_involved: int = 0) -> bool:
    """True when a place, organisation or group only passes through the story (drop it).
    ``n_involved``: mentions of a place as a participant (:func:`involved`); a place named
    twice, once as a participant, stays."""
    if is_street(name):
        return n_speaking == 0
    if kind == "person":
        return False
    if n_speaking or n_acting:
        return False
    if kind == "place":
        return n_mentions < 3 and not (n_mentions == 2 and n_involved)
    return n_mentions < 2


#: Bonus of an actor the headline names (the story's subject, often named once or twice in the body).
HEADLINE_BONUS = 2.5
#: Bonus of the lede's agent (:func:`lede_agent`).
LEDE_BONUS = 2.0
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w.]*(?:['’][^\W\d_]+)?")


def headline_words(title: str | None) -> list[str]:
    """The words of a headline as they can match a name: possessives and dots dropped,
    hyphenated pairs split ("Trump’s Made-for-TV", "US-China", "U.S." → "Trump", ..., "US",
    "China", "US"). Input: the headline or None; output: words in order (case kept)."""
    out = []
    for w in _HEADLINE_WORD.findall((title or "").replace("-", " ")):
        w = re.sub(r"['’]s?$", "", w)
        w = w.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.)+", w) else w.rstrip(".")
        if w:
            out.append(w)
    return out


def named_in_headline(kind: str, forms: set[str], headline: list[str]) -> bool:
    """True when the headline names the actor: a person by a full form or its last word (the
    surname: "Esper accuses China ..."), another actor by one of its forms as a run of words
    ("US", "Yahoo", "South Dakota"). Case matters ("Trade War" names no "trade"). Input: the
    actor's type and name forms, :func:`headline_words`; output: a bool."""
    if not headline:
        return False
    text = " " + " ".join(headline) + " "
    for form in forms:
        words = headline_words(form)
        if not words:
            continue
        if " " + " ".join(words) + " " in text:
            return True
        if kind == "person" and len(words) > 1 and words[-1][:1].isupper() and f" {words[-1]} " in text:
            return True
    return False


def score(kind: str, n_mentions: int, n_acting: int, n_speaking: int, first_token: int, n_tokens: int,
          in_headline: bool = False, in_lede: bool = False) -> float:
    """Ranking score (higher is more salient) of an actor; ``in_headline``: the headline names
    it; ``in_lede``: it is the lede's agent (:func:`lede_agent`)."""
    early = 1.0 - first_token / max(1, n_tokens)
    return (n_mentions * TYPE_WEIGHT[kind] + 2.0 * min(n_speaking, 3) + 0.6 * min(n_acting, 4)
            + 1.5 * early + (HEADLINE_BONUS if in_headline else 0.0) + (LEDE_BONUS if in_lede else 0.0))


#: Actors shown first in a brief (the key-actor window of the quality benchmark).
SHOWN = 8


def promote_speakers(actors: list, quotes: list, title: str | None = None) -> list:
    """``actors`` (ranked) where every actor who speaks a quotation (a person, or a body quoted
    as such: "the Foreign Office said") and was ranked outside the first :data:`SHOWN` takes
    the slot of the lowest-ranked place in them that speaks none and that the headline
    ``title`` does not name; that place moves to just after the window. A quoted speaker (often named once and then "he said") matters more to
    a policy reader than a country named in passing, and the other actors of the window keep
    their slots. Speakers move in rank order while a silent place is left in the window.
    People named once in passing (``Actor.aside``) who speak no quotation are left out.
    Input: :class:`Actor` and :class:`Quote` values (speaker = an actor's name); output: a new
    list of the same actors."""
    speakers = {q.speaker for q in quotes if q.speaker}
    headline = headline_words(title)
    out = [a for a in actors if not getattr(a, "aside", False) or a.name in speakers]
    for actor in list(out[SHOWN:]):
        if actor.name not in speakers or actor.type not in {"person", "organization"}:
            continue
        at = next((n for n in range(min(SHOWN, len(out)) - 1, -1, -1)
                   if out[n].type == "place" and out[n].name not in speakers
                   and not named_in_headline("place", {out[n].name, *out[n].aliases}, headline)), None)
        if at is None:
            break
        place = out[at]
        out.remove(actor)
        out[at] = actor
        out.insert(SHOWN, place)
    return out
