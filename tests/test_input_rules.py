"""One rule for what is an article, for `brief --article`, `ingest --file` and feeds; bad input
is one line and a non-zero exit, never a traceback (issue 11, items 8 and 9)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.ingest.rules import article_problem
from tests.feedfactory import article_body

PASSWD = "".join(f"user{i}:x:{1000 + i}:{1000 + i}:User {i},,,:/home/user{i}:/bin/bash\n" for i in range(60))
ENGLISH = "\n\n".join(article_body("the border talks", 3))
GERMAN = (
    "Die mexikanische Regierung hat am Montag neue Zölle der Vereinigten Staaten auf Stahl abgelehnt. "
    "Die Wirtschaftsministerin sagte, Mexiko werde auf jeden Zoll mit einem Zoll antworten. Die Regierung in "
    "Washington hatte die Zölle in der vergangenen Woche angekündigt, und die Industrieverbände beider Länder "
    "warnen seitdem vor höheren Preisen für Autos, Maschinen und Baumaterial. Beobachter erwarten weitere Gespräche."
)
NOT_ARTICLES = {
    "passwd": (PASSWD, "only 0 of its"),
    "four.txt": ("Mexico border talks resume", "too short to be an article (4 words"),
    "same.txt": ("tariff " * 5000, "only 1 different"),
}


@pytest.fixture
def runner(settings, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    return CliRunner()


def test_the_rule(tmp_path):
    assert article_problem(ENGLISH, 40) is None
    assert article_problem(GERMAN, 40) is None  # an article; whether it is briefed is a separate question
    for text, words in NOT_ARTICLES.values():
        assert words in article_problem(text, 40)
    assert article_problem("four words only here", 0) is None  # min_article_words = 0 keeps everything


@pytest.mark.parametrize("name", list(NOT_ARTICLES))
def test_brief_refuses_what_is_not_an_article(runner, tmp_path, name):
    text, words = NOT_ARTICLES[name]
    path = tmp_path / name
    path.write_text(text)
    result = runner.invoke(app, ["brief", "usmx", "--article", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"briefbot: error: {path}: ") and words in line


def test_brief_names_each_bad_source_and_briefs_the_others(runner, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "four.txt"
    good.write_text("Border talks resume\n\n" + ENGLISH)
    bad.write_text("Mexico border talks resume")
    result = runner.invoke(app, ["brief", "usmx", "--article", str(bad), "--article", str(good)])
    assert result.exit_code == 1
    assert "border talks" in result.stdout.lower()  # the good one was briefed
    lines = result.stderr.splitlines()
    assert any(str(bad) in ln and "too short" in ln for ln in lines)
    assert lines[-1] == "briefbot: error: 1 of 2 sources could not be briefed"


def test_ingest_files_one_rule_names_each_failure_and_exits_non_zero(runner, tmp_path):
    paths = []
    for name, (text, _) in NOT_ARTICLES.items():
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    (tmp_path / "good.txt").write_text("Border talks resume\n\n" + ENGLISH)
    (tmp_path / "german.txt").write_text(GERMAN * 2)
    paths += [tmp_path / "good.txt", tmp_path / "german.txt"]
    result = runner.invoke(app, ["ingest", *sum((["--file", str(p)] for p in paths), [])])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for name, (_, words) in NOT_ARTICLES.items():
        assert any(str(tmp_path / name) in ln and words in ln for ln in result.stderr.splitlines()), name
    assert "german.txt: the article is in German; it is stored, but briefbot only briefs English" in result.stderr
    assert "2 new article(s), 0 already stored, 3 skipped (not articles), 0 error(s) from 5 file(s)" in result.stdout


@pytest.mark.parametrize("command", [["brief", "usmx", "--article"], ["ingest", "--file"]])
def test_deeply_nested_json_is_one_line(runner, tmp_path, command):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    result = runner.invoke(app, [*command, str(deep)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"briefbot: error: {deep}: " in result.stderr


@pytest.mark.parametrize("model", ["../../etc", "os", ".foo", "", "blank:en", "sys"])
def test_a_spacy_model_that_is_no_pipeline_is_refused_when_settings_load(runner, monkeypatch, model):
    monkeypatch.setenv("BRIEFBOT_SPACY_MODEL", model)
    result = runner.invoke(app, ["brief", "usmx", "--sample"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("briefbot: error: setting 'spacy_model' from BRIEFBOT_SPACY_MODEL:") and "spaCy pipeline" in line


def test_a_well_named_model_that_is_not_installed_falls_back(settings):
    from summarizers.nlp import pipeline_problem

    assert pipeline_problem("de_core_news_lg") is None  # load_pipeline falls back, with a warning
    assert "not a spaCy pipeline" in pipeline_problem("typing_extensions")
