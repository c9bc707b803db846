"""Candidate keyphrases of a parsed text: noun phrases in the words the text uses.

A candidate is a run of adjectives and nouns that ends in a common noun (the POS-pattern
candidates of Hulth 2003, "Improved Automatic Keyword Extraction Given More Linguistic
Knowledge"), cut at anything else: determiners, numbers, dates and money ("the £500m
funding" gives "funding"), honorifics, possessives, conjunctions. Hyphen-joined tokens are one
word ("X-rays", "clean-up", "Blair-Brown"). Every sub-phrase of up to :data:`MAX_WORDS` words
that ends in a common noun is a candidate ("migrant health checks" gives "checks", "health
checks", "migrant health checks", "health" and "migrant health"); one that ends inside its
run is a modifier there ("health"), which counts for its frequency but not as the head.
Names alone are actors, not issues: a candidate needs a common noun as its head, though a
name may modify it ("Iraq war", "Twitter account").

**Keys and labels.** A candidate's *key* merges inflections: a lowercase plural noun takes its
lemma ("checks" -> "check"), but a word written with capitals inside or all in capitals keeps
its form ("WikiLeaks", "ID"), and so do plurals whose lemma changes the word ("media",
"data", "politics", "arms"). Its *label* is the form the text uses most often, lowercased
except for names and capitalised abbreviations ("ID cards bill", "health checks").

The same function builds the background statistics (``benchmarks/build_background.py``), so the
keys an article yields are the keys the background counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from config.topics import fold

MAX_WORDS = 3
"""Longest candidate, in words."""
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor", "rev"}
FILLER_MODIFIERS = {
    "other", "many", "few", "several", "new", "last", "next", "same", "own", "such", "former", "first",
    "second", "third", "recent", "further", "main", "major", "key", "big", "great", "little", "good",
    "bad", "high", "low", "long", "short", "early", "late", "certain", "various", "whole", "total",
    "current", "possible", "real", "full", "only", "previous", "latest", "top", "large", "small",
    "best", "worst", "biggest", "largest", "more", "most", "less", "least", "much", "very", "particular",
}
"""Modifiers that say nothing about the matter: dropped at the start of a candidate."""
KEEP_PLURAL = {"data", "media", "criteria", "news", "politics", "economics", "arms", "species", "series",
               "means", "headquarters", "sales", "goods", "earnings", "savings", "talks", "troops", "forces",
               "ethics", "physics", "statistics", "athletics", "mathematics", "electronics", "genetics",
               "logistics", "graphics", "linguistics", "humanities"}
"""Plurals whose lemma is another word or another sense ("media" -> "medium", "arms" -> "arm")."""
_SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}


@dataclass(frozen=True)
class Word:
    """One word of the text (hyphen-joined tokens make one word)."""

    text: str
    key: str
    noun: bool
    """A common noun: may end a candidate."""
    name: bool
    """Part of a name (proper noun or named entity)."""
    sentence: int
    """Index of the token's sentence start (``Token.sent.start`` is slow; the caller passes it)."""


@dataclass(frozen=True)
class Candidate:
    """One occurrence of a candidate keyphrase: its key, its words as written, where it starts."""

    key: str
    label: str
    start: int
    """Token index of its first word."""
    head: bool = True
    """It ends where its run ends ("health checks" in "migrant health checks"); "health" there
    is a modifier, not what the sentence talks about."""


def _word_key(tokens, name: bool) -> str:
    """The key of one word: lemma of a plural common noun written in lowercase (a capital first
    letter allowed: "Plans" opening a sentence), otherwise the lowercased form."""
    last = tokens[-1]
    text = "".join(t.text for t in tokens)
    lower = text.lower()
    if not name and last.pos_ == "NOUN" and last.tag_ == "NNS" and last.text[1:].islower() \
            and last.lower_ not in KEEP_PLURAL:
        lemma = last.lemma_.lower()
        if lemma and last.lower_.startswith(lemma[:max(1, len(lemma) - 1)]):
            lower = lower[: len(lower) - len(last.text)] + lemma
    return fold(lower)


def _display(tokens, name: bool) -> str:
    text = "".join(t.text for t in tokens)
    rest = text[1:]
    if name or any(c.isupper() for c in rest) or (len(text) > 1 and text.isupper()):
        return text
    return text.lower()


def _capitalised_names(tokens) -> set[str]:
    """Lowercased forms of the words capitalised inside a sentence among ``tokens`` (a ``Doc``'s
    tokens, as a list): names the tagger may have taken for common nouns ("Trump", "Budget");
    a sentence's first word says nothing."""
    out = set()
    for i, tok in enumerate(tokens):
        if i and not tok.is_sent_start and tok.is_title and tok.is_alpha and len(tok) > 1 \
                and tokens[i - 1].text not in ('"', "“", "‘", "'", ":"):
            out.add(tok.lower_)
    return out


def words_of(doc) -> list[tuple[int, Word | None]]:
    """``(token index, Word)`` for every word of ``doc`` (a spaCy ``Doc``); ``None`` marks a
    token that cuts candidates (determiner, number, punctuation, stop word, honorific...).
    A word is a name when a token is a proper noun or in a named entity (other than a common
    noun inside one: "the Iraq *war*"), or when the text capitalises it inside a sentence."""
    out: list[tuple[int, Word | None]] = []
    tokens = list(doc)  # one Token object per token: indexing a Doc builds a new one each time
    capitalised = _capitalised_names(tokens)
    n = len(tokens)
    i = 0
    sent_start = 0
    while i < n:
        tok = tokens[i]
        if tok.is_sent_start:
            sent_start = i
        group = [tok]
        j = i
        # hyphen-joined: word '-' word with no spaces between
        while j + 2 < n and not tokens[j].whitespace_ and tokens[j + 1].text == "-" \
                and not tokens[j + 1].whitespace_ and tokens[j + 2].is_alpha and not tokens[j + 2].is_sent_start:
            group += [tokens[j + 1], tokens[j + 2]]
            j += 2
        i = j + 1
        if j == tok.i:  # one token (most words): the checks below, without building sets and lists
            out.append((j, _single_word(tok, capitalised, sent_start)))
            continue
        parts = [t for t in group if t.text != "-"]
        if not parts:
            out.append((group[0].i, None))
            continue
        head = parts[-1]
        ok = all(t.is_alpha for t in parts) and (len(parts) > 1 or len(head.text) > 1)
        if not ok or head.ent_type_ in _SKIP_ENTS or group[0].ent_type_ in _SKIP_ENTS or group[0].lower_ in HONORIFICS:
            out.append((group[0].i, None))
            continue
        pos = {t.pos_ for t in parts}
        if len(parts) == 1 and (head.is_stop or head.pos_ not in ("NOUN", "PROPN", "ADJ")):
            out.append((group[0].i, None))
            continue
        if len(parts) > 1 and not pos & {"NOUN", "PROPN", "ADJ"}:
            out.append((group[0].i, None))
            continue
        name = any(t.pos_ == "PROPN" or (t.ent_type_ in _NAME_ENTS and t.pos_ != "NOUN")
                   or (t.is_title and t.lower_ in capitalised) for t in parts)
        noun = not name and (head.pos_ == "NOUN" or (len(parts) > 1 and "NOUN" in pos))
        out.append((group[0].i, Word(_display(group, name), _word_key(group, name), noun, name, sent_start)))
    return out


def _single_word(tok, capitalised: set[str], sent_start: int) -> Word | None:
    """:func:`words_of`'s verdict on a word of one token (same rules, same order)."""
    if not tok.is_alpha or len(tok.text) < 2:  # "-" alone is not alphabetic either
        return None
    ent, pos, lower = tok.ent_type_, tok.pos_, tok.lower_
    if ent in _SKIP_ENTS or lower in HONORIFICS or tok.is_stop or pos not in ("NOUN", "PROPN", "ADJ"):
        return None
    name = pos == "PROPN" or (ent in _NAME_ENTS and pos != "NOUN") or (tok.is_title and lower in capitalised)
    return Word(_display([tok], name), _word_key([tok], name), not name and pos == "NOUN", name, sent_start)


def candidates(doc) -> Iterator[Candidate]:
    """Every candidate occurrence in ``doc`` (a spaCy ``Doc`` with tags, lemmas and entities),
    in text order; sub-phrases of a run are yielded too (see the module docstring)."""
    run: list[tuple[int, Word]] = []
    for idx, word in words_of(doc) + [(len(doc), None)]:
        if word is not None and (not run or run[-1][1].sentence == word.sentence):
            run.append((idx, word))
            continue
        yield from _run_candidates(run)
        run = [(idx, word)] if word is not None else []


def _run_candidates(run: list[tuple[int, Word]]) -> Iterator[Candidate]:
    for end in range(len(run)):
        if not run[end][1].noun:
            continue
        head = end == len(run) - 1
        for start in range(max(0, end - MAX_WORDS + 1), end + 1):
            part = [w for _, w in run[start:end + 1]]
            if part[0].key in FILLER_MODIFIERS:
                continue
            yield Candidate(" ".join(w.key for w in part), " ".join(w.text for w in part), run[start][0], head)
