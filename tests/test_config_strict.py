"""Settings and topic files are strict, and a new SQLite file is safe to open from several
processes at once (issue 11, items 10 and 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

BRIEFBOT = str(Path(sys.executable).with_name("briefbot"))


@pytest.fixture
def runner(settings, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    return CliRunner()


@pytest.mark.parametrize(
    "body, words",
    [
        ('[filter]\ninclude = ["mexico"]\n', "filter.include: unknown key (allowed: any, all, none)"),
        ('[[feeds]]\nurll = "https://example.org/rss"\n', "feeds.0.urll: unknown key (allowed: url, name, interval_minutes); did you mean 'url'?"),
        ('titel = "x"\n', "titel: unknown key"),
    ],
)
def test_unknown_keys_in_a_topic_file_are_errors(runner, tmp_path, monkeypatch, body, words):
    topics = tmp_path / "topics"
    topics.mkdir()
    (topics / "mx.toml").write_text(f'name = "mx"\ntitle = "MX"\n{body}')
    monkeypatch.setenv("BRIEFBOT_TOPICS_DIR", str(topics))
    result = runner.invoke(app, ["brief", "mx", "--sample"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"briefbot: error: invalid topic file {topics / 'mx.toml'}: ") and words in line


def test_an_empty_topics_dir_is_not_the_current_folder(settings, tmp_path, monkeypatch):
    from config.settings import load_settings
    from config.topics import load_topics

    (tmp_path / "stray.toml").write_text('name = "stray"\ntitle = "Not a topic"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_TOPICS_DIR", "")
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", " ")
    loaded = load_settings()
    assert loaded.topics_dir is None and loaded.data_dir != Path(".") and loaded.data_dir.is_absolute()
    assert "stray" not in load_topics(loaded.topics_dir)


def test_a_sqlite_url_in_a_missing_folder_is_refused_not_created(runner, tmp_path, monkeypatch):
    missing = tmp_path / "typo" / "deeper"
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{missing / 'briefbot.sqlite'}")
    result = runner.invoke(app, ["ingest", "--sample"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert f"the folder {missing} of the SQLite database does not exist" in line
    assert not (tmp_path / "typo").exists()


def test_the_default_data_dir_is_still_created(runner, settings):
    assert not settings.data_dir.exists()
    result = runner.invoke(app, ["ingest", "--sample"])
    assert result.exit_code == 0, result.output
    assert (settings.data_dir / "briefbot.sqlite").is_file()


def test_four_first_runs_at_once_on_a_new_sqlite_file_all_succeed(settings, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env["BRIEFBOT_DATABASE_URL"] = f"sqlite:///{tmp_path / 'new.sqlite'}"
    env["BRIEFBOT_DATA_DIR"] = str(tmp_path / "data")
    procs = [
        subprocess.Popen([BRIEFBOT, "ingest", "--sample"], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], [err for _, err in outcomes]
    assert not any("already exists" in err for _, err in outcomes)
