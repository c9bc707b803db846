"""Repairs of one dependency-parse error of spaCy's small English model that hides a clause's subject.

In "Mr Walsh, the Virginia Democrat, called the bill "a disgrace"" the model often makes the
name the sentence's ROOT and the finite verb a participle modifier of it (``acl``), as if the
sentence were the noun phrase "Walsh, called ...". Every reader of subjects (speakers,
pronoun antecedents, roles of main-clause subjects) then misses the person who acts.

:func:`repair_noun_roots` re-heads such sentences: when a sentence's root is a noun or name
and exactly one ``acl`` verb after it is finite (past tense, ``VBD``) or a participle with its
own object or clause (``VBN`` with ``dobj``/``ccomp``/``xcomp``), that verb becomes the root
and the noun its ``nsubj``. A sentence with a verb root is never touched, so a true reduced
relative ("The man, arrested on Monday, was released") keeps its parse.
"""

from __future__ import annotations

_OWN_COMPLEMENTS = {"dobj", "ccomp", "xcomp", "oprd"}


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
        verb.head = verb
        verb.dep_ = "ROOT"
        root.head = verb
        root.dep_ = "nsubj"
        changed += 1
    return changed
