"""Full-text search over quotes and the sentences around them, one rule on both databases.

The rule: every word of the query must occur in the quote or its sentence, after stemming
(English: "tariffs" finds "tariff") and without regard to case or accents. PostgreSQL reads the
generated ``bank_quotes.search_vector`` (``to_tsvector('english', …)``, GIN index) with
``plainto_tsquery('english', words)``; SQLite reads the FTS5 table ``bank_quotes_fts``
(porter stemmer, ``unicode61 remove_diacritics 2``) with each word as a quoted term.
"""

from __future__ import annotations

import re

from sqlalchemy import column, select, table, text
from sqlalchemy.sql.elements import ColumnElement

from bot.quotebank.models import BankQuote

MAX_WORDS = 12
"""Words of a search beyond this many are ignored."""

_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(about: str) -> list[str]:
    """The words of a search text (letters and digits runs), at most :data:`MAX_WORDS`."""
    return _WORD.findall(about or "")[:MAX_WORDS]


def quote_matches(dialect: str, about: str) -> ColumnElement[bool] | None:
    """A condition on :class:`BankQuote` rows for the search ``about`` on ``dialect``
    (``sqlite`` or ``postgresql``); None when ``about`` has no words (no condition)."""
    words = search_words(about)
    if not words:
        return None
    if dialect == "postgresql":
        return text("bank_quotes.search_vector @@ plainto_tsquery('english', :about_words)").bindparams(
            about_words=" ".join(words)
        )
    fts = table("bank_quotes_fts", column("rowid"))
    query = " ".join('"' + w.replace('"', "") + '"' for w in words)
    ids = select(fts.c.rowid).where(text("bank_quotes_fts MATCH :about_words").bindparams(about_words=query))
    return BankQuote.id.in_(ids)
