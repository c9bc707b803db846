"""Build the background keyphrase statistics shipped in ``summarizers/data/`` (run offline).

Usage::

    python benchmarks/build_background.py [--bbc DIR] [--corpus DIR] [--out FILE] [--min-df N]

Reads every article of the BBC news data set (``../shared/eval/bbc/News Articles/*/*.txt``
beside the repo: 2,225 articles of 2004-05 in business, entertainment, politics, sport and
tech), leaves out the articles that a gold file of the shared corpus names (they are what
the quality benchmark scores), runs the same candidate extraction as the engine
(:func:`summarizers.issues.nounphrases.candidates`) on each, and writes the *document frequency* of
every candidate key: the number of articles containing it at least once. Only counts are
written, never text: keys seen in fewer than ``--min-df`` articles (default 2) are left out.

Output: a gzipped TSV, ``# comment`` lines, then ``N<TAB>articles`` and ``key<TAB>df`` lines
sorted by key. Deterministic for the same input and spaCy model.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_BBC = REPO.parent / "shared" / "eval" / "bbc" / "News Articles"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_OUT = REPO / "summarizers" / "data" / "background_df.tsv.gz"


def gold_articles(corpus: Path) -> set[Path]:
    """Resolved paths of the articles the gold files of ``corpus`` name."""
    out = set()
    for g in corpus.glob("*.gold.json"):
        out.add((corpus / json.loads(g.read_text(encoding="utf-8"))["article"]).resolve())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-df", type=int, default=2)
    args = ap.parse_args(argv)
    if not args.bbc.is_dir():
        print(f"BBC data set not found: {args.bbc}", file=sys.stderr)
        return 2
    from summarizers.issues.nounphrases import candidates
    from summarizers.nlp import load_pipeline

    skip = gold_articles(args.corpus) if args.corpus.is_dir() else set()
    files = [p for p in sorted(args.bbc.glob("*/*.txt")) if p.resolve() not in skip]
    nlp = load_pipeline()
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in files)
    df: Counter[str] = Counter()
    n = 0
    for doc in nlp.pipe(texts, batch_size=16, disable=["parser"]):
        df.update({c.key for c in candidates(doc)})
        n += 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        lines = [
            "# Document frequencies of keyphrase keys (summarizers.issues.nounphrases.candidates) in the BBC news",
            "# data set (Greene & Cunningham 2006), shared-corpus gold articles left out; counts only.",
            f"# built by benchmarks/build_background.py --min-df {args.min_df}",
            f"N\t{n}",
        ] + [f"{k}\t{v}" for k, v in sorted(df.items()) if v >= args.min_df and "\t" not in k]
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))
    kept = sum(1 for v in df.values() if v >= args.min_df)
    print(f"{n} articles, {len(df)} keys, {kept} kept (df >= {args.min_df}) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
