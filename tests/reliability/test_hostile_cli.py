"""Hostile text through the command line: markup, terminal escapes, C1 and bidi controls from people and files.

The terminal corpus (tests/fixtures/terminal.json) and the Big List of Naughty Strings go through every text
field each command prints. Typed in, a text is kept exactly or refused with a field error (control characters
are refused at input). Already in the database (a file made before that rule, a crafted or imported one: the
rows here are written with sqlite3, past the services), it is printed as typed, its control characters as
visible pictures: neither stdout nor stderr ever carries an ESC (or an 8-bit CSI) that came from the data.

One database for the module; the commands run through Typer's runner, a few in a real subprocess.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from planner.cli.team import _short
from planner.i18n.text import first_control, neutralise
from tests.reliability.conftest import ROOT
from tests.reliability.documents import naughty_strings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TERMINAL = [case["text"] for case in json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]]
# blns first (it holds empty and whitespace strings too), then the corpus written for terminals
CORPUS = list(dict.fromkeys([*naughty_strings(), *TERMINAL]))
SHOWN = [text for text in CORPUS if text.strip()]  # a blank name shows as nothing: nothing to look for
OSC52 = "Clip\x1b]52;c;SGVsbG8gZnJvbSBkYXRh\x07"
CLEAR = "Gen\x1b[2J\x1b[HClear"
ESCAPES = (b"\x1b", b"\xc2\x9b", b"\xc2\x9d")  # ESC, and CSI / OSC as 8-bit C1 in UTF-8


def run(*args: str, env: dict | None = None, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), prog_name="planner", env=env, input=input)


def assert_no_escape(result) -> None:
    for name, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
        for escape in ESCAPES:
            assert escape not in data, f"{name} carries {escape!r}: {data[:300]!r}"
    assert "Traceback" not in result.output


def shows(output: str, text: str) -> bool:
    """The text is in the output as typed: each of its lines, control characters as their pictures (a tab
    becomes spaces to the next stop of the terminal's line, so the parts between tabs are looked for)."""
    pieces = [piece.strip() for line in neutralise(text).split("\n") for piece in line.split("\t")]
    return all(piece in output for piece in pieces if piece)


def missing(output: str, texts) -> list[str]:
    return [text for text in texts if not shows(output, text)]


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "5000")  # no table cell wraps, so each text is one run of characters


# -- the database: every string in every printed field, written past the services -------------------------


def _bid_file() -> dict:
    """One bid whose venues, tasks, speakers, sessions and budget lines hold placeholders, one per string."""
    n = len(CORPUS)
    doc = {"format": "planner.bid", "version": 1,
           "bid": {"conference": "Placeholder", "host_city": "Gävle", "base_currency": "SEK",
                   "event_start": "2012-05-24", "event_end": "2012-05-25", "bid_deadline": "2011-11-30",
                   "attendance_low": 150, "attendance_expected": 300, "attendance_high": 450}}
    doc["venue"] = [{"id": i, "name": f"venue-{i}"} for i in range(1, n + 1)]
    doc["task"] = [{"id": i, "title": f"task-{i}", "owner": f"owner-{i}", "due_date": "2011-11-01"}
                   for i in range(1, n + 1)]
    doc["budget_line"] = [{"id": i, "kind": "expense", "category": "other", "label": f"line-{i}",
                           "unit_minor": 100, "currency": "SEK"} for i in range(1, n + 1)]
    doc["speaker"] = [{"id": i, "display_name": f"speaker-{i}"} for i in range(1, n + 1)]
    # two overlapping sessions per speaker, after the event: each conflict names the sessions and the speaker
    doc["programme_session"] = [{"id": 2 * i - k, "title": f"session-{i}-{k}", "day": "2012-06-01",
                                 "start_time": "09:00:00", "end_time": "10:00:00"}
                                for i in range(1, n + 1) for k in (0, 1)]
    doc["session_speaker"] = [{"session_id": 2 * i - k, "speaker_id": i} for i in range(1, n + 1) for k in (0, 1)]
    return doc


def _copy_rows(con, table: str, source_id: int, rows: list[dict]) -> None:
    """Insert rows copied from one existing row, with some columns replaced (sqlite3, no checks)."""
    columns = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[1] != "id"]
    for row in rows:
        values = [f":{c}" if c in row else c for c in columns]
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} "
                    f"WHERE id = :source_id", {**row, "source_id": source_id})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from planner.services.bidfile import import_bid
    from planner.services.workspace import Workspace, add_record
    from planner.store import models as m
    from planner.store.db import open_database

    path = tmp_path_factory.mktemp("hostile") / "planner.db"
    ws = Workspace(db=open_database(f"sqlite:///{path}"), user="tester")
    bid_id = import_bid(ws, json.dumps(_bid_file()))
    add_record(ws, m.DossierExport(bid_id=bid_id, locale="en", audience="committee", sha256="0" * 64,
                                   path="dossier.pdf", recipient="placeholder"))
    ws.close()

    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE bid SET conference = ? WHERE id = ?", (OSC52 + " [/] Nordic [design] days", bid_id))
        for i, text in enumerate(CORPUS, start=1):
            con.execute("UPDATE venue SET name = ? WHERE name = ?", (text, f"venue-{i}"))
            con.execute("UPDATE task SET title = ?, owner = ? WHERE title = ?", (text, text, f"task-{i}"))
            con.execute("UPDATE budget_line SET label = ? WHERE label = ?", (text, f"line-{i}"))
            con.execute("UPDATE speaker SET display_name = ? WHERE display_name = ?", (text, f"speaker-{i}"))
            for k in (0, 1):
                con.execute("UPDATE programme_session SET title = ? WHERE title = ?",
                            (f"{text} #{k}", f"session-{i}-{k}"))
        # one bid per string (its conference is the string) and one dossier export and audit entry each
        _copy_rows(con, "bid", bid_id, [{"conference": text, "edition": "", "host_city": "Gävle"}
                                        for text in CORPUS])
        export_id = con.execute("SELECT id FROM dossier_export").fetchone()[0]
        _copy_rows(con, "dossier_export", export_id, [{"recipient": text} for text in CORPUS])
        con.execute("DELETE FROM audit_entry")
        con.executemany(
            "INSERT INTO audit_entry (bid_id, at, who, action, entity, entity_id, before, after) "
            "VALUES (?, '2012-01-02 10:00:00.000000', ?, 'update', 'venue', '1', ?, ?)",
            [(bid_id, text, json.dumps({"name": "Konserthuset"}), json.dumps({"name": text, "city": text}))
             for text in CORPUS])
    named = dict(con.execute("SELECT conference, id FROM bid WHERE id != ?", (bid_id,)))
    con.close()
    return {"db": ["--db", str(path)], "bid": str(bid_id), "named": named}


def test_bids_lists_every_title_as_typed(hostile):
    result = run(*hostile["db"], "bids")
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert not missing(result.stdout, SHOWN)
    assert shows(result.stdout, OSC52 + " [/] Nordic [design] days, Gävle")


def test_status_shows_the_title_and_every_line_label(hostile):
    result = run(*hostile["db"], "status", "--bid", hostile["bid"], "--lines", "--today", "2011-10-01")
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert shows(result.stdout, OSC52 + " [/] Nordic [design] days")
    assert not missing(result.stdout, SHOWN)


@pytest.mark.parametrize("text", TERMINAL, ids=range(len(TERMINAL)))
def test_status_of_a_bid_named_by_the_corpus(hostile, text):
    result = run(*hostile["db"], "status", "--bid", str(hostile["named"][text]))
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert shows(result.stdout, text)


def test_venues_rank_shows_every_venue(hostile):
    result = run(*hostile["db"], "venues", "rank", "--bid", hostile["bid"])
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert not missing(result.stdout, SHOWN)


def test_timeline_check_shows_every_task_and_owner(hostile):
    result = run(*hostile["db"], "timeline", "check", "--bid", hostile["bid"], "--today", "2011-10-01")
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert not missing(result.stdout, SHOWN)


def test_programme_check_names_every_session_and_speaker(hostile):
    result = run(*hostile["db"], "programme", "check", "--bid", hostile["bid"])
    assert result.exit_code == 1, result.output  # its sessions conflict, which the check says with exit code 1
    assert_no_escape(result)
    assert not missing(result.stdout, [f"{text} #0" for text in SHOWN])


def test_log_shows_who_and_every_value(hostile):
    result = run(*hostile["db"], "log", "--limit", "0")
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert not missing(result.stdout, [_short(text) for text in SHOWN])
    as_json = run(*hostile["db"], "log", "--limit", "0", "--json")
    assert_no_escape(as_json)
    entries = json.loads(as_json.stdout)
    assert sorted(e["who"] for e in entries) == sorted(CORPUS)  # the data itself, exactly, for scripts


@pytest.mark.parametrize(("command", "code"), [(["status"], 0), (["venues", "rank"], 0),
                                               (["timeline", "check"], 1),  # today, its tasks are overdue
                                               (["programme", "check"], 1)])  # and its sessions conflict
def test_json_output_keeps_the_data_and_no_escape(hostile, command, code):
    result = run(*hostile["db"], *command, "--bid", hostile["bid"], "--json")
    assert result.exit_code == code, result.output
    assert_no_escape(result)
    assert json.loads(result.stdout)["bid"]["title"] == OSC52 + " [/] Nordic [design] days, Gävle"


def test_dossier_history_shows_every_recipient(hostile):
    result = run(*hostile["db"], "dossier", "--history")
    assert result.exit_code == 0, result.output
    assert_no_escape(result)
    assert not missing(result.stdout, SHOWN)


def test_csv_import_preview_shows_names_neutralised_and_refuses_control_characters(hostile, tmp_path):
    import csv

    sheet = tmp_path / "venues.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "city"])
        for text in TERMINAL:
            writer.writerow([f"V {text}", "Gävle"])
    result = run(*hostile["db"], "import", "csv", str(sheet), "--kind", "venues", "--bid", hostile["bid"],
                 "--dry-run")
    assert_no_escape(result)
    assert not missing(result.stdout, [f"V {text}" for text in TERMINAL])
    refused = [text for text in TERMINAL if first_control(f"V {text}", multiline=False)]
    assert refused and result.stdout.count("U+") >= len(refused)  # each refusal names its character
    assert result.exit_code == 2  # a dry run with refused rows says so


def test_csv_removals_name_the_stored_records_literally(hostile, tmp_path):
    speakers = json.loads(run(*hostile["db"], "list", "speaker", "--json", "--bid", hostile["bid"]).stdout)
    sheet = tmp_path / "speakers.csv"
    sheet.write_text("Planner ID,Action\r\n" + "".join(f"{s['id']},delete\r\n" for s in speakers), "utf-8")
    result = run(*hostile["db"], "import", "csv", str(sheet), "--kind", "speakers", "--bid", hostile["bid"],
                 "--dry-run")
    assert result.exit_code == 0, result.output
    assert_no_escape(result)  # each row is named by the stored name, shown as data
    assert not missing(result.stdout, [s["display_name"] for s in speakers if s["display_name"].strip()])
    assert f"{len(speakers)} deleted" in result.stdout


# -- typed in: kept exactly or refused with a field error ----------------------------------------------------


def test_bid_new_keeps_markup_as_typed_and_refuses_control_characters(tmp_path):
    db = ["--db", str(tmp_path / "typed.db")]
    created = []
    for text in TERMINAL:
        result = run(*db, "bid", "new", "--conference", text, "--city", "Gävle")
        assert_no_escape(result)
        if first_control(text, multiline=False) is None:
            assert result.exit_code == 0, result.output
            assert shows(result.stdout, f"{text}, Gävle")
            created.append(text)
        else:
            assert result.exit_code == 2, result.output
            assert result.stderr.startswith("Error: --conference: ") and "U+" in result.stderr
            assert result.stderr.count("\n") == 1
    listing = run(*db, "bids")
    assert_no_escape(listing)
    assert not missing(listing.stdout, [f"{text}, Gävle" for text in created])
    assert "[bold red]Styled[/], Gävle" in listing.stdout and "Konserthuset [main hall]" in listing.stdout


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    from planner.services.workspace import Workspace, create_bid
    from planner.store.db import open_database

    ws = Workspace(db=open_database(f"sqlite:///{tmp_path_factory.mktemp('typed') / 'p.db'}"), user="tester")
    yield ws, create_bid(ws, conference="Generator", host_city="Gävle")
    ws.close()


@pytest.mark.parametrize("text", TERMINAL, ids=range(len(TERMINAL)))
def test_every_record_field_keeps_or_refuses_the_text_with_its_reason(typed, text):
    from planner.services.errors import ValidationError
    from planner.services.workspace import add_record
    from planner.store import models as m

    ws, bid = typed
    one_line = first_control(text, multiline=False)
    several_lines = first_control(text, multiline=True)
    for record, field, problem in (
            (m.Venue(bid_id=bid.id, name=text, description=text), "name", one_line),
            (m.Venue(bid_id=bid.id, name="Hall", description=text), "description", several_lines),
            (m.Task(bid_id=bid.id, title=text, due_date=date(2011, 11, 1)), "title", one_line),
            (m.BudgetLine(bid_id=bid.id, kind="expense", category="other", label="L", note=text), "note",
             several_lines)):
        try:
            saved = add_record(ws, record)
        except ValidationError as exc:
            assert problem is not None, f"{field} refused {text!r}: {exc.errors}"
            assert field in exc.errors and f"U+{ord(problem[1]):04X}" in exc.errors[field]
            continue
        assert problem is None, f"{field} kept {text!r}"
        assert getattr(saved, field) == text


# -- in a real process: the team's hook and the raw bytes a terminal would get -------------------------------


def planner(*args: str | bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    base.update(PYTHONPATH=str(ROOT), PLANNER_LOCALE="en", PLANNER_USER="tester", COLUMNS="200", PLANNER_CREATE="1",
                PLANNER_DATA_DIR=os.environ["PLANNER_DATA_DIR"])
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "planner", *args], cwd=ROOT, env=base, capture_output=True,
                          timeout=120)


def no_escape(proc: subprocess.CompletedProcess) -> None:
    for data in (proc.stdout, proc.stderr):
        assert not any(escape in data for escape in ESCAPES), data[:300]
        assert b"Traceback" not in data


def test_the_hook_markup_in_a_name_is_shown_literally(tmp_path):
    db = str(tmp_path / "hook.db")
    created = planner("--db", db, "bid", "new", "--conference", "[/] Nordic [design] days", "--city", "Gävle")
    assert created.returncode == 0, created.stderr
    listing = planner("--db", db, "bids")
    assert listing.returncode == 0, listing.stderr
    assert "[/] Nordic [design] days, Gävle" in listing.stdout.decode()
    no_escape(listing)


def test_the_hook_osc52_and_clear_screen_in_names_reach_no_terminal(tmp_path):
    db = str(tmp_path / "hook.db")
    refused = planner("--db", db, "bid", "new", "--conference", OSC52, "--city", CLEAR)
    assert refused.returncode == 2
    no_escape(refused)
    assert refused.stderr.decode().count("\n") == 1
    assert run("--db", db, "bid", "new", "--conference", "Placeholder", "--city", "Gävle").exit_code == 0
    con = sqlite3.connect(db)
    with con:  # as a database made before the rule, or a crafted one, would hold them
        con.execute("UPDATE bid SET conference = ?, host_city = ?", (OSC52, CLEAR))
    con.close()
    for command in ("bids", "status"):
        proc = planner("--db", db, command)
        assert proc.returncode == 0, proc.stderr
        no_escape(proc)
        assert "Clip␛]52;c;SGVsbG8gZnJvbSBkYXRh␇" in proc.stdout.decode()
        assert "Gen␛[2J␛[HClear" in proc.stdout.decode()


def test_planner_user_with_escapes_is_neutralised_in_the_log(tmp_path):
    db = str(tmp_path / "user.db")
    made = run("--db", db, "bid", "new", "--conference", "Generator", "--city", "Gävle",
               env={"PLANNER_USER": OSC52})
    assert made.exit_code == 0, made.output
    log = planner("--db", db, "log")
    assert log.returncode == 0, log.stderr
    no_escape(log)
    assert "Clip␛]52;c;SGVsbG8gZnJvbSBkYXRh␇" in log.stdout.decode()


def test_an_argument_that_is_not_utf8_is_one_line_and_exit_2(tmp_path):
    proc = planner("--db", str(tmp_path / "x.db"), "bid", "new", "--conference", b"\xff\xfeGen", "--city", "X")
    assert proc.returncode == 2
    no_escape(proc)
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "UTF-8" in lines[0]


def test_export_json_on_a_terminal_escapes_c1_and_bidi_and_keeps_the_data(tmp_path):
    import pty

    db = str(tmp_path / "tty.db")
    assert run("--db", db, "bid", "new", "--conference", "Placeholder", "--city", "Gävle").exit_code == 0
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE bid SET conference = ?", ("C1\x9b2J Invoice \u202egpj.exe",))
    con.close()
    reader, writer = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env.update(PYTHONPATH=str(ROOT), PLANNER_LOCALE="en", PLANNER_DATA_DIR=os.environ["PLANNER_DATA_DIR"])
    proc = subprocess.Popen([sys.executable, "-m", "planner", "--db", db, "export", "json"], cwd=ROOT, env=env,
                            stdout=writer, stderr=subprocess.DEVNULL)
    os.close(writer)
    chunks = []
    while True:  # read while it writes, so a full terminal buffer never blocks it
        try:
            chunk = os.read(reader, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(reader)
    assert proc.wait(timeout=120) == 0
    shown = b"".join(chunks)
    assert b"\xc2\x9b" not in shown and "\u202e".encode() not in shown and b"\x1b" not in shown
    document = json.loads(shown.decode().replace("\r\n", "\n"))
    assert document["bid"]["conference"] == "C1\x9b2J Invoice \u202egpj.exe"
