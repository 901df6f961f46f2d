"""The workbook's "Planned, committed, actual" sheet held against `planner status --json`: committed and
actual as the status computes them (secured commitments are committed income), income and expenses apart, and
a result row; recalculated by LibreOffice where it is installed."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.cli.test_core_cli import run

SHEET = "Planned, committed, actual"


def minor(amount) -> Decimal:
    return Decimal(amount["minor"]) / 100


@pytest.fixture
def demo(tmp_path):
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    status = json.loads(run(*db, "status", "--json").output)["budget"]
    assert run(*db, "export", "xlsx", "-o", str(tmp_path / "budget.xlsx")).exit_code == 0
    return tmp_path / "budget.xlsx", status


def test_each_line_is_committed_and_actual_as_the_status_says(demo):
    path, status = demo
    rows = [r for r in load_workbook(path)[SHEET].iter_rows(values_only=True)][1:]
    lines = [r for r in rows if r[0] in ("Income", "Expense")]
    assert len(lines) == len(status["lines"])
    for row, line in zip(lines, status["lines"], strict=True):
        assert row[2].lstrip("'") == line["label"] or row[2] == line["label"]
        assert Decimal(str(row[3])) == minor(line["planned"]), line["label"]
        assert Decimal(str(row[4])) == minor(line["committed"]), line["label"]
        assert Decimal(str(row[5])) == minor(line["actual"]), line["label"]
    committed_income = sum(Decimal(str(r[4])) for r in lines if r[0] == "Income")
    assert committed_income > 0  # partners have signed: their secured commitments are committed income
    assert [r[0] for r in lines] == sorted((r[0] for r in lines), key=lambda k: k != "Income")  # income first


def _funding_rows(path, sheet="Funding"):
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    header, rest = rows[0], rows[1:]
    commitments = rest[:rest.index((None,) * len(header))]
    return header, commitments, rest[len(commitments):]


def test_the_funding_sheet_counts_as_the_status(demo, tmp_path):
    path, _budget = demo
    funding = json.loads(run("--db", str(tmp_path / "p.db"), "status", "--json").output)["funding"]
    header, commitments, totals = _funding_rows(path)
    assert header[:8] == ("Partner", "Commitment", "Cash or in kind", "Status", "Counted as", "Amount (SEK)",
                          "Counted against the need (SEK)", "Linked budget line")
    assert len(commitments) == 14  # the demo's commitments, declined ones too
    for kind, key in (("Cash", "cash"), ("In kind", "in_kind")):
        for bucket, part in (("Secured", "secured"), ("Pledged", "pledged"), ("Prospects", "prospects")):
            counted = sum(Decimal(str(r[6])) for r in commitments if r[2] == kind and r[4] == bucket)
            assert counted == minor(funding[key][part]), (kind, bucket)
    by_bucket = {r[4]: (totals.index(r) + 2 + len(commitments), r) for r in totals if r[4] in
                 ("Secured", "Pledged", "Prospects")}
    first, last = 2, len(commitments) + 1
    row, secured = by_bucket["Secured"]
    assert secured[5] == f'=SUMIFS($G${first}:$G${last},$E${first}:$E${last},$E{row},$C${first}:$C${last},"Cash")'
    need = next(r for r in totals if r[4] == "Funding need (expected)")
    assert Decimal(str(need[7])) == minor(funding["need"])
    gap = next(r for r in totals if r[4] == "Gap if every pledge holds")
    assert gap[7] == f"=MAX(H{row + 4}-H{row}-H{row + 1},0)"
    galaxy = next(r for r in commitments if r[0] == "The Galaxy of Postproduction")
    assert galaxy[9] == "confidential" and galaxy[7] == "Sponsorship, post-production network"
    assert sum(1 for r in commitments if r[9]) == 1  # only the confidential one is marked


def test_a_commitment_counted_twice_is_flagged_on_the_funding_sheet(tmp_path):
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "bid", "new", "--conference", "Nordic Makers", "--city", "Sandviken").exit_code == 0
    for args in (("budget_line", "kind=income", "category=sponsorship", "label=Sponsorship Sandvik AB",
                  "basis=fixed", "unit_minor=15000", "quantity=1"), ("partner", "name==Sandvik AB", "kind=company")):
        assert run(*db, "add", *args).exit_code == 0
    assert run(*db, "add", "commitment", "partner_id=1", "kind=cash", "status=signed",
               "amount_minor=15000").exit_code == 0
    assert run(*db, "export", "xlsx", "-o", str(tmp_path / "b.xlsx")).exit_code == 0
    _header, (row,), _totals = _funding_rows(tmp_path / "b.xlsx")
    assert row[0] == "'=Sandvik AB"  # a partner's name is text, never a formula
    assert row[8] == "maybe: the income line “Sponsorship Sandvik AB” looks like the same money"
    assert row[7] is None


def test_the_swedish_workbook_writes_numbers_and_notes_the_swedish_way(tmp_path):
    db = ["--db", str(tmp_path / "p.db"), "--locale", "sv"]
    assert run(*db, "demo").exit_code == 0
    assert run(*db, "export", "xlsx", "-o", str(tmp_path / "budget.xlsx")).exit_code == 0
    book = load_workbook(tmp_path / "budget.xlsx")
    assert book.sheetnames[3:] == ["Budget, bundet, utfall", "Finansiering", "Växelkurser"]
    expected = book["Förväntat (300)"]
    notes = [r[6] for r in expected.iter_rows(min_row=2, values_only=True) if r[6]]
    assert notes and all(n.startswith("SEK 11,5055 per EUR (") for n in notes)  # a decimal comma
    money = [c for c in expected["F"][1:] if isinstance(c.value, int | float)]
    assert money and {c.number_format for c in money} == {'[$-41D]#,##0.00 "SEK";[$-41D]-#,##0.00 "SEK"'}
    header, commitments, _totals = _funding_rows(tmp_path / "budget.xlsx", "Finansiering")
    assert header[2] == "Kontant eller in natura" and header[9] == "Konfidentiellt"
    assert {r[2] for r in commitments} == {"Kontant", "In natura"}
    rates = book["Växelkurser"]
    assert rates["B2"].number_format == "[$-41D]0.0000##" and rates["C2"].number_format == "[$-41D]yyyy-mm-dd"


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice (soffice) is not installed here, so the formulas cannot be recalculated")
def test_libreoffice_recalculates_the_totals_and_the_result_as_the_status(demo, tmp_path):
    path, status = demo
    office = shutil.which("soffice") or shutil.which("libreoffice")
    out = tmp_path / "recalculated"
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True,
                   timeout=180, capture_output=True)
    rows = list(load_workbook(out / path.name, data_only=True)[SHEET].iter_rows(values_only=True))
    by_label = {r[2]: r for r in rows if r[2] in ("Total income", "Total expenses", "Result")}
    income, expenses = by_label["Total income"], by_label["Total expenses"]
    assert Decimal(str(income[3])) == minor(status["total_income"])
    assert Decimal(str(expenses[3])) == minor(status["total_expenses"])
    assert Decimal(str(by_label["Result"][3])) == minor(status["result"])
    assert Decimal(str(income[4])) == sum(minor(line["committed"]) for line in status["lines"]
                                          if line["kind"] == "income")


def _recalculated(office: str, path, out):
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True,
                   timeout=180, capture_output=True)
    return load_workbook(out / path.name, data_only=True)


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice (soffice) is not installed here, so the formulas cannot be recalculated")
@pytest.mark.parametrize("locale", ["en", "sv"])
def test_libreoffice_recalculates_every_formula_and_the_funding_sheet_as_the_status(tmp_path, locale):
    """Every formula of every sheet gives a number in LibreOffice (no error, nothing empty), in both
    languages' workbooks, and the funding sheet's sums and gap are the status's."""
    db = ["--db", str(tmp_path / "p.db"), "--locale", locale]
    assert run(*db, "demo").exit_code == 0
    funding = json.loads(run(*db, "status", "--json").output)["funding"]
    path = tmp_path / "budget.xlsx"
    assert run(*db, "export", "xlsx", "-o", str(path)).exit_code == 0
    office = shutil.which("soffice") or shutil.which("libreoffice")
    values, written = _recalculated(office, path, tmp_path / "recalculated"), load_workbook(path)
    assert values.sheetnames == written.sheetnames
    formulas = 0
    for sheet in written.sheetnames:
        for cells, results in zip(written[sheet].iter_rows(), values[sheet].iter_rows(), strict=True):
            for cell, result in zip(cells, results, strict=True):
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    formulas += 1
                    assert isinstance(result.value, int | float), (sheet, cell.coordinate, cell.value, result.value)
    assert formulas > 50
    funding_sheet = values.sheetnames[4]
    rows = list(values[funding_sheet].iter_rows(values_only=True))
    blank = rows.index((None,) * len(rows[0]))
    totals = rows[blank:]
    buckets = {"en": ("Secured", "Pledged", "Prospects"), "sv": ("Säkrat", "Utlovat", "Möjliga")}[locale]
    found = {r[4]: r for r in totals if r[4] in buckets}
    assert len(found) == 3, totals
    for bucket, part in zip(buckets, ("secured", "pledged", "prospects"), strict=True):
        cash, in_kind = found[bucket][5], found[bucket][6]
        assert Decimal(str(cash)) == minor(funding["cash"][part]), bucket
        assert Decimal(str(in_kind)) == minor(funding["in_kind"][part]), bucket
    gap = totals[-1]
    assert Decimal(str(gap[7])).quantize(Decimal("0.01")) == minor(funding["gap"])

