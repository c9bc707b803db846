"""Actors: the people, organisations, places and groups that act in a story.

:func:`extract_actors` reads the spaCy parse of a cleaned article (:class:`Document`):

1. candidate mentions come from spaCy's named entities (PERSON, ORG, GPE, LOC, NORP) and
   from capitalised proper-noun runs that are the subject of a reporting verb (small models
   miss names such as "Rodrigo Montes de Oca" or tag them WORK_OF_ART);
2. typical small-model errors are corrected with rules: a "person" whose last word is an
   organisation head ("Wilson Center") becomes an organisation, an ORG/other entity whose
   words belong to a known person's name ("Trump") becomes that person;
3. person forms are merged into the fullest form that contains them as a contiguous run
   ("Lopez", "Lopez Obrador" → "Andres Manuel Lopez Obrador"; a middle name or the first of
   two surnames: "Castañeda", "Castañeda Ruiz" → "Elena Castañeda Ruiz"), organisations with
   their acronyms ("DEA") and shorter forms ("Congress" → "US Congress"); later bare surnames
   are counted as mentions of the person they belong to. A short form that several people
   carry ("Kennedy" with "Maria Kennedy" and "Paul Kennedy") is merged with nobody;
4. the article's author, the publisher (``meta.source``), outlets only addressed as
   interlocutors ("told DW", "in an interview with the BBC") and organisations named only
   inside a person's role are excluded;
5. roles come from :mod:`summarizers.entities.roles`; places and organisations mentioned in passing
   (never a subject, agent or speaker, few mentions) and street names are dropped, and the
   rest are ranked by salience (:mod:`summarizers.entities.salience`): mentions weighted by type,
   speaking (subjects of reporting verbs), acting (subjects, agents) and an early first
   mention.
"""

from __future__ import annotations

import re

from summarizers.document import Document, tokens
from summarizers.model import Actor
from summarizers.entities.clusters import Cluster, cluster_people, index_by_word, sharing_first_word
from summarizers.entities.collectives import is_collective
from summarizers.entities.bodies import (
    committee_mentions, government_mentions, government_role, group_mentions, is_common_body, ministry_mentions,
)
from summarizers.entities.exclusions import (
    excluded_keys, honoured, is_cited_source, is_conduit, is_interlocutor, is_outlet, is_source_credit, not_a_name,
)
from summarizers.entities.orgroles import find_org_role, name_head, role_by_head_noun, role_from_lede
from summarizers.entities.pairroles import roles_by_parallel
from summarizers.entities.partyadjectives import party_adjective_mentions
from summarizers.entities.mentions import PLACE_ALIASES, Mention, candidates, descriptive_speakers, proper_run, speech_subjects, trim
from summarizers.entities.salience import (
    acts, headline_words, involved, is_document, lede_agent, named_in_headline, passing, score,
)
from summarizers.entities.names import (
    HONORIFICS, PARTICLES, PEERAGE, acronym, fold, is_clipped_form, is_subsequence, name_key, name_tokens,
)
from summarizers.entities.variants import knighted_name, merge_surname_variants

_PLACE_DISPLAY = {"United States": "US", "United Kingdom": "UK", "European Union": "EU"}
#: Words after which "to/from X" addresses a person ("a letter to Abbott", "a call from Ruiz").
_ADDRESSED = {"letter", "write", "message", "reply", "respond", "response", "call", "appeal", "email", "note", "plea",
              "complaint", "petition", "memo", "say", "tell", "speak", "talk", "apologise", "apologize", "answer"}
#: Second words of a company's name that the text may drop ("Cairn" of "Cairn Energy"); not words
#: that name another arm of the same name ("Barclays Capital", "BBC News", "Oxford University").
_COMPANY_FORMS = {"group", "holdings", "industries", "breweries", "brewery", "energy", "corporation", "corp", "corp.",
                  "inc", "inc.", "plc", "ltd", "ltd.", "co", "co.", "llc", "airlines", "airways", "motors", "telecom",
                  "telecoms", "shipping", "petroleum", "mining", "foods", "insurance", "software", "communications",
                  "electronics", "pharmaceuticals", "technologies", "systems", "chemicals", "entertainment", "studios"}
#: Nicknames of parties the text may use beside the name ("the Tories" are the Conservatives).
_PARTY_NICKNAMES = {"tories": "conservative", "tory": "conservative", "tory party": "conservative"}


def _attach_others(mentions: list[Mention], people: list[Cluster], doc=None) -> list[Cluster]:
    """Organisations, places, groups; entities that are really a known person join that person
    (an ORG "Trump", or a "place" that is a person's surname and never follows in/to/from)."""

    def doc_prev_is_prep(m: Mention) -> bool:
        if doc is None or m.start == 0:
            return False
        prev = doc[m.start - 1]
        if prev.lower_ in {"to", "from"} and prev.head.lemma_.lower() in _ADDRESSED:
            return False  # "a letter to Abbott": a person written to, not a place gone to
        return prev.lower_ in {"in", "to", "from", "at", "into", "across", "of"}

    others: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    index: dict[str, list[Cluster]] = {}
    for c in people:
        index_by_word(index, c)
    for m in mentions:
        if m.type == "person":
            continue
        toks = name_tokens(m.text)
        while len(toks) > 1 and toks[0].lower() in HONORIFICS:
            toks = toks[1:]  # "Mr Hague" tagged GPE is William Hague
        person = [c for c in sharing_first_word(index, toks)
                  if is_subsequence(toks, c.tokens) and all(t[:1].isupper() for t in toks)]
        surname_place = m.type == "place" and person and (
            len(toks) >= 2 or any(len(c.tokens) >= 2 and toks[-1] in c.tokens[1:] for c in person)
        ) and not any(doc_prev_is_prep(m2) for m2 in mentions if m2.text == m.text)
        if person and (m.type in {"organization", "other"} or surname_place):
            if len(person) > 1:
                continue  # a surname several people carry: no actor of its own, nobody's mention
            best = person[0]
            best.mentions.append(m)
            best.forms.add(m.text)
            continue
        if m.type == "other":
            continue
        if m.type == "place":
            canon = PLACE_ALIASES.get(m.text.lower(), m.text)
            key = "place:" + canon.lower()
            name = _PLACE_DISPLAY.get(canon, canon)
        else:
            key = f"{m.type}:{name_key(m.text)}"
            # "People's Daily" keeps its "'s", and so does an ORG whose "'s" trim kept ("Moody's said")
            name = re.sub(r"(?:'|’)$" if m.label == "ORG" else r"(?:'s|’s|'|’)$", "", " ".join(m.text.split()))
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = Cluster(name=name, type=m.type)
            others.append(c)
        c.mentions.append(m)
        c.forms.add(m.text)
    return merge_organisations(others)


def merge_organisations(others: list[Cluster]) -> list[Cluster]:
    """``others`` with each organisation's acronyms and shorter forms merged into its longest
    name ("DEA", "Lib Dems", "Tories", "Telegraph" of "Daily Telegraph"); order kept."""
    orgs = sorted([c for c in others if c.type in {"organization", "group"}], key=lambda c: -len(c.tokens))
    merged: set[int] = set()
    acronyms: dict[int, set[str]] = {}  # the acronyms of each organisation's name tails, made once per organisation

    def acronyms_of(c: Cluster) -> set[str]:
        if id(c) not in acronyms:
            acronyms[id(c)] = {acronym(" ".join(c.tokens[k:])) for k in range(len(c.tokens))}
            if len(c.tokens) > 2 and c.tokens[-1].lower() in {"union", "party", "association", "organisation",
                                                            "organization", "federation", "council"}:
                acronyms[id(c)].add(acronym(" ".join(c.tokens[:-1])))  # "PCS" of "Public and Commercial Services Union"
        return acronyms[id(c)]

    for i, short in enumerate(orgs):
        for long in orgs:
            if long is short or id(long) in merged or id(short) in merged:
                continue
            bare = short.name.replace("&", "").replace(".", "")  # "S&P" of "Standard & Poor's", "U.N."
            is_acr = " " not in short.name and bare.isalpha() and bare.isupper() and bare in acronyms_of(long)
            is_tail = len(long.tokens) > len(short.tokens) and [t.lower() for t in long.tokens[-len(short.tokens):]] == [
                t.lower() for t in short.tokens
            ]
            is_clip = is_clipped_form(short.tokens, long.tokens)  # "Lib Dem" is "Liberal Democrats"
            is_nick = _PARTY_NICKNAMES.get(short.name.lower()) == long.tokens[0].lower().rstrip("s")  # "Tories"
            is_members = len(short.tokens) == 1 and len(long.tokens) == 2 and long.tokens[1].lower() == "party" \
                and short.tokens[0].lower() in {long.tokens[0].lower() + "s", long.tokens[0].lower()}  # "Conservatives"
            is_stem = len(short.tokens) == 1 and len(long.tokens) == 2 and long.tokens[0] == short.tokens[0] \
                and long.tokens[1].lower() in _COMPANY_FORMS  # "Asahi" of "Asahi Breweries" (not "Barclays Capital")
            if is_acr or is_tail or is_clip or is_nick or is_members or is_stem:
                keep, drop = long, short
                if is_clip and len(short.mentions) > len(long.mentions):
                    keep, drop = short, long  # "Liberal Democrats" (twice) keeps its name over "Liberal Democrat"
                keep.mentions.extend(drop.mentions)
                keep.forms |= drop.forms
                merged.add(id(drop))
                break
    return [c for c in others if id(c) not in merged]


def _propagate(doc, people: list[Cluster], taken: set[int], shared: list | None = None) -> None:
    """Count later bare surnames ("Abed", "Lopez") as mentions of the person they belong to."""
    index: dict[str, list[Cluster]] = {}
    for c in people:
        toks = c.tokens
        for j, t in enumerate(toks):
            if t.lower() in PARTICLES or t.lower() in PEERAGE:
                continue
            if len(toks) > 1 and j == 0:
                continue  # a lone first name is too ambiguous
            index.setdefault(fold(t), []).append(c)
    for tok in tokens(doc):
        if tok.i in taken or not tok.text[:1].isupper() or fold(tok.text) not in index:
            continue
        run = proper_run(doc, tok.i)
        s, e = run if run else (tok.i, tok.i + 1)
        s, e = trim(doc, s, e, "PERSON")
        if any(j in taken for j in range(s, e)):
            continue
        toks = name_tokens(doc[s:e].text)
        cands = [c for c in index[fold(tok.text)] if is_subsequence(toks, c.tokens)]
        if len(cands) > 1 and shared is not None:
            shared.append((Mention(s, e, doc[s:e].text, "person", "PROP"), cands))
            taken.update(range(s, e))
        if len(cands) != 1:
            continue  # no one, or a surname several people carry
        best = cands[0]
        best.mentions.append(Mention(s, e, doc[s:e].text, "person", "PROP"))
        best.forms.add(doc[s:e].text)
        taken.update(range(s, e))


def _assign_shared(shared: list) -> None:
    """A surname several people carry counts for the one who dominates the text, or belongs
    to the one it named before the others appeared.

    * Incumbent (news style: once a surname names someone, a later namesake is called by a
      first name or in full): when the first bare use of the form comes before every other
      bearer is introduced, and the first bearer has at least half as many mentions as each other,
      every bare use is that person's, and the form becomes an alias (so quotes attribute:
      "Tane, 75, ... says Tane" beside his son "Rewi Tane", named later).
    * Else "Biden" beside "Joe Biden" (many mentions, a title) and "Hunter Biden" (named once)
      is a mention of Joe Biden for counting and roles ("Vice President Biden"). Dominant
      means at least three mentions and at least three times as many as every other bearer.
      The bare form is not added to the actor's aliases, so quote attribution keeps the
      round-3 rule (a speaker named by a shared surname stays ``null``)."""
    first_bare: dict[str, int] = {}
    for m, _ in shared:
        first_bare[m.text] = min(first_bare.get(m.text, m.start), m.start)
    for m, cands in shared:
        firsts = sorted((min((x.start for x in c.mentions), default=1 << 30), n) for n, c in enumerate(cands))
        incumbent = cands[firsts[0][1]]
        if firsts[0][0] < first_bare[m.text] < firsts[1][0] \
                and all(2 * len(incumbent.mentions) >= len(c.mentions) for c in cands if c is not incumbent):
            if not any(m2.start == m.start for m2 in incumbent.mentions):
                incumbent.mentions.append(m)
                incumbent.forms.add(m.text)
            continue
        ranked = sorted(cands, key=lambda c: -len(c.mentions))
        top = ranked[0]
        if len(top.mentions) >= 3 and all(len(top.mentions) >= 3 * len(c.mentions) for c in ranked[1:]):
            if not any(m2.start == m.start for m2 in top.mentions):
                top.mentions.append(m)


def _retype(doc, people: list[Cluster], others: list[Cluster]) -> tuple[list[Cluster], list[Cluster]]:
    """Type vote over all mentions (:mod:`summarizers.entities.actortype`); clusters of one name that
    end with the same type merge ("Facebook" tagged PERSON and ORG). Products and indexes
    ("Tor Browser", "Nasdaq Composite") are dropped."""
    from summarizers.entities.actortype import evidence, name_kind, vote_full_name, vote_single
    from summarizers.entities.mentions import PLACE_ALIASES as _PA

    for c in people + others:
        kind = name_kind(c.tokens)
        if c.type == "person" and len(c.tokens) >= 2 and c.tokens[0].lower() in _PA and c.tokens[0].isupper():
            kind = "organization"  # "UK Athletics": a person's name never opens with a country code
        if kind:
            c.type = kind
            continue
        single = len(c.tokens) == 1 and all(len(name_tokens(f)) == 1 for f in c.forms)
        if c.type not in {"person", "organization", "place"} or c.name.lower() in _PA or c.name in _PLACE_DISPLAY.values():
            continue  # countries stay places ("US shares" is about the country's market)
        ev = evidence(doc, [(m.start, m.end, m.label) for m in c.mentions])
        if c.type == "person" and not single:
            c.type = vote_full_name(ev, len(c.mentions))
            continue
        c.type = vote_single(doc, ev, c.type)
    merged: dict[tuple[str, str], Cluster] = {}
    out: list[Cluster] = []
    for c in people + others:
        if c.type == "other":
            continue
        key = (c.type, name_key(c.name))
        if key in merged:
            merged[key].mentions.extend(c.mentions)
            merged[key].forms |= c.forms
            continue
        merged[key] = c
        out.append(c)
    return [c for c in out if c.type == "person"], [c for c in out if c.type != "person"]


def _describe(described: list[Mention]) -> list[Cluster]:
    """One person actor per distinct specific description ("prime minister's official spokesman")."""
    by_key: dict[str, Cluster] = {}
    for m in described:
        key = " ".join(m.text.lower().split())
        c = by_key.setdefault(key, Cluster(name=" ".join(m.text.split()), type="person"))
        c.mentions.append(m)
        c.forms.add(m.text)
    return list(by_key.values())


def extract_actors(document: Document) -> list[Actor]:
    """The actors of ``document``, most salient first.

    Input: a parsed, cleaned article. Output: :class:`Actor` values with ``name`` the fullest
    form found, ``type`` person|organization|place|group, ``role`` from the text or None,
    ``mentions`` counted over all forms, ``aliases`` the other forms seen. Never raises on
    text; an article without named entities gives an empty list.
    """
    from summarizers.entities.roles import find_role

    doc = document.doc
    described = descriptive_speakers(doc)
    inside = {k for m in described for k in range(m.start, m.end)}
    mentions = [m for m in candidates(document) if not any(k in inside for k in range(m.start, m.end))]
    mentions += government_mentions(doc, {k for m in mentions for k in range(m.start, m.end)} | inside)
    mentions += committee_mentions(doc, {k for m in mentions for k in range(m.start, m.end)} | inside)
    mentions += ministry_mentions(doc, {k for m in mentions for k in range(m.start, m.end)} | inside)
    mentions += group_mentions(doc, {k for m in mentions for k in range(m.start, m.end)} | inside)
    mentions += party_adjective_mentions(doc, {k for m in mentions for k in range(m.start, m.end)} | inside)
    shared: list = []
    people = cluster_people(mentions, shared, doc)
    others = _attach_others(mentions, people, doc)
    taken = {j for c in people + others for m in c.mentions for j in range(m.start, m.end)}
    taken.update(j for m, _ in shared for j in range(m.start, m.end))
    _propagate(doc, people, taken, shared)
    _assign_shared(shared)
    people, others = merge_surname_variants(*_retype(doc, people, others))  # "Zelenskiy", "Volodymyr Zelensky"
    others = merge_organisations(others)  # a name the type vote made an organisation ("The Telegraph was sued")
    others += _describe(described)

    excluded = excluded_keys(document)
    subjects = set(speech_subjects(doc))
    clusters = []
    for c in people + others:
        keys = {name_key(f) for f in c.forms} | {name_key(c.name)}
        if keys & excluded:
            continue
        if c.type in {"organization", "place"} and all(is_interlocutor(doc, m) for m in c.mentions) \
                or is_outlet(c.name) and all(is_cited_source(doc, m) for m in c.mentions):
            continue  # an outlet addressed ("told DW") or cited ("according to the Intelligencer")
        if c.type == "organization" and all(is_source_credit(doc, m) for m in c.mentions):
            continue  # "a 2004 ICM survey showed": a pollster credited, not an actor
        c.speaks = sum(1 for m in c.mentions if any(k in subjects for k in range(m.start, m.end)))
        clusters.append(c)

    roles: dict[int, str | None] = {}
    role_zones: list[tuple[int, int]] = []
    bodies = {f for c in clusters if c.type in {"organization", "group"} for f in c.forms | {c.name}}
    heads: dict[str, list[Cluster]] = {}
    for c in clusters:
        if c.type == "organization" and name_head(c.name):
            heads.setdefault(name_head(c.name), []).append(c)
    named = {j for c in clusters for m in c.mentions for j in range(m.start, m.end)}
    # the first organisation or person named (a place in the lede, "The country's biggest union", names no body)
    first_named = min((j for c in clusters if c.type != "place" for m in c.mentions for j in range(m.start, m.end)),
                      default=len(doc))
    for c in clusters:
        if c.type in {"organization", "group"}:
            roles[id(c)] = find_org_role(doc, [(m.start, m.end) for m in sorted(c.mentions, key=lambda m: m.start)])
            head = name_head(c.name) if c.type == "organization" else None
            if roles[id(c)] is None and head and len(heads.get(head, [])) == 1:
                roles[id(c)] = role_by_head_noun(doc, head, named)  # "the all-party group"
            if roles[id(c)] is None and c.type == "organization":
                roles[id(c)] = role_from_lede(doc, min(m.start for m in c.mentions), first_named)
            if roles[id(c)] is None and is_common_body(c.name):
                roles[id(c)] = government_role(doc)  # "the Colombian government ... the government"
        if c.type == "person" and all(m.label == "DESC" for m in c.mentions) or c.type == "organization" \
                and any(m.label == "BODY" for m in c.mentions) and c.name.split()[-1] in {"committee", "ministry", "department"} \
                or c.type == "organization" and all(m.label == "BODY" for m in c.mentions) and c.name != "Government":
            roles[id(c)] = c.name  # "prime minister's official spokesman": the description is the role
        elif c.type == "person":
            spans = [(m.start, m.end) for m in sorted(c.mentions, key=lambda m: m.start)]
            role = find_role(doc, spans, bodies)
            roles[id(c)] = role
            if role:
                for m in c.mentions:  # where the role text sits next to a mention
                    lo, hi = max(0, m.start - 40), min(len(doc), m.end + 40)
                    at = doc[lo:hi].text.find(role)
                    if at >= 0:
                        span = doc.char_span(doc[lo].idx + at, doc[lo].idx + at + len(role), alignment_mode="expand")
                        if span is not None:
                            role_zones.append((span.start, span.end))
    persons = {id(c): [(m.start, m.end) for m in c.mentions] for c in clusters
               if c.type == "person" and not all(m.label == "DESC" for m in c.mentions)}
    roles.update(roles_by_parallel(doc, persons, roles))  # "A and B ... the prime minister and chancellor"
    kept = []
    acting: dict[int, int] = {}
    lower_words = {t.lower_ for t in tokens(doc) if t.is_lower}
    for c in clusters:
        if c.type != "person" and role_zones and all(
            any(zs <= m.start and m.end <= ze for zs, ze in role_zones) for m in c.mentions
        ):
            continue  # named only inside someone's affiliation ("Wilson Center")
        if c.type == "person" and is_conduit(doc, c.mentions, roles.get(id(c))):
            continue  # "BBC political correspondent X says opinion polls suggest ...": the story's conduit
        acting[id(c)] = sum(1 for m in c.mentions if acts(doc, m.start, m.end))
        if passing(c.type, c.name, len(c.mentions), acting[id(c)], c.speaks,
                   involved(doc, c.mentions) if c.type == "place" else 0):
            continue  # a place or organisation mentioned in passing, a street name
        # "the government", "protesters": common nouns on purpose
        body = (is_common_body(c.name) or all(m.label == "BODY" for m in c.mentions)) and len(c.mentions) >= 2
        if is_document(c.name) and not honoured(doc, c) or not body and not_a_name(doc, c, roles.get(id(c)), lower_words):
            continue
        kept.append(c)

    n_tokens = max(1, len(doc))
    headline = headline_words(document.meta.title)

    def rank(c: Cluster) -> float:
        first = min(m.start for m in c.mentions)
        kind = "collective" if is_collective(c) else c.type
        return score(kind, len(c.mentions), acting[id(c)], c.speaks, first, n_tokens,
                     named_in_headline(c.type, c.forms | {c.name}, headline),
                     any(lede_agent(doc, m.start, m.end) for m in c.mentions))

    kept.sort(key=rank, reverse=True)
    out = []
    for c in kept:
        name = knighted_name(doc, c)  # "Sir Menzies Campbell"
        aliases = tuple(sorted({f for f in c.forms | {c.name} if f != name}))
        aside = c.type == "person" and len(c.mentions) == 1 and not (acting[id(c)] or c.speaks or roles.get(id(c))
                                                                      or named_in_headline(c.type, c.forms, headline))
        out.append(Actor(name=name, type=c.type, role=roles.get(id(c)), mentions=len(c.mentions), aliases=aliases,
                         aside=aside))  # "suggesting it was done in return for help in hunting Osama Bin Laden"
    return out
