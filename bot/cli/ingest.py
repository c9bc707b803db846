"""CLI commands (ingest)."""

from bot.cli.app import app  # noqa: F401
