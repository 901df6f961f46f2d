"""attachments: letters of support and the logo kept in the database; path fields moved into them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 11:37:06.794493

A letter of support (`partner.letter_file`) or logo (`bid.logo_path`) that names an existing regular file of
the right type (PDF; PNG or JPEG) of at most 20 MB is read once into an attachment, and its path is cleared;
each such move is written to the audit log (who: "planner upgrade"). Any other path is left as it was: nothing
opens a path any more, and `planner attach list` reports it so the file can be attached again.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from alembic import op
import sqlalchemy as sa
import sqlmodel

from planner.domain import attachments as A


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('media_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.CheckConstraint("(kind = 'letter') = (partner_id IS NOT NULL)", name=op.f('ck_attachment_letter_of_a_partner')),
    sa.CheckConstraint("kind IN ('letter', 'logo')", name=op.f('ck_attachment_kind')),
    sa.CheckConstraint('size_bytes > 0 AND size_bytes <= 20971520', name=op.f('ck_attachment_size')),
    sa.ForeignKeyConstraint(['bid_id'], ['bid.id'], name=op.f('fk_attachment_bid_id_bid'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_attachment_partner_id_partner'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_bid_id'), ['bid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_partner_id'), ['partner_id'], unique=False)
    _move_path_fields()


def downgrade() -> None:
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_partner_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_bid_id'))

    op.drop_table('attachment')


ATTACHMENT = sa.table(
    'attachment', sa.column('id', sa.Integer()), sa.column('bid_id', sa.Integer()),
    sa.column('partner_id', sa.Integer()), sa.column('kind', sa.String()), sa.column('filename', sa.String()),
    sa.column('media_type', sa.String()), sa.column('size_bytes', sa.Integer()), sa.column('sha256', sa.String()),
    sa.column('data', sa.LargeBinary()), sa.column('created_at', sqlmodel.sql.sqltypes.UTCDateTime()),
    sa.column('created_by', sa.String()),
)
AUDIT = sa.table(
    'audit_entry', sa.column('bid_id', sa.Integer()), sa.column('at', sqlmodel.sql.sqltypes.UTCDateTime()),
    sa.column('who', sa.String()), sa.column('action', sa.String()), sa.column('entity', sa.String()),
    sa.column('entity_id', sa.String()), sa.column('before', sa.Text()), sa.column('after', sa.Text()),
)
WHO = 'planner upgrade'


def _read(text: str) -> bytes | None:
    """The bytes of the file a path names, when it is a regular file of at most the size limit; else None.
    A pipe, a device or a folder is never opened; a larger file is never read past the limit."""
    try:
        path = Path(text).expanduser()
        if not path.is_file() or path.stat().st_size > A.MAX_BYTES:
            return None
        with path.open('rb') as fh:
            data = fh.read(A.MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    return data if A.problem(A.LETTER, data) is None or A.problem(A.LOGO, data) is None else None


def _store(bind, bid_id: int, partner_id, kind: str, path: str, data: bytes) -> None:
    now = datetime.now(UTC)
    values = dict(bid_id=bid_id, partner_id=partner_id, kind=kind, filename=Path(path).name[:255],
                  media_type=A.media_type(data), size_bytes=len(data), sha256=A.sha256(data), created_by=WHO)
    new_id = bind.execute(ATTACHMENT.insert().values(data=data, created_at=now, **values)
                          .returning(ATTACHMENT.c.id)).scalar_one()
    shown = {k: v for k, v in values.items() if k != 'created_by'} | {'moved_from': path}
    bind.execute(AUDIT.insert().values(bid_id=bid_id, at=now, who=WHO, action='create', entity='attachment',
                                       entity_id=str(new_id), before='',
                                       after=json.dumps(shown, ensure_ascii=False, sort_keys=True)))


def _move_path_fields() -> None:
    bind = op.get_bind()
    for bid_id, path in bind.execute(sa.text("SELECT id, logo_path FROM bid WHERE logo_path <> ''")).all():
        data = _read(path)
        if data is not None and A.problem(A.LOGO, data) is None:
            _store(bind, bid_id, None, A.LOGO, path, data)
            bind.execute(sa.text("UPDATE bid SET logo_path = '' WHERE id = :id"), {'id': bid_id})
    rows = bind.execute(sa.text("SELECT id, bid_id, letter_file FROM partner WHERE letter_file <> ''")).all()
    for partner_id, bid_id, path in rows:
        data = _read(path)
        if data is not None and A.problem(A.LETTER, data) is None:
            _store(bind, bid_id, partner_id, A.LETTER, path, data)
            bind.execute(sa.text("UPDATE partner SET letter_file = '' WHERE id = :id"), {'id': partner_id})
