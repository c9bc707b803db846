"""Name spans of one mention: the token run a name covers once the tagger's errors are
repaired (titles, honorifics, dates and tickers trimmed; hyphenated given names, peers'
territorial designations and split names restored; adjacent pairs merged), and whether the
text treats a name as a body ("both X and the Liberal Democrats said", "the X group").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizers.document import doc_ents, tokens
from summarizers.entities.names import (
    HONORIFICS,
    ORG_HEADS,
    PARTICLES,
    PEERAGE,
    TITLES,
    looks_like_org,
)
from summarizers.entities.roleterms import ROLE_NOUNS

PLACE_ALIASES = {
    "u.s.": "United States", "us": "United States", "u.s": "United States", "usa": "United States", "america": "United States",
    "united states": "United States", "the united states": "United States", "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "eu": "European Union", "european union": "European Union",
}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# Words of region names ("North East", "Central Asia"): such a "place" is never a person's name.
_REGION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
                 "lower", "greater", "new", "gulf", "sea", "coast", "valley", "river", "island", "islands", "mountains"}
_JOINERS = {"of", "for", "and", "&", "on", "upon", "in", "at", "to", "de", "with", "against", "from", "by"}
#: Reporting verbs that open an inverted tag at a sentence's start ("Said Mr Fogg: ...").
_TAG_VERBS = {"said", "says", "added", "adds", "asked", "asks", "told", "tells", "replied", "insisted", "warned",
              "explained", "argued", "continued", "noted", "wrote", "writes", "concluded", "quipped"}
_ABBREV_TITLES = {"lt", "col", "gen", "sen", "rep", "gov", "capt", "sgt", "adm", "maj", "cmdr", "supt", "cpl", "pvt"}


@dataclass
class Mention:
    """A mention of a candidate actor: tokens [start, end), its text, type and NER label."""

    start: int
    end: int
    text: str
    type: str
    label: str = ""


def _inverted_tag_verb(doc, i: int) -> bool:
    """True when token ``i`` is the reporting verb of an inverted tag that opens a sentence or
    a clause after a quotation ("Said Mr Fogg:", "Added Ms Ruiz,", '"...", added Dr Berg'):
    a reporting verb's form followed by an honorific, or parsed as the sentence's verb. A name
    such as "Said Jalili" (parsed as a name part, with no honorific next) is kept."""
    t = doc[i]
    if t.lower_ not in _TAG_VERBS or i + 1 >= len(doc):
        return False
    opens = t.is_sent_start or i == 0 or doc[i - 1].is_punct
    nxt = doc[i + 1].lower_.rstrip(".")
    return opens and (nxt in HONORIFICS or t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT")


def trim(doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop a leading "the", an inverted tag's verb ("Said Mr Fogg"), a heading's opening gerund ("Questioning Vindman's judgment"),
    titles/honorifics (for people) and a trailing possessive (an organisation's "'s" followed
    by a verb or punctuation is part of its name: "Moody's said", "Standard & Poor's has")."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    if end - start > 1 and _inverted_tag_verb(doc, start):
        start += 1  # "Said Mr Fogg: ...": the tag's verb is no part of the name
    if end - start > 1 and doc[start].lower_.endswith("ing") and len(doc[start]) > 5 and doc[start].tag_ in {"VBG", "NN", "NNP"} \
            and doc[start].is_title and (doc[start].is_sent_start or start == 0 or doc[start - 1].like_num
                                         or doc[start - 1].is_punct) and label in {"PERSON", "ORG"}:
        start += 1  # "4. Questioning Vindman's judgment": a heading's gerund is no part of the name
    for k in range(start, end):  # "Ministry of Trade, Industry and Energy (MOTIE": no unbalanced bracket
        if doc[k].text in {"(", "["}:
            end = k
            break
    for k in range(start + 1, end - 1):  # "Richard Roe - have also received": a dash closing an aside
        if doc[k].text in {"-", "–", "—"} and doc[k - 1].whitespace_ and doc[k + 1].is_lower:
            end = k
            break
    for k in range(start + 1, end - 1):  # "told the Independent the Tories' plans": two names fused
        if doc[k].lower_ in {"the", "a", "an"} and doc[k - 1].lower_ not in _JOINERS \
                and doc[k + 1].lower_ not in {"great", "elder", "younger"}:
            end = k
            break
    named_s = label == "ORG" and end > start + 1 and doc[end - 1].tag_ == "POS" and doc[end - 1].text in {"'s", "’s"} \
        and (end == len(doc) or doc[end].pos_ in {"VERB", "AUX", "PUNCT", "CCONJ"})  # "Moody's said": the 's is the name's
    while end > start and (doc[end - 1].tag_ == "POS" and not named_s or doc[end - 1].is_punct and doc[end - 1].text != "."
                           or end - start > 1 and not re.fullmatch(r"[\w.&'’-]+", doc[end - 1].text)
                           or end - start > 1 and re.search(r"\d", doc[end - 1].text) and doc[end - 1].text.isupper()):
        end -= 1  # a trailing possessive, bracket or ticker code ("Sterling GBP=", "Copper CMCU3")
    if label in {"PERSON", "ORG"}:
        for k in range(start + 1, end):  # "Trump July 25": a date glued to a name
            month = doc[k].lower_.rstrip(".") in _MONTHS and (k + 1 < len(doc) and doc[k + 1].like_num or k + 1 < end)
            if doc[k].like_num or month:  # but "Theresa May", "Brian May": a month word ending a name
                end = k
                break
        if label == "ORG" and looks_like_org(doc[start:end].text):
            return start, end  # "State Department": "State" is no title here
        places = _place_texts(doc)
        while end - start > 2 and doc[start].text in places and not looks_like_org(doc[start:end].text):
            start += 1  # "Ukraine Kurt Volker" → "Kurt Volker"
        if label == "ORG" and end - start == 2 and doc[start + 1].text.isupper() and not doc[start].text.isupper() \
                and (doc[start].text in places or len(_positions(doc).get(doc[start + 1].text, ())) > 1):
            start += 1  # "London UKIP MEP X": a place before an acronym the text uses alone is no part of the name
        if label == "PERSON":
            while end - start > 2 and (doc[start].lower_ in _WEEKDAYS or doc[start].lower_ in _PARTY_WORDS
                                       or doc[start].lower_ in _MONTHS):
                start += 1  # "Wednesday Tony Blair", "Tory Dominic Grieve"
        if label == "ORG" and end - start == 2 and doc[start].lower_ in TITLES and doc[start].lower_ not in HONORIFICS \
                and doc[start + 1].text not in _honorific_names(doc):
            return start, end  # "General Electric": a title word opening a company's name (not "General Ruiz" of "Mr Ruiz")
        while end - start > 1 and (doc[start].lower_ in HONORIFICS or doc[start].lower_ in TITLES
                                   or doc[start].lower_.rstrip(".") in _ABBREV_TITLES or doc[start].text == "."
                                   and start > 0 and doc[start - 1].lower_ in _ABBREV_TITLES) \
                and doc[start].lower_ not in PEERAGE:
            start += 1
    return start, end


def _honorific_names(doc) -> frozenset[str]:
    """Words the text puts after an honorific ("Mr Ruiz", "Ms Vance"), once per doc."""
    key = "briefbot.mentions.honorific_names"
    names = doc.user_data.get(key)
    if names is None:
        toks = tokens(doc)
        names = doc.user_data[key] = frozenset(
            toks[k + 1].text for k in range(len(toks) - 1) if toks[k].lower_.rstrip(".") in {"mr", "mrs", "ms", "miss", "dr"})
    return names


def _place_texts(doc) -> frozenset[str]:
    """Texts of the GPE/NORP/LOC entities of ``doc``, computed once per doc (``doc.ents`` walks
    every token, so rebuilding this per :func:`trim` call made extraction quadratic)."""
    key = "briefbot.mentions.places"
    places = doc.user_data.get(key)
    if places is None:
        places = frozenset(e.text for e in doc_ents(doc) if e.label_ in {"GPE", "NORP", "LOC"})
        doc.user_data[key] = places
    return places


def _entity_at(doc, i: int):
    """The entity span of ``doc`` covering token ``i``, or None (an index built once per doc)."""
    key = "briefbot.mentions.entity_at"
    index = doc.user_data.get(key)
    if index is None:
        index = {}
        for e in doc_ents(doc):
            for k in range(e.start, e.end):
                index.setdefault(k, e)
        doc.user_data[key] = index
    return index.get(i)


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PARTY_WORDS = {"tory", "labour", "democrat", "republican", "conservative", "liberal", "lib", "dem", "dems", "producer", "star", "singer",
                "actor", "actress", "rapper", "director", "veteran", "shadow"}


def _hyphenated_start(doc, start: int) -> int:
    """The start of a name whose hyphenated given name the tagger cut ("Eva-Marie Persson"
    tagged "Marie Persson" or "Persson")."""
    while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].is_title and doc[start - 2].is_alpha \
            and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_ and doc[start].is_title:
        start -= 2
    return start


def _peer_designation(doc, start: int, end: int) -> int:
    """The end of a peer's name with its territorial designation: "Lord Faulkner" followed by
    "of Worcester" ends after "Worcester"; other spans keep ``end``."""
    peer = doc[start].lower_ in PEERAGE or start > 0 and doc[start - 1].lower_ in PEERAGE
    if peer and end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN":
        end += 2
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
    return end


def _extend_person(doc, start: int, end: int) -> tuple[int, int]:
    """A person span the tagger cut or padded, repaired from the tokens around it.

    Leading words that are no part of a name are dropped ("Wednesday Tony Blair", "Tory
    Dominic Grieve", "Producer Barry Weissler"); a hyphenated given name keeps its tail
    ("Moon Jae" + "-in" → "Moon Jae-in"); a capitalised proper noun right before a two-word
    name joins it when it is no title, honorific, role or other entity ("Armand" + "Marie
    Leroi" → "Armand Marie Leroi")."""
    while end - start > 2 and (doc[start].lower_ in _WEEKDAYS or doc[start].lower_ in _PARTY_WORDS
                               or doc[start].lower_ in _MONTHS):
        start += 1
    while end + 1 < len(doc) and doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and len(doc[end + 1]) <= 4:
        end += 2  # "Jae" "-" "in"
    designated = _peer_designation(doc, start, end)
    if designated > end and doc[start].lower_ not in PEERAGE:
        start -= 1  # "Lord" + "Faulkner" + "of Worcester"
    end = designated
    if end - start == 2 and start > 0:
        p = doc[start - 1]
        low = p.lower_.rstrip(".")
        if p.pos_ == "PROPN" and p.is_title and p.is_alpha and p.ent_type_ in {"", "PERSON"} and not p.is_sent_start \
                and low not in TITLES and low not in HONORIFICS and low not in PEERAGE and low not in ROLE_NOUNS \
                and low not in _ABBREV_TITLES and low not in _WEEKDAYS and low not in _MONTHS and low not in _PARTY_WORDS \
                and low not in ORG_HEADS and low not in PARTICLES:
            start -= 1
    return start, end


def _merge_adjacent(doc, mentions: list[Mention]) -> list[Mention]:
    """Two entities side by side ("Cambridge" + "Analytica") are one name when the pair
    occurs together at least twice and the second word never stands alone. The merged
    name is an organisation unless the tagger called one part a person."""
    mentions = sorted(mentions, key=lambda m: m.start)
    pairs: dict[str, int] = {}
    for a, b in zip(mentions, mentions[1:]):
        if b.start == a.end and a.type in {"place", "organization", "other"} \
                and (b.type in {"place", "organization", "other"} or b.end - b.start == 1) \
                and doc[a.end - 1].whitespace_ == " " and b.text[:1].isupper():
            pairs[a.text + " " + b.text] = pairs.get(a.text + " " + b.text, 0) + 1
    if not pairs:
        return mentions
    alone = {}
    for m in mentions:
        alone[m.text] = alone.get(m.text, 0) + 1
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        key = f"{a.text} {b.text}" if b is not None else ""
        if b is not None and b.start == a.end and pairs.get(key, 0) >= 2 and alone.get(b.text, 0) == pairs[key]:
            out.append(Mention(a.start, b.end, doc[a.start:b.end].text, "organization", "ORG"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def proper_run(doc, i: int) -> tuple[int, int] | None:
    """The capitalised name run (with particles like "de") around token ``i``."""
    def cap(t):  # "O'Connor", "D’Souza": an apostrophe inside a name
        return t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN", "ADJ", "X"} \
            and (t.is_alpha or t.text.replace("'", "").replace("’", "").isalpha() and t.text[-1] not in "'’")

    if not cap(doc[i]):
        return None
    s = i
    while s - 1 >= 0 and (cap(doc[s - 1]) or doc[s - 1].lower_ in PARTICLES and s - 2 >= 0 and cap(doc[s - 2])):
        s -= 1
    e = i + 1
    while e < len(doc) and (cap(doc[e]) or doc[e].lower_ in PARTICLES and e + 1 < len(doc) and cap(doc[e + 1])):
        e += 1
    return s, e


_COLLECTIVE_HEADS = {"group", "party", "members", "mps", "councillors", "government", "bloc", "faction", "caucus",
                     "leadership", "ministers", "activists", "supporters", "voters", "candidates"}


def _collective(doc, m: Mention) -> bool:
    """True when the text treats the name as a body: coordinated with an organisation or group
    ("both Plaid Cymru and the Liberal Democrats said"), or naming a body's members or branch
    anywhere ("the Plaid Cymru group", "Plaid Cymru MPs")."""
    root = doc[m.end - 1]
    for c in list(root.children) + [root.head]:
        if (c.dep_ == "conj" or root.dep_ == "conj" and c is root.head) and c.ent_type_ in {"ORG", "NORP"}:
            return True
    words = [t.text for t in doc[m.start:m.end]]
    for k in _positions(doc).get(words[0], ()):
        if [t.text for t in doc[k:k + len(words)]] == words:
            nxt = doc[k + len(words)] if k + len(words) < len(doc) else None
            if nxt is not None and nxt.lower_ in _COLLECTIVE_HEADS:
                return True
    return False


def _positions(doc) -> dict[str, list[int]]:
    """Token indices by token text, built once per parse (keeps the name checks linear)."""
    index = doc.user_data.get("briefbot_positions")
    if index is None:
        index = {}
        for t in tokens(doc):
            index.setdefault(t.text, []).append(t.i)
        doc.user_data["briefbot_positions"] = index
    return index
