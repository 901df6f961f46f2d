"""bid rate date: the day whose exchange rates a bid's budget converts at (empty: its deadline)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:20:00

The column is added in place: the bid table is never rebuilt (on SQLite a rebuild drops the old table, and
with foreign keys on that cascades to every record of every bid).
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('bid', sa.Column('rate_date', sa.Date(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE "bid" DROP COLUMN "rate_date"')  # SQLite 3.35 and later
    else:
        op.drop_column('bid', 'rate_date')
