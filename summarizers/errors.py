"""Errors the brief engine raises for input it cannot brief.

All derive from :class:`BriefError`, whose message is written for the user (the CLI
prints it to stderr without a traceback).
"""


class BriefError(Exception):
    """Base class: the input cannot be turned into a brief; ``str(err)`` says why."""


class EmptyTextError(BriefError):
    """The article has no text left after cleaning."""


class NotEnglishError(BriefError):
    """The article is not in English (the engine only handles English)."""


class ModelNotFoundError(BriefError):
    """No spaCy model could be loaded; the message names what to install."""
