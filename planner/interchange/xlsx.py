"""The budget as an Excel workbook: a sheet per scenario, one for planned/committed/actual, one for funding,
one for the rates.

Amounts are real numbers in major units with a currency number format (never text), totals are formulas
over the cells above them (so a coordinator's edit in Excel recomputes), and header rows are frozen.
Number formats carry the workbook's language: a Swedish workbook's formats are tagged Swedish (`[$-41D]`),
so a spreadsheet that honours the tag (LibreOffice does) shows 1 234,50 whatever the computer's own setting.
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


# the language tag of a number format (a Windows locale id); English keeps the untagged formats it always had
LANGUAGE_TAGS = {"sv": "[$-41D]"}


def money_format(currency: str, lang: str = "en") -> str:
    """An Excel number format with the currency's decimals and code: '#,##0.00 "SEK"' (Swedish: tagged so)."""
    decimals = minor_exponent(currency)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    tag = LANGUAGE_TAGS.get(lang, "")
    return f'{tag}{pattern} "{currency}";{tag}-{pattern} "{currency}"'


def rate_format(lang: str = "en") -> str:
    return LANGUAGE_TAGS.get(lang, "") + "0.0000##"


def date_format(lang: str = "en") -> str:
    return LANGUAGE_TAGS.get(lang, "") + "yyyy-mm-dd"


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


@dataclass(frozen=True)
class FundingLine:
    """One commitment as the funding counts it (expected scenario), in the base currency."""

    partner: str
    kind: str  # shown as given (translated by the caller)
    cash: bool  # cash, or one of the in-kind kinds
    status: str
    bucket: str  # secured, pledged or prospect, translated
    amount: Decimal
    counted: Decimal  # what counts against the need (in kind capped at its line, unlinked in kind 0)
    line: str = ""  # the linked budget line's label
    counted_twice: str = ""  # the income line that looks like the same money, when one does
    confidential: bool = False


@dataclass
class FundingSheet:
    title: str
    lines: list[FundingLine]
    buckets: tuple[str, str, str]  # the translated secured, pledged, prospect (as in FundingLine.bucket)
    need: Decimal  # expenses less earned income, expected scenario


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
    funding: FundingSheet | None = None
    lang: str = "en"  # the language of the texts, and of the number formats


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
    money = money_format(sheet.currency, sheet.lang)
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
    if sheet.funding is not None:
        _funding_sheet(book.create_sheet(_sheet_title(sheet.funding.title, taken)), sheet.funding, h, money)
    ws = book.create_sheet(_sheet_title(sheet.rates_title, taken))
    _header(ws, [h["currency"], h["per_eur"], h["rate_date"], h["source"]], (10, 14, 14, 12))
    for rate in sheet.rates:
        ws.append([rate.currency, rate.per_eur, rate.on, rate.source])
        ws.cell(row=ws.max_row, column=2).number_format = rate_format(sheet.lang)
        ws.cell(row=ws.max_row, column=3).number_format = date_format(sheet.lang)
    book.properties.title = sheet.title
    book.properties.creator = "planner"
    return book


def _funding_sheet(ws, funding: FundingSheet, h: dict[str, str], money: str) -> None:
    """A row per commitment, then cash and in kind per status as SUMIFS over those rows, the need and the gap."""
    _header(ws, [h["partner"], h["commitment_kind"], h["cash_or_in_kind"], h["commitment_status"], h["bucket"],
                 h["amount"], h["counted"], h["linked_line"], h["counted_twice"], h["confidential"]],
            (30, 14, 12, 14, 14, 18, 18, 34, 34, 14))
    first = 2
    for line in funding.lines:
        ws.append([text_cell(line.partner), line.kind, h["cash"] if line.cash else h["in_kind"], line.status,
                   line.bucket, line.amount, line.counted, text_cell(line.line) or None,
                   text_cell(line.counted_twice) or None, h["confidential_mark"] if line.confidential else None])
        for column in (6, 7):
            ws.cell(row=ws.max_row, column=column).number_format = money
    last = max(ws.max_row, first)  # an empty range still makes valid formulas (they add up to 0)
    ws.append([])
    ws.append(["", "", "", "", h["bucket"], h["cash"], h["in_kind"], h["total"]])
    for column in range(5, 9):
        ws.cell(row=ws.max_row, column=column).font = BOLD
    counted, kinds, buckets = f"$G${first}:$G${last}", f"$C${first}:$C${last}", f"$E${first}:$E${last}"
    bucket_rows = []
    for bucket in funding.buckets:
        ws.append(["", "", "", "", bucket])
        row = ws.max_row
        for column, kind in (("F", h["cash"]), ("G", h["in_kind"])):
            ws[f"{column}{row}"] = f'=SUMIFS({counted},{buckets},$E{row},{kinds},"{_quote(kind)}")'
        ws[f"H{row}"] = f"=F{row}+G{row}"
        for column in "FGH":
            ws[f"{column}{row}"].number_format = money
        bucket_rows.append(row)
    ws.append([])
    ws.append(["", "", "", "", h["need"], None, None, funding.need])
    need_row = ws.max_row
    secured, pledged = bucket_rows[0], bucket_rows[1]
    ws.append(["", "", "", "", h["gap"], None, None, f"=MAX(H{need_row}-H{secured}-H{pledged},0)"])
    for row in (need_row, ws.max_row):
        ws.cell(row=row, column=5).font = BOLD
        ws.cell(row=row, column=8).font = BOLD
        ws.cell(row=row, column=8).number_format = money


def _quote(text: str) -> str:
    return text.replace('"', '""')


def write_workbook(sheet: BudgetSheet, path: Path) -> Path:
    book = build_workbook(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
