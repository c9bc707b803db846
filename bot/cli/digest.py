"""CLI commands (digest)."""

from bot.cli.app import app  # noqa: F401
