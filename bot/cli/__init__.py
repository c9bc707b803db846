"""The ``briefbot`` command line (Typer). Each sub-module adds its commands to :data:`app`."""

from __future__ import annotations

from bot.cli.app import app, main  # noqa: F401
from bot.cli import brief as _brief  # noqa: F401  (registers commands)
from bot.cli import ingest as _ingest  # noqa: F401
from bot.cli import run as _run  # noqa: F401
from bot.cli import digest as _digest  # noqa: F401
from bot.cli import quotes as _quotes  # noqa: F401  (briefbot quotes/trends; registers the chat verbs)
from bot.cli import ops as _ops  # noqa: F401
