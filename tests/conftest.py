"""Shared fixtures: settings in a temporary data directory, and the path to ../shared/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared material not present: {p}")
    return p


@pytest.fixture(autouse=True)
def one_worker(monkeypatch):
    """Tests run units in their own process (``workers = 1``, as on a one-CPU machine) unless
    they set ``BRIEFBOT_WORKERS`` or ``settings.workers``: the pool tests do, and every other
    test stays free of worker processes loading their own spaCy models on a shared machine."""
    monkeypatch.setenv("BRIEFBOT_WORKERS", "1")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings with data in ``tmp_path``, one worker, and no config file or other BRIEFBOT_*
    variables from outside."""
    import os

    for key in list(os.environ):
        if key.startswith("BRIEFBOT_") or key.startswith("SLACK_") or key == "DISCORD_TOKEN":
            monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    from config.settings import load_settings

    return load_settings(data_dir=tmp_path / "data", workers=1)


# --- store: the same tests on SQLite and on the local PostgreSQL -------------------------

PG_URLS = [
    os.environ.get("BRIEFBOT_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"),
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
]
_PG_STATE: dict = {}


def postgres_url() -> str:
    """A URL of the local PostgreSQL test database that answers, or skip the test saying why."""
    if "url" not in _PG_STATE:
        import sqlalchemy as sa

        _PG_STATE["url"], _PG_STATE["why"] = None, ""
        for url in PG_URLS:
            engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text("select 1"))
                _PG_STATE["url"] = url
                break
            except Exception as exc:  # psycopg.OperationalError and friends
                _PG_STATE["why"] = str(exc).splitlines()[0]
            finally:
                engine.dispose()
    if _PG_STATE["url"] is None:
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 (database test) does not answer: {_PG_STATE['why']}")
    return _PG_STATE["url"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A database URL with an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL schema.

    Each PostgreSQL test gets its own schema (``search_path`` set through the URL), dropped
    afterwards, so parallel runs do not collide.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    yield from fresh_schema_url()


def fresh_schema_url():
    """Yield the URL of a new, empty PostgreSQL schema on the local test database (``search_path``
    set through the URL); the schema is dropped afterwards. Skips the test when PostgreSQL does
    not answer (see :func:`postgres_url`). For use with ``yield from`` in a fixture."""
    import uuid

    import sqlalchemy as sa

    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(store_url):
    """An open :class:`bot.store.db.Store` migrated to the latest revision (SQLite and PostgreSQL)."""
    from bot.store.db import open_store

    s = open_store(store_url)
    try:
        yield s
    finally:
        s.engine.dispose()


# --- a real HTTP server on 127.0.0.1 for ingestion tests ----------------------------------


@pytest.fixture
def httpserver():
    """A started :class:`tests.httpserver.LocalServer`; stopped after the test."""
    from tests.httpserver import LocalServer

    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()


# --- NLP: one spaCy pipeline per test session ---------------------------------------------


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline (configured model or its PyPI re-package), loaded once per session."""
    from summarizers.nlp import load_pipeline

    return load_pipeline("en_core_web_sm")
