"""Revision 0012 gives attached files a version: up from 0011 on a real SQLite file every attachment keeps its
bytes (and everything else) and starts at version 1; down again the column goes and the bytes stay."""

from __future__ import annotations

import hashlib
import sqlite3

from alembic import command

from planner.services import workspace as wsvc
from planner.services.demo import load_demo
from planner.store import migrations
from planner.store.db import open_database

KEPT = ("id", "bid_id", "partner_id", "kind", "filename", "media_type", "size_bytes", "sha256", "venue_id",
        "caption", "translations")


def _columns(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[1] for row in con.execute("PRAGMA table_info(attachment)")]
    finally:
        con.close()


def _attachments(path) -> dict[int, tuple]:
    """Every attachment by id: its fields and the SHA-256 of the bytes really stored."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(f"SELECT {', '.join(KEPT)}, data FROM attachment ORDER BY id").fetchall()
    finally:
        con.close()
    return {row[0]: (*row[:-1], hashlib.sha256(row[-1]).hexdigest()) for row in rows}


def _versions(path) -> dict[int, int]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT id, version FROM attachment ORDER BY id").fetchall())
    finally:
        con.close()


def test_revision_0012_keeps_every_attachment_s_bytes_and_starts_it_at_version_1(tmp_path):
    path = tmp_path / "p.db"
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    load_demo(ws)
    with ws.db.engine.begin() as con:  # one edited twice since it was attached
        con.exec_driver_sql("UPDATE attachment SET caption = 'Stora salen', version = 3 "
                            "WHERE id = (SELECT min(id) FROM attachment WHERE kind = 'photo')")
    ws.close()
    at_head = _attachments(path)
    assert len(at_head) >= 2 and {row[3] for row in at_head.values()} >= {"letter", "photo"}
    assert all(row[7] == row[-1] for row in at_head.values())  # each one's recorded SHA-256 is its bytes'
    assert 3 in _versions(path).values()

    db = open_database(f"sqlite:///{path}")
    command.downgrade(migrations.alembic_config(db.engine), "0011")
    assert migrations.current(db.engine) == "0011"
    db.dispose()
    assert "version" not in _columns(path)
    assert _attachments(path) == at_head  # down: the same files, byte for byte

    db = open_database(f"sqlite:///{path}")  # opening upgrades it from 0011
    try:
        assert migrations.current(db.engine) == migrations.head_revision() == "0012_attachment_version"
    finally:
        db.dispose()
    assert "version" in _columns(path)
    assert _attachments(path) == at_head  # up: the same files, byte for byte
    assert set(_versions(path)) == set(at_head) and set(_versions(path).values()) == {1}

    db = open_database(f"sqlite:///{path}")  # and down once more from the head
    command.downgrade(migrations.alembic_config(db.engine), "0011")
    db.dispose()
    assert "version" not in _columns(path) and _attachments(path) == at_head
