"""Brief engine speed and memory: briefs per second and peak memory, model load time apart.

Usage::

    python benchmarks/speed.py [--bbc 50] [--repeat 3] [--summarizer NAME]

Articles: every article of the shared gold corpus (``../shared/corpus/*.gold.json``: the DW
text, BBC texts and raw HTML pages, loaded as the CLI loads them) and ``--bbc`` BBC News
articles spread over the five categories. Loading/extraction is done before timing; the
timed part is :meth:`BriefEngine.brief` (clean, language check, parse, summary, actors,
issues, quotes), after one warm-up brief. Reported:

* model load: seconds to load the spaCy pipeline (first use, cold);
* briefs/s and ms per brief for each article set (one thread);
* peak traced memory (tracemalloc) during the briefing loop, i.e. Python and NumPy
  allocations made while briefing, excluding the already loaded model;
* peak resident set size of the process (``ru_maxrss``), which includes the model.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"


def corpus_articles():
    """ArticleText of every gold-annotated article in ../shared/corpus/."""
    from bot.ingest.files import load_article
    from summarizers.model import ArticleMeta, ArticleText

    out = []
    for gold_file in sorted((SHARED / "corpus").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = (SHARED / "corpus" / gold["article"]).resolve()
        if "/bbc/" in str(path):  # BBC data-set texts: first line is the headline
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            out.append(ArticleText(ArticleMeta(title=lines[0].strip()), "\n".join(lines[1:])))
        else:
            out.append(load_article(path))
    return out


def bbc_articles(count: int):
    """``count`` BBC News articles, evenly spread over the five categories."""
    from summarizers.model import ArticleMeta, ArticleText

    cats = ("business", "entertainment", "politics", "sport", "tech")
    out = []
    per = max(1, count // len(cats))
    for cat in cats:
        files = sorted((SHARED / "eval" / "bbc" / "News Articles" / cat).glob("*.txt"))
        step = max(1, len(files) // per)
        for f in files[::step][:per]:
            lines = f.read_bytes().decode("utf-8", errors="replace").split("\n")
            out.append(ArticleText(ArticleMeta(title=lines[0].strip()), "\n".join(lines[1:])))
    return out


def run(engine, articles, repeat: int, topic) -> dict:
    """Time ``repeat`` passes of briefing ``articles``; return rate, latency and memory peaks."""
    from summarizers.errors import BriefError

    times = []
    tracemalloc.start()
    tracemalloc.reset_peak()
    for _ in range(repeat):
        for a in articles:
            start = time.perf_counter()
            try:
                engine.brief(a, topic)
            except BriefError:
                pass
            times.append(time.perf_counter() - start)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    chars = sum(len(a.text) for a in articles) / max(1, len(articles))
    return {
        "n": len(times),
        "rate": len(times) / sum(times),
        "mean_ms": 1000 * statistics.mean(times),
        "p95_ms": 1000 * sorted(times)[int(0.95 * (len(times) - 1))],
        "peak_mib": peak / 1048576,
        "chars": chars,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bbc", type=int, default=50, help="BBC articles to add (0: none)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--summarizer", default=None, help="default: the settings default")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"shared material not found at {SHARED}", file=sys.stderr)
        return 2

    from config.settings import Settings
    from config.topics import get_topic
    from summarizers.engine import BriefEngine
    from summarizers.nlp import load_pipeline

    summarizer = args.summarizer or Settings.model_fields["summarizer"].default
    start = time.perf_counter()
    load_pipeline("en_core_web_sm")
    load_s = time.perf_counter() - start
    engine = BriefEngine(summarizer=summarizer)
    corpus = corpus_articles()
    bbc = bbc_articles(args.bbc) if args.bbc else []
    topic = get_topic("world")
    engine.brief(corpus[0], topic)  # warm-up

    print(f"summarizer: {summarizer}; spaCy model load: {load_s:.2f} s")
    print(f"{'articles':<22} {'briefs':>6} {'chars/art':>9} {'briefs/s':>9} {'mean ms':>8} {'p95 ms':>8} {'traced peak MiB':>16}")
    for name, articles in (("shared corpus", corpus), (f"BBC sample ({len(bbc)})", bbc)):
        if not articles:
            continue
        r = run(engine, articles, args.repeat, topic)
        print(f"{name:<22} {r['n']:>6} {r['chars']:>9.0f} {r['rate']:>9.2f} {r['mean_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['peak_mib']:>16.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak resident set size (ru_maxrss, includes the model): {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
