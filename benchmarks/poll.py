"""Benchmark (not a test): one poll of N feeds × M entries against a local HTTP server.

Serves ``--feeds`` RSS feeds of ``--entries`` entries each, every entry with its own article
page, from a threaded server on 127.0.0.1; polls them all into a fresh store (SQLite in a
temporary directory, or ``--db URL``), then polls again. Prints wall time, articles stored,
HTTP requests made and their status codes for both polls. The second poll should cost one
conditional request (a 304) per feed.

    python benchmarks/poll.py                     # 200 feeds × 20 entries
    python benchmarks/poll.py --feeds 20 --entries 5 --concurrency 16
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.ingest.poll import poll_once  # noqa: E402
from bot.store.db import open_store  # noqa: E402
from config.settings import load_settings  # noqa: E402
from config.topics import FeedSpec, KeywordFilter, Topic  # noqa: E402
from tests.feedfactory import Entry, article_body, article_page, rss  # noqa: E402
from tests.httpserver import LocalServer  # noqa: E402


def build(server: LocalServer, feeds: int, entries: int) -> list[str]:
    t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
    urls = []
    for f in range(feeds):
        items = []
        for e in range(entries):
            subject = f"policy item {f}-{e}"
            link = server.add(f"/f{f}/a{e}", article_page(f"Story {f}-{e}", article_body(subject)))
            items.append(Entry(f"Story {f}-{e}", link, guid=f"{f}-{e}", summary=f"About {subject}.", published=t0 + timedelta(minutes=e)))
        urls.append(server.add(f"/feed{f}.xml", rss(items, title=f"Feed {f}"), content_type="application/rss+xml", etag=f'"{f}"'))
    return urls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--db", default=None, help="SQLAlchemy URL (default: SQLite in a temporary directory)")
    args = ap.parse_args()

    server = LocalServer().start()
    tmp = tempfile.mkdtemp(prefix="briefbot-bench-")
    try:
        urls = build(server, args.feeds, args.entries)
        settings = load_settings(data_dir=Path(tmp))
        settings.http.allow_private = ["127.0.0.1"]
        settings.http.concurrency = args.concurrency
        store = open_store(args.db or f"sqlite:///{tmp}/bench.sqlite")
        topics = {"bench": Topic(name="bench", title="Bench", feeds=[FeedSpec(url=u) for u in urls], filter=KeywordFilter())}
        print(f"{args.feeds} feeds × {args.entries} entries, concurrency {args.concurrency}, db {store.engine.url.render_as_string(hide_password=True)}")
        for label in ("first poll", "second poll"):
            server.clear()
            start = time.perf_counter()
            report = poll_once(store, settings, topics)
            wall = time.perf_counter() - start
            codes = Counter(r.status for r in server.requests)
            print(
                f"{label}: {wall:.2f} s, {report.new} new articles, {report.requests} requests "
                f"({', '.join(f'{c}×{n}' for c, n in sorted(codes.items()))}), "
                f"{sum(r.status == 'error' for r in report.sources)} source errors"
            )
        store.engine.dispose()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
