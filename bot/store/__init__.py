"""The store: SQLAlchemy models (:mod:`bot.store.models`) and engine/session helpers (:mod:`bot.store.db`)."""
