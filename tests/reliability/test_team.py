"""Team mode: the audit log, backup and restore, and read-only use, through the services and the CLI."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from planner.services import team
from planner.services import workspace as wsvc
from planner.store import models as m
from planner.store.db import ReadOnlyError


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


def one_line_error(result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.output
    return result.output.strip()


# --- the audit log ----------------------------------------------------------------------------------------


def test_log_shows_who_changed_what_from_what_to_what(tmp_path, monkeypatch):
    db = str(tmp_path / "p.db")
    monkeypatch.setenv("PLANNER_USER", "anna")
    run("--db", db, "bid", "new", "--conference", "Generator", "--city", "Gävle")
    run("--db", db, "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken")
    ws = wsvc.Workspace.open(__import__("planner.config", fromlist=["Settings"]).Settings.load(db=db))
    try:
        venue = wsvc.add_record(ws, m.Venue(bid_id=1, name="Konserthuset"))
        ws.user = "bertil"
        wsvc.update_record(ws, m.Venue, venue.id, {"name": "Gävle Konserthus"}, expected_version=1)
        history = team.history_of(ws, m.Venue, venue.id)
    finally:
        ws.close()
    assert [(e.action, e.who) for e in history] == [("update", "bertil"), ("create", "anna")]
    assert history[0].fields == ["name"]
    assert history[0].before == {"name": "Konserthuset"} and history[0].after == {"name": "Gävle Konserthus"}

    shown = run("--db", db, "log", "--bid", "1")
    assert shown.exit_code == 0, shown.output
    assert "bertil" in shown.output and "Konserthuset → Gävle Konserthus" in shown.output
    assert "Nordic" not in shown.output
    entries = json.loads(run("--db", db, "log", "--json").output)
    assert [e["who"] for e in entries[:2]] == ["bertil", "anna"]
    assert {e["bid_id"] for e in entries} == {1, 2}
    assert len(json.loads(run("--db", db, "log", "--json", "--limit", "1").output)) == 1
    assert len(json.loads(run("--db", db, "log", "--json", "--limit", "0").output)) == len(entries)
    sv = run("--db", db, "--locale", "sv", "log", "--bid", "1")
    assert "ändrade" in sv.output
    assert "no bid 9" in one_line_error(run("--db", db, "log", "--bid", "9"))
    assert "limit" in one_line_error(run("--db", db, "log", "--limit", "-1"))


def test_log_of_an_empty_database_says_so(tmp_path):
    assert "No changes" in run("--db", str(tmp_path / "p.db"), "log").output


# --- backup and restore -----------------------------------------------------------------------------------


def bids_in(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT conference FROM bid ORDER BY id")]
    finally:
        con.close()


def test_backup_while_another_connection_writes_is_consistent_and_single_file(tmp_path):
    db = tmp_path / "p.db"
    run("--db", str(db), "demo")
    writer = sqlite3.connect(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE bid SET conference = 'half-done'")  # not committed while the copy is taken
    (tmp_path / "copies").mkdir()
    result = run("--db", str(db), "backup", str(tmp_path / "copies"))
    writer.rollback()
    writer.close()
    assert result.exit_code == 0, result.output
    [copy] = (tmp_path / "copies").iterdir()
    assert copy.name.startswith("p.db.backup-") and bids_in(copy) == ["Generator"]
    assert not list((tmp_path / "copies").glob("*-wal"))
    check = sqlite3.connect(copy)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    check.close()
    beside = run("--db", str(db), "backup")
    assert beside.exit_code == 0 and str(tmp_path) in beside.output
    again = run("--db", str(db), "backup", str(copy))
    assert "already exists" in one_line_error(again)
    assert "no database" in one_line_error(run("--db", str(tmp_path / "none.db"), "backup")).lower()
    assert not (tmp_path / "none.db").exists()


def test_restore_keeps_the_current_database_then_replaces_it(tmp_path):
    db, other = tmp_path / "p.db", tmp_path / "other.db"
    run("--db", str(db), "demo")
    run("--db", str(other), "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken")
    refused = run("--db", str(db), "restore", str(other), input="n\n")
    assert refused.exit_code == 1 and bids_in(db) == ["Generator"]
    result = run("--db", str(db), "restore", str(other), input="y\n")
    assert result.exit_code == 0, result.output
    assert bids_in(db) == ["Nordic Design Days"]
    [kept] = tmp_path.glob("p.db.before-restore-*")
    assert bids_in(kept) == ["Generator"] and str(kept) in result.output
    assert "Nordic Design Days" in run("--db", str(db), "bids").output
    # and back again, from the kept copy
    assert run("--db", str(db), "restore", "--yes", str(kept)).exit_code == 0
    assert bids_in(db) == ["Generator"]


def test_restore_refuses_what_is_not_a_planner_database_and_changes_nothing(tmp_path):
    db = tmp_path / "p.db"
    run("--db", str(db), "demo")
    before = db.read_bytes()
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(before[:4096] + b"\x00garbage" * 2000)
    newer = tmp_path / "newer.db"
    run("--db", str(newer), "bids")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    cases = {notes: "not a planner database", foreign: "not a planner database", damaged: "damaged",
             newer: "newer version", tmp_path / "missing.db": "no file", tmp_path: "folder", db: "database itself"}
    for source, reason in cases.items():
        message = one_line_error(run("--db", str(db), "restore", "--yes", str(source)))
        assert reason in message, (source.name, message)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("p.db.before-restore-*"))


def test_restore_over_a_damaged_database_keeps_its_bytes(tmp_path):
    db, good = tmp_path / "p.db", tmp_path / "good.db"
    run("--db", str(good), "demo")
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    damaged = db.read_bytes()
    result = run("--db", str(db), "restore", "--yes", str(good))
    assert result.exit_code == 0, result.output
    assert bids_in(db) == ["Generator"]
    [kept] = tmp_path.glob("p.db.before-restore-*")
    assert kept.read_bytes() == damaged


def test_postgresql_backup_and_restore_say_how_to_use_its_tools(pg_url):
    result = run("--db", pg_url, "backup")
    assert result.exit_code == 1 and "pg_dump --format=custom" in result.output
    assert "postgresql://planner@" in result.output and "+psycopg" not in result.output.split("pg_dump")[1]
    restore = run("--db", pg_url, "restore", "--yes", "x.dump")
    assert restore.exit_code == 1 and "pg_restore" in restore.output
    sv = run("--db", pg_url, "--locale", "sv", "backup")
    assert "pg_dump" in sv.output and "säkerhetskopi" in sv.output.lower()


# --- read-only use ----------------------------------------------------------------------------------------


def test_read_only_refuses_every_write_saying_why_while_reading_works(tmp_path, monkeypatch):
    db = str(tmp_path / "p.db")
    run("--db", db, "demo")
    run("--db", db, "status")  # a coordinator's first look fills the exchange rates from the shipped seed
    before = (tmp_path / "p.db").read_bytes()
    bid_file = tmp_path / "bid.json"
    run("--db", db, "export", "json", "-o", str(bid_file))
    for args in (("import", "json", str(bid_file)), ("bid", "new", "--conference", "X", "--city", "Y"),
                 ("bid", "delete", "1", "--yes"), ("restore", "--yes", db),
                 ("budget", "freeze", "--name", "Approved")):
        result = run("--db", db, "--read-only", *args)
        message = one_line_error(result)
        assert "read-only" in message and len(message.splitlines()) == 1, (args, message)
    for args in (("bids",), ("status",), ("log",), ("export", "json")):
        # reading works the same with --read-only as without it
        result, normal = run("--db", db, "--read-only", *args), run("--db", db, *args)
        assert (result.exit_code, result.output) == (normal.exit_code, normal.output), args
    assert run("--db", db, "--read-only", "bids").exit_code == 0
    assert "Generator" in run("--db", db, "--read-only", "bids").output
    monkeypatch.setenv("PLANNER_READ_ONLY", "1")
    assert "read-only" in one_line_error(run("--db", db, "bid", "new", "--conference", "X", "--city", "Y"))
    assert run("--db", db, "backup", str(tmp_path / "copy.db")).exit_code == 0  # a copy is a read
    monkeypatch.delenv("PLANNER_READ_ONLY")
    con = sqlite3.connect(tmp_path / "p.db")
    assert con.execute("SELECT count(*) FROM bid").fetchone()[0] == 1
    con.close()
    assert "no database" in one_line_error(run("--db", str(tmp_path / "none.db"), "--read-only", "bids")).lower()
    assert before  # the file was only read


def test_read_only_database_refuses_even_writes_that_bypass_the_services(any_db_url, workspace_of):
    ws = workspace_of(any_db_url)
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    ro = workspace_of(any_db_url, read_only=True)
    with pytest.raises(ReadOnlyError):
        wsvc.update_record(ro, m.Bid, bid.id, {"conference": "Changed"})
    with pytest.raises(ReadOnlyError, match="read-only"):
        with ro.session() as s:
            s.execute(sa.update(m.Bid).values(conference="Changed behind the services' back"))
    assert wsvc.get_bid(ro, bid.id).conference == "Generator"
    assert [b.id for b in wsvc.list_bids(ro)] == [bid.id]


def test_organiser_role_with_select_only_can_look_but_not_change(pg_url, pg_server):
    import psycopg

    assert run("--db", pg_url, "demo").exit_code == 0
    run("--db", pg_url, "status")  # the coordinator's first look fills the exchange rates
    dbname = pg_url.rsplit("/", 1)[1]
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=planner dbname={dbname}",
                         autocommit=True) as con:
        con.execute("DO $$ BEGIN CREATE ROLE organiser LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        con.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO organiser')
        con.execute("GRANT USAGE ON SCHEMA public TO organiser")
        con.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO organiser")
    organiser_url = pg_url.replace("planner@", "organiser@")
    assert "Generator" in run("--db", organiser_url, "bids").output
    looked, owner = run("--db", organiser_url, "status"), run("--db", pg_url, "status")
    assert (looked.exit_code, looked.output) == (owner.exit_code, owner.output)
    refused = run("--db", organiser_url, "bid", "new", "--conference", "X", "--city", "Y")
    assert "permission denied" in one_line_error(refused)
    ro = run("--db", organiser_url, "--read-only", "bid", "new", "--conference", "X", "--city", "Y")
    assert "read-only" in one_line_error(ro)


def test_read_only_status_of_a_database_never_looked_at_uses_the_shipped_rates(tmp_path):
    db = str(tmp_path / "p.db")
    run("--db", db, "demo")  # nobody has run status yet: the exchange-rate table is empty
    looked = run("--db", db, "--read-only", "status")
    assert looked.exit_code == 0, looked.output
    assert looked.output == run("--db", db, "status").output
