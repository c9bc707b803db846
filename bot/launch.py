"""The ``briefbot`` console script.

Before the command line is imported, a ``briefbot brief`` of several articles starts the worker
pool's forkserver (:mod:`bot.work.early`), so that it loads the engine while the command line's
imports run on the other core; then :func:`bot.cli.main` runs the command.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point: see the module docstring and :func:`bot.cli.app.main`. An
    interrupt (Ctrl-C) at any moment, the imports included, ends with one line on stderr and
    exit code 130, never a traceback."""
    try:
        from bot.work.early import start_for

        start_for(sys.argv[1:])
        from bot.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write("briefbot: interrupted\n")
        sys.exit(130)
