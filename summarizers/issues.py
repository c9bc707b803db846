"""Policy issues of an article: a topic taxonomy scored by salience, plus keyphrases it misses.

**Taxonomy issues.** The taxonomy is a plain ``{label: [term, ...]}`` dict (a topic's
``[issues]`` table); terms match whole words, case- and accent-insensitively, and a trailing
``*`` makes a prefix (``migra*``). Each match counts with the weight of where it occurs
(:data:`WEIGHTS`: the title counts 3, the lead — first paragraph or first two sentences — and
summary sentences 2, the rest 1); an issue needs a weighted count of at least
:data:`MIN_WEIGHT`. Scores are the weighted count divided by the best issue's, so the most
salient issue scores 1.0.

**Keyphrases.** Noun chunks (spaCy) reduced to their content words (lemmas; no determiners,
pronouns, numbers or named entities of people, places and organisations), counted with the
same position weights; a keyphrase must occur at least twice, must not consist only of words
of a taxonomy label or of matched terms, and scores below every taxonomy issue (it is added after
them). This is the noun-phrase-frequency keyphrase baseline (cf. Hasan & Ng 2014, "Automatic
Keyphrase Extraction: A Survey of the State of the Art").
"""

from __future__ import annotations

import re
from collections import defaultdict

from config.topics import fold, term_pattern
from summarizers.document import Document
from summarizers.model import Issue

WEIGHTS = {"title": 3.0, "lead": 2.0, "summary": 2.0, "body": 1.0}
MIN_WEIGHT = 2.0
MAX_KEYPHRASES = 3
MAX_ISSUES = 12

# Nouns too generic to name an issue on their own.
GENERIC_NOUNS = {
    "people", "person", "year", "time", "way", "thing", "part", "issue", "country", "number", "lot",
    "week", "month", "day", "today", "percent", "cent", "side", "matter", "fact", "point", "case",
    "place", "world", "man", "woman", "group", "leader", "official", "member", "report", "statement",
    "news", "story", "article", "comment", "question", "problem", "end", "kind", "sort", "term",
    "spokesman", "spokeswoman", "spokesperson", "expert", "analyst", "minister", "president", "head",
    "director", "chief", "source", "image", "photo", "video", "picture", "home", "area", "level",
    "percentage", "rest", "other", "one", "deal", "plan", "interview", "event", "move", "step",
    "government", "agreement", "talk", "talks", "result", "relation", "relationship", "meeting", "state",
    "work", "need", "support", "reason", "change", "view", "decision", "action", "idea", "hand",
}
MIN_SINGLE_NOUN = 3
"""A one-word keyphrase must occur at least this often (multi-word ones at least twice)."""
_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL",
                 "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART", "EVENT", "LANGUAGE"}


def _sentence_weights(document: Document, summary: list[str]) -> list[tuple[str, float]]:
    """(folded sentence text, weight) for every sentence of the document."""
    summary_set = {s.strip() for s in summary}
    out = []
    for k, span in enumerate(document.sentences):
        text = span.text.strip()
        if not text:
            continue
        lead = document.paragraph_of(span.start_char) == 0 or k < 2
        weight = WEIGHTS["lead"] if lead else WEIGHTS["body"]
        if text in summary_set:
            weight = max(weight, WEIGHTS["summary"])
        out.append((span, weight))
    return out


def taxonomy_scores(document: Document, taxonomy: dict[str, list[str]], summary: list[str] = ()) -> dict[str, float]:
    """Weighted match counts per taxonomy label (labels with no match are left out)."""
    patterns = {label: term_pattern(terms) for label, terms in taxonomy.items()}
    raw: dict[str, float] = defaultdict(float)
    title = fold(document.meta.title or "")
    for label, pattern in patterns.items():
        if pattern is not None and title:
            raw[label] += WEIGHTS["title"] * len(pattern.findall(title))
    for span, weight in _sentence_weights(document, list(summary)):
        hay = fold(span.text)
        for label, pattern in patterns.items():
            if pattern is not None:
                n = len(pattern.findall(hay))
                if n:
                    raw[label] += weight * n
    return {label: v for label, v in raw.items() if v > 0}


def _chunk_key(chunk) -> tuple[str, str] | None:
    """(folded lemma key, display label) of a noun chunk, or None when it names no issue."""
    if chunk.root.ent_type_ in _ENTITY_TYPES or chunk.root.pos_ == "PROPN":
        return None
    words = [t for t in chunk if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "ADJ", "PROPN")
             and t.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP", "DATE")]
    while words and words[0].pos_ == "ADJ" and words[0].lower_ in {"other", "many", "few", "several", "new", "last", "next", "same", "own", "such", "former"}:
        words = words[1:]
    if not words or not any(t.pos_ == "NOUN" for t in words) or len(words) > 3:
        return None
    lemmas = [t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in words]
    if len(lemmas) == 1 and (lemmas[0] in GENERIC_NOUNS or len(lemmas[0]) < 4):
        return None
    label = " ".join(lemmas)
    return " ".join(fold(x) for x in lemmas), label


def keyphrase_scores(document: Document, summary: list[str] = ()) -> dict[str, tuple[float, str]]:
    """Weighted counts of noun-chunk keyphrases: ``{key: (weight, display label)}``."""
    import bisect

    weighted = _sentence_weights(document, list(summary))
    starts = [span.start for span, _ in weighted]
    found: dict[str, list] = {}
    for chunk in document.doc.noun_chunks:  # one pass over the doc (Span.noun_chunks rescans it)
        k = bisect.bisect_right(starts, chunk.start) - 1
        w = weighted[k][1] if k >= 0 else WEIGHTS["body"]
        got = _chunk_key(chunk)
        if got is None:
            continue
        key, label = got
        entry = found.setdefault(key, [0.0, label, 0])
        entry[0] += w
        entry[2] += 1
    title = fold(document.meta.title or "")
    out = {}
    for key, (weight, label, count) in found.items():
        if count < (MIN_SINGLE_NOUN if " " not in key else 2):
            continue
        if title and re.search(r"(?<!\w)" + re.escape(key.split()[-1]), title):
            weight += WEIGHTS["title"]
        out[key] = (weight, label)
    return out


def extract_issues(document: Document, taxonomy: dict[str, list[str]] | None, summary: list[str] = (),
                   max_keyphrases: int = MAX_KEYPHRASES) -> list[Issue]:
    """The article's issues, most salient first: taxonomy issues, then up to ``max_keyphrases`` keyphrases.

    ``document`` is the parsed article, ``taxonomy`` a ``{label: [term, ...]}`` dict (or None
    for keyphrases only), ``summary`` the summary sentences (they weigh more). Scores are in
    [0, 1]; at most :data:`MAX_ISSUES` issues are returned.
    """
    taxonomy = dict(taxonomy or {})
    raw = {label: v for label, v in taxonomy_scores(document, taxonomy, summary).items() if v >= MIN_WEIGHT}
    issues: list[Issue] = []
    if raw:
        best = max(raw.values())
        issues = [Issue(label, v / best) for label, v in sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))]
    floor = min((i.score for i in issues), default=1.0)
    taken_words = _matched_words(document, {label: taxonomy[label] for label in raw})
    taken_words |= {fold(w) for label in taxonomy for w in re.findall(r"\w+", label)}
    phrases = keyphrase_scores(document, summary)
    chosen = []
    for key, (weight, label) in sorted(phrases.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if len(chosen) >= max_keyphrases:
            break
        words = set(key.split()) | set(fold(label).split())
        if words <= taken_words or any(key == c[0] or set(key.split()) & set(c[0].split()) for c in chosen):
            continue
        chosen.append((key, label, weight))
    if chosen:
        top = max(w for _, _, w in chosen)
        scale = 0.9 * floor if issues else 1.0
        issues += [Issue(label, scale * w / top) for _, label, w in chosen]
    return issues[:MAX_ISSUES]


def _matched_words(document: Document, taxonomy: dict[str, list[str]]) -> set[str]:
    """Folded words (and their singular) that matched a term of ``taxonomy`` in the document."""
    words: set[str] = set()
    hay = fold(f"{document.meta.title or ''}\n{document.text}")
    for terms in taxonomy.values():
        pattern = term_pattern(terms)
        if pattern is None:
            continue
        for m in pattern.finditer(hay):
            for w in m.group(0).split():
                words.add(w)
                words.add(w.rstrip("s"))
    return words
