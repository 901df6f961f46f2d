"""content translations: the printed texts of a bid's records in the other language, and the bid's own language

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 17:05:00.000000

Each table whose texts the dossier prints gets `translations`, a JSON object {field: {locale: text}}, empty
for every existing row (nothing is translated yet). `bid.content_locale` says which language the records are
written in; existing bids are taken as written in Swedish, the default of a new bid. Every change here is an
added column, so SQLite keeps each table as it is (rebuilding the bid table would cascade-delete its records);
the records service checks the language (validate_bid).
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TABLES = ('date_option', 'venue', 'accommodation_block', 'speaker', 'programme_session', 'commitment', 'task')


def upgrade() -> None:
    with op.batch_alter_table('bid', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_locale', sa.String(length=2), server_default='sv', nullable=False))
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later, PostgreSQL) leaves each table in place: a batch
    # rebuild would drop the old table, and with foreign keys on, dropping the bid table deletes its records
    for table in reversed(TABLES):
        op.execute(f'ALTER TABLE {table} DROP COLUMN translations')
    op.execute('ALTER TABLE bid DROP COLUMN content_locale')
