"""``briefbot quotes`` / ``briefbot trends`` and the chat verbs on the console, over a store whose
quote bank is filled by hand-written briefs (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pytest
import time_machine
from typer.testing import CliRunner

from bot.cli import app
from bot.quotebank.chart import HEIGHT, WIDTH, png_size
from tests.quotebank_helpers import NOW, stored_brief

FERRER = ("Lucía Ferrer", "person", "deputy governor of the Bank of Mexico")
AGUIRRE = ("Tomás Aguirre", "person", "senior fellow at the Gulf Institute")


@pytest.fixture
def bank(store, store_url, monkeypatch, settings):
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", store_url)
    stored_brief(store, "usmx", n=1, outlet="Rio Grande Dispatch", days_ago=2, actors=[FERRER, AGUIRRE],
                 quotes=[("Cash moves where nobody can see it", *FERRER[::2]), ("Fees barely change migration", *AGUIRRE[::2])],
                 issues=["remittances", "migration"])
    stored_brief(store, "usmx", n=2, outlet="Borderland Courier", days_ago=9, actors=[("Ferrer", "person", "central bank deputy governor")],
                 quotes=[("Remittance fees are a gift to money launderers", "Ferrer", "central bank deputy governor")],
                 issues=["remittances"])
    stored_brief(store, "usmx", n=3, outlet="Borderland Courier", days_ago=40, actors=[AGUIRRE],
                 quotes=[("Old words", *AGUIRRE[::2])], issues=["trade"])
    with time_machine.travel(NOW, tick=False):
        yield store


def test_quotes_markdown_groups_by_speaker_most_quoted_first(bank):
    result = CliRunner().invoke(app, ["quotes", "usmx", "--since", "30d"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("## Lucía Ferrer") < out.index("## Tomás Aguirre")  # 2 quotes vs 1 (one across two outlets)
    assert "Old words" not in out  # 40 days old
    assert "[Story 1](https://riograndedispatch.example/1)" in out


def test_quotes_json_and_csv_with_speaker_and_about(bank):
    result = CliRunner().invoke(app, ["quotes", "usmx", "--speaker", "ferrer", "--format", "json"])
    data = json.loads(result.stdout)
    assert {q["speaker"] for q in data["quotes"]} == {"Lucía Ferrer"} and len(data["quotes"]) == 2
    result = CliRunner().invoke(app, ["quotes", "usmx", "--about", "launderers", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["quote"] for r in rows] == ["Remittance fees are a gift to money launderers"]
    assert rows[0]["outlet"] == "Borderland Courier" and rows[0]["url"].startswith("https://")


def test_cli_bad_input_is_one_line(bank):
    for args, code in ((["quotes", "usmx", "--format", "xml"], 2), (["quotes", "nope"], 2),
                       (["quotes", "usmx", "--since", "soon"], 2), (["quotes", "usmx", "--speaker", "Nobody"], 1),
                       (["trends", "usmx", "--chart", "c.jpg"], 2)):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == code, (args, result.output)
        assert result.stderr.startswith("briefbot: error: ") and "Traceback" not in result.output


def test_trends_marks_new_names_and_writes_the_chart(bank, tmp_path):
    chart = tmp_path / "trends.png"
    result = CliRunner().invoke(app, ["trends", "usmx", "--since", "7d", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "| remittances | 1 | 1 | +0 |" in result.stdout
    assert "| migration | 1 | 0 | new |" in result.stdout
    assert png_size(chart.read_bytes()) == (WIDTH, HEIGHT)


def test_chat_verbs_on_the_console(bank, tmp_path):
    lines = "/brief quotes usmx 30d about migration\n/brief who Ferrer\n/brief who Lucia\n/brief trends usmx 7d\n"
    result = CliRunner().invoke(app, ["run", "--adapter", "console", "--no-poll"], input=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "# Quotes in usmx about “migration”" in out and "“Fees barely change migration” — Rio Grande Dispatch" in out
    # "Ferrer" and "Lucía Ferrer" were matched as one speaker across outlets: no candidates list
    assert out.count("# Lucía Ferrer") == 2 and "Which one?" not in out
    assert "central bank deputy governor" in out and "deputy governor of the Bank of Mexico" in out  # roles given
    assert "# Trends in usmx" in out and "migration: 1 article (new)" in out
    [png] = list(tmp_path.glob("trends-usmx-*.png"))
    assert png_size(png.read_bytes()) == (WIDTH, HEIGHT)


def test_ambiguous_name_lists_candidates(bank, store):
    stored_brief(store, "usmx", n=9, outlet="X", days_ago=1, actors=[("Pablo Ferrer", "person", "mayor of Tijuana")],
                 quotes=[("The port is ready", "Pablo Ferrer", "mayor of Tijuana")])
    result = CliRunner().invoke(app, ["run", "--adapter", "console", "--no-poll"], input="/brief who ferrer\n")
    assert "Which one?" in result.stdout and "Lucía Ferrer" in result.stdout and "Pablo Ferrer — mayor of Tijuana" in result.stdout
