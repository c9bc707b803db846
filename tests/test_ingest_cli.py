"""The ingestion CLI: ``briefbot ingest``, ``briefbot sources``, ``briefbot brief TOPIC`` from the store
and ``--article URL``; and a real ``briefbot ingest`` process killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app
from bot.store.db import Store, make_engine, open_store
from bot.store.models import Article, ArticleTopic, BriefCache
from tests.feedfactory import Entry, article_body, article_page, rss
from tests.httpserver import wait_until

RSS = "application/rss+xml"


def write_config(tmp_path: Path, db_url: str, feeds: list[str], allow_local=True, any_terms=()) -> Path:
    topics = tmp_path / "topics"
    topics.mkdir(exist_ok=True)
    feed_lines = "".join(f'[[feeds]]\nurl = "{u}"\nname = "Local {i}"\n' for i, u in enumerate(feeds))
    terms = ", ".join(f'"{t}"' for t in any_terms)
    (topics / "localnews.toml").write_text(
        f'name = "localnews"\ntitle = "Local news"\n{feed_lines}[filter]\nany = [{terms}]\n'
        '[issues]\nmigration = ["migration", "border"]\ntrade = ["trade", "tariff*"]\n',
        encoding="utf-8",
    )
    allow = '["127.0.0.1"]' if allow_local else "[]"
    cfg = tmp_path / "test-briefbot.toml"
    cfg.write_text(
        f'data_dir = "{tmp_path / "data"}"\ndatabase_url = "{db_url}"\ntopics_dir = "{topics}"\n'
        f"[http]\nallow_private = {allow}\ntimeout = 5\ntotal_timeout = 20\nconcurrency = 2\n",
        encoding="utf-8",
    )
    return cfg


def feed_of_stories(server, n: int, delay: float = 0.0) -> str:
    subjects = ["border crossings", "trade tariffs", "migration law", "water rights", "steel quotas", "energy prices"]
    entries = []
    for i in range(n):
        subject = f"{subjects[i % len(subjects)]} round {i}"
        link = server.add(f"/story/{i}", article_page(f"Story {i}: {subject}", article_body(subject)), delay=delay)
        entries.append(Entry(f"Story {i}: {subject}", link, guid=f"s{i}"))
    return server.add("/feed.xml", rss(entries), content_type=RSS, etag='"f1"')


@pytest.fixture
def runner(settings):  # clean environment, cwd in tmp_path
    return CliRunner()


def test_ingest_prints_a_summary_and_sources_lists_status(runner, store_url, tmp_path, httpserver):
    feed = feed_of_stories(httpserver, 3)
    dead = "http://127.0.0.1:9/feed.xml"
    cfg = write_config(tmp_path, store_url, [feed, dead])
    result = runner.invoke(app, ["--config", str(cfg), "ingest", "localnews"])
    assert result.exit_code == 0, result.output
    assert "Local 0" in result.output and "Local 1" in result.output
    assert "3 new article(s)" in result.output and "1 source error(s)" in result.output
    assert "cannot connect" in result.output
    again = runner.invoke(app, ["--config", str(cfg), "ingest", "localnews"])
    assert "0 new article(s)" in again.output and "backoff" in again.output and "not-modified" in again.output
    listing = runner.invoke(app, ["--config", str(cfg), "sources"])
    assert listing.exit_code == 0
    assert "not-modified" in listing.output and "error" in listing.output and "localnews" in listing.output


def test_ingest_user_errors(runner, store_url, tmp_path):
    cfg = write_config(tmp_path, store_url, [])
    result = runner.invoke(app, ["--config", str(cfg), "ingest", "nosuchtopic"])
    assert result.exit_code == 2 and "unknown topic 'nosuchtopic'" in result.output
    bad_db = write_config(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:1/none", [])
    result = runner.invoke(app, ["--config", str(bad_db), "ingest", "localnews"])
    assert result.exit_code == 1 and "cannot open the database" in result.output
    assert "Traceback" not in result.output


def test_brief_article_url_follows_the_safety_rules(runner, tmp_path, httpserver):
    url = httpserver.add("/a", article_page("x", article_body("x")))
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'b.sqlite'}", [], allow_local=False)
    result = runner.invoke(app, ["--config", str(cfg), "brief", "usmx", "--article", url])
    assert result.exit_code == 1
    assert "refused: 127.0.0.1 is a loopback address" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["--config", str(cfg), "brief", "usmx", "--article", "ftp://example.com/a"])
    assert result.exit_code == 1 and "only http" in result.output
    assert httpserver.requests == []


def test_brief_since_must_be_a_duration(runner, tmp_path):
    cfg = write_config(tmp_path, f"sqlite:///{tmp_path / 'b.sqlite'}", [])
    result = runner.invoke(app, ["--config", str(cfg), "brief", "localnews", "--since", "yesterday"])
    assert result.exit_code == 2 and "'yesterday' is not a duration" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_brief_from_the_store_uses_the_cache(runner, nlp, tmp_path, httpserver, monkeypatch, workers):
    """One worker: briefs are built when asked for (2 of 3). Two: ingest builds every stored
    article's brief in its worker processes (3), and ``brief`` reads them."""
    monkeypatch.setenv("BRIEFBOT_WORKERS", str(workers))
    cached = 2 if workers == 1 else 3
    db = f"sqlite:///{tmp_path / 'b.sqlite'}"
    cfg = write_config(tmp_path, db, [feed_of_stories(httpserver, 3)])
    empty = runner.invoke(app, ["--config", str(cfg), "brief", "localnews", "--since", "24h"])
    assert empty.exit_code == 1 and "run 'briefbot ingest localnews'" in empty.output
    ingest = runner.invoke(app, ["--config", str(cfg), "ingest"])
    assert ingest.exit_code == 0
    assert ("3 brief unit(s) built by 2 worker processes" in ingest.output) == (workers == 2)
    first = runner.invoke(app, ["--config", str(cfg), "brief", "localnews", "--limit", "2", "--since", "7d", "--format", "json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["topic"] == "localnews" and len(data["briefs"]) == 2
    assert all(b["summary"] and b["article"]["url"].startswith("http://127.0.0.1") for b in data["briefs"])
    store = open_store(db)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(BriefCache)) == cached
    second = runner.invoke(app, ["--config", str(cfg), "brief", "localnews", "--limit", "2", "--format", "json"])
    assert json.loads(second.stdout) == data
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(BriefCache)) == cached
    store.engine.dispose()


def _consistency(db_url: str) -> tuple[int, int, int]:
    """(articles, articles without topic rows, articles with empty text); never migrates (the child does)."""
    store = Store(make_engine(db_url))
    try:
        # one statement, so one snapshot: a commit the killed child sent just before dying may land
        # between two separate counts (PostgreSQL reads each statement at its own snapshot)
        counts = select(
            select(func.count()).select_from(Article).scalar_subquery(),
            select(func.count()).select_from(Article).where(~Article.topics.any()).scalar_subquery(),
            select(func.count()).select_from(Article).where(func.length(Article.text) == 0).scalar_subquery(),
            select(func.count()).select_from(ArticleTopic).scalar_subquery(),
        )
        with store.session() as s:
            total, orphans, empty, topic_rows = s.execute(counts).one()
        assert topic_rows == total
        return total, orphans, empty
    finally:
        store.engine.dispose()


@pytest.mark.slow
def test_ingest_killed_mid_run_leaves_nothing_half_stored_and_loses_nothing(store_url, tmp_path, httpserver, settings):
    n = 24
    feed = feed_of_stories(httpserver, n, delay=0.25)
    cfg = write_config(tmp_path, store_url, [feed])
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    cmd = [sys.executable, "-c", "from bot.cli import main; main()", "--config", str(cfg), "ingest", "localnews"]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stored_some = wait_until(lambda: _count(store_url) >= 4, timeout=60, step=0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert stored_some and proc.returncode == -signal.SIGKILL
    total, orphans, empty = _consistency(store_url)
    assert 4 <= total < n and orphans == 0 and empty == 0
    # the feed's validators were not stored: the next run reads it again and stores the rest
    done = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    total, orphans, empty = _consistency(store_url)
    assert (total, orphans, empty) == (n, 0, 0)
    store = open_store(store_url)
    with store.session() as s:
        titles = set(s.scalars(select(Article.title)))
    store.engine.dispose()
    assert titles == {f"Story {i}: " + t for i, t in enumerate(_subjects(n))}
    # pages stored before the kill were not fetched again
    assert all(len(httpserver.requests_to(f"/story/{i}")) <= 2 for i in range(n))
    assert sum(len(httpserver.requests_to(f"/story/{i}")) for i in range(n)) < 2 * n


def _subjects(n):
    subjects = ["border crossings", "trade tariffs", "migration law", "water rights", "steel quotas", "energy prices"]
    return [f"{subjects[i % len(subjects)]} round {i}" for i in range(n)]


def _count(db_url: str) -> int:
    try:
        return _consistency(db_url)[0]
    except Exception:  # the schema may not exist yet while the child migrates
        return 0
