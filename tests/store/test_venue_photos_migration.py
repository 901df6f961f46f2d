"""Revision 0008 (a venue's photos and captions) up and down on a database holding the demo bid: no record is
lost going down (a venue's photos become the bid's own, the captions go), and up again the columns are back."""

from __future__ import annotations

import sqlite3

from alembic import command

from planner.services import workspace as wsvc
from planner.services.demo import load_demo
from planner.store import migrations
from planner.store.db import open_database

TABLES = ("bid", "venue", "room", "partner", "commitment", "task", "attachment", "budget_line")


def _counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _columns(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[1] for row in con.execute("PRAGMA table_info(attachment)")]
    finally:
        con.close()


def test_the_venue_photos_revision_keeps_every_record_going_down_and_up(tmp_path):
    path = tmp_path / "p.db"
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    load_demo(ws)
    with ws.db.engine.begin() as con:
        venue = con.exec_driver_sql("SELECT min(id) FROM venue").scalar()
        con.exec_driver_sql("UPDATE attachment SET venue_id = ?, caption = 'Stora salen' WHERE kind = 'photo'",
                            (venue,))
    ws.close()
    at_head = _counts(path)
    assert all(at_head.values())
    assert {"venue_id", "caption", "translations"} <= set(_columns(path))

    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    command.downgrade(migrations.alembic_config(ws.db.engine), "0007")
    ws.close()
    assert _counts(path) == at_head  # the photos stay, as the bid's own; nothing else is touched
    assert not {"venue_id", "caption", "translations"} & set(_columns(path))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()

    db = open_database(f"sqlite:///{path}")  # opening upgrades it again
    try:
        assert migrations.current(db.engine) == migrations.head_revision()
    finally:
        db.dispose()
    assert _counts(path) == at_head
    con = sqlite3.connect(path)
    assert {r for r in con.execute("SELECT venue_id, caption, translations FROM attachment")} == {(None, "", "{}")}
    con.close()


def test_deleting_a_venue_deletes_its_photos_and_nothing_else(tmp_path):
    from planner.services import records
    from planner.services.attachments import attach_venue_photo, stored_files
    from tests.store.test_attachments import png_file

    ws = wsvc.Workspace(db=open_database(f"sqlite:///{tmp_path / 'p.db'}"), user="anna")
    try:
        bid_id, _new = load_demo(ws)
        bid_photos = len(stored_files(ws, bid_id).photos)
        venue = records.add(ws, "venue", {"bid_id": bid_id, "name": "Tillfällig hall"})
        attach_venue_photo(ws, bid_id, venue.id, png_file(tmp_path / "hall.png"), caption="Hallen")
        assert len(stored_files(ws, bid_id).photos) == bid_photos + 1
        records.delete(ws, "venue", venue.id)
        assert len(stored_files(ws, bid_id).photos) == bid_photos
    finally:
        ws.close()
