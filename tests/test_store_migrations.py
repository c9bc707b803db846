"""The packaged Alembic migrations produce exactly the schema of bot/store/models.py."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.store.db import make_engine
from bot.store.migrate import current_revision, head_revision, include_object, upgrade
from bot.quotebank import models as _quotebank_models  # noqa: F401  (the quote bank's tables join Base.metadata)
from bot.store.models import Base


def test_migrations_match_models(store):
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False, "include_object": include_object})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []
    assert current_revision(store.engine) == head_revision()


def test_every_model_table_is_created(store):
    tables = set(sa.inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert {"subscriptions", "deliveries", "briefs", "article_topics"} <= tables


def test_upgrade_is_idempotent(store_url):
    engine = make_engine(store_url)
    try:
        upgrade(engine)
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_default_database_is_sqlite_in_data_dir(settings, monkeypatch, tmp_path):
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'data' / 'briefbot.sqlite'}"
    from config.settings import load_settings

    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite'}")
    assert load_settings().resolved_database_url.endswith("other.sqlite")


def test_sqlite_connections_use_wal_without_fsync_per_commit(tmp_path):
    """SQLite stores run in WAL mode with synchronous=NORMAL (commits wait for no fsync; safe from
    corruption), enforce foreign keys and wait for a busy database instead of failing at once."""
    from sqlalchemy import text

    from bot.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path}/pragmas.sqlite")
    try:
        with engine.connect() as conn:
            got = {p: conn.execute(text(f"PRAGMA {p}")).scalar() for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    finally:
        engine.dispose()
    assert got == {"journal_mode": "wal", "synchronous": 1, "foreign_keys": 1, "busy_timeout": 30000}
