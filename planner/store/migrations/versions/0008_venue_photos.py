"""venue photos: an attachment may be a photo of one venue (`venue_id`, gone with the venue) and carry a
caption the dossier prints, with its translations

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:20:00

Only `attachment` is rebuilt, which no table points at; going down, a venue's photos become the bid's own and
the captions go.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a foreign key only by rebuilding the table (batch mode). That is safe for `attachment` alone:
    # no table points at it, so dropping its old copy deletes nothing else (unlike `bid` or `venue`)
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('venue_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('caption', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_attachment_venue_id_venue'), 'venue', ['venue_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_attachment_venue_id'), ['venue_id'], unique=False)


def downgrade() -> None:
    # rebuilt as on the way up (SQLite cannot drop a column a foreign key uses in place)
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_venue_id'))
        batch_op.drop_column('translations')
        batch_op.drop_column('caption')
        batch_op.drop_column('venue_id')
