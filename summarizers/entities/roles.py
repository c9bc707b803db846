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

from summarizers.document import doc_ents
from summarizers.entities.names import ORG_HEADS, looks_like_org

from summarizers.entities.clauseroles import role_as_office, role_by_relation, role_in_clause, role_of_list
from summarizers.entities.lederoles import role_by_lede
from summarizers.entities.rolebodies import name_the_body
from summarizers.entities.officeroles import role_by_next_description, role_by_office_verb, role_predicated
from summarizers.entities.partyroles import role_by_party
from summarizers.entities.rolecheck import plausible_role, role_score
from summarizers.entities.roleterms import (
    _APPOINT, _NAME_PREFIXES, _NUMERIC_ENTS, _QUOTE_MARKS, _TITLE_PREPS, _VERB_MODIFIERS, ABBREVIATIONS, PARTY_MEMBERS,
    _clean, _is_member, _is_role_noun, _text,
)


def _modifier_ok(t) -> bool:
    """A word that may sit inside a title before a name: nouns, adjectives, names."""
    if t.ent_type_ in _NUMERIC_ENTS and not _is_role_noun(t) and not (t.ent_type_ == "ORDINAL" and t.is_title and t.is_alpha):
        return False  # a date or number, but "First Minister", "Second Secretary" are titles
    if t.pos_ in {"ADJ", "NOUN", "PROPN"}:
        return True
    if t.pos_ == "VERB" and t.dep_ == "compound" and t.is_lower:
        return True  # a noun the tagger called a verb: "director of telecoms research Tony Lavender"
    if t.tag_ == "VBG" and t.dep_ in {"amod", "compound"} and _is_role_noun(t.head) and t.head.i == t.i + 1:
        return True  # "racing driver", "recording artist": a trade named by what it does
    if t.pos_ in {"VERB", "AUX"}:
        return t.tag_ in {"VBN", "VBG"} and (t.is_title or t.lower_ in _VERB_MODIFIERS) or t.is_title and t.tag_ == "VBZ"
    if t.is_title and t.pos_ in {"X", "NUM"} and not t.like_num:
        return True
    return t.lower_ in {"lt.", "col.", "gen.", "sen.", "rep.", "gov.", "capt.", "sgt.", "adm.", "maj."}


_COPULAS = {"be", "feel", "seem", "remain", "become", "appear"}


def _predicate_adjective(doc, i: int, start: int) -> bool:
    """True when the adjective at ``i`` is said of the sentence's subject, not of the name at
    ``start``: it follows a copula and the name is the subject of a later clause ("he was
    confident [shadow home secretary Mr Davis] would ..."; but "Among them is former minister
    Tom Hale" keeps "former")."""
    if doc[i].pos_ != "ADJ" or i == 0 or doc[i - 1].lemma_ not in _COPULAS:
        return False
    name = doc[start]
    while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
        name = name.head
    return name.dep_ in {"nsubj", "nsubjpass"} and name.head.i > name.i and name.head.i != doc[i - 1].i


def role_before(doc, start: int, bodies: frozenset[str] | set[str] = frozenset()) -> str | None:
    """A title or role phrase directly before the name at token ``start``: "Mexican President",
    "US Secretary of Homeland Security", "Biden's predecessor", or an owner that is an
    organisation ("Labour's Paul Flynn": tagged ORG/NORP, or one of ``bodies``, the names the
    entity model typed as organisations). None when there is none."""
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
        if not _modifier_ok(t) or _predicate_adjective(doc, i, start):
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
        if toks[-1].tag_ == "POS" and owner and (all(u.pos_ == "PROPN" and u.ent_type_ in {"ORG", "NORP"} for u in owner)
                                                  or _text(owner) in bodies) \
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


#: Nouns that introduce a body's name in an apposition: "an analyst at research firm Informa
#: Media believes ..." (the apposition's comma left out) keeps the firm's name in the role.
_BODY_BEFORE_NAME = {"firm", "company", "group", "bank", "consultancy", "agency", "fund", "institute", "charity",
                     "organisation", "organization", "brokerage", "broker", "publisher", "network", "union"}


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
            if k < n and k > 0 and toks[k - 1].lower_ not in _BODY_BEFORE_NAME:
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


_PARENTHOOD = {"mother", "father", "parent", "grandmother", "grandfather", "grandparent", "mum", "dad", "widow", "widower",
               "mother-of", "father-of"}


def _parenthood(head) -> bool:
    """True for an apposition that says what someone is in a family, "a mother of twins", "a
    single father of two", "a widow": who a person is when the story is about them as that."""
    words = [u for u in head if not u.is_punct]
    if not words or words[0].lower_ not in {"a", "an"}:
        return False
    return any(u.lemma_.lower() in _PARENTHOOD or u.lower_ in _PARENTHOOD for u in words[1:3])


def role_after(doc, end: int) -> str | None:
    """An apposition or affiliation directly after the name ending at token ``end`` (exclusive)."""
    roles = roles_after(doc, end)
    return roles[0] if roles else None


def roles_after(doc, end: int) -> list[str]:
    """The apposition/affiliation after the name (and an appointment inside the apposition)."""
    aged = end + 3 < len(doc) and doc[end].text == "," and doc[end + 1].tag_ == "CD" and doc[end + 2].text == ","
    end += 2 if aged else 0  # "X, 27, a close friend of ...": the age is skipped ("X, 50, of Leeds" is a home)
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
        if clause and (not head or clause[0].pos_ in {"VERB", "AUX"} and any(c.dep_ == "nsubj" and c in head for c in clause[0].children)):
            return []  # "sent to X, the men's solicitor says": the phrase is a new clause's subject
        out = []
        if aged and head and head[0].lower_ in {"of", "from"}:
            pass
        elif head and head[0].lower_ == "of":
            r = _clean(head[1:])
            if r and any(u.text[:1].isupper() for u in head[1:]):
                out.append(r)
        elif head and head[0].lower_ in {"from", "for", "at"} and len(head) <= 9 and _names_body(head[1:]):
            r = _clean(head[1:])  # "Mark Selwood, from the Public Services union," (not "from Leeds": a home)
            if r:
                out.append(r)
        elif head and (any(_is_role_noun(u) for u in head) or _is_member(head) or _parenthood(head)):
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
        names = [u for u in toks if u.is_title and u.pos_ == "PROPN" and u.ent_type_ not in _NUMERIC_ENTS]
        if names and not all(u.ent_type_ in {"GPE", "LOC"} for u in names):  # "Senator X of Texas": a home, no role
            r = _clean(toks)
            return [r] if r else []
    return []


def _names_body(toks) -> bool:
    """True for "the Public and Commercial Services union", "the Lib Dems": a name or a noun
    phrase whose last word is an organisation (no verb, no second preposition phrase), and for
    a campaign's name of capitalised words that reads as a sentence ("Parents Need Schools",
    "Fathers 4 Schools")."""
    if 2 <= len(toks) <= 5 and toks[0].pos_ in {"PROPN", "NOUN", "VERB"} \
            and all(u.is_title or u.like_num for u in toks) and not any(u.ent_type_ in {"PERSON", "GPE"} for u in toks):
        return True
    if not toks or toks[0].pos_ not in {"DET", "PROPN"} or any(u.pos_ in {"VERB", "AUX"} for u in toks):
        return False
    named = toks[1:] if toks[0].lower_ == "the" else toks
    if named and all(u.ent_type_ == "ORG" for u in named) and (named[0].ent_iob_ == "B" or toks[0].ent_type_ == "ORG"):
        return True  # one organisation's name, whatever its inner words: "the Institute for Fiscal Studies"
    if any(u.pos_ == "ADP" and u.lower_ not in {"of"} for u in toks):
        return False
    last = toks[-1]
    return last.ent_type_ == "ORG" or last.lower_ in ORG_HEADS - {"capital"} or last.text.rstrip("s") in PARTY_MEMBERS


def role_apposed_before(doc, start: int) -> str | None:
    """A role noun phrase ending in a comma right before the name: "the US envoy ..., (Sir) John Kerry"."""
    if start > 2 and doc[start - 1].lower_.rstrip(".") in _NAME_PREFIXES - {"mr", "mrs", "ms", "miss"}:
        start -= 1  # "the chairman of Migration Watch, Sir Andrew Green," (not "trust the PM, Mr Brown replied")
    elif start > 2 and doc[start - 1].lower_ == "the" and doc[start].text in {"Rt", "Right", "Rev", "Very", "Most"}:
        start -= 1  # "the Bishop of Winchester, the Rt Rev Ana Ruiz,"
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
    if i >= sent_start and doc[i].lower_ in {"another", "one"} and i == sent_start:
        return None  # "Another diplomat, former envoy X": the head role is in the title, not here
    # the phrase must be headed by a role noun (not "In exchange for sealing off the border")
    heads = [t for t in toks if t.head.i not in {u.i for u in toks}]
    if heads and not any(_is_role_noun(h) or h.pos_ == "ADP" for h in heads):
        return None
    return _clean(toks)


def _full_names(doc) -> tuple:
    """PERSON entities of two or more words that are no organisation, as (text, positions of
    their PERSON tokens, all words party members) once per doc (``doc.ents`` walks every
    token: rebuilt per actor it made roles quadratic in the text)."""
    key = "briefbot.roles.full_names"
    names = doc.user_data.get(key)
    if names is None:
        names = tuple((e.text, frozenset(t.i for t in e if t.ent_type_ == "PERSON"),
                       all(t.text in PARTY_MEMBERS for t in e))
                      for e in doc_ents(doc) if e.label_ == "PERSON" and len(e) > 1 and not looks_like_org(e.text))
        doc.user_data[key] = names
    return names


#: A role read off a verb of office ("led by X" → "leader of ...") ranks below a title the
#: text gives directly ("the president's lawyer X").
_INFERRED_PENALTY = 2.0


def find_role(doc, spans: list[tuple[int, int]], bodies: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The role the text gives for a person mentioned at token ``spans`` [(start, end)].

    Candidates come from every mention (title before, apposition or affiliation after,
    apposition before, relative clause, appointment/copula, verb of office); the most
    informative by :func:`role_score` wins, the earliest on a tie. A role must not name another
    person (a PERSON entity of two words or more that is none of ``bodies``, the names the
    entity model typed as organisations); ``bodies`` also own names ("Labour's X"). None when
    the text gives no role.
    """
    found: list[tuple[float, int, str]] = []
    own = {i for s, e_ in spans for i in range(s, e_)}
    people = {text for text, persons, party in _full_names(doc) if not persons & own
              and not party and text not in bodies}  # "Lib Dem" tagged as a person
    for n, (start, end) in enumerate(spans):
        inferred = role_by_office_verb(doc, start, end)
        cands = roles_after(doc, end) + [role_before(doc, start, bodies), role_apposed_before(doc, start),
                                          role_predicated(doc, start, end), role_in_clause(doc, end),
                                          role_as_office(doc, start, end), role_of_list(doc, start, end),
                                          role_by_relation(doc, start, end), inferred]
        for role in cands:
            if role and len(role) >= 2 and not role.isdigit() and any(c.isalpha() for c in role) \
                    and plausible_role(role, people):
                found.append((role_score(role) - (_INFERRED_PENALTY if role is inferred else 0.0), -n, role))
    if not found:  # then a description the next sentence or the lede gives, then a party ("Tory Lord X")
        return role_by_next_description(doc, spans) or role_by_lede(doc, spans) \
            or next((r for s, _ in spans if (r := role_by_party(doc, s))), None)
    best = max(found)
    return name_the_body(doc, best[2], spans[-best[1]][0], bodies)
