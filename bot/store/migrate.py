"""Schema migrations (to be replaced by Alembic: see the ingestion issue)."""

from sqlalchemy.engine import Engine

from bot.store.models import Base


def upgrade(engine: Engine) -> None:
    """Bring the schema at ``engine`` to the latest version."""
    Base.metadata.create_all(engine)
