"""`planner import json FILE --into BID`: a bid updated from a bid file, on SQLite and PostgreSQL.

The bid's own export changes nothing and writes no audit entry; an edited file changes exactly what was
edited, through the records service, audited, and the bid keeps its id and history.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from planner.services import bidfile, records
from planner.services.bidfile import BidFileError
from planner.services.bidupdate import apply_update, preview_update
from planner.services.demo import load_demo
from planner.services.errors import ConflictError
from planner.store import models as m


def audit_count(ws, bid_id: int) -> int:
    with ws.read_session() as s:
        return len(s.exec(select(m.AuditEntry).where(m.AuditEntry.bid_id == bid_id)).all())


def edited(text: str, change) -> str:
    doc = json.loads(text)
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


def test_the_bids_own_export_changes_nothing_and_writes_no_audit_entry(any_ws):
    bid_id, _created = load_demo(any_ws)
    exported = bidfile.export_bid(any_ws, bid_id)
    before = audit_count(any_ws, bid_id)
    update = preview_update(any_ws, bid_id, exported.encode())
    assert not update.changes_anything and update.count("unchanged") > 200
    apply_update(any_ws, update)
    assert audit_count(any_ws, bid_id) == before
    assert bidfile.export_bid(any_ws, bid_id) == exported


def test_an_edited_file_changes_exactly_what_was_edited(any_ws):
    bid_id, _created = load_demo(any_ws)
    exported = bidfile.export_bid(any_ws, bid_id)
    removed_speaker = json.loads(exported)["speaker"][-1]

    def change(doc):
        doc["bid"]["attendance_high"] += 10
        doc["venue"][0]["name"] = "Konserthuset [bold]x[/]"
        doc["speaker"].pop()
        doc["session_speaker"] = [r for r in doc["session_speaker"] if r["speaker_id"] != removed_speaker["id"]]
        doc["date_option"].append({**doc["date_option"][0], "id": 99, "preferred": False, "note": "A third"})
        doc["venue_availability"].append({**doc["venue_availability"][0], "date_option_id": 99})

    text = edited(exported, change)
    before = audit_count(any_ws, bid_id)
    update = preview_update(any_ws, bid_id, text.encode())
    assert sorted((i.action, i.table) for i in update.items) == [
        ("changed", "bid"), ("changed", "venue"), ("new", "date_option"), ("new", "venue_availability"),
        ("removed", "session_speaker"), ("removed", "speaker")]
    venue = next(i for i in update.items if i.table == "venue")
    assert venue.changes == {"name": ("Gävle Konserthus", "Konserthuset [bold]x[/]")}
    assert update.summary().startswith("2 new, 2 changed,")
    apply_update(any_ws, update)
    # one audit entry per change (the session's speaker goes with the speaker, so no entry of its own) and one
    # for the import
    assert audit_count(any_ws, bid_id) - before >= 6
    after = json.loads(bidfile.export_bid(any_ws, bid_id))
    want = json.loads(exported)
    change(want)
    # the export numbers the new date option after the others
    assert after["date_option"][-1]["note"] == "A third" and len(after["date_option"]) == len(want["date_option"])
    for name in ("bid", "venue", "speaker", "session_speaker", "budget_line", "partner", "commitment", "task"):
        assert after[name] == want[name], name
    # imported again, the same file finds nothing to do: the new row is matched by its fields
    assert not preview_update(any_ws, bid_id, text.encode()).changes_anything
    assert [b.id for b in records.list_records(any_ws, "bid", bid_id)] == [bid_id]


def test_a_record_saved_after_the_preview_stops_the_import(ws):
    bid_id, _created = load_demo(ws)
    text = edited(bidfile.export_bid(ws, bid_id), lambda d: d["venue"][0].update(name="Renamed"))
    update = preview_update(ws, bid_id, text.encode())
    venue = records.list_records(ws, "venue", bid_id)[0]
    records.update(ws, "venue", venue.id, {"city": "Sandviken"})
    with pytest.raises(ConflictError):
        apply_update(ws, update)
    assert records.list_records(ws, "venue", bid_id)[0].name == "Gävle Konserthus"


def test_a_broken_file_is_refused_naming_the_path(ws):
    bid_id, _created = load_demo(ws)
    text = edited(bidfile.export_bid(ws, bid_id), lambda d: d["venue"][0].update(capacity_max=-5))
    with pytest.raises(BidFileError) as refused:
        preview_update(ws, bid_id, text.encode())
    assert "$.venue[0]" in str(refused.value)


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


def test_the_command_previews_asks_and_keeps_the_bids_id(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    own = tmp_path / "own.json"
    assert run(*db, "export", "json", "-o", str(own)).exit_code == 0
    same = run(*db, "import", "json", str(own), "--into", "1")
    assert same.exit_code == 0 and "Nothing to import" in same.stdout
    changed = tmp_path / "changed.json"
    changed.write_text(edited(own.read_text("utf-8"), lambda d: d["bid"].update(attendance_high=470)), "utf-8")
    dry = run(*db, "import", "json", str(changed), "--into", "1", "--dry-run")
    assert dry.exit_code == 0 and "attendance_high: 450 -> 470" in dry.stdout and "Dry run" in dry.stdout
    declined = run(*db, "import", "json", str(changed), "--into", "1", input="n\n")
    assert declined.exit_code == 1 and "Nothing was imported" in declined.stdout
    done = run(*db, "import", "json", str(changed), "--into", "1", "--yes")
    assert done.exit_code == 0 and "Updated bid 1: 0 new, 1 changed" in done.stdout
    assert json.loads(run(*db, "bid", "show", "--json").stdout)["bid"]["attendance_high"] == 470
    assert "imported bid 1" in run(*db, "log").stdout
    assert "Imported the bid as bid 2" in run(*db, "import", "json", str(own)).stdout  # without --into: a new bid


@pytest.mark.parametrize(("args", "needle"), [
    (["--into", "7"], "There is no bid 7"),
    (["--into", "0"], "--into"),
    (["--yes"], "--into"),
])
def test_mistakes_are_one_line(tmp_path, args, needle):
    db = ["--db", str(tmp_path / "p.db")]
    run(*db, "demo")
    own = tmp_path / "own.json"
    run(*db, "export", "json", "-o", str(own))
    result = run(*db, "import", "json", str(own), *args)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and needle in line


def test_a_broken_file_into_a_bid_is_one_line_with_exit_2(tmp_path):
    db = ["--db", str(tmp_path / "p.db")]
    run(*db, "demo")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "planner.bid", "version": 1, "bid": {"conference": 5}}', "utf-8")
    result = run(*db, "import", "json", str(broken), "--into", "1")
    assert result.exit_code == 2 and result.stderr.startswith("Error: $.bid")


def test_the_status_history_travels_in_the_bid_file_and_round_trips(any_ws):
    from planner.services import bidstatus

    bid_id, _created = load_demo(any_ws)
    bidstatus.move(any_ws, bid_id, "submitted", on=date(2011, 11, 29), note="By courier")
    exported = bidfile.export_bid(any_ws, bid_id)
    [change] = json.loads(exported)["status_history"]
    assert (change["from"], change["to"], change["date"], change["note"], change["who"]) == (
        "draft", "submitted", "2011-11-29", "By courier", "tester")
    copy = bidfile.import_bid(any_ws, exported)
    assert [c.as_dict() for c in bidstatus.history(any_ws, copy)] == [c.as_dict() for c in bidstatus.history(
        any_ws, bid_id)]
    assert bidfile.export_bid(any_ws, copy) == exported
    assert not preview_update(any_ws, bid_id, exported.encode()).changes_anything

    def shortlisted(doc):
        doc["bid"]["status"] = "shortlisted"
        doc["status_history"].append({"from": "submitted", "to": "shortlisted", "date": "2012-01-10",
                                      "note": "Two of five", "who": "maja", "at": "2012-01-10T09:00:00+00:00"})

    update = preview_update(any_ws, copy, edited(exported, shortlisted).encode())
    assert sorted((i.action, i.table) for i in update.items) == [("changed", "bid"), ("new", "status_history")]
    apply_update(any_ws, update)
    moves = bidstatus.history(any_ws, copy)
    assert [(c.after, c.note, c.who) for c in moves] == [("submitted", "By courier", "tester"),
                                                          ("shortlisted", "Two of five", "maja")]


def test_a_status_history_that_is_no_history_is_refused_with_its_path(ws):
    bid_id, _created = load_demo(ws)
    exported = bidfile.export_bid(ws, bid_id)
    for change, where in ((lambda d: d["status_history"].append({"from": "draft", "to": "won"}), "$.status_history[0]"),
                          (lambda d: d["status_history"].append({"from": "draft", "to": "lost", "date": "2012-02-30",
                                                                 "at": "2012-01-01T00:00:00Z"}),
                           "$.status_history[0].date"),
                          (lambda d: d["status_history"].append({"from": "x", "to": "won", "at": "2012-01-01T00:00:00"}),
                           "$.status_history[0].from")):
        with pytest.raises(BidFileError) as refused:
            bidfile.import_bid(ws, edited(exported, change))
        assert where in str(refused.value)


def test_hostile_text_in_the_file_is_shown_literally_in_the_preview(tmp_path, monkeypatch):
    from planner.services.validation import validate_record
    from tests.reliability.test_hostile_cli import CORPUS, assert_no_escape, shows

    monkeypatch.setenv("COLUMNS", "5000")
    db = ["--db", str(tmp_path / "p.db")]
    run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle")
    own = json.loads(run(*db, "export", "json").stdout)
    path = tmp_path / "hostile.json"

    def preview(names: list[str]):
        own["venue"] = [{"id": i, "name": text} for i, text in enumerate(names, start=1)]
        own["bid"]["internal_notes"] = "[/] [@click=app.quit] [main hall]"
        path.write_text(json.dumps(own, ensure_ascii=False), "utf-8")
        result = run(*db, "import", "json", str(path), "--into", "1", "--dry-run")
        assert_no_escape(result)
        return result

    every = [text for text in CORPUS if text.strip()]
    refused = preview(every)  # hidden controls and over-long names are refused at input, each with its path
    assert refused.exit_code == 2 and refused.stderr.startswith("Error: $.venue[")
    assert len(refused.stderr.splitlines()) == 1
    accepted = [text for text in every if "name" not in validate_record(m.Venue(bid_id=1, name=text))]
    result = preview(accepted)
    assert result.exit_code == 0, result.stderr
    assert "[/] [@click=app.quit] [main hall]" in result.stdout
    assert [text for text in accepted if not shows(result.stdout, text)] == []
