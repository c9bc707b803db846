"""Shared fixtures: settings in a temporary data directory, and the path to ../shared/."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared material not present: {p}")
    return p


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings with data in ``tmp_path`` and no config file or BRIEFBOT_* variables from outside."""
    import os

    for key in list(os.environ):
        if key.startswith("BRIEFBOT_") or key.startswith("SLACK_") or key == "DISCORD_TOKEN":
            monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    from config.settings import load_settings

    return load_settings(data_dir=tmp_path / "data")
