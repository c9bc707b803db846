"""Bad input on the command line (from a break-it review): one ``briefbot: error:`` line per
problem on stderr, a non-zero exit (2 for bad usage or settings), never a traceback, and
nothing recorded that did not happen."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import discord
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app
from bot.store.db import open_store
from bot.store.models import Delivery
from tests.digest_helpers import add_stories

BRIEFBOT = str(Path(sys.executable).with_name("briefbot"))


@pytest.fixture
def cli(settings, monkeypatch):
    """A CLI runner whose data directory (and SQLite store) is the test's."""
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    return CliRunner()


def error_lines(result) -> list[str]:
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("briefbot: error: ") for line in lines), result.stderr
    return lines


# -- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["brief", "digest"])
@pytest.mark.parametrize(
    "since, message",
    [
        ("1000000d", "out of range: at most 36525d (100 years)"),  # was OverflowError: date value out of range
        ("99999999999999d", "out of range"),  # was "Python int too large to convert to C int"
        ("0m", "more than zero"),  # digest used to accept it while brief refused it
        ("yesterday", "is not a duration"),
    ],
)
def test_since_follows_one_rule_in_every_command(cli, command, since, message):
    r = cli.invoke(app, [command, "usmx", "--since", since])
    assert r.exit_code == 2
    [line] = error_lines(r)
    assert f"--since '{since}'" in line and message in line


def test_a_huge_since_is_echoed_shortened(cli):
    r = cli.invoke(app, ["digest", "usmx", "--since", "9" * 100_000 + "x"])
    [line] = error_lines(r)
    assert r.exit_code == 2 and len(line) < 300 and "…" in line


# -- topics -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["brief", "mars"], ["digest", "mars"], ["ingest", "mars"]])
def test_an_unknown_topic_exits_2_everywhere(cli, command):
    r = cli.invoke(app, command)
    assert r.exit_code == 2
    [line] = error_lines(r)
    assert "unknown topic 'mars'. Known topics: usmx, world" in line


def write_topics(tmp_path: Path) -> Path:
    d = tmp_path / "topics"
    d.mkdir()
    (d / "broken.toml").write_text('name = "broken"\ntitle = \n', encoding="utf-8")  # TOML syntax error
    (d / "typo.toml").write_text('title = "Typo"\n[filter]\nany = "not a list"\n', encoding="utf-8")
    (d / "fine.toml").write_text('title = "Fine topic"\n[filter]\nany = ["fine"]\n', encoding="utf-8")
    return d


def test_a_broken_topic_file_is_skipped_with_one_warning_and_named_when_asked_for(cli, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("BRIEFBOT_TOPICS_DIR", str(write_topics(tmp_path)))
    from config import topics as topics_module

    topics_module._warned.clear()
    with caplog.at_level(logging.WARNING, logger="briefbot.topics"):
        r = cli.invoke(app, ["sources"])
    assert r.exit_code == 0 and "Traceback" not in r.output
    warnings = [rec.getMessage() for rec in caplog.records if rec.name == "briefbot.topics"]
    assert len(warnings) == 2, warnings  # one line per broken file, however often topics are loaded
    assert any("skipping topic 'broken'" in w and "broken.toml" in w and "line 2" in w for w in warnings)
    assert any("skipping topic 'typo'" in w and "filter.any" in w for w in warnings)
    assert all("\n" not in w and "errors.pydantic.dev" not in w for w in warnings)

    for command in (["digest", "broken"], ["brief", "typo"], ["ingest", "broken"]):
        r = cli.invoke(app, command)
        assert r.exit_code == 2, command
        [line] = error_lines(r)
        assert f"{command[1]}.toml" in line, line

    r = cli.invoke(app, ["digest", "fine", "--since", "1h"])
    assert r.exit_code == 0 and "no fine articles" in r.stderr, r.stderr


def test_a_missing_topics_dir_is_still_an_error(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_TOPICS_DIR", str(tmp_path / "nowhere"))
    r = cli.invoke(app, ["digest", "usmx"])
    [line] = error_lines(r)
    assert r.exit_code == 2 and "topics_dir is not a directory" in line


# -- settings ---------------------------------------------------------------------------------


def test_config_errors_are_one_line_per_problem_naming_setting_and_file(cli, tmp_path):
    cfg = tmp_path / "bb.toml"
    cfg.write_text(
        'sentences = 50\nsumarizer = "lead"\ndefault_timezone = "Mars/Olympus"\nmax_article_chars = 10\n'
        '[slack]\nport = "abc"\nbot_token = 5\n[digest]\nmax_storis = 3\n',
        encoding="utf-8",
    )
    r = cli.invoke(app, ["--config", str(cfg), "digest", "usmx"])
    assert r.exit_code == 2
    lines = error_lines(r)
    assert len(lines) == 7, lines
    text = "\n".join(lines)
    assert "errors.pydantic.dev" not in text and "[type=" not in text
    assert all(str(cfg) in line for line in lines)
    assert "setting 'sentences'" in text and "less than or equal to 20 (got 50)" in text
    assert "unknown setting 'sumarizer'" in text and "did you mean 'summarizer'?" in text
    assert "unknown setting 'digest.max_storis'" in text and "did you mean 'digest.max_stories'?" in text
    assert "unknown time zone 'Mars/Olympus'" in text
    assert "setting 'max_article_chars'" in text and "greater than or equal to 1000" in text
    assert "setting 'slack.port'" in text and "(got 'abc')" in text
    assert "setting 'slack.bot_token'" in text and "(got" not in [ln for ln in lines if "bot_token" in ln][0], "no secrets echoed"


def test_invalid_toml_is_one_line_with_its_position(cli, tmp_path):
    cfg = tmp_path / "bb.toml"
    cfg.write_text("sentences = \n", encoding="utf-8")
    r = cli.invoke(app, ["--config", str(cfg), "brief", "usmx"])
    [line] = error_lines(r)
    assert r.exit_code == 2 and f"invalid TOML in {cfg}" in line and "line 1" in line


def test_environment_settings_name_the_variable(cli, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_MAX_ARTICLE_CHARS", "10")  # used to brief 10 characters into the summary "The"
    monkeypatch.setenv("BRIEFBOT_ADAPTERS", "console")  # lists come as JSON
    r = cli.invoke(app, ["brief", "usmx", "--sample"])
    [line] = error_lines(r)
    assert r.exit_code == 2 and "BRIEFBOT_ADAPTERS" in line and '\'["console"]\'' in line
    monkeypatch.delenv("BRIEFBOT_ADAPTERS")
    r = cli.invoke(app, ["brief", "usmx", "--sample"])
    [line] = error_lines(r)
    assert "setting 'max_article_chars' from BRIEFBOT_MAX_ARTICLE_CHARS" in line and "1000" in line


def test_time_zone_is_checked_and_spelled_canonically_when_settings_load(settings, monkeypatch):
    from config.settings import ConfigError, load_settings

    monkeypatch.setenv("BRIEFBOT_DEFAULT_TIMEZONE", "america/mexico_city")
    assert load_settings().default_timezone == "America/Mexico_City"
    monkeypatch.setenv("BRIEFBOT_DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert err.value.problems == [
        "setting 'default_timezone' from BRIEFBOT_DEFAULT_TIMEZONE: unknown time zone 'Mars/Olympus': use an IANA "
        "name such as America/Mexico_City, Europe/Berlin or UTC"
    ]


@pytest.mark.parametrize(
    "variable, value",
    [
        ("BRIEFBOT_POLL_INTERVAL_MINUTES", "1e300"),  # would overflow timedelta(minutes=...)
        ("BRIEFBOT_DIGEST__MISSED_GRACE_HOURS", "1e300"),
        ("BRIEFBOT_DIGEST__INITIAL_LOOKBACK_HOURS", "1e300"),
        ("BRIEFBOT_DIGEST__CLAIM_LEASE_MINUTES", "1e300"),
        ("BRIEFBOT_SLACK__PORT", "70000"),
        ("BRIEFBOT_HTTP__TIMEOUT", "1e300"),
    ],
)
def test_duration_and_number_settings_are_bounded(settings, monkeypatch, variable, value):
    from config.settings import ConfigError, load_settings

    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    [problem] = err.value.problems
    assert f"from {variable}" in problem and "less than or equal to" in problem


def test_usage_errors_are_plain_lines_on_stderr_with_exit_2(cli):
    r = cli.invoke(app, ["brief", "usmx", "--sentences", "0"])
    assert r.exit_code == 2 and r.stdout == ""
    assert "Usage: briefbot brief [OPTIONS]" in r.stderr and "TOPIC" in r.stderr and "Error: Invalid value for '--sentences'" in r.stderr
    assert "╭" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("argv, words", [
    (["brief", "usmx", "--sentences", "0"], ["Invalid value for '--sentences'", "see 'briefbot brief --help'"]),
    (["brief"], ["Missing argument 'TOPIC'", "see 'briefbot brief --help'"]),
    (["brief", "usmx", "-a"], ["Option '-a' requires an argument"]),
    (["nosuchcommand"], ["No such command 'nosuchcommand'", "see 'briefbot --help'"]),
])
def test_the_console_script_gives_usage_errors_in_one_line_like_every_other_error(
        monkeypatch, capsys, argv, words):
    from bot.cli.app import main

    monkeypatch.setattr(sys, "argv", ["briefbot", *argv])
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    assert done.value.code == 2 and out == ""
    assert err.startswith("briefbot: error: ") and err.count("\n") == 1, err
    assert all(w in err for w in words), err


def test_the_console_script_without_a_command_still_shows_the_help(monkeypatch, capsys):
    from bot.cli.app import main

    monkeypatch.setattr(sys, "argv", ["briefbot"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 2 and "Usage: briefbot [OPTIONS] COMMAND" in capsys.readouterr().err


# -- database ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, names",
    [
        ("mysql://u@h/db", ["driver 'MySQLdb' is not installed", "pip install mysqlclient"]),
        ("mysql+pymysql://u:secret@h/db", ["pip install PyMySQL", "u:***@h"]),
        ("oracle+oracledb://u@h/db", ["pip install oracledb"]),
        ("foo://x", ["unknown database type 'foo'"]),
    ],
)
def test_an_unsupported_database_says_what_to_install_and_what_is_supported(cli, monkeypatch, url, names):
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    r = cli.invoke(app, ["sources"])
    [line] = error_lines(r)
    assert r.exit_code == 1 and "SQLite" in line and "PostgreSQL" in line and "secret" not in line
    for name in names:
        assert name in line


# -- Discord unreachable ----------------------------------------------------------------------


@pytest.fixture
def closed_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_discord_unreachable_when_posting_a_digest_is_one_line(cli, settings, monkeypatch, closed_port):
    store = open_store(settings.resolved_database_url)
    add_stories(store, [0])
    store.engine.dispose()
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port}/api/v10")
    monkeypatch.setenv("DISCORD_TOKEN", "x")
    r = cli.invoke(app, ["digest", "usmx", "--channel", "discord:6100"])
    [line] = error_lines(r)
    assert r.exit_code == 1 and "cannot reach Discord at http://127.0.0.1" in line
    assert deliveries(settings) == 0


@pytest.mark.slow
def test_run_with_discord_unreachable_is_one_line(cli, monkeypatch, closed_port):
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port}/api/v10")
    monkeypatch.setenv("DISCORD_TOKEN", "x")
    r = cli.invoke(app, ["run", "--adapter", "discord", "--no-poll"])
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    [line] = [ln for ln in r.stderr.splitlines() if ln.startswith("briefbot: error:")]
    assert line.startswith(f"briefbot: error: cannot reach Discord at http://127.0.0.1:{closed_port}/api/v10: ")
    assert len(r.stderr.splitlines()) <= 3, r.stderr


# -- broken pipes -----------------------------------------------------------------------------


def run_with_closed_stdout(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run ``briefbot ARGS`` with standard output a pipe nobody reads (``briefbot ... | head`` after head left)."""
    r, w = os.pipe()
    os.close(r)
    try:
        return subprocess.run([BRIEFBOT, *args], stdout=w, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              env=env, text=True, timeout=300)
    finally:
        os.close(w)


def deliveries(settings) -> int:
    store = open_store(settings.resolved_database_url)
    try:
        with store.session() as s:
            return s.scalar(select(func.count()).select_from(Delivery))
    finally:
        store.engine.dispose()


@pytest.mark.slow
def test_a_console_digest_nobody_reads_is_not_recorded_as_delivered(settings):
    store = open_store(settings.resolved_database_url)
    ids = add_stories(store, [0, 2])
    store.engine.dispose()
    env = {**os.environ, "BRIEFBOT_DATA_DIR": str(settings.data_dir)}
    p = run_with_closed_stdout(["digest", "usmx", "--channel", "console:x"], env)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "could not post the digest to console:x" in p.stderr and "broken pipe" in p.stderr
    assert "its articles stay pending" in p.stderr
    assert deliveries(settings) == 0, "nothing was shown, so nothing is recorded"

    ok = subprocess.run([BRIEFBOT, "digest", "usmx", "--channel", "console:x"], capture_output=True, text=True,
                        env=env, timeout=300)
    assert ok.returncode == 0 and "Leading actors" in ok.stdout
    assert deliveries(settings) == len(ids), "the articles were still pending and are delivered now"


@pytest.mark.parametrize("args", [["--help"], ["sources"], ["discord-invite", "--application-id", "123456789012345678"]])
def test_ordinary_commands_end_quietly_on_a_broken_pipe(settings, args):
    env = {**os.environ, "BRIEFBOT_DATA_DIR": str(settings.data_dir)}
    p = run_with_closed_stdout(args, env)
    assert p.stderr == "" and p.returncode == 1, p.stderr


@pytest.mark.parametrize("app_id", ["9" * 32, "12a", "²³", "18446744073709551616"])
def test_discord_invite_refuses_what_is_no_snowflake(cli, app_id):
    r = cli.invoke(app, ["discord-invite", "--application-id", app_id])
    [line] = error_lines(r)
    assert r.exit_code == 2 and "64-bit snowflake" in line


def test_an_empty_since_window_says_it_counts_publication_dates(cli, tmp_path):
    """Articles ingested today but published long ago fall outside `--since 24h`: say why."""
    import json

    story = tmp_path / "old.json"
    body = " ".join(f"The Mexican government and US officials met in Mexico City on day {i} to discuss migration, "
                    f"{topic}." for i, topic in enumerate(["trade", "tariffs on steel", "water rights", "border security",
                                                             "remittances", "fentanyl seizures", "asylum rules", "energy"]))
    story.write_text(json.dumps({"title": "Old talks", "url": "https://example.org/old-talks",
                                 "published": "2020-01-02", "source": "Example", "text": body}))
    stored = cli.invoke(app, ["ingest", "--file", str(story), "usmx"])
    assert stored.exit_code == 0, stored.output
    result = cli.invoke(app, ["brief", "usmx", "--since", "24h"])
    assert result.exit_code == 1
    assert "published in the last 24h" in result.output and "publication dates" in result.output
    assert "Traceback" not in result.output
