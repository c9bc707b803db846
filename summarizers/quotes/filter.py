"""Which quoted strings are quotations: filters over the quotation spans of one article.

:func:`is_quotation` drops scare quotes of one or two words, titles and names in quotation
marks ("the "Green Future Programme""), glosses after "nicknamed"/"called"/"or", a repeat of
the headline, imagined speech ("as if to say "..."") and short fragments whose sentence has
no reporting verb used to report (:func:`reports`: active, not a participle modifier — "will be
denied a visa" does not report).
"""

from __future__ import annotations

import re

from summarizers.entities.descriptions import DOCUMENT_NOUNS
from summarizers.entities.names import STRONG_SPEECH

NAME_CONTEXT = {"named", "called", "dubbed", "nicknamed", "nickname", "titled", "entitled", "so-called", "slogan",
                 "motto", "term", "word", "words", "phrase", "label", "headline", "book", "article", "film", "song",
                 "project", "programme", "program", "campaign", "known", "or", "hashtag", "magazine", "newspaper"}
RELATIVES = {"which", "that", "who", "whom", "whose", "where"}
_WORD = re.compile(r"[\w'’-]+")


def is_title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.isalpha()]
    small = {"of", "the", "in", "for", "and", "a", "an", "on", "at", "to", "with", "by", "is"}
    big = [w for w in words if w.lower() not in small]
    return len(big) >= 2 and all(w[:1].isupper() for w in big) and words[0][:1].isupper()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_quotation(ctx, k: int, tok_spans, verb) -> bool:
    """False for scare quotes, names/titles in quotation marks, glosses, imagined speech and
    loose fragments. ``ctx`` is the quote extractor's context (parse, quoted-token flags,
    article meta), ``k`` an index into ``tok_spans`` (para, start, end, text, closed, char),
    ``verb`` the quotation's reporting verb or None."""
    doc = ctx.doc
    p, qs, qe, qtext, closed, _ = tok_spans[k]
    n = word_count(qtext)
    if n <= 2:
        return False
    core = qtext.strip(" ,.;:")
    if is_title_case(core) and not re.search(r"[.!?]$", qtext.strip()):
        return False
    # the words right before the quotation: "nicknamed", "so-called", "the article", "... or"
    window = list(doc[max(0, qs - 3):qs])
    stops = [n for n, t in enumerate(window) if t.text in {".", "!", "?"} and not ctx.quoted[t.i]]
    before = [t for t in window[stops[-1] + 1 if stops else 0:] if not t.is_punct]  # not the sentence before ("... in film.")
    colon = qs > 0 and doc[qs - 1].text == ":"  # "told a radio programme: '...'" introduces speech
    relative = doc[qs + 1].lower_ in RELATIVES if qs + 1 < qe else False  # '"which is upbeat ..."': a clause, no name
    if before and not colon and not relative and (before[-1].lower_ in NAME_CONTEXT or before[-1].lemma_.lower() in NAME_CONTEXT):
        return False
    title = ctx.document.meta.title or ""
    if title and " ".join(_WORD.findall(core.lower())) == " ".join(_WORD.findall(title.lower())):
        return False
    # imagined speech: "a flicker across his face as if to say "You think you got me?""
    lead = " ".join(t.lower_ for t in doc[max(0, qs - 5):qs] if not t.is_punct)
    if re.search(r"\bas (?:if|though)(?: to)? (?:say|saying|ask|asking)$", lead):
        return False
    if not re.search(r"[.!?,;:…]['’”]?$", qtext.strip()) and attributive(doc, qs, qe):
        return False  # 'his "tough on China" stance': a label for a noun, not someone's words
    opening = qtext.strip().lstrip("[(…. ")  # "[But] it's ...": an editor's bracket opens the sentence
    sentence_like = bool(re.search(r"[.!?,;:…]['’”]?$", qtext.strip())) and opening[:1].isupper()
    if not sentence_like and verb is None:
        # a fragment needs a reporting verb in its sentence, used to report ("X denied it"),
        # not a passive ("people will be denied a visa on a "case by case basis"")
        sent = doc[qs].sent
        if not any((t.lemma_.lower() in STRONG_SPEECH and reports(t) or is_finding(t)) and not ctx.quoted[t.i] for t in sent) \
                and speech_act_over(doc, qs, qe, ctx.quoted) is None:
            return False
    return True


# Speech acts that take someone's words as their content without being verbs of saying:
# "pledged to take "decisive action"", "promised that "sport is back"", "as the committee
# has pointed out, it would be used "for ..."", and verbs that give a thing the subject's
# words as its description ("called the bill "the worst law we have
# passed"", "described the plan as "a leap in the dark""). Only a fragment they govern is
# reported speech.
COMMITMENT_SPEECH = {"promise", "pledge", "vow", "guarantee", "undertake", "threaten", "demand", "accuse", "criticise",
                     "criticize", "condemn", "dismiss", "brand", "blame", "praise", "hail", "welcome", "attack",
                     "call", "describe", "label", "dub", "term"}


SPEECH_NOUNS = {"call", "plea", "demand", "warning", "appeal", "claim", "promise", "pledge", "accusation", "request",
                "criticism", "attack", "charge", "insistence", "vow", "threat", "suggestion", "remark", "comment"}


def speech_noun_source(ctx, qs: int, qe: int):
    """The actor whose call, warning or claim the quoted fragment ``[qs, qe)`` belongs to: a
    speech noun above the quotation whose source the text names — "X's call for "..."", "a
    call for him to "..." from X", "a warning by X that "..."". None when no such noun or no
    named source (a person or body mention)."""
    doc = ctx.doc
    top = _quote_top(doc, qs, qe)
    if top is None:
        return None
    chain = [top] + [a for a in top.ancestors]
    for k, anc in enumerate(chain[1:], 1):
        if ctx.quoted[anc.i] or anc.pos_ != "NOUN" or anc.lemma_.lower() not in SPEECH_NOUNS:
            if anc.pos_ in {"VERB", "AUX"} and anc.dep_ not in {"relcl", "acl", "advcl", "xcomp", "ccomp"}:
                return None  # a clause of its own: its verb decides
            continue
        # the source hangs on the noun, or on a quoted word the parser attached it to
        holders = [anc] + [t for t in doc[qs:qe] if not t.is_punct] + [c for c in chain[1:k] if not ctx.quoted[c.i]]
        for h in holders:
            for c in h.children:
                src = None
                if c.dep_ == "poss" and h is anc:
                    src = c
                elif c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by"} and not ctx.quoted[c.i] \
                        and (h is anc or c.i >= qe):
                    src = next((p for p in c.children if p.dep_ == "pobj"), None)
                m = ctx.mention_at.get(src.i) if src is not None else None
                if m is not None and m.actor.type in {"person", "organization", "group"}:
                    return m
        return None
    return None


FINDING_VERBS = {"find", "recommend"}
FINDING_BODIES = {"committee", "commission", "inquiry", "panel", "review", "watchdog", "regulator", "tribunal",
                  "court", "auditor", "ombudsman", "investigation", "probe", "judge", "coroner"}


def is_finding(tok) -> bool:
    """True for "find"/"recommend" reporting what a document or a body concluded: its subject
    is a document or institution noun ("the report found", "the committee recommends") —
    not "police found a knife"."""
    if tok.lemma_.lower() not in FINDING_VERBS or not reports(tok):
        return False
    return any(c.dep_ == "nsubj" and (c.lemma_.lower() in DOCUMENT_NOUNS or c.lemma_.lower() in FINDING_BODIES)
               for c in tok.children)


def _quote_top(doc, qs: int, qe: int):
    """The quoted word of ``[qs, qe)`` that hangs on a word outside the quotation (or is its
    root); the first quoted word when none does; None for marks only."""
    inside = [t for t in doc[qs:qe] if not t.is_punct]
    if not inside:
        return None
    return next((t for t in inside if not (qs <= t.head.i < qe) or t.head.i == t.i), inside[0])


def is_speech_act(tok) -> bool:
    """True for a commitment verb ("promise", "pledge", ...) or "point out", used to report."""
    lemma = tok.lemma_.lower()
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) and reports(tok)
    return lemma in COMMITMENT_SPEECH and reports(tok)


def speech_act_over(doc, qs: int, qe: int, quoted) -> object | None:
    """The speech-act verb outside the quotation that governs the quoted tokens ``[qs, qe)``:
    an ancestor of the quotation's words ("Twitter pledged to take "..."") or an "as"-clause
    on such an ancestor ("as X has pointed out, it would be used "..."). None otherwise."""
    top = _quote_top(doc, qs, qe)
    if top is None:
        return None
    for anc in top.ancestors:
        if quoted[anc.i]:
            continue
        if is_speech_act(anc):
            return anc
        for c in anc.children:
            if c.dep_ == "advcl" and c.i < qs and not quoted[c.i] and is_speech_act(c) \
                    and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
                return c
    return None


def attributive(doc, qs: int, qe: int) -> bool:
    """True when the quoted tokens ``[qs, qe)`` modify the noun right after the closing mark
    (a scare-quoted description: 'his "tough on China" stance', 'a "zero tolerance" policy'):
    every word inside that depends on a word outside depends on that noun."""
    if qe >= len(doc) or doc[qe].pos_ not in {"NOUN", "PROPN"}:
        return False
    outside = {t.head.i for t in doc[qs:qe] if not t.is_punct and not (qs <= t.head.i < qe)}
    return outside == {qe} or (outside and all(doc[h].i == qe or doc[h].head.i == qe and doc[h].i > qe for h in outside))


def reports(verb) -> bool:
    """True when a reporting verb is used to report speech: active, not a participle modifier."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return False
    return not (verb.tag_ == "VBN" and verb.dep_ in {"amod", "acl"})
