"""Budget scenarios: worked examples checked by hand, property tests, and the edge cases."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.budget import (
    Attendance,
    BudgetInputs,
    BudgetModel,
    CommitmentInput,
    LineInput,
    budget_report,
)
from planner.domain.enums import Basis, CommitmentKind, CommitmentStatus, LineKind, Scenario
from planner.domain.fx import AmountTooLargeError, MissingRateError
from planner.domain.messages import DomainError
from planner.domain.money import MAX_MINOR, Money
from tests.domain.budget_fixtures import RATES, sek, worked_inputs


def test_worked_example_expected_scenario():
    report = budget_report(worked_inputs())
    expected = report[Scenario.EXPECTED]
    # Tickets: 2 500 kr incl. 25 % VAT -> 2 000 kr excl. (income always excl. VAT);
    #   paying = 300 - 20 complimentary = 280 -> 280 x 2 000 = 560 000 kr
    assert expected.category(LineKind.INCOME, "registration") == sek(560_000)
    # Venue: 200 000 kr excl. 25 % VAT, VAT not deductible -> 250 000 kr
    assert expected.category(LineKind.EXPENSE, "venue") == sek(250_000)
    # Catering: 450 kr excl. 12 % -> 504 kr per attendee-day x 300 x 2 days = 302 400 kr
    assert expected.category(LineKind.EXPENSE, "catering") == sek(302_400)
    # AV: 10 000 EUR x 8.8 (rate of 2 January on 1 March) = 88 000 kr
    assert expected.category(LineKind.EXPENSE, "av_technology") == sek(88_000)
    # Speakers: Ada 15 000 + 4 000 + 2 nights x 1 200 = 21 400 kr; the declined speaker costs nothing
    assert expected.category(LineKind.EXPENSE, "speakers") == sek(21_400)
    # Expenses 250 000 + 302 400 + 88 000 + 21 400 = 661 800; result 560 000 - 661 800 = -101 800
    assert expected.income == sek(560_000)
    assert expected.expenses == sek(661_800)
    assert expected.result == sek(-101_800)
    # Cost per attendee 661 800 / 300 = 2 206 kr
    assert expected.cost_per_attendee == sek(2_206)
    # Break-even attendance: result(n) = 2 000 (n - 20) - 250 000 - 1 008 n - 88 000 - 21 400 = 992 n - 399 400
    #   >= 0 from n = 402.6 -> 403 (992 x 403 = 399 776; at 402: 398 784 < 399 400)
    assert expected.break_even_attendance.attendance == 403
    # Break-even ticket price at 280 paying: 661 800 / 280 = 2 363.5714 -> 2 363.58 kr excl. VAT (rounded up)
    assert expected.break_even_ticket_price.price == Money(236_358, "SEK")
    assert [(r.currency, r.on) for r in report.rates_used] == [("SEK", date(2012, 1, 2))]


def test_worked_example_low_scenario_and_deductible_vat():
    low = budget_report(worked_inputs())[Scenario.LOW]
    # 130 paying x 2 000 = 260 000; catering 504 x 150 x 2 = 151 200;
    # expenses 250 000 + 151 200 + 88 000 + 21 400 = 510 600; result -250 600
    assert (low.income, low.expenses, low.result) == (sek(260_000), sek(510_600), sek(-250_600))
    deductible = budget_report(worked_inputs(vat_deductible=True))[Scenario.LOW]
    # costs now excl. VAT: venue 200 000, catering 450 x 300 = 135 000; 200 000 + 135 000 + 88 000 + 21 400
    assert deductible.expenses == sek(444_400)
    assert deductible.income == sek(260_000)  # income excl. VAT either way


def test_lines_round_once_and_totals_are_sums_of_rounded_lines():
    # 5 öre incl. 12 % VAT -> 5 / 1.12 = 4.4642857 öre excl. -> each line rounds to 4 öre;
    # 7 lines total 7 x 4 = 28 öre (rounding the exact sum 31.25 instead would give 31: we do not)
    lines = tuple(LineInput(i, LineKind.INCOME, "registration", f"l{i}", Basis.FIXED, Money(5, "SEK"),
                            vat_rate_percent=12, amounts_include_vat=True) for i in range(7))
    result = budget_report(BudgetInputs("SEK", False, Attendance(1, 1, 1), lines=lines))[Scenario.EXPECTED]
    assert [line.planned.minor for line in result.lines] == [4] * 7
    assert result.income == Money(28, "SEK")


def test_commitments_are_counted_once():
    inputs = worked_inputs(
        lines=worked_inputs().lines + (
            LineInput("grant", LineKind.INCOME, "public_funding", "Region grant", Basis.FIXED, sek(100_000)),),
        commitments=(
            # cash linked to the grant line, larger than its plan: counts 150 000 instead of 100 000, not both
            CommitmentInput("c1", "Region Gävleborg", CommitmentKind.CASH, CommitmentStatus.SIGNED, sek(150_000),
                            line_id="grant"),
            # in kind linked to venue hire: the 250 000 line counts 250 000 - 50 000 = 200 000
            CommitmentInput("c2", "Gävle kommun", CommitmentKind.VENUE, CommitmentStatus.PLEDGED, sek(50_000),
                            line_id="venue"),
            # unlinked pledged cash: a derived partner contribution line of 30 000
            CommitmentInput("c3", "Sandvik", CommitmentKind.CASH, CommitmentStatus.PLEDGED, sek(30_000)),
            # prospects and declined: not in the budget
            CommitmentInput("c4", "Maybe AB", CommitmentKind.CASH, CommitmentStatus.PROSPECT, sek(1_000_000)),
            CommitmentInput("c5", "Nope AB", CommitmentKind.CASH, CommitmentStatus.DECLINED, sek(1_000_000)),
        ),
    )
    expected = budget_report(inputs)[Scenario.EXPECTED]
    assert expected.category(LineKind.INCOME, "public_funding") == sek(150_000)
    assert expected.category(LineKind.INCOME, "partner_contribution") == sek(30_000)
    venue = next(line for line in expected.lines if line.line_id == "venue")
    assert (venue.gross, venue.in_kind_offset, venue.planned) == (sek(250_000), sek(50_000), sek(200_000))
    # income 560 000 + 150 000 + 30 000 = 740 000; expenses 661 800 - 50 000 = 611 800; result 128 200
    assert expected.income == sek(740_000)
    assert expected.expenses == sek(611_800)
    assert expected.result == sek(128_200)


def test_missing_rate_names_the_currency():
    inputs = worked_inputs(lines=(LineInput("x", LineKind.EXPENSE, "other", "Swiss AV", Basis.FIXED,
                                            Money(100, "CHF")),))
    with pytest.raises(MissingRateError) as info:
        BudgetModel(inputs)
    assert info.value.currency == "CHF"


# -- edge cases ---------------------------------------------------------------------------------------


def test_empty_bid():
    report = budget_report(BudgetInputs("SEK", True, Attendance(0, 0, 0)))
    for scenario in Scenario:
        result = report[scenario]
        assert result.income == result.expenses == result.result == Money(0, "SEK")
        assert result.cost_per_attendee is None
        assert result.break_even_attendance.attendance == 0  # nothing to cover
        assert not result.break_even_ticket_price.reachable


def test_zero_attendees_no_division_by_zero():
    inputs = worked_inputs(attendance=Attendance(0, 0, 0))
    result = budget_report(inputs)[Scenario.EXPECTED]
    assert result.cost_per_attendee is None
    assert result.break_even_ticket_price.price is None
    assert "no paying attendees" in result.break_even_ticket_price.reason.text
    assert result.break_even_attendance.attendance == 403  # the break-even does not depend on the scenario


def test_no_income_break_even_not_reachable():
    inputs = worked_inputs(lines=worked_inputs().lines[1:])
    result = budget_report(inputs)[Scenario.EXPECTED]
    assert result.income == sek(0)
    assert not result.break_even_attendance.reachable
    assert "no income" in result.break_even_attendance.reason.text
    # a ticket price can still balance it: 661 800 / 280 = 2 363.58 kr
    assert result.break_even_ticket_price.price == Money(236_358, "SEK")


def test_no_paying_attendees():
    inputs = worked_inputs(complimentary=1000)
    result = budget_report(inputs)[Scenario.EXPECTED]
    assert result.paying == 0
    assert result.category(LineKind.INCOME, "registration") == sek(0)
    assert not result.break_even_ticket_price.reachable
    # past 1 000 complimentary places people pay again: 2 000 (n - 1 000) - 1 008 n - 359 400 = 992 n - 2 359 400
    #   >= 0 from n = 2 378.4 -> 2 379
    assert result.break_even_attendance.attendance == 2379


def test_income_per_attendee_below_cost_per_attendee():
    lines = (LineInput("t", LineKind.INCOME, "registration", "Fee", Basis.PER_ATTENDEE, sek(100)),
             LineInput("c", LineKind.EXPENSE, "catering", "Food", Basis.PER_ATTENDEE, sek(150)),
             LineInput("v", LineKind.EXPENSE, "venue", "Venue", Basis.FIXED, sek(1)))
    result = budget_report(BudgetInputs("SEK", True, Attendance(10, 20, 30), lines=lines))[Scenario.EXPECTED]
    assert not result.break_even_attendance.reachable
    assert "less than they cost" in result.break_even_attendance.reason.text


def test_amounts_near_the_storage_limit():
    big = LineInput("big", LineKind.EXPENSE, "venue", "Huge", Basis.FIXED, Money(MAX_MINOR, "SEK"))
    result = budget_report(BudgetInputs("SEK", True, Attendance(1, 1, 1), lines=(big,)))[Scenario.EXPECTED]
    assert result.expenses == Money(MAX_MINOR, "SEK")
    with pytest.raises(AmountTooLargeError) as info:  # two of them do not fit in a total
        budget_report(BudgetInputs("SEK", True, Attendance(1, 1, 1),
                                   lines=(big, LineInput("b2", LineKind.EXPENSE, "venue", "Huge 2", Basis.FIXED,
                                                         Money(1, "SEK")))))
    assert info.value.message.params["where"]
    with pytest.raises(AmountTooLargeError):  # VAT pushes a line over the limit
        BudgetModel(BudgetInputs("SEK", False, Attendance(1, 1, 1), lines=(
            LineInput("v", LineKind.EXPENSE, "venue", "VAT", Basis.FIXED, Money(MAX_MINOR, "SEK"),
                      vat_rate_percent=25),))).report()


def test_bad_inputs_are_refused_with_a_reason():
    with pytest.raises(DomainError):
        Attendance(300, 200, 400)
    with pytest.raises(DomainError) as info:
        BudgetModel(worked_inputs(lines=(LineInput("q", LineKind.EXPENSE, "venue", "Bad", Basis.FIXED, sek(1),
                                                   quantity=-1),)))
    assert info.value.message.params["label"] == "Bad"


# -- properties -----------------------------------------------------------------------------------------

bases = st.sampled_from(list(Basis))
line_strategy = st.builds(
    LineInput,
    id=st.uuids().map(str),
    kind=st.sampled_from(list(LineKind)),
    category=st.sampled_from(["registration", "venue", "catering", "other", "sponsorship"]),
    label=st.just("line"),
    basis=bases,
    unit=st.builds(Money, st.integers(0, 10**9), st.sampled_from(["SEK", "EUR"])),
    quantity=st.integers(0, 5),
    vat_rate_percent=st.sampled_from([0, 6, 12, 25]),
    amounts_include_vat=st.booleans(),
)


@st.composite
def budgets(draw, lines=st.lists(line_strategy, max_size=12)):
    low = draw(st.integers(0, 2000))
    expected = draw(st.integers(low, 4000))
    high = draw(st.integers(expected, 6000))
    return BudgetInputs(
        "SEK", draw(st.booleans()), Attendance(low, expected, high), event_days=draw(st.integers(0, 4)),
        complimentary=draw(st.integers(0, 100)), lines=tuple(draw(lines)), speaker_count=draw(st.integers(0, 20)),
        rates=RATES, rate_date=date(2012, 6, 1))


@st.composite
def budgets_with_commitments(draw):
    inputs = draw(budgets())
    line_ids = [line.id for line in inputs.lines] + [None, "no-such-line"]
    commitments = draw(st.lists(st.builds(
        CommitmentInput, id=st.uuids().map(str), partner=st.just("Partner"),
        kind=st.sampled_from(list(CommitmentKind)), status=st.sampled_from(list(CommitmentStatus)),
        amount=st.builds(Money, st.integers(0, 10**9), st.sampled_from(["SEK", "EUR"])),
        line_id=st.sampled_from(line_ids)), max_size=6))
    return BudgetInputs(**{**inputs.__dict__, "commitments": tuple(commitments)})


@settings(max_examples=150, deadline=None)
@given(budgets_with_commitments())
def test_totals_equal_the_sum_of_their_lines_in_every_scenario(inputs):
    report = budget_report(inputs)
    for scenario in Scenario:
        result = report[scenario]
        income = sum(line.planned.minor for line in result.lines if line.kind == LineKind.INCOME)
        expenses = sum(line.planned.minor for line in result.lines if line.kind == LineKind.EXPENSE)
        assert result.income.minor == income == sum(c.planned.minor for c in result.income_by_category)
        assert result.expenses.minor == expenses == sum(c.planned.minor for c in result.expenses_by_category)
        assert result.result.minor == income - expenses
        for line in result.lines:  # in kind never offsets more than the line, cover never lowers it
            assert 0 <= line.in_kind_offset.minor <= max(line.gross.minor, 0)
            assert line.planned.minor >= line.gross.minor or line.in_kind_offset.minor > 0


per_attendee_line = st.builds(
    LineInput, id=st.uuids().map(str), kind=st.sampled_from(list(LineKind)), category=st.just("other"),
    label=st.just("l"), basis=st.just(Basis.PER_ATTENDEE),
    unit=st.builds(Money, st.integers(0, 10**7), st.just("SEK")),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(per_attendee_line, min_size=1, max_size=8), st.integers(0, 5000), st.integers(0, 5000))
def test_result_falls_as_attendance_falls_when_every_line_is_per_attendee(lines, a, b):
    model = BudgetModel(BudgetInputs("SEK", True, Attendance(0, 0, 0), lines=tuple(lines)))
    fewer, more = sorted((a, b))
    r_fewer, r_more = model.result_minor(fewer), model.result_minor(more)
    # a profitable event loses with fewer people, a loss-making one loses less: |result| scales with n
    per_head = model.result_minor(1)
    if per_head >= 0:
        assert r_fewer <= r_more
    else:
        assert r_fewer >= r_more


@given(st.integers(-10**12, 10**12), st.sampled_from([0, 6, 12, 25]), st.booleans(), st.integers(0, 10**5))
def test_line_rounding_is_money_rounding_of_the_exact_amount(unit, vat, included, count):
    # the integer path used for speed must agree with money.round_minor on the exact decimal product
    from decimal import Decimal, localcontext

    from planner.domain.budget import _Prepared, vat_factor
    from planner.domain.money import round_minor

    with localcontext() as ctx:
        ctx.prec = 80
        per_unit = Decimal(unit) * vat_factor(LineKind.EXPENSE, vat, included, False)
        line = _Prepared("x", LineKind.EXPENSE, "other", "x", Basis.PER_ATTENDEE, 1, per_unit, (), "line")
        expected = round_minor(per_unit * count)
    if abs(expected) <= MAX_MINOR:
        assert BudgetModel._gross_minor(line, count) == expected


def test_zero_amounts_need_no_exchange_rate():
    line = LineInput("z", LineKind.EXPENSE, "other", "Not priced yet", Basis.FIXED, Money(0, "CHF"))
    result = budget_report(worked_inputs(lines=(line,)))[Scenario.EXPECTED]
    assert result.category(LineKind.EXPENSE, "other") == sek(0)
