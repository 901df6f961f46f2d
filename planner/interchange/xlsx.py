"""The budget as an Excel workbook: a sheet per scenario, one for planned/committed/actual, one for the rates.

Amounts are real numbers in major units with a currency number format (never text), totals are formulas
over the cells above them (so a coordinator's edit in Excel recomputes), and header rows are frozen.
The caller hands in plain figures (see `BudgetSheet`); this module knows openpyxl, not the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner.domain.money import minor_exponent

BOLD = Font(bold=True)


def money_format(currency: str) -> str:
    """An Excel number format with the currency's decimals and code: '#,##0.00 "SEK"'."""
    decimals = minor_exponent(currency)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f'{pattern} "{currency}";-{pattern} "{currency}"'


def text_cell(value: str) -> str:
    """Text that Excel must not run as a formula stays text (openpyxl would store '=..' as a formula)."""
    return "'" + value if value.startswith("=") else value


@dataclass(frozen=True)
class ScenarioLine:
    kind: str  # shown as given (translated by the caller)
    category: str
    label: str
    basis: str
    count: int
    planned: Decimal  # base currency, major units
    rate_note: str = ""  # the exchange rates a converted line used, with their dates


@dataclass(frozen=True)
class ScenarioSheet:
    title: str
    attendance: int
    income: Sequence[ScenarioLine]
    expenses: Sequence[ScenarioLine]


@dataclass(frozen=True)
class StatusLine:
    kind: str
    category: str
    label: str
    planned: Decimal
    committed: Decimal
    actual: Decimal
    income: bool = False


@dataclass(frozen=True)
class RateLine:
    currency: str
    per_eur: Decimal
    on: date
    source: str


@dataclass
class BudgetSheet:
    """Everything the workbook shows, already computed and translated."""

    title: str
    currency: str
    headers: dict[str, str]  # key -> translated header text
    scenarios: list[ScenarioSheet]
    status_title: str
    status: list[StatusLine]
    rates_title: str
    rates: list[RateLine] = field(default_factory=list)


def _sheet_title(text: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _header(ws, values: Sequence[str], widths: Sequence[int]) -> None:
    ws.append(list(values))
    for index, width in enumerate(widths, start=1):
        ws.cell(row=1, column=index).font = BOLD
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _bold_money(ws, row: int, money: str) -> None:
    for column in range(3, 8):
        ws.cell(row=row, column=column).font = BOLD
    for column in range(4, 8):
        ws.cell(row=row, column=column).number_format = money


def build_workbook(sheet: BudgetSheet) -> Workbook:
    h = sheet.headers
    money = money_format(sheet.currency)
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for scenario in sheet.scenarios:
        ws = book.create_sheet(_sheet_title(scenario.title, taken))
        _header(ws, [h["kind"], h["category"], h["line"], h["basis"], h["count"], h["planned"], h["rate_note"]],
                (12, 22, 40, 20, 10, 18, 34))
        totals = {}
        for key, lines in (("income", scenario.income), ("expenses", scenario.expenses)):
            first = ws.max_row + 1
            for line in lines:
                ws.append([line.kind, line.category, text_cell(line.label), line.basis, line.count, line.planned,
                           line.rate_note or None])
                ws.cell(row=ws.max_row, column=6).number_format = money
            last = ws.max_row
            ws.append(["", "", h[f"total_{key}"], "", "", f"=SUM(F{first}:F{last})" if last >= first else 0])
            row = ws.max_row
            ws.cell(row=row, column=3).font = BOLD
            ws.cell(row=row, column=6).font = BOLD
            ws.cell(row=row, column=6).number_format = money
            totals[key] = row
            ws.append([])
        ws.append(["", "", h["result"], "", "", f"=F{totals['income']}-F{totals['expenses']}"])
        row = ws.max_row
        ws.cell(row=row, column=3).font = BOLD
        ws.cell(row=row, column=6).font = BOLD
        ws.cell(row=row, column=6).number_format = money
    ws = book.create_sheet(_sheet_title(sheet.status_title, taken))
    _header(ws, [h["kind"], h["category"], h["line"], h["planned"], h["committed"], h["actual"], h["remaining"]],
            (12, 22, 40, 18, 18, 18, 18))
    totals = {}
    for key, income in (("income", True), ("expenses", False)):
        first = ws.max_row + 1
        for line in (line for line in sheet.status if line.income == income):
            ws.append([line.kind, line.category, text_cell(line.label), line.planned, line.committed, line.actual])
            row = ws.max_row
            ws.cell(row=row, column=7, value=f"=D{row}-F{row}")
            for column in range(4, 8):
                ws.cell(row=row, column=column).number_format = money
        last = ws.max_row
        ws.append(["", "", h[f"total_{key}"]] + [f"=SUM({c}{first}:{c}{last})" if last >= first else 0
                                                  for c in "DEFG"])
        totals[key] = ws.max_row
        _bold_money(ws, ws.max_row, money)
        ws.append([])
    ws.append(["", "", h["result"]] + [f"={c}{totals['income']}-{c}{totals['expenses']}" for c in "DEF"])
    _bold_money(ws, ws.max_row, money)
    ws = book.create_sheet(_sheet_title(sheet.rates_title, taken))
    _header(ws, [h["currency"], h["per_eur"], h["rate_date"], h["source"]], (10, 14, 14, 12))
    for rate in sheet.rates:
        ws.append([rate.currency, rate.per_eur, rate.on, rate.source])
        ws.cell(row=ws.max_row, column=2).number_format = "0.0000##"
        ws.cell(row=ws.max_row, column=3).number_format = "yyyy-mm-dd"
    book.properties.title = sheet.title
    book.properties.creator = "planner"
    return book


def write_workbook(sheet: BudgetSheet, path: Path) -> Path:
    book = build_workbook(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
