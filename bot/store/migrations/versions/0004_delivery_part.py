"""deliveries.part: which message of its digest carries the article

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A digest split into several messages is recorded part by part: before a message is posted
its articles' rows get ``state = 'posting'`` and ``part`` = the message's number, and
``state = 'sent'`` once the platform confirmed it. After a crash only that one message is
uncertain (recovery asks the platform about it) and the digest resumes after it instead of
being posted again whole. NULL for rows written before this revision and for adapters that
post a digest as one unit.
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.add_column(sa.Column('part', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.drop_column('part')
