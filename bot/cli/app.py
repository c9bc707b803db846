"""The Typer application, its global options and the error handling shared by every command."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from bot import __version__

app = typer.Typer(
    name="briefbot",
    help="Turn the news into policy briefings: ingest feeds, brief articles, post to chat.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass
class CliState:
    """What the global options decided; commands call :meth:`settings` to load settings lazily."""

    config: Optional[Path] = None
    _settings: object = None

    def settings(self):
        """Settings from ``--config`` / ``BRIEFBOT_CONFIG`` / ``./briefbot.toml``; exits cleanly on a bad file."""
        if self._settings is None:
            from config.settings import ConfigError, load_settings

            try:
                self._settings = load_settings(self.config)
            except ConfigError as exc:
                raise fail(str(exc), code=2)
        return self._settings


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print ``message`` to stderr as a user error and return the Exit to raise (no traceback)."""
    typer.echo(f"briefbot: error: {message}", err=True)
    return typer.Exit(code)


def state(ctx: typer.Context) -> CliState:
    """The :class:`CliState` of the running command."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefbot {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    config: Optional[Path] = typer.Option(
        None, "--config", "-c", help="Settings file (default: $BRIEFBOT_CONFIG or ./briefbot.toml).", show_default=False
    ),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output (-v info, -vv debug)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """briefbot: policy briefings from the news, in the terminal, Slack or Discord."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = CliState(config=config)


def open_configured_store(settings):
    """The store at ``settings.resolved_database_url``, migrated to the latest schema.

    Exits cleanly (code 1, one line on stderr, the password hidden) when the database cannot
    be opened: a bad URL, an unreachable server, an unwritable SQLite path.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from bot.store.db import open_store

    url = settings.resolved_database_url
    try:
        return open_store(url)
    except (SQLAlchemyError, OSError, ValueError) as exc:
        try:
            shown = make_url(url).render_as_string(hide_password=True)
        except ArgumentError:
            shown = "(the configured database_url)"
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise fail(f"cannot open the database {shown}: {detail}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="briefbot")
