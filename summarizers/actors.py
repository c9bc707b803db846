"""Actors: the people, organisations, places and groups that act in a story.

:func:`extract_actors` reads the spaCy parse of a cleaned article (:class:`Document`):

1. candidate mentions come from spaCy's named entities (PERSON, ORG, GPE, LOC, NORP) and
   from capitalised proper-noun runs that are the subject of a reporting verb (small models
   miss names such as "Rodrigo Montes de Oca" or tag them WORK_OF_ART);
2. typical small-model errors are corrected with rules: a "person" whose last word is an
   organisation head ("Wilson Center") becomes an organisation, an ORG/other entity whose
   words belong to a known person's name ("Trump") becomes that person;
3. person forms are merged into the fullest form that contains them ("Lopez",
   "Lopez Obrador" → "Andres Manuel Lopez Obrador"), organisations with their acronyms
   ("DEA") and shorter forms ("Congress" → "US Congress"); later bare surnames are counted
   as mentions of the person they belong to;
4. the article's author, the publisher (``meta.source``), outlets only addressed as
   interlocutors ("told DW", "in an interview with the BBC") and organisations named only
   inside a person's role are excluded;
5. roles come from :mod:`summarizers.roles`; places and organisations mentioned in passing
   (never a subject, agent or speaker, few mentions) and street names are dropped, and the
   rest are ranked by salience (:mod:`summarizers.salience`): mentions weighted by type,
   speaking (subjects of reporting verbs), acting (subjects, agents) and an early first
   mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizers.document import Document
from summarizers.model import Actor
from summarizers.salience import acts, passing, score
from summarizers.names import (
    HONORIFICS,
    ORG_HEADS,
    PARTICLES,
    PEERAGE,
    SPEECH_VERBS,
    TITLES,
    acronym,
    is_subsequence,
    looks_like_org,
    name_key,
    name_tokens,
)

_PLACE_ALIASES = {
    "u.s.": "United States", "us": "United States", "u.s": "United States", "usa": "United States", "america": "United States",
    "united states": "United States", "the united states": "United States", "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "eu": "European Union", "european union": "European Union",
}
_PLACE_DISPLAY = {"United States": "US", "United Kingdom": "UK", "European Union": "EU"}
_MEDIA_VERBS = {"tell", "interview", "speak", "talk", "write"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_ABBREV_TITLES = {"lt", "col", "gen", "sen", "rep", "gov", "capt", "sgt", "adm", "maj", "cmdr", "supt", "cpl", "pvt"}
# Staff of a news outlet: "the BBC's North America editor" names the outlet as employer, not actor.
_MEDIA_STAFF = {"editor", "correspondent", "reporter", "journalist", "columnist", "presenter", "host", "anchor",
                "analyst", "producer", "programme", "program", "show", "website", "newsroom", "team"}


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    type: str
    label: str = ""


@dataclass
class _Cluster:
    name: str
    type: str
    forms: set[str] = field(default_factory=set)
    mentions: list[_Mention] = field(default_factory=list)
    speaks: int = 0

    @property
    def tokens(self) -> list[str]:
        return name_tokens(self.name)


def _trim(doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop a leading "the", titles/honorifics (for people) and a trailing possessive."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    if label in {"PERSON", "ORG"}:
        for k in range(start + 1, end):  # "Trump July 25": a date glued to a name
            if doc[k].like_num or doc[k].lower_.rstrip(".") in _MONTHS:
                end = k
                break
        if label == "ORG" and looks_like_org(doc[start:end].text):
            return start, end  # "State Department": "State" is no title here
        places = {e.text for e in doc.ents if e.label_ in {"GPE", "NORP", "LOC"}}
        while end - start > 2 and doc[start].text in places and not looks_like_org(doc[start:end].text):
            start += 1  # "Ukraine Kurt Volker" → "Kurt Volker"
        while end - start > 1 and (doc[start].lower_ in HONORIFICS or doc[start].lower_ in TITLES
                                   or doc[start].lower_.rstrip(".") in _ABBREV_TITLES or doc[start].text == "."
                                   and start > 0 and doc[start - 1].lower_ in _ABBREV_TITLES) \
                and doc[start].lower_ not in PEERAGE:
            start += 1
    return start, end


def _proper_run(doc, i: int) -> tuple[int, int] | None:
    """The capitalised name run (with particles like "de") around token ``i``."""
    def cap(t):
        return t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN", "ADJ", "X"} and t.is_alpha

    if not cap(doc[i]):
        return None
    s = i
    while s - 1 >= 0 and (cap(doc[s - 1]) or doc[s - 1].lower_ in PARTICLES and s - 2 >= 0 and cap(doc[s - 2])):
        s -= 1
    e = i + 1
    while e < len(doc) and (cap(doc[e]) or doc[e].lower_ in PARTICLES and e + 1 < len(doc) and cap(doc[e + 1])):
        e += 1
    return s, e


def _excluded_keys(document: Document) -> set[str]:
    meta = document.meta
    keys: set[str] = set()
    if meta.author:
        import re

        for part in re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", meta.author):
            k = name_key(part)
            if k:
                keys.add(k)
    if meta.source:
        k = name_key(meta.source)
        keys.add(k)
        keys.add(acronym(meta.source).lower())
        first = k.split(" ")[0] if k else ""
        if first and first.isupper() is False and len(first) <= 4:
            keys.add(first)  # "BBC News" → "bbc"
        keys.add(k.replace(" news", ""))
    return {k for k in keys if k}


def _speech_subjects(doc) -> list[int]:
    """Token indices of the subjects of reporting verbs ("Abed said", "said Hill")."""
    out = []
    for t in doc:
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in SPEECH_VERBS:
            for c in t.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    out.append(c.i)
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            for c in doc[t.i + 1].children:
                if c.dep_ == "pobj":
                    out.append(c.i)
    return out


def _attributed_runs(doc) -> list[int]:
    """Last tokens of capitalised runs followed (within their clause) by a reporting verb.

    Small parsers often lose the subject of "X of the Y Institute told DW" next to a
    quotation; this textual pattern finds "X" anyway.
    """
    out = []
    i = 0
    n = len(doc)
    while i < n:
        run = _proper_run(doc, i) if doc[i].text[:1].isupper() else None
        if not run or run[0] != i:
            i += 1
            continue
        s, e = run
        if s > 0 and doc[s - 1].pos_ == "ADP":
            i = e
            continue  # "in South Carolina, he said": a place, not a speaker
        j = e
        while j < min(n, e + 25):
            t = doc[j]
            if t.text in {".", "!", "?", "\"", "“", "”", ";"} or t.is_space or t.pos_ == "PRON":
                break
            if t.pos_ in {"VERB", "AUX"}:
                if t.lemma_.lower() in SPEECH_VERBS:
                    out.append(e - 1)
                break
            j += 1
        if s > 0 and doc[s - 1].lemma_.lower() in SPEECH_VERBS - {"tell"} and doc[s - 1].pos_ == "VERB":
            out.append(e - 1)
        i = e
    return out


def _strong_speaker(doc, i: int) -> bool:
    """True when token ``i`` is the subject of a verb that really reports speech ("said", not "agreed")."""
    from summarizers.names import STRONG_SPEECH

    head = doc[i].head
    return head.lemma_.lower() in STRONG_SPEECH - {"agree", "describe", "call"} or any(
        doc[j].lemma_.lower() in STRONG_SPEECH for j in range(i + 1, min(len(doc), i + 4)))


def _person_evidence(doc) -> set[str]:
    """Words the text uses as person names: in PERSON entities and after Mr/Ms/Dr."""
    words = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            words.update(t.text for t in ent if t.text[:1].isupper())
    for t in doc[:-1]:
        if t.lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov"} and doc[t.i + 1].text[:1].isupper():
            words.add(doc[t.i + 1].text)
    return words


def _candidates(document: Document) -> list[_Mention]:
    doc = document.doc
    mentions: list[_Mention] = []
    covered: set[int] = set()
    evidence = _person_evidence(doc) | {doc[i].text for i in _speech_subjects(doc) if doc[i].text[:1].isupper()}
    evidence_orgs = {t.text for e in doc.ents if e.label_ in {"GPE", "LOC", "NORP"} for t in e}
    evidence -= evidence_orgs
    for ent in doc.ents:
        label = ent.label_
        if label not in {"PERSON", "ORG", "GPE", "LOC", "NORP", "WORK_OF_ART", "FAC", "PRODUCT"}:
            continue
        start, end = _trim(doc, ent.start, ent.end, label)
        if start >= end:
            continue
        if label == "PERSON":  # "Teresa Alvarado" + "Munoz" split by the tagger: one name
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].lower_ not in ORG_HEADS:
                end += 1
        span = doc[start:end]
        text = span.text.strip()
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            continue
        if label == "PERSON":
            typ = "organization" if looks_like_org(text) else "person"
        elif label == "ORG":
            typ = "organization"
            toks = name_tokens(text)
            if len(toks) >= 2 and not looks_like_org(text) and not text.isupper() and all(w[:1].isupper() for w in toks) \
                    and toks[-1] in evidence and toks[0] not in evidence_orgs:
                typ = "person"  # "Kurt Volker" tagged ORG, "Volker said" / "Mr Volker" elsewhere
        elif label in {"GPE", "LOC"}:
            typ = "place"
        elif label == "NORP":
            last = span[-1]
            if not (last.tag_ in {"NNPS", "NNS"} or last.pos_ in {"NOUN", "PROPN"} and last.text.endswith("s")):
                continue
            typ = "group"
        else:
            typ = "other"
        mentions.append(_Mention(start, end, text, typ, label))
        covered.update(range(start, end))
    # subjects of reporting verbs that NER missed or mislabelled
    for i in _speech_subjects(doc) + _attributed_runs(doc):
        run = _proper_run(doc, i)
        if not run:
            continue
        s, e = run
        s, e = _trim(doc, s, e, "PERSON")
        if s >= e:
            continue
        if any(j in covered for j in range(s, e)):
            # a speaking "place" of two or more words is a person the tagger got wrong
            for m in mentions:
                if m.type in {"place", "organization"} and m.start <= s and e <= m.end and m.end - m.start >= 2 \
                        and not looks_like_org(m.text) and not m.text.isupper() and m.text.lower() not in _PLACE_ALIASES \
                        and not (m.start > 0 and doc[m.start - 1].lower_ == "the") and _strong_speaker(doc, i):
                    m.type = "person"
            continue
        text = doc[s:e].text
        typ = "organization" if looks_like_org(text) else "person"
        if typ == "person" and e - s < 2:
            continue  # a lone capitalised word is too weak to call a person
        mentions.append(_Mention(s, e, text, typ, "SUBJ"))
        covered.update(range(s, e))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _cluster_people(mentions: list[_Mention]) -> list[_Cluster]:
    people = [m for m in mentions if m.type == "person"]
    clusters: list[_Cluster] = []
    for m in sorted(people, key=lambda m: (-len(name_tokens(m.text)), m.start)):
        toks = name_tokens(m.text)
        matches = [c for c in clusters if is_subsequence(toks, c.tokens)]
        if matches:
            best = max(matches, key=lambda c: (len(c.mentions), -c.mentions[0].start))
            best.mentions.append(m)
            best.forms.add(m.text)
        else:
            clusters.append(_Cluster(name=" ".join(toks), type="person", forms={m.text}, mentions=[m]))
    return clusters


def _attach_others(mentions: list[_Mention], people: list[_Cluster], doc=None) -> list[_Cluster]:
    """Organisations, places, groups; entities that are really a known person join that person
    (an ORG "Trump", or a "place" that is a person's surname and never follows in/to/from)."""

    def doc_prev_is_prep(m: _Mention) -> bool:
        return doc is not None and m.start > 0 and doc[m.start - 1].lower_ in {"in", "to", "from", "at", "into", "across", "of"}

    others: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    for m in mentions:
        if m.type == "person":
            continue
        toks = name_tokens(m.text)
        person = [c for c in people if is_subsequence(toks, c.tokens) and all(t[:1].isupper() for t in toks)]
        surname_place = m.type == "place" and person and (
            len(toks) >= 2 or any(len(c.tokens) >= 2 and toks[-1] in c.tokens[1:] for c in person)
        ) and not any(doc_prev_is_prep(m2) for m2 in mentions if m2.text == m.text)
        if person and (m.type in {"organization", "other"} or surname_place):
            best = max(person, key=lambda c: len(c.mentions))
            best.mentions.append(m)
            best.forms.add(m.text)
            continue
        if m.type == "other":
            continue
        if m.type == "place":
            canon = _PLACE_ALIASES.get(m.text.lower(), m.text)
            key = "place:" + canon.lower()
            name = _PLACE_DISPLAY.get(canon, canon)
        else:
            key = f"{m.type}:{name_key(m.text)}"
            name = " ".join(toks)
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = _Cluster(name=name, type=m.type)
            others.append(c)
        c.mentions.append(m)
        c.forms.add(m.text)
    # merge organisations: acronyms and shorter forms into longer ones
    orgs = sorted([c for c in others if c.type == "organization"], key=lambda c: -len(c.tokens))
    merged: set[int] = set()
    for i, short in enumerate(orgs):
        for long in orgs:
            if long is short or id(long) in merged or id(short) in merged:
                continue
            is_acr = len(short.tokens) == 1 and short.name.isupper() and short.name in {
                acronym(" ".join(long.tokens[k:])) for k in range(len(long.tokens))
            }
            is_tail = len(long.tokens) > len(short.tokens) and [t.lower() for t in long.tokens[-len(short.tokens):]] == [
                t.lower() for t in short.tokens
            ]
            if is_acr or is_tail:
                long.mentions.extend(short.mentions)
                long.forms |= short.forms
                merged.add(id(short))
                break
    return [c for c in others if id(c) not in merged]


def _propagate(doc, people: list[_Cluster], taken: set[int]) -> None:
    """Count later bare surnames ("Abed", "Lopez") as mentions of the person they belong to."""
    index: dict[str, list[_Cluster]] = {}
    for c in people:
        toks = c.tokens
        for j, t in enumerate(toks):
            if t.lower() in PARTICLES or t.lower() in PEERAGE:
                continue
            if len(toks) > 1 and j == 0:
                continue  # a lone first name is too ambiguous
            index.setdefault(t, []).append(c)
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or tok.text not in index:
            continue
        run = _proper_run(doc, tok.i)
        s, e = run if run else (tok.i, tok.i + 1)
        s, e = _trim(doc, s, e, "PERSON")
        if any(j in taken for j in range(s, e)):
            continue
        toks = name_tokens(doc[s:e].text)
        cands = [c for c in index[tok.text] if is_subsequence(toks, c.tokens)]
        if not cands:
            continue
        best = max(cands, key=lambda c: len(c.mentions))
        best.mentions.append(_Mention(s, e, doc[s:e].text, "person", "PROP"))
        best.forms.add(doc[s:e].text)
        taken.update(range(s, e))


def _is_interlocutor(doc, m: _Mention) -> bool:
    """An outlet addressed, not acting: "told DW", "in an interview with the BBC", "BBC Radio 4's Today"."""
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_ in {"the"} and m.start > 1:
        prev = doc[m.start - 2]
    if prev is None:
        return False
    if prev.lemma_.lower() in _MEDIA_VERBS:
        return True
    if prev.lower_ in {"with", "to"} and prev.head.lemma_.lower() in {"interview", "speak", "talk", "tell"}:
        return True
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        # "BBC Radio 4's Today programme", "the BBC's North America editor Jon Sopel"
        for t in doc[m.end + 1:min(len(doc), m.end + 5)]:
            if t.lower_ in _MEDIA_STAFF:
                return True
            if t.pos_ not in {"PROPN", "ADJ", "NOUN", "NUM"}:
                break
    return False


def extract_actors(document: Document) -> list[Actor]:
    """The actors of ``document``, most salient first.

    Input: a parsed, cleaned article. Output: :class:`Actor` values with ``name`` the fullest
    form found, ``type`` person|organization|place|group, ``role`` from the text or None,
    ``mentions`` counted over all forms, ``aliases`` the other forms seen. Never raises on
    text; an article without named entities gives an empty list.
    """
    from summarizers.roles import find_role

    doc = document.doc
    mentions = _candidates(document)
    people = _cluster_people(mentions)
    others = _attach_others(mentions, people, doc)
    taken = {j for c in people + others for m in c.mentions for j in range(m.start, m.end)}
    _propagate(doc, people, taken)

    excluded = _excluded_keys(document)
    subjects = set(_speech_subjects(doc))
    clusters = []
    for c in people + others:
        keys = {name_key(f) for f in c.forms} | {name_key(c.name)}
        if keys & excluded:
            continue
        if c.type in {"organization", "place"} and all(_is_interlocutor(doc, m) for m in c.mentions):
            continue
        c.speaks = sum(1 for m in c.mentions if any(m.start <= s < m.end for s in subjects))
        clusters.append(c)

    roles: dict[int, str | None] = {}
    role_zones: list[tuple[int, int]] = []
    for c in clusters:
        if c.type == "person":
            spans = [(m.start, m.end) for m in sorted(c.mentions, key=lambda m: m.start)]
            role = find_role(doc, spans)
            roles[id(c)] = role
            if role:
                for m in c.mentions:  # where the role text sits next to a mention
                    lo, hi = max(0, m.start - 40), min(len(doc), m.end + 40)
                    at = doc[lo:hi].text.find(role)
                    if at >= 0:
                        span = doc.char_span(doc[lo].idx + at, doc[lo].idx + at + len(role), alignment_mode="expand")
                        if span is not None:
                            role_zones.append((span.start, span.end))
    kept = []
    acting: dict[int, int] = {}
    for c in clusters:
        if c.type != "person" and role_zones and all(
            any(zs <= m.start and m.end <= ze for zs, ze in role_zones) for m in c.mentions
        ):
            continue  # named only inside someone's affiliation ("Wilson Center")
        acting[id(c)] = sum(1 for m in c.mentions if acts(doc, m.start, m.end))
        if passing(c.type, c.name, len(c.mentions), acting[id(c)], c.speaks):
            continue  # a place or organisation mentioned in passing, a street name
        kept.append(c)

    n_tokens = max(1, len(doc))

    def rank(c: _Cluster) -> float:
        first = min(m.start for m in c.mentions)
        return score(c.type, len(c.mentions), acting[id(c)], c.speaks, first, n_tokens)

    kept.sort(key=rank, reverse=True)
    out = []
    for c in kept:
        aliases = tuple(sorted({f for f in c.forms if f != c.name}))
        out.append(Actor(name=c.name, type=c.type, role=roles.get(id(c)), mentions=len(c.mentions), aliases=aliases))
    return out
