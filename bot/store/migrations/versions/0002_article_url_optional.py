"""articles.url may be NULL: a local file has no web address

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Local article files were stored with their ``file://`` URI as ``url``, which then reached
briefs and digests (server paths shown in chat). The URI stays in ``canonical_url`` (the
deduplication key); ``url`` is NULL for them from now on, and existing ``file:`` URLs are cleared.
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.alter_column('url', existing_type=sa.String(length=2048), nullable=True)
    op.execute("UPDATE articles SET url = NULL WHERE lower(url) LIKE 'file:%'")


def downgrade() -> None:
    op.execute("UPDATE articles SET url = canonical_url WHERE url IS NULL")
    with op.batch_alter_table('articles') as batch:
        batch.alter_column('url', existing_type=sa.String(length=2048), nullable=False)
