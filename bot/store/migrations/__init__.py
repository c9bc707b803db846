"""Alembic migrations of the store (run by :func:`bot.store.migrate.upgrade`; no alembic.ini needed)."""
