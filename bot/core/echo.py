"""Showing user input back to the user without flooding the message.

Every user-facing message that quotes what the user typed (a URL, a time zone, a duration,
a topic name) passes it through :func:`shorten`, so a 100 KB URL comes back as its first
80 characters and an ellipsis. :func:`shorten_words` does the same for each word of a
finished message (a safety net for messages built elsewhere, e.g. error texts of libraries
that repeat a URL).
"""

from __future__ import annotations

ECHO_LIMIT = 80
"""Characters of user input shown at most, the ellipsis included."""


def shorten(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` (any object, via ``str``) cut to at most ``limit`` characters, ending in ``…`` when cut.

    Control characters (newlines, tabs) become spaces so the echo stays on one line.
    ``limit`` must be at least 2.
    """
    s = "".join(" " if (ch < " " or ch == "\x7f") else ch for ch in str(text))
    return s if len(s) <= limit else s[: limit - 1] + "…"


def shorten_words(message: str, limit: int = ECHO_LIMIT) -> str:
    """``message`` with every whitespace-free run longer than ``limit`` characters cut by :func:`shorten`.

    Spacing between words is kept; ordinary words and sentences are unchanged.
    """
    if len(message) <= limit:
        return message
    out: list[str] = []
    word: list[str] = []
    for ch in message + " ":
        if ch.isspace():
            if word:
                out.append(shorten("".join(word), limit))
                word = []
            out.append(ch)
        else:
            word.append(ch)
    return "".join(out[:-1])
