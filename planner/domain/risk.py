"""Attendance risk: a seeded Monte Carlo over a triangular attendance, and the price x attendance grid.

Attendance is drawn from a triangular distribution between the low and high scenarios with its peak at
the expected one (or at `mode` when the user gives another), rounded to whole people, with
`random.Random(seed)`: the same seed gives the same figures. Percentiles use the nearest-rank method on the
sorted results. The grid replaces the registration income lines by a price per paying attendee (excluding
VAT), exactly as the break-even ticket price does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from math import ceil

from planner.domain.budget import BudgetModel, _is_ticket_line
from planner.domain.enums import N_
from planner.domain.messages import DomainError
from planner.domain.money import Money

DEFAULT_RUNS = 5000
DEFAULT_SEED = 2012


@dataclass(frozen=True)
class RiskResult:
    runs: int
    seed: int
    low: int
    mode: int
    high: int
    probability_of_loss: Decimal  # share of runs with result < 0
    p10: Money
    p50: Money
    p90: Money
    mean_attendance: Decimal


def _percentile(sorted_values: list[int], percent: int) -> int:
    rank = max(ceil(percent / 100 * len(sorted_values)), 1)
    return sorted_values[rank - 1]


def attendance_risk(model: BudgetModel, runs: int = DEFAULT_RUNS, seed: int = DEFAULT_SEED,
                    mode: int | None = None) -> RiskResult:
    if runs <= 0:
        raise DomainError(N_("The number of simulation runs must be at least 1 (now {runs})."), runs=runs)
    attendance = model.inputs.attendance
    low, high = attendance.low, attendance.high
    peak = attendance.expected if mode is None else mode
    if not low <= peak <= high:
        raise DomainError(N_("The most likely attendance ({mode}) must lie between low ({low}) and high "
                             "({high})."), mode=peak, low=low, high=high)
    rng = random.Random(seed)
    cache: dict[int, int] = {}
    results: list[int] = []
    people = 0
    for _ in range(runs):
        n = round(rng.triangular(low, high, peak))
        people += n
        if n not in cache:
            cache[n] = model.result_minor(n)
        results.append(cache[n])
    results.sort()
    losses = sum(1 for r in results if r < 0)
    cur = model.currency
    return RiskResult(
        runs, seed, low, peak, high, Decimal(losses) / runs,
        Money(_percentile(results, 10), cur), Money(_percentile(results, 50), cur),
        Money(_percentile(results, 90), cur), Decimal(people) / runs,
    )


@dataclass(frozen=True)
class PriceAttendanceGrid:
    prices: tuple[Money, ...]  # per paying attendee, excluding VAT
    attendances: tuple[int, ...]
    results: tuple[tuple[Money, ...], ...]  # results[i][j]: price i, attendance j


def current_ticket_price(model: BudgetModel, attendance: int) -> Money | None:
    """Registration income per paying attendee at an attendance (excluding VAT), None without paying people."""
    paying = model.paying(attendance)
    if paying == 0:
        return None
    income = sum(r.planned.minor for r in model.line_results(attendance)
                 if r.kind == "income" and r.category == "registration" and r.source == "line")
    return Money(round(Decimal(income) / paying), model.currency)


def default_grid_axes(model: BudgetModel) -> tuple[list[Money], list[int]]:
    """Five attendances from low to high through expected, and five prices around today's ticket price."""
    a = model.inputs.attendance
    attendances = sorted({a.low, (a.low + a.expected) // 2, a.expected, (a.expected + a.high) // 2, a.high})
    base = current_ticket_price(model, a.expected) or model.break_even_ticket_price(a.expected).price
    if base is None or base.minor == 0:
        base = Money(100_000, model.currency)
    prices = [Money(round(base.minor * f / 10), model.currency) for f in (6, 8, 10, 12, 14)]
    return prices, attendances


def price_attendance_grid(model: BudgetModel, prices: list[Money] | None = None,
                          attendances: list[int] | None = None) -> PriceAttendanceGrid:
    default_prices, default_attendances = default_grid_axes(model)
    prices = default_prices if prices is None else prices
    attendances = default_attendances if attendances is None else attendances
    rows = []
    for price in prices:
        if price.currency != model.currency:
            raise DomainError(N_("Grid prices must be in the budget currency {currency}."),
                              currency=model.currency)
        row = []
        for n in attendances:
            base = model.result_minor(n, exclude=_is_ticket_line)
            row.append(Money(base + price.minor * model.paying(n), model.currency))
        rows.append(tuple(row))
    return PriceAttendanceGrid(tuple(prices), tuple(attendances), tuple(rows))
