"""Keyphrases that name an article's matter: candidates scored against a background of other news.

Candidates come from :func:`summarizers.issues.nounphrases.candidates`. Each key's position-weighted
frequency (one count per sentence, title added) gives its coverage; times its specificity in
the background (:mod:`summarizers.issues.background`) this is its score (TF-IDF with the saturation
of :mod:`summarizers.issues.rank`). :func:`select_keyphrases` keeps the few that name the matter:
not an actor's description, not a general noun alone, not overlapping a better one.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from summarizers.issues.nounphrases import candidates

_STEMMER = SnowballStemmer("english")


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
    """``key``'s words occur in ``folded_title`` in order, next to each other (a word may take
    an ending: "split" in "splits", "health check" in "migrant health checks")."""
    if not folded_title:
        return False
    stems = [w[:-1] if len(w) > 4 and w.endswith(("s", "e")) else w for w in key.split()]
    if all(_WORD.fullmatch(stem) for stem in stems):  # words only: compare with the title's words
        words = _title_words(folded_title)
        n = len(stems)
        return any(all(words[i + k].startswith(stems[k]) for k in range(n)) for i in range(len(words) - n + 1))
    pattern = r"(?<!\w)" + r"\w*\W+".join(re.escape(stem) for stem in stems)
    return re.search(pattern, folded_title) is not None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=256)
def _title_words(folded_title: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(folded_title))


COVERAGE_SCALE = 0.08
"""Coverage at which a keyphrase's frequency part reaches 1 - 1/e."""


def score_keyphrases(doc, sentence_weights: list[tuple[int, float]], total: float, folded_title: str = "",
                     title_weight: float = 0.0) -> dict[str, Keyphrase]:
    """Keyphrases of ``doc`` by key, each scored ``(1 - exp(-c / COVERAGE_SCALE)) * specificity``.

    ``sentence_weights`` is ``(first token index, position weight)`` per sentence in order,
    ``total`` the article's total weight (title included); ``c`` is a key's weighted sentences
    (plus ``title_weight`` when every word is in ``folded_title``) over ``total``, the
    position-weighted term frequency of :mod:`summarizers.issues.rank`; specificity comes from
    the background (:func:`summarizers.issues.background.specificity`). This is TF-IDF (Salton &
    Buckley 1988) with the issues' saturation. No evidence threshold is applied here.
    """
    from summarizers.issues.background import specificity

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
    "capital", "press", "watchdog", "regulator", "government",
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
    "figure", "figures", "history", "service", "user", "users", "gram", "kilogram", "mile", "unit",
}
"""Nouns too general to name a story's matter on their own (they may head a longer phrase)."""
MIN_KEYPHRASE_SCORE = 0.3
"""Keyphrases scoring below this are not issues."""
FILL_SCORE = 0.15
"""The lower bar of keyphrases that fill a brief's first issues when too few pass the first."""


def _names_matter(kp: Keyphrase, fill: bool = False) -> bool:
    """Not an actor's description nor a general noun alone; the head of a noun phrase in two
    sentences, or in the title ("surveillance" in "new surveillance laws"). ``fill`` (filling
    empty issue slots): the head of a noun phrase once and present in two sentences is enough."""
    words = kp.words
    if words[-1] in ROLE_HEADS or (len(words) == 1 and words[0] in GENERIC_NOUNS):
        return False
    if fill and kp.head_sentences >= 1 and kp.sentences >= 2:
        return True
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


def select_keyphrases(found: dict[str, Keyphrase], label_words: set[str], limit: int,
                      min_score: float = MIN_KEYPHRASE_SCORE) -> list[Keyphrase]:
    """Up to ``limit`` keyphrases of ``found`` that name the matter, best first.

    A keyphrase needs ``min_score`` (default :data:`MIN_KEYPHRASE_SCORE`), two sentences or the
    title, a head that is not an office ("leader") and, alone, not a general noun ("people"); it
    must say more than the taxonomy issues already kept (not only words of their labels,
    ``label_words``, compared by stem; one word that matched a label's terms is kept, since it
    is more specific than the label: "inflation" beside "economy and taxes", "sanctions"
    beside "foreign relations") and must not overlap a better one (same head stem, or inside
    it: between equal scores the longer phrase wins). With a ``min_score`` below
    :data:`MIN_KEYPHRASE_SCORE` (filling the issues a brief shows first) a noun phrase's head
    once in two sentences will do."""
    ranked = sorted(found.values(), key=lambda kp: (-round(kp.score, 4), -len(kp.words), kp.key))
    chosen: list[Keyphrase] = []
    for kp in ranked:
        if len(chosen) >= limit or kp.score < min_score:
            break
        words = stems(kp.words)
        if not _names_matter(kp, min_score < MIN_KEYPHRASE_SCORE) or words <= stems(label_words):
            continue
        if any(_overlaps(kp, c) for c in chosen):
            continue
        chosen.append(kp)
    return chosen
