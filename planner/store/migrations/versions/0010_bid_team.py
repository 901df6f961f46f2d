"""bid team: the people of the bid team with their roles (`team_member`), what a guest of a social event
costs (`programme_session.cost_per_head_minor` and its currency), and the bid's own translations (the
signatory's title in the other language: `bid.translations`)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 20:30:00

The session's and the bid's columns are added in place (plain ADD COLUMN, no table rebuild: rebuilding a table on SQLite
with foreign keys on deletes the rows that point at it) and dropped the same way.
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'team_member',
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=120), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bid_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('role', sa.String(length=300), nullable=False),
        sa.Column('organisation', sa.String(length=300), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('phone', sa.String(length=60), nullable=False),
        sa.Column('shown_in_dossier', sa.Boolean(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('translations', sa.JSON(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['bid_id'], ['bid.id'], name=op.f('fk_team_member_bid_id_bid'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_team_member')),
    )
    op.create_index(op.f('ix_team_member_bid_id'), 'team_member', ['bid_id'], unique=False)
    op.add_column('programme_session', sa.Column('cost_per_head_minor', sa.BigInteger(), server_default='0',
                                                 nullable=False))
    op.add_column('programme_session', sa.Column('cost_per_head_currency', sa.String(length=3),
                                                 server_default='SEK', nullable=False))
    op.add_column('bid', sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    for table, column in (('bid', 'translations'), ('programme_session', 'cost_per_head_currency'),
                          ('programme_session', 'cost_per_head_minor')):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')  # SQLite 3.35 and later
        else:
            op.drop_column(table, column)
    op.drop_index(op.f('ix_team_member_bid_id'), table_name='team_member')
    op.drop_table('team_member')
