"""Revision 0007 (the bid book's fields) up and down on a database holding the demo bid: no record is lost.

SQLite rebuilds a table to change it in batch mode, and with foreign keys on, dropping the old `bid` table
would delete every record of every bid; the revision changes `bid` and `venue` in place."""

from __future__ import annotations

import sqlite3

from alembic import command

from planner.services import workspace as wsvc
from planner.services.demo import load_demo
from planner.store import migrations
from planner.store.db import open_database

TABLES = ("bid", "bid_text", "venue", "room", "partner", "commitment", "task", "attachment", "budget_line")


def _counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    finally:
        con.close()


def test_the_bid_book_revision_keeps_every_record_going_down_and_up(tmp_path):
    path = tmp_path / "p.db"
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    load_demo(ws)
    with ws.db.engine.begin() as con:
        con.exec_driver_sql("UPDATE venue SET travel_airport_min = 61")
    ws.close()
    at_head = _counts(path)
    assert all(at_head.values())
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    command.downgrade(migrations.alembic_config(ws.db.engine), "0006")
    ws.close()
    down = _counts(path)
    # the pictures and the new texts go (0006 knows neither); everything else stays
    assert down["attachment"] == at_head["attachment"] - 5 and down["bid_text"] < at_head["bid_text"]
    assert {t: n for t, n in down.items() if t not in ("attachment", "bid_text")} == \
           {t: n for t, n in at_head.items() if t not in ("attachment", "bid_text")}
    con = sqlite3.connect(path)
    assert con.execute("SELECT spend_per_delegate_day_minor FROM bid").fetchone()[0] == 350000
    con.close()
    db = open_database(f"sqlite:///{path}")  # opening upgrades it again
    try:
        assert migrations.current(db.engine) == migrations.head_revision()
    finally:
        db.dispose()
    up = _counts(path)
    assert {t: n for t, n in up.items() if t not in ("attachment", "bid_text")} == \
           {t: n for t, n in at_head.items() if t not in ("attachment", "bid_text")}
    con = sqlite3.connect(path)
    assert con.execute("SELECT spend_per_delegate_day_minor FROM bid").fetchone()[0] == 0  # the default again
    assert {r[0] for r in con.execute("SELECT travel_airport_min FROM venue")} == {0}
    con.close()
