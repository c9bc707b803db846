"""Roles and affiliations of people, read from the text around a name mention.

Patterns (surface patterns checked against the spaCy tags of one sentence; the small
model's dependency attachments of titles are too unreliable to lean on):

* a title before the name: "Mexican President Andres Manuel Lopez Obrador",
  "US Secretary of Homeland Security Daniel Whitfield", "the BBC's North America editor
  Jon Sopel", "former special envoy to Ukraine Kurt Volker", "[Biden's predecessor] Donald
  Trump", "Lt. Col. Alexander Vindman";
* an apposition after the name: "Lila Abed, deputy director of the Mexico Institute at the
  US think tank Wilson Center, told DW"; a relative clause glued to it is cut off
  ("Sondland, a wealthy hotelier Trump tapped as ..." → "wealthy hotelier");
* an affiliation after the name: "Rodrigo Montes de Oca of the Baker Institute ... told DW",
  "Dr John Moore-Gillon, of the British Lung Foundation, said";
* an apposition before the name: "the US special envoy for climate protection, John Kerry";
* an appointment or a copula: "Peters was later named imperial high commissioner of East
  Africa", "a hotelier Trump tapped as his ambassador to the European Union", "Smith is the
  director of the Institute".

A role must contain a role noun (director, spokesman, president, envoy, ...) or, for the
"of the X" pattern, a capitalised organisation name. Role text is a verbatim slice of the
article (only a leading age such as "79-year-old" and leading/trailing function words are
left out).

:func:`find_role` collects the candidates of every mention and keeps the most informative:
an official title with an affiliation ("US Secretary of Homeland Security", "Tory leader")
beats a bare title ("President") and an evaluative description ("most anticipated witness").
"""

from __future__ import annotations

import re

from summarizers.names import TITLES, looks_like_org

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
    "lt.", "col.", "gen.", "sen.", "rep.", "gov.", "capt.", "sgt.", "adm.", "maj.", "cmdr.", "supt.",
}
# Capitalised nouns for a member of a party: a role in an apposition ("a Republican from Texas").
PARTY_MEMBERS = {"Republican", "Democrat", "Conservative", "Tory", "Liberal", "Socialist", "Independent", "Green", "Lib", "Dem",
                 "Progressive", "Communist"}
# Abbreviated military/political titles ("Lt. Col.", "Sen."), with or without their dot.
ABBREVIATIONS = {"lt", "col", "gen", "sen", "rep", "gov", "capt", "sgt", "adm", "maj", "cmdr", "supt", "cpl", "pvt"}
ROLE_NOUNS |= ABBREVIATIONS
# Offices: a role headed by one of these says what the person officially is.
OFFICES = (TITLES | {
    "ambassador", "envoy", "secretary-general", "president-elect", "commissioner", "prosecutor", "counsel", "counselor",
    "counsellor", "diplomat", "official", "spokesperson", "head", "lawmaker", "legislator", "consul", "ombudsman",
    "lt.", "col.", "gen.", "sen.", "rep.", "gov.", "capt.", "sgt.", "adm.", "maj.", "cmdr.", "supt.", "editor",
    "correspondent", "economist", "analyst", "professor", "researcher", "historian", "adviser", "advisor",
}) - {"former", "state", "foreign", "defence", "defense", "interior", "finance", "treasury", "vice", "prime", "crown",
      "candidate", "leader", "deputy", "major", "general", "chief"}
_SOFT_OFFICES = {"leader", "chief", "deputy", "general", "candidate"}
# Verbs that give someone a role: "was named X", "tapped as X", "appointed X".
_APPOINT = {"name", "appoint", "tap", "nominate", "elect", "choose", "pick", "select", "install", "promote", "make",
            "confirm", "hire", "serve", "become", "designate", "swear"}
_EVALUATIVE = {"most", "least", "best", "worst", "key", "star", "top", "famous", "notorious", "controversial", "wealthy",
               "first", "last", "only"}
_AGE = re.compile(r"^\d+-year-old$")
_PREPS = {"of", "for", "to", "at", "on", "in", "with"}
_TITLE_PREPS = {"of", "for", "to", "on", "at"}
_VERB_MODIFIERS = {"acting", "retired", "elected", "outgoing", "incoming", "designated", "ousted", "jailed", "exiled",
                   "embattled", "disgraced", "appointed", "serving", "sitting", "departing", "leading", "ruling"}
_NAME_PREFIXES = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "baroness", "baron", "miss", "prof"}
_QUOTE_MARKS = {"\"", "“", "”", "‘", "’", "'", "«", "»"}
_NUMERIC_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _is_member(toks) -> bool:
    """An apposition naming a party member: "a Republican from Texas", "a Democrat"."""
    return len(toks) >= 2 and toks[0].lower_ in {"a", "an"} and toks[1].text in PARTY_MEMBERS


def _is_role_noun(tok) -> bool:
    low = tok.lower_
    return low in ROLE_NOUNS or tok.lemma_.lower() in ROLE_NOUNS or (low in TITLES and tok.pos_ in {"NOUN", "PROPN"})


def _text(toks) -> str | None:
    """The verbatim article text from the first to the last of ``toks`` (contiguous)."""
    if not toks:
        return None
    doc = toks[0].doc
    span = doc[toks[0].i:toks[-1].i + 1]
    return re.sub(r"\s+", " ", span.text).strip() or None


def _clean(tokens) -> str | None:
    """Strip leading function words/ages and trailing function words; the rest stays verbatim."""
    toks = list(tokens)
    while toks and (toks[0].pos_ in {"DET", "ADP", "CCONJ", "PUNCT", "PRON", "SCONJ"} or toks[0].tag_ in {"POS", "HYPH"}
                    or toks[0].lower_ in {"the", "a", "an", "his", "her", "their", "its"} or _AGE.match(toks[0].lower_)
                    or (toks[0].like_num and len(toks) > 1 and toks[1].tag_ == "HYPH")):
        numeric = toks[0].like_num
        toks = toks[1:]
        if numeric:  # "79 - year - old" split over several tokens
            while len(toks) > 1 and (toks[0].tag_ == "HYPH" or toks[0].lower_ in {"year", "old", "-", "years"}):
                toks = toks[1:]
    while toks and (toks[-1].pos_ in {"ADP", "CCONJ", "PUNCT", "DET", "SCONJ"} and not (
            toks[-1].text == "." and len(toks) > 1 and toks[-2].lower_ in ABBREVIATIONS) or toks[-1].tag_ == "POS"
                    or toks[-1].lower_ in {"lord", "lady", "sir", "dame", "mr", "mrs", "ms", "dr"}):
        toks = toks[:-1]
    return _text(toks)


def _modifier_ok(t) -> bool:
    """A word that may sit inside a title before a name: nouns, adjectives, names."""
    if t.ent_type_ in _NUMERIC_ENTS and not _is_role_noun(t) and not (t.ent_type_ == "ORDINAL" and t.is_title and t.is_alpha):
        return False  # a date or number, but "First Minister", "Second Secretary" are titles
    if t.pos_ in {"ADJ", "NOUN", "PROPN"}:
        return True
    if t.pos_ == "VERB" and t.dep_ == "compound" and t.is_lower:
        return True  # a noun the tagger called a verb: "director of telecoms research Tony Lavender"
    if t.pos_ in {"VERB", "AUX"}:
        return t.tag_ in {"VBN", "VBG"} and (t.is_title or t.lower_ in _VERB_MODIFIERS) or t.is_title and t.tag_ == "VBZ"
    if t.is_title and t.pos_ in {"X", "NUM"} and not t.like_num:
        return True
    return t.lower_ in {"lt.", "col.", "gen.", "sen.", "rep.", "gov.", "capt.", "sgt.", "adm.", "maj."}


def role_before(doc, start: int) -> str | None:
    """A title or role phrase directly before the name at token ``start``: "Mexican President",
    "US Secretary of Homeland Security", "Biden's predecessor". None when there is none."""
    sent_start = doc[start].sent.start
    i = start - 1
    bracket = False
    if i >= sent_start and doc[i].text in {"]", ")"}:  # "[Biden's predecessor] Donald Trump"
        bracket = True
        i -= 1
    while i >= sent_start and doc[i].lower_.rstrip(".") in _NAME_PREFIXES and not bracket:
        i -= 1  # "Former civil service chief Lord Butler", "Tory leader Mr Howard"
    toks: list = []
    while i >= sent_start and len(toks) < 14:
        t = doc[i]
        if t.text in {"[", "("} or t.is_space or t.text in _QUOTE_MARKS:
            break
        if t.text == "." and i - 1 >= sent_start and doc[i - 1].lower_ in ABBREVIATIONS:
            toks[:0] = [doc[i - 1], t]  # "Lt. Col." split into "Lt" "." "Col" "."
            i -= 2
            continue
        if toks and t.pos_ == "NOUN" and t.text[:1].islower() and not _is_role_noun(t) and toks[0].text[:1].isupper() \
                and toks[0].tag_ not in {"POS", "HYPH"}:
            break  # "at their poster launch | Tory co-chairman Liam Fox"
        if t.tag_ == "POS" or t.tag_ == "HYPH" or toks and toks[0].tag_ == "HYPH" and not t.whitespace_ and t.is_alpha:
            toks.insert(0, t)  # "editor-in-chief", "London-based", "vice-premier"
            i -= 1
            continue
        low = t.lower_
        if low in _TITLE_PREPS or low == "the" or low in {"and", "&"}:
            # inside an office name only: "Secretary of Homeland Security", "envoy to the EU",
            # "Secretary of Health and Human Services"
            j, prep = i, t
            if low == "the" and i - 1 >= sent_start and doc[i - 1].lower_ in _TITLE_PREPS:
                j, prep = i - 1, doc[i - 1]
            nxt_cap = bool(toks) and (toks[0].text[:1].isupper() or prep.lower_ in {"for", "of"} and len(toks) <= 2
                                      and all(u.pos_ == "NOUN" for u in toks))  # "spokesman for sport"
            if prep.lower_ in _TITLE_PREPS and j - 1 >= sent_start and _is_role_noun(doc[j - 1]) and nxt_cap:
                toks[:0] = list(doc[j:i + 1])
                i = j - 1
                continue
            if low in {"and", "&"} and nxt_cap and i - 1 >= sent_start and doc[i - 1].text[:1].isupper() \
                    and doc[i - 1].ent_type_ != "PERSON" and not _is_role_noun(doc[i - 1]):
                toks.insert(0, t)
                i -= 1
                continue
            break
        if not _modifier_ok(t):
            break
        toks.insert(0, t)
        i -= 1
    if bracket and not (i >= sent_start and doc[i].text in {"[", "("}):
        return None  # a bracket closing something that is not the name's title
    if not toks:
        return None
    if i >= sent_start and doc[i].lower_ in {"a", "an"} and not bracket:
        return None  # "Sondland, a wealthy hotelier Trump tapped ...": the phrase describes someone else
    # drop an "and" that does not sit inside an office name
    if any(t.lower_ in {"and", "&"} for t in toks) and not any(t.lower_ in _TITLE_PREPS for t in toks):
        k = max(n for n, t in enumerate(toks) if t.lower_ in {"and", "&"})
        toks = toks[k + 1:]
    # the words next to the name must end a title: a role noun, or "ROLE of/for/to <Name>"
    roles_at = [n for n, t in enumerate(toks) if _is_role_noun(t)]
    if not roles_at:
        owner = toks[:-1]
        if toks[-1].tag_ == "POS" and owner and all(u.pos_ == "PROPN" and u.ent_type_ in {"ORG", "NORP"} for u in owner) \
                and not (i >= sent_start and doc[i].pos_ in {"PROPN", "DET"}):
            return _text(owner)  # "Labour's Paul Flynn": an affiliation, not a title
        return None
    last = roles_at[-1]
    tail = [t for t in toks[last + 1:] if t.text != "."]
    field = tail and tail[0].lower_ in {"for", "of"} and 1 < len(tail) <= 3 and all(t.pos_ == "NOUN" for t in tail[1:])
    if tail and not field and not (tail[0].lower_ in _TITLE_PREPS and all(
            t.text[:1].isupper() or t.lower_ in _TITLE_PREPS | {"the", "and", "&"} or t.tag_ in {"POS", "HYPH"} for t in tail)):
        return None
    return _clean(toks)


def _cut_relative(toks) -> tuple[list, list]:
    """Split an apposition before a relative clause: at a relative pronoun ("a former DEA
    official | who now directs ...") or, without a pronoun, before the clause's subject and
    verb ("a wealthy hotelier | Trump tapped as ...") → (head tokens, clause tokens)."""
    for n, u in enumerate(toks):
        if n > 0 and u.text in {"who", "whom", "whose", "which", "that"} and (u.tag_ in {"WP", "WP$", "WDT"} or u.text != "that"):
            return toks[:n], toks[n:]
        if u.pos_ in {"VERB", "AUX"} and u.tag_ in {"VBD", "VBN", "VBZ", "VBP"} and not u.is_title and n > 0 \
                and toks[n - 1].tag_ != "HYPH":  # "London-based" is an adjective
            break
    for n, u in enumerate(toks):
        if u.pos_ in {"VERB", "AUX"} and u.tag_ in {"VBD", "VBN", "VBZ", "VBP"} and not u.is_title and n > 0 \
                and toks[n - 1].tag_ != "HYPH":  # "London-based" is an adjective
            k = n
            while k > 0 and (toks[k - 1].pos_ in {"PROPN", "PRON"} or toks[k - 1].ent_type_ == "PERSON"):
                k -= 1
            if k < n and k > 0:
                return toks[:k], toks[k:]
            return toks[:n], toks[n:]
    return toks, []


def _as_role(toks) -> str | None:
    """The role in "(tapped|named|appointed) as ROLE" inside ``toks``."""
    for n, u in enumerate(toks):
        if u.lemma_.lower() in _APPOINT and u.pos_ in {"VERB", "AUX"}:
            rest = toks[n + 1:]
            if rest and rest[0].lower_ == "as":
                rest = rest[1:]
            out = []
            for r in rest:
                if r.pos_ in {"VERB", "AUX"} and not r.is_title or r.text in {",", ";", ":"} | _QUOTE_MARKS:
                    break
                out.append(r)
            if any(_is_role_noun(r) for r in out):
                return _clean(out)
    return None


def role_after(doc, end: int) -> str | None:
    """An apposition or affiliation directly after the name ending at token ``end`` (exclusive)."""
    roles = roles_after(doc, end)
    return roles[0] if roles else None


def roles_after(doc, end: int) -> list[str]:
    """The apposition/affiliation after the name (and an appointment inside the apposition)."""
    if end >= len(doc):
        return []
    sent_end = doc[end - 1].sent.end
    t = doc[end]
    if t.text == ",":
        j = end + 1
        toks = []
        while j < min(sent_end, end + 30):
            u = doc[j]
            if u.text in {",", ";", "(", ")", ":"} | _QUOTE_MARKS or u.is_space or u.text in {".", "!", "?"} and j + 1 >= sent_end:
                break
            toks.append(u)
            j += 1
        if not toks or toks[0].lower_ in {"who", "which", "that", "whose", "where", "when", "and", "but", "he", "she", "it",
                                          "they", "we", "i", "said", "says", "told", "according"}:
            return []
        if toks[0].pos_ in {"VERB", "AUX"} and not toks[0].is_title:
            return []
        head, clause = _cut_relative(toks)
        if clause and not head:
            return []
        out = []
        if head and head[0].lower_ == "of":
            r = _clean(head[1:])
            if r and any(u.text[:1].isupper() for u in head[1:]):
                out.append(r)
        elif head and (any(_is_role_noun(u) for u in head) or _is_member(head)):
            r = _clean(head)
            if r:
                out.append(r)
        if clause:
            r = _as_role(clause)
            if r:
                out.append(r)
        return out
    attached = end - 1 >= 0 and doc[end - 1].i <= t.head.i < end or t.head.i == end - 1  # "X of Y", not "told X of Y"
    if attached and (t.lower_ == "of" or (t.lower_ in {"at", "from"} and end + 1 < len(doc) and doc[end + 1].is_title)):
        j = end + 1
        toks = []
        while j < min(sent_end, end + 20):
            u = doc[j]
            if u.is_punct or u.pos_ in {"VERB", "AUX"} and not u.is_title or u.is_space:
                break
            toks.append(u)
            j += 1
        if toks and any(u.is_title and u.pos_ == "PROPN" and u.ent_type_ not in _NUMERIC_ENTS for u in toks):
            r = _clean(toks)
            return [r] if r else []
    return []


def role_apposed_before(doc, start: int) -> str | None:
    """A role noun phrase ending in a comma right before the name: "the US envoy ..., John Kerry"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    sent_start = doc[start].sent.start
    i = start - 2
    toks = []
    while i >= sent_start and len(toks) < 15:
        t = doc[i]
        if t.lower_ == "the" and i - 2 >= sent_start and doc[i - 1].lower_ in _TITLE_PREPS and _is_role_noun(doc[i - 2]):
            toks[:0] = [doc[i - 1], t]  # "The chairman of the MCB's public affairs committee, Sher Khan"
            i -= 2
            continue
        if t.is_punct and t.tag_ != "HYPH" or t.pos_ in {"VERB", "AUX", "PRON", "DET", "SCONJ", "CCONJ"} or t.tag_ == "PRP$":
            break
        if t.ent_type_ in _NUMERIC_ENTS:
            break
        if t.pos_ == "ADP" and not (i - 1 >= sent_start and _is_role_noun(doc[i - 1])):
            break  # "a meeting in Hanoi with North Korea's leader, Kim": the role starts after "with"
        toks.insert(0, t)
        i -= 1
    if not toks or not any(_is_role_noun(t) for t in toks):
        return None
    if i >= sent_start and doc[i].lower_ in {"another", "one", "a", "an"} and i == sent_start:
        return None  # "Another diplomat, former envoy X": the head role is in the title, not here
    # the phrase must be headed by a role noun (not "In exchange for sealing off the border")
    heads = [t for t in toks if t.head.i not in {u.i for u in toks}]
    if heads and not any(_is_role_noun(h) or h.pos_ == "ADP" for h in heads):
        return None
    return _clean(toks)


def role_predicated(doc, start: int, end: int) -> str | None:
    """A role given by the verb the name is the subject of: "Peters was later named imperial
    high commissioner of East Africa", "Smith is the director of the Institute"."""
    subj = None
    for t in doc[start:end]:
        if t.dep_ in {"nsubj", "nsubjpass"} and t.head.i >= end:
            subj = t
            break
    if subj is None:
        return None
    verb = subj.head
    lemma = verb.lemma_.lower()
    if subj.dep_ == "nsubjpass" and lemma in _APPOINT or subj.dep_ == "nsubj" and lemma in {"become", "serve"}:
        toks = []
        for u in doc[verb.i + 1:min(verb.sent.end, verb.i + 16)]:
            if u.lower_ == "as" and not toks:
                continue
            if u.is_punct and u.tag_ != "HYPH" or u.pos_ in {"VERB", "AUX", "PART"} and not u.is_title or u.is_space:
                break
            if u.pos_ == "ADV" and not toks:
                continue
            toks.append(u)
        if toks and _is_role_noun(toks[0]) or any(_is_role_noun(u) for u in toks[:4]):
            return _clean(toks)
        return None
    if lemma == "be" and subj.dep_ == "nsubj":
        attrs = [c for c in verb.children if c.dep_ == "attr" and c.i > verb.i]
        if attrs and _is_role_noun(attrs[0]) and attrs[0].i - verb.i <= 6:
            a = attrs[0]
            toks = [u for u in doc[a.left_edge.i:a.right_edge.i + 1]]
            cut = next((n for n, u in enumerate(toks) if u.is_punct and u.tag_ != "HYPH" or u.lower_ in {"who", "which", "that"}
                        or u.pos_ in {"PART", "VERB", "AUX"}), len(toks))
            toks = toks[:cut]
            if 0 < len(toks) <= 12:
                return _clean(toks)
    return None


_OFFICE_VERBS = {"chair": "chair", "head": "head", "lead": "leader", "found": "founder", "edit": "editor",
                 "direct": "director", "run": "head", "manage": "manager", "own": "owner", "command": "commander",
                 "co-found": "co-founder", "cofound": "co-founder", "govern": "governor", "represent": "representative"}


def role_by_office_verb(doc, start: int, end: int) -> str | None:
    """A role given by a verb of office of which the name is the subject ("X chairs the
    committee", "X, who chaired the inquiry,") or the agent ("the magazine, edited by X"):
    "chair of the committee", "chair of the inquiry", "editor of the magazine"."""
    root = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), None)
    if root is None:
        return None
    verb, obj = None, None
    if root.dep_ == "nsubj" and root.head.i >= end:
        verb = root.head
    rel = next((c for t in doc[start:end] for c in t.children if c.dep_ == "relcl" and c.i >= end), None)
    if (verb is None or verb.lemma_.lower() not in _OFFICE_VERBS) and rel is not None \
            and any(c.dep_ == "nsubj" and c.tag_ in {"WP"} for c in rel.children):
        verb = rel  # "X, who chaired the inquiry,"
    if verb is not None and verb.lemma_.lower() in _OFFICE_VERBS and verb.pos_ == "VERB":
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    elif root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        verb = root.head.head  # "edited by X": the thing edited is what the participle modifies
        if verb.lemma_.lower() in _OFFICE_VERBS and verb.dep_ in {"acl", "relcl"}:
            obj = verb.head
    if verb is None or obj is None or obj.pos_ not in {"NOUN", "PROPN"}:
        return None
    toks = [u for u in doc[obj.left_edge.i:obj.i + 1]]
    if any(u.is_punct and u.tag_ != "HYPH" or u.pos_ in {"VERB", "PRON"} for u in toks) or len(toks) > 8:
        return None
    if toks and toks[0].lower_ not in {"the", "a", "an"} and toks[0].pos_ != "PROPN" and toks[0].tag_ != "PRP$":
        toks.insert(0, None)
    words = " ".join(u.text for u in toks if u is not None and u.tag_ != "PRP$")
    if words.split()[0].lower() in {"a", "an"}:
        words = "the " + " ".join(words.split()[1:])
    return f"{_OFFICE_VERBS[verb.lemma_.lower()]} of {words}"


def role_score(role: str, doc=None) -> float:
    """How informative a role is: an office (+2) with an affiliation — a capitalised name or
    an "of/at/for" phrase — (+2/+1) beats a bare title, a generic word or an evaluative
    description ("most anticipated witness", −3); very long phrases lose a little."""
    words = re.findall(r"[\w.'’-]+", role)
    if not words:
        return -10.0
    low = [w.lower().strip("'’") for w in words]
    score = 0.0
    if any(w in OFFICES for w in low):
        score += 2.0
    elif any(w in _SOFT_OFFICES for w in low):
        score += 1.0
    elif any(w in ROLE_NOUNS or w.rstrip("s") in ROLE_NOUNS for w in low):
        score += 0.5
    role_words = ROLE_NOUNS | TITLES | {"former", "acting", "deputy", "vice", "prime", "chief"}
    caps = [w for n, w in enumerate(words) if w[:1].isupper() and w.lower().rstrip(".") not in role_words
            and w.lower() not in role_words and not (n == 0 and w.lower() in {"former", "then", "new", "acting"})]
    if caps:
        score += 2.0
    if any(w in {"of", "at", "for", "to"} for w in low[1:]):
        score += 1.0
    if len(words) == 1:
        score -= 1.0
    if len(words) > 12:
        score -= 2.0
    if any(w in _EVALUATIVE for w in low[:3]):
        score -= 3.0
    return score


_RELATIONAL = {"predecessor", "successor", "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister",
               "friend", "colleague", "boss", "partner", "aide", "ally", "rival", "widow", "widower", "niece", "nephew"}
_ADVERBS = {"recently", "now", "also", "still", "then", "too", "again", "already", "later", "earlier", "currently",
            "previously", "formerly", "once", "here", "there", "today", "yesterday"}
_LY_NOUNS = {"ally", "family", "assembly", "supply", "daily", "weekly", "monthly", "rally", "fly", "italy", "july", "bully"}
_NOT_PLURAL = ("ss", "us", "is", "ics", "news", "'s", "’s", "series", "species")


def plausible_role(role: str, people: set[str] | frozenset = frozenset()) -> bool:
    """False for text that cannot describe one person: a plural head with no complement
    ("novelists", "cabinet ministers" — a group the person belongs to, not a role), a phrase
    ending in an adverb ("Ngātiwai recently"), a bare relational noun with no anchor
    ("predecessor"), or one naming another person of ``people`` other than as a possessor
    ("director Sir Richard Eyre", "integral member of Hori Parata"; "Mr Trump's lawyer" is fine)."""
    words = role.split()
    last = words[-1].strip(".,;:").lower()
    if last in _ADVERBS or last.endswith("ly") and last not in _LY_NOUNS and len(last) > 4:
        return False
    if len(words) == 1 and last in _RELATIONAL:
        return False
    if last.endswith("s") and not last.endswith(_NOT_PLURAL) and words[-1][:1].islower() \
            and not any(w.lower() in _PREPS for w in words):
        return False
    for name in people:
        if name in role and not re.search(re.escape(name) + r"['’]s?\b", role):
            return False
    return True


_UNIQUE_OFFICES = {"prime minister", "president", "chancellor", "first minister", "chief executive", "mayor",
                   "governor", "foreign secretary", "home secretary", "chairman", "chairwoman", "premier",
                   "taoiseach", "pope", "king", "queen", "attorney general", "secretary of state"}


def role_by_next_description(doc, spans: list[tuple[int, int]]) -> str | None:
    """The office a person holds when the sentence right after one whose main subject is that
    person (and names nobody else) has "the <office>" as its main subject: "Tony Blair has
    dismissed reports ... '...,' the prime minister told ..." → "prime minister". Only
    offices one person holds at a time (:data:`_UNIQUE_OFFICES`); used when the text gives
    the person no other role."""
    for start, end in spans:
        root = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), None)
        if root is None or root.dep_ not in {"nsubj", "nsubjpass"} or root.head.dep_ != "ROOT":
            continue
        sent = root.sent
        if any(e.label_ == "PERSON" and not start <= e.start < end for e in sent.ents):
            continue
        if sent.end >= len(doc):
            continue
        nxt = doc[sent.end].sent
        for t in nxt:
            if t.dep_ not in {"nsubj", "nsubjpass"} or t.pos_ != "NOUN":
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) or t.ent_type_:
                break
            words = [u for u in doc[t.left_edge.i:t.i + 1] if u.dep_ != "det"]
            phrase = " ".join(u.lower_ for u in words)
            if phrase in _UNIQUE_OFFICES and not any(e.label_ == "PERSON" for e in nxt.ents):
                return phrase
            break
    return None


def _full_names(doc) -> tuple:
    """PERSON entities of two or more words that are no organisation, once per doc (``doc.ents``
    walks every token: rebuilt per actor it made roles quadratic in the text)."""
    key = "briefbot.roles.full_names"
    names = doc.user_data.get(key)
    if names is None:
        names = tuple(e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and not looks_like_org(e.text))
        doc.user_data[key] = names
    return names


def find_role(doc, spans: list[tuple[int, int]]) -> str | None:
    """The role the text gives for a person mentioned at token ``spans`` [(start, end)].

    Candidates come from every mention (title before, apposition or affiliation after,
    apposition before, appointment/copula); the most informative by :func:`role_score` wins,
    the earliest on a tie. None when the text gives no role.
    """
    found: list[tuple[float, int, str]] = []
    own = {i for s, e_ in spans for i in range(s, e_)}
    people = {e.text for e in _full_names(doc) if not any(t.ent_type_ == "PERSON" and t.i in own for t in e)
              and not all(t.text in PARTY_MEMBERS for t in e)}  # "Lib Dem" tagged as a person
    for n, (start, end) in enumerate(spans):
        cands = roles_after(doc, end) + [role_before(doc, start), role_apposed_before(doc, start),
                                          role_predicated(doc, start, end), role_by_office_verb(doc, start, end)]
        for role in cands:
            if role and len(role) >= 2 and not role.isdigit() and any(c.isalpha() for c in role) \
                    and plausible_role(role, people):
                found.append((role_score(role), -n, role))
    if not found:
        return role_by_next_description(doc, spans)
    return max(found)[2]
