"""The console adapter: commands from standard input, replies as text on standard output."""

from bot.adapters.console.adapter import ConsoleAdapter

__all__ = ["ConsoleAdapter"]
