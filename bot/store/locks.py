"""Write locks taken before a look-up-then-insert that no unique key guards: a new article (by
content hash), so two processes storing the same text at the same moment store it once, and a
new quote-bank speaker (by surname or entity key, :func:`lock_name`), so two processes resolving
the same new name create one speaker.

The canonical URL is a unique key, so two inserts of one URL cannot both succeed; the content
hash is not (short texts are not deduplicated by it), so without a lock two processes (pool
workers, or several ``briefbot run``) could each look the hash up, find nothing and insert.

- PostgreSQL: a transaction-scoped advisory lock on the hash (``pg_advisory_xact_lock``),
  released at commit or rollback; writers of other texts do not wait.
  https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
- SQLite: nothing to do here. Every transaction of a briefbot SQLite engine begins with
  ``BEGIN IMMEDIATE`` (:func:`bot.store.db.make_engine`), so the session already holds the
  database's write lock (SQLite has one writer at a time) before its look-up.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_content(session: Session, digest: str) -> None:
    """Hold, until ``session``'s transaction ends, the lock for storing a text whose content hash
    is ``digest`` (hex). Call before the look-up of the hash. A no-op on SQLite (its transactions
    hold the write lock from their start, see above) and on other dialects.
    Raises the database's errors (``OperationalError`` when SQLite stays busy past its timeout)."""
    connection = session.connection()  # begins the transaction: BEGIN IMMEDIATE on SQLite
    if connection.dialect.name == "postgresql":
        key = int(digest[:15], 16)  # 60 bits: a bigint key
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def lock_name(session: Session, namespace: str, name: str) -> None:
    """Hold, until ``session``'s transaction ends, the lock for creating a row keyed by ``name``
    in ``namespace`` (e.g. ``"speaker"``, a surname): the same rules as :func:`lock_content`
    (a PostgreSQL advisory lock on a 60-bit hash of the two; nothing to do on SQLite)."""
    digest = hashlib.sha256(f"{namespace}\x00{name}".encode("utf-8")).hexdigest()
    lock_content(session, digest)
