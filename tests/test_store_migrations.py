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
