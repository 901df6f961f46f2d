"""bid archive: a deleted bid is archived (kept with its audit history) until it is purged

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 17:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bid', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # not through a copy of the table: on SQLite, dropping the old bid table would delete every record of
    # every bid with it (the foreign keys cascade); SQLite drops a plain column in place
    op.execute(sa.text('ALTER TABLE bid DROP COLUMN archived_at'))
