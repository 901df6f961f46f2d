"""edit versions: venue availability and budget baselines carry a version, so a stale edit is refused

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:50:00

Every other record a person edits already has one; a venue's availability on a date option and a baseline's
name and note were saved last-writer-wins. The columns are added in place (existing rows start at version 1).
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

TABLES = ('venue_availability', 'budget_baseline')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    for table in TABLES:
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN "version"')  # SQLite 3.35 and later
        else:
            op.drop_column(table, 'version')
