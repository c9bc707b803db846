"""What an organisation is, as the text says it: "telecom regulator Ofcom", "the anti-war
party Respect", "the Electoral Commission, the elections watchdog,", "Ovum, a research firm".

:func:`find_org_role` reads the words right before a mention of the organisation (a
descriptor noun phrase ending next to the name) or an apposition right after it, and returns
the most specific phrase found. The descriptor must end in a noun that names a kind of body
(:data:`DESCRIPTORS`), so ordinary modifiers ("rival Ofcom", "the new Ofcom") are no roles.
"""

from __future__ import annotations

DESCRIPTORS = {
    "party", "watchdog", "regulator", "charity", "union", "group", "firm", "company", "agency", "body", "committee",
    "association", "organisation", "organization", "consultancy", "bank", "broadcaster", "newspaper", "network",
    "institute", "thinktank", "tank", "lobby", "campaign", "coalition", "alliance", "movement", "militia", "court",
    "council", "department", "ministry", "authority", "commission", "operator", "carrier", "retailer", "provider",
    "manufacturer", "maker", "insurer", "lender", "airline", "giant", "multinational", "conglomerate", "monopoly",
    "federation", "foundation", "society", "trust", "club", "team", "website", "service", "agency", "publisher",
    "analysts", "consultants", "pollster", "pollsters", "business", "chain", "supermarket",
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
        if not hyphen and (t.pos_ in _STOP_BEFORE and not (t.pos_ == "VERB" and t.dep_ in {"compound", "amod"})
                           or not t.is_lower and t.pos_ != "ADJ"):
            break
        toks.insert(0, t)
        i -= 1
    while toks and (toks[0].tag_ == "HYPH" or toks[0].text == "-"):
        toks = toks[1:]
    return _phrase(toks) if len(toks) >= 2 or toks and i >= 0 and doc[i].lower_ in {"the", "a", "an"} else None


def _after(doc, end: int) -> str | None:
    """ "X, the elections watchdog,", "X, a research firm,"."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"the", "a", "an"}:
        return None
    toks = []
    j = end + 2
    while j < min(len(doc), end + 10) and doc[j].text not in {",", ".", ";", ":", ")"}:
        if doc[j].pos_ in {"VERB", "AUX", "PRON", "SCONJ"} and doc[j].dep_ not in {"amod", "compound"}:
            return None
        toks.append(doc[j])
        j += 1
    head = next((k for k, t in enumerate(toks) if t.lemma_.lower() in DESCRIPTORS or t.lower_ in DESCRIPTORS), None)
    if head is None:
        return None
    tail = toks[head + 1:]
    if tail and tail[0].lower_ not in {"of", "for", "in", "at", "on"}:
        tail = []
    kept = toks[:head + 1] + tail
    return doc[kept[0].i:kept[-1].i + 1].text.strip() or None


def find_org_role(doc, spans: list[tuple[int, int]]) -> str | None:
    """The descriptor the text gives an organisation mentioned at token ``spans``, or None.

    Input: the parse and the mentions' ``(start, end)`` token spans. Output: the first
    descriptor found in article order (an apposition after a mention before a phrase before
    it), verbatim from the text."""
    for start, end in spans:
        role = _after(doc, end) or _before(doc, start)
        if role:
            return role
    return None
