"""Repairs of two dependency-parse errors of spaCy's small English model that hide a clause's subject.

In "Mr Walsh, the Virginia Democrat, called the bill "a disgrace"" the model often makes the
name the sentence's ROOT and the finite verb a participle modifier of it (``acl``), as if the
sentence were the noun phrase "Walsh, called ...". Every reader of subjects (speakers,
pronoun antecedents, roles of main-clause subjects) then misses the person who acts.

:func:`repair_noun_roots` re-heads such sentences: when a sentence's root is a noun or name
and exactly one ``acl`` verb after it is finite (past tense, ``VBD``) or a participle with its
own object or clause (``VBN`` with ``dobj``/``ccomp``/``xcomp``), that verb becomes the root
and the noun its ``nsubj``. A sentence with a verb root is never touched, so a true reduced
relative ("The man, arrested on Monday, was released") keeps its parse.

:func:`repair_subjectless_roots` handles "Mr Ruiz denied Mr Berg, his spokesman, said the
plans were bad", which the model reads as "[Mr Ruiz denied Mr Berg], said ...": a root verb with
no subject, a clause before it whose object ends right before the root. The object becomes
the root verb's subject and that clause's verb the root, so "Mr Ruiz" stays the sentence's
subject and "Mr Berg" the one who said.

:func:`repair_reporting_conjuncts` handles "The minister said the team had reached a view after
a long meeting, but admitted it was "not easy"": the model joins "admitted" to "reached", the
verb of the reported clause, so its subject would be "the team". A speech verb conjoined to the
verb of a clause reported by another speech verb is moved to that speech verb when its form
shows it belongs there: the same tense as the reporting verb, while the reported verb has an
auxiliary ("had reached", "would go") or another tense. Then "admitted" shares "the minister".

:func:`repair_postnominals` handles letters after a name ("Ana Costa MSP", "Tom Hale QC"): the
model makes the letters the head of the name, often tags them as an organisation of their own,
and the person disappears from the subject ("The finance spokesman, Ana Costa MSP, said"). The
name's last word becomes the head again, the letters its dependant, and they are no entity.

:func:`repair_name_lists` handles "cabinet members Ana Ruiz, Tomas Berg and Jon Alves": the model
often reads the second name as an apposition of the first ("Ana Ruiz, Tomas Berg") with the
third joined to it, so the second name is taken for another name of the first person and loses
the list's shared title. A person's name in apposition to another person's name that itself
has a person's name joined by "and"/"or" is a list item (``conj``).
"""

from __future__ import annotations

from summarizers.entities.names import STRONG_SPEECH

_OWN_COMPLEMENTS = {"dobj", "ccomp", "xcomp", "oprd"}


def _rehead(new_root, *moves) -> None:
    """Make ``new_root`` its sentence's root, then attach each ``(token, head, dep)`` of ``moves``."""
    new_root.head = new_root
    new_root.dep_ = "ROOT"
    for tok, head, dep in moves:
        tok.head = head
        tok.dep_ = dep


def _finite_modifier(root):
    """The one ``acl`` verb after ``root`` that reads as the sentence's main verb, else None."""
    cands = [c for c in root.rights if c.dep_ == "acl" and c.pos_ == "VERB"
             and (c.tag_ == "VBD" or c.tag_ == "VBN" and any(g.dep_ in _OWN_COMPLEMENTS for g in c.children))]
    return cands[0] if len(cands) == 1 else None


def repair_noun_roots(doc) -> int:
    """Re-head the sentences of ``doc`` whose root is a noun with a finite ``acl`` verb (see
    the module docstring), in place. Returns how many sentences were changed. Sentence
    boundaries are unchanged (the new root lies inside the same sentence)."""
    changed = 0
    for sent in list(doc.sents):
        root = sent.root
        if root.pos_ not in {"PROPN", "NOUN"} or any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in sent):
            continue
        verb = _finite_modifier(root)
        if verb is None:
            continue
        _rehead(verb, (root, verb, "nsubj"))
        changed += 1
    return changed


def _object_before(verb, clause):
    """The direct object of ``clause`` that (with its apposition and commas) ends right
    before ``verb``, when it is a name; else None."""
    objs = [c for c in clause.children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
    if len(objs) != 1:
        return None
    end = objs[0].right_edge.i
    doc = verb.doc
    while end + 1 < verb.i and doc[end + 1].is_punct:
        end += 1
    return objs[0] if end + 1 == verb.i else None


def repair_subjectless_roots(doc) -> int:
    """Re-head the sentences of ``doc`` whose root verb has no subject and follows a clause
    (``ccomp`` before it) whose name object ends right before it (see the module docstring),
    in place. Returns how many sentences were changed."""
    changed = 0
    for sent in list(doc.sents):
        root = sent.root
        if root.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in root.children):
            continue
        clauses = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i and c.pos_ == "VERB"
                   and any(g.dep_ == "nsubj" for g in c.children)]
        if len(clauses) != 1:
            continue
        clause = clauses[0]
        obj = _object_before(root, clause)
        if obj is None:
            continue
        _rehead(clause, (root, clause, "ccomp"), (obj, root, "nsubj"))
        changed += 1
    return changed


_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


def _reported_by(verb):
    """The speech verb with its own subject that reports ``verb``'s clause (``verb`` is its
    ``ccomp``), else None."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or head.lemma_ not in STRONG_SPEECH:
        return None
    return head if any(c.dep_ in _SUBJECTS for c in head.children) else None


def repair_reporting_conjuncts(doc) -> int:
    """Move, in place, each subjectless speech verb conjoined to a reported clause's verb
    onto the speech verb that reports that clause, when its form says it belongs there (see
    the module docstring). Returns how many verbs were moved."""
    changed = 0
    for tok in doc:
        if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.lemma_ not in STRONG_SPEECH:
            continue
        if any(c.dep_ in _SUBJECTS for c in tok.children):
            continue
        reported = tok.head
        if reported.lemma_ in STRONG_SPEECH:
            continue
        speech = _reported_by(reported)
        if speech is None or tok.tag_ != speech.tag_:
            continue
        has_aux = any(c.dep_ in {"aux", "auxpass"} for c in reported.children)
        if not has_aux and reported.tag_ == tok.tag_:
            continue  # "said the team met and agreed": who agreed is not decided by the form
        tok.head = speech
        changed += 1
    return changed


POSTNOMINALS = {"MP", "MPs", "MSP", "MEP", "AM", "MLA", "MS", "TD", "QC", "KC", "SC", "JP", "OBE", "MBE", "CBE",
                "KBE", "DBE", "PhD", "Jr", "Sr", "FRS"}
"""Letters written after a person's name: parliaments' members, senior counsel, honours, degrees."""


_PLACES = {"GPE", "LOC", "FAC"}
_ARTICLES = {"the", "a", "an", "this", "that", "its", "their", "his", "her"}


def _name_before(letters) -> list:
    """The capitalised name words right before ``letters`` that the parse hangs on them
    (``compound``), in order; empty when there are none."""
    doc = letters.doc
    words = []
    j = letters.i - 1
    while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].dep_ == "compound" and doc[j].head.i == letters.i \
            and doc[j].text[:1].isupper():
        words.insert(0, doc[j])
        j -= 1
    return words


def repair_postnominals(doc) -> int:
    """Re-head, in place, each name followed by post-nominal letters (:data:`POSTNOMINALS`) that
    the parse made the name's head, and make the name alone a PERSON entity (the letters, tagged
    with it or as an entity of their own, are none); see the module docstring. Returns how many
    names were re-headed."""
    from spacy.tokens import Span

    people = []
    for tok in doc:
        if tok.text not in POSTNOMINALS or tok.pos_ != "PROPN":
            continue
        words = _name_before(tok)
        if len(words) < 2 and not (words and words[0].ent_type_ == "PERSON"):
            continue  # one word that is no known person: "Labour MP" is a description
        if any(w.ent_type_ in _PLACES for w in words) or words[0].i > 0 and doc[words[0].i - 1].lower_ in _ARTICLES:
            continue  # "the East Midlands MEP", "a Labour MP": a description, not a name
        name = words[-1]
        if tok.head.i == tok.i:
            name.head, name.dep_ = name, "ROOT"
        else:
            name.head, name.dep_ = tok.head, tok.dep_
        for word in words[:-1]:
            word.head = name
        tok.head, tok.dep_ = name, "dep"
        people.append((words[0].i, tok.i))
    if people:
        kept = [e for e in doc.ents if not any(e.start <= end and e.end > start for start, end in people)]
        doc.ents = sorted(kept + [Span(doc, start, end, label="PERSON") for start, end in people], key=lambda e: e.start)
    return len(people)


def _person(tok) -> bool:
    return tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"


def repair_name_lists(doc) -> int:
    """Relabel, in place, each person's name read as an apposition of another person's name
    when a third person's name is coordinated with it (see the module docstring). Returns how
    many were relabelled."""
    changed = 0
    for tok in doc:
        if tok.dep_ != "appos" or not _person(tok) or not _person(tok.head) or tok.head.i == tok.i:
            continue
        if any(c.dep_ == "conj" and _person(c) for c in tok.children) and any(c.dep_ == "cc" for c in tok.subtree):
            tok.dep_ = "conj"
            changed += 1
    return changed
