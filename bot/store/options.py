"""Execution options the store's engines understand (shared by :mod:`bot.store.db` and
:mod:`bot.store.migrate`, which must not import each other)."""

READ_ONLY_OPTION = "briefbot_read_only"
"""Execution option of connections that only read: on SQLite their transaction begins with a
deferred ``BEGIN`` (a WAL snapshot that never waits for a writer) instead of ``BEGIN IMMEDIATE``."""
