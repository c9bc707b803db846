"""What an organisation is, from the definite description the text later uses for it: "Worldcom
... The phone company collapsed in 2002" → "phone company"; "The bank gave no details" →
"bank".

The role passes of :mod:`summarizers.entities.orgroles` read descriptions next to a name
("telecom regulator Ofcom", "X, a research firm,"); news text as often says what a body is
only when it refers back to it. :func:`org_description_roles` links such a description the
way :mod:`summarizers.entities.descriptions` links "the company said" to its speaker: a
definite description that is the subject of a main clause ("the" + optional lower-case
modifiers + a noun naming a kind of company, :data:`KINDS`; no possessor, no of/for
complement; not another kind than the name says: "Deutsche Bank" is no "carmaker") is the one
organisation actor whose name has that head noun (then only with a modifier: "the party" of
the "Labour Party" says nothing), else the one organisation that was the main-clause subject
of a verb other than a reporting verb in its sentence or the two before (two bodies in view:
nobody).

Input: the quote extractor's context (``doc``, ``mention_at``, ``quoted``, ``actors``).
Output: {organisation name: description text without its article}, the first description
per organisation in text order. Nothing here raises on text.
"""

from __future__ import annotations

from summarizers.document import span_ents
from summarizers.entities.descriptions import GENERIC_ORG_NOUNS, _main_subjects, institution
from summarizers.entities.names import STRONG_SPEECH
from summarizers.entities.orgroles import DESCRIPTORS

#: Kinds of company a description may name ("the firm", "the mill", "the steelmaker"). Public
#: bodies ("the committee", "the watchdog", "the newspaper") are left out: a lower-case
#: description of one is as often another body the text names that way ("The work and
#: pensions committee launched its inquiry into the CSA").
KINDS = (GENERIC_ORG_NOUNS | {"mill", "plant", "factory", "steelmaker", "carmaker", "refinery", "utility", "airline",
                              "multinational", "operator", "network"}) \
    - {"business", "group", "watchdog", "regulator", "club", "charity", "organisation", "organization", "publisher"}
_BODY_WORDS = (DESCRIPTORS | GENERIC_ORG_NOUNS | {"exchange", "agency", "commission", "office", "service", "council"}) \
    - {"group", "company", "firm", "corporation", "business", "conglomerate"}  # any kind of company may say these
_VAGUE = {"same", "other", "whole", "latter", "entire", "own", "such", "said", "two", "three", "both", "each"}


def _description(sent_subject):
    """The description text of a subject token, or None when it is no description of a body."""
    t = sent_subject
    if t.tag_ != "NN" or not t.is_lower or t.lemma_.lower() not in KINDS:
        return None
    kids = list(t.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return None
    if any(c.dep_ in {"poss", "prep", "relcl", "acl", "appos"} for c in kids):
        return None  # "the bank's chairman", "the firm of lawyers", "the company, which ..."
    toks = [u for u in t.doc[t.left_edge.i:t.i + 1] if u.lower_ != "the"]
    if any(u.is_punct and u.tag_ != "HYPH" or u.lower_ in _VAGUE or u.like_num or u.pos_ in {"DET", "PRON"} for u in toks):
        return None
    return t.doc[toks[0].i:t.i + 1].text


def org_description_roles(ctx) -> dict[str, str]:
    """{organisation: the description the text refers back to it with} (module docstring)."""
    doc = ctx.doc
    out: dict[str, str] = {}
    orgs = {a.name for a in ctx.actors if a.type == "organization"}
    if not orgs:
        return out
    for sent in doc.sents:
        for t in _main_subjects(ctx, sent):
            if t.i in ctx.mention_at:
                continue
            text = _description(t)
            if text is None:
                continue
            name = institution(ctx, t)
            if name is not None and text == t.text:
                continue  # "the party" of the "Labour Party" says nothing the name does not
            name = name or _acting_organisation(ctx, t)
            if name in orgs and name not in out and _kind_fits(name, t):
                out[name] = text
    return out


def _kind_fits(name: str, noun) -> bool:
    """False when the organisation's own name says another kind of body ("Deutsche Bank" is
    no "carmaker", the "London Stock Exchange" no "company")."""
    last = name.split()[-1].lower() if name.split() else ""
    return last not in _BODY_WORDS or last in {noun.lemma_.lower(), noun.lower_}


def _acting_organisation(ctx, tok) -> str | None:
    """The one organisation that is the main-clause subject of a verb other than a reporting
    verb in ``tok``'s sentence (before it) or the two before ("AOL cut 700 jobs. The company
    ..."); a body that reports ("The Daily Courier said the company ...") talks about
    another one. None when none or several, or when another organisation is named between the
    previous sentence's start and ``tok`` (the nearer body may be the one described)."""
    doc = ctx.doc
    s = tok.sent
    found: set[str] = set()
    for k in range(3):
        for t in _main_subjects(ctx, s):
            m = ctx.mention_at.get(t.i)
            if (k > 0 or t.i < tok.i) and m is not None and m.actor.type == "organization" \
                    and t.head.lemma_.lower() not in STRONG_SPEECH:
                found.add(m.actor.name)
        if s.start == 0:
            break
        s = doc[s.start - 1].sent
    if len(found) != 1:
        return None
    name = next(iter(found))
    lo = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
    forms = next(({a.name, *a.aliases} for a in ctx.actors if a.name == name), {name})
    if any(m.actor.type == "organization" and m.actor.name != name for m in ctx.mentions_in(lo, tok.i)) \
            or any(e.label_ == "ORG" and (e.text[4:] if e.text.startswith("the ") else e.text) not in forms
                   for e in span_ents(doc[lo:tok.i])):
        return None  # "... the pension scheme at United Airlines. With United battling bankruptcy, the carrier"
    return name
