"""Exports: CSV round trips for every record type, the budget workbook read back, the calendar parsed."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from planner.domain.enums import (
    Anchor,
    Basis,
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    ImportSource,
    LineKind,
    PartnerKind,
    SpeakerStatus,
    TaskKind,
    TaskStatus,
    VenueStatus,
)
from planner.interchange.csvio import EXCEL_SV, STANDARD
from planner.services import exports, imports
from planner.services import workspace as wsvc
from planner.services.planning import budget_report
from planner.store import models as m
from tests.interchange.conftest import make_bid


def fill(ws, bid_id: int) -> None:
    add = wsvc.add_record
    add(ws, m.Venue(bid_id=bid_id, name="Gävle Konserthus", address="Kungsbäcksvägen 22", city="Gävle",
                    status=VenueStatus.OPTION_HELD, cost_minor=12_000_050, currency="SEK", option_until=date(2011, 12, 31),
                    cost_note="=inkl. moms?", distance_station_m=650, description="Stor sal; 800 platser\nFoajé"))
    add(ws, m.Venue(bid_id=bid_id, name="Högskolan i Gävle", city="Gävle", cost_minor=0, currency="SEK"))
    add(ws, m.BudgetLine(bid_id=bid_id, kind=LineKind.INCOME, category=BudgetCategory.REGISTRATION, label="Tickets",
                         basis=Basis.PER_PAYING_ATTENDEE, unit_minor=250_000, currency="SEK", vat_rate_percent=6))
    keynote = add(ws, m.BudgetLine(bid_id=bid_id, kind=LineKind.EXPENSE, category=BudgetCategory.SPEAKERS,
                                   label="Keynote fee", unit_minor=500_000, currency="EUR", vat_rate_percent=0,
                                   committed_minor=500_000, actual_minor=250_000))
    add(ws, m.BudgetLine(bid_id=bid_id, kind=LineKind.EXPENSE, category=BudgetCategory.CATERING,
                         label="-Lunch per delegate", basis=Basis.PER_ATTENDEE_DAY, unit_minor=18_550, currency="SEK",
                         committed_minor=1_000_000, confidential=True, note="+ kaffe"))
    add(ws, m.BudgetLine(bid_id=bid_id, kind=LineKind.EXPENSE, category=BudgetCategory.VENUE, label="Hall",
                         unit_minor=12_000_050, currency="SEK", actual_minor=6_000_000))
    add(ws, m.Speaker(bid_id=bid_id, given_name="Anna", family_name="Lindqvist", display_name="Anna Lindqvist",
                      organisation="Region Gävleborg", email="anna@example.se", phone="+46 26 17 80 00",
                      talk_title="Bredband; för alla", status=SpeakerStatus.CONFIRMED, fee_minor=1_500_000,
                      fee_currency="EUR", nights=2, source=ImportSource.PRETALX, source_id="9DGHHA",
                      bio="**Anna** leder\n- arbetet", consent_to_be_named=True))
    kommun = add(ws, m.Partner(bid_id=bid_id, name="Gävle kommun", kind=PartnerKind.MUNICIPALITY,
                               contact_email="info@gavle.se", letter_received_on=date(2011, 10, 1)))
    add(ws, m.Partner(bid_id=bid_id, name="@Sandvik AB", kind=PartnerKind.COMPANY))
    add(ws, m.Commitment(bid_id=bid_id, partner_id=kommun.id, kind=CommitmentKind.CASH, description="Bidrag",
                         amount_minor=20_000_000, currency="SEK", status=CommitmentStatus.SIGNED,
                         due_date=date(2012, 3, 1), budget_line_id=keynote.id))
    add(ws, m.Task(bid_id=bid_id, title="Submit the bid", kind=TaskKind.MILESTONE, anchor=Anchor.BID_DEADLINE,
                   offset_days=0))
    add(ws, m.Task(bid_id=bid_id, title="Book hotels", owner="Örjan", due_date=date(2012, 2, 1), duration_days=5,
                   status=TaskStatus.IN_PROGRESS, note="Clarion, Scandic"))
    add(ws, m.Task(bid_id=bid_id, title="Evaluation", kind=TaskKind.MILESTONE, anchor=Anchor.EVENT_END,
                   offset_days=30, status=TaskStatus.CANCELLED))


@pytest.fixture
def full_bid(ws, bid_id):
    fill(ws, bid_id)
    return bid_id


def _without_id(data: bytes, dialect) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=dialect.delimiter))
    return [row[1:] for row in rows]


@pytest.mark.parametrize("kind", exports.ORDER)
def test_csv_round_trip_export_import_export(ws, full_bid, kind):
    for dialect in (STANDARD, EXCEL_SV):
        _round_trip(ws, full_bid, kind, dialect)


def _round_trip(ws, full_bid, kind, dialect):
    first = exports.csv_bytes(ws, full_bid, kind, dialect)
    assert first.startswith(b"\xef\xbb\xbf") == dialect.bom
    same = imports.preview_csv(ws, full_bid, kind, first)
    assert same.counts["unchanged"] == len(same.items) > 0, [(i.action, i.reasons, i.changes) for i in same.items]
    imports.apply_import(ws, same)
    assert exports.csv_bytes(ws, full_bid, kind, dialect) == first
    # into another bid: the same records, new ids
    other = make_bid(ws)
    if kind == "commitments":
        imports.apply_import(ws, imports.preview_csv(ws, other, "partners", exports.csv_bytes(ws, full_bid, "partners")))
    copied = imports.preview_csv(ws, other, kind, first)
    assert copied.counts["new"] == len(copied.items), [(i.action, i.reasons) for i in copied.items]
    imports.apply_import(ws, copied)
    assert _without_id(exports.csv_bytes(ws, other, kind, dialect), dialect) == _without_id(first, dialect)


def test_csv_export_neutralises_formulas_and_uses_the_dialect(ws, full_bid):
    text = exports.csv_bytes(ws, full_bid, "budget", EXCEL_SV).decode("utf-8-sig")
    assert "'-Lunch per delegate" in text and "'+ kaffe" in text
    assert ";185,50;" in text  # decimal comma
    assert ";Expense;Catering;" in text  # stored values shown in the user's words
    venues = exports.csv_bytes(ws, full_bid, "venues").decode()
    assert "'=inkl. moms?" in venues and "120000.50" in venues
    partners = exports.csv_bytes(ws, full_bid, "partners").decode()
    assert "'@Sandvik AB" in partners


def test_export_all_kinds_into_a_folder(ws, full_bid, tmp_path):
    written = exports.export_csv(ws, full_bid, tmp_path / "out")
    assert [p.name for p in written] == [f"{k}.csv" for k in exports.all_kinds()]
    # the six with their own headers first, then every other kind the records service knows
    assert [p.name for p in written][:6] == [f"{k}.csv" for k in exports.ORDER]
    assert {"room.csv", "date_option.csv", "venue_score.csv", "programme_session.csv", "bid_text.csv",
            "accommodation_block.csv", "criterion.csv", "venue_availability.csv",
            "budget_baseline.csv"} <= {p.name for p in written}


def test_budget_workbook_reads_back_with_formulas_and_values(ws, full_bid, tmp_path):
    path = exports.export_xlsx(ws, full_bid, tmp_path / "budget.xlsx", rate_date=date(2025, 1, 15))
    book = load_workbook(path)
    assert book.sheetnames == ["Low (200)", "Expected (300)", "High (400)", "Planned, committed, actual",
                               "Funding", "Exchange rates"]
    report = budget_report(ws, full_bid, on=date(2025, 1, 15))
    for name, scenario in zip(book.sheetnames[:3], ("low", "expected", "high"), strict=True):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][5] == "Planned (SEK)"
        result = report[scenario]
        lines = [r for r in rows[1:] if r[0] in ("Income", "Expense")]
        assert len(lines) == len(result.lines)
        income = sum(Decimal(str(r[5])) for r in lines if r[0] == "Income")
        expenses = sum(Decimal(str(r[5])) for r in lines if r[0] == "Expense")
        assert income == result.income.to_decimal() and expenses == result.expenses.to_decimal()
        formulas = [r[5] for r in rows if isinstance(r[5], str) and r[5].startswith("=")]
        assert len(formulas) == 3 and formulas[0].startswith("=SUM(F2:F") and formulas[2].startswith("=F")
        money_cells = [c for c in sheet["F"][1:] if isinstance(c.value, (int, float))]
        assert money_cells and all(c.number_format == '#,##0.00 "SEK";-#,##0.00 "SEK"' for c in money_cells)
    expected = list(book["Expected (300)"].iter_rows(values_only=True))
    assert expected[0][6] == "Exchange rate used"
    keynote_line = next(r for r in expected if r[2] == "Keynote fee")
    assert keynote_line[6] == "SEK 11.4590 per EUR (2024-12-31)"  # EUR to SEK: the SEK rate and its date
    status = book["Planned, committed, actual"]
    rows = list(status.iter_rows(values_only=True))
    keynote = next(r for r in rows if r[2] == "Keynote fee")
    assert keynote[4] == pytest.approx(5000 * 11.4590)  # EUR converted with the seed's SEK rate
    assert keynote[6] == f"=D{rows.index(keynote) + 1}-F{rows.index(keynote) + 1}"
    totals = {r[2]: (rows.index(r) + 1, r) for r in rows if r[2] in ("Total income", "Total expenses", "Result")}
    assert totals["Total income"][1][3].startswith("=SUM(D2:D")  # income and expenses added apart
    assert totals["Total expenses"][1][3].startswith("=SUM(D")
    income_row, expenses_row = totals["Total income"][0], totals["Total expenses"][0]
    assert totals["Result"][1][3:6] == (f"=D{income_row}-D{expenses_row}", f"=E{income_row}-E{expenses_row}",
                                        f"=F{income_row}-F{expenses_row}")
    assert rows[-1][2] == "Result"
    lunch = next(r for r in rows if r[2] == "-Lunch per delegate")  # text, not a formula
    assert lunch[2] == "-Lunch per delegate"
    rates = list(book["Exchange rates"].iter_rows(values_only=True))
    assert rates[1][0] == "EUR" or rates[1][0] == "SEK"
    assert any(r[2] is not None and r[2].date() == date(2024, 12, 31) for r in rates[1:])


def test_workbook_in_swedish(ws, full_bid, tmp_path):
    from planner.i18n import use_locale

    with use_locale("sv"):
        path = exports.export_xlsx(ws, full_bid, tmp_path / "budget.xlsx", rate_date=date(2025, 1, 15))
    assert load_workbook(path).sheetnames[1].startswith("Förväntat")


def test_timeline_calendar_parses_with_all_day_milestones_and_stable_uids(ws, full_bid):
    data = exports.ics_bytes(ws, full_bid, ["tasks"])
    calendar = Calendar.from_ical(data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Submit the bid", "Book hotels", "Evaluation"}
    submit = events["Submit the bid"]
    assert submit.decoded("dtstart") == date(2011, 11, 30)  # a date, not a time: all day
    assert submit.decoded("dtend") == date(2011, 12, 1)
    tasks = {t.title: t for t in wsvc.list_records(ws, m.Task, full_bid)}
    assert str(submit["uid"]) == f"{tasks['Submit the bid'].uuid}@planner.bid"  # the task's own UUID
    hotels = events["Book hotels"]
    # five days due 1 February: from 27 January, as `timeline check` says, to 1 February (exclusive)
    assert (hotels.decoded("dtstart"), hotels.decoded("dtend")) == (date(2012, 1, 27), date(2012, 2, 1))
    assert "Örjan" in str(hotels["description"])
    assert str(events["Evaluation"]["status"]) == "CANCELLED"
    assert events["Evaluation"].decoded("dtstart") == date(2012, 6, 10)  # 30 days after the event's end
    assert exports.ics_bytes(ws, full_bid, ["tasks"]) == data  # nothing changed: the same file
    task = wsvc.list_records(ws, m.Task, full_bid)[1]
    wsvc.update_record(ws, m.Task, task.id, {"due_date": date(2012, 2, 8)})
    moved = {str(e["summary"]): e
             for e in Calendar.from_ical(exports.ics_bytes(ws, full_bid, ["tasks"])).walk("VEVENT")}
    assert str(moved["Book hotels"]["uid"]) == str(hotels["uid"])  # same event, updated
    assert int(moved["Book hotels"]["sequence"]) > int(hotels["sequence"])
