"""Schema migrations with Alembic, run from code (no ``alembic.ini`` at run time).

The migration scripts live in the package (``bot/store/migrations/``, declared as package
data). :func:`upgrade` brings a database to the latest revision; :func:`current_revision`
says where it is. Developers add a revision after changing :mod:`bot.store.models` with::

    python -m bot.store.migrate revision "add sources.foo"

which autogenerates it against a scratch SQLite database at the current head.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from bot.store.options import READ_ONLY_OPTION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None) -> Config:
    """An Alembic :class:`Config` pointing at the packaged migrations (and ``url`` when given)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's ``include_object`` hook: False for the full-text search objects that migrations
    make with raw SQL per dialect and the models do not declare (the quote bank's FTS5 table and
    its shadow tables on SQLite, the ``search_vector`` column and its GIN index on PostgreSQL)."""
    if type_ == "table" and (name or "").startswith("bank_quotes_fts"):
        return False
    if type_ == "column" and name == "search_vector" and compare_to is None:
        return False
    return not (type_ == "index" and name == "ix_bank_quotes_search")


def head_revision() -> str:
    """The id of the latest revision among the packaged migrations."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database at ``engine`` is at, or None when it has never been migrated
    (read in a read-only transaction: on SQLite it never waits for another process's write)."""
    with engine.execution_options(**{READ_ONLY_OPTION: True}).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema at ``engine`` to ``revision`` (default: the latest). Idempotent.

    Each revision runs in a transaction (PostgreSQL also rolls back DDL on failure). On a SQLite
    file, processes migrate one at a time: an exclusive lock on ``<file>.migrate.lock`` (filelock)
    is held for the whole upgrade, so four ``briefbot ingest --sample`` started at once on a new
    file do not all create ``alembic_version`` (PostgreSQL serialises the DDL itself).
    A database already at the latest revision is only read (no write transaction, no lock).
    Raises :class:`sqlalchemy.exc.SQLAlchemyError` when the database cannot be reached.
    """
    if revision == "head" and current_revision(engine) == head_revision():
        return  # up to date: a command starting while another process writes does not wait for it
    cfg = alembic_config()
    with _migration_lock(engine):
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


def _migration_lock(engine: Engine):
    """A cross-process lock for migrating the SQLite file of ``engine`` (a no-op context otherwise)."""
    import contextlib

    from filelock import FileLock

    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return contextlib.nullcontext()
    return FileLock(f"{Path(database).expanduser()}.migrate.lock", timeout=300)


def _new_revision(message: str) -> None:  # pragma: no cover - developer tool
    from sqlalchemy import create_engine  # not bot.store.db: that module imports this one

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scratch.sqlite'}"
        engine = create_engine(url)
        upgrade(engine)
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        raise SystemExit('usage: python -m bot.store.migrate revision "message"')
    _new_revision(sys.argv[2])
