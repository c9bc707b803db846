"""``briefbot digest``: printing, posting through an adapter with the bookkeeping, and user errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.store.db import open_store
from tests.digest_helpers import add_stories


@pytest.fixture
def cli(settings, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(settings.data_dir))
    store = open_store(settings.resolved_database_url)
    ids = add_stories(store, [0, 2])
    store.engine.dispose()
    return CliRunner(), ids


def test_print_post_and_nothing_new(cli):
    runner, ids = cli
    r = runner.invoke(app, ["digest", "usmx", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert sorted(i for s in data["stories"] for i in s["article_ids"]) == sorted(ids)
    assert [len(s["sources"]) for s in data["stories"]] == [3, 1]

    dry = runner.invoke(app, ["digest", "usmx", "--channel", "console:console", "--dry-run"])
    assert dry.exit_code == 0 and "digest" in dry.stdout.lower()
    posted = runner.invoke(app, ["digest", "usmx", "--channel", "console:console"])
    assert posted.exit_code == 0, posted.output
    assert "posted digest" in posted.stderr and "4 articles" in posted.stderr
    again = runner.invoke(app, ["digest", "usmx", "--channel", "console:console"])
    assert again.exit_code == 0 and "nothing new for console:console" in again.stderr


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["digest", "nosuch"], 2, "unknown topic 'nosuch'"),
        (["digest", "usmx", "--channel", "slackC1"], 2, "--channel must be ADAPTER:CHANNEL"),
        (["digest", "usmx", "--channel", "pigeon:C1"], 2, "unknown adapter 'pigeon'"),
        (["digest", "usmx", "--since", "yesterday"], 2, "is not a duration"),
        (["digest", "usmx", "--format", "xml"], 2, "--format must be text or json"),
    ],
)
def test_user_errors_are_one_line_without_traceback(cli, args, code, message):
    runner, _ = cli
    r = runner.invoke(app, args)
    assert r.exit_code == code
    assert message in r.stderr and "Traceback" not in r.output
