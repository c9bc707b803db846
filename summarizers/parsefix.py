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
"""

from __future__ import annotations

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
