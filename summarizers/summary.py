"""Extractive summary of a parsed article with sumy's algorithms (or a lead baseline).

Algorithms, selectable by name (``--summarizer``):

========== ==============================================================================
lexrank    LexRank, Erkan & Radev 2004 (sentence centrality in a cosine-similarity graph)
textrank   TextRank, Mihalcea & Tarau 2004 (PageRank over word-overlap similarity)
lsa        Latent Semantic Analysis, Steinberger & Ježek 2004 (SVD of the term-sentence matrix)
luhn       Luhn 1958 (clusters of significant words)
kl         KL-Sum, Haghighi & Vanderwende 2009 (greedy KL divergence to the document)
sumbasic   SumBasic, Nenkova & Vanderwende 2005 (word probability, with redundancy update)
edmundson  Edmundson 1969 (cue, title and location methods; cue words below)
lead       the first sentences of the article (the Lead-N news baseline)
========== ==============================================================================

All sumy algorithms run on a sumy document built from our spaCy parse
(:mod:`summarizers.sumy_bridge`), with sumy's English Snowball stemmer and stop words, so no
NLTK data is needed. Selection rules on top of the algorithm's ranking:

1. only candidate sentences (:func:`summarizers.candidates.is_candidate`: no furniture,
   headings, captions, subheads, run-ons, fused extraction text or bare quote fragments) are
   ranked, and only they are ever output: too few candidates give a shorter (or empty)
   summary, never a filler sentence;
2. walking the ranking best first, a sentence that dangles
   (:func:`summarizers.candidates.dangles`) is taken only together with the sentence just
   before it in the article (when both fit in the budget and that one is a candidate that
   does not dangle itself); otherwise the next best sentence replaces it;
3. the chosen sentences are returned in article order.
"""

from __future__ import annotations

import warnings

from summarizers.candidates import dangles, is_candidate
from summarizers.document import Document

SUMY_ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson")
ALGORITHMS = SUMY_ALGORITHMS + ("lead",)

# Edmundson's cue method: words that mark a news sentence as central (bonus) or as a side
# remark, hedge or page furniture (stigma). Null words (ignored by the title method) are the
# stop words.
EDMUNDSON_BONUS = (
    "announce", "announced", "agree", "agreed", "agreement", "decide", "decided", "decision", "plan",
    "plans", "policy", "law", "deal", "vote", "government", "president", "minister", "talks", "meet",
    "meeting", "summit", "crisis", "reform", "new", "first", "major", "key", "main", "important",
    "significant", "official", "officials", "launch", "approved", "rejected", "warned", "expected",
)
EDMUNDSON_STIGMA = (
    "he", "she", "they", "it", "this", "these", "those", "but", "however", "meanwhile", "also",
    "perhaps", "maybe", "possibly", "hardly", "apparently", "image", "photo", "click", "subscribe",
    "read", "copyright", "advertisement", "originally", "newsletter", "follow",
)


class UnknownSummarizerError(ValueError):
    """The summarizer name is not one of :data:`ALGORITHMS`; ``str(err)`` lists them."""


def check_algorithm(name: str) -> str:
    """``name`` lower-cased when it is a known algorithm; else raise :class:`UnknownSummarizerError`."""
    key = (name or "").strip().lower()
    if key not in ALGORITHMS:
        raise UnknownSummarizerError(f"unknown summarizer '{name}'. Known summarizers: {', '.join(ALGORITHMS)}")
    return key


def make_summarizer(name: str):
    """A configured sumy summarizer for algorithm ``name`` (one of :data:`SUMY_ALGORITHMS`)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")
    if name == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif name == "textrank":  # sumy's TextRank, its matrix built in O(words · postings)
        from summarizers.textrank_matrix import IndexedTextRankSummarizer as cls
    elif name == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif name == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif name == "kl":
        from sumy.summarizers.kl import KLSummarizer as cls
    elif name == "sumbasic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    elif name == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer

        summarizer = EdmundsonSummarizer(stemmer)
        summarizer.bonus_words = EDMUNDSON_BONUS
        summarizer.stigma_words = EDMUNDSON_STIGMA
        summarizer.null_words = stop_words
        return summarizer
    else:
        raise UnknownSummarizerError(f"unknown sumy summarizer '{name}'")
    summarizer = cls(stemmer)
    summarizer.stop_words = stop_words
    return summarizer


def rank_with_sumy(name: str, groups: list[list], nlp, title: str | None) -> list[int]:
    """Indices into the flattened ``groups`` sentences, best first, by sumy algorithm ``name``.

    sumy's ``sentences_count`` may be a callable that receives every sentence sorted by rating;
    we pass one that keeps the whole ranking instead of cutting it.
    """
    from summarizers.sumy_bridge import build_sumy_document

    document, ordered = build_sumy_document(groups, nlp, title)
    position = {id(s): i for i, s in enumerate(ordered)}
    ranking: list = []

    def keep_all(infos):
        ranking.extend(infos)
        return infos

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LSA warns on documents with few words
        make_summarizer(name)(document, keep_all)
    ranked = [position[id(info.sentence)] for info in ranking if id(info.sentence) in position]
    seen = set(ranked)
    return ranked + [i for i in range(len(ordered)) if i not in seen]


def select(ranked: list[int], count: int, dangling: list[bool], has_prev: list[bool]) -> list[int]:
    """Choose ``count`` sentence indices from ``ranked`` (best first) without dangling openers.

    ``dangling[i]`` says sentence i needs its predecessor; ``has_prev[i]`` that sentence
    i - 1 is the sentence just before it in the article and is a candidate. Returns indices
    in article order (fewer than ``count`` only when too few sentences qualify).
    """
    chosen: set[int] = set()

    def fine(i: int) -> bool:
        return not dangling[i] or (has_prev[i] and i - 1 in chosen)

    for i in ranked:
        if len(chosen) >= count:
            break
        if i in chosen:
            continue
        if fine(i):
            chosen.add(i)
        elif has_prev[i] and count - len(chosen) >= 2 and (i - 1 in chosen or fine(i - 1)):
            chosen.update((i - 1, i))
    if len(chosen) < count:  # a skipped sentence may now follow a chosen one
        for i in ranked:
            if len(chosen) >= count:
                break
            if i not in chosen and fine(i):
                chosen.add(i)
    return sorted(chosen)


def candidate_groups(document: Document) -> tuple[list[list], list]:
    """Candidate sentences grouped by paragraph, and the same sentences flattened in order."""
    groups: dict[int, list] = {}
    seen: set[str] = set()
    for span in document.sentences:
        text = span.text.strip()
        if text in seen or not is_candidate(span):
            continue
        seen.add(text)
        groups.setdefault(document.paragraph_of(span.start_char), []).append(span)
    ordered_groups = [groups[k] for k in sorted(groups)]
    return ordered_groups, [s for g in ordered_groups for s in g]


def summarize(document: Document, algorithm: str = "lexrank", sentences: int = 3, nlp=None) -> list[str]:
    """An extractive summary: up to ``sentences`` sentences of ``document``, in article order.

    ``algorithm`` is one of :data:`ALGORITHMS`; ``nlp`` is the spaCy pipeline that parsed the
    document (only its tokenizer is used, for text sumy asks about that is not in the parse,
    such as the title; without it a regex word split is used). Raises
    :class:`UnknownSummarizerError` for an unknown name. Every returned sentence is a
    candidate (rule 1 is never relaxed): a document with fewer candidates gets a shorter
    summary, and one with none (only quotations, captions, a run-on line) gets ``[]``.
    """
    algorithm = check_algorithm(algorithm)
    if sentences < 1:
        return []
    groups, flat = candidate_groups(document)
    if not flat:  # no sentence qualifies: an empty summary is better than a non-sentence
        return []
    if algorithm == "lead" or len(flat) <= 1:
        ranked = list(range(len(flat)))
    else:
        ranked = rank_with_sumy(algorithm, groups, nlp, document.meta.title)
    dangling = [dangles(s) for s in flat]
    order = {s.start: k for k, s in enumerate(document.sentences) if s.text.strip()}
    has_prev = [i > 0 and _follows(order, flat[i - 1], s) for i, s in enumerate(flat)]
    chosen = select(ranked, sentences, dangling, has_prev)
    return [flat[i].text.strip() for i in chosen]


def _follows(order: dict[int, int], before, after) -> bool:
    """True when sentence ``before`` is the last non-blank sentence ahead of ``after``."""
    return order.get(after.start, -9) - order.get(before.start, -99) == 1
