"""What an organisation is, as the text says it: "telecom regulator Ofcom", "the anti-war
party Respect", "the Electoral Commission, the elections watchdog,", "Ovum, a research firm",
"the Commission, which regulates campaign finances,", "The mill, Krivorizhstal,", and a
description that repeats the head of the name ("the all-party group" for the "Parliamentary Group on Betting").

:func:`find_org_role` reads the words right before a mention of the organisation (a
descriptor noun phrase ending next to the name) or an apposition right after it, and returns
the most specific phrase found. The descriptor must end in a noun that names a kind of body
(:data:`DESCRIPTORS`), so ordinary modifiers ("rival Ofcom", "the new Ofcom") are no roles.
"""

from __future__ import annotations

from summarizers.document import tokens

DESCRIPTORS = {
    "party", "watchdog", "regulator", "charity", "union", "group", "firm", "company", "agency", "body", "committee",
    "association", "organisation", "organization", "consultancy", "bank", "broadcaster", "newspaper", "network",
    "institute", "thinktank", "tank", "lobby", "campaign", "coalition", "alliance", "movement", "militia", "court",
    "council", "department", "ministry", "authority", "commission", "operator", "carrier", "retailer", "provider",
    "manufacturer", "maker", "insurer", "lender", "airline", "giant", "multinational", "conglomerate", "monopoly",
    "federation", "foundation", "society", "trust", "club", "team", "website", "service", "agency", "publisher",
    "analysts", "consultants", "pollster", "pollsters", "business", "chain", "supermarket",
    "mill", "plant", "steelmaker", "carmaker", "refinery", "university", "hospital", "utility", "bureau", "behemoth",
}
_STOP_BEFORE = {"DET", "ADP", "PUNCT", "PRON", "CCONJ", "SCONJ", "AUX", "VERB", "NUM", "PART"}


def _phrase(toks) -> str | None:
    toks = [t for t in toks if not t.is_space]
    if not toks or toks[-1].lemma_.lower() not in DESCRIPTORS and toks[-1].lower_ not in DESCRIPTORS:
        return None
    return toks[0].doc[toks[0].i:toks[-1].i + 1].text.strip() or None


def _before(doc, start: int) -> str | None:
    """ "telecom regulator Ofcom", "the anti-war party Respect"."""
    i = start - 1
    toks: list = []
    while i >= doc[start].sent.start and len(toks) < 6:
        t = doc[i]
        hyphen = t.tag_ == "HYPH" or t.text == "-"
        acronym = t.is_upper and t.is_alpha and 2 <= len(t.text) <= 4  # "IT giant", "US carmaker", "TV network"
        if not hyphen and (t.pos_ in _STOP_BEFORE and not (t.pos_ == "VERB" and t.dep_ in {"compound", "amod"})
                           or not t.is_lower and t.pos_ != "ADJ" and not (acronym and toks)):
            break
        toks.insert(0, t)
        i -= 1
    while toks and (toks[0].tag_ == "HYPH" or toks[0].text == "-"):
        toks = toks[1:]
    return _phrase(toks) if len(toks) >= 2 or toks and i >= 0 and doc[i].lower_ in {"the", "a", "an"} else None


_DASHES = {"-", "–", "—"}


def _descriptor_phrase(doc, j: int) -> str | None:
    """The noun phrase from token ``j`` (an article) up to a descriptor noun, with an
    "of/for/in/at/on" complement; None when the phrase holds a verb or no descriptor."""
    toks = []
    stop = j + 8
    while j < min(len(doc), stop) and doc[j].text not in {",", ".", ";", ":", ")"} | _DASHES:
        if doc[j].lower_ in {"which", "that", "whose"} and any(t.lemma_.lower() in DESCRIPTORS for t in toks):
            break
        if doc[j].pos_ in {"VERB", "AUX", "PRON", "SCONJ"} and doc[j].dep_ not in {"amod", "compound"}:
            return None
        toks.append(doc[j])
        j += 1
    heads = [k for k, t in enumerate(toks) if t.lemma_.lower() in DESCRIPTORS or t.lower_ in DESCRIPTORS]
    if not heads:
        return None
    head = heads[0]
    while head + 1 < len(toks) and toks[head + 1].tag_ == "POS" and any(k > head for k in heads):
        head = next(k for k in heads if k > head)  # "the manufacturers' organisation": the possessor is no head
    tail = toks[head + 1:]
    if tail and tail[0].tag_ == "POS":
        return None  # "the Transport Union's 70,000": a possessor, not what the phrase is
    if tail and tail[0].lower_ in _LIKENESS and len(tail) > 1 and tail[1].lower_ in {"to", "with"}:
        return _with_likeness(doc, toks[0].i, tail[0].i)
    if tail and tail[0].lower_ not in {"of", "for", "in", "at", "on"}:
        tail = []
    kept = toks[:head + 1] + tail
    return doc[kept[0].i:kept[-1].i + 1].text.strip() or None


_LIKENESS = {"similar", "close", "akin", "allied", "related", "loyal", "opposed", "comparable"}


def _with_likeness(doc, first: int, adj: int) -> str | None:
    """ "a movement similar to Egypt's Islamist Muslim Brotherhood": what a body is likened or
    tied to says what it is; the phrase runs to the next punctuation or verb (at most 10 words
    after the adjective). None when it does not end within that."""
    j = adj + 2
    while j < len(doc) and j <= adj + 11 and not doc[j].is_punct or j < len(doc) and doc[j].tag_ == "POS":
        if doc[j].pos_ in {"VERB", "AUX", "PRON", "SCONJ"}:
            break
        j += 1
    if j >= len(doc) or j > adj + 11 or j == adj + 2:
        return None
    return doc[first:j].text.strip() or None


def _after(doc, end: int) -> str | None:
    """ "X, the elections watchdog,", "X, a research firm,", "X - the South African firm which
    lost the tender -" (a relative clause after the descriptor ends it)."""
    if end + 2 >= len(doc) or doc[end].text not in {","} | _DASHES or doc[end + 1].lower_ not in {"the", "a", "an"}:
        return None
    return _descriptor_phrase(doc, end + 2)


def _copula(doc, start: int, end: int) -> str | None:
    """ "The Larkspur Foundation is an open source organisation", "Ofcom is the UK's
    communications regulator": the mention is the subject of "is/was" followed by a noun
    phrase headed by a descriptor (not a passive or progressive: "X is expected to")."""
    if end + 2 >= len(doc) or doc[end].lemma_ != "be" or doc[end].tag_ not in {"VBZ", "VBD"} \
            or doc[end + 1].lower_ not in {"a", "an", "the"}:
        return None
    opens = doc[start].sent.start
    if not (start == opens or start == opens + 1 and doc[opens].lower_ == "the"):
        return None  # the clause's subject starts the sentence ("The X is ..."), not "... of X is"
    return _descriptor_phrase(doc, end + 2)


#: Verbs of what a body does, in "X, which regulates campaign finances,".
_FUNCTION_VERBS = {"regulate", "represent", "oversee", "monitor", "run", "manage", "govern", "investigate", "fund",
                   "promote", "lobby", "advise", "organise", "organize", "operate", "own", "publish", "supervise",
                   "coordinate", "inspect", "license", "police", "enforce", "administer", "campaign"}


def _which(doc, end: int) -> str | None:
    """ "X, which regulates campaign finances," → "regulates campaign finances"."""
    if end + 3 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"which", "that"}:
        return None
    verb = doc[end + 2]
    if verb.tag_ != "VBZ" or verb.lemma_.lower() not in _FUNCTION_VERBS:
        return None
    toks = [verb]
    for u in doc[end + 3:min(len(doc), end + 12)]:
        if u.is_punct and u.tag_ != "HYPH" or u.pos_ in {"AUX", "PRON", "SCONJ"} or u.is_space \
                or u.pos_ == "VERB" and u.dep_ not in {"compound", "amod"}:
            break
        toks.append(u)
    if len(toks) < 2 or len(toks) > 8 or toks[-1].pos_ not in {"NOUN", "PROPN"}:
        return None
    return doc[toks[0].i:toks[-1].i + 1].text


_NOT_DESCRIPTIVE = {"new", "same", "other", "whole", "first", "last", "main", "next", "previous", "latter", "former",
                    "entire", "own", "such", "said", "original", "current", "present", "latest", "second", "third"}


def name_head(name: str) -> str | None:
    """The head noun of an organisation's name, lower case: the last word before its first
    "of/on/for/and" ("Parliamentary Group on Betting and Gaming" → "group"); None for one word."""
    words = name.replace("’", "'").split()
    if words and words[0].endswith("'s"):
        words = words[1:]
    cut = next((k for k, w in enumerate(words) if w in {"of", "on", "for", "and", "&", "in"}), len(words))
    words = words[:cut]
    return words[-1].lower() if len(words) >= 2 else None


def _common_nouns(doc) -> dict[str, list[int]]:
    """Positions of the lower-case singular common nouns of ``doc`` by lemma, in text order,
    computed once per doc (one scan of the document, not one per organisation)."""
    key = "briefbot.orgroles.nouns"
    index = doc.user_data.get(key)
    if index is None:
        index = {}
        for t in tokens(doc):
            if t.is_lower and t.pos_ == "NOUN" and t.tag_ == "NN":
                index.setdefault(t.lemma_.lower(), []).append(t.i)
        doc.user_data[key] = index
    return index


def role_by_head_noun(doc, head: str, taken: set[int]) -> str | None:
    """A definite description that repeats the head noun of the organisation's name with a
    modifier ("the all-party group", "the parliamentary committee") → that description, first
    in text order. ``taken``: token positions inside name mentions (skipped). The caller makes
    sure only one organisation has this head (the head-match pass of Lee et al., 2013)."""
    for i in _common_nouns(doc).get(head, ()):
        t = doc[i]
        if t.i in taken:
            continue
        kids = list(t.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
            continue
        if any(c.dep_ in {"poss", "prep"} for c in kids):
            continue  # "the committee of inquiry", "Labour's group": another body, or a part of one
        mods = [c for c in kids if c.dep_ in {"amod", "compound"} and c.i < t.i]
        if not mods or any(c.text != c.lower_ or c.lower_ in _NOT_DESCRIPTIVE or c.ent_type_ for c in mods):
            continue
        first = min(c.left_edge.i for c in mods)
        if any(doc[k].is_punct and doc[k].text != "-" or doc[k].ent_type_ or doc[k].text != doc[k].lower_
               for k in range(first, t.i)):
            continue
        return doc[first:t.i + 1].text
    return None


def role_from_lede(doc, first_mention: int, first_body: int) -> str | None:
    """The description of a body in the lede that the next sentences name: "A cap on donations
    should not be introduced yet, the elections watchdog has said. ... the Electoral Commission
    says" → "elections watchdog" (news ledes often name a body only in the second or third
    sentence). ``first_mention``: the token where the organisation is first named;
    ``first_body``: the token where the first organisation or person of the text is named.
    The lede (first sentence) must name no one, the organisation must be the first one named
    after it, within two sentences, and the description must be a subject headed by a kind of
    body with a modifier ("the watchdog" alone says nothing), or "one of" such bodies ("one of
    the leading rating agencies says")."""
    if not len(doc):
        return None
    lede = next(iter(doc.sents))
    if first_body < lede.end or first_mention != first_body:
        return None
    later = lede.end
    for _ in range(2):
        if later >= len(doc):
            break
        later = doc[later].sent.end
    if first_mention >= later:
        return None
    for t in lede:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ == "one":  # "one of the leading rating agencies says"
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            kind = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if kind is not None and kind.tag_ == "NNS" and kind.lemma_.lower() in DESCRIPTORS \
                    and any(c.dep_ in {"amod", "compound"} for c in kind.children):
                return doc[t.i:kind.i + 1].text
            continue
        if t.dep_ not in {"nsubj", "nsubjpass"} or not t.is_lower or t.lemma_.lower() not in DESCRIPTORS:
            continue
        if not any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} or c.dep_ == "poss" and c.pos_ != "PRON"
                   for c in t.children):
            continue  # "the elections watchdog", "The country's biggest union"; not "its union"
        mods = [c for c in t.children if c.dep_ in {"amod", "compound"} and c.i < t.i and c.text == c.lower_]
        if not mods or any(c.lower_ in _NOT_DESCRIPTIVE for c in mods):
            continue
        return doc[min(c.left_edge.i for c in mods):t.i + 1].text
    return None


def _appos_before(doc, start: int, end: int) -> str | None:
    """ "The mill, Krivorizhstal, is ...", "Manufacturers' organisation, the EEF, said": a
    description set off before the name by a comma (with an article, or a possessor opening the
    sentence), the name closed by a comma."""
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1  # "Manufacturers' organisation, the EEF, said"
    if start < 3 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return None
    head = doc[start - 2]
    if not head.is_lower or head.lemma_.lower() not in DESCRIPTORS or head.tag_ != "NN":
        return None
    toks = list(doc[head.left_edge.i:head.i + 1])
    owned = bool(toks) and toks[0].is_sent_start and any(t.tag_ == "POS" for t in toks)  # "Manufacturers' organisation"
    if not toks or toks[0].lower_ not in {"the", "a", "an"} and not owned \
            or any(t.is_punct and t.tag_ not in {"HYPH", "POS"} for t in toks) \
            or any(t.lower_ in _NOT_DESCRIPTIVE for t in toks) or len(toks) > 6:
        return None
    return _phrase(toks if owned else toks[1:])


def find_org_role(doc, spans: list[tuple[int, int]]) -> str | None:
    """The descriptor the text gives an organisation mentioned at token ``spans``, or None.

    Input: the parse and the mentions' ``(start, end)`` token spans. Output: the first
    descriptor found in article order (an apposition after a mention before a phrase before
    it, a relative clause, an apposition before it, then a copula), verbatim from the text."""
    for start, end in spans:
        named_kind = end < len(doc) and doc[end].lower_ in DESCRIPTORS  # "the Vostra party, a movement of ..."
        role = _after(doc, end) or named_kind and _after(doc, end + 1) or _before(doc, start) or _which(doc, end) \
            or _appos_before(doc, start, end) or _copula(doc, start, end)
        if role:
            return role
    return None
