"""deliveries.thread: where the rest of a threaded digest goes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

A threaded digest (``digest.threads``) is one parent message with its stories as replies
in that message's thread. Once the platform confirmed the parent, the thread's id (Slack:
the parent's ``ts``; Discord: the id of the thread started from it) is stamped on every row
of the digest, so that a digest resumed after a crash replies into the same thread instead
of opening another. NULL for digests posted inline and for rows written before this revision.
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.add_column(sa.Column('thread', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.drop_column('thread')
