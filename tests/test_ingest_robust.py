"""Break-it findings on the poll path: concurrent extraction (one lxml parse at a time), language
detected at ingest, localised and missing feed dates, unsupported link schemes, source labels and
the ingest table's Skipped/Retry columns."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone

import pytest
from typer.testing import CliRunner

from bot.ingest.extract import LXML_LOCK, extract_html
from bot.ingest.feeds import html_to_text
from bot.ingest.poll import poll_once
from bot.store.articles import languages_left_out, newest_articles
from tests.feedfactory import Entry, article_body, article_page, rss
from tests.ingest_helpers import articles, topic, topics

RSS = "application/rss+xml"

PORTUGUESE = [
    "O governo anunciou nesta segunda-feira um novo pacote de medidas para conter a inflação, que inclui cortes "
    "de impostos sobre alimentos e combustíveis e um reajuste do salário mínimo acima do previsto.",
    "Segundo o ministro da Fazenda, as medidas devem custar cerca de vinte bilhões de reais por ano e serão "
    "compensadas pelo aumento da arrecadação com a nova tributação sobre apostas esportivas.",
    "A oposição criticou o anúncio e afirmou que o plano chega tarde demais para as famílias que já perderam "
    "poder de compra nos últimos dois anos, enquanto economistas pediram mais detalhes sobre o financiamento.",
]


@pytest.fixture
def ingest_settings(settings):
    settings.http.allow_private = ["127.0.0.1"]
    settings.http.timeout = 5
    settings.http.total_timeout = 20
    settings.http.concurrency = 8
    return settings


# --- one lxml/trafilatura parse at a time --------------------------------------------------------


def _blocked_while_lock_is_held(fn, *args):
    """Run ``fn(*args)`` in a thread while this thread holds LXML_LOCK: it must not finish until released."""
    out: dict = {}
    with LXML_LOCK:
        worker = threading.Thread(target=lambda: out.setdefault("value", fn(*args)))
        worker.start()
        worker.join(0.3)
        blocked = worker.is_alive()
    worker.join(10)
    return blocked, out.get("value")


def test_extraction_and_feed_html_parsing_wait_for_the_one_lxml_lock():
    page = article_page("Water treaty signed", article_body("the water treaty"))
    blocked, article = _blocked_while_lock_is_held(extract_html, page, "https://example.org/a")
    assert blocked and article.meta.title == "Water treaty signed"
    blocked, text = _blocked_while_lock_is_held(html_to_text, "<p>One <b>two</b></p><p>three</p>")
    assert blocked and text == "One two\nthree"


def _varied_page(i: int) -> str:
    """Pages unlike each other (scripts, styles, nested layout, tables, comments), as real ones are."""
    body = article_body(f"subject number {i}", n=3 + i % 4)
    clutter = "".join(
        f"<div class='w{i}-{k}'><span>related {k}</span><ul><li><a href='/r{k}'>link {k}</a></li></ul></div>" for k in range(i % 7)
    )
    script = f"<script>var data{i} = {{'k': [{','.join(str(x) for x in range(50))}]}};</script>" * (1 + i % 3)
    return article_page(f"Story {i}", body).replace(
        "<body>", f"<body><style>.a{{color:red}}</style>{script}<!-- ad slot {i} --><aside>{clutter}</aside>"
    ).replace("</article>", f"<table><tr><td>cell {i}</td></tr></table></article>")


def test_many_pages_extracted_concurrently_through_the_poll_are_all_stored(store, httpserver, ingest_settings):
    """The poll runs extractions in worker threads (concurrency 8) and parses HTML feed summaries at
    the same time; before the lock this crashed the process natively now and then (run
    benchmarks/extract_stress.py for the many-rounds version)."""
    feeds = []
    for f in range(3):
        entries = []
        for e in range(12):
            i = f * 12 + e
            link = httpserver.add(f"/f{f}/s{e}", _varied_page(i))
            summary = f"<p>Summary <b>{i}</b></p><ul><li>point</li></ul>"
            entries.append(Entry(f"Story {i}", link, guid=f"g{i}", summary=summary,
                                 published=datetime(2024, 5, 1, tzinfo=timezone.utc) + timedelta(minutes=i)))
        feeds.append(httpserver.add(f"/feed{f}.xml", rss(entries), content_type=RSS))
    report = poll_once(store, ingest_settings, topics(topic("all", feeds)))
    assert report.new == 36 and all(r.status == "ok" and r.failed == 0 and r.skipped == 0 for r in report.sources)
    stored = articles(store)
    assert not any(a.from_feed_summary for a in stored)  # every page was extracted, none fell back
    assert all("var data" not in a.text and "ad slot" not in a.text for a in stored)


# --- language at ingest ----------------------------------------------------------------------------


def test_language_is_detected_at_ingest_and_foreign_articles_are_left_out_of_the_newest(store, httpserver, ingest_settings):
    t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
    en = httpserver.add("/en", article_page("Senate passes budget", article_body("the budget")))
    pt = httpserver.add("/pt", article_page("Governo anuncia pacote", PORTUGUESE))
    feed = httpserver.add("/f.xml", rss([
        Entry("Senate passes budget", en, published=t0),
        Entry("Governo anuncia pacote", pt, published=t0 + timedelta(hours=5)),  # the newest
    ]), content_type=RSS)
    report = poll_once(store, ingest_settings, topics(topic("world", [feed])))
    assert report.new == 2  # kept: an article in another language is still an article
    assert {a.title: a.language for a in articles(store)} == {"Senate passes budget": "en", "Governo anuncia pacote": "pt"}
    with store.session() as s:
        assert [a.title for a in newest_articles(s, "world")] == ["Senate passes budget"]
        assert [a.title for a in newest_articles(s, "world", briefable_only=False)][0] == "Governo anuncia pacote"
        assert languages_left_out(s, "world") == {"pt": 1}


# --- feed dates ------------------------------------------------------------------------------------


def _raw_rss(items: list[tuple[str, str, str | None]], language: str | None = None) -> bytes:
    """RSS with pubDate strings written as given (feedfactory formats real datetimes only)."""
    parts = []
    for title, link, date in items:
        pub = f"<pubDate>{date}</pubDate>" if date else ""
        parts.append(f"<item><title>{title}</title><link>{link}</link>{pub}</item>")
    lang = f"<language>{language}</language>" if language else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Datas</title>'
        f"<link>https://example.org/</link>{lang}{''.join(parts)}</channel></rss>"
    ).encode("utf-8")


def test_localised_feed_dates_are_read_and_unknown_dates_never_rank_as_newest(store, httpserver, ingest_settings):
    old = httpserver.add("/old", article_page("Old story", article_body("an old story")))
    new = httpserver.add("/new", article_page("New story", article_body("a new story")))
    undated = httpserver.add("/undated", article_page("Undated story", article_body("an undated story")))
    future = httpserver.add("/future", article_page("Future story", article_body("a story from the future")))
    feed = httpserver.add("/f.xml", _raw_rss([
        ("Old story", old, "Seg, 24 Set 2018 19:42:40 -0300"),  # Portuguese day and month names
        ("New story", new, "Wed, 01 May 2024 10:00:00 GMT"),
        ("Undated story", undated, "um dia destes"),  # not a date at all
        ("Future story", future, "Fri, 01 Jan 2100 00:00:00 GMT"),  # not believable
    ], language="pt-br"), content_type=RSS)
    poll_once(store, ingest_settings, topics(topic("all", [feed])))
    published = {a.title: a.published_at for a in articles(store)}
    assert published["Old story"] == datetime(2018, 9, 24, 22, 42, 40, tzinfo=timezone.utc)
    assert published["New story"] == datetime(2024, 5, 1, 10, tzinfo=timezone.utc)
    assert published["Undated story"] is None and published["Future story"] is None
    with store.session() as s:
        order = [a.title for a in newest_articles(s, "all")]
    # dated articles first, newest first; articles of unknown date after them (fetched just now though they are)
    assert order[:2] == ["New story", "Old story"] and set(order[2:]) == {"Undated story", "Future story"}


# --- links -----------------------------------------------------------------------------------------


def test_entries_with_unsupported_link_schemes_are_named_in_the_log(store, httpserver, ingest_settings, caplog):
    ok = httpserver.add("/ok", article_page("Fine story", article_body("a fine story")))
    feed = httpserver.add("/f.xml", _raw_rss([
        ("Fine story", ok, None),
        ("Script link", "javascript:alert(1)", None),
        ("Local file", "file:///etc/passwd", None),
        ("Inline data", "data:text/html,hello", None),
        ("No link", "", None),
    ]), content_type=RSS)
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        report = poll_once(store, ingest_settings, topics(topic("all", [feed])))
    assert report.new == 1 and report.sources[0].skipped == 4
    log = caplog.text
    for title, scheme in (("Script link", "javascript"), ("Local file", "file"), ("Inline data", "data")):
        assert f"entry '{title}' has unsupported link scheme '{scheme}:'" in log
    assert "entry 'No link' has no link" in log
    assert "'Script link' has no link" not in log


# --- CLI: labels and the table ---------------------------------------------------------------------


def test_source_labels_use_the_host_when_unnamed_and_tell_equal_names_apart():
    from bot.cli.ingest import source_labels

    labels = source_labels([
        ("https://a.example/rss", "Top stories"), ("https://b.example/rss", "Top stories"),
        ("https://a.example/world.xml", "Top stories"), ("https://c.example/feed.xml", None),
        ("https://d.example/x.xml", "Only one"),
    ])
    assert labels["https://c.example/feed.xml"] == "c.example"
    assert labels["https://d.example/x.xml"] == "Only one"
    assert labels["https://b.example/rss"] == "Top stories (b.example)"
    assert labels["https://a.example/rss"] == "Top stories (a.example/rss)"
    assert labels["https://a.example/world.xml"] == "Top stories (a.example/world.xml)"
    assert len(set(labels.values())) == 5


def test_ingest_table_counts_skipped_and_retried_entries_apart_like_the_log(store_url, tmp_path, httpserver, settings, caplog):
    from bot.cli import app

    ok = httpserver.add("/ok", article_page("Fine story", article_body("a fine story")))
    hang = httpserver.add("/hang", hang=True)
    feed = httpserver.add("/f.xml", _raw_rss([
        ("Fine story", ok, None), ("Hanging", hang, None), ("Script link", "javascript:void(0)", None), ("No link", "", None),
    ]), content_type=RSS)
    topics_dir = tmp_path / "topics"
    topics_dir.mkdir()
    (topics_dir / "local.toml").write_text(f'name = "local"\ntitle = "Local"\n[[feeds]]\nurl = "{feed}"\n[filter]\nany = []\n')
    cfg = tmp_path / "b.toml"
    cfg.write_text(f'data_dir = "{tmp_path / "data"}"\ndatabase_url = "{store_url}"\ntopics_dir = "{topics_dir}"\n'
                   '[http]\nallow_private = ["127.0.0.1"]\ntimeout = 0.5\ntotal_timeout = 3\n')
    listing = CliRunner().invoke(app, ["--config", str(cfg), "sources"])  # before the first poll: no name known
    assert listing.exit_code == 0, listing.output
    row = next(ln for ln in listing.stdout.splitlines() if "│" in ln and "local" in ln)
    assert row.split("│")[1].strip() == feed.split("/")[2]  # shown by its host, not a blank
    with caplog.at_level(logging.WARNING, logger="briefbot.ingest"):
        result = CliRunner().invoke(app, ["--config", str(cfg), "ingest", "local"])
    assert result.exit_code == 0, result.output
    header = next(ln for ln in result.stdout.splitlines() if "Source" in ln)
    assert "Skipped" in header and "Retry" in header and "Left" not in header
    row = next(ln for ln in result.stdout.splitlines() if "127.0.0.1" in ln and "ok" in ln)
    cells = [c.strip() for c in row.split("│")]
    status_at = cells.index("ok")
    assert cells[status_at + 1: status_at + 5] == ["1", "0", "2", "1"]  # new, known, skipped, retry
    assert "1 new article(s)" in result.stdout and "2 entries skipped, 1 left for the next poll" in result.stdout
    assert ": 1 entry could not be fetched; retried next poll" in caplog.text  # the log agrees with the table
    assert ": 2 entries skipped" in caplog.text


def test_cli_brief_from_the_store_says_when_every_article_is_foreign(store_url, tmp_path, httpserver, settings):
    from bot.cli import app

    pt = httpserver.add("/pt", article_page("Governo anuncia pacote", PORTUGUESE))
    feed = httpserver.add("/f.xml", rss([Entry("Governo anuncia pacote", pt)]), content_type=RSS)
    topics_dir = tmp_path / "topics"
    topics_dir.mkdir()
    (topics_dir / "local.toml").write_text(f'name = "local"\ntitle = "Local"\n[[feeds]]\nurl = "{feed}"\n[filter]\nany = []\n')
    cfg = tmp_path / "b.toml"
    cfg.write_text(f'data_dir = "{tmp_path / "data"}"\ndatabase_url = "{store_url}"\ntopics_dir = "{topics_dir}"\n'
                   '[http]\nallow_private = ["127.0.0.1"]\n')
    assert CliRunner().invoke(app, ["--config", str(cfg), "ingest", "local"]).exit_code == 0
    result = CliRunner().invoke(app, ["--config", str(cfg), "brief", "local"])
    assert result.exit_code == 1
    assert "the 1 stored article(s) of topic 'local' are not in English and were skipped" in result.stderr
    assert "run 'briefbot ingest" not in result.stderr and "Traceback" not in result.output


def test_fetched_pages_without_a_reliable_charset_give_no_mojibake(store, httpserver, ingest_settings):
    names = "El café de la señora Peña en México, según Pérez."
    body = article_body("the border cafe") + [names]
    undeclared = article_page("Cafe story", body).replace("<meta charset='utf-8'>", "").encode("cp1252")
    wrong = article_page("Mislabelled story", article_body("the mislabelled page") + [names]).replace(
        "<meta charset='utf-8'>", "").encode("utf-8")
    a = httpserver.add("/latin", undeclared, content_type="text/html")
    b = httpserver.add("/mislabelled", wrong, content_type="text/html; charset=iso-8859-1")
    feed = httpserver.add("/f.xml", rss([Entry("Cafe story", a), Entry("Mislabelled story", b)]), content_type=RSS)
    assert poll_once(store, ingest_settings, topics(topic("all", [feed]))).new == 2
    for art in articles(store):
        assert "señora Peña" in art.text and "Pérez" in art.text, art.text[-200:]
