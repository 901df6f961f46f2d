"""Exports of a bid for organisers and partners: CSV per record type, the budget workbook, the timeline calendar.

Rows come from the workspace; budget figures from the planning service (the budget engine with the stored
rates), so the workbook shows the same numbers as every other view.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.domain import budget as B
from planner.domain.enums import CommitmentKind, CommitmentStatus, LineKind, Scenario, TaskKind, TaskStatus
from planner.domain.funding import BUCKETS as FU_BUCKETS
from planner.domain.fx import Rate
from planner.domain.money import Money
from planner.i18n import _, get_locale
from planner.i18n.format import format_fixed
from planner.i18n.labels import label
from planner.interchange import csvio, ics, xlsx
from planner.interchange import messages as M
from planner.interchange.csvio import STANDARD, CsvDialect
from planner.interchange.tables import (
    BOOL,
    DATE,
    DECIMAL,
    ENUM,
    ID,
    INT,
    MOMENT,
    MONEY,
    PARTNER,
    REFERENCE,
    TIME,
    Kind,
)
from planner.services.csvkinds import csv_kind, kind_names
from planner.services.errors import PlannerError
from planner.services.files import check_target, not_written, write_private
from planner.services.workspace import BidBundle, Workspace, get_bid, load_bundle
from planner.store import models as m

ORDER = ("venues", "budget", "speakers", "partners", "commitments", "timeline")  # the kinds a folder export
# writes first; then every other kind of record (rooms, date options, sessions ...), see csvkinds


def _records(bundle: BidBundle, kind: Kind) -> list:
    return bundle.rows(getattr(m, kind.model_name))


def _cell(kind: Kind, column, record, partners: dict[int, str]) -> Any:
    value = getattr(record, column.attr, None)
    if column.type == ID:
        return record.id
    if column.type == MONEY:
        currency = getattr(record, kind.column(column.currency_key).attr)
        return None if value is None else Money(int(value), currency).to_decimal()
    if column.type == PARTNER:
        return partners.get(value, "")
    if column.type == ENUM:
        return label(value)  # the user's word; imports read it back in either language
    if column.type in (DATE, BOOL, INT, REFERENCE, DECIMAL):
        return value
    if column.type == TIME:
        return None if value is None else value.strftime("%H:%M" if not value.second else "%H:%M:%S")
    if column.type == MOMENT:
        return None if value is None else value.isoformat(timespec="seconds")
    return "" if value is None else str(value)


def table_rows(bundle: BidBundle, kind_key: str) -> tuple[list[str], list[list[Any]]]:
    """The header (in the current language) and rows of one record type of a bid."""
    kind = csv_kind(kind_key, exporting=True)
    partners = {p.id: p.name for p in bundle.partners}
    header = [_(c.label) for c in kind.columns]
    rows = [[_cell(kind, c, record, partners) for c in kind.columns] for record in _records(bundle, kind)]
    return header, rows


def all_kinds() -> list[str]:
    return [*ORDER, *(k for k in kind_names() if k not in ORDER)]


def csv_bytes(ws: Workspace, bid_id: int, kind_key: str, dialect: CsvDialect = STANDARD) -> bytes:
    csv_kind(kind_key, exporting=True)
    header, rows = table_rows(load_bundle(ws, bid_id), kind_key)
    return csvio.to_csv_bytes(header, rows, dialect)


def export_csv(ws: Workspace, bid_id: int, path: Path, *, kind: str | None = None,
               dialect: CsvDialect = STANDARD, overwrite: bool = False) -> list[Path]:
    """One kind into the file `path`, or every kind into the folder `path` (venues.csv, budget.csv, room.csv ...).

    Existing files are replaced only with `overwrite`; every target is checked before the first is written.
    """
    bundle = load_bundle(ws, bid_id)
    kinds = [csv_kind(kind, exporting=True).key] if kind else all_kinds()
    protected = ws.protected_files()
    targets = {key: path if kind else path / f"{key}.csv" for key in kinds}
    for target in targets.values():
        check_target(target, overwrite=overwrite, protected=protected)
    written = []
    for key, target in targets.items():
        header, rows = table_rows(bundle, key)
        written.append(write_private(target, csvio.to_csv_bytes(header, rows, dialect), overwrite=overwrite,
                                     protected=protected))
    return written


# --- the budget ----------------------------------------------------------------------------------------------


def _label(value: Any) -> str:
    return label(value)


def budget_sheet(ws: Workspace, bid_id: int, rate_date: date | None = None) -> xlsx.BudgetSheet:
    """The workbook's figures from the planning service, the one source of budget numbers."""
    from planner.services.planning import Planning

    plan = Planning.load(ws, bid_id, on=rate_date)
    bundle, report = plan.bundle, plan.budget
    currency = report.currency
    sheets = []
    for scenario in Scenario:
        result = report[scenario]

        def line(r: B.LineResult) -> xlsx.ScenarioLine:
            return xlsx.ScenarioLine(_label(r.kind), _label(r.category), r.label, _label(r.basis), r.count,
                                     r.planned.to_decimal(), rate_note(r.rates))

        sheets.append(xlsx.ScenarioSheet(
            _(M.SCENARIO_SHEET).format(scenario=label(scenario), attendance=result.attendance),
            result.attendance,
            [line(r) for r in result.lines if LineKind(r.kind) == LineKind.INCOME],
            [line(r) for r in result.lines if LineKind(r.kind) == LineKind.EXPENSE],
        ))
    # planned, committed and actual as the status computes them (secured commitments count as committed
    # income, paid ones as actual), so the sheet and `planner status` agree
    status = [xlsx.StatusLine(_label(r.kind), _label(r.category), r.label, r.planned.to_decimal(),
                              r.committed.to_decimal(), r.actual.to_decimal(), LineKind(r.kind) == LineKind.INCOME)
              for r in plan.status(Scenario.EXPECTED).lines]
    headers = {
        "kind": _(M.XLSX_KIND), "category": _(M.XLSX_CATEGORY), "line": _(M.XLSX_LINE), "basis": _(M.XLSX_BASIS),
        "count": _(M.XLSX_COUNT), "planned": _(M.XLSX_PLANNED).format(currency=currency),
        "committed": _(M.XLSX_COMMITTED).format(currency=currency),
        "actual": _(M.XLSX_ACTUAL).format(currency=currency),
        "remaining": _(M.XLSX_REMAINING).format(currency=currency),
        "total_income": _(M.XLSX_TOTAL_INCOME), "total_expenses": _(M.XLSX_TOTAL_EXPENSES),
        "result": _(M.XLSX_RESULT), "total": _(M.XLSX_TOTAL), "currency": _(M.XLSX_CURRENCY),
        "per_eur": _(M.XLSX_PER_EUR), "rate_date": _(M.XLSX_RATE_DATE), "source": _(M.XLSX_SOURCE),
        "rate_note": _(M.XLSX_RATE_COLUMN),
    }
    headers.update({
        "partner": _(M.XLSX_PARTNER), "commitment_kind": _(M.XLSX_COMMITMENT_KIND),
        "cash_or_in_kind": _(M.XLSX_CASH_OR_IN_KIND), "commitment_status": _(M.XLSX_COMMITMENT_STATUS),
        "bucket": _(M.XLSX_BUCKET), "amount": _(M.XLSX_AMOUNT).format(currency=currency),
        "counted": _(M.XLSX_COUNTED).format(currency=currency), "linked_line": _(M.XLSX_LINKED_LINE),
        "counted_twice": _(M.XLSX_COUNTED_TWICE), "confidential": _(M.XLSX_CONFIDENTIAL),
        "confidential_mark": _(M.XLSX_CONFIDENTIAL_MARK), "cash": _(M.XLSX_CASH), "in_kind": _(M.XLSX_IN_KIND),
        "need": _(M.XLSX_NEED), "gap": _(M.XLSX_GAP),
    })
    used: list[Rate] = list(report.rates_used)
    return xlsx.BudgetSheet(
        title=bundle.bid.title, currency=currency, headers=headers, scenarios=sheets,
        status_title=_(M.XLSX_STATUS_SHEET), status=status, rates_title=_(M.XLSX_RATES_SHEET),
        rates=[xlsx.RateLine(r.currency, Decimal(r.per_eur), r.on, label(r.source)) for r in used],
        funding=funding_sheet(plan), lang=get_locale(),
    )


BUCKET_NAMES = {B.FUNDING_SECURED: M.XLSX_SECURED, B.FUNDING_PLEDGED: M.XLSX_PLEDGED,
                B.FUNDING_PROSPECT: M.XLSX_PROSPECTS}


def funding_sheet(plan) -> xlsx.FundingSheet:
    """Every commitment as the funding counts it (the expected scenario), as `planner status` does."""
    bundle = plan.bundle
    rows = {c.id: c for c in bundle.commitments}
    lines = {x.id: x.label for x in bundle.budget_lines}
    twice = {flag.commitment_id: flag.line_label for flag in plan.counted_twice}
    out = []
    for c in plan.funding.commitments:
        row = rows.get(c.commitment_id)
        out.append(xlsx.FundingLine(
            c.partner, label(CommitmentKind(c.kind)), CommitmentKind(c.kind) == CommitmentKind.CASH,
            label(CommitmentStatus(c.status)), _(BUCKET_NAMES[c.bucket]), c.amount.to_decimal(),
            c.counted.to_decimal(), lines.get(c.line_id, "") if c.line_id is not None else "",
            _(M.XLSX_TWICE_NOTE).format(line=twice[c.commitment_id]) if c.commitment_id in twice else "",
            bool(row and row.confidential)))
    return xlsx.FundingSheet(_(M.XLSX_FUNDING_SHEET), out, tuple(_(BUCKET_NAMES[b]) for b in FU_BUCKETS),
                             plan.funding[Scenario.EXPECTED].need.to_decimal())


def rate_note(rates: tuple[Rate, ...]) -> str:
    """'SEK 11.4590 per EUR (2024-12-31)' for each rate a converted figure used, so its date is never hidden;
    the rate written as the language writes numbers (Swedish: 11,4590)."""
    def digits(rate: Rate) -> int:
        return max(-Decimal(rate.per_eur).as_tuple().exponent, 0)  # every digit as stored, as published

    return "; ".join(_(M.XLSX_RATE_NOTE).format(
        currency=r.currency, rate=format_fixed(Decimal(r.per_eur), digits(r)), date=r.on.isoformat())
        for r in rates)


def export_xlsx(ws: Workspace, bid_id: int, path: Path, rate_date: date | None = None, *,
                overwrite: bool = False) -> Path:
    check_target(path, overwrite=overwrite, protected=ws.protected_files())  # before the figures are worked out
    # the workbook is zipped in memory first: a zip writer that fails half way (a full disk) cannot then leave
    # a half-closed archive behind to complain when it is collected
    book = xlsx.build_workbook(budget_sheet(ws, bid_id, rate_date))
    buffer = io.BytesIO()
    try:
        book.save(buffer)  # openpyxl writes each sheet through a temporary file of its own first
    except OSError as exc:
        raise not_written(Path(path), exc) from None
    return write_private(path, buffer.getvalue(), overwrite=overwrite, protected=ws.protected_files())


# --- the timeline --------------------------------------------------------------------------------------------


ICS_PARTS = ("tasks", "date_options", "venue_options", "hotel_releases")


def calendar_entries(ws: Workspace, bid_id: int, include: Sequence[str] = ICS_PARTS) -> list[ics.CalendarEntry]:
    """The events of the bid's calendar, dated exactly as `timeline check` dates them: every task and
    milestone with a date (from `start` to `due`, DTEND exclusive, a day at least), and, as chosen, the date
    options, the venues' option expiries and the hotels' release dates."""
    from planner.services.planning import Planning

    unknown = [part for part in include if part not in ICS_PARTS]
    if unknown:
        raise PlannerError(_("{part!r} is not a part of the calendar; choose from {parts}.").format(
            part=unknown[0], parts=", ".join(ICS_PARTS)))
    plan = Planning.load(ws, bid_id)
    bundle = plan.bundle
    entries = []
    if "tasks" in include:
        tasks = {task.id: task for task in bundle.tasks}
        for scheduled in plan.timeline.tasks:
            task = tasks.get(scheduled.task_id)
            if task is None or scheduled.due is None or scheduled.start is None:
                continue
            milestone = TaskKind(task.kind) == TaskKind.MILESTONE
            details = [line for line in (
                _(M.ICS_OWNER).format(owner=task.owner) if task.owner else "",
                _(M.ICS_STATUS).format(status=label(task.status)),
                task.note,
            ) if line]
            entries.append(ics.CalendarEntry(
                uid=ics.entry_uid(task.uuid), title=task.title, start=scheduled.start, end=scheduled.due,
                milestone=milestone, description="\n".join(details),
                categories=(_(M.ICS_MILESTONE) if milestone else _(M.ICS_TASK),),
                cancelled=TaskStatus(task.status) == TaskStatus.CANCELLED, sequence=max(task.version - 1, 0),
                changed=task.updated_at,
            ))
    one = timedelta(days=1)
    if "date_options" in include:
        for option in bundle.date_options:
            entries.append(ics.CalendarEntry(
                uid=ics.entry_uid(option.uuid), start=option.start_date, end=option.end_date + one, milestone=False,
                title=_("Date option {start} to {end}").format(start=option.start_date.isoformat(),
                                                               end=option.end_date.isoformat())
                + (" " + _("(preferred)") if option.preferred else ""),
                description=option.note, categories=(_("Date option"),), sequence=max(option.version - 1, 0)))
    if "venue_options" in include:
        venues = {f"venue-option:{v.id}": v for v in bundle.venues}
        for checked in plan.timeline.entries:
            venue = venues.get(checked.entry.id)
            if venue is None:
                continue
            entries.append(ics.CalendarEntry(
                uid=ics.entry_uid(venue.uuid, "option"), title=_("Venue option at {venue} expires").format(
                    venue=venue.name), start=checked.entry.on, end=checked.entry.on + one, milestone=True,
                categories=(_("Venue option"),), cancelled=checked.entry.done, sequence=max(venue.version - 1, 0),
                changed=venue.updated_at))
    if "hotel_releases" in include:
        for block in bundle.accommodation:
            if block.release_date is None:
                continue
            entries.append(ics.CalendarEntry(
                uid=ics.entry_uid(block.uuid, "release"), title=_("Rooms at {hotel} released").format(
                    hotel=block.hotel), start=block.release_date, end=block.release_date + one, milestone=True,
                description=_("{rooms} rooms held for {nights} nights").format(rooms=block.rooms, nights=block.nights),
                categories=(_("Hotel release"),), sequence=max(block.version - 1, 0), changed=block.updated_at))
    return entries


def ics_bytes(ws: Workspace, bid_id: int, include: Sequence[str] = ICS_PARTS) -> bytes:
    bid = get_bid(ws, bid_id)
    return ics.calendar_bytes(_(M.ICS_CALENDAR_NAME).format(bid=bid.title), calendar_entries(ws, bid_id, include))


def export_ics(ws: Workspace, bid_id: int, path: Path, *, overwrite: bool = False,
               include: Sequence[str] = ICS_PARTS) -> Path:
    protected = ws.protected_files()
    check_target(path, overwrite=overwrite, protected=protected)
    return write_private(path, ics_bytes(ws, bid_id, include), overwrite=overwrite, protected=protected)
