"""The workspace commands through Typer's runner: bids, demo, db, JSON export/import, schema, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


@pytest.fixture
def dbarg(tmp_path):
    return ["--db", str(tmp_path / "p.db")]


def test_help_explains_the_program():
    result = run("--help")
    assert result.exit_code == 0
    for word in ("bids", "demo", "export", "import", "schema", "db"):
        assert word in result.output
    sv = run("--locale", "sv", "--help")
    assert "kandidatur" in sv.output.lower()


def test_demo_then_bids_shows_the_gavle_bid(dbarg):
    first = run(*dbarg, "demo")
    assert first.exit_code == 0, first.output
    assert "Loaded the demo bid" in first.output
    again = run(*dbarg, "demo")
    assert "already here" in again.output
    listing = run(*dbarg, "bids")
    assert "Generator 2012, Gävle" in listing.output
    assert "30 November 2011" in listing.output
    sv = run(*dbarg, "--locale", "sv", "bids")
    assert "30 november 2011" in sv.output and "Utkast" in sv.output


def test_bid_new_and_its_user_errors(dbarg):
    ok = run(*dbarg, "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken",
             "--deadline", "2013-01-31", "--attendance", "200", "--currency", "eur")
    assert ok.exit_code == 0, ok.output
    bad_date = run(*dbarg, "bid", "new", "--conference", "X", "--city", "Y", "--deadline", "2012-02-30")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output and "Traceback" not in bad_date.output
    bad_currency = run(*dbarg, "bid", "new", "--conference", "X", "--city", "Y", "--currency", "KRONOR")
    assert bad_currency.exit_code == 2 and "ISO 4217" in bad_currency.output
    negative = run(*dbarg, "bid", "new", "--conference", "X", "--city", "Y", "--attendance", "-5")
    assert negative.exit_code == 2 and "attendance" in negative.output.lower()
    assert run(*dbarg, "bids").output.count("Nordic Design Days") == 1


def test_bid_new_takes_the_scenarios_and_the_decision_date(dbarg):
    made = run(*dbarg, "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken", "--low", "120",
               "--attendance", "200", "--high", "260", "--decision-date", "2013-03-15")
    assert made.exit_code == 0, made.output
    shown = json.loads(run(*dbarg, "bid", "show", "--json").stdout)
    fields = shown["bid"]
    assert (fields["attendance_low"], fields["attendance_expected"], fields["attendance_high"]) == (120, 200, 260)
    assert fields["decision_date"] == "2013-03-15"
    wrong = run(*dbarg, "bid", "new", "--conference", "X", "--city", "Y", "--low", "300", "--attendance", "200")
    assert wrong.exit_code == 2 and "low <= expected <= high" in wrong.output and "Traceback" not in wrong.output
    assert run(*dbarg, "bids").output.count("Nordic Design Days") == 1


def test_export_import_export_is_identical_across_databases(tmp_path, dbarg):
    run(*dbarg, "demo")
    # a second database that already holds another bid, so the imported bid gets other ids
    other = ["--db", str(tmp_path / "other.db")]
    run(*other, "bid", "new", "--conference", "Earlier", "--city", "Falun")
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    assert run(*dbarg, "export", "json", "-o", str(first)).exit_code == 0
    imported = run(*other, "import", "json", str(first))
    assert imported.exit_code == 0, imported.output
    assert "bid 2" in imported.output
    assert run(*other, "export", "json", "--bid", "2", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["format"] == "planner.bid" and doc["version"] == 1
    assert len(doc["speaker"]) == 20 and len(doc["partner"]) == 15


@pytest.mark.postgres
def test_demo_round_trip_through_postgresql_is_identical(tmp_path, dbarg, pg_url):
    run(*dbarg, "demo")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run(*dbarg, "export", "json", "-o", str(first))
    imported = run("--db", pg_url, "import", "json", str(first))
    assert imported.exit_code == 0, imported.output
    assert run("--db", pg_url, "export", "json", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def _mutated(tmp_path, dbarg, change) -> str:
    run(*dbarg, "demo")
    path = tmp_path / "bid.json"
    run(*dbarg, "export", "json", "-o", str(path))
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("change, where", [
    (lambda d: d.__setitem__("format", "something.else"), "$.format"),
    (lambda d: d.__setitem__("version", 2), "$.version"),
    (lambda d: d["budget_line"][3].__setitem__("currency", "XYZ"), "$.budget_line[3].currency"),
    (lambda d: d["bid"].__setitem__("attendance_low", -10), "$.bid.attendance_low"),
    (lambda d: d["task_dependency"].append({"task_id": 1, "depends_on_id": 999}), "depends_on_id"),
    (lambda d: d["task_dependency"].append({"task_id": 1, "depends_on_id": 15}), "cycle"),
    (lambda d: d["venue"][0].__setitem__("nmae", "typo"), "$.venue[0]"),
    (lambda d: d["speaker"][0].__setitem__("fee_minor", 1.5), "$.speaker[0].fee_minor"),
])
def test_bad_bid_files_are_refused_with_the_path_and_nothing_changes(tmp_path, dbarg, change, where):
    path = _mutated(tmp_path, dbarg, change)
    before = run(*dbarg, "bids").output
    result = run(*dbarg, "import", "json", path)
    assert result.exit_code == 2, result.output
    assert where in result.output
    assert "Traceback" not in result.output
    assert run(*dbarg, "bids").output == before


def test_not_json_and_missing_file(tmp_path, dbarg):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "planner.bid", ', encoding="utf-8")
    result = run(*dbarg, "import", "json", str(broken))
    assert result.exit_code == 2 and "not valid JSON" in result.output
    missing = run(*dbarg, "import", "json", str(tmp_path / "nope.json"))
    assert missing.exit_code != 0 and "nope.json" in missing.output and "Traceback" not in missing.output


def test_schema_is_printed_and_validates_the_demo(tmp_path, dbarg):
    from jsonschema import Draft202012Validator

    result = run("schema")
    schema = json.loads(result.output)
    Draft202012Validator.check_schema(schema)
    run(*dbarg, "demo")
    path = tmp_path / "demo.json"
    run(*dbarg, "export", "json", "-o", str(path))
    Draft202012Validator(schema).validate(json.loads(path.read_text(encoding="utf-8")))


def test_db_current_and_upgrade(dbarg):
    run(*dbarg, "bids")
    current = run(*dbarg, "db", "current")
    from planner.store.migrations import head_revision

    assert current.exit_code == 0 and head_revision() in current.output
    assert run(*dbarg, "db", "upgrade").exit_code == 0


def test_not_a_database_is_one_line_error(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = run("--db", str(notes), "bids")
    assert result.exit_code == 1
    assert "not a planner database" in result.output and "Traceback" not in result.output
    assert notes.read_text() == "hello"


def test_terminal_ui_today_option_refuses_a_bad_date(dbarg):
    result = run(*dbarg, "--today", "2012-02-30")
    assert result.exit_code == 2 and "--today" in result.output and "YYYY-MM-DD" in result.output


def test_deleting_a_bid_archives_it_with_its_history_and_restore_brings_it_back(dbarg, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert run(*dbarg, "demo").exit_code == 0
    assert run(*dbarg, "bid", "new", "--conference", "Nordic Makers", "--city", "Sandviken").exit_code == 0
    assert run(*dbarg, "add", "--bid", "2", "venue", "name=Göransson Arena").exit_code == 0
    deleted = run(*dbarg, "bid", "delete", "2")
    assert deleted.exit_code == 0 and "planner bid restore 2" in deleted.stdout
    assert "Nordic Makers" not in run(*dbarg, "bids").stdout
    archived = run(*dbarg, "bids", "--archived").stdout
    assert "Nordic Makers" in archived and "Generator" not in archived
    log = run(*dbarg, "log", "--bid", "2").stdout
    assert "deleted (archived) bid 2" in log and "created venue" in log  # the history is kept
    again = run(*dbarg, "bid", "delete", "2")
    assert again.exit_code == 2 and "already deleted" in again.stderr and len(again.stderr.splitlines()) == 1
    restored = run(*dbarg, "bid", "restore", "2")
    assert restored.exit_code == 0 and "Restored bid 2: Nordic Makers, Sandviken" in restored.stdout
    assert "Nordic Makers" in run(*dbarg, "bids").stdout
    assert [v["name"] for v in json.loads(run(*dbarg, "list", "--bid", "2", "venue", "--json").stdout)] == [
        "Göransson Arena"]
    assert "restored bid 2" in run(*dbarg, "log", "--bid", "2").stdout
    twice = run(*dbarg, "bid", "restore", "2")
    assert twice.exit_code == 2 and "nothing to restore" in twice.stderr


def test_purging_a_bid_asks_and_removes_it_for_good(dbarg, monkeypatch):
    assert run(*dbarg, "demo").exit_code == 0
    assert run(*dbarg, "bid", "new", "--conference", "Nordic Makers", "--city", "Sandviken").exit_code == 0
    in_a_pipe = run(*dbarg, "bid", "delete", "2", "--purge")
    assert in_a_pipe.exit_code == 2 and "--yes" in in_a_pipe.stderr and len(in_a_pipe.stderr.splitlines()) == 1
    monkeypatch.setattr("planner.cli.records.can_ask", lambda: True)
    declined = run(*dbarg, "bid", "delete", "2", "--purge", input="n\n")
    assert declined.exit_code == 1 and "for good" in declined.stdout and "Nothing was removed" in declined.stdout
    assert "Nordic Makers" in run(*dbarg, "bids").stdout
    assert run(*dbarg, "bid", "delete", "2", "--purge", input="y\n").exit_code == 0
    assert "Nordic Makers" not in run(*dbarg, "bids").stdout + run(*dbarg, "bids", "--archived").stdout
    gone = run(*dbarg, "bid", "restore", "2")
    assert gone.exit_code == 1 and "There is no bid 2" in gone.stderr
    assert run(*dbarg, "bid", "delete", "1").exit_code == 0  # an archived bid can be purged too
    assert run(*dbarg, "bid", "delete", "1", "--purge", "--yes").exit_code == 0
    assert "No deleted bids" in run(*dbarg, "bids", "--archived").stdout


def test_an_archived_bid_is_not_the_one_commands_pick(dbarg):
    run(*dbarg, "demo")
    run(*dbarg, "bid", "new", "--conference", "Nordic Makers", "--city", "Sandviken")
    run(*dbarg, "bid", "delete", "2")
    assert json.loads(run(*dbarg, "bid", "show", "--json").stdout)["bid"]["conference"] == "Generator"
    run(*dbarg, "bid", "delete", "1")
    assert "Loaded the demo bid as bid 3" in run(*dbarg, "demo").stdout  # the archived demo is not "already here"
    listed = run(*dbarg, "bids").stdout
    assert "Nordic Makers" not in listed and "Generator" in listed
