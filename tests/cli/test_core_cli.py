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
