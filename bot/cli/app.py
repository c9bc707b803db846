"""The Typer application, its global options and the error handling shared by every command."""

from __future__ import annotations

import logging
import os
import sys
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
    rich_markup_mode=None,  # usage errors as plain "Usage: ... / Error: ..." lines on stderr, like our own errors
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
            except ConfigError as exc:  # one line per problem
                raise fail("\n".join(exc.problems), code=2)
        return self._settings


WORD_LIMIT = 200
"""Longest unbroken run of characters an error line shows (longer ones, e.g. a pasted 100 KB
URL, are cut with an ellipsis by :func:`bot.core.echo.shorten_words`)."""


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print ``message`` to stderr as a user error and return the Exit to raise (no traceback).

    Each line of ``message`` becomes one ``briefbot: error: ...`` line; over-long words are cut.
    ``code``: 1 for a failure, 2 for bad usage (unknown topic, bad option value, bad settings).
    """
    from bot.core.echo import shorten_words

    for line in str(message).splitlines() or [""]:
        typer.echo(f"briefbot: error: {shorten_words(line, WORD_LIMIT)}", err=True)
    return typer.Exit(code)


def since_option(text: str, option: str = "--since"):
    """The ``--since`` value ``text`` as a :class:`~datetime.timedelta`, by the one duration rule of
    :mod:`bot.core.durations` (more than zero, at most 100 years). Raises the :class:`typer.Exit`
    of :func:`fail` (code 2) with the reason for anything else."""
    from bot.core.durations import DurationError, parse_duration

    try:
        return parse_duration(text, what=option)
    except DurationError as exc:
        raise fail(str(exc), code=2)


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


_DRIVER_PACKAGES = {
    "MySQLdb": "mysqlclient",
    "pymysql": "PyMySQL",
    "psycopg": "'psycopg[binary]'",
    "psycopg2": "psycopg2-binary",
    "asyncpg": "asyncpg",
    "pyodbc": "pyodbc",
    "oracledb": "oracledb",
    "cx_Oracle": "oracledb",
}
"""Database driver module → the pip package that provides it."""


def open_configured_store(settings):
    """The store at ``settings.resolved_database_url``, migrated to the latest schema.

    Exits cleanly (code 1, one line on stderr, the password hidden) when the database cannot
    be opened: a bad URL, a database driver that is not installed, an unreachable server, an
    unwritable SQLite path, a ``database_url`` whose SQLite folder does not exist (only the
    default file's ``data_dir`` is created).
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from bot.store.db import open_store

    url = settings.resolved_database_url
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        shown = "(the configured database_url)"
    try:
        return open_store(url, create_dir=not settings.database_url)  # only data_dir is created unasked
    except ImportError as exc:
        module = getattr(exc, "name", None) or "?"
        package = _DRIVER_PACKAGES.get(module.split(".")[0], module)
        raise fail(
            f"cannot open the database {shown}: its Python driver '{module}' is not installed (pip install {package}). "
            "briefbot supports SQLite (built in) and PostgreSQL (pip install 'briefbot[postgres]', "
            "URL postgresql+psycopg://USER@HOST/DB)"
        )
    except NoSuchModuleError:
        raise fail(
            f"cannot open the database {shown}: unknown database type '{shown.split(':', 1)[0]}'. "
            "briefbot supports SQLite (sqlite:///PATH) and PostgreSQL (postgresql+psycopg://USER@HOST/DB)"
        )
    except (SQLAlchemyError, OSError, ValueError) as exc:
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise fail(f"cannot open the database {shown}: {detail}")


def _quiet_broken_stdout() -> None:
    """After the reader of our standard output went away (``briefbot ... | head``): point
    stdout at /dev/null so the interpreter's final flush does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests' captured streams)
        pass


def _run_app() -> int:
    """Run the command line and return its exit code. A usage error (unknown option, missing
    argument, value out of range) is one line on stderr, ``briefbot: error: ...`` with where to
    find help, and exit code 2, like every other error of the command line (Click's own form
    is three lines); an interrupt is ``briefbot: interrupted`` and exit code 130, whenever it
    comes."""
    try:
        rv = app(prog_name="briefbot", standalone_mode=False)
    except typer.Abort:  # an end of input at a prompt
        sys.stderr.write("briefbot: interrupted\n")
        return 130
    except typer.TyperException as exc:  # Click's errors, as Typer vendors them
        code = getattr(exc, "exit_code", 1)
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stderr.write(ctx.get_help() + "\n")  # "briefbot" alone: the help, as before
            return code
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        sys.stderr.write(f"briefbot: error: {message.strip().rstrip('.')}{where}\n")
        return code
    if rv == 130:  # Typer turns a KeyboardInterrupt into exit code 130 without a word
        sys.stderr.write("briefbot: interrupted\n")
    return rv if isinstance(rv, int) and not isinstance(rv, bool) else 0  # commands return None


def main() -> None:
    """Console-script entry point (see :func:`_run_app` for usage errors and interrupts).

    A broken pipe on standard output ends the command quietly with exit code 1 (whatever was
    being posted to the console is then not recorded as delivered, see the console adapter).
    """
    try:
        code = _run_app()
        if code:
            sys.exit(code)
    except BrokenPipeError:
        _quiet_broken_stdout()
        sys.exit(1)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_broken_stdout()
            sys.exit(1)
        except (OSError, ValueError):
            pass
