"""quote bank: speakers, bank_entries, bank_quotes, bank_actors, bank_issues, full-text search

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Each brief's actors, quotes and issues get their own rows (see bot/quotebank/models.py), linked
to the article, topic, outlet and time. Full-text search over quotes: an FTS5 table kept in step
by triggers on SQLite; a generated tsvector column with a GIN index on PostgreSQL. Briefs cached
before this revision reach the bank when they are next used (bot/quotebank/catchup.py).
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

FTS_SQLITE = [
    "CREATE VIRTUAL TABLE bank_quotes_fts USING fts5(text, context, content='bank_quotes', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER bank_quotes_fts_ai AFTER INSERT ON bank_quotes BEGIN "
    "INSERT INTO bank_quotes_fts(rowid, text, context) VALUES (new.id, new.text, new.context); END",
    "CREATE TRIGGER bank_quotes_fts_ad AFTER DELETE ON bank_quotes BEGIN "
    "INSERT INTO bank_quotes_fts(bank_quotes_fts, rowid, text, context) VALUES ('delete', old.id, old.text, old.context); END",
    "CREATE TRIGGER bank_quotes_fts_au AFTER UPDATE ON bank_quotes BEGIN "
    "INSERT INTO bank_quotes_fts(bank_quotes_fts, rowid, text, context) VALUES ('delete', old.id, old.text, old.context); "
    "INSERT INTO bank_quotes_fts(rowid, text, context) VALUES (new.id, new.text, new.context); END",
]
FTS_POSTGRES = [
    "ALTER TABLE bank_quotes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(text, '') || ' ' || coalesce(context, ''))) STORED",
    "CREATE INDEX ix_bank_quotes_search ON bank_quotes USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        'speakers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('surname', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('role', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_speakers_key', 'speakers', ['key'])
    op.create_index('ix_speakers_surname', 'speakers', ['surname'])
    op.create_table(
        'bank_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=40), nullable=False),
        sa.Column('settings_key', sa.String(length=64), nullable=False),
        sa.Column('outlet', sa.String(length=300), nullable=True),
        sa.Column('url', sa.String(length=2048), nullable=True),
        sa.Column('title', sa.Text(), nullable=True),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('article_id', 'topic', name='uq_bank_entry_article_topic'),
    )
    op.create_index('ix_bank_entries_topic_time', 'bank_entries', ['topic', 'published_at'])
    op.create_table(
        'bank_quotes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=40), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('speaker_id', sa.Integer(), nullable=True),
        sa.Column('speaker_name', sa.String(length=300), nullable=True),
        sa.Column('speaker_role', sa.String(length=500), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('context', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['bank_entries.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_bank_quotes_entry_id', 'bank_quotes', ['entry_id'])
    op.create_index('ix_bank_quotes_topic_time', 'bank_quotes', ['topic', 'published_at'])
    op.create_index('ix_bank_quotes_speaker_time', 'bank_quotes', ['speaker_id', 'published_at'])
    op.create_table(
        'bank_actors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=40), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('speaker_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('role', sa.String(length=500), nullable=True),
        sa.Column('mentions', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['bank_entries.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_bank_actors_entry_id', 'bank_actors', ['entry_id'])
    op.create_index('ix_bank_actors_topic_time', 'bank_actors', ['topic', 'published_at'])
    op.create_index('ix_bank_actors_speaker_time', 'bank_actors', ['speaker_id', 'published_at'])
    op.create_table(
        'bank_issues',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=40), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['bank_entries.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_bank_issues_entry_id', 'bank_issues', ['entry_id'])
    op.create_index('ix_bank_issues_topic_time', 'bank_issues', ['topic', 'published_at'])
    dialect = op.get_bind().dialect.name
    for statement in FTS_SQLITE if dialect == 'sqlite' else FTS_POSTGRES if dialect == 'postgresql' else []:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('bank_quotes_fts_ai', 'bank_quotes_fts_ad', 'bank_quotes_fts_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS bank_quotes_fts")
    for table in ('bank_issues', 'bank_actors', 'bank_quotes', 'bank_entries', 'speakers'):
        op.drop_table(table)
