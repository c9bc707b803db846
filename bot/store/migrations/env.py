"""Alembic environment for the briefbot store.

:func:`bot.store.migrate.upgrade` passes an open connection in
``config.attributes["connection"]``; without one (the ``alembic`` command line) the URL
comes from the ``sqlalchemy.url`` option.
"""

from __future__ import annotations

from alembic import context

from bot.store.db import make_engine
from bot.store.migrate import include_object
from bot.quotebank import models as _quotebank_models  # noqa: F401  (its tables join Base.metadata)
from bot.store.models import Base, UTCDateTime

target_metadata = Base.metadata


def _render_item(type_, obj, autogen_context):
    """Render our UTC type as the plain timezone-aware DateTime it stores, so revisions don't import models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():  # pragma: no cover - offline SQL generation is not used
    raise SystemExit("briefbot migrations run online only")
run_migrations_online()
