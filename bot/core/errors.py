"""Errors the bot core turns into friendly chat notices instead of tracebacks."""

from __future__ import annotations


class UserError(Exception):
    """The request cannot be served as asked; ``str(err)`` is shown to the user as is.

    Raised by command handlers and :class:`~bot.core.service.BriefService` for unknown
    topics, bad arguments, refused URLs and articles the engine cannot brief. Anything
    else that escapes a handler is an internal error: logged with its traceback and
    answered with a generic error notice.
    """


def first_line(exc: BaseException, limit: int = 300) -> str:
    """The first line of ``exc``'s message cut to ``limit`` characters ("" for an empty
    message): the one line an operator sees for a failure (a driver's message often runs on
    with SQL and hints)."""
    text = str(exc).strip()
    return text.splitlines()[0][:limit] if text else ""
