"""record uuids: a stable identity for the records a calendar shows (tasks, date options, venues, hotels)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 17:20:00

Each task, date option, venue and accommodation block gets a random UUID, kept with it and carried by the bid
file, so the iCalendar export names an event the same in every database and after a move by bid file. Rows
that exist get theirs here.
"""

import uuid

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('date_option', 'venue', 'accommodation_block', 'task')


def upgrade() -> None:
    bind = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
        rows = sa.table(table, sa.column('id', sa.Integer), sa.column('uuid', sa.String))
        ids = [row[0] for row in bind.execute(sa.select(rows.c.id)).all()]
        for row_id in ids:
            bind.execute(sa.update(rows).where(rows.c.id == row_id).values(uuid=str(uuid.uuid4())))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('uuid')
