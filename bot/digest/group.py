"""Near-duplicate grouping: the same story from several outlets becomes one digest story.

Method: TF-IDF vectors (Salton & Buckley, "Term-weighting approaches in automatic text
retrieval", 1988; sublinear tf, smoothed idf as in scikit-learn) over each article's title
(counted twice) and lead (its first :data:`LEAD_WORDS` words), compared by cosine similarity,
then greedy group-average clustering in time order: an article joins the existing group whose
mean similarity to it is highest when that mean reaches ``threshold``, else starts a group.
Group-average (not single-link) keeps two different stories from being chained together by
one article that resembles both. Stop words are spaCy's English list; words are case- and
accent-folded, with a plural ``s`` stripped.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from config.topics import fold

LEAD_WORDS = 60
DEFAULT_THRESHOLD = 0.35  # calibrated: see docs/digests.md (groups same-story BBC follow-ups, not merely related ones)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "say", "told", "new", "year", "time"}


_STOP: frozenset[str] | None = None


def terms(title: str | None, text: str | None) -> list[str]:
    """Index terms of an article: title words twice, then the first :data:`LEAD_WORDS` words of the text."""
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()

    def words(s: str | None, limit: int | None = None) -> list[str]:
        out = []
        for w in _WORD.findall(fold(s or "")):
            w = w.split("'")[0].split("’")[0]
            if len(w) < 2 or w in _STOP:
                continue
            if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
                w = w[:-1]
            out.append(w)
        return out

    lead = (text or "").split()[:LEAD_WORDS]
    t = words(title)
    return t + t + words(" ".join(lead))


def tfidf_vectors(docs: list[list[str]]) -> list[dict[str, float]]:
    """L2-normalized TF-IDF vectors (tf = 1 + ln count, idf = ln((1+N)/(1+df)) + 1)."""
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    vecs = []
    for d in docs:
        v = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in Counter(d).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    return vecs


def similarity_matrix(vecs: list[dict[str, float]]) -> list[dict[int, float]]:
    """Sparse cosine similarities: ``sims[i][j]`` for every pair sharing a term (i != j)."""
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, v in enumerate(vecs):
        for t, x in v.items():
            index[t].append((i, x))
    sims: list[dict[int, float]] = [defaultdict(float) for _ in vecs]
    for postings in index.values():
        for a in range(len(postings)):
            i, xi = postings[a]
            for b in range(a + 1, len(postings)):
                j, xj = postings[b]
                sims[i][j] += xi * xj
                sims[j][i] += xi * xj
    return sims


def group_near_duplicates(
    docs: list[tuple[str | None, str | None]], threshold: float = DEFAULT_THRESHOLD
) -> list[list[int]]:
    """Group ``docs`` — (title, text) pairs in time order — into stories.

    Returns groups of indices into ``docs``; each group keeps the input order and the groups
    are ordered by their first member. ``threshold`` is the minimum mean cosine similarity
    in [0, 1] between an article and a group's members for it to join.
    """
    vecs = tfidf_vectors([terms(t, x) for t, x in docs])
    sims = similarity_matrix(vecs)
    groups: list[list[int]] = []
    for i in range(len(docs)):
        best, best_score = None, threshold
        for g in groups:
            score = sum(sims[i].get(j, 0.0) for j in g) / len(g)
            if score >= best_score:
                best, best_score = g, score
        if best is None:
            groups.append([i])
        else:
            best.append(i)
    return groups
