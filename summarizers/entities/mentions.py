"""Candidate actor mentions in a parsed article: named entities and speaking name runs.

:func:`candidates` reads spaCy's named entities (PERSON, ORG, GPE, LOC, NORP, ...) and
corrects typical small-model errors with rules: titles, honorifics, dates, tickers and
unbalanced brackets trimmed off names; a person-looking ORG ("Kurt Volker") becomes a
person when the text uses its words as a person's name elsewhere; a capitalised run that is
the subject of a reporting verb ("Rodrigo Montes de Oca ... told DW") is a person even when
the tagger missed it. :func:`descriptive_speakers` finds speakers the text describes
instead of naming ("the prime minister's official spokesman said").
"""

from __future__ import annotations

from summarizers.document import Document, doc_ents, tokens
from summarizers.entities.names import (
    HONORIFICS, ORG_HEADS, SPEECH_VERBS, TITLES, is_clipped_form, looks_like_org, name_tokens,
)
from summarizers.entities.attributedruns import attributed_runs
from summarizers.entities.genericbodies import is_previous_subject_body
from summarizers.entities.namedbodies import named_bodies
from summarizers.entities.roleterms import ROLE_NOUNS
from summarizers.entities.spans import (  # noqa: F401  (Mention, trim, proper_run, PLACE_ALIASES are read from here too)
    _ABBREV_TITLES, _PARTY_WORDS, _REGION_WORDS, PLACE_ALIASES, Mention, _collective, _entity_at, _extend_person,
    _hyphenated_start, _merge_adjacent, _peer_designation, _positions, proper_run, trim,
)

_BODY_VOICES = {"spokesman", "spokeswoman", "spokesperson", "source", "sources", "official", "officials", "aide",
                "aides", "representative", "insider", "insiders"}


def _body_tokens(voice) -> list[int]:
    """Tokens naming the body a spokesperson or source speaks for: a capitalised modifier
    ("a Labour source") or the object of "for/of/at" ("a spokesman for the Harbour Trust")."""
    out = [c.i for c in voice.children if c.dep_ in {"compound", "poss", "nmod", "amod"} and c.text[:1].isupper()]
    for p in voice.children:
        if p.dep_ == "prep" and p.lower_ in {"for", "of", "at"}:
            out.extend(g.i for g in p.children if g.dep_ == "pobj")
    return out


def speech_subjects(doc) -> list[int]:
    """Token indices of the subjects of reporting verbs ("Abed said", "said Hill"), in text order
    (a new list; found in one scan per doc, kept in ``doc.user_data``: three passes ask for them)."""
    key = "briefbot.mentions.speech_subjects"
    if key not in doc.user_data:
        doc.user_data[key] = tuple(_speech_subjects(doc))
    return list(doc.user_data[key])


def _speech_subjects(doc) -> list[int]:
    out = []
    for t in tokens(doc):
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in SPEECH_VERBS:
            for c in t.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    out.append(c.i)
                    if c.lower_ in _BODY_VOICES:  # "a spokesman for X said": X speaks through them
                        out.extend(_body_tokens(c))
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            for c in doc[t.i + 1].children:
                if c.dep_ == "pobj":
                    out.append(c.i)
    return out


def _alone_elsewhere(doc, start: int, end: int) -> bool:
    """True when the last word of the name at [start, end) occurs outside it without the name's
    first word before it ("Volker said" beside "Kurt Volker"): "General Electric ... declared"
    gives its own subject no evidence."""
    last, first = doc[end - 1].text, doc[start].text
    return any(not start <= k < end and (k == 0 or doc[k - 1].text != first) for k in _positions(doc).get(last, ()))


def _strong_speaker(doc, i: int) -> bool:
    """True when token ``i`` is the subject of a verb that really reports speech ("said", not "agreed")."""
    from summarizers.entities.names import STRONG_SPEECH

    head = doc[i].head
    return head.lemma_.lower() in STRONG_SPEECH - {"agree", "describe", "call"} or any(
        doc[j].lemma_.lower() in STRONG_SPEECH for j in range(i + 1, min(len(doc), i + 4)))


def _name_like_subject(doc, i: int) -> bool:
    """A speaking subject that may be a person's name: capitalised, not an acronym, not a
    place, and not an organisation taking an article ("The United Nations said")."""
    t = doc[i]
    if not t.text[:1].isupper() or t.text.isupper() or t.ent_type_ in {"GPE", "NORP", "LOC", "FAC"}:
        return False
    ent = _entity_at(doc, i)
    start = ent.start if ent is not None else i
    return not (start > 0 and doc[start - 1].lower_ == "the" or ent is not None and ent[0].lower_ == "the")


def _person_evidence(doc) -> set[str]:
    """Words the text uses as person names: in PERSON entities and after Mr/Ms/Dr."""
    words = set()
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            words.update(t.text for t in ent if t.text[:1].isupper())
    for t in tokens(doc)[:-1]:
        if t.lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov"} and doc[t.i + 1].text[:1].isupper():
            words.add(doc[t.i + 1].text)
    return words


def _apposed_names(doc) -> list[tuple[int, int]]:
    """Token spans of capitalised names of two or more words in apposition with a singular
    office or role noun: "the housing minister, Ana Costa," / "Ana Costa, the housing
    minister,". Such a name is a person whatever the tagger said."""
    out = []
    for t in tokens(doc):
        if t.pos_ != "PROPN" or not t.is_title:
            continue
        if not (t.dep_ == "appos" and _is_office(t.head) or any(c.dep_ == "appos" and _is_office(c) for c in t.children)):
            continue
        run = proper_run(doc, t.i)
        if not run:
            continue
        s, e = trim(doc, run[0], run[1], "PERSON")
        if e - s < 2 or not s <= t.i < e or looks_like_org(doc[s:e].text) \
                or any(doc[k].ent_type_ in {"GPE", "NORP", "LOC"} or doc[k].lower_ in ROLE_NOUNS
                       or doc[k].lower_ in TITLES for k in range(s, e)):  # "the First Minister" is an office
            continue
        if (s, e) not in out:
            out.append((s, e))
    return out


def _is_office(t) -> bool:
    return t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() in ROLE_NOUNS


_BODY_HEADS = ORG_HEADS | {"executive"}


def _national_body(doc, start: int, end: int) -> int | None:
    """End of "the <NORP> <Capitalised words> <body head>" ("the Scottish Executive", "the
    French Foreign Ministry") after a NORP adjective at [start, end), or None. "Executive" is an
    office in "chief executive Ana Ruiz" but a body when capitalised after a nationality and
    not followed by a name."""
    if start == 0 or doc[start - 1].lower_ != "the":
        return None
    k = end
    while k < len(doc) and k - end < 4 and doc[k].is_title and doc[k].pos_ in {"PROPN", "NOUN", "ADJ"} \
            and doc[k].ent_type_ in {"", "ORG"}:
        k += 1
    if k == end or doc[k - 1].lower_ not in _BODY_HEADS or k < len(doc) and doc[k].pos_ == "PROPN":
        return None
    return k


def _joinable(t) -> bool:
    """A word that may open an organisation name the tagger cut after "X and": an untagged
    capitalised word, or a one-word ORG the tagger split off ("Public"), not "United Nations"."""
    doc = t.doc
    alone = t.ent_type_ == "ORG" and t.ent_iob_ == "B" and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I")
    return t.is_title and t.pos_ in {"PROPN", "ADJ"} and not t.text.isupper() and (not t.ent_type_ or alone) \
        and t.lower_ not in ORG_HEADS


def candidates(document: Document) -> list[Mention]:
    doc = document.doc
    mentions: list[Mention] = []
    covered: set[int] = set()
    evidence = _person_evidence(doc) | {doc[i].text for i in speech_subjects(doc) if _name_like_subject(doc, i)}
    evidence_orgs = {t.text for e in doc_ents(doc) if e.label_ in {"GPE", "LOC", "NORP"} for t in e}
    evidence -= evidence_orgs
    for ent in doc_ents(doc):
        label, first = ent.label_, ent.start
        if label == "DATE":  # "in January - Richard Roe and ...": a name the tagger glued to a date after a dash
            dash = next((k for k in range(ent.start + 1, ent.end - 2) if doc[k].text in {"-", "–", "—"}), None)
            if dash is not None and all(doc[j].pos_ == "PROPN" and doc[j].is_title for j in range(dash + 1, ent.end)):
                label, first = "PERSON", dash + 1
        if label not in {"PERSON", "ORG", "GPE", "LOC", "NORP", "WORK_OF_ART", "FAC", "PRODUCT"}:
            continue
        start, end = trim(doc, first, ent.end, label)
        if start >= end or all(k in covered for k in range(start, end)):
            continue  # empty, or inside a name already taken ("Gaming" of "... on Betting and Gaming")
        if label == "ORG" and any(doc[k].lower_ in {"on", "for", "of"} for k in range(start + 1, end)):
            # "Parliamentary Group on Betting" + "and Gaming", "Department for Culture, Media and Sport"
            while end + 1 < len(doc) and doc[end].lower_ in {"and", "&", ","} and doc[end + 1].is_title \
                    and doc[end + 1].pos_ == "PROPN" and doc[end + 1].ent_type_ != "PERSON":
                end += 2
        if label == "ORG" and doc[ent.end - 1].lower_ in ORG_HEADS:
            # "the Public and Commercial Services Union" tagged from "Commercial" (and "Public" alone): one name
            k = start
            while k >= 3 and doc[k - 1].lower_ in {"and", "&"} and _joinable(doc[k - 2]):
                k -= 2
                while k >= 2 and _joinable(doc[k - 1]):
                    k -= 1
            if k < start and doc[k - 1].lower_ == "the":
                mentions = [m for m in mentions if not (k <= m.start and m.end <= start)]
                covered.difference_update(range(k, start))
                start = k
        if label in {"ORG", "NORP"}:  # "the Liberal Democrats" tagged "Democrats": the name starts after "the"
            k = start
            while k > 0 and doc[k - 1].is_title and doc[k - 1].pos_ in {"PROPN", "ADJ"} and not doc[k - 1].ent_type_:
                k -= 1
            if k < start and k > 0 and doc[k - 1].lower_ == "the":
                start = k
        if label == "PERSON":  # "Teresa Alvarado" + "Munoz" split by the tagger: one name
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].lower_ not in ORG_HEADS:
                end += 1
            while end - start > 1 and doc[start].lower_ in HONORIFICS:
                start += 1  # "Said Mr" tagged, "Fogg" joined: the honorific is no part of the name
            start = _hyphenated_start(doc, start)
            while end - start > 2 and doc[start].is_title and doc[start].lower_ in ROLE_NOUNS:
                start += 1  # "Superintendent Jennifer McCormick"
            start, end = _extend_person(doc, start, end)
        span = doc[start:end]
        text = span.text.strip()
        if not text[:1].isupper() or not any(c.isalpha() for c in text):
            continue
        if label == "PERSON":
            typ = "organization" if looks_like_org(text) or all(t.lower_ in _PARTY_WORDS for t in span) else "person"
        elif label == "ORG":
            typ = "organization"
            toks = name_tokens(text)
            if len(toks) >= 2 and not looks_like_org(text) and not text.isupper() and all(w[:1].isupper() for w in toks) \
                    and toks[-1] in evidence and toks[0] not in evidence_orgs and _alone_elsewhere(doc, start, end) \
                    and not _collective(doc, Mention(start, end, text, typ, label)):
                typ = "person"  # "Kurt Volker" tagged ORG, "Volker said" / "Mr Volker" elsewhere
        elif label in {"GPE", "LOC"}:
            typ = "place"
        elif label == "NORP":
            last = span[-1]
            body = _national_body(doc, start, end)
            if body:  # "the Scottish Executive", "the Welsh Assembly": a body, not a people
                end = body
                span, text, typ = doc[start:end], doc[start:end].text.strip(), "organization"
            elif not (last.tag_ in {"NNPS", "NNS"} or last.pos_ in {"NOUN", "PROPN"} and last.text.endswith("s")):
                continue
            else:
                typ = "group"
        else:
            typ = "other"
        mentions.append(Mention(start, end, text, typ, label))
        covered.update(range(start, end))
    # names in apposition with an office: "the housing minister, Ana Costa," (tagged ORG "Costa")
    for s, e in _apposed_names(doc):
        overlapping = [m for m in mentions if m.start < e and s < m.end]
        if any(m.type == "person" or m.start < s or m.end > e for m in overlapping):
            continue
        mentions = [m for m in mentions if m not in overlapping]
        mentions.append(Mention(s, e, doc[s:e].text, "person", "APPOS"))
        covered.update(range(s, e))
    # parties and movements the text defines as one ("the Vostra party"), wherever named
    bodies = named_bodies(doc, mentions)
    if bodies:
        replaced = {k for s, e, _ in bodies for k in range(s, e)}
        mentions = [m for m in mentions if not any(k in replaced for k in range(m.start, m.end))]
        mentions += [Mention(s, e, name, "organization", "NAMED_BODY") for s, e, name in bodies]
        covered.update(replaced)
    # subjects of reporting verbs that NER missed or mislabelled
    for i in speech_subjects(doc) + attributed_runs(doc):
        run = proper_run(doc, i)
        if not run:
            continue
        s, e = run
        s, e = trim(doc, s, e, "PERSON")
        s = _hyphenated_start(doc, s) if s < e else s
        if s >= e:
            continue
        if doc[e - 1].lower_ in ROLE_NOUNS or doc[e - 1].lemma_.lower() in ROLE_NOUNS:
            continue  # an office, not a name: "the United Nations High Commissioner ... said"
        if any(j in covered for j in range(s, e)):
            # a speaking "place" of two or more words is a person the tagger got wrong
            for m in mentions:
                if m.start <= s and e <= m.end and m.type in {"place", "organization"} and m.label != "GPE" \
                        and not _REGION_WORDS & {t.lower_ for t in doc[m.start:m.end]} and m.end - m.start >= 2 \
                        and not looks_like_org(m.text) and not m.text.isupper() and m.text.lower() not in PLACE_ALIASES \
                        and not (m.start > 0 and doc[m.start - 1].lower_ == "the") and _strong_speaker(doc, i) \
                        and not _collective(doc, m):
                    m.type = "person"
                # a speaking person the tagger cut short: "Lt. Col. Petter Aasen" tagged "Aasen"
                if m.type == "person" and s <= m.start and m.end <= e and (s, e) != (m.start, m.end):
                    s2 = s
                    for j in range(s, m.start):  # titles, places and parties stay out of the name
                        low = doc[j].lower_.rstrip(".")
                        if low in TITLES or low in HONORIFICS or low in ROLE_NOUNS or low in _ABBREV_TITLES \
                                or not doc[j].is_alpha or doc[j].ent_type_ in {"GPE", "NORP", "ORG", "LOC"}:
                            s2 = j + 1
                    if not looks_like_org(doc[s2:e].text) and not any(j in covered for j in range(s2, m.start)) \
                            and not any(j in covered for j in range(m.end, e)):
                        m.start, m.end, m.text = s2, e, doc[s2:e].text
                        covered.update(range(s2, e))
            continue
        e = _peer_designation(doc, s, e)
        text = doc[s:e].text
        typ = "organization" if looks_like_org(text) or _collective(doc, Mention(s, e, text, "person", "SUBJ")) else "person"
        titled = s > 0 and doc[s - 1].lower_.rstrip(".") in TITLES | HONORIFICS and doc[s - 1].is_title
        if typ == "person" and e - s < 2 and not titled:
            continue  # a lone capitalised word is too weak to call a person ("Cardinal O'Connor said" is one)
        mentions.append(Mention(s, e, text, typ, "SUBJ"))
        covered.update(range(s, e))
    # full names the tagger missed whose last word the text uses as a person's name elsewhere
    # ("Ana Ruiz visited the port ... Ms Ruiz said"): the document decides the type
    for t in tokens(doc):
        if t.i in covered or t.text not in evidence or t.pos_ != "PROPN":
            continue
        run = proper_run(doc, t.i)
        if not run or run[1] != t.i + 1:
            continue
        s, e = trim(doc, run[0], run[1], "PERSON")
        s = _hyphenated_start(doc, s)
        if not 2 <= e - s <= 6 or any(j in covered for j in range(s, e)):
            continue
        text = doc[s:e].text
        if looks_like_org(text) or any(u.ent_type_ in {"GPE", "LOC", "NORP", "ORG", "FAC"} or u.lower_ in ROLE_NOUNS
                                       or u.text.isupper() for u in doc[s:e]):
            continue
        mentions.append(Mention(s, e, text, "person", "EVID"))
        covered.update(range(s, e))
    mentions.sort(key=lambda m: m.start)
    _retype_clipped_bodies(doc, mentions)
    return _merge_adjacent(doc, mentions)


def _retype_clipped_bodies(doc, mentions: list[Mention]) -> None:
    """A "person" whose name clips a body's name the text also uses is that body: "The Lib Dems
    accuse Mr Blair ..." beside "the Liberal Democrats" (tagged a person, or found as a speaking
    subject). Not after an honorific ("Mr Lib Dem" would be a person)."""
    bodies = [name_tokens(m.text) for m in mentions if m.type in {"organization", "group"}]
    for m in mentions:
        if m.type == "person" and not (m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in HONORIFICS) \
                and any(is_clipped_form(name_tokens(m.text), b) for b in bodies):
            m.type = "organization"


SPOKESPERSONS = {"spokesman", "spokeswoman", "spokesperson"}
_SPECIFIC_OWNERS = {"government", "police", "army", "military", "navy", "palace", "treasury", "defence", "defense",
                    "cabinet", "presidential", "royal"}  # "a government spokeswoman": one institution of the country


def descriptive_speakers(doc) -> list[Mention]:
    """Speakers the text describes instead of naming, when the description is specific.

    A mention is returned for a noun phrase headed by spokesman/spokeswoman/spokesperson
    that is the subject of a reporting verb and says whose spokesperson it is — a possessive
    ("the prime minister's official spokesman said"), a modifier ("a government
    spokeswoman told", "a Downing Street spokesman said") or a "for/of" phrase ("a spokesman
    for the ministry said"). Its text, without the article, becomes the actor's name.
    Vague subjects ("officials said", "a spokesman said", "critics argue") are not
    returned: their quotations stay without a speaker (never guessed). A description
    followed by the person's name ("the ministry's spokesman, Ana Ruiz, said") is left to
    the name.
    """
    from summarizers.entities.names import STRONG_SPEECH

    out: list[Mention] = []
    for t in tokens(doc):
        if t.lower_ not in SPOKESPERSONS or t.dep_ != "nsubj" or t.head.lemma_.lower() not in STRONG_SPEECH:
            continue
        if any(c.dep_ == "appos" for c in t.children) or t.i + 2 < len(doc) and doc[t.i + 1].text == "," \
                and doc[t.i + 2].ent_type_ == "PERSON":
            continue
        # an owner that says whose spokesperson: not a pronoun ("his spokesman" — whose is
        # the pronoun's referent, unresolved here) nor a bare common noun ("an agency spokesman")
        owner = [c for c in t.children if (c.dep_ in {"poss", "compound", "nmod"} or c.dep_ == "amod" and c.text[:1].isupper())
                 and c.pos_ != "PRON" and not (c.dep_ in {"compound", "nmod"} and c.pos_ == "NOUN" and c.text.islower()
                                                and c.lower_ not in _SPECIFIC_OWNERS and not any(g.dep_ in {"poss", "compound"} for g in c.children))]
        pp = [c for c in t.children if c.dep_ == "prep" and c.lower_ in {"for", "of"} and any(g.dep_ == "pobj" for g in c.children)]
        if not owner and not pp:
            continue
        bodies = owner + [g for c in pp for g in c.children if g.dep_ == "pobj"]
        if any(b.ent_type_ in {"ORG", "NORP", "FAC"} or b.pos_ == "PROPN" and b.ent_type_ != "PERSON" for b in bodies) \
                or is_previous_subject_body(doc, t, bodies):
            continue  # the named body speaks: "a spokesman for the Harbour Trust", "X said ... a spokesman for the company"
        start = t.left_edge.i
        end = (max(c.right_edge.i for c in pp) + 1) if pp else t.i + 1
        while start < t.i and (doc[start].pos_ == "DET" and doc[start].tag_ != "PRP$" or doc[start].is_punct):
            start += 1
        if start >= end or any(doc[k].text in {'"', "“", "”"} for k in range(start, end)):
            continue
        out.append(Mention(start, end, doc[start:end].text, "person", "DESC"))
    return out
