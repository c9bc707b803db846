"""Which parsed sentences may stand in an extractive summary, and which would dangle.

Two checks on spaCy sentence spans, both rule-based and documented in docs/summary.md:

* :func:`is_candidate` rejects what is not a sentence of the story: page furniture left
  over by cleaning (credits, "Skip to content", "Read more"), headings, subheads and
  captions (too short, no finite verb, no closing punctuation, or a caption marker such as
  "Clockwise from top:", "Pictured:", "(left)", "Photograph by"), run-ons longer than
  :data:`MAX_WORDS` words, text fused by page extraction ("Kristi NoemKristi Lynn
  NoemSouth Dakota governor ... MORE (R)": link and teaser text glued into the sentence),
  and sentences that are only a fragment of a quotation (a quote that opens or closes in
  another sentence, or a quote with no attribution outside the marks).
* :func:`dangles` flags a sentence whose opening word needs a referent from the sentence
  before it: a third-person pronoun ("He added ..."), a connective ("But", "However,",
  "In addition"), a demonstrative ("This ...", "These measures ..."), a person pronoun in
  an opening subordinate clause ("As she left court, ...", "After their talks, ..."), or a
  pronoun speaker ("..., she said") with no named person in the sentence. Audits of extractive news
  summaries find such dangling references in about one summary in seven (see
  docs/summary.md), so the summarizer never shows one without its preceding sentence.
"""

from __future__ import annotations

import re

from summarizers.document import span_text, tokens

MIN_WORDS = 6
"""Sentences with fewer words are subheads or fragments, never summary sentences."""

PROSE_WORDS = 12
"""Sentences this long are prose for :func:`has_finite_verb` (captions are shorter)."""
MAX_WORDS = 80
"""Longer "sentences" are run-ons (a missing full stop, a list, extraction debris), never summary sentences."""

QUOTE_CHARS = "\"“”«»„"

# Caption markers: a photo caption that survived cleaning names the picture's layout or credit.
_CAPTION_START_RE = re.compile(
    r"^\W*(?:(?:anti-?|counter-?)?clockwise from\b|from (?:left|right|top|bottom)\b|left to right\b|\(?l-r\b|"
    r"pictured\s*:|main image\s*:|inset\s*:|top\s*:|above\s*:|below\s*:|(?:top |bottom )?(?:left|right)\s*:)",
    re.IGNORECASE,
)
_CAPTION_ANY_RE = re.compile(
    r"(?:\((?:left|right|centre|center|top|bottom|above|below|inset|pictured|main picture|"
    r"(?:second |third )?(?:from )?(?:left|right))\)|\b(?:photo(?:graph)?s? by|photo credit|image credit|"
    r"illustration\s*:|composite\s*:|credit\s*:))",
    re.IGNORECASE,
)
_LOWER_UPPER_RE = re.compile(r"^[a-z]{3,}[A-Z][a-z]")
_TITLE_JOIN_RE = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]{2,})")
_CASE_JOIN_RE = re.compile(r"[a-z][A-Z]")
_TEASER_RE = re.compile(r"(?:\bMORE\b|\bREAD MORE\b|\bRELATED\s*:|\bWATCH\s*:|\bLISTEN\s*:)")
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}

_FURNITURE_RE = re.compile(
    r"(?:\bskip to\b|\bimage:|\bphoto:|\bphotograph:|\bvideo:|\bcaption:|getty images|\breuters/|/reuters\b|"
    r"/afp\b|\bafp/|/ap\b|\bap photo\b|/dpa\b|\bpicture[- ]alliance\b|\bread more\b|\bclick here\b|"
    r"\bsubscribe\b|\bnewsletter\b|\bshare (?:this|on)\b|\ball rights reserved\b|©|\bcopyright\b|"
    r"\bcookies?\b|\bmedia caption\b|\bimage caption\b|\bimage source\b|\bwatch video\b|"
    r"\bthis article was originally (?:written|published)\b|\brelated (?:stories|content|topics)\b|"
    r"\bfollow us\b|\bsign up\b|\bdw recommends\b|\bpermalink\b|\bcomments?\s*\(\d+\)|^\s*\d+\s+comments\b|"
    r"\bmore on this story\b|\badvertisement\b|^\W*(?:related|watch|listen|see also|more)\s*:)",
    re.IGNORECASE,
)

_TERMINAL_RE = re.compile(r"[.!?…][\"“”»’')\]]*\s*$")

PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "hers", "theirs"}
DEMONSTRATIVES = {"this", "that", "these", "those", "such"}
CONNECTIVES = {
    "but", "however", "yet", "still", "also", "meanwhile", "instead", "moreover", "furthermore",
    "additionally", "nevertheless", "nonetheless", "therefore", "thus", "hence", "so", "and", "or",
    "then", "besides", "likewise", "similarly", "otherwise", "consequently", "accordingly", "indeed",
    "plus", "again", "afterwards", "finally", "nor", "both",
}
MULTIWORD_CONNECTIVES = (
    "in addition", "as a result", "on the other hand", "in turn", "even so", "at the same time",
    "for example", "for instance", "in contrast", "by contrast", "after that", "that is why",
    "that's why", "on top of that", "in response", "in the meantime", "as well", "the latter",
    "the former,", "the same",
)
CLAUSE_OPENERS = {"as", "while", "after", "when", "since", "although", "though", "because", "before", "until",
                  "once", "despite", "following", "during", "whereas", "if", "unlike", "like"}
OPENING_PRONOUNS = {"he", "she", "they", "his", "her", "their", "him", "them"}
TIME_NOUNS = {
    "year", "week", "month", "morning", "afternoon", "evening", "night", "summer", "spring", "autumn",
    "fall", "winter", "time", "weekend", "century", "decade", "day", "season", "quarter", "term",
}
SPEECH_LEMMAS = {
    "say", "add", "tell", "explain", "note", "argue", "warn", "insist", "write", "claim", "state",
    "continue", "stress", "emphasize", "emphasise", "believe", "think", "ask", "reply", "recall",
}


def _words(span) -> list:
    return [t for t in span if t.is_alpha or t.like_num]


def quoted_fraction(text: str) -> tuple[int, float]:
    """Count of double quotation marks in ``text`` and the share of characters between pairs."""
    marks = [i for i, ch in enumerate(text) if ch in QUOTE_CHARS]
    inside = sum(marks[k + 1] - marks[k] for k in range(0, len(marks) - 1, 2))
    return len(marks), (inside / len(text) if text else 0.0)


def _outside_quotes(span) -> list:
    """Tokens of ``span`` that are not between double quotation marks."""
    out, inside = [], False
    for tok in span:
        if tok.text in QUOTE_CHARS or (len(tok.text) == 1 and tok.text in QUOTE_CHARS):
            inside = not inside
            continue
        if not inside:
            out.append(tok)
    return out


_FURNITURE_LOWER_RE = re.compile(_FURNITURE_RE.pattern)
""":data:`_FURNITURE_RE` without IGNORECASE, for lower-cased ASCII text: its letters are all
lower case, so on ASCII text it matches exactly where the case-insensitive one does, and a
third faster (this check runs on every sentence)."""


def is_furniture(text: str) -> bool:
    """True when ``text`` carries page furniture (credits, navigation, share or cookie text)."""
    if text.isascii():
        return bool(_FURNITURE_LOWER_RE.search(text.lower()))
    return bool(_FURNITURE_RE.search(text))


def is_quote_fragment(span) -> bool:
    """True when the sentence is only part of a quotation: its quote opens or closes in another
    sentence, or it is mostly quoted words with no attribution verb outside the marks."""
    text = span_text(span).strip()
    count, share = quoted_fraction(text)
    if count == 0:
        return False
    if count % 2 == 1:
        return True
    if share < 0.6:
        return False
    outside = _outside_quotes(span)
    return not any(t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in SPEECH_LEMMAS for t in outside)


def is_caption(text: str) -> bool:
    """True when ``text`` carries a photo-caption marker ("Clockwise from top:", "Pictured:",
    "(left)", "Photograph by ...", "Illustration:")."""
    return bool(_CAPTION_START_RE.search(text) or _CAPTION_ANY_RE.search(text))


def has_finite_verb(span, n_words: int | None = None) -> bool:
    """True when the sentence has a finite verb (past, present or modal, by spaCy's tag or
    morphology, or a verb with a subject). Captions and headlines often have only participles
    ("Bones recovered from a stranded whale."); a participle without an auxiliary counts as
    finite only in sentences of at least :data:`PROSE_WORDS` words, where it is more often a
    past tense the small model mis-tagged. ``n_words``: the sentence's word count when the
    caller has it (counted here otherwise)."""
    long = (len(_words(span)) if n_words is None else n_words) >= PROSE_WORDS
    for t in span:
        if t.tag_ in _FINITE_TAGS or "Fin" in t.morph.get("VerbForm"):
            return True
        # the small model tags some present-tense verbs VB ("his family hold a stake")
        if t.pos_ in ("VERB", "AUX") and t.tag_ == "VB" and any(c.dep_ in _SUBJECTS for c in t.children):
            return True
        # a regular past form after a long subject is often tagged as a participle ("The survey
        # of 5,000 households pointed to ..."); in prose-length sentences give it the benefit
        if (t.pos_ == "VERB" and t.tag_ == "VBN" and long
                and not any(c.dep_ in ("aux", "auxpass") for c in t.children)):
            return True
    return False


def _doc_words(doc) -> set[str]:
    """Standalone alphabetic tokens of ``doc`` (computed once per doc, kept in ``doc.user_data``)."""
    key = "briefbot.candidates.words"
    words = doc.user_data.get(key)
    if words is None:
        words = {t.text for t in tokens(doc) if t.is_alpha}
        doc.user_data[key] = words
    return words


def has_fused_text(span) -> bool:
    """True when page extraction glued link or teaser text into the sentence: a token that
    joins a lower-case word and a capitalised one ("campaignSouth"), two tokens made of two
    capitalised words that both also stand alone in the article ("NoemKristi" and
    "NoemSouth" beside "Noem", "Kristi" and "South"), or an upper-case teaser marker ("... MORE (R)", "RELATED:") in a
    mixed-case sentence. Brand names ("YouTube", "McDonald", "iPhone") do not match."""
    text = span_text(span)
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) < 0.5 * len(letters) and _TEASER_RE.search(text):
        return True
    if not _CASE_JOIN_RE.search(text):
        return False  # both fused shapes need a lower-case letter followed by an upper-case one
    joins = 0
    for tok in span:
        word = tok.text
        if len(word) < 6 or not word.isalpha() or (tok.i > 0 and tok.doc[tok.i - 1].text in ("#", "@")):
            continue  # hashtags and handles are written in camel case
        if _LOWER_UPPER_RE.match(word):
            return True
        m = _TITLE_JOIN_RE.match(word)
        if m:
            standalone = _doc_words(span.doc)
            joins += m.group(1) in standalone and m.group(2) in standalone
    return joins >= 2  # one such word may be a company name ("TimeWarner"); link debris repeats


def is_candidate(span) -> bool:
    """True when spaCy sentence ``span`` can stand in a summary (see module docstring):
    :data:`MIN_WORDS` to :data:`MAX_WORDS` words, closing punctuation, a finite verb, no
    furniture, caption marker or fused extraction text, and not a bare quote fragment (so its
    double quotation marks are balanced)."""
    text = span_text(span).strip()
    n_words = len(_words(span))
    if n_words < MIN_WORDS or n_words > MAX_WORDS:
        return False
    if not _TERMINAL_RE.search(text):
        return False  # headings, captions and menu lines have no closing punctuation
    if not has_finite_verb(span, n_words):
        return False
    if is_furniture(text) or is_caption(text) or has_fused_text(span):
        return False
    return not is_quote_fragment(span)


def _first_word(span):
    for tok in span:
        if tok.is_punct or tok.is_space or tok.text in QUOTE_CHARS:
            continue
        return tok
    return None


def dangles(span) -> bool:
    """True when the sentence opens with (or attributes its quote to) a word whose referent is
    in an earlier sentence: pronoun, connective, demonstrative, or a pronoun speaker."""
    text = span_text(span).strip()
    starts_quoted = bool(text) and text[0] in QUOTE_CHARS
    first = _first_word(span)
    if first is None:
        return False
    low = first.lower_
    lowered = text.lstrip(QUOTE_CHARS + " ").lower()
    if not starts_quoted:
        if low in PRONOUNS and first.dep_ != "expl":
            return True
        if low in CONNECTIVES and not (low == "so" and _next_lower(first) == "far"):
            return True
        if any(lowered.startswith(m + " ") or lowered.startswith(m + ",") for m in MULTIWORD_CONNECTIVES):
            return True
        if low in DEMONSTRATIVES:
            if first.dep_ != "det" or first.head.lemma_.lower() not in TIME_NOUNS:
                return True
        if low in CLAUSE_OPENERS and _pronoun_in_opening_clause(first):
            return True
    named_speaker = any(
        t.ent_type_ == "PERSON" and t.dep_.startswith("nsubj") and t.head.lemma_.lower() in SPEECH_LEMMAS
        for t in span
    )
    if not named_speaker:
        for tok in _outside_quotes(span):
            if tok.lower_ in ("he", "she", "they") and tok.dep_.startswith("nsubj") and tok.head.lemma_.lower() in SPEECH_LEMMAS:
                return True
    return False


def _pronoun_in_opening_clause(first) -> bool:
    """A person pronoun in the clause a subordinator opens, before its comma ("As he left
    court, ...", "After their talks, ..."): its referent is in an earlier sentence."""
    doc = first.doc
    for k in range(first.i + 1, min(len(doc), first.i + 16)):
        t = doc[k]
        if t.text in {",", ";", ":"} or t.is_sent_start:
            return False
        if t.lower_ in OPENING_PRONOUNS:
            return True
    return False


def _next_lower(tok) -> str:
    return tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
