"""bid book: the cover's promise and the practical, social-programme and site-inspection texts; the
invitation's signatory; the venue's travel times; hero, signature and photo attachments; the economic
impact's spend per delegate-day 0 to mean the published default (converted at the stored rate)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:50:00

A bid whose spend per delegate-day is the old default (350 000 minor units, which a euro bid read as
EUR 3 500) gets 0: the default, in the bid's own currency at the stored rate. The bid table is not rebuilt
(SQLite would rebuild it to change the column, and dropping the old table cascades to every record of a bid).
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_KEYS = ('invitation', 'summary', 'motivation', 'legacy', 'host_city', 'access', 'bid_team')
NEW_KEYS = OLD_KEYS + ('promise', 'practical', 'social_programme', 'site_inspection')
OLD_KINDS = "kind IN ('letter', 'logo')"
NEW_KINDS = "kind IN ('letter', 'logo', 'hero', 'signature', 'photo')"


def _key_type(keys):
    return sa.Enum(*keys, name='textkey', native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    with op.batch_alter_table('bid_text', schema=None) as batch_op:
        batch_op.alter_column('key', type_=_key_type(NEW_KEYS), existing_type=_key_type(OLD_KEYS),
                              existing_nullable=False)
    with op.batch_alter_table('bid', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signatory_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('signatory_title', sa.String(length=200), server_default='', nullable=False))
    op.execute("UPDATE bid SET spend_per_delegate_day_minor = 0 WHERE spend_per_delegate_day_minor = 350000")
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('travel_centre_min', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('travel_station_min', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('travel_airport_min', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attachment_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_attachment_kind'), sa.text(NEW_KINDS))


def downgrade() -> None:
    op.execute("DELETE FROM attachment WHERE kind IN ('hero', 'signature', 'photo')")
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attachment_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_attachment_kind'), sa.text(OLD_KINDS))
    for column in ('travel_airport_min', 'travel_station_min', 'travel_centre_min'):
        _drop_in_place('venue', column)
    op.execute("UPDATE bid SET spend_per_delegate_day_minor = 350000 WHERE spend_per_delegate_day_minor = 0")
    for column in ('signatory_title', 'signatory_name'):
        _drop_in_place('bid', column)
    op.execute("DELETE FROM bid_text WHERE key IN ('promise', 'practical', 'social_programme', 'site_inspection')")
    with op.batch_alter_table('bid_text', schema=None) as batch_op:
        batch_op.alter_column('key', type_=_key_type(OLD_KEYS), existing_type=_key_type(NEW_KEYS),
                              existing_nullable=False)


def _drop_in_place(table: str, column: str) -> None:
    """Drop a column without rebuilding the table: batch mode on SQLite copies the table and drops the old one,
    and with foreign keys on that drop deletes every child row (a bid's venues, a venue's rooms)."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')  # SQLite 3.35 and later
    else:
        op.drop_column(table, column)
