"""venue photos: an attachment may be a photo of one venue (`venue_id`, gone with the venue) and carry a
caption the dossier prints, with its translations

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:20:00

The columns are added in place (no table is rebuilt); going down, a venue's photos become the bid's own and
the captions go.
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite adds a column with its foreign key in place; Alembic would want the table rebuilt for it
        op.execute('ALTER TABLE attachment ADD COLUMN venue_id INTEGER REFERENCES venue (id) ON DELETE CASCADE')
    else:
        op.add_column('attachment', sa.Column('venue_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_attachment_venue_id_venue'), 'attachment', 'venue', ['venue_id'], ['id'],
                              ondelete='CASCADE')
    op.create_index(op.f('ix_attachment_venue_id'), 'attachment', ['venue_id'], unique=False)
    op.add_column('attachment', sa.Column('caption', sa.String(length=300), server_default='', nullable=False))
    op.add_column('attachment', sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    # SQLite cannot drop a column a foreign key uses in place; the table is rebuilt instead, which is safe for
    # `attachment` alone: no table points at it, so dropping its old copy deletes nothing else
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_venue_id'))
        batch_op.drop_column('translations')
        batch_op.drop_column('caption')
        batch_op.drop_column('venue_id')
