"""attachment version: an attached file carries a version, so a stale caption edit or replacement is refused

Revision ID: 0012_attachment_version
Revises: 0011
Create Date: 2026-12-02 04:00:00

Every other record a person edits already has one; an attachment's caption (and its file) was saved
last-writer-wins. The column is added in place (existing rows start at version 1, their bytes untouched).
"""

from alembic import op
import sqlalchemy as sa


revision = '0012_attachment_version'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('attachment', sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE "attachment" DROP COLUMN "version"')  # SQLite 3.35 and later
    else:
        op.drop_column('attachment', 'version')
