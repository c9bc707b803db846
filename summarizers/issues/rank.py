"""Policy issues of an article: a topic taxonomy scored by absolute salience, ranked with
keyphrases that name the story's matter.

**Taxonomy terms.** A taxonomy is a plain ``{label: [term, ...]}`` dict (a topic's ``[issues]``
table). Terms match whole words, case- and accent-insensitively; a trailing ``*`` makes a
prefix (``migra*``). Two markers give ambiguous words context:

* ``"?term"`` is a *weak* term, a word with a common other sense ("energy", "judges",
  "security", "vote", "campaign"): it counts only when a plain (strong) term of the same issue
  also occurs in the article (title included). "campaign" says elections only beside
  "election" or "voters"; alone it is an advertising campaign.
* ``"-phrase"`` is an *exclusion*: term matches inside it are ignored ("-energy drink*",
  "-crime caper"), for fixed phrases where the word has its other sense.

**Absolute salience.** For every issue, each sentence with a match counts its position weight
(:data:`WEIGHTS`: lead — first paragraph or first two sentences — and summary sentences 2,
the rest 1; a title match adds 3), times the number of matches in it (at most 2). Dividing by
the article's total weight gives the issue's *coverage* ``c`` (how much of the weighted article
speaks of it). The score is ``(1 - exp(-c / COVERAGE_SCALE)) * (1 - 0.5 ** (D + 1))`` where ``D``
is the number of distinct terms matched: coverage saturates (an issue in a fifth of a
lead-weighted article scores about 0.6 with one term, 0.76 with three), and a single repeated term counts less
than several different ones (0.75, 0.875, 0.94, ...). Scores are absolute, not normalised to the
best issue: an article with one passing mention gets a low score or no issue, never 1.0.
An issue is kept when its score is at least :data:`MIN_SCORE` and it has real support: matches
in two sentences, or in the title (several terms in one sentence are one passing remark: "the
senator, treated in hospital for cancer last year, ..." is not an article about health).
This is term-frequency salience with position weighting in the spirit of Luhn (1958) and
Edmundson (1969); the saturating form follows the BM25 term-frequency saturation (Robertson &
Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond").

**Keyphrases** (:mod:`summarizers.issues.keyphrases`): noun phrases of the article in its own words
("ID cards bill", "state funding", "Israeli settlements"), scored by position-weighted
frequency times their specificity against a background of other news
(:mod:`summarizers.issues.background`: TF-IDF), need two sentences as the head of a noun phrase or
the title, and must say more than the taxonomy issues kept. They are ranked with the taxonomy
issues by score, so the story's own matter can come first.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from dataclasses import dataclass, field

from config.topics import fold, term_regex
from summarizers.document import Document, span_text
from summarizers.issues.keyphrases import FILL_SCORE, score_keyphrases, select_keyphrases
from summarizers.issues.termscan import anchored_finditer, literal_anchors
from summarizers.model import Issue

WEIGHTS = {"title": 3.0, "lead": 2.0, "summary": 2.0, "body": 1.0}
MAX_PER_SENTENCE = 2
"""Matches of one issue counted per sentence (a list of five drug names is one topic, not five)."""
COVERAGE_SCALE = 0.12
"""Coverage at which the saturating part of the score reaches 1 - 1/e (about 0.63)."""
MIN_SCORE = 0.25
"""Issues scoring below this are dropped (about one lead mention of one term in a long article)."""
MAX_KEYPHRASES = 5
"""Keyphrases added beside the taxonomy issues (:mod:`summarizers.issues.keyphrases`)."""
MAX_ISSUES = 12
SHOWN = 8
"""Issues a brief shows first: when taxonomy issues and keyphrases leave some empty, keyphrases
down to :data:`summarizers.issues.keyphrases.FILL_SCORE` fill them."""
WEAK_MARK = "?"
WEAK_SHARE = 0.5
"""A weak term's match (and its share of the distinct-term count) weighs half a strong term's."""
EXCLUDE_MARK = "-"

def _alternation(terms: list[str]) -> str:
    return "|".join(term_regex(t) for t in terms)


@dataclass
class IssueTerms:
    """The compiled terms of one taxonomy issue: strong, weak (``?term``) and exclusions (``-phrase``)."""

    label: str
    terms: list[str] = field(default_factory=list)
    weak: list[bool] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None
    exclude: re.Pattern[str] | None = None
    anchors: tuple[str, ...] | None = None
    """Literals every match starts with (:func:`summarizers.issues.termscan.literal_anchors`)."""
    exclude_anchors: tuple[str, ...] | None = None

    @classmethod
    def compile(cls, label: str, raw_terms: list[str]) -> "IssueTerms":
        """Parse ``raw_terms`` (see the module docstring for the markers) into one regex with one
        group per term, longest first so "free trade" wins over "trade"."""
        item = cls(label)
        excludes = []
        for raw in raw_terms:
            t = fold(str(raw)).strip()
            weak = t.startswith(WEAK_MARK)
            if t.startswith(EXCLUDE_MARK) and len(t) > 1:
                excludes.append(t[1:].strip())
                continue
            t = t.lstrip(WEAK_MARK).strip()
            if t and t.rstrip("*"):
                item.terms.append(t)
                item.weak.append(weak)
        if item.terms:
            order = sorted(range(len(item.terms)), key=lambda k: -len(item.terms[k].rstrip("*")))
            item.terms = [item.terms[k] for k in order]
            item.weak = [item.weak[k] for k in order]
            groups = "|".join(f"({_alternation([t])})" for t in item.terms)
            item.pattern = re.compile(r"(?<!\w)(?:" + groups + r")(?!\w)")
            item.anchors = literal_anchors(item.terms)
        if excludes:
            item.exclude = re.compile(r"(?<!\w)(?:" + _alternation(excludes) + r")(?!\w)")
            item.exclude_anchors = literal_anchors(excludes)
        return item

    def matches(self, folded: str) -> list[tuple[int, int, int]]:
        """``(term index, start, end)`` of every match in ``folded`` text outside exclusions."""
        if self.pattern is None:
            return []
        blocked = [m.span() for m in anchored_finditer(self.exclude, self.exclude_anchors, folded)] \
            if self.exclude else []
        out = []
        for m in anchored_finditer(self.pattern, self.anchors, folded):
            if any(a <= m.start() < b for a, b in blocked):
                continue
            out.append((m.lastindex - 1, m.start(), m.end()))
        return out


def compile_taxonomy(taxonomy: dict[str, list[str]]) -> list[IssueTerms]:
    """:class:`IssueTerms` for every label of ``taxonomy`` (``{label: [term, ...]}``), compiled
    once per distinct taxonomy (a topic's regexes are the same for every brief)."""
    key = tuple((label, tuple(str(t) for t in (terms or []))) for label, terms in taxonomy.items())
    return _compiled(key)


@lru_cache(maxsize=256)
def _compiled(key: tuple) -> list[IssueTerms]:
    return [IssueTerms.compile(label, list(terms)) for label, terms in key]


def _sentence_weights(document: Document, summary: list[str]) -> list[tuple[object, float]]:
    """(sentence span, position weight) for every non-blank sentence of the document."""
    summary_set = {s.strip() for s in summary}
    out = []
    for k, span in enumerate(document.sentences):
        text = span_text(span).strip()
        if not text:
            continue
        lead = document.paragraph_of(span.start_char) == 0 or k < 2
        weight = WEIGHTS["lead"] if lead else WEIGHTS["body"]
        if text in summary_set:
            weight = max(weight, WEIGHTS["summary"])
        out.append((span, weight))
    return out


@dataclass
class Evidence:
    """What the article says about one issue: weighted matches, distinct terms, sentences hit."""

    weight: float = 0.0
    terms: set = field(default_factory=set)
    sentences: int = 0
    in_title: bool = False
    distinct: float = 0.0
    """Distinct terms matched, a weak term counting :data:`WEAK_SHARE`."""

    def enough(self) -> bool:
        """Real support: matches in two sentences, or in the title. Several terms in one sentence
        are one passing remark ("a politician treated in hospital for cancer"), not the subject."""
        return self.sentences >= 2 or self.in_title


def _count(item: IssueTerms, found: list[tuple[int, int, int]]) -> float:
    """Matches in one sentence, a weak term counting :data:`WEAK_SHARE`."""
    return sum(WEAK_SHARE if item.weak[k] else 1.0 for k, _, _ in found)


def salience(weight: float, total: float, distinct: float) -> float:
    """Absolute salience in [0, 1) of ``weight`` position-weighted matches in an article of
    ``total`` weight, with ``distinct`` different terms (formula in the module docstring)."""
    if weight <= 0 or total <= 0 or distinct <= 0:
        return 0.0
    coverage = weight / total
    return (1.0 - math.exp(-coverage / COVERAGE_SCALE)) * (1.0 - 0.5 ** (distinct + 1))


def taxonomy_evidence(document: Document, taxonomy: dict[str, list[str]], summary: list[str] = ()
                      ) -> tuple[dict[str, Evidence], float]:
    """Evidence per taxonomy label (labels with no usable match are left out) and the article's
    total position weight. Weak terms count only when a strong term of the issue matched."""
    return _evidence(document, taxonomy, _sentence_weights(document, list(summary)))


SEPARATOR = "\x00"
"""Joins the folded sentences so that each issue's terms are matched in one pass over the
article: a non-word character (the terms' ``(?<!\\w)``/``(?!\\w)`` boundaries hold on both sides
of it as at a string's ends) that no match can contain unless a term does (then the sentences
are matched one by one)."""


def _sentence_hits(item: IssueTerms, folded: list[str]) -> list[list[tuple[int, int, int]]]:
    """``item.matches`` of every folded sentence (offsets within the whole joined text)."""
    if item.pattern is None:
        return [[] for _ in folded]
    if SEPARATOR in item.pattern.pattern or (item.exclude is not None and SEPARATOR in item.exclude.pattern):
        return [item.matches(text) for text in folded]
    starts, pos = [], 0
    for text in folded:
        starts.append(pos)
        pos += len(text) + len(SEPARATOR)
    out: list[list[tuple[int, int, int]]] = [[] for _ in folded]
    for hit in item.matches(SEPARATOR.join(folded)):
        out[bisect.bisect_right(starts, hit[1]) - 1].append(hit)
    return out


def _evidence(document: Document, taxonomy: dict[str, list[str]], weighted: list[tuple[object, float]]
              ) -> tuple[dict[str, Evidence], float]:
    compiled = compile_taxonomy(taxonomy)
    title = fold(document.meta.title or "")
    total = sum(w for _, w in weighted) + (WEIGHTS["title"] if title else 0.0)
    folded = [fold(span_text(span)) for span, _ in weighted]
    out: dict[str, Evidence] = {}
    for item in compiled:
        title_hits = item.matches(title) if title else []
        hits = list(zip(_sentence_hits(item, folded), (w for _, w in weighted)))
        strong = any(not item.weak[k] for k, _, _ in title_hits) or any(
            not item.weak[k] for found, _ in hits for k, _, _ in found)
        if not strong:
            continue
        ev = Evidence()
        if title_hits:
            ev.in_title = True
            ev.weight += WEIGHTS["title"] * min(1.0, _count(item, title_hits))
            ev.terms.update(k for k, _, _ in title_hits)
        for found, w in hits:
            if found:
                ev.sentences += 1
                ev.weight += w * min(_count(item, found), MAX_PER_SENTENCE)
                ev.terms.update(k for k, _, _ in found)
        ev.distinct = sum(WEAK_SHARE if item.weak[k] else 1.0 for k in ev.terms)
        out[item.label] = ev
    return out, total


def taxonomy_scores(document: Document, taxonomy: dict[str, list[str]], summary: list[str] = ()) -> dict[str, float]:
    """Absolute salience per taxonomy label in [0, 1), before the evidence threshold (labels
    with no usable match are left out)."""
    evidence, total = taxonomy_evidence(document, taxonomy, summary)
    return {label: salience(ev.weight, total, ev.distinct) for label, ev in evidence.items()}


def extract_issues(document: Document, taxonomy: dict[str, list[str]] | None, summary: list[str] = (),
                   max_keyphrases: int = MAX_KEYPHRASES) -> list[Issue]:
    """The article's issues, most salient first: taxonomy issues and keyphrases that name its matter.

    ``document`` is the parsed article, ``taxonomy`` a ``{label: [term, ...]}`` dict (term
    markers in the module docstring; None for keyphrases only), ``summary`` the summary
    sentences (they weigh more). Scores are absolute saliences in [0, 1) (not normalised: the
    top issue of an article that barely touches it scores low); taxonomy issues need
    :data:`MIN_SCORE` and matches in two sentences or the title. Up to ``max_keyphrases``
    keyphrases (:func:`summarizers.issues.keyphrases.select_keyphrases`) are ranked with them by
    score. At most :data:`MAX_ISSUES` issues are returned; an article about nothing in the
    taxonomy may get keyphrases only, or none.
    """
    taxonomy = dict(taxonomy or {})
    weighted = _sentence_weights(document, list(summary))
    evidence, total = _evidence(document, taxonomy, weighted)
    kept = {}
    for label, ev in evidence.items():
        score = salience(ev.weight, total, ev.distinct)
        if score >= MIN_SCORE and ev.enough():
            kept[label] = score
    issues = [Issue(label, round(v, 4)) for label, v in kept.items()]
    label_words = {w for label in kept for w in _forms(re.findall(r"\w+", fold(label)))}
    title = fold(document.meta.title or "")
    found = score_keyphrases(document.doc, [(span.start, w) for span, w in weighted], total, title,
                             WEIGHTS["title"] if title else 0.0)
    chosen = select_keyphrases(found, label_words, max_keyphrases)
    if len(kept) + len(chosen) < SHOWN:  # fill the issues a brief shows first, with a lower bar
        chosen = select_keyphrases(found, label_words, max(len(chosen), SHOWN - len(kept)), FILL_SCORE)
    for kp in chosen:
        issues.append(Issue(kp.label, round(kp.score, 4)))
    issues.sort(key=lambda i: (-i.score, i.label not in kept, i.label))
    return issues[:MAX_ISSUES]


def _forms(words) -> set[str]:
    """Each word and its singular ("elections" -> "election"), to compare keys with labels."""
    out = set()
    for w in words:
        out.add(w)
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            out.add(w[:-1])
    return out

