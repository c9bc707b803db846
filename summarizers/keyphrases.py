"""Candidate keyphrases of a parsed text: noun phrases in the words the text uses.

A candidate is a run of adjectives and nouns that ends in a common noun (the POS-pattern
candidates of Hulth 2003, "Improved Automatic Keyword Extraction Given More Linguistic
Knowledge"), cut at anything else: determiners, numbers, dates and money ("the £500m
funding" gives "funding"), honorifics, possessives, conjunctions. Hyphen-joined tokens are one
word ("X-rays", "clean-up", "Blair-Brown"). Every sub-phrase of up to :data:`MAX_WORDS` words
that ends in a common noun is a candidate ("migrant health checks" gives "checks", "health
checks", "migrant health checks", "health" and "migrant health"); one that ends inside its
run is a modifier there ("health"), which counts for its frequency but not as the head. Names alone are actors, not issues: a candidate needs a
common noun as its head, though a name may modify it ("Iraq war", "Twitter account").

**Keys and labels.** A candidate's *key* merges inflections: a lowercase plural noun takes its
lemma ("checks" -> "check"), but a word written with capitals inside or all in capitals keeps
its form ("WikiLeaks", "ID"), and so do plurals whose lemma changes the word ("media",
"data", "politics", "arms"). Its *label* is the form the text uses most often, lowercased
except for names and capitalised abbreviations ("ID cards bill", "health checks").

The same function builds the background statistics (``tools/build_background.py``), so the
keys an article yields are the keys the background counted.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from config.topics import fold

_STEMMER = SnowballStemmer("english")

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


def _capitalised_names(doc) -> set[str]:
    """Lowercased forms of the words ``doc`` capitalises inside a sentence (names the tagger may
    have taken for common nouns: "Trump", "Budget"); a sentence's first word says nothing."""
    out = set()
    for i, tok in enumerate(doc):
        if i and not tok.is_sent_start and tok.is_title and tok.is_alpha and len(tok) > 1 and doc[i - 1].text not in ('"', "“", "‘", "'", ":"):
            out.add(tok.lower_)
    return out


def words_of(doc) -> list[tuple[int, Word | None]]:
    """``(token index, Word)`` for every word of ``doc`` (a spaCy ``Doc``); ``None`` marks a
    token that cuts candidates (determiner, number, punctuation, stop word, honorific...).
    A word is a name when a token is a proper noun or in a named entity (other than a common
    noun inside one: "the Iraq *war*"), or when the text capitalises it inside a sentence."""
    out: list[tuple[int, Word | None]] = []
    capitalised = _capitalised_names(doc)
    n = len(doc)
    i = 0
    sent_start = 0
    while i < n:
        tok = doc[i]
        if tok.is_sent_start:
            sent_start = i
        group = [tok]
        j = i
        # hyphen-joined: word '-' word with no spaces between
        while j + 2 < n and not doc[j].whitespace_ and doc[j + 1].text == "-" and not doc[j + 1].whitespace_ \
                and doc[j + 2].is_alpha and not doc[j + 2].is_sent_start:
            group += [doc[j + 1], doc[j + 2]]
            j += 2
        i = j + 1
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


@dataclass
class Keyphrase:
    """A keyphrase of one article with its evidence and score."""

    key: str
    label: str
    weight: float = 0.0
    """Position-weighted occurrences (one per sentence), title included."""
    count: int = 0
    sentences: int = 0
    in_title: bool = False
    specificity: float = 0.0
    score: float = 0.0
    forms: Counter = field(default_factory=Counter)
    head_sentences: int = 0
    """Sentences where it ends its run (is the head of the noun phrase, not a modifier)."""

    @property
    def words(self) -> list[str]:
        return self.key.split()


def in_title(key: str, folded_title: str) -> bool:
    """Every word of ``key`` occurs in ``folded_title`` (a word may take an ending: "split" in "splits")."""
    if not folded_title:
        return False
    for w in key.split():
        stem = w[:-1] if len(w) > 4 and w.endswith(("s", "e")) else w
        if not re.search(r"(?<!\w)" + re.escape(stem), folded_title):
            return False
    return True


COVERAGE_SCALE = 0.08
"""Coverage at which a keyphrase's frequency part reaches 1 - 1/e."""


def score_keyphrases(doc, sentence_weights: list[tuple[int, float]], total: float, folded_title: str = "",
                     title_weight: float = 0.0) -> dict[str, Keyphrase]:
    """Keyphrases of ``doc`` by key, each scored ``(1 - exp(-c / COVERAGE_SCALE)) * specificity``.

    ``sentence_weights`` is ``(first token index, position weight)`` per sentence in order,
    ``total`` the article's total weight (title included); ``c`` is a key's weighted sentences
    (plus ``title_weight`` when every word is in ``folded_title``) over ``total``, the
    position-weighted term frequency of :mod:`summarizers.issues`; specificity comes from
    the background (:func:`summarizers.background.specificity`). This is TF-IDF (Salton &
    Buckley 1988) with the issues' saturation. No evidence threshold is applied here.
    """
    from summarizers.background import specificity

    starts = [s for s, _ in sentence_weights]
    found: dict[str, Keyphrase] = {}
    seen: set[tuple[str, int]] = set()
    for cand in candidates(doc):
        k = bisect.bisect_right(starts, cand.start) - 1
        w = sentence_weights[k][1] if k >= 0 else 1.0
        kp = found.get(cand.key)
        if kp is None:
            kp = found[cand.key] = Keyphrase(cand.key, cand.label)
        kp.count += 1
        kp.forms[cand.label] += 1
        if (cand.key, k) not in seen:
            seen.add((cand.key, k))
            kp.sentences += 1
            kp.weight += w
        if cand.head and (cand.key, k, True) not in seen:
            seen.add((cand.key, k, True))
            kp.head_sentences += 1
    for kp in found.values():
        kp.label = _best_form(kp.forms)
        if title_weight and in_title(kp.key, folded_title):
            kp.in_title = True
            kp.weight += title_weight
        kp.specificity = specificity(kp.key)
        coverage = kp.weight / total if total > 0 else 0.0
        kp.score = (1.0 - math.exp(-coverage / COVERAGE_SCALE)) * kp.specificity
    return found


def _best_form(forms: Counter) -> str:
    """The most used form; between equals, the one with fewer capitals (sentence starts)."""
    return max(forms.items(), key=lambda kv: (kv[1], -sum(c.isupper() for c in kv[0]), kv[0]))[0]


ROLE_HEADS = {
    "minister", "secretary", "leader", "chief", "spokesman", "spokeswoman", "spokesperson", "president",
    "chancellor", "ambassador", "envoy", "official", "director", "chairman", "chairwoman", "chair", "head",
    "executive", "governor", "mayor", "senator", "lawmaker", "commissioner", "adviser", "advisor", "aide",
    "correspondent", "editor", "reporter", "analyst", "expert", "member", "colleague", "counterpart",
    "representative", "officer", "manager", "founder", "boss", "deputy", "candidate", "son", "daughter",
    "wife", "husband", "father", "mother", "brother", "sister", "family", "friend", "ally",
    "organisation", "organization", "company", "firm", "body", "union", "association", "agency",
    "authority", "department", "ministry", "committee", "council", "administration", "team", "party",
    "capital", "press", "watchdog", "regulator", "government", "force",
}
"""Heads that describe an actor ("Tory leader", "press secretary", "his son", "media
organisations", "the German capital"): actors have their own list; they are not issues."""
GENERIC_NOUNS = {
    "people", "person", "year", "time", "way", "thing", "part", "issue", "country", "number", "lot",
    "week", "month", "day", "today", "percent", "cent", "side", "matter", "fact", "point", "case",
    "place", "world", "man", "woman", "group", "report", "statement", "news", "story", "article",
    "comment", "question", "problem", "end", "kind", "sort", "term", "source", "image", "photo", "video",
    "picture", "home", "area", "level", "percentage", "rest", "other", "one", "deal", "plan", "interview",
    "event", "move", "step", "government", "agreement", "talk", "talks", "result", "relation", "meeting",
    "state", "work", "need", "support", "reason", "change", "view", "decision", "action", "idea", "hand",
    "word", "letter", "basis", "call", "rule", "concern", "information", "site", "button", "value",
    "office", "power", "nation", "money", "demand", "account", "project", "city", "price", "judgment",
    "fear", "hope", "claim", "local", "past", "future", "week", "weekend", "evening", "morning", "night",
}
"""Nouns too general to name a story's matter on their own (they may head a longer phrase)."""
MIN_KEYPHRASE_SCORE = 0.3
"""Keyphrases scoring below this are not issues."""


def _names_matter(kp: Keyphrase) -> bool:
    """Not an actor's description nor a general noun alone; the head of a noun phrase in two
    sentences, or in the title ("surveillance" in "new surveillance laws")."""
    words = kp.words
    if words[-1] in ROLE_HEADS or (len(words) == 1 and words[0] in GENERIC_NOUNS):
        return False
    return kp.head_sentences >= 2 or (kp.in_title and kp.sentences >= 1)


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a folded word: "bets" and "betting" give "bet"."""
    return _STEMMER.stem(word)


def stems(words) -> set[str]:
    """Stems of ``words``."""
    return {stem(w) for w in words}


def _overlaps(a: Keyphrase, b: Keyphrase) -> bool:
    """Same head stem ("bets", "betting"), or one phrase's words inside the other's
    ("dumpsite", "nuclear dumpsite")."""
    sa, sb = stems(a.words), stems(b.words)
    return stem(a.words[-1]) == stem(b.words[-1]) or sa <= sb or sb <= sa


def select_keyphrases(found: dict[str, Keyphrase], label_words: set[str], term_words: set[str],
                      limit: int) -> list[Keyphrase]:
    """Up to ``limit`` keyphrases of ``found`` that name the matter, best first.

    A keyphrase needs :data:`MIN_KEYPHRASE_SCORE`, two sentences or the title, a head that is
    not an office ("leader") and, alone, not a general noun ("people"); it must say more than
    the taxonomy issues already kept (not only words of their labels, ``label_words``; not one
    word that matched their terms, ``term_words``; compared by stem) and must not overlap a
    better one (same head stem, or inside it: between equal scores the longer phrase wins)."""
    ranked = sorted(found.values(), key=lambda kp: (-round(kp.score, 4), -len(kp.words), kp.key))
    chosen: list[Keyphrase] = []
    for kp in ranked:
        if len(chosen) >= limit or kp.score < MIN_KEYPHRASE_SCORE:
            break
        words = stems(kp.words)
        if not _names_matter(kp) or words <= stems(label_words) or (len(words) == 1 and words <= stems(term_words)):
            continue
        if any(_overlaps(kp, c) for c in chosen):
            continue
        chosen.append(kp)
    return chosen
