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
(:mod:`summarizers.summary.sumy_bridge`), with sumy's English Snowball stemmer and stop words, so no
NLTK data is needed. Selection rules on top of the algorithm's ranking:

1. only candidate sentences (:func:`summarizers.summary.candidates.is_candidate`: no furniture,
   headings, captions, subheads, run-ons, fused extraction text or bare quote fragments) are
   ranked, and only they are ever output: too few candidates give a shorter (or empty)
   summary, never a filler sentence;
2. walking the ranking best first, a sentence that dangles
   (:func:`summarizers.summary.candidates.dangles`) is taken only together with the sentence just
   before it in the article (when both fit in the budget and that one is a candidate that
   does not dangle itself); otherwise the next best sentence replaces it;
3. a sentence opening with a definite description that refers back ("The move ...", "As
   the commentary was published, ...", :func:`summarizers.summary.references.reference_keys`) is
   taken only when its antecedent is shown: in the headline, in an earlier chosen sentence,
   or as the sentence just before it (taken together, as in rule 2);
4. the lede (the article's first sentence) comes first when it carries the news
   (:func:`summarizers.summary.references.carries_news`), whatever the algorithm's ranking;
5. a summary is never made only of quotations when a plain sentence can stand: the best
   ranked one then takes a place;
6. the chosen sentences are returned in article order.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

from summarizers.summary.candidates import dangles, is_candidate
from summarizers.document import Document, span_text
from summarizers.summary.references import carries_news, is_quotation, reference_keys, shown_keys, title_keys

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


@functools.lru_cache(maxsize=1)
def _stemmer_and_stop_words():
    """sumy's English Snowball stemmer, memoised per word (news repeats its words: stemming
    was half of TextRank's time), and sumy's English stop words; built once per process."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    return functools.lru_cache(maxsize=100_000)(Stemmer("english")), get_stop_words("english")


def make_summarizer(name: str):
    """A configured sumy summarizer for algorithm ``name`` (one of :data:`SUMY_ALGORITHMS`)."""
    stemmer, stop_words = _stemmer_and_stop_words()
    if name == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif name == "textrank":  # sumy's TextRank, its matrix built in O(words · postings)
        from summarizers.summary.textrank_matrix import IndexedTextRankSummarizer as cls
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
    from summarizers.summary.sumy_bridge import build_sumy_document

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


def select(ranked: list[int], count: int, dangling: list[bool], has_prev: list[bool], *,
           refs: list[frozenset[str] | None] | None = None, shows: list[set[str]] | None = None,
           shown: set[str] | frozenset[str] = frozenset(), seeds: tuple[int, ...] = ()) -> list[int]:
    """Choose ``count`` sentence indices from ``ranked`` (best first) without dangling openers
    or unresolved references.

    ``dangling[i]`` says sentence i needs its predecessor; ``has_prev[i]`` that sentence
    i - 1 is the sentence just before it in the article and is a candidate. Optional:
    ``refs[i]`` the keys of the antecedent sentence i refers to (None: no reference), resolved
    when one is in ``shown`` (the headline's keys) or in ``shows[j]`` of a chosen j < i, or
    when i - 1 is chosen; ``seeds`` are taken first when they are fine on their own (the lede).
    Returns indices in article order (fewer than ``count`` only when too few qualify).
    """
    chosen: set[int] = set()
    refs = refs if refs is not None else [None] * len(dangling)

    def resolved(i: int) -> bool:
        r = refs[i]
        return r is None or bool(r & shown) or any(j < i and r & shows[j] for j in chosen)

    def fine(i: int) -> bool:
        return (has_prev[i] and i - 1 in chosen) or (not dangling[i] and resolved(i))

    for i in seeds:
        if len(chosen) < count and fine(i):
            chosen.add(i)
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


@dataclass
class SummaryPlan:
    """An article's candidate sentences with everything selection needs, ranked once.

    ``flat``: candidate spans in article order; ``ranked``: their indices best first;
    ``dangling``/``has_prev``/``refs``/``shows``/``quoted``: per candidate (see :func:`select`
    and :mod:`summarizers.summary.references`); ``headline``: keys of the title; ``lede``: index of
    the lede when it carries the news, else None. :meth:`take` gives summaries of any length.
    """

    flat: list
    ranked: list[int]
    dangling: "list[bool] | _Lazy"
    has_prev: list[bool]
    refs: list
    shows: "list | _Lazy"
    quoted: list[bool]
    headline: set[str]
    lede: int | None

    def take(self, count: int) -> list[int]:
        """Indices (article order) of a ``count``-sentence summary: the lede first when it
        carries the news, no dangling opener or unresolved reference, and never only
        quotations when a plain sentence can stand."""
        seeds = () if self.lede is None else (self.lede,)
        args = (self.dangling, self.has_prev)
        kw = {"refs": self.refs, "shows": self.shows, "shown": self.headline}
        chosen = select(self.ranked, count, *args, seeds=seeds, **kw)
        if chosen and all(self.quoted[i] for i in chosen):
            plain = next((i for i in self.ranked if not self.quoted[i] and not self.dangling[i]
                          and (self.refs[i] is None or self.refs[i] & self.headline)), None)
            if plain is not None:
                chosen = select(self.ranked, count, *args, seeds=seeds + (plain,), **kw)
        return chosen


class _Lazy:
    """``fn(items[i])`` computed on first use (selection looks at few sentences beyond the best)."""

    def __init__(self, fn, items: list):
        self._fn, self._items, self._done = fn, items, {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int):
        if i not in self._done:
            self._done[i] = self._fn(self._items[i])
        return self._done[i]


def plan_summary(document: Document, algorithm: str, nlp=None) -> SummaryPlan:
    """The :class:`SummaryPlan` of ``document`` for ``algorithm`` (checked: raises
    :class:`UnknownSummarizerError`)."""
    algorithm = check_algorithm(algorithm)
    groups, flat = candidate_groups(document)
    if algorithm == "lead" or len(flat) <= 1:
        ranked = list(range(len(flat)))
    else:
        ranked = rank_with_sumy(algorithm, groups, nlp, document.meta.title)
    order = {s.start: k for k, s in enumerate(document.sentences) if span_text(s).strip()}
    headline = title_keys(document.meta.title)
    lede = 0 if flat and order.get(flat[0].start, 99) < 2 and carries_news(flat[0], headline) else None
    return SummaryPlan(
        flat=flat,
        ranked=ranked,
        dangling=_Lazy(dangles, flat),
        has_prev=[i > 0 and _follows(order, flat[i - 1], s) for i, s in enumerate(flat)],
        refs=[reference_keys(s) for s in flat],
        shows=_Lazy(shown_keys, flat),
        quoted=[is_quotation(s) for s in flat],
        headline=headline,
        lede=lede,
    )


def candidate_groups(document: Document) -> tuple[list[list], list]:
    """Candidate sentences grouped by paragraph, and the same sentences flattened in order."""
    groups: dict[int, list] = {}
    seen: set[str] = set()
    for span in document.sentences:
        text = span_text(span).strip()
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
    plan = plan_summary(document, algorithm, nlp)
    if not plan.flat:  # no sentence qualifies: an empty summary is better than a non-sentence
        return []
    return [span_text(plan.flat[i]).strip() for i in plan.take(sentences)]


def _follows(order: dict[int, int], before, after) -> bool:
    """True when sentence ``before`` is the last non-blank sentence ahead of ``after``."""
    return order.get(after.start, -9) - order.get(before.start, -99) == 1
