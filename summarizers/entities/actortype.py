"""Type vote: an actor's type decided from the evidence of all its mentions.

spaCy's small English model types each entity on its own, and it often calls companies
people ("Facebook", "Twitter") or places ("Verizon", "Alibaba"), and regions organisations.
:func:`vote` looks at every mention of one name together and at the words around them:

* the NER label of each mention (a majority vote: PERSON, ORG, GPE/LOC);
* organisation cues: a noun naming a kind of body right before the name ("the website Full
  Fact") or in an apposition after it ("Ovum, a research firm"), counted twice, a possessive followed by a company noun ("Facebook's users/shares/
  platform"), a company suffix after the name ("Inc", "Corp"), the name modifying an
  institution noun ("Walter Reed hospital", "Hoa Lo prison", counted twice), a platform preposition ("on Twitter"), the
  subject or object of acquiring ("Verizon acquired", "bought Yahoo"), "shares in/of X";
* person cues: a first name in any form, an honorific, title or human role right before a
  mention ("Mr", "President", "chairman");
* place cues: "in/from/into/across X" and GPE/LOC labels.

The rules follow the idea of one sense per discourse (Gale, Church & Yarowsky, 1992) and of
label voting over coreferent mentions used in document-level NER: a name keeps one type
in one article. Input and output are plain values (:class:`TypeEvidence`, a type string);
no function here raises on text.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizers.entities.names import HONORIFICS, PEERAGE, TITLES
from summarizers.entities.orgroles import DESCRIPTORS
from summarizers.entities.roleterms import ROLE_NOUNS

# Nouns after "X's" that only a company or platform has ("Facebook's users").
COMPANY_NOUNS = {
    "users", "user", "shares", "share", "stock", "platform", "platforms", "app", "apps", "website", "site", "customers",
    "subscribers", "shareholders", "investors", "employees", "products", "product", "revenue", "revenues", "profits",
    "profit", "sales", "earnings", "ads", "advertisers", "advertising", "algorithm", "algorithms", "servers", "software",
    "ceo", "founder", "co-founder", "headquarters", "subsidiary", "stake", "brand", "acquisition", "takeover", "bid",
    "chief", "board", "shareholder", "services", "executives", "executive", "boss", "chairman", "accounts", "offices",
    "tracking", "data", "privacy", "terms", "pixel", "buttons", "button", "engineers", "assets", "valuation", "merger",
    "account", "director", "directors", "staff",
}
# Kinds of body a descriptor before the name states ("the fact-checking website Full Fact").
_KIND_NOUNS = (DESCRIPTORS - {"team", "club", "analysts", "consultants", "pollsters", "campaign", "business"}) | {
    "platform", "site", "outlet", "magazine", "startup", "start-up"}
# Nouns that make "X's <noun>" or "X <noun>" human or national, never company evidence.
_SUFFIXES = {"inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc", "co", "co.", "group", "holdings", "ag", "sa"}
_PLATFORM_PREPS = {"on", "via"}
#: Nouns whose "of X" names a place ("the constituency of X", "the town of X").
_PLACE_NOUNS = {"constituency", "city", "town", "village", "county", "borough", "district", "region", "province",
                "suburb", "island", "ward", "port", "capital", "state", "republic", "kingdom"}
_PLACE_PREPS = {"in", "from", "into", "across", "throughout", "near", "outside", "inside"}
_ACQUIRE = {"acquire", "buy", "purchase", "sell", "merge", "list", "invest", "launch", "own"}
# Nouns a name modifies when it names an institution or estate ("Walter Reed hospital"); not
# "administration" or "government" ("the Obama administration" is about a person).
INSTITUTION_NOUNS = {"hospital", "clinic", "university", "college", "school", "museum", "library", "church", "institute",
                     "center", "centre", "airport", "stadium", "house", "estate", "residence", "foundation", "bank",
                     "prison", "jail", "hotel"}
# Last words that make a "name" a product, an index or a column, not an actor.
PRODUCT_HEADS = {"browser", "app", "composite", "index", "checker", "iphone", "ipad", "phone", "software", "console"}
# First words that make a "person" a team or organisation ("Team GB").
ORG_LEADS = {"team", "club"}


@dataclass
class TypeEvidence:
    """Counts of evidence for each type over all mentions of one name."""

    person: int = 0
    organization: int = 0
    place: int = 0
    person_strong: bool = False  # an honorific, title or human role before a mention
    seat: int = 0  # mentions a place noun owns ("the constituency of X") or set in a place ("X, in London,")
    labels: dict[str, int] | None = None


def _label_type(label: str) -> str | None:
    return {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "organization"}.get(label)


def evidence(doc, spans: list[tuple[int, int, str]]) -> TypeEvidence:
    """Evidence over mentions given as (start, end, NER label) token spans of ``doc``."""
    ev = TypeEvidence(labels={})
    for s, e, label in spans:
        t = _label_type(label)
        if t:
            ev.labels[t] = ev.labels.get(t, 0) + 1
        prev = doc[s - 1] if s > 0 else None
        nxt = doc[e] if e < len(doc) else None
        after = doc[e + 1] if e + 1 < len(doc) else None
        if prev is not None:
            low = prev.lower_.rstrip(".")
            if prev.lower_ in HONORIFICS or low in {h.rstrip(".") for h in HONORIFICS} or prev.lower_ in PEERAGE \
                    or (prev.lower_ in TITLES or prev.lower_ in ROLE_NOUNS) and prev.lower_ not in {"state", "foreign", "former", "general"}:
                ev.person_strong = True
            if prev.lower_ in _PLATFORM_PREPS:
                ev.organization += 1
            if prev.lower_ == "the" and e - s == 1 and label == "PERSON" and doc[s].dep_ not in {"compound", "amod", "nmod"}:
                ev.organization += 1  # "The Telegraph was sued": no person's name takes "the" (but "the Obama plan")
            if prev.is_lower and prev.pos_ == "NOUN" and prev.lower_ in _KIND_NOUNS and not (label == "PERSON" and e - s >= 3):
                ev.organization += 2  # the text says what kind of body it is (not of "union Unison Dave Prentis")
            if prev.lower_ in _PLACE_PREPS and not (nxt is not None and nxt.lower_ in _SUFFIXES and nxt.text[:1].isupper()):
                ev.place += 1  # not "stakes in Alibaba Group": a company's suffix follows
            if prev.lower_ == "of" and s > 1 and doc[s - 2].lower_ in _PLACE_NOUNS:
                ev.seat += 1  # "the constituency of Harbour Green", "the town of Kestrel Bay"
            if prev.lower_ in {"of", "in"} and s > 1 and doc[s - 2].lower_ in {"shares", "stake", "stock"}:
                ev.organization += 1
            if prev.lemma_.lower() in _ACQUIRE and prev.pos_ == "VERB":
                ev.organization += 1
        if nxt is not None and nxt.text == "," and after is not None and after.lower_ == "in" and e + 2 < len(doc) \
                and doc[e + 2].ent_type_ == "GPE" and e + 3 < len(doc) and doc[e + 3].text == ",":
            ev.seat += 1  # "contest Harbour Green, in London,": a place set in a place
        if nxt is not None and nxt.text == "," and after is not None and after.lower_ in {"a", "an", "the"}:
            for t in doc[e + 2:min(len(doc), e + 7)]:
                if t.is_punct or t.pos_ in {"VERB", "AUX", "ADP"}:
                    break
                if t.is_lower and t.pos_ == "NOUN" and t.lower_ in _KIND_NOUNS:
                    ev.organization += 2  # "Ovum, a research firm,": the apposition says what it is
                    break
        if nxt is not None:
            if nxt.tag_ == "POS" and after is not None and after.lower_ in COMPANY_NOUNS:
                ev.organization += 1
            elif nxt.lower_ in _SUFFIXES and nxt.text[:1].isupper():
                ev.organization += 1
            elif nxt.is_lower and nxt.lower_ in INSTITUTION_NOUNS and nxt.pos_ == "NOUN":
                ev.organization += 2  # "Walter Reed hospital", "Hoa Lo prison": the noun says what it is
            elif nxt.is_lower and nxt.lower_ in COMPANY_NOUNS and nxt.pos_ == "NOUN":
                ev.organization += 1  # "Yahoo shares", "Twitter users"
        head = doc[e - 1]
        if head.dep_ in {"nsubj", "dobj"} and head.head.lemma_.lower() in _ACQUIRE and head.head.pos_ == "VERB":
            ev.organization += 1
    return ev


def vote_single(doc, ev: TypeEvidence, current: str) -> str:
    """The type of a one-word name (no first name anywhere) from its evidence.

    A "person" with no honorific, title or role before it and with organisation cues at
    least as many as place cues is an organisation; a "place" with organisation cues and none of a place is an organisation;
    an "organisation" that NER mostly calls a place, or that follows "in", is a place.
    """
    labels = ev.labels or {}
    if current == "person":
        if ev.person_strong:
            return "person"
        if ev.organization >= 1 and ev.organization + labels.get("organization", 0) >= ev.place:
            return "organization"  # no person cue at all: a company cue beats an even place cue ("across Twitter")
        if labels.get("place", 0) > labels.get("person", 0) and ev.place >= 1:
            return "place"
        return "person"
    if current == "place":
        if ev.organization >= 1 and ev.place == 0 and ev.organization + labels.get("organization", 0) > labels.get("place", 0) - 1:
            return "organization"
        return "place"
    if current == "organization":
        if labels.get("place", 0) > labels.get("organization", 0) and ev.organization == 0:
            return "place"
        if ev.place >= 1 and ev.organization == 0 and labels.get("place", 0) >= 1:
            return "place"
    return current


def vote_full_name(ev: TypeEvidence, mentions: int) -> str:
    """The type of a several-word "person" (whose first word may not be a first name:
    "Standard Chartered", "Time Warner"): an organisation when organisation cues occur at
    least twice and in at least a third of its mentions and no title or honorific ever
    precedes it; a place when place cues (:attr:`TypeEvidence.seat`) occur at least twice and
    in half its mentions, with no organisation cue and no title; otherwise a person."""
    if not ev.person_strong and ev.organization >= 2 and 3 * ev.organization >= mentions:
        return "organization"
    if not ev.person_strong and ev.seat >= 2 and 2 * ev.seat >= mentions and not ev.organization:
        return "place"
    return "person"


def name_kind(tokens: list[str]) -> str | None:
    """"other" for a product or index name ("Tor Browser", "Nasdaq Composite"), "organization"
    for a team ("Team GB"); None when the words say nothing."""
    if not tokens:
        return None
    if len(tokens) >= 2 and tokens[-1].lower() in PRODUCT_HEADS:
        return "other"
    if len(tokens) >= 2 and tokens[0].lower() in ORG_LEADS:
        return "organization"
    return None
