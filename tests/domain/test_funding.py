"""Funding from commitments: secured / pledged / prospects, cash apart from in kind, gap and share at risk."""

from decimal import Decimal

from planner.domain.budget import BudgetModel, CommitmentInput, LineInput
from planner.domain.enums import Basis, CommitmentKind, CommitmentStatus, LineKind, Scenario
from planner.domain.funding import funding_report
from tests.domain.budget_fixtures import sek, worked_inputs

COMMITMENTS = (
    CommitmentInput("c1", "Region Gävleborg", CommitmentKind.CASH, CommitmentStatus.SIGNED, sek(60_000),
                    line_id="grant"),
    CommitmentInput("c2", "Gävle kommun", CommitmentKind.VENUE, CommitmentStatus.PLEDGED, sek(50_000),
                    line_id="venue"),
    CommitmentInput("c3", "Sandvik", CommitmentKind.CASH, CommitmentStatus.PLEDGED, sek(30_000)),
    CommitmentInput("c4", "Maybe AB", CommitmentKind.CASH, CommitmentStatus.CONTACTED, sek(1_000_000)),
    CommitmentInput("c5", "Nope AB", CommitmentKind.CASH, CommitmentStatus.DECLINED, sek(1_000_000)),
    CommitmentInput("c6", "Högskolan i Gävle", CommitmentKind.STAFF, CommitmentStatus.SIGNED, sek(20_000)),
)


def model() -> BudgetModel:
    base = worked_inputs()
    grant = LineInput("grant", LineKind.INCOME, "public_funding", "Region grant", Basis.FIXED, sek(100_000))
    return BudgetModel(worked_inputs(lines=base.lines + (grant,), commitments=COMMITMENTS))


def test_worked_funding_expected():
    report = funding_report(model())
    expected = report[Scenario.EXPECTED]
    # gross expenses 661 800 (venue before the in-kind offset); earned income = tickets 560 000
    assert expected.expenses_gross == sek(661_800)
    assert expected.earned_income == sek(560_000)
    # need = 661 800 - 560 000 = 101 800
    assert expected.need == sek(101_800)
    # cash: secured 60 000 (Region), pledged 30 000 (Sandvik), prospects 1 000 000 (contacted); declined nowhere
    assert (expected.cash.secured, expected.cash.pledged, expected.cash.prospects) == (
        sek(60_000), sek(30_000), sek(1_000_000))
    # in kind: the venue pledge 50 000 covers venue hire; the staff commitment covers no line -> apart
    assert expected.in_kind.pledged == sek(50_000)
    assert expected.in_kind.secured == sek(0)
    assert report.in_kind_unbudgeted == sek(20_000)
    # unsecured = 101 800 - 60 000 = 41 800; gap = 101 800 - 60 000 - 80 000 < 0 -> 0
    assert expected.unsecured == sek(41_800)
    assert expected.gap == sek(0)
    # share at risk = 41 800 / 101 800 = 0.4106...
    assert expected.share_at_risk.quantize(Decimal("0.0001")) == Decimal("0.4106")


def test_worked_funding_low():
    low = funding_report(model())[Scenario.LOW]
    # gross expenses 510 600, earned 260 000 -> need 250 600; gap = 250 600 - 60 000 - 80 000 = 110 600
    assert low.need == sek(250_600)
    assert low.gap == sek(110_600)
    assert low.unsecured == sek(190_600)


def test_cash_linked_to_a_line_is_counted_once_in_the_budget():
    expected = model().scenario(Scenario.EXPECTED)
    # the grant line plans 100 000; Region's 60 000 covers part of it: the budget counts 100 000, not 160 000
    grant = next(line for line in expected.lines if line.line_id == "grant")
    assert grant.planned == sek(100_000)
    assert grant.commitment_cover == sek(60_000)
    assert expected.category(LineKind.INCOME, "public_funding") == sek(100_000)


def test_no_need_no_share():
    empty = BudgetModel(worked_inputs(lines=(), speakers=()))
    assert funding_report(empty)[Scenario.EXPECTED].share_at_risk is None
