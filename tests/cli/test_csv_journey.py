"""The CSV journey through the real commands: speakers and budget lines out to CSV, edited as a spreadsheet user
edits them (Swedish decimal commas, a removal row, Excel's sep= line, a three-line biography, letters lost to
'?'), then in again with a preview and --yes; the database is read back with `planner list --json`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


def ok(result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    args = ["--db", str(tmp_path / "p.db")]
    ok(run(*args, "bid", "new", "--conference", "Generator", "--edition", "2012", "--city", "Gävle",
           "--deadline", "2011-11-30", "--start", "2012-05-03", "--end", "2012-05-04", "--attendance", "300"))
    return args


def listed(db, kind: str) -> list[dict]:
    return json.loads(ok(run(*db, "list", kind, "--json")))


def _read(path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    return rows[0], rows[1:]


def _write(path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    path.write_text("sep=;\r\n" + out.getvalue(), encoding="utf-8")  # what Excel writes: no BOM, a sep= line


def test_export_edit_and_import_speakers_and_budget_lines(db, tmp_path):
    ok(run(*db, "add", "speaker", "display_name=Łukasz Nowak", "email=lukasz@example.pl", "fee_minor=5000"))
    ok(run(*db, "add", "speaker", "display_name=Bo Berg", "email=bo@example.se"))
    ok(run(*db, "add", "budget_line", "kind=expense", "category=catering", "label=Lunch", "unit_minor=1000"))
    ok(run(*db, "add", "budget_line", "kind=expense", "category=catering", "label=Fika", "unit_minor=200"))
    speakers, budget = tmp_path / "speakers.csv", tmp_path / "budget.csv"
    ok(run(*db, "export", "csv", "--kind", "speakers", "--excel-sv", "-o", str(speakers)))
    ok(run(*db, "export", "csv", "--kind", "budget", "--excel-sv", "-o", str(budget)))

    # the budget: Lunch costs 1 500,50 now, Fika goes, Middag is new with an amount written the wrong way
    header, rows = _read(budget)
    line, amount = header.index("Line"), header.index("Unit amount")
    for row in rows:
        if row[line] == "Lunch":
            row[amount] = "1 500,50"
    marks = {"Fika": "ta bort"}
    rows = [[*row, marks.get(row[line], "")] for row in rows]
    middag = [""] * (len(header) + 1)
    for column, value in (("Income or expense", "Expense"), ("Category", "Catering"), ("Line", "Middag"),
                          ("Unit amount", "1.500"), ("Currency", "SEK")):
        middag[header.index(column)] = value
    _write(budget, [*header, "Åtgärd"], [*rows, middag])
    refused = run(*db, "import", "csv", str(budget), "--kind", "budget", "--dry-run")
    assert refused.exit_code == 2, refused.output
    assert "Middag" in refused.stdout and "1500 for the whole number" in refused.stdout
    middag[amount] = "3 000"
    _write(budget, [*header, "Åtgärd"], [*rows, middag])
    preview = run(*db, "import", "csv", str(budget), "--kind", "budget", "--dry-run")
    out = ok(preview)
    assert "SEK1,000.00 -> SEK1,500.50" in out and "100000" not in out and "150050" not in out
    assert "Fika" in out and "delete" in out and "1 new, 1 updated, 0 unchanged, 0 rejected; 1 deleted" in out
    ok(run(*db, "import", "csv", str(budget), "--kind", "budget", "--yes"))
    assert sorted((b["label"], b["unit_minor"]) for b in listed(db, "budget_line")) == [
        ("Lunch", 150_050), ("Middag", 300_000)]

    # the speakers, saved by an older Excel: Łukasz lost his Ł; Bo goes; Anna's biography has three lines
    header, rows = _read(speakers)
    name, fee, bio = header.index("Display name"), header.index("Fee"), header.index("Biography")
    for row in rows:
        if row[name] == "Łukasz Nowak":
            row[name], row[fee] = "?ukasz Nowak", "6 000,00"
    marks = {"Bo Berg": "delete"}
    rows = [[*row, marks.get(row[name], "")] for row in rows]
    anna = [""] * len(header) + [""]
    anna[name], anna[bio], anna[fee] = "Anna Lind", "Forskare.\nTalare.\nFörfattare.", "12.5"
    _write(speakers, [*header, "Action"], [*rows, anna])
    bad = run(*db, "import", "csv", str(speakers), "--kind", "speakers", "--dry-run")
    assert bad.exit_code == 2
    # Anna's row is the spreadsheet's row 4 (header 1, Łukasz 2, Bo 3), though her biography spans three lines
    assert any(" 4 " in line and "Anna Lind" in line for line in bad.stdout.splitlines()), bad.stdout
    anna[fee] = "12,50"
    _write(speakers, [*header, "Action"], [*rows, anna])
    piped = run(*db, "import", "csv", str(speakers), "--kind", "speakers")
    assert piped.exit_code == 2, piped.output
    assert "Display name: Łukasz Nowak -> ?ukasz Nowak" in piped.stdout
    assert "letters look lost to '?' in Display name" in piped.stdout
    assert "SEK5,000.00 -> SEK6,000.00" in piped.stdout
    assert "letters lost to '?'" in piped.stderr and "--yes" in piped.stderr and "Traceback" not in piped.output
    assert sorted(s["display_name"] for s in listed(db, "speaker")) == ["Bo Berg", "Łukasz Nowak"]
    ok(run(*db, "import", "csv", str(speakers), "--kind", "speakers", "--yes"))
    people = {s["display_name"]: s for s in listed(db, "speaker")}
    assert set(people) == {"?ukasz Nowak", "Anna Lind"}
    assert people["?ukasz Nowak"]["fee_minor"] == 600_000 and people["Anna Lind"]["fee_minor"] == 1250
    assert people["Anna Lind"]["bio"] == "Forskare.\nTalare.\nFörfattare."
