"""``briefbot ingest --file PATH`` and ``--sample``: local article files stored like fetched articles,
the bundled samples, and the offline quick start (ingest the samples, then /brief on the console)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app
from bot.store.db import open_store
from bot.store.models import Article, ArticleTopic
from tests.feedfactory import article_body, article_page

BRIEFBOT = Path(sys.executable).with_name("briefbot")

BORDER_STORY = """Border crossings fall for a fifth month

The number of people crossing the border between official ports of entry fell again in May,
according to figures published on Monday by the customs agency. Officials said the decline
followed new visa programs and more patrols in remote desert areas. Local shelters in the
border towns reported fewer arrivals than at any time in the past three years, while aid
groups warned that people were taking longer and more dangerous routes through the mountains.
"""

CLIMATE_TEXT = (
    "Delegates at the climate conference agreed on Friday to publish national emission plans "
    "every two years, a compromise reached after a long night of talks. Several ministers said "
    "the deal fell short of what poorer countries had asked for, while business groups welcomed "
    "the predictable timetable for reporting carbon emissions across the economy."
)


def write_config(tmp_path: Path, db_url: str) -> Path:
    """Settings with a store at ``db_url`` and two extra topics: borders (border*) and climate."""
    topics = tmp_path / "topics"
    topics.mkdir(exist_ok=True)
    (topics / "borders.toml").write_text(
        'name = "borders"\ntitle = "Borders"\n[filter]\nany = ["border*"]\n[issues]\nmigration = ["border"]\n',
        encoding="utf-8",
    )
    (topics / "climate.toml").write_text(
        'name = "climate"\ntitle = "Climate"\n[filter]\nany = ["climate"]\n[issues]\nclimate = ["climate"]\n',
        encoding="utf-8",
    )
    cfg = tmp_path / "test-briefbot.toml"
    cfg.write_text(
        f'data_dir = "{tmp_path / "data"}"\ndatabase_url = "{db_url}"\ntopics_dir = "{topics}"\n', encoding="utf-8"
    )
    return cfg


def stored(url: str) -> list[dict]:
    """Every stored article as a dict of the columns the tests check, with its topics."""
    store = open_store(url)
    try:
        with store.session() as s:
            rows = []
            for a in s.scalars(select(Article).order_by(Article.id)):
                rows.append({
                    "canonical_url": a.canonical_url, "url": a.url, "title": a.title, "source": a.source_name,
                    "published": a.published_at, "fetched_at": a.fetched_at, "language": a.language, "text": a.text, "topics": sorted(t.topic for t in a.topics),
                })
            return rows
    finally:
        store.engine.dispose()


def by_canonical(rows: list[dict]) -> dict[str, dict]:
    return {r["canonical_url"]: r for r in rows}


@pytest.fixture
def runner(settings):  # clean environment, cwd in tmp_path
    return CliRunner()


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    """One article of each kind, written here: plain text, JSON with metadata, an HTML page."""
    d = tmp_path / "articles"
    d.mkdir()
    txt = d / "border.txt"
    txt.write_text(BORDER_STORY, encoding="utf-8")
    js = d / "climate.json"
    js.write_text(json.dumps({
        "title": "Climate talks agree on reporting timetable",
        "url": "http://Example.org/news/climate-deal/?utm_source=newsletter#top",
        "source": "Example Wire",
        "published": "2025-05-02T08:30:00+02:00",
        "text": CLIMATE_TEXT,
    }), encoding="utf-8")
    html = d / "steel.html"
    html.write_text(article_page("Steel quotas debated in parliament", article_body("steel quotas", 4)), encoding="utf-8")
    return {"txt": txt, "json": js, "html": html}


def test_files_of_each_kind_are_stored_with_url_source_date_and_topics(runner, store_url, tmp_path, files):
    cfg = write_config(tmp_path, store_url)
    before = datetime.now(timezone.utc) - timedelta(seconds=1)
    result = runner.invoke(app, ["--config", str(cfg), "ingest", *sum((["--file", str(p)] for p in files.values()), [])])
    assert result.exit_code == 0, result.output
    assert "3 new article(s), 0 already stored, 0 skipped (not articles), 0 error(s) from 3 file(s)" in result.output
    rows = by_canonical(stored(store_url))
    assert len(rows) == 3

    txt = rows[files["txt"].resolve().as_uri()]  # no URL in a text file: the file's address is only the dedupe key
    assert txt["url"] is None  # a server path never reaches a brief or a digest
    assert txt["title"] == "Border crossings fall for a fifth month" and txt["source"] == "file"
    assert txt["published"] is None  # no date in the file: unknown, not the ingestion time
    assert txt["fetched_at"] >= before
    assert "borders" in txt["topics"] and "climate" not in txt["topics"]

    js = rows["https://example.org/news/climate-deal"]  # the JSON's url, canonicalised
    assert js["url"].startswith("http://Example.org/news/climate-deal/")
    assert js["source"] == "Example Wire" and js["title"] == "Climate talks agree on reporting timetable"
    assert js["published"] == datetime(2025, 5, 2, 6, 30, tzinfo=timezone.utc)
    assert "climate" in js["topics"] and "borders" not in js["topics"]

    html = rows[files["html"].resolve().as_uri()]
    assert html["url"] is None
    assert html["title"] == "Steel quotas debated in parliament"
    assert "steel quotas" in html["text"] and "Copyright Example News" not in html["text"]


def test_an_html_pages_canonical_link_is_its_url_and_unusable_urls_or_dates_are_warnings(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'links.sqlite'}"
    cfg = write_config(tmp_path, url)
    page = tmp_path / "saved-page.htm"
    page.write_text(
        article_page("Border fence contract awarded", article_body("the border fence contract", 4)).replace(
            "<head>", '<head><link rel="canonical" href="https://example.net/news/border-fence/">'),
        encoding="utf-8",
    )
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"url": "ftp://example.net/x", "published": "last Tuesday", "text": CLIMATE_TEXT}),
                   encoding="utf-8")
    result = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(page), "--file", str(odd)])
    assert result.exit_code == 0, result.output
    assert f"""{odd}: the JSON "url" 'ftp://example.net/x' is not an http(s) URL; ignored""" in result.stderr
    assert "'last Tuesday' cannot be read as a date; the article is stored without one" in result.stderr
    rows = by_canonical(stored(url))
    assert rows["https://example.net/news/border-fence"]["topics"] == ["borders", "world"]
    fallback = rows[odd.resolve().as_uri()]
    assert fallback["source"] == "file" and fallback["published"] is None and fallback["url"] is None


def test_second_run_stores_nothing_new_and_the_same_text_elsewhere_is_a_duplicate(runner, store_url, tmp_path, files):
    cfg = write_config(tmp_path, store_url)
    args = ["--config", str(cfg), "ingest", "--file", str(files["txt"]), "--file", str(files["json"])]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "0 new article(s), 2 already stored" in again.output and "known" in again.output
    copy = tmp_path / "copy-of-border.txt"  # same text under another path: caught by the content hash
    shutil.copy(files["txt"], copy)
    dup = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(copy)])
    assert dup.exit_code == 0 and "duplicate" in dup.output and "0 new article(s), 1 already stored" in dup.output
    assert len(stored(store_url)) == 2


def test_named_topics_decide_membership_and_unaccepted_files_are_kept_with_a_warning(runner, store_url, tmp_path, files):
    cfg = write_config(tmp_path, store_url)
    only = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(files["txt"]), "borders"])
    assert only.exit_code == 0, only.output
    assert by_canonical(stored(store_url))[files["txt"].resolve().as_uri()]["topics"] == ["borders"]

    missed = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(files["json"]), "borders"])
    assert missed.exit_code == 0, missed.output
    assert "no topic's keyword filter accepts it (checked: borders)" in missed.stderr
    rows = by_canonical(stored(store_url))
    assert rows["https://example.org/news/climate-deal"]["topics"] == []  # stored all the same

    joined = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(files["json"]), "climate"])
    assert joined.exit_code == 0 and "known" in joined.output and "no topic" not in joined.stderr
    rows = by_canonical(stored(store_url))
    assert rows["https://example.org/news/climate-deal"]["topics"] == ["climate"] and len(rows) == 2

    unknown = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(files["txt"]), "nosuchtopic"])
    assert unknown.exit_code == 2 and "unknown topic 'nosuchtopic'" in unknown.stderr


def test_bad_files_get_one_line_each_and_the_others_go_on(runner, tmp_path, files):
    url = f"sqlite:///{tmp_path / 'bad.sqlite'}"
    cfg = write_config(tmp_path, url)
    missing = tmp_path / "nope.txt"
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.json"
    empty.write_text("  \n", encoding="utf-8")
    no_text = tmp_path / "no-text.json"
    no_text.write_text(json.dumps({"title": "Headline only", "text": ""}), encoding="utf-8")
    bad = [missing, binary, empty, no_text]

    mixed = runner.invoke(app, ["--config", str(cfg), "ingest", *sum((["--file", str(p)] for p in [*bad, files["txt"]]), [])])
    assert mixed.exit_code == 1, mixed.output  # one file was stored, but four failed: the batch did not succeed
    errors = [ln for ln in mixed.stderr.splitlines() if ln.startswith("briefbot: error:")]
    assert len(errors) == 4
    assert f"{missing}: no such file" in errors[0]
    assert "binary data" in errors[1] and str(binary) in errors[1]
    assert "empty" in errors[2] and "empty" in errors[3]
    assert "Traceback" not in mixed.output
    assert "1 new article(s), 0 already stored, 0 skipped (not articles), 4 error(s) from 5 file(s)" in mixed.output
    assert len(stored(url)) == 1

    all_bad = runner.invoke(app, ["--config", str(cfg), "ingest", *sum((["--file", str(p)] for p in bad), [])])
    assert all_bad.exit_code == 1
    assert "0 new article(s), 0 already stored, 0 skipped (not articles), 4 error(s) from 4 file(s)" in all_bad.output
    assert len(stored(url)) == 1


def test_sample_stores_the_bundled_articles_once(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'samples.sqlite'}"
    cfg = write_config(tmp_path, url)
    first = runner.invoke(app, ["--config", str(cfg), "ingest", "--sample"])
    assert first.exit_code == 0, first.output
    rows = stored(url)
    assert len(rows) >= 4 and "new" in first.output
    usmx = [r for r in rows if "usmx" in r["topics"]]
    world_only = [r for r in rows if "world" in r["topics"] and "usmx" not in r["topics"]]
    assert len(usmx) >= 3 and world_only  # every sample is in some topic
    assert all(r["source"] for r in rows) and all(len(r["text"].split()) > 250 for r in rows)
    # the JSON samples carry their outlet, link and date; the plain-text one gets the samples' source name
    assert sum((r["url"] or "").startswith("https://example.org/") for r in rows) == len(rows) - 1
    txt = next(r for r in rows if r["canonical_url"].startswith("file://"))
    assert txt["source"] == "briefbot sample" and txt["canonical_url"].endswith("usmx-sample.txt") and txt["url"] is None
    # the plain-text sample's dateline ("March 4, 2025") is its publication date, moved like every
    # sample's by whole days so that the newest sample is yesterday's
    shift = txt["published"] - datetime(2025, 3, 4, tzinfo=timezone.utc)
    assert shift.total_seconds() % 86400 == 0
    newest = max(r["published"] for r in rows)
    assert newest.date() == (datetime.now(timezone.utc) - timedelta(days=1)).date()
    assert {r["language"] for r in rows} == {"en"}

    again = runner.invoke(app, ["--config", str(cfg), "ingest", "--sample"])
    assert again.exit_code == 0 and f"0 new article(s), {len(rows)} already stored" in again.output
    assert len(stored(url)) == len(rows)


def test_two_usmx_samples_tell_the_same_story_and_group_as_one():
    """The digest groups the second-source sample with the plain-text sample (two sources, one story)."""
    from bot.digest.group import group_near_duplicates
    from bot.ingest.files import load_article
    from bot.ingest.localfiles import sample_paths

    with sample_paths() as paths:
        arts = {p.name: load_article(p) for p in paths}
    names = sorted(arts)
    groups = group_near_duplicates([(arts[n].meta.title, arts[n].text) for n in names])
    named = sorted(sorted(names[i] for i in g) for g in groups)
    assert ["usmx-sample-second-source.json", "usmx-sample.txt"] in named
    assert len(named) == len(names) - 1  # every other sample is its own story


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_")) and k != "DISCORD_TOKEN"}
    env.update({"BRIEFBOT_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path / "home")})
    return env


@pytest.mark.slow
def test_quick_start_ingest_sample_then_brief_on_the_console(tmp_path):
    env = _env(tmp_path)
    ingest = subprocess.run([str(BRIEFBOT), "ingest", "--sample"], capture_output=True, text=True, cwd=tmp_path,
                            env=env, timeout=120)
    assert ingest.returncode == 0, ingest.stderr
    assert "0 error(s)" in ingest.stdout

    from bot.store.sources import sync_sources
    from config.topics import load_topics

    store = open_store(f"sqlite:///{tmp_path / 'data' / 'briefbot.sqlite'}")
    try:
        with store.session() as s:  # the topics' real feeds are not due today: no network in tests
            for src in sync_sources(s, load_topics()).values():
                src.next_poll_at = datetime.now(timezone.utc) + timedelta(days=1)
            assert s.scalar(select(func.count()).select_from(ArticleTopic).where(ArticleTopic.topic == "usmx")) >= 3
    finally:
        store.engine.dispose()

    run = subprocess.run([str(BRIEFBOT), "run", "--adapter", "console"], input="/brief usmx 3\n", capture_output=True,
                         text=True, cwd=tmp_path, env=env, timeout=240)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.count("## ") == 3, out  # three briefs, one heading each
    for section in ("**Summary**", "**Actors**", "**Issues**", "**Quotes**"):
        assert out.count(section) == 3, section
    # newest first by publication date: remittances (6 March), the second source (4 March, 21:15 UTC),
    # then the plain-text sample (its dateline: 4 March 2025) with its officials, roles and quotes
    assert out.index("Mexico warns proposed US fee on remittances") < out.index("US and Mexico agree to joint fentanyl task force")
    assert "US and Mexico agree to joint fentanyl task force" in out
    assert "**Daniel Whitfield** (person) — US Secretary of Homeland Security" in out
    assert "— Elena Castañeda Ruiz, Mexico's foreign minister" in out
    # the newest dated usmx sample, resolved speakers included ("she said" after a named speaker)
    assert "Mexico warns proposed US fee on remittances" in out
    assert "“That is a gift to money launderers.” — Lucía Ferrer, deputy governor of the Bank of Mexico" in out
    assert "drug trafficking" in out and "remittances" in out
    assert "Traceback" not in run.stderr


def test_stdin_is_an_article_source_and_has_no_url(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'stdin.sqlite'}"
    cfg = write_config(tmp_path, url)
    result = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", "-"], input=BORDER_STORY)
    assert result.exit_code == 0, result.output
    [row] = stored(url)
    assert row["title"] == "Border crossings fall for a fifth month" and row["url"] is None
    assert row["canonical_url"].startswith("stdin:") and "borders" in row["topics"]
    again = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", "-"], input=BORDER_STORY)
    assert "0 new article(s), 1 already stored" in again.output


def test_too_short_files_are_skipped_not_stored(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'short.sqlite'}"
    cfg = write_config(tmp_path, url)
    short = tmp_path / "short.txt"
    short.write_text("metadata link\n", encoding="utf-8")
    result = runner.invoke(app, ["--config", str(cfg), "ingest", "--file", str(short)])
    assert result.exit_code == 1  # nothing stored
    assert "too short to be an article (2 words; the minimum is 40); not stored" in result.stderr
    assert "0 new article(s), 0 already stored, 1 skipped (not articles), 0 error(s) from 1 file(s)" in result.output
    assert stored(url) == []


def test_migration_clears_file_urls_stored_before_and_briefs_never_show_them(tmp_path):
    import sqlalchemy as sa

    from bot.store.articles import article_to_text
    from bot.store.db import make_engine
    from bot.store.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO articles (canonical_url, url, text, from_feed_summary, fetched_at) VALUES "
            "('file:///srv/briefbot/story.txt', 'file:///srv/briefbot/story.txt', 'Some text.', 0, '2025-01-01 00:00:00'),"
            "('https://example.org/a', 'https://example.org/a?utm_source=x', 'Other text.', 0, '2025-01-01 00:00:00')"
        ))
    upgrade(engine)
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT canonical_url, url FROM articles")).all())
    engine.dispose()
    assert rows == {"file:///srv/briefbot/story.txt": None, "https://example.org/a": "https://example.org/a?utm_source=x"}
    # and whatever a row holds, the engine's input only carries web addresses
    assert article_to_text(Article(url="file:///srv/x.txt", text="t")).meta.url is None
    assert article_to_text(Article(url="https://example.org/a", text="t")).meta.url == "https://example.org/a"
