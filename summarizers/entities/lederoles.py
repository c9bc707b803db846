"""A person's role given by the lede's description when the next sentence names them.

News ledes often describe the speaker and name them only in the second sentence: "The lack of
outrage is an indictment of rights groups, the charity's chief has said. In a lecture in
Leeds, Ana Ruiz said ..." → Ana Ruiz is "charity's chief". :func:`role_by_lede` reads that
pattern strictly (a wrong role is worse than none):

* the lede (first sentence) names no person and has exactly one description as the subject
  of its main verb: a singular lowercase role noun with an article or an owner ("the
  charity's chief", "a Labour MP", "the prime minister"), not a spokesperson (an unnamed
  spokesperson is as often someone else speaking for a body); a capitalised title counts
  after "the" ("the Trade and Industry Secretary has said");
* the second sentence's main subject is a mention of the person, it names no other person,
  and the person is the first one the text names.

The role is the description without its article, verbatim ("Amnesty International's chief").
Used by :func:`summarizers.entities.roles.find_role` when the text gives no other role — the
description-to-name step of the deterministic passes of Lee et al. (2013), restricted to the
lede, whose description the next sentence's name resolves.
"""

from __future__ import annotations

from summarizers.document import span_ents
from summarizers.entities.roleterms import _clean, _is_role_noun

_SPOKESPERSONS = {"spokesman", "spokeswoman", "spokesperson"}


def _main_subject(sent):
    """The subject of the sentence's root verb (None when there is none)."""
    return next((t for t in sent.root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)


def _description(lede) -> str | None:
    """The lede's description subject as role text (see the module docstring), or None."""
    if any(e.label_ == "PERSON" for e in span_ents(lede)):
        return None
    subj = _main_subject(lede)
    if subj is None or subj.tag_ not in {"NN", "NNP"} or not _is_role_noun(subj) or subj.lower_ in _SPOKESPERSONS:
        return None  # a singular role noun: "chief", "MP"
    kids = list(subj.children)
    if subj.is_title and (subj.ent_type_ or not any(c.dep_ == "det" and c.lower_ == "the" for c in kids)):
        return None  # a capitalised title only after "the" ("the Home Secretary"), never a name ("the Scottish Executive")
    if not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in kids):
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in kids):
        return None  # "his deputy": whose is not said
    toks = list(lede.doc[subj.left_edge.i:subj.i + 1])
    tail = list(lede.doc[subj.i + 1:subj.right_edge.i + 1])
    if tail and tail[0].lower_ in {"of", "for", "at"} and len(tail) <= 6 \
            and not any(u.is_punct or u.pos_ in {"VERB", "AUX", "PRON"} for u in tail):
        toks += tail  # "the head of the charity"
    if len(toks) > 10 or any(u.is_punct and u.tag_ not in {"HYPH", "POS"} or u.ent_type_ == "PERSON" for u in toks):
        return None
    return _clean(toks)


def role_by_lede(doc, spans: list[tuple[int, int]]) -> str | None:
    """The lede's description of the person mentioned at token ``spans`` [(start, end)], when
    the second sentence names that person as its main subject (see the module docstring);
    None otherwise."""
    sents = iter(doc.sents)
    lede, second = next(sents, None), next(sents, None)
    if lede is None or second is None:
        return None
    subj = _main_subject(second)
    if subj is None or not any(start <= subj.i < end and start >= second.start for start, end in spans):
        return None
    if any(e.label_ == "PERSON" and not (e.start <= subj.i < e.end) for e in span_ents(second)):
        return None
    return _description(lede)
