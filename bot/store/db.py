"""Engine and session helpers for the store.

``open_store(url)`` returns a :class:`Store` whose schema is at the latest migration.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.store.options import READ_ONLY_OPTION


class MissingFolderError(ValueError):
    """The folder of a SQLite database file does not exist (and was not to be created)."""


def make_engine(url: str, create_dir: bool = True) -> Engine:
    """A SQLAlchemy engine for ``url``; SQLite gets WAL, foreign keys, a busy timeout and
    transactions that begin with ``BEGIN IMMEDIATE`` (see :func:`_sqlite_transactions`).

    The parent folder of a SQLite file is created when missing if ``create_dir`` (briefbot's own
    data folder); otherwise a missing folder raises :class:`MissingFolderError` (a
    ``database_url`` someone typed: a typo must not create folders silently).
    """
    kwargs: dict = {"future": True, "pool_pre_ping": not url.startswith("sqlite")}  # a file never drops a connection
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not path.startswith("file:"):
            folder = Path(path).expanduser().parent
            if create_dir:
                folder.mkdir(parents=True, exist_ok=True)
            elif not folder.is_dir():
                raise MissingFolderError(
                    f"the folder {folder} of the SQLite database does not exist; create it, or fix database_url "
                    "(briefbot only creates its own data_dir)"
                )
        kwargs["connect_args"] = {"timeout": 30}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _sqlite_transactions(engine)
    return engine


def _sqlite_transactions(engine: Engine) -> None:
    """Connection set-up of a SQLite ``engine``: pragmas, and transactions begun by SQLAlchemy
    with ``BEGIN IMMEDIATE`` instead of by pysqlite.

    pysqlite's legacy mode begins a transaction lazily, before the first INSERT/UPDATE/DELETE, as
    a deferred one; a transaction that read first and writes later must upgrade its read snapshot
    to the write lock, and when another process committed meanwhile SQLite answers
    ``SQLITE_BUSY`` at once ("database is locked": the busy timeout cannot help, the snapshot is
    stale). It also leaves a ``SAVEPOINT`` issued outside its transaction as the outermost one,
    whose ``RELEASE`` commits. So pysqlite is told to begin nothing (``isolation_level = None``)
    and every transaction starts with ``BEGIN IMMEDIATE`` (SQLAlchemy's documented pysqlite
    recipe): a writer takes the write lock before its first read and waits up to the busy timeout
    for another writer's commit (one writer at a time, as SQLite allows anyway). A connection
    with the execution option :data:`READ_ONLY` (:meth:`Store.read_session`,
    :meth:`Store.read_connection`) begins a deferred transaction instead: in WAL mode it reads a
    snapshot and never waits for a writer (status, health checks, ``/brief`` reads stay
    answered while another process writes). Never open a write session inside another in the
    same thread (it would wait on itself).
    https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#serializable-isolation-savepoints-transactional-ddl
    https://www.sqlite.org/lang_transaction.html
    """

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_conn, _record):  # pragma: no cover - trivial
        dbapi_conn.isolation_level = None  # pysqlite emits no BEGIN and no implicit COMMIT
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        # WAL + NORMAL: a commit does not wait for fsync (checkpoints do); never corrupts, and a
        # power cut can only lose the newest commits, in order: their feeds' validators with them,
        # so those entries are fetched again (https://www.sqlite.org/pragma.html#pragma_synchronous)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY_OPTION) else "BEGIN IMMEDIATE")


class Store:
    """A database: an engine and a session factory. Use :meth:`session` as a context manager."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._reader = engine.execution_options(**{READ_ONLY_OPTION: True})
        self._reads = sessionmaker(self._reader, expire_on_commit=False)

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only: rolled back at the end, whatever happened. On SQLite it
        never waits for another process's write (a deferred transaction on a WAL snapshot);
        writing in it is a programming error (SQLite may refuse it as "database is locked")."""
        with self._reads() as s:
            try:
                yield s
            finally:
                s.rollback()

    def read_connection(self):
        """A connection for reading only (same rules as :meth:`read_session`); a context manager."""
        return self._reader.connect()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any exception."""
        with self._sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise


def open_store(url: str, create_dir: bool = True) -> Store:
    """Open the database at ``url`` and bring its schema to the latest migration
    (``create_dir``: see :func:`make_engine`)."""
    from bot.store.migrate import upgrade

    engine = make_engine(url, create_dir)
    upgrade(engine)
    return Store(engine)
