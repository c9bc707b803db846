"""Brief engine speed and memory: briefs per second and peak memory, model load time apart.

Usage::

    python benchmarks/speed.py [--bbc 50] [--repeat 3] [--summarizer NAME]
    python benchmarks/speed.py --ratio 100 [--repeat 3]       # brief vs spaCy parse, side by side
    python benchmarks/speed.py --make-big /tmp/big.txt [--mb 50]   # write a huge text file
    python benchmarks/speed.py --big /tmp/big.txt             # brief it as the CLI does

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

``--ratio N`` compares, in the same process and run, the brief of N BBC politics articles
with spaCy (en_core_web_sm) parsing the same article texts alone (``nlp(text)``): for each
repeat and article the parse and the brief are timed back to back, each article keeps its
fastest parse and fastest brief, and the ratio of the sums is printed with the peak RSS
(taken before any other table, so it is the peak of this part). Target: ratio <= 1.25, peak
RSS < 300 MB. ``--big FILE`` loads FILE with :func:`bot.ingest.files.load_article` (files over
10 MiB are read up to 10 MiB) and briefs it with the settings' ``max_article_chars`` (100,000
characters by default), reporting seconds and peak RSS (target: < 15 s for a 50 MB file).
``--make-big FILE`` writes ``--mb`` megabytes of BBC News texts, concatenated in turn over the
five categories, to FILE (put it in a temporary directory; it is not part of the repository).
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


def politics_articles(count: int):
    """The first ``count`` BBC politics articles (file order)."""
    from summarizers.model import ArticleMeta, ArticleText

    out = []
    for f in sorted((SHARED / "eval" / "bbc" / "News Articles" / "politics").glob("*.txt"))[:count]:
        lines = f.read_bytes().decode("utf-8", errors="replace").split("\n")
        out.append(ArticleText(ArticleMeta(title=lines[0].strip()), "\n".join(lines[1:])))
    return out


def ratio(engine, nlp, articles, repeat: int, topic) -> dict:
    """Fastest parse and fastest brief of each article over ``repeat`` interleaved passes."""
    from summarizers.errors import BriefError

    parse = [float("inf")] * len(articles)
    brief = [float("inf")] * len(articles)
    for _ in range(repeat):
        for k, a in enumerate(articles):
            start = time.perf_counter()
            nlp(a.text)
            parse[k] = min(parse[k], time.perf_counter() - start)
            start = time.perf_counter()
            try:
                engine.brief(a, topic)
            except BriefError:
                pass
            brief[k] = min(brief[k], time.perf_counter() - start)
    return {"parse_s": sum(parse), "brief_s": sum(brief), "ratio": sum(brief) / sum(parse)}


def stages(engine, articles, topic) -> dict[str, float]:
    """Seconds per stage of the brief (the engine's steps, called one by one), summed over ``articles``."""
    from summarizers.entities.actors import extract_actors
    from summarizers.document import parse
    from summarizers.issues.rank import extract_issues
    from summarizers.language import ensure_english
    from summarizers.quotes.attribution import extract_quotes
    from summarizers.summary.select import summarize
    from summarizers.textclean import clean_paragraphs

    spent: dict[str, float] = {}

    def timed(name, fn, *args):
        start = time.perf_counter()
        out = fn(*args)
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return out

    for a in articles:
        paragraphs = [p for p in timed("clean", clean_paragraphs, a.text, a.meta) if p.strip()]
        timed("language", ensure_english, "\n".join(paragraphs))
        document = timed("parse", parse, a.meta, paragraphs, engine.nlp)
        summary = timed("summary", summarize, document, engine.summarizer, engine.sentences, engine.nlp)
        actors = timed("actors", extract_actors, document)
        timed("quotes", extract_quotes, document, actors)
        timed("issues", extract_issues, document, topic.issues, summary)
    return spent


def make_big(path: Path, megabytes: float) -> int:
    """Write ``megabytes`` MB of BBC texts (headline and body, blank lines between articles) to ``path``."""
    cats = ("business", "entertainment", "politics", "sport", "tech")
    files = [sorted((SHARED / "eval" / "bbc" / "News Articles" / c).glob("*.txt")) for c in cats]
    texts = [f.read_bytes().decode("utf-8", errors="replace").strip() for group in zip(*files) for f in group]
    target, size, k = int(megabytes * 1_000_000), 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < target:
            piece = texts[k % len(texts)] + "\n\n"
            out.write(piece)
            size += len(piece.encode("utf-8"))
            k += 1
    return size


def brief_big(path: Path, topic) -> int:
    """Brief the file at ``path`` as ``briefbot brief --article`` does; print time and peak RSS."""
    from bot.ingest.files import load_article
    from config.settings import Settings
    from summarizers.engine import BriefEngine

    settings = Settings()
    start = time.perf_counter()
    article = load_article(path, warn=lambda m: print(f"warning: {m}"))
    engine = BriefEngine(settings.spacy_model, settings.summarizer, settings.sentences, settings.max_article_chars)
    brief = engine.brief(article, topic)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {len(article.text):,} characters read, "
          f"truncated to {engine.max_chars:,}: {engine.last_truncated}; brief in {seconds:.1f} s "
          f"(load + clean + parse + extract), {len(brief.actors)} actors, {len(brief.quotes)} quotes; "
          f"peak RSS {rss:.0f} MiB")
    return 0


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
    ap.add_argument("--ratio", type=int, default=0, help="brief vs parse-alone ratio on N BBC politics articles")
    ap.add_argument("--big", type=Path, default=None, help="brief this (huge) file as the CLI does, then stop")
    ap.add_argument("--make-big", type=Path, default=None, help="write a huge text file of BBC texts, then stop")
    ap.add_argument("--mb", type=float, default=50, help="size for --make-big, in MB (default 50)")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"shared material not found at {SHARED}", file=sys.stderr)
        return 0
    if args.make_big:
        print(f"wrote {make_big(args.make_big, args.mb):,} bytes to {args.make_big}")
        return 0

    from config.settings import Settings
    from config.topics import get_topic
    from summarizers.engine import BriefEngine
    from summarizers.nlp import load_pipeline

    summarizer = args.summarizer or Settings.model_fields["summarizer"].default
    start = time.perf_counter()
    nlp = load_pipeline("en_core_web_sm")
    load_s = time.perf_counter() - start
    if args.big:
        return brief_big(args.big, get_topic("world"))
    engine = BriefEngine(summarizer=summarizer)
    if args.ratio:
        articles = politics_articles(args.ratio)
        engine.brief(articles[0], get_topic("world"))  # warm-up: lazy imports, language model
        nlp(articles[0].text)
        r = ratio(engine, nlp, articles, args.repeat, get_topic("world"))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{len(articles)} BBC politics articles, fastest of {args.repeat}: spaCy parse alone {r['parse_s']:.2f} s, "
              f"brief {r['brief_s']:.2f} s, ratio {r['ratio']:.2f} (target <= 1.25); peak RSS {rss:.0f} MiB (target < 300)")
        spent = stages(engine, articles, get_topic("world"))
        print("one more pass, stage by stage (s): " + ", ".join(f"{k} {v:.2f}" for k, v in spent.items()))
        return 0
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
