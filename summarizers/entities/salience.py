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

TYPE_WEIGHT = {"person": 1.6, "organization": 1.0, "group": 0.7, "place": 0.45}
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


def acts(doc, start: int, end: int) -> bool:
    """True when the mention at tokens [start, end) is a subject, an agent or a subject's possessor."""
    t = _root(doc, start, end)
    for _ in range(3):
        if t.dep_ in _SUBJECT_DEPS:
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ == "agent":
            return True
        if t.dep_ in {"conj", "appos", "compound"} and t.head.i != t.i:
            t = t.head  # "the US and Mexico agreed", "Mexico City police said"
            continue
        if t.dep_ == "poss" and t.head.dep_ in _SUBJECT_DEPS:
            return True
        break
    return False


def passing(kind: str, name: str, n_mentions: int, n_acting: int, n_speaking: int) -> bool:
    """True when a place, organisation or group only passes through the story (drop it)."""
    if is_street(name):
        return n_speaking == 0
    if kind == "person":
        return False
    if n_speaking or n_acting:
        return False
    if kind == "place":
        return n_mentions < 3
    return n_mentions < 2


def score(kind: str, n_mentions: int, n_acting: int, n_speaking: int, first_token: int, n_tokens: int) -> float:
    """Ranking score (higher is more salient) of an actor."""
    early = 1.0 - first_token / max(1, n_tokens)
    return (n_mentions * TYPE_WEIGHT[kind] + 2.0 * min(n_speaking, 3) + 0.6 * min(n_acting, 4)
            + 1.5 * early)


#: Actors shown first in a brief (the key-actor window of the quality benchmark).
SHOWN = 8


def promote_speakers(actors: list, quotes: list) -> list:
    """``actors`` (ranked) with every person who speaks a quotation moved ahead of the first
    place in the first :data:`SHOWN` that speaks none, when the ranking left that person
    outside them: a quoted speaker (often named once and then "he said") matters more to a
    policy reader than a country named in passing. Input: :class:`Actor` and :class:`Quote`
    values (speaker = an actor's name); output: a new list, the same actors."""
    speakers = {q.speaker for q in quotes if q.speaker}
    out = list(actors)
    for actor in list(out[SHOWN:]):
        if actor.type != "person" or actor.name not in speakers:
            continue
        at = next((n for n, a in enumerate(out[:SHOWN]) if a.type == "place" and a.name not in speakers), None)
        if at is None:
            break
        out.remove(actor)
        out.insert(at, actor)
    return out
