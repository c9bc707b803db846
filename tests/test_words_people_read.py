"""Dates and words people read (issue 11, item 13): human dates in briefs, page titles without
site suffixes, JSON error positions, one warning per big file, --since named in both commands."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.adapters.discord.render import brief_embeds
from bot.adapters.slack.render import brief_blocks
from bot.cli import app
from bot.ingest.extract import extract_html
from bot.ingest.titles import clean_title
from bot.render.dates import human_date
from bot.render.markdown import brief_to_markdown
from summarizers.model import ArticleMeta, Brief
from tests.feedfactory import article_body


@pytest.mark.parametrize(
    "value, shown",
    [
        ("2025-03-06T15:40:00+00:00", "6 March 2025"),
        ("2025-03-06T23:30:00-06:00", "6 March 2025"),  # the publisher's day, not UTC's 7 March
        ("2025-03-06", "6 March 2025"),
        ("2025-03-06T15:40:00Z", "6 March 2025"),
        ("March 4, 2025", "March 4, 2025"),  # already written for people
        (None, ""),
    ],
)
def test_human_dates(value, shown):
    assert human_date(value) == shown


def test_briefs_show_human_dates_on_every_platform():
    brief = Brief(topic="usmx", article=ArticleMeta(title="Talks", source="Example", published="2025-03-06T15:40:00+00:00"),
                  summary=["Officials met."], actors=[], issues=[], quotes=[])
    text = brief_to_markdown(brief)
    assert "6 March 2025" in text and "2025-03-06" not in text
    assert "6 March 2025" in json.dumps(brief_blocks(brief)) and "2025-03-06" not in json.dumps(brief_blocks(brief))
    footer = brief_embeds(brief)[0].footer.text
    assert footer.endswith("6 March 2025")


@pytest.mark.parametrize(
    "title, sites, clean",
    [
        ("Mexico rejects US steel tariffs | DW | 19.01.2020", ("DW", "dw.com"), "Mexico rejects US steel tariffs"),
        ("Mexico rejects US steel tariffs - BBC News", ("BBC", "bbc.co.uk"), "Mexico rejects US steel tariffs"),
        ("Mexico rejects US steel tariffs – 19.01.2020", (), "Mexico rejects US steel tariffs"),
        ("Mexico - US talks resume", ("Example", "example.org"), "Mexico - US talks resume"),  # a dash in a headline
        ("Home | Example", ("Example",), "Home | Example"),  # nothing would be left
        (None, (), None),
    ],
)
def test_page_titles_lose_site_suffixes(title, sites, clean):
    assert clean_title(title, *sites) == clean


def test_an_extracted_page_title_has_no_site_suffix():
    body = "".join(f"<p>{p}</p>" for p in article_body("the steel tariffs"))
    page = (f"<html><head><title>Mexico rejects US steel tariffs | DW | 19.01.2020</title>"
            f"<meta property='og:site_name' content='DW'></head><body><article>{body}</article></body></html>")
    assert extract_html(page, "https://www.dw.com/en/a-1").meta.title == "Mexico rejects US steel tariffs"


@pytest.fixture
def runner(settings, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    return CliRunner()


def test_json_errors_say_starting_at_once(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "unterminated')
    result = runner.invoke(app, ["brief", "usmx", "--article", str(bad)])
    assert result.exit_code == 1
    assert "Unterminated string starting at line 1, column 10" in result.stderr and "at at" not in result.stderr


def test_a_long_article_is_reported_cut_once(runner, tmp_path, caplog):
    long = tmp_path / "long.txt"
    long.write_text("Long report on steel\n\n" + "\n\n".join(article_body("the steel tariffs", 60)))
    result = runner.invoke(app, ["--verbose", "brief", "usmx", "--article", str(long)], env={"BRIEFBOT_MAX_ARTICLE_CHARS": "5000"})
    assert result.exit_code == 0, result.output
    said = result.stderr + caplog.text
    assert said.count("only the beginning was briefed") == 1 and " cut to " not in said


def test_since_is_named_in_both_commands(runner):
    brief_help = runner.invoke(app, ["brief", "--help"], env={"COLUMNS": "200"}).stdout
    digest_help = runner.invoke(app, ["digest", "--help"], env={"COLUMNS": "200"}).stdout
    assert "published within this window" in " ".join(brief_help.split())
    assert "stored (ingested) within this window" in " ".join(digest_help.split())
