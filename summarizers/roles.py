"""Roles and affiliations of people, read from the text around a name mention.

Patterns (all on the spaCy parse of one sentence):

* a title before the name: "Mexican President Andres Manuel Lopez Obrador",
  "the BBC's North America editor Jon Sopel", "former special envoy to Ukraine Kurt Volker";
* an apposition after the name: "Lila Abed, deputy director of the Mexico Institute at the
  US think tank Wilson Center, told DW";
* an affiliation after the name: "Rodrigo Montes de Oca of the Baker Institute ... told DW",
  "Dr John Moore-Gillon, of the British Lung Foundation, said";
* an apposition before the name: "the US special envoy for climate protection, John Kerry".

A role must contain a role noun (director, spokesman, president, envoy, ...) or, for the
"of the X" pattern, a capitalised organisation name. Ages ("79-year-old") are dropped.
"""

from __future__ import annotations

import re

from summarizers.names import TITLES

ROLE_NOUNS = {
    "president", "leader", "minister", "secretary", "chancellor", "ambassador", "envoy", "senator", "governor", "mayor",
    "director", "spokesman", "spokeswoman", "spokesperson", "official", "officer", "adviser", "advisor", "analyst",
    "professor", "expert", "researcher", "fellow", "economist", "chairman", "chairwoman", "chair", "ceo", "founder",
    "member", "editor", "correspondent", "historian", "author", "lawyer", "attorney", "judge", "general", "commander",
    "representative", "deputy", "candidate", "activist", "co-chairman", "co-chair", "manager", "executive", "strategist",
    "scientist", "diplomat", "counselor", "counsellor", "aide", "head", "chief", "predecessor", "successor", "whistleblower",
    "politician", "lawmaker", "legislator", "mp", "mep", "congressman", "congresswoman", "prosecutor", "economist",
    "researcher", "scholar", "lecturer", "teacher", "doctor", "physician", "nurse", "campaigner", "organizer", "organiser",
    "coordinator", "negotiator", "commissioner", "governor", "premier", "monarch", "king", "queen", "prince", "pope",
    "witness", "investigator", "inspector", "reporter", "journalist", "columnist", "presenter", "host", "anchor",
    "colonel", "captain", "sergeant", "lieutenant", "admiral", "soldier", "veteran", "partner", "owner", "president-elect",
    "nominee", "challenger", "incumbent", "rival", "speaker", "treasurer", "ombudsman", "mediator", "consul", "attaché",
    "hotelier", "businessman", "businesswoman", "entrepreneur", "banker", "investor", "officials", "coach", "player",
    "actor", "singer", "writer", "novelist", "artist", "architect", "engineer", "specialist", "consultant", "auditor",
    "administrator", "superintendent", "principal", "dean", "rector", "provost", "counsel", "secretary-general",
}
_AGE = re.compile(r"^\d+-year-old$|^\d+$")
_STOP_DEPS = {"det", "punct", "cc", "mark", "aux", "auxpass", "case"}
_PREPS = {"of", "for", "to", "at", "on", "in", "with"}


def _is_role_noun(tok) -> bool:
    return tok.lower_ in ROLE_NOUNS or tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in TITLES and tok.pos_ in {"NOUN", "PROPN"}


def _clean(tokens) -> str | None:
    toks = [t for t in tokens if not _AGE.match(t.lower_)]
    while toks and (toks[0].pos_ in {"DET", "ADP", "CCONJ", "PUNCT", "PRON"} or toks[0].lower_ in {"the", "a", "an", "his", "her", "their", "its"}):
        toks = toks[1:]
    while toks and (toks[-1].pos_ in {"ADP", "CCONJ", "PUNCT", "DET"} or toks[-1].lower_ in {"lord", "lady", "sir", "dame", "mr", "mrs", "ms", "dr"}):
        toks = toks[:-1]
    if not toks:
        return None
    text = "".join(t.text_with_ws for t in toks).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:\d+\s*-\s*)?year\s*-\s*old\s+", "", text)
    return text or None


def _attached(tok, name_tok) -> bool:
    """True when ``tok`` belongs to the noun phrase of the name (its head chain reaches the
    name's phrase head without leaving it), as a title or modifier does."""
    root = name_tok
    while root.head.i != root.i and root.head.i > root.i and root.head.pos_ == "PROPN" and root.head.i - name_tok.i < 6:
        root = root.head
    t = tok
    for _ in range(8):
        if t.i == root.i or t.head.i == root.i:
            return True
        if t.head.i == t.i or t.head.i < tok.i:
            return False
        t = t.head
    return False


def role_before(doc, start: int) -> str | None:
    """A title or role phrase directly before the name at token ``start`` ("Mexican President")."""
    i = start - 1
    toks = []
    sent_start = doc[start].sent.start
    while i >= sent_start:
        t = doc[i]
        if t.is_space or t.text in {"\"", "“", "”", "‘", "’"}:
            break
        if t.text in {"]", ")"} and i == start - 1:  # "[Biden's predecessor] Donald Trump"
            i -= 1
            continue
        if t.text in {"[", "("}:
            break
        if t.tag_ == "POS" or _AGE.match(t.lower_):
            toks.insert(0, t)
            i -= 1
            continue
        if t.pos_ == "ADP":
            if t.lower_ in _PREPS and i - 1 >= sent_start and _is_role_noun(doc[i - 1]) and toks:
                toks.insert(0, t)
                i -= 1
                continue
            break
        if (t.is_punct and t.text != "-") or t.pos_ in {"VERB", "AUX", "PRON", "DET", "SCONJ", "CCONJ", "NUM"}:
            break
        if t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
            break
        if not _attached(t, doc[start:start + 1][0]):
            break
        toks.insert(0, t)
        i -= 1
    if not toks:
        return None
    if i >= sent_start and doc[i].lower_ in {"a", "an"}:
        return None  # "Sondland, a wealthy hotelier Trump tapped ...": the phrase describes someone else
    # the last word before the name must be a role noun or a title (not just another name)
    if not _is_role_noun(toks[-1]) and not any(_is_role_noun(t) for t in toks[-2:]):
        return None
    if not any(_is_role_noun(t) for t in toks):
        return None
    return _clean(toks)


def role_after(doc, end: int) -> str | None:
    """An apposition or affiliation directly after the name ending at token ``end`` (exclusive)."""
    if end >= len(doc):
        return None
    sent_end = doc[end - 1].sent.end
    t = doc[end]
    if t.text == ",":
        j = end + 1
        toks = []
        while j < min(sent_end, end + 30):
            u = doc[j]
            if u.text in {",", ";", "(", ")", "\"", "“", "”"} or u.is_space or u.text in {".", "!", "?"} and j + 1 >= sent_end:
                break
            toks.append(u)
            j += 1
        if not toks or toks[0].lower_ in {"who", "which", "that", "whose", "where", "when", "and", "but", "he", "she"}:
            return None
        if any(u.pos_ in {"VERB", "AUX"} and u.tag_ not in {"VBN", "VBG"} for u in toks):
            return None
        if toks[0].lower_ == "of":
            return _clean(toks[1:])
        if any(_is_role_noun(u) for u in toks):
            return _clean(toks)
        return None
    if t.lower_ == "of" or (t.lower_ in {"at", "from"} and end + 1 < len(doc) and doc[end + 1].is_title):
        j = end + 1
        toks = []
        while j < min(sent_end, end + 20):
            u = doc[j]
            if u.is_punct or u.pos_ in {"VERB", "AUX"} or u.is_space:
                break
            toks.append(u)
            j += 1
        if toks and any(u.is_title and u.pos_ == "PROPN" for u in toks):
            return _clean(toks)
    return None


def role_apposed_before(doc, start: int) -> str | None:
    """A role noun phrase ending in a comma right before the name: "the US envoy ..., John Kerry"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    sent_start = doc[start].sent.start
    i = start - 2
    toks = []
    while i >= sent_start and len(toks) < 15:
        t = doc[i]
        if t.is_punct or t.pos_ in {"VERB", "AUX", "PRON", "DET", "SCONJ", "CCONJ"} or t.tag_ == "PRP$":
            break
        toks.insert(0, t)
        i -= 1
    if not toks or not any(_is_role_noun(t) for t in toks):
        return None
    # the phrase must be headed by a role noun (not "In exchange for sealing off the border")
    heads = [t for t in toks if t.head.i not in {u.i for u in toks}]
    if heads and not any(_is_role_noun(h) or h.pos_ == "ADP" for h in heads):
        return None
    return _clean(toks)


def find_role(doc, spans: list[tuple[int, int]]) -> str | None:
    """The role the text gives for a person mentioned at token ``spans`` [(start, end)].

    The first role of two words or more wins (a bare title such as "President" only when
    nothing more specific is said); None when the text gives no role.
    """
    found = []
    for start, end in spans:
        for role in (role_after(doc, end), role_before(doc, start), role_apposed_before(doc, start)):
            if role and len(role) >= 2 and not role.isdigit():
                if len(role.split()) >= 2:
                    return role
                found.append(role)
    return found[0] if found else None
