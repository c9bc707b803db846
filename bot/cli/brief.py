"""CLI commands (brief)."""

from bot.cli.app import app  # noqa: F401
