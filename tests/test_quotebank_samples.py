"""The README's quote-bank walk-through, offline: ``briefbot ingest --sample`` then ``/brief quotes
usmx 30d``, ``/brief who Ferrer`` and ``/brief trends usmx 30d`` on the console, with the real engine."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.quotebank.chart import HEIGHT, WIDTH, png_size

pytestmark = pytest.mark.slow


def test_samples_give_meaningful_quote_bank_answers(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--sample"]).exit_code == 0
    lines = "/brief quotes usmx 30d\n/brief who Ferrer\n/brief who aguirre\n/brief trends usmx 30d\n"
    result = runner.invoke(app, ["run", "--adapter", "console", "--no-poll"], input=lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    quotes, who, ambiguous, trends = out.split("\n# ")[0], *out.split("\n# ")[1:2], out, out.split("# Trends in usmx")[1]
    # quotes: several speakers from several outlets, the experts among the most quoted
    assert "Lucía Ferrer — deputy governor of the Bank of Mexico" in quotes
    for outlet in ("The Rio Grande Dispatch", "Gulf Coast Ledger", "Pacific Border Review", "The Borderland Courier"):
        assert outlet in quotes
    # who: one speaker across three articles and two outlets, whatever each called her
    assert who.startswith("Lucía Ferrer\n") and "usmx (3 articles)" in who
    # two people called Aguirre stay apart
    assert "Marco Aguirre — Sonora's state water commissioner" in ambiguous and "Tomás Aguirre" in ambiguous
    # trends: against the 30 days before, new names marked, and the chart written
    assert "(new)" in trends and "was 1" in trends and "water: " in trends
    [png] = list(tmp_path.glob("trends-usmx-*.png"))
    assert png_size(png.read_bytes()) == (WIDTH, HEIGHT)
