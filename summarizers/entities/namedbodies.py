"""Organisations the tagger misses but the text names as one: "the Vostra party", "the
Syriza movement", "a Momentum group".

spaCy's small model leaves many party and movement names untagged (or tags one mention of
several). When the text puts a capitalised name before a noun that says it is a body
(:data:`BODY_NOUNS`), after an article ("the Vostra party"), the name is an organisation in
that mention, and in every other mention of the same word the tagger left untagged ("Vostra
stepped down") — one entity for the whole document, as the text defines it.

A campaign named like a slogan is defined the same way without its noun: an article before a
capitalised word and a determiner inside the name ("the Save the Northern Harbours had done",
"the Stop the Levy said") reads only as a name. The tagger's organisations inside such a name
("the Northern Harbours") give way to it.
"""

from __future__ import annotations

from summarizers.document import tokens

BODY_NOUNS = {"party", "movement", "militia", "coalition", "alliance", "front", "faction", "union", "organisation",
              "organization", "group", "network", "charity", "foundation", "campaign"}
_RELABEL = {"NORP", "PERSON", "GPE", "LOC"}  # the small model's usual labels for such a name
_INNER = {"the", "of", "for", "and", "on", "in", "to"}
_NOT_NAMES = {"DATE", "TIME", "EVENT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW", "LANGUAGE"}


def _name_run(doc, head: int) -> tuple[int, int] | None:
    """The capitalised run right before token ``head``, after an article and at most two
    lower-case adjectives: proper nouns ("the Vostra party", "the rival Vostra party"), or a
    campaign's name that reads as a sentence ("the North West Says No campaign", "the Save Our
    Valley campaign"; capitalised words of any kind, small function words inside). None for a
    date or number ("the Christmas party")."""
    s = head
    while s - 1 >= 0 and head - s < 6:
        t = doc[s - 1]
        if t.is_title and t.is_alpha and t.pos_ in {"PROPN", "NOUN", "VERB", "ADJ", "DET", "PRON", "INTJ", "ADV"}:
            s -= 1
        elif t.lower_ in _INNER and s < head and s - 2 >= 0 and doc[s - 2].is_title:
            s -= 1
        else:
            break
    while s < head and doc[s].lower_ in _INNER:
        s += 1
    det = s - 1
    while det > 0 and s - det <= 2 and doc[det].is_lower and doc[det].pos_ == "ADJ":
        det -= 1  # "the official North West Says No campaign", "the rival Vostra party"
    if s == head or s == 0 or doc[det].lower_ not in {"the", "a", "an"}:
        return None
    if doc[s].pos_ != "PROPN" and head - s < 3 or any(doc[k].ent_type_ in _NOT_NAMES for k in range(s, head)):
        return None  # "the Labour-backed party"; "the Christmas party"
    return s, head


def _side_campaign(doc, head: int) -> tuple[int, int] | None:
    """ "the Yes campaign", "the Leave campaign": one capitalised word that is no name (a side of
    a vote) before "campaign", after an article; the name keeps its noun ("Yes campaign")."""
    if doc[head].lower_ != "campaign" or head < 2:
        return None
    side = doc[head - 1]
    if not (side.is_title and side.is_alpha and side.pos_ != "PROPN" and not side.ent_type_):
        return None
    return (head - 1, head + 1) if doc[head - 2].lower_ in {"the", "a"} else None


_SLOGAN_INNER = {"the", "our", "your", "their", "a"}


def _slogan_run(doc, i: int) -> tuple[int, int] | None:
    """ "the Save the Northern Harbours": after an article, a capitalised word, a determiner and
    capitalised words (small function words between them); None otherwise."""
    if i < 1 or i + 2 >= len(doc) or doc[i - 1].lower_ != "the" or not (doc[i].is_title and doc[i].is_alpha):
        return None
    if doc[i].ent_type_ == "PERSON" or doc[i + 1].lower_ not in _SLOGAN_INNER or doc[i].sent.start != doc[i + 2].sent.start:
        return None
    k = i + 2
    while k < len(doc) and (doc[k].is_title and doc[k].is_alpha
                            or doc[k].lower_ in _INNER and k + 1 < len(doc) and doc[k + 1].is_title and k > i + 2):
        k += 1
    return (i, k) if k > i + 2 and doc[k - 1].is_title else None


#: Capitalised heads of a body's name after a people's or creed's adjective ("the Islamic State").
TITLED_BODIES = {"state", "front", "army", "brotherhood", "movement", "league", "alliance", "guard", "jihad",
                 "congress", "party", "union", "council", "federation"}


def _titled_body(doc, i: int) -> tuple[int, int] | None:
    """ "the Islamic State", "the Muslim Brotherhood", "the National Front": after an article, a
    people's or creed's adjective the tagger labelled NORP (with capitalised words before it),
    then a capitalised head of :data:`TITLED_BODIES` the tagger left untagged; the name runs
    from the adjective to the head. None otherwise."""
    t = doc[i]
    if t.lower_ not in TITLED_BODIES or not t.is_title or t.pos_ != "PROPN" or t.ent_type_ or i < 2:
        return None
    s = i
    while s - 1 >= 0 and doc[s - 1].is_title and doc[s - 1].ent_type_ in {"NORP", ""} and doc[s - 1].pos_ in {"PROPN", "ADJ"}:
        s -= 1
    if s == i or doc[s].ent_type_ != "NORP" or s == 0 or doc[s - 1].lower_ != "the":
        return None
    return s, i + 1


def named_bodies(doc, mentions: list) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` token spans of organisation names defined by a body noun, and of
    the other mentions of those names. A span may replace a mention of the same words the
    tagger labelled a place, a people or a person (:data:`_RELABEL`), or the tagger's ORG
    mention of the name with its body noun ("Vostra party" → "Vostra"), never overlap another
    mention (``mentions``: objects with ``start``, ``end``, ``text``, ``label``)."""
    blocked: set[int] = set()
    relabel_at: dict[int, tuple[int, int]] = {}  # token → the span of the relabelable mention holding it
    for m in mentions:
        if m.label in _RELABEL:
            relabel_at.update((k, (m.start, m.end)) for k in range(m.start, m.end))
        else:
            blocked.update(range(m.start, m.end))

    def free(i: int, j: int) -> bool:  # a relabelled mention may lie inside the name ("North West" of "North West Says No")
        return not any(k in blocked for k in range(i, j)) and all(
            i <= relabel_at[k][0] and relabel_at[k][1] <= j for k in range(i, j) if k in relabel_at)

    inside_org: dict[int, tuple[int, int]] = {}  # token → the span of the ORG mention holding it
    for m in mentions:
        if m.label == "ORG":
            inside_org.update((k, (m.start, m.end)) for k in range(m.start, m.end))

    def free_slogan(i: int, j: int) -> bool:  # the tagger's organisations inside a slogan's name give way
        return all(k not in blocked or k in inside_org and i <= inside_org[k][0] and inside_org[k][1] <= j
                   for k in range(i, j))

    names: dict[tuple[str, ...], None] = {}
    slogans: set[tuple[str, ...]] = set()
    out = []
    for t in tokens(doc):
        slogan = _slogan_run(doc, t.i) if t.is_title else None
        if slogan is not None and free_slogan(*slogan):
            words = tuple(u.text for u in doc[slogan[0]:slogan[1]])
            names[words] = None
            slogans.add(words)
        titled = _titled_body(doc, t.i)
        if titled is not None and free(*titled):  # "the Islamic State", "the Muslim Brotherhood"
            names[tuple(u.text for u in doc[titled[0]:titled[1]])] = None
        if t.lower_ not in BODY_NOUNS or t.pos_ != "NOUN":
            continue
        run = _name_run(doc, t.i) or _side_campaign(doc, t.i)
        tagged = run is not None and any(m.label == "ORG" and m.start <= run[0] and m.end == t.i + 1 for m in mentions)
        if run is not None and (free(*run) or tagged):  # "the Vostra party" tagged ORG whole: "Vostra" is its name
            names[tuple(u.text for u in doc[run[0]:run[1]])] = None
            if tagged:
                out.append((run[0], run[1], " ".join(u.text for u in doc[run[0]:run[1]])))
    firsts: dict[str, list[int]] = {}
    if names:
        wanted = {w[0] for w in names}
        for t in tokens(doc):  # one pass: positions of the names' first words (linear in the text)
            if t.text in wanted:
                firsts.setdefault(t.text, []).append(t.i)
    for words in names:
        n = len(words)
        for i in firsts.get(words[0], ()):
            if tuple(u.text for u in doc[i:i + n]) != words or not (free_slogan if words in slogans else free)(i, i + n):
                continue
            if i + n < len(doc) and doc[i + n].pos_ == "PROPN" and doc[i + n].is_title:
                continue  # part of a longer name
            if i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title:
                continue
            out.append((i, i + n, " ".join(words)))
    return out
