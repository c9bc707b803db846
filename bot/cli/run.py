"""CLI commands (run)."""

from bot.cli.app import app  # noqa: F401
