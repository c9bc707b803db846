"""``briefbot brief``: output formats, several articles, and clean user errors (no tracebacks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import shared_path

pytestmark = pytest.mark.slow

BRIEF_KEYS = ["topic", "article", "summary", "actors", "issues", "quotes"]
ARTICLE = (
    "Mexico's economy minister, Raquel Buenrostro, said on Monday that Mexico would not accept new "
    "US tariffs on steel and aluminum. The United States is Mexico's largest trading partner and the "
    "two countries are bound by the USMCA free trade agreement.\n\n"
    "\"We will answer every tariff with a tariff,\" Buenrostro told reporters in Mexico City. "
    "Business groups in both countries warned that a trade dispute would hurt factories on the border."
)


@pytest.fixture
def runner(settings):  # settings: clean environment, cwd in tmp_path
    return CliRunner()


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "steel.txt"
    p.write_text("Mexico warns US over steel tariffs\n\n" + ARTICLE, encoding="utf-8")
    return p


def _check_brief_shape(b: dict) -> None:
    assert list(b) == BRIEF_KEYS
    assert list(b["article"]) == ["title", "url", "source", "published"]
    assert all(isinstance(s, str) for s in b["summary"])
    for a in b["actors"]:
        assert list(a) == ["name", "type", "role", "mentions"]
        assert a["type"] in ("person", "organization", "place", "group") and isinstance(a["mentions"], int)
    for i in b["issues"]:
        assert list(i) == ["label", "score"] and 0 <= i["score"] <= 1
    for q in b["quotes"]:
        assert list(q) == ["text", "speaker", "speaker_role"]


def test_json_shape_for_one_article(runner, article):
    result = runner.invoke(app, ["brief", "usmx", "--article", str(article), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    _check_brief_shape(data)
    assert data["topic"] == "usmx"
    assert data["article"]["title"] == "Mexico warns US over steel tariffs"
    assert "trade" in [i["label"] for i in data["issues"]]


def test_several_articles_give_topic_and_briefs(runner, article, tmp_path):
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"title": "Second", "url": "https://example.org/2", "source": "Example", "published": "2024-01-02", "text": ARTICLE}))
    result = runner.invoke(app, ["brief", "usmx", "-a", str(article), "-a", str(second), "--format", "json", "--sentences", "1"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["topic", "briefs"] and data["topic"] == "usmx"
    assert [b["article"]["title"] for b in data["briefs"]] == ["Mexico warns US over steel tariffs", "Second"]
    assert data["briefs"][1]["article"] == {"title": "Second", "url": "https://example.org/2", "source": "Example", "published": "2024-01-02"}
    for b in data["briefs"]:
        _check_brief_shape(b)
        assert len(b["summary"]) == 1


def test_markdown_is_the_default(runner, article):
    result = runner.invoke(app, ["brief", "usmx", "--article", str(article), "--summarizer", "lead"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Mexico warns US over steel tariffs")
    for heading in ("**Summary**", "**Actors**", "**Issues**", "**Quotes**"):
        assert heading in out
    assert "Raquel Buenrostro" in out


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["brief", "mars", "--sample"], 2, "unknown topic 'mars'. Known topics: usmx, world"),
        (["brief", "usmx", "--article", "/nonexistent/file.txt"], 1, "no such file"),
        (["brief", "usmx", "--sample", "--summarizer", "bert"], 2, "unknown summarizer 'bert'"),
        (["brief", "usmx", "--sample", "--format", "pdf"], 2, "unknown format 'pdf'"),
    ],
)
def test_user_errors(runner, args, code, message):
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"\n \n", "empty"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50, "binary data"),
        ("german.txt", ("Die mexikanische Regierung hat am Montag neue Zölle der Vereinigten Staaten auf Stahl "
                        "abgelehnt. Die Wirtschaftsministerin sagte, Mexiko werde auf jeden Zoll mit einem Zoll "
                        "antworten. Die Regierung in Washington hatte die Zölle in der vergangenen Woche angekündigt, "
                        "und die Industrieverbände beider Länder warnen seitdem vor höheren Preisen für Autos, "
                        "Maschinen und Baumaterial.").encode(), "in German, not English"),
        ("bad.json", b"{not json", "invalid JSON"),
    ],
)
def test_bad_articles(runner, tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    result = runner.invoke(app, ["brief", "usmx", "--article", str(p)])
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.startswith("briefbot: error:")
    assert "Traceback" not in result.stderr


def test_directory_is_refused(runner, tmp_path):
    result = runner.invoke(app, ["brief", "usmx", "--article", str(tmp_path)])
    assert result.exit_code == 1 and "is a directory" in result.stderr


def test_huge_article_is_capped_and_said(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_MAX_ARTICLE_CHARS", "1000")  # the smallest cap allowed
    p = tmp_path / "long.txt"
    p.write_text("Steel dispute grows\n\n" + "\n\n".join([ARTICLE] * 20), encoding="utf-8")
    result = runner.invoke(app, ["brief", "usmx", "--article", str(p), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "longer than 1000 characters" in result.stderr
    json.loads(result.stdout)


def _briefbot() -> list[str]:
    """The installed console script beside this interpreter, else the same entry point via -c."""
    from pathlib import Path

    script = Path(sys.executable).with_name("briefbot")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from bot.cli import main; main()"]


def test_real_subprocess_sample_json(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update(HOME=str(tmp_path), NLTK_DATA=str(tmp_path / "none"))
    proc = subprocess.run(
        _briefbot() + ["brief", "usmx", "--sample", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    _check_brief_shape(data)
    assert len(data["summary"]) == 3
    bad = subprocess.run(
        _briefbot() + ["brief", "usmx", "--article", str(tmp_path / "missing.txt")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )
    assert bad.returncode == 1 and "no such file" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.shared
def test_dw_article_done_when(runner):
    """The seed DW article: key actors, the four key issues, no furniture in the summary."""
    path = shared_path("corpus", "000_1a059207eaaebc80.txt")
    gold = json.loads(shared_path("corpus", "000_1a059207eaaebc80.gold.json").read_text())
    result = runner.invoke(app, ["brief", "usmx", "--article", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    labels = [i["label"] for i in data["issues"]][:8]
    for key in ("migration", "drug trafficking", "energy", "trade"):
        assert key in labels
    summary = " ".join(data["summary"])
    for furniture in gold["summary_must_not_contain"]:
        assert furniture not in summary
    assert len(data["summary"]) == 3


def test_pooled_briefs_send_the_longest_texts_first_and_answer_in_order():
    """With a pool, the longest articles are briefed first (so no long one is left for the end
    while the other worker idles); the results come back in the order of the sources, a refused
    article's error in its place."""
    from types import SimpleNamespace

    from bot.cli.brief import _brief_all
    from summarizers.errors import BriefError
    from summarizers.model import ArticleMeta, ArticleText

    sent = []

    def call(fn, spec, text, topic_name, kind):
        sent.append(text.meta.title)
        if text.meta.title == "refused":
            raise BriefError("not an article")
        return f"brief of {text.meta.title}", text.meta.title == "long"

    pool = SimpleNamespace(workers=1, preload="spec", call=call)  # one feeder: the sending order is exact
    texts = [ArticleText(meta=ArticleMeta(title=t), text="word " * n)
             for t, n in [("short", 10), ("long", 900), ("refused", 50), ("middle", 300)]]
    out = list(_brief_all(None, texts, SimpleNamespace(name="world"), pool))
    assert sent == ["long", "middle", "refused", "short"]
    assert [o[:2] for o in out] == [("brief of short", False), ("brief of long", True), (None, False), ("brief of middle", False)]
    assert isinstance(out[2][2], BriefError) and out[0][2] is None


def test_several_sources_give_the_list_form_even_when_only_one_is_briefed(runner, article, tmp_path):
    """The JSON shape follows what was asked (several sources: ``{"topic", "briefs"}``), not how
    many succeeded, so a script reading it does not break when one source fails."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["brief", "usmx", "-a", str(article), "-a", str(empty), "--format", "json"])
    assert result.exit_code == 1 and "the file is empty" in result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["topic", "briefs"] and len(data["briefs"]) == 1


def test_an_empty_article_value_is_a_usage_error_not_the_current_folder(runner, article):
    result = runner.invoke(app, ["brief", "usmx", "-a", str(article), "-a", ""])
    assert result.exit_code == 2 and "--article got an empty value" in result.stderr
    assert "directory" not in result.stderr and "Traceback" not in result.stderr
