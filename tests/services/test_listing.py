"""The bids listed without the ORM are the bids the workspace lists, field for field; any file that is not
sound and current is left to the workspace, which creates, upgrades or refuses it in its own words."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

from planner.config import Settings
from planner.services import bidstatus
from planner.services import workspace as wsvc
from planner.services.listing import quick_bids
from planner.store.db import open_database


def _settings(url: str, tmp_path) -> Settings:
    return Settings.load(db=url, env={"PLANNER_DATA_DIR": str(tmp_path / "data"),
                                      "PLANNER_CONFIG_DIR": str(tmp_path / "config")})


def _bids(url: str) -> None:
    ws = wsvc.Workspace(db=open_database(url), user="tester")
    try:
        wsvc.create_bid(ws, conference="Generator", edition="2012", host_city="Gävle",
                        bid_deadline=date(2011, 11, 30), attendance_expected=300)
        second = wsvc.create_bid(ws, conference="Nordic Design Days", host_city="Sandviken", base_currency="eur")
        third = wsvc.create_bid(ws, conference="<b>[red]x[/red]</b> ⚠", host_city="Sandviken")
        bidstatus.move(ws, second.id, "submitted", on=date(2013, 1, 20))
        wsvc.touch_bid(ws, third.id)
    finally:
        ws.close()


def test_the_quick_listing_is_the_workspace_listing(tmp_path, sqlite_url):
    _bids(sqlite_url)
    ws = wsvc.Workspace(db=open_database(sqlite_url), user="tester")
    try:
        expected = wsvc.list_bids(ws)
    finally:
        ws.close()
    found = quick_bids(_settings(sqlite_url, tmp_path))
    assert found == expected
    assert [b.status for b in found] == ["draft", "submitted", "draft"]
    assert found[2].last_opened_at is not None and found[0].bid_deadline == date(2011, 11, 30)


def test_an_empty_database_lists_no_bids(tmp_path, sqlite_url):
    open_database(sqlite_url).dispose()
    assert quick_bids(_settings(sqlite_url, tmp_path)) == []


def test_files_that_are_not_sound_and_current_go_to_the_workspace(tmp_path, sqlite_url):
    settings = _settings(sqlite_url, tmp_path)
    assert quick_bids(settings) is None  # missing: the workspace creates it (or asks)
    path = tmp_path / "planner.db"
    assert not path.exists()  # and the quick path made nothing
    path.write_bytes(b"")
    assert quick_bids(settings) is None  # empty: the workspace makes the schema
    path.unlink()
    _bids(sqlite_url)
    good = tmp_path / "good.db"
    shutil.copy(path, good)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0001'")  # an older revision: to upgrade
    con.commit()
    con.close()
    assert quick_bids(settings) is None
    shutil.copy(good, path)
    con = sqlite3.connect(path)
    con.execute("CREATE VIEW sneaky AS SELECT 1")  # an object of its own: refused by the workspace
    con.commit()
    con.close()
    assert quick_bids(settings) is None
    path.write_bytes(b"not a database at all" * 10)
    assert quick_bids(settings) is None
    assert quick_bids(_settings("postgresql+psycopg://u@localhost:1/x", tmp_path)) is None
    shutil.copy(good, path)
    assert [b.title for b in quick_bids(settings)][0] == "Generator 2012, Gävle"
