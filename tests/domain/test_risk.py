"""Attendance risk (seeded Monte Carlo), the price x attendance grid, and the economic impact."""

import pytest

from planner.domain.budget import BudgetModel
from planner.domain.impact import economic_impact
from planner.domain.messages import DomainError
from planner.domain.money import Money
from planner.domain.risk import attendance_risk, price_attendance_grid
from tests.domain.budget_fixtures import sek, worked_inputs


def test_monte_carlo_matches_the_triangular_distribution_by_hand():
    model = BudgetModel(worked_inputs())
    risk = attendance_risk(model, runs=5000, seed=7)
    # result(n) = 992 n - 399 400 for n >= 20 (test_budget), negative below n = 403.
    # Triangular(150, 450, mode 300): P(n <= 402) = 1 - (450 - 402.5)^2 / (300 x 150) = 1 - 2 256.25 / 45 000
    #   = 0.9499
    assert abs(float(risk.probability_of_loss) - 0.9499) < 0.02
    # P10 of attendance: 150 + sqrt(0.1 x 300 x 150) = 217.1 -> result about 992 x 217 - 399 400 = -184 136 kr
    assert abs(risk.p10.minor - sek(-184_136).minor) <= sek(3 * 992).minor
    # P90: 450 - sqrt(0.1 x 300 x 150) = 382.9 -> about 992 x 383 - 399 400 = -19 464 kr
    assert abs(risk.p90.minor - sek(-19_464).minor) <= sek(3 * 992).minor
    assert risk.p10 <= risk.p50 <= risk.p90


def test_monte_carlo_is_reproducible_with_its_seed():
    model = BudgetModel(worked_inputs())
    assert attendance_risk(model, runs=500, seed=1) == attendance_risk(model, runs=500, seed=1)
    assert attendance_risk(model, runs=500, seed=1) != attendance_risk(model, runs=500, seed=2)


def test_monte_carlo_refuses_a_mode_outside_the_range():
    with pytest.raises(DomainError):
        attendance_risk(BudgetModel(worked_inputs()), mode=10)


def test_grid_of_result_over_price_and_attendance():
    grid = price_attendance_grid(BudgetModel(worked_inputs()), [sek(2_000), sek(2_500)], [150, 300])
    # without tickets at 300: -661 800; at 2 000 kr x 280 paying: -101 800 (the expected scenario);
    # at 2 500 kr: -661 800 + 700 000 = 38 200
    assert grid.results[0][1] == sek(-101_800)
    assert grid.results[1][1] == sek(38_200)
    # at 150 (130 paying): -510 600 + 2 000 x 130 = -250 600 (the low scenario)
    assert grid.results[0][0] == sek(-250_600)


def test_default_grid_axes():
    grid = price_attendance_grid(BudgetModel(worked_inputs()))
    assert grid.attendances == (150, 225, 300, 375, 450)
    # today's ticket price: 560 000 / 280 = 2 000 kr excl. VAT, shown at 60 % .. 140 %
    assert [p.minor for p in grid.prices] == [120_000, 160_000, 200_000, 240_000, 280_000]


def test_economic_impact_with_its_assumption():
    impact = economic_impact(300, 2)
    # 300 delegates x 2 days x 3 500 kr = 2 100 000 kr
    assert impact.total == sek(2_100_000)
    assert impact.assumption.params["amount"] == Money(350_000, "SEK")
    assert economic_impact(0, 3).total == sek(0)


def test_wide_attendance_ranges_interpolate_within_rounding(monkeypatch):
    """Thousands of delegates: exact at the knots, interpolated between, within a minor unit per line."""
    from planner.domain import risk as risk_module
    from planner.domain.budget import Attendance

    model = BudgetModel(worked_inputs(attendance=Attendance(1000, 3000, 6000), complimentary=1500))
    fast = attendance_risk(model, runs=2000, seed=3)
    monkeypatch.setattr(risk_module, "EXACT_SPAN", 10**9)
    exact = attendance_risk(model, runs=2000, seed=3)
    tolerance = len(model.inputs.lines) + len(model.inputs.speakers) + 2
    assert fast.probability_of_loss == exact.probability_of_loss
    for a, b in ((fast.p10, exact.p10), (fast.p50, exact.p50), (fast.p90, exact.p90)):
        assert abs(a.minor - b.minor) <= tolerance
