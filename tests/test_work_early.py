"""The console script's early forkserver start: which command lines start it, and what the
forkserver then warms from the settings it loads itself."""

from __future__ import annotations

import json
import os

import pytest

from bot.work.early import pooled_brief
from bot.work.preload import SPEC_ENV, spec_from_env


@pytest.mark.parametrize(
    "args, expected",
    [
        (["brief", "usmx", "-a", "x.txt", "--article", "y.txt"], (None, 2)),
        (["-c", "team.toml", "brief", "usmx", "-a", "x", "-a", "y", "-a", "z"], ("team.toml", 3)),
        (["--config=team.toml", "-v", "brief", "usmx", "--article=x", "-ay"], ("team.toml", 2)),
        (["brief", "usmx", "-a", "x.txt"], None),  # one article: one process
        (["ingest", "-a", "x", "-a", "y"], None),  # not the brief command
        ([], None),
        (["brief", "usmx", "-a", "x", "--", "-a", "y"], None),  # after --, not an option
        (["-c"], None),  # malformed: the command reports it
        (["--", "brief", "usmx", "-a", "x", "-a", "y"], None),
    ],
)
def test_pooled_brief_reads_the_command_line(args, expected):
    assert pooled_brief(args) == expected


@pytest.fixture
def settings_payload(monkeypatch, tmp_path):
    for name in [n for n in os.environ if n.startswith("BRIEFBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)

    def set_payload(workers: int, sources: int, config: str | None = None) -> None:
        monkeypatch.setenv("BRIEFBOT_WORKERS", str(workers))
        monkeypatch.setenv(SPEC_ENV, json.dumps({"settings": {"config": config, "sources": sources}, "engine": True}))

    return set_payload


def test_settings_payload_warms_only_for_a_pool(settings_payload):
    settings_payload(workers=2, sources=5)
    found = spec_from_env()
    assert found is not None
    spec, engine = found
    assert engine is True and spec.spacy_model  # the engine of these settings
    settings_payload(workers=1, sources=5)
    assert spec_from_env() is None  # one worker: the command runs in one process
    settings_payload(workers=4, sources=1)
    assert spec_from_env() is None  # one source: no pool either


def test_settings_payload_with_bad_settings_warms_nothing(settings_payload, tmp_path):
    settings_payload(workers=2, sources=5, config=str(tmp_path / "missing.toml"))
    assert spec_from_env() is None
    bad = tmp_path / "bad.toml"
    bad.write_text("workers = [", encoding="utf-8")
    settings_payload(workers=2, sources=5, config=str(bad))
    assert spec_from_env() is None
