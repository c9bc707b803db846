"""Stress check (not a test): many concurrent extractions through the poll path, in fresh processes.

lxml/libxml2 crashed the process natively ("double free or corruption", segfault, exit 134/139)
when trafilatura extractions ran concurrently in worker threads; :mod:`bot.ingest.extract` now
serialises them. This script runs ``--rounds`` polls, each in its own child process (a native
crash kills only that child and is counted), of ``--feeds`` feeds × ``--entries`` entries with
HTML summaries (parsed by lxml in :func:`bot.ingest.feeds.html_to_text`) whose pages are real
news pages from ``../shared/eval/html`` when present (else pages written for the tests), served
by a threaded server on 127.0.0.1 at ``http.concurrency`` 8. Prints each child's exit code and
the number of crashes.

    python benchmarks/extract_stress.py --rounds 60
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pages(folder: str | None = None) -> list[str]:
    shared = Path(folder) if folder else ROOT.parent / "shared" / "eval" / "html"
    found = sorted(shared.glob("*/source.html")) if shared.is_dir() else []
    if found:
        return [p.read_bytes().decode("utf-8", "replace") for p in found]
    from tests.feedfactory import article_body, article_page

    return [article_page(f"Story {i}", article_body(f"subject {i}", n=4 + i % 5)) for i in range(30)]


def child(feeds: int, entries: int, concurrency: int, folder: str | None) -> int:
    from bot.ingest.poll import poll_once
    from bot.store.db import open_store
    from config.settings import load_settings
    from config.topics import FeedSpec, KeywordFilter, Topic
    from tests.feedfactory import Entry, rss
    from tests.httpserver import LocalServer

    server = LocalServer().start()
    tmp = tempfile.mkdtemp(prefix="briefbot-stress-")
    try:
        html = pages(folder)
        t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
        urls = []
        for f in range(feeds):
            items = []
            for e in range(entries):
                link = server.add(f"/f{f}/a{e}", html[(f * entries + e) % len(html)])
                summary = f"<p>Summary <b>{f}-{e}</b> of the story,</p><ul><li>with a list</li></ul><br/>and more <i>text</i>."
                items.append(Entry(f"Story {f}-{e}", link, guid=f"{f}-{e}", summary=summary, published=t0 + timedelta(minutes=e)))
            urls.append(server.add(f"/feed{f}.xml", rss(items, title=f"Feed {f}"), content_type="application/rss+xml"))
        settings = load_settings(data_dir=Path(tmp))
        settings.http.allow_private = ["127.0.0.1"]
        settings.http.concurrency = concurrency
        store = open_store(f"sqlite:///{tmp}/stress.sqlite")
        topics = {"stress": Topic(name="stress", title="Stress", feeds=[FeedSpec(url=u) for u in urls], filter=KeywordFilter())}
        report = poll_once(store, settings, topics)
        store.engine.dispose()
        handled = report.new + sum(r.known + r.skipped for r in report.sources)  # equal pages stored once; short summaries skipped
        print(f"{handled} of {feeds * entries} entries handled, {report.new} articles stored", flush=True)
        return 0 if handled == feeds * entries else 3
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--feeds", type=int, default=4)
    ap.add_argument("--entries", type=int, default=15)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--pages", default=None, help="folder with */source.html pages (default: ../shared/eval/html)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        sys.exit(child(args.feeds, args.entries, args.concurrency, args.pages))
    codes: Counter[int] = Counter()
    start = time.perf_counter()
    for r in range(args.rounds):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--feeds", str(args.feeds), "--entries", str(args.entries),
             "--concurrency", str(args.concurrency)] + (["--pages", args.pages] if args.pages else []),
            capture_output=True, text=True,
        )
        codes[proc.returncode] += 1
        last = (proc.stdout.strip().splitlines() or [""])[-1]
        print(f"round {r + 1}: exit {proc.returncode} {last}", flush=True)
        if proc.returncode not in (0, 3):
            print("   " + "\n   ".join(proc.stderr.strip().splitlines()[-3:]), flush=True)
    crashes = sum(n for c, n in codes.items() if c not in (0, 3))
    print(f"{args.rounds} rounds in {time.perf_counter() - start:.0f} s: exit codes {dict(codes)}; native crashes: {crashes}")


if __name__ == "__main__":
    main()
