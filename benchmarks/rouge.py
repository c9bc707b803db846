"""ROUGE of every summarizer against the BBC News Summary reference summaries.

Usage::

    python benchmarks/rouge.py [--per-category 60] [--sentences 3] [--raw] [--words N]

Reads ``../shared/eval/bbc/News Articles/<cat>/NNN.txt`` (first line the headline) and the
extractive references in ``Summaries/<cat>/NNN.txt``; takes an evenly spaced sample of
``--per-category`` articles per category (5 categories), parses each once with the engine's
pipeline (clean → parse) and runs every algorithm of :data:`summarizers.summary.select.ALGORITHMS`
on that parse. Prints mean ROUGE-1/2/L F1 (and recall) per algorithm, plus the share of
summaries with a sentence that dangles (:func:`summarizers.summary.candidates.dangles`) or refers back
(:func:`summarizers.summary.references.reference_keys`) to something neither the headline nor an
earlier summary sentence shows, without the sentence just before it ("dangling"); made only of
quotations ("quotes"); opening with the article's first sentence ("lede"); containing furniture
or a caption; and shorter than ``--sentences`` (too few candidate sentences: the summary never
falls back to non-candidates).

``--words N`` compares at an equal word budget instead: each system gives as many sentences as
it takes to reach N words (its own selection, one more sentence at a time) and the summary is
cut to its first N words, so no system wins by being longer. Lead is then Lead-N-words.

``--raw`` adds, per sumy algorithm, the plain top-N of sumy's ranking over the same
candidate sentences without the dangling rule, to show what the rule costs in ROUGE.

ROUGE (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries") is computed here:
lower-cased word tokens (``\\w+``), no stemming, no stop-word removal; ROUGE-N is the F1 of
clipped n-gram overlap, ROUGE-L the F1 of the longest common subsequence of the whole
candidate and reference token sequences (summary-level LCS, not the union-LCS variant).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BBC = REPO.parent / "shared" / "eval" / "bbc"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _TOKEN.findall(text.lower())


def _prf(overlap: int, cand: int, ref: int) -> tuple[float, float, float]:
    p = overlap / cand if cand else 0.0
    r = overlap / ref if ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def rouge_n(cand: list[str], ref: list[str], n: int) -> tuple[float, float, float]:
    """(precision, recall, F1) of clipped n-gram overlap between token lists."""
    c = Counter(tuple(cand[i:i + n]) for i in range(len(cand) - n + 1))
    r = Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
    overlap = sum((c & r).values())
    return _prf(overlap, sum(c.values()), sum(r.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (O(len(a)·len(b)))."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(cand: list[str], ref: list[str]) -> tuple[float, float, float]:
    """(precision, recall, F1) from the LCS of candidate and reference tokens."""
    return _prf(lcs_length(cand, ref), len(cand), len(ref))


def sample(per_category: int) -> list[tuple[Path, Path]]:
    """Evenly spaced (article, reference) pairs, ``per_category`` per category."""
    pairs = []
    for cat in CATEGORIES:
        files = sorted((BBC / "News Articles" / cat).glob("*.txt"))
        step = max(1, len(files) // per_category)
        for f in files[::step][:per_category]:
            ref = BBC / "Summaries" / cat / f.name
            if ref.exists():
                pairs.append((f, ref))
    return pairs


def read_bbc(path: Path):
    """(title, paragraphs) of a BBC data-set article."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    lines = raw.split("\n")
    title = lines[0].strip()
    paragraphs = [p.strip() for p in "\n".join(lines[1:]).split("\n") if p.strip()]
    return title, paragraphs


def unshown(spans: list, order: dict[int, int], headline: set[str]) -> bool:
    """True when a summary sentence (``spans``, article order) dangles or refers back to
    something neither the headline nor an earlier summary sentence shows, without the
    sentence just before it in the summary (``order``: sentence start token → position)."""
    from summarizers.summary.candidates import dangles
    from summarizers.summary.references import reference_keys, shown_keys

    shown, previous = set(headline), None
    for span in spans:
        follows = previous is not None and order[span.start] == previous + 1
        refs = reference_keys(span)
        if not follows and (dangles(span) or refs is not None and not refs & shown):
            return True
        shown |= shown_keys(span)
        previous = order[span.start]
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-category", type=int, default=60)
    ap.add_argument("--sentences", type=int, default=3)
    ap.add_argument("--raw", action="store_true", help="also score sumy's plain top-N (no dangling rule)")
    ap.add_argument("--words", type=int, default=0, help="equal word budget: cut every summary to N words")
    args = ap.parse_args(argv)
    if not BBC.exists():
        print(f"BBC data set not found at {BBC}", file=sys.stderr)
        return 2

    from summarizers.summary.candidates import is_caption, is_furniture
    from summarizers.document import parse
    from summarizers.model import ArticleMeta
    from summarizers.nlp import load_pipeline
    from summarizers.summary.references import is_quotation, title_keys
    from summarizers.summary.select import ALGORITHMS, SUMY_ALGORITHMS, candidate_groups, rank_with_sumy, summarize
    from summarizers.textclean import clean_paragraphs

    nlp = load_pipeline("en_core_web_sm")
    pairs = sample(args.per_category)
    names = list(ALGORITHMS) + ([f"{a} (raw)" for a in SUMY_ALGORITHMS] if args.raw else [])
    scores = {name: [] for name in names}
    dangling = Counter()
    quotes_only = Counter()
    lede = Counter()
    furniture = Counter()
    short = Counter()
    seconds = Counter()
    words = Counter()
    for article, reference in pairs:
        title, paragraphs = read_bbc(article)
        meta = ArticleMeta(title=title)
        document = parse(meta, clean_paragraphs("\n\n".join(paragraphs), meta), nlp)
        ref = tokens(reference.read_bytes().decode("utf-8", errors="replace"))
        flat = None
        by_text = {sp.text.strip(): sp for sp in document.sentences if sp.text.strip()}
        order = {sp.start: k for k, sp in enumerate(sp for sp in document.sentences if sp.text.strip())}
        headline = title_keys(title)
        for name in names:
            start = time.perf_counter()
            if name.endswith("(raw)"):
                algo = name.split()[0]
                groups, flat = candidate_groups(document)
                ranked = rank_with_sumy(algo, groups, nlp, title) if len(flat) > 1 else list(range(len(flat)))
                count = 1 if args.words else args.sentences
                while args.words and count < len(flat) and len(tokens(" ".join(flat[i].text for i in ranked[:count]))) < args.words:
                    count += 1
                chosen = sorted(ranked[:count])
                summary = [flat[i].text.strip() for i in chosen]
            elif args.words:
                count, summary = 1, summarize(document, name, 1, nlp)
                while len(summary) == count and len(tokens(" ".join(summary))) < args.words:
                    count += 1
                    summary = summarize(document, name, count, nlp)
            else:
                summary = summarize(document, name, args.sentences, nlp)
            seconds[name] += time.perf_counter() - start
            spans = [by_text[t] for t in summary if t in by_text]
            dangling[name] += int(unshown(spans, order, headline))
            quotes_only[name] += int(bool(spans) and all(is_quotation(sp) for sp in spans))
            lede[name] += int(bool(spans) and order[spans[0].start] == 0)
            cand = tokens(" ".join(summary))
            if args.words:
                cand = cand[: args.words]
            words[name] += len(cand)
            scores[name].append((rouge_n(cand, ref, 1), rouge_n(cand, ref, 2), rouge_l(cand, ref)))
            furniture[name] += int(any(is_furniture(s) or is_caption(s) for s in summary))
            short[name] += int(len(cand) < args.words if args.words else len(summary) < args.sentences)

    n = len(pairs)
    budget = f"cut to {args.words} words" if args.words else f"{args.sentences} sentences"
    print(f"ROUGE on {n} BBC articles ({args.per_category} per category), {budget}, F1 (recall)")
    print(f"{'summarizer':<20} {'ROUGE-1':>15} {'ROUGE-2':>15} {'ROUGE-L':>15} {'dangling':>9} {'quotes':>7} {'lede':>6} "
          f"{'furniture':>9} {'short':>6} {'words':>6} {'ms/article':>10}")
    rows = []
    for name in names:
        s = scores[name]
        mean = [(sum(x[k][2] for x in s) / n, sum(x[k][1] for x in s) / n) for k in range(3)]
        rows.append((name, mean))
    for name, mean in sorted(rows, key=lambda r: -r[1][0][0]):
        cells = " ".join(f"{f:>8.4f} ({r:.3f})" for f, r in mean)
        print(f"{name:<20} {cells} {dangling[name] / n:>9.1%} {quotes_only[name] / n:>7.1%} {lede[name] / n:>6.1%} {furniture[name] / n:>9.1%} {short[name] / n:>6.1%} {words[name] / n:>6.1f} {1000 * seconds[name] / n:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
