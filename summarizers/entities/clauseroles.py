"""Roles given by a relative clause or a descriptive apposition after a name.

Read by :func:`summarizers.entities.roles.find_role`. The clause is the comma-delimited
stretch right after the name, when it opens with a relative pronoun ("who", "whom") or a
generic person noun ("the man", "a woman"):

* a function named by "as": "Ronny Park, who was then serving as the mayor's physician," →
  "mayor's physician" (serve, work, act, sit, remain, return, join + "as");
* a copula: "Ana Ruiz, who is the party's chief whip," → "party's chief whip";
* a charge: "Tom Berg, the man put in charge of election planning by ..." and "Tom Berg, whom
  the mayor put in charge of the budget," → "in charge of election planning";
* a list after a plural title or status: "cabinet ministers Ana Ruiz and Tomas Berg" → "cabinet
  minister", "the freed Guantanamo detainees A and B" → "freed Guantanamo detainee" for each
  (the head in its singular form, the one word not verbatim), and a plural person noun with a
  participle phrase set off before a list: "two men released in March - A and B -" → "man
  released in March";
* a relation: "Tom Berg arrived with his wife Marta" → "Tom Berg's wife", "He asked Berg about
  his predecessor, Ana Ruiz," → "Berg's predecessor", when exactly one other person is named
  before it in the sentence (or, if none, in the previous sentence);
* an office left, kept or given "as": "Ana Ruiz resigned as party chair", "the mayor appointed
  Ana Ruiz as her chief of staff", "Mr Lowe said he would stand down as mayor" (a he/she subject of a clause reported by the name, in a sentence naming no
  one else) → "party chair", "mayor".

Surface patterns over the clause's tokens, because the small spaCy model often parses a
reduced relative ("the man put in charge of ...") as the sentence's main clause. A role must
contain a role noun (:data:`~summarizers.entities.roleterms.ROLE_NOUNS`), except "in charge of
X", which is a role by its words. Text is a verbatim slice of the article.
"""

from __future__ import annotations

from summarizers.document import span_ents
from summarizers.entities.roleterms import _APPOINT, _QUOTE_MARKS, _clean, _is_role_noun, _text

_PERSON_NOUNS = {"man", "woman", "person", "one", "official", "figure"}
_AS_VERBS = {"serve", "work", "act", "sit", "remain", "return", "join", "stay", "continue", "operate"}
_STOPS = {",", ";", ":", "(", ")", "—", "–"} | _QUOTE_MARKS
_FILLERS = {"then", "now", "also", "still", "currently", "previously", "once", "formerly", "later"}


def _clause(doc, end: int) -> list:
    """The comma-delimited tokens after the name ending at ``end`` when they open a relative
    clause or a generic person apposition; [] otherwise."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return []
    sent_end = doc[end - 1].sent.end
    toks = []
    for u in doc[end + 1:min(sent_end, end + 30)]:
        if u.text in _STOPS or u.is_space or u.text in {".", "!", "?"} and u.i + 1 >= sent_end:
            break
        toks.append(u)
    if len(toks) < 3:
        return []
    first = toks[0].lower_
    if first in {"who", "whom"} or first in {"the", "a", "an"} and toks[1].lower_ in _PERSON_NOUNS:
        return toks
    return []


def _np_after(toks) -> list:
    """The noun phrase opening ``toks``: up to a verb, a clause word or a new preposition
    phrase of time/manner ("since", "when", "until", "in place of", "by")."""
    out = []
    for n, u in enumerate(toks):
        if u.pos_ in {"VERB", "AUX"} and not (u.tag_ in {"VBN", "VBG"} and u.dep_ in {"amod", "compound"}) \
                or u.lower_ in {"who", "which", "that", "when", "since", "until", "after", "before", "by", "because"}:
            break
        if u.lower_ == "in" and n + 1 < len(toks) and toks[n + 1].lower_ in {"place", "charge", "order"}:
            break
        out.append(u)
    return out


def _in_charge(toks) -> str | None:
    for n in range(len(toks) - 3):
        if [t.lower_ for t in toks[n:n + 3]] == ["in", "charge", "of"]:
            np = _np_after(toks[n + 3:])
            while np and np[-1].pos_ in {"ADP", "DET", "CCONJ", "PUNCT"}:
                np = np[:-1]
            if 0 < len(np) <= 6:
                return _text(toks[n:n + 3] + np)
    return None


def _as_function(toks) -> str | None:
    for n, u in enumerate(toks[:-2]):
        if u.lemma_.lower() in _AS_VERBS and u.pos_ in {"VERB", "AUX"} and toks[n + 1].lower_ == "as":
            np = _np_after(toks[n + 2:])
            if np and any(_is_role_noun(t) for t in np) and len(np) <= 12:
                return _clean(np)
    return None


def _copula(toks) -> str | None:
    if toks[0].lower_ != "who" or toks[1].lemma_.lower() != "be":
        return None
    rest = [t for t in toks[2:]]
    while rest and rest[0].lower_ in _FILLERS:
        rest = rest[1:]
    if not rest or rest[0].lower_ not in {"the", "a", "an"} and rest[0].tag_ != "PRP$":
        return None
    np = _np_after(rest)
    if np and any(_is_role_noun(t) for t in np[:5]) and len(np) <= 12:
        return _clean(np)
    return None


def role_in_clause(doc, end: int) -> str | None:
    """The role a relative clause or a "the man ..." apposition after the name ending at token
    ``end`` (exclusive) gives (see the module docstring), or None."""
    toks = _clause(doc, end)
    if not toks:
        return None
    return _as_function(toks) or _copula(toks) or _in_charge(toks)


# Verbs that say the office is held now ("resigned as", "remains as"); not "return/join as"
# ("may return as a minister" is a guess about the future).
_OFFICE_AS_VERBS = {"serve", "work", "act", "sit", "remain", "stay", "continue", "stand", "step", "resign", "quit", "retire"}
_HYPOTHETICAL = {"may", "might", "could", "should"}


def _as_object(verb) -> str | None:
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "prt":
            r = _as_object(c)
            if r:
                return r
        if c.dep_ == "prep" and c.lower_ == "as":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None or not _is_role_noun(obj):
                return None
            toks = list(obj.doc[obj.left_edge.i:obj.i + 1])
            if len(toks) <= 8 and not any(t.is_punct and t.tag_ != "HYPH" for t in toks):
                return _clean(toks)
    return None


def role_as_office(doc, start: int, end: int) -> str | None:
    """The office in "X resigned/stood down/remains as ROLE" or "X said he would stand down as
    ROLE" (see the module docstring), or None."""
    subj = next((t for t in doc[start:end] if t.dep_ == "nsubj" and t.head.i >= end), None)
    if subj is None:
        obj = next((t for t in doc[start:end] if t.dep_ == "dobj" and not start <= t.head.i < end), None)
        if obj is not None and obj.head.lemma_.lower() in _APPOINT:
            return _as_object(obj.head)  # "Mr Howard appointed Mr Crosby as his elections chief"
        return None
    verb = subj.head
    if verb.lemma_.lower() in _OFFICE_AS_VERBS:
        return _as_object(verb)
    others = [e for e in span_ents(verb.sent) if e.label_ == "PERSON" and not (start <= e.start < end)]
    if others:
        return None
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_.lower() in _OFFICE_AS_VERBS:
            subjects = [g for g in c.children if g.dep_ == "nsubj"]
            if len(subjects) == 1 and subjects[0].lower_ in {"he", "she"}:
                return _as_object(c)
    return None


def role_of_list(doc, start: int, end: int) -> str | None:
    """ "cabinet ministers A and B" → "cabinet minister" for A and for B (see the module docstring)."""
    root = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), None)
    if root is None:
        return None
    while root.dep_ == "conj" and root.head.pos_ == "PROPN" and root.head.i < root.i:
        root = root.head
    if not any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in root.children):
        return None  # one name: a plural before it is a group it belongs to
    i = root.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title:
        i -= 1  # the list's first name starts here ("Paul" of "Paul Ferris")
    i = min(i, start)
    if i > 1 and doc[i - 1].text in {"-", "–", "—", ","}:
        return _apposed_to_list(doc, i - 1)
    head = doc[i - 1] if i > 0 else None
    if head is None or head.tag_ != "NNS" or not head.is_lower or head.lemma_ == head.lower_ \
            or not (_is_role_noun(head) or head.lemma_.lower() in _STATUSES):
        return _counted_group_before(doc, root, i)
    return _words_before_list(doc, head, i)


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _list_size(root) -> int:
    """How many names the list headed by ``root`` holds (conjuncts may chain: A, B -> C -> D)."""
    size, todo = 1, [root]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and c.pos_ == "PROPN":
                size += 1
                todo.append(c)
    return size


def _counted_group_before(doc, root, first: int) -> str | None:
    """ "The four men freed from the camp are ... . A, B, C and D were held ..." → "man freed
    from the camp": a list of names opening its sentence after a sentence that names a group of
    exactly that many (a number before a plural noun: the count and the list of people's names
    make it a group of people); the noun in its singular, with the participle phrase after it
    verbatim. None unless the count matches."""
    sent = doc[first].sent
    if first != sent.start or sent.start == 0 or root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    size = _list_size(root)
    for t in doc[sent.start - 1].sent:
        if t.tag_ not in {"NNS", "NNPS"}:
            continue
        count = next((c for c in t.children if c.dep_ == "nummod"), None)
        if count is None or _COUNTS.get(count.lower_, int(count.text) if count.text.isdigit() else 0) != size:
            continue
        if t.ent_type_ in {"DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "CARDINAL"}:
            continue  # "for three years": no group of people
        lemma = "person" if t.lemma_.lower() == "people" else t.lemma_
        if lemma == t.text and t.tag_ == "NNPS" and lemma.endswith("s"):
            lemma = lemma[:-1]  # "Britons", "Democrats": the tagger leaves proper plurals as they are
        phrase = next((c for c in t.children if c.dep_ == "acl" and _participle(c) and c.i == t.i + 1), None)
        tail = f" {doc[phrase.i:phrase.right_edge.i + 1].text}" if phrase is not None else ""
        return f"{lemma}{tail}"
    return None


def _words_before_list(doc, head, i: int) -> str:
    """The plural noun ``head`` before a list starting at ``i``, in its singular, with the
    modifiers before it ("the freed Guantanamo detainees" → "freed Guantanamo detainee")."""
    k = i - 1
    while k > head.sent.start and k > i - 5 and (doc[k - 1].pos_ in {"NOUN", "ADJ"} and doc[k - 1].is_alpha
                                                 and (doc[k - 1].is_lower or doc[k - 1].is_title and k - 1 > head.sent.start)
                                                 or doc[k - 1].tag_ == "VBN" and doc[k - 1].is_lower
                                                 or doc[k - 1].pos_ == "PROPN" and doc[k - 1].ent_type_ != "PERSON"):
        k -= 1  # "senior ministers", "the freed Guantanamo detainees", "Tory Parliamentary hopefuls"
    words = [t.text for t in doc[k:i - 1]] + [head.lemma_]
    return " ".join(words)


_PEOPLE = {"man", "woman", "person", "people", "boy", "girl", "official", "worker", "soldier", "student"}


def _participle(t) -> bool:
    return t.tag_ == "VBN" or t.pos_ == "VERB" and t.dep_ == "acl"  # "women freed from ..." tagged VBD


def _apposed_to_list(doc, dash: int) -> str | None:
    """ "the two men released from the camp in March - A and B -" → "man released from the camp
    in March": a plural person noun, a participle phrase after it, then the list set off by a
    dash or comma (the head in its singular form; the phrase verbatim); "the three Kestrel
    directors in question - A, B and C -" → "Kestrel director": a plural office noun with its
    modifiers (no count), whatever verbless phrase follows it."""
    k = dash - 1
    sent_start = doc[dash].sent.start
    while k > sent_start and dash - k <= 12:
        t = doc[k]
        if t.is_punct or t.pos_ == "AUX" or t.pos_ == "VERB" and not _participle(t):
            return None
        if t.tag_ == "NNS" and t.is_lower and _participle(doc[k + 1]) and k + 1 < dash - 1:
            lemma = "person" if t.lemma_.lower() == "people" else t.lemma_.lower()
            if lemma not in _PEOPLE | _STATUSES and not _is_role_noun(t):
                return None
            if any(u.pos_ in {"VERB", "AUX"} for u in doc[k + 2:dash]):
                return None
            return f"{lemma} {doc[k + 1:dash].text}"
        if t.tag_ == "NNS" and t.is_lower and _is_role_noun(t) and not any(u.pos_ in {"VERB", "AUX"} for u in doc[k:dash]):
            # "The three Kestrel directors in question - A, B and C -" → "Kestrel director"
            mods = [u.text for u in doc[t.left_edge.i:k] if u.dep_ in {"compound", "amod"} and u.pos_ != "NUM"]
            return " ".join(mods + [t.lemma_.lower()])
        k -= 1
    return None


#: What the text says people are, without an office: "the freed Guantanamo detainees A and B".
_STATUSES = {"detainee", "prisoner", "hostage", "defendant", "claimant", "refugee", "victim", "survivor", "suspect"}
_POSITIONS = {"predecessor", "successor", "deputy", "boss"}  # only in apposition: "his predecessor, X,"
_RELATIONS = {"wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "widow", "widower",
              "partner", "fiancee", "fiancée", "fiance", "girlfriend", "boyfriend", "grandson", "granddaughter"}


def _owner_named(doc, k: int) -> str | None:
    """ "Mr Pike's father, Walter," → "Mr Pike's father": a relation noun at ``k`` whose owner is
    a person named right before it with a possessive; None otherwise."""
    if k < 2 or doc[k].lower_ not in _RELATIONS or doc[k - 1].tag_ != "POS":
        return None
    j = k - 2
    if doc[j].ent_type_ != "PERSON":
        return None
    while j - 1 >= 0 and (doc[j - 1].ent_type_ == "PERSON" or doc[j - 1].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "miss"}) \
            and doc[j - 1].sent.start == doc[k].sent.start:
        j -= 1
    return f"{doc[j:k - 1].text}'s {doc[k].lower_}"


def role_by_relation(doc, start: int, end: int) -> str | None:
    """ "his wife Marta" → "<the one person named before>'s wife" (see the module docstring)."""
    k = start - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1  # "his predecessor, Fiona Hale,"
    owned = _owner_named(doc, k)
    if owned is not None:
        return owned
    if k < 1 or doc[k].lower_ not in _RELATIONS | _POSITIONS or doc[k - 1].lower_ not in {"his", "her"} \
            or doc[k].lower_ in _POSITIONS and k == start - 1:
        return None
    sent = doc[start].sent
    before = [e for e in span_ents(sent) if e.label_ == "PERSON" and e.end <= k - 1]
    if not before and sent.start > 0:
        before = [e for e in span_ents(doc[sent.start - 1].sent) if e.label_ == "PERSON"]
    names = {e.text for e in before}
    if any(t.lower_ in {"he", "she", "him"} for t in doc[sent.start:k]):
        return None  # "He asked X about his predecessor": whose is not decided
    if len(names) != 1 or doc[start:end].text in names:
        return None
    owner = before[0].text
    return f"{owner}'s {doc[k].lower_}"
