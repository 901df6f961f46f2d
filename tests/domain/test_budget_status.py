"""Budget status: planned / committed / actual, baseline variance, forecast at completion, over-plan flags."""

from dataclasses import replace
from datetime import date

from planner.domain.budget import BudgetModel
from planner.domain.budget_status import budget_status, freeze_baseline
from planner.domain.money import Money
from tests.domain.budget_fixtures import sek, worked_inputs


def lines_with_bookings():
    tickets, venue, catering, av = worked_inputs().lines
    return (tickets, replace(venue, committed=sek(250_000), actual=sek(100_000)), catering,
            replace(av, actual=Money(1_200_000, "EUR")))


def test_worked_status_with_baseline():
    baseline = freeze_baseline(BudgetModel(worked_inputs(lines=lines_with_bookings())), date(2011, 11, 1),
                               "Approved by the board")
    lines = list(lines_with_bookings())
    lines[1] = replace(lines[1], unit=sek(220_000))  # venue hire rose after the baseline
    status = budget_status(BudgetModel(worked_inputs(lines=tuple(lines))), baseline=baseline)
    rows = {row.key: row for row in status.lines}
    venue = rows["venue"]
    # venue: 220 000 + 25 % VAT = 275 000 planned; baseline 250 000 -> variance +25 000
    assert venue.planned == sek(275_000) and venue.baseline == sek(250_000) and venue.variance == sek(25_000)
    # committed 250 000, actual 100 000 -> open 150 000; remaining 275 000 - 250 000 = 25 000;
    # forecast 100 000 + 150 000 + 25 000 = 275 000 = plan -> not over plan
    assert (venue.open_commitment, venue.remaining, venue.forecast) == (sek(150_000), sek(25_000), sek(275_000))
    assert not venue.over_plan
    # AV: plan 88 000; actual 12 000 EUR x 8.8 = 105 600; nothing open or remaining; forecast 105 600 > plan
    av = rows["av"]
    assert (av.actual, av.forecast) == (sek(105_600), sek(105_600))
    assert av.over_plan
    assert [r.key for r in status.over_plan_lines] == ["av"]
    assert [r.category for r in status.over_plan_categories] == ["av_technology"]
    # expense forecast: venue 275 000 + catering 302 400 + AV 105 600 + speakers 21 400 = 704 400
    assert status.expenses.forecast == sek(704_400)
    # expense variance against the baseline: 686 800 - 661 800 = +25 000
    assert status.expenses.planned == sek(686_800)
    assert status.expenses.variance == sek(25_000)
    assert status.baseline_label == "Approved by the board"


def test_lines_removed_since_the_baseline_are_listed():
    baseline = freeze_baseline(BudgetModel(worked_inputs()), date(2011, 11, 1))
    status = budget_status(BudgetModel(worked_inputs(lines=worked_inputs().lines[:3])), baseline=baseline)
    assert status.removed_since_baseline == ("av",)
