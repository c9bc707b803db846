"""A write lock taken before the look-up-then-insert of a new article, so two processes storing
the same text at the same moment store it once.

The canonical URL is a unique key, so two inserts of one URL cannot both succeed; the content
hash is not (short texts are not deduplicated by it), so without a lock two processes (pool
workers, or several ``briefbot run``) could each look the hash up, find nothing and insert.

- PostgreSQL: a transaction-scoped advisory lock on the hash (``pg_advisory_xact_lock``),
  released at commit or rollback; writers of other texts do not wait.
  https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
- SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock before the look-up (SQLite has
  one writer at a time anyway; waits up to the busy timeout).
  https://www.sqlite.org/lang_transaction.html
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_content(session: Session, digest: str) -> None:
    """Hold, until ``session``'s transaction ends, the lock for storing a text whose content hash
    is ``digest`` (hex). Call first in the session, before any statement. Other dialects: no-op.
    Raises the database's errors (``OperationalError`` when SQLite stays busy past its timeout)."""
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        key = int(digest[:15], 16)  # 60 bits: a bigint key
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif dialect == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
