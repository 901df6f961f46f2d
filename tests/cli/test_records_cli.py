"""`planner list|add|set|delete KIND`, `planner link` and `planner bid show|set|status` through Typer's runner.

Every mistake (an unknown kind or field, a bad amount or date, a missing or stale id) is one line on stderr
naming what was wrong and what to write, never a traceback; what is typed is stored and listed literally.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale

CLI = Path(__file__).resolve().parents[2] / "planner" / "cli"


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


def one_line_error(result, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def ok(result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A database with one bid (the default criteria come with it)."""
    monkeypatch.setenv("COLUMNS", "200")
    args = ["--db", str(tmp_path / "p.db")]
    ok(run(*args, "bid", "new", "--conference", "Generator", "--edition", "2012", "--city", "Gävle",
           "--deadline", "2011-11-30", "--start", "2012-05-03", "--end", "2012-05-04", "--attendance", "300"))
    return args


def listed(db, kind: str, *more: str) -> list[dict]:
    return json.loads(ok(run(*db, "list", kind, "--json", *more)))


def test_add_prints_the_new_id_and_list_shows_the_record(db):
    out = ok(run(*db, "add", "venue", "name=Konserthuset", "cost_minor=45000,50", "status=option_held",
                 "option_until=2011-12-01"))
    venue = out.strip()
    assert venue.isdigit()
    [row] = listed(db, "venue")
    assert row["id"] == int(venue) and row["name"] == "Konserthuset" and row["status"] == "option_held"
    assert row["cost_minor"] == 4500050 and row["currency"] == "SEK" and row["option_until"] == "2011-12-01"
    table = ok(run(*db, "list", "venue"))
    assert "Konserthuset" in table and "option_held" in table and "SEK45,000.50" in table
    assert ok(run(*db, "add", "venue", "name=Läkerol Arena", "cost_minor=1 234.5")).strip() != venue
    assert [v["cost_minor"] for v in listed(db, "venue")] == [4500050, 123450]


def test_add_json_and_a_child_record_and_a_two_part_key(db):
    venue = json.loads(ok(run(*db, "add", "venue", "name=Konserthuset", "--json")))
    assert venue["name"] == "Konserthuset" and venue["version"] == 1
    room = ok(run(*db, "add", "room", f"venue_id={venue['id']}", "name=Stora salen", "kind=plenary",
                  "capacity_theatre=500")).strip()
    option = ok(run(*db, "add", "date_option", "start_date=2012-05-03", "end_date=2012-05-04",
                    "preferred=yes")).strip()
    key = ok(run(*db, "add", "venue_availability", f"venue_id={venue['id']}", f"date_option_id={option}",
                 "available=no")).strip()
    assert key == f"{venue['id']},{option}"
    assert listed(db, "room")[0]["id"] == int(room)
    ok(run(*db, "set", "venue_availability", key, "available=yes"))
    assert listed(db, "venue_availability")[0]["available"] is True
    criterion = listed(db, "criterion")[0]["id"]
    score = ok(run(*db, "add", "venue_score", f"venue_id={venue['id']}", f"criterion_id={criterion}",
                   "score=8")).strip()
    line = one_line_error(run(*db, "set", "venue_score", str(venue["id"]), "score=3"))
    assert "ID" in line and "3,7" in line
    line = one_line_error(run(*db, "add", "venue_score", f"venue_id={venue['id']}", f"criterion_id={criterion}",
                              "score=11"))
    assert "score" in line
    ok(run(*db, "set", "venue_score", score, "score=9"))
    assert listed(db, "venue_score")[0]["score"] == 9


def test_set_changes_fields_and_says_when_nothing_changed(db):
    venue = ok(run(*db, "add", "venue", "name=Konserthuset")).strip()
    assert "Saved venue" in ok(run(*db, "set", "venue", venue, "city=Gävle", "cost_minor=1000"))
    assert "nothing changed" in ok(run(*db, "set", "venue", venue, "city=  Gävle "))  # one line: stripped
    [row] = listed(db, "venue")
    assert row["city"] == "Gävle" and row["cost_minor"] == 100000 and row["version"] == 2
    ok(run(*db, "set", "venue", venue, "option_until=2012-01-15"))
    ok(run(*db, "set", "venue", venue, "option_until="))  # an empty value clears a field
    assert listed(db, "venue")[0]["option_until"] is None


def test_amounts_are_read_in_the_records_currency_with_either_decimal_mark(db):
    ok(run(*db, "add", "speaker", "display_name=Ada", "fee_minor=1500,25", "fee_currency=eur",
           "travel_minor=300"))
    [ada] = listed(db, "speaker")
    assert (ada["fee_minor"], ada["fee_currency"], ada["travel_minor"], ada["travel_currency"]) == \
        (150025, "EUR", 30000, "SEK")
    ok(run(*db, "add", "speaker", "display_name=Ken", "fee_currency=JPY", "fee_minor=5000"))
    assert listed(db, "speaker")[1]["fee_minor"] == 5000  # the yen has no minor unit
    line = one_line_error(run(*db, "add", "speaker", "display_name=Yu", "fee_currency=JPY", "fee_minor=50.5"))
    assert "fee_minor" in line and "JPY" in line
    ok(run(*db, "--locale", "sv", "add", "venue", "name=X", "cost_minor=1.234,5"))
    assert listed(db, "venue")[0]["cost_minor"] == 123450


@pytest.mark.parametrize("args, names", [
    (["list", "venu"], ["KIND", "venu", "venue, room, date_option"]),
    (["add", "venues", "name=X"], ["KIND", "budget_line"]),
    (["add", "bid", "conference=X"], ["KIND"]),
    (["add", "venue", "nam=X"], ["nam", "name, address"]),
    (["add", "venue", "name"], ["FIELD=VALUE", "name=Konserthuset"]),
    (["add", "venue", "name=X", "name=Y"], ["twice"]),
    (["add", "venue"], ["name", "name=…"]),
    (["add", "venue", "name=X", "cost_minor=12,5O"], ["cost_minor", "1234.50 or 1234,50"]),
    (["add", "venue", "name=X", "cost_minor=1.005"], ["cost_minor", "SEK"]),
    (["add", "venue", "name=X", "cost_minor=1e9999"], ["cost_minor"]),
    (["add", "venue", "name=X", "option_until=2012-02-30"], ["option_until", "YYYY-MM-DD"]),
    (["add", "venue", "name=X", "option_until=20120101"], ["option_until", "YYYY-MM-DD"]),
    (["add", "venue", "name=X", "status=maybe"], ["status", "candidate, option_held"]),
    (["add", "venue", "name=X", "currency=KRONOR"], ["currency", "ISO 4217"]),
    (["add", "venue", "name=X", "distance_centre_m=far"], ["distance_centre_m", "whole number"]),
    (["add", "date_option", "start_date=2012-05-03", "end_date=2012-05-01"], ["end_date"]),
    (["add", "date_option", "start_date=2012-05-03", "preferred=perhaps"], ["preferred", "yes or no"]),
    (["add", "programme_session", "title=T", "day=2012-05-03", "start_time=9", "end_time=10:00"],
     ["start_time", "HH:MM"]),
    (["add", "venue", "name=X", "bid_id=2"], ["bid_id", "--bid"]),
    (["add", "venue", "name=X", "version=7"], ["version"]),
    (["add", "room", "venue_id=99", "name=R"], ["venue_id", "99", "planner list venue"]),
    (["add", "bid_text", "key=motivation", "locale=de"], ["locale", "sv or en"]),
    (["set", "venue", "abc", "name=X"], ["ID", "abc"]),
    (["set", "venue", "1"], ["FIELD=VALUE"]),
    (["list", "venue", "--fields", "name,nope"], ["--fields", "nope"]),
])
def test_each_mistake_is_one_line_naming_the_field(db, args, names):
    line = one_line_error(run(*db, *args))
    for name in names:
        assert name in line, line


def test_a_missing_or_stale_id_is_refused_saying_so(db):
    line = one_line_error(run(*db, "set", "venue", "99", "name=X"), exit_code=1)
    assert "venue 99" in line and "planner list venue" in line
    one_line_error(run(*db, "delete", "venue", "99", "--yes"), exit_code=1)
    venue = ok(run(*db, "add", "venue", "name=Konserthuset")).strip()
    ok(run(*db, "set", "venue", venue, "city=Gävle", "--if-version", "1"))
    line = one_line_error(run(*db, "set", "venue", venue, "city=Sandviken", "--if-version", "1"), exit_code=1)
    assert "tester" in line and "not saved" in line
    assert listed(db, "venue")[0]["city"] == "Gävle"
    one_line_error(run(*db, "delete", "venue", venue, "--yes", "--if-version", "1"), exit_code=1)
    ok(run(*db, "delete", "venue", venue, "--yes"))
    line = one_line_error(run(*db, "set", "venue", venue, "name=X"), exit_code=1)
    assert f"venue {venue}" in line


def test_references_must_be_records_of_the_same_bid(db):
    ok(run(*db, "bid", "new", "--conference", "Other", "--city", "Falun"))
    other_venue = ok(run(*db, "add", "venue", "name=Elsewhere", "--bid", "2")).strip()
    line = one_line_error(run(*db, "add", "room", f"venue_id={other_venue}", "name=R", "--bid", "1"))
    assert "venue_id" in line and "bid 1" in line
    assert listed(db, "venue", "--bid", "1") == []
    assert [v["name"] for v in listed(db, "venue", "--bid", "2")] == ["Elsewhere"]


def test_delete_asks_on_a_terminal_refuses_in_a_pipe_and_names_what_goes_with_it(db, monkeypatch):
    venue = ok(run(*db, "add", "venue", "name=Konserthuset")).strip()
    ok(run(*db, "add", "room", f"venue_id={venue}", "name=A"))
    ok(run(*db, "add", "room", f"venue_id={venue}", "name=B"))
    line = one_line_error(run(*db, "delete", "venue", venue))
    assert "--yes" in line
    assert len(listed(db, "venue")) == 1
    monkeypatch.setattr("planner.cli.records.can_ask", lambda: True)
    asked = run(*db, "delete", "venue", venue, input="n\n")
    assert asked.exit_code == 1 and "room: 2" in asked.stdout and "Konserthuset" in asked.stdout
    assert len(listed(db, "room")) == 2
    done = run(*db, "delete", "venue", venue, input="y\n")
    assert done.exit_code == 0 and "Deleted venue" in done.stdout and "room: 2" in done.stdout
    assert listed(db, "venue") == [] and listed(db, "room") == []


def test_deleting_a_partner_with_commitments_says_they_go_too(db):
    partner = ok(run(*db, "add", "partner", "name=Gävle kommun", "kind=municipality")).strip()
    ok(run(*db, "add", "commitment", f"partner_id={partner}", "amount_minor=100000", "status=signed"))
    out = ok(run(*db, "delete", "partner", partner, "--yes"))
    assert "commitment: 1" in out
    assert listed(db, "commitment") == []


def test_links_tasks_sessions_and_commitments(db):
    first = ok(run(*db, "add", "task", "title=Book the venue", "due_date=2011-10-01")).strip()
    second = ok(run(*db, "add", "task", "title=Site visit", "due_date=2011-10-15")).strip()
    third = ok(run(*db, "add", "task", "title=Submit", "anchor=bid_deadline", "offset_days=-1")).strip()
    ok(run(*db, "link", "task", third, "--after", first, "--after", second))
    assert listed(db, "task")[2]["depends_on"] == [int(first), int(second)]
    line = one_line_error(run(*db, "link", "task", first, "--after", third))
    assert "circle" in line and "Submit" in line
    ok(run(*db, "link", "task", third, "--after", first, "--remove"))
    assert listed(db, "task")[2]["depends_on"] == [int(second)]
    assert "depends_on" in ok(run(*db, "list", "task"))

    speaker = ok(run(*db, "add", "speaker", "display_name=Ada Lovelace")).strip()
    session = ok(run(*db, "add", "programme_session", "title=Keynote", "kind=keynote", "day=2012-05-03",
                     "start_time=09:00", "end_time=10:00")).strip()
    ok(run(*db, "link", "session", session, "--speaker", speaker))
    [row] = listed(db, "programme_session")
    assert row["speakers"] == [int(speaker)] and row["start_time"] == "09:00:00"
    line = one_line_error(run(*db, "link", "session", session, "--speaker", "99"))
    assert "speaker 99" in line

    partner = ok(run(*db, "add", "partner", "name=Sandvik AB", "kind=company")).strip()
    commitment = ok(run(*db, "add", "commitment", f"partner_id={partner}", "amount_minor=50000")).strip()
    budget = ok(run(*db, "add", "budget_line", "kind=income", "category=sponsorship", "label=Sponsors",
                    "unit_minor=50000")).strip()
    ok(run(*db, "link", "commitment", commitment, "--line", budget))
    assert listed(db, "commitment")[0]["budget_line_id"] == int(budget)
    ok(run(*db, "link", "commitment", commitment, "--remove"))
    assert listed(db, "commitment")[0]["budget_line_id"] is None
    one_line_error(run(*db, "link", "commitment", commitment))


def test_bid_show_and_set(db):
    out = ok(run(*db, "bid", "show"))
    assert "Generator 2012, Gävle" in out and "attendance_expected" in out and "2011-11-30" in out
    ok(run(*db, "bid", "set", "attendance_low=200", "attendance_high=400", "decision_date=2011-12-15",
           "spend_per_delegate_day_minor=3200,50", "host_region=Gävleborg"))
    bid = json.loads(ok(run(*db, "bid", "show", "--json")))["bid"]
    assert (bid["attendance_low"], bid["attendance_expected"], bid["attendance_high"]) == (200, 300, 400)
    assert bid["decision_date"] == "2011-12-15" and bid["spend_per_delegate_day_minor"] == 320050
    ok(run(*db, "bid", "set", "event_end=2012-05-05"))
    assert json.loads(ok(run(*db, "bid", "show", "--json")))["bid"]["event_days"] == 3
    assert "nothing changed" in ok(run(*db, "bid", "set", "host_region=Gävleborg"))
    line = one_line_error(run(*db, "bid", "set", "attendance_low=500"))
    assert "low <= expected <= high" in line
    assert "bid status" in one_line_error(run(*db, "bid", "set", "status=won"))
    assert "decision_date" in one_line_error(run(*db, "bid", "set", "decision_date=15/12/2011"))
    assert "nope" in one_line_error(run(*db, "bid", "set", "nope=1"))


def test_bid_status_follows_the_lifecycle_and_keeps_its_history(db):
    assert "Submitted" in ok(run(*db, "bid", "status", "submitted", "--on", "2011-11-29", "--note",
                                 "Sent by courier"))
    line = one_line_error(run(*db, "bid", "status", "draft"))
    assert "shortlisted" in line and "--correct" in line
    assert "already" in one_line_error(run(*db, "bid", "status", "submitted"))
    assert "withdrawn" in one_line_error(run(*db, "bid", "status", "maybe"))
    assert "YYYY-MM-DD" in one_line_error(run(*db, "bid", "status", "shortlisted", "--on", "2012-13-01"))
    ok(run(*db, "bid", "status", "shortlisted", "--on", "2011-12-10"))
    ok(run(*db, "bid", "status", "won", "--on", "2011-12-15", "--note", "[bold]Hurra![/]"))
    assert "decided" in one_line_error(run(*db, "bid", "status", "lost"))
    ok(run(*db, "bid", "status", "lost", "--correct", "--on", "2011-12-16"))
    doc = json.loads(ok(run(*db, "bid", "show", "--json")))
    assert doc["bid"]["status"] == "lost"
    assert [(h["from"], h["to"], h["date"]) for h in doc["status_history"]] == [
        ("draft", "submitted", "2011-11-29"), ("submitted", "shortlisted", "2011-12-10"),
        ("shortlisted", "won", "2011-12-15"), ("won", "lost", "2011-12-16")]
    assert doc["status_history"][0]["note"] == "Sent by courier" and doc["status_history"][3]["correction"]
    shown = ok(run(*db, "bid", "show"))
    assert "Status history" in shown and "29 November 2011" in shown and "[bold]Hurra![/]" in shown
    log = ok(run(*db, "log", "--json"))
    assert '"action": "status"' in log


def test_hostile_text_is_refused_or_stored_and_listed_literally(db):
    """The strings of terminal.json: those with a control character are refused with one line (no ESC
    reaches the terminal); markup and the rest are stored as typed and listed as typed."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    strings = [e["text"] for e in json.loads((fixtures / "terminal.json").read_text("utf-8"))["strings"]]
    strings += json.loads((fixtures / "blns.json").read_text("utf-8"))[::16]
    stored, refused = [], 0
    fits = list(dict.fromkeys(s.strip() for s in strings if s.strip() and len(s) <= 120))  # one-line: stripped
    kept = [s for s in fits if not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E
                                      or 0x2066 <= ord(c) <= 0x2069 or 0xD800 <= ord(c) <= 0xDFFF for c in s)]
    for text in fits:
        if text in kept:
            continue
        result = run(*db, "add", "venue", f"name={text}")
        one_line_error(result)
        assert "\x1b" not in result.output and "\x9b" not in result.output
        refused += 1
    # the rest four at a time, in four one-line fields of a venue
    columns = ("name", "address", "cost_note", "contact_name")
    for i in range(0, len(kept), len(columns)):
        batch = kept[i:i + len(columns)]
        result = run(*db, "add", "venue", *[f"{c}={t}" for c, t in zip(columns, batch, strict=False)])
        assert result.exit_code == 0, (batch, result.stderr)
        stored += batch
    assert refused >= 10 and len(stored) >= 40
    rows = listed(db, "venue")
    got = [row[c] for row in rows for c in columns][:len(stored)]
    assert got == stored
    table = run(*db, "list", "venue", "--fields", "id,name")
    assert table.exit_code == 0 and "\x1b" not in table.output
    for row in rows:
        assert row["name"] in table.stdout
    assert "[@click=app.quit]Quit on click[/]" in table.stdout and "[bold red]Styled[/]" in table.stdout


def test_help_of_each_command(db):
    for args, words in [(["list"], "KIND"), (["add"], "FIELD=VALUE"), (["set"], "--if-version"),
                        (["delete"], "--yes"), (["link", "task"], "--after"), (["link", "session"], "--speaker"),
                        (["link", "commitment"], "--line"), (["bid", "show"], "--json"),
                        (["bid", "set"], "FIELD=VALUE"), (["bid", "status"], "--note")]:
        result = run(*args, "--help")
        assert result.exit_code == 0 and words in result.stdout, args
    sv = run("--locale", "sv", "add", "--help")
    assert sv.exit_code == 0 and "Lägg till" in sv.stdout


def test_the_new_command_modules_import_no_store_and_no_database_library():
    for name in ("records.py", "texts.py"):
        tree = ast.parse((CLI / name).read_text("utf-8"))
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m and m.split(".")[0] in ("sqlalchemy", "sqlmodel")], name
        assert not [m for m in imported if m and m.startswith("planner.store")], name


def test_a_name_another_record_of_the_bid_has_is_refused_as_bad_input(db):
    first = ok(run(*db, "add", "partner", "name=Sandvik AB", "kind=company")).strip()
    line = one_line_error(run(*db, "add", "partner", "name=Sandvik AB", "kind=region"))
    assert "name" in line and "'Sandvik AB'" in line and "choose another" in line
    second = ok(run(*db, "add", "partner", "name=Movexum", "kind=incubator")).strip()
    line = one_line_error(run(*db, "set", "partner", second, "name=Sandvik AB"))
    assert "'Sandvik AB'" in line
    ok(run(*db, "set", "partner", first, "name=Sandvik AB", "kind=region"))  # its own name is no clash
    assert sorted(p["name"] for p in listed(db, "partner")) == ["Movexum", "Sandvik AB"]
    ok(run(*db, "add", "bid_text", "key=motivation", "locale=sv", "body=Gävle"))
    assert "'motivation', 'sv'" in one_line_error(run(*db, "add", "bid_text", "key=motivation", "locale=sv"))


def test_set_takes_a_translation_and_list_shows_it(db):
    task = ok(run(*db, "add", "task", "title=Book the hall", "due_date=2011-11-01")).strip()
    ok(run(*db, "set", "task", task, "title.sv=Boka salen"))
    [row] = listed(db, "task")
    assert row["title"] == "Book the hall" and row["translations"] == {"title": {"sv": "Boka salen"}}
    ok(run(*db, "set", "task", task, "title.sv="))  # an empty translation removes it
    assert listed(db, "task")[0]["translations"] == {}
    assert "owner" in one_line_error(run(*db, "set", "task", task, "owner.sv=Anna"))
    assert "title.de" in one_line_error(run(*db, "set", "task", task, "title.de=x"))
