"""The Typer application and the error handling shared by every command."""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="briefbot",
    help="Turn the news into policy briefings: ingest feeds, brief articles, post to chat.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print ``message`` to stderr as a user error and return the Exit to raise (no traceback)."""
    typer.echo(f"briefbot: error: {message}", err=True)
    return typer.Exit(code)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="briefbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
