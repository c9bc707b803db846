"""Reporting tags next to a quotation: which clause after a quotation belongs to it, and who
coined a quoted phrase.

Used by :func:`summarizers.quotes.attribution.extract_quotes` while it looks for a
quotation's reporting clause: a short tag after a complete quoted sentence ("said Mr Howard.",
"he added"), a bare tag whose verb is not a reporting verb ('"...?" Mr Hale pressed.'), a tag
whose verb was left out ('"...," Ms Brook.'), and the person a quoted phrase is said to be
coined by ("He said Ana Ruiz had dubbed it "the housing trap"").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizers.entities.names import STRONG_SPEECH
from summarizers.entities.pronouns import SUBJECT_PRONOUNS as _PRONOUNS
if TYPE_CHECKING:
    from summarizers.quotes.speakers import SpeakerContext


_NAMING = {"dub", "call", "label", "brand", "term", "nickname", "christen"}


def _coiner(ctx: "SpeakerContext", qs: int, qe: int):
    """The person who coined a quoted name inside reported speech: the named subject of a
    verb of naming ("dubbed", "called", "branded") that governs the quotation and is itself
    reported ("He said his predecessor, Ana Ruiz, had dubbed it "the Berg problem""). An
    :class:`ActorMention`, or None (a pronoun or an unnamed subject decides nothing)."""
    doc = ctx.doc
    inside = [t for t in doc[qs:qe] if not t.is_punct]
    top = next((t for t in inside if not (qs <= t.head.i < qe)), None)
    if top is None:
        return None
    for anc in top.ancestors:
        if ctx.quoted[anc.i]:
            continue
        if anc.lemma_.lower() in STRONG_SPEECH:
            return None  # the reporting verb itself governs the words
        if anc.pos_ == "VERB" and anc.lemma_.lower() in _NAMING and anc.dep_ in {"ccomp", "xcomp", "conj"}:
            subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subj is None:
                return None
            named = [subj, *(c for c in subj.children if c.dep_ == "appos")]
            m = next((ctx.mention_at[t.i] for t in named if t.i in ctx.mention_at), None)
            return m if m is not None and m.actor.type == "person" else None
    return None


def _bare_tag(ctx: "SpeakerContext", verb, qe: int, end: int) -> bool:
    """True for a tag of subject and verb alone after a quotation that ends a sentence,
    whatever the verb ('"...?" Mr Hale pressed.', '"No." She shrugged.' is not one: the
    quotation must run into the tag): the subject is a person mention or he/she and nothing
    else stands between the quotation, the subject, the verb and the full stop. Such a
    tag names who spoke; without it the quotation would continue the previous speaker."""
    doc = ctx.doc
    if verb.i + 1 != end or verb.dep_ != "ROOT" or not ctx.quoted[qe - 1] or doc[qe - 1].text not in {'"', "”", "’", "'"}:
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subj) != 1 or any(c.dep_ in {"dobj", "ccomp", "xcomp", "prep"} for c in verb.children):
        return False
    s = subj[0]
    if not (s.lower_ in _PRONOUNS or s.i in ctx.mention_at and ctx.mention_at[s.i].actor.type == "person"):
        return False
    return all(t.is_punct or s.left_edge.i <= t.i <= s.right_edge.i for t in doc[qe:verb.i])


def _verbless_tag(ctx: "SpeakerContext", after: list):
    """``(mention, 0, 0)`` when the tokens after a quotation that ends with a comma are only a
    person's name, with an honorific, before the sentence's end ('"...," Ms Brook.': a
    reporting tag whose verb was left out); None otherwise."""
    words = [t for t in after if not t.is_punct and not t.is_space]
    if words and words[0].lower_.rstrip(".") in {"mr", "mrs", "ms", "miss", "dr"}:
        words = words[1:]
    if not words:
        return None
    m = ctx.mention_at.get(words[0].i)
    if m is None or m.actor.type != "person" or any(ctx.mention_at.get(t.i) is not m for t in words):
        return None
    return (m, 0, 0)


def _is_short_tag(ctx: "SpeakerContext", verb, end: int) -> bool:
    """After a complete quoted sentence, only a short reporting tag belongs to it:
    "Holmes testified.", "he said, talking ...", "said Mr Howard." — not "X said the plans
    ..." (new reported speech) nor "X told BBC News:" (which introduces the next quotation)."""
    doc = ctx.doc
    last = doc[end - 1] if end - 1 > verb.i else verb
    if last.text == ":" or end < len(doc) and doc[end].text == ":":
        return False
    nxt = doc[verb.i + 1] if verb.i + 1 < end else None
    if nxt is None or nxt.is_punct:
        return True
    if nxt.pos_ == "ADP" or nxt.lower_ in {"in", "on", "at", "to"}:
        return not any(u.pos_ == "VERB" for u in doc[nxt.i:end])
    after = doc[nxt.i + 1] if nxt.i + 1 < end else None
    if nxt.lower_ in _PRONOUNS:
        return after is None or after.is_punct
    m = ctx.mention_at.get(nxt.i) or (ctx.mention_at.get(nxt.i + 1) if nxt.lower_ in {"mr", "mrs", "ms", "dr"} else None)
    if m is not None and m.actor.type == "person":
        return m.end >= end or doc[m.end].is_punct
    if verb.lemma_.lower() in {"tell"} and nxt.pos_ == "PROPN":
        return not any(u.pos_ == "VERB" for u in doc[nxt.i:end])
    return False


def governing_tag(ctx: "SpeakerContext", after: list, qs: int, qe: int):
    """The reporting verb at the end of the sentence whose reported content holds the
    quotation, past another clause of that content ('The US was "very bad at ..." and India
    had its own problems, Ms Short said.'): a main verb of saying after the quotation of
    which the quotation and every verb between are descendants through clause and
    coordination links, with a subject outside the quotation. None when no such verb is
    there (then the clause between may be someone else's)."""
    doc = ctx.doc
    for v in after:
        if v.dep_ != "ROOT" or v.lemma_.lower() not in STRONG_SPEECH or ctx.quoted[v.i]:
            continue
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i < qe:
            return None
        between = [t for t in doc[qe:subj.left_edge.i] if t.pos_ in {"VERB", "AUX"} and t.dep_ in _CONTENT]
        inside = doc[qs]
        if all(_reported_under(t, v) for t in between) and _reported_under(inside, v):
            return v
        return None
    return None


_CONTENT = {"ccomp", "conj", "ROOT"}


def _reported_under(tok, verb) -> bool:
    """True when ``tok`` hangs below ``verb`` through clausal complements and conjuncts only."""
    t = tok
    for _ in range(12):
        if t.i == verb.i:
            return True
        if t.head.i == t.i:
            return False
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"ccomp", "conj"}:
            return False
        t = t.head
    return False
