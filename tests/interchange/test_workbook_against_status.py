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
