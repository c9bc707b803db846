"""What a summary sentence needs the reader to have seen, and whether the lede states the news.

Rules on spaCy sentence spans, used by :mod:`summarizers.summary.select` (see docs/summary.md):

* :func:`reference_keys` — a sentence that opens, possibly after a one-word subordinator or
  preposition ("As", "After", "Despite"), with a definite description whose head needs an
  antecedent ("The move was criticised ...", "As the commentary was published, ...", "The
  firm said ...") refers back. It returns the keys any of which, shown earlier (in the
  title or an earlier summary sentence), makes the reference readable: the noun itself, its
  stem ("decision" ↔ "decided"), and for a firm or a person described generically ("the
  firm", "the singer") any named organisation or person. A description that defines itself
  ("the decision to close the port", "the Tory plan", "the 2005 budget") refers to nothing.
* :func:`shown_keys` / :func:`title_keys` — what a sentence or the headline shows a later one.
* :func:`is_quotation` — a sentence made mostly of quoted words ("'We will fight on,' he said.").
* :func:`carries_news` — the lede states the news when it is a plain statement (no dangling
  opener or unresolved reference, not a quotation, not a question) that names its matter:
  it shares a content word with the headline, or (without a headline) has a proper noun, a
  named entity or a number. Feature openings ("The sea had gone quiet by dawn.") do not.
"""

from __future__ import annotations

import re

from summarizers.document import span_text
from summarizers.summary.candidates import QUOTE_CHARS, dangles, quoted_fraction

SHELL_NOUNS = {
    "move", "decision", "comment", "remark", "announcement", "statement", "report", "commentary", "plan",
    "proposal", "deal", "agreement", "incident", "attack", "case", "claim", "measure", "step", "news", "row",
    "finding", "idea", "change", "ruling", "verdict", "letter", "interview", "speech", "visit", "meeting",
    "talk", "event", "episode", "study", "survey", "scheme", "warning", "criticism", "scandal", "affair",
    "controversy", "dispute", "result", "outcome", "offer", "bid", "acquisition", "merger", "takeover",
    "purchase", "sale", "trial", "probe", "inquiry", "investigation", "protest", "strike", "issue", "problem",
    "situation", "document", "amendment", "motion", "paper", "book", "film", "album", "show", "series",
    "song", "accident", "crash", "blast", "explosion", "latter", "former", "figure", "rise", "fall", "cut",
    "increase", "decline", "drop", "call", "appeal", "threat", "demand", "request", "order", "action",
}
ORG_NOUNS = {
    "firm", "company", "group", "business", "giant", "carrier", "airline", "retailer", "maker", "bank", "chain",
    "club", "side", "team", "band", "broadcaster", "network", "label", "studio", "channel", "watchdog",
    "regulator", "operator", "supermarket", "organisation", "organization", "charity", "union",
}
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "pair", "couple", "trio", "player", "star", "singer", "actor", "actress",
    "musician", "rapper", "comedian", "striker", "veteran", "teenager", "victim", "suspect", "defendant",
}
OPENERS = {
    "as", "while", "after", "when", "since", "although", "though", "because", "before", "until", "once",
    "despite", "following", "amid", "during", "with", "without", "at", "in", "on", "by", "for", "from",
    "under", "like", "unlike", "whereas", "if",
}
_DEFINING = {"prep", "acl", "relcl", "appos"}
_STOP = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "from", "as", "is",
         "are", "was", "were", "be", "has", "have", "had", "it", "its", "new", "says", "say", "said"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")


def _stem(word: str) -> str:
    return "~" + word[:5] if len(word) >= 5 else word


def _keys_of_word(word: str) -> set[str]:
    w = word.lower()
    keys = {w, _stem(w)}
    if w.endswith("s") and len(w) > 3:
        keys.add(w[:-1])
    return keys


def title_keys(title: str | None) -> set[str]:
    """Keys (lower-cased words, stems) of the headline: it is shown above every summary."""
    keys: set[str] = set()
    for w in _WORD.findall(title or ""):
        if w.lower() not in _STOP:
            keys |= _keys_of_word(w)
    return keys


def shown_keys(span) -> set[str]:
    """Keys a sentence shows to the sentences after it: its words, lemmas and stems, and
    ``@ORG`` / ``@PERSON`` when it names an organisation / a person."""
    keys: set[str] = set()
    for t in span:
        if t.is_alpha and t.lower_ not in _STOP:
            keys |= _keys_of_word(t.text) | _keys_of_word(t.lemma_)
        if t.ent_type_ in {"ORG", "PERSON"}:
            keys.add("@" + t.ent_type_)
    return keys


def _opening(span):
    toks = [t for t in span if not (t.is_punct or t.is_space or t.text in QUOTE_CHARS)]
    if not toks or span_text(span).lstrip()[:1] in QUOTE_CHARS:
        return None
    k = 1 if toks[0].lower_ in OPENERS and len(toks) > 1 else 0
    return toks[k] if toks[k].lower_ == "the" else None


def reference_keys(span) -> frozenset[str] | None:
    """None when the sentence does not open with a definite description that refers back;
    else the keys any of which, shown before, resolves it (see module docstring)."""
    the = _opening(span)
    if the is None or the.dep_ != "det":
        return None
    head = the.head
    if head.i - the.i > 3 or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    lemma = head.lemma_.lower()
    if lemma not in SHELL_NOUNS and lemma not in ORG_NOUNS and lemma not in PERSON_NOUNS:
        return None
    if any(c.dep_ in _DEFINING and c.i > head.i for c in head.children):
        return None  # "the decision to close the port", "the report by the committee"
    if any(c.i < head.i and (c.pos_ in {"PROPN", "NUM"} or c.ent_type_ or c.dep_ == "poss") for c in head.children):
        return None  # "the Tory plan", "the 2005 budget", "the BBC's report"
    keys = _keys_of_word(head.text) | _keys_of_word(lemma)
    if lemma in ORG_NOUNS:
        keys.add("@ORG")
    if lemma in PERSON_NOUNS:
        keys.add("@PERSON")
    return frozenset(keys)


def is_quotation(span) -> bool:
    """True when at least half of the sentence's characters are between double quotation marks."""
    count, share = quoted_fraction(span_text(span).strip())
    return count >= 2 and share >= 0.5


def carries_news(span, headline: set[str]) -> bool:
    """True when lede sentence ``span`` states the news (``headline``: :func:`title_keys` of the title)."""
    text = span_text(span).strip()
    if not text or text.endswith("?") or text[:1] in QUOTE_CHARS or dangles(span) or is_quotation(span):
        return False
    refs = reference_keys(span)
    if refs is not None and not refs & headline:
        return False
    if headline:
        content = {t for t in span if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"} and t.lower_ not in _STOP}
        return any((_keys_of_word(t.text) | _keys_of_word(t.lemma_)) & headline for t in content)
    return any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or t.like_num for t in span)
