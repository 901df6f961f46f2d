"""Attendance risk: a seeded Monte Carlo over a triangular attendance, and the price x attendance grid.

Attendance is drawn from a triangular distribution between the low and high scenarios with its peak at
the expected one (or at `mode` when the user gives another), rounded to whole people, with
`random.Random(seed)`: the same seed gives the same figures. Percentiles use the nearest-rank method on the
sorted results. The grid replaces the registration income lines by a price per paying attendee (excluding
VAT), exactly as the break-even ticket price does.

Speed: the budget is computed exactly for every attendance the draws hit when low and high are at most
`EXACT_SPAN` people apart. Wider ranges (thousands of delegates) compute it exactly at `KNOTS` points from low to
high, the scenarios and the paying-attendee threshold included, and interpolate linearly in between: between
two points every line is affine in attendance, so the figures differ from the exact ones by at most the
per-line rounding (one minor unit a line), or where an in-kind offset just covers a line.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from math import ceil

from planner.domain.budget import BudgetModel, _is_ticket_line
from planner.domain.enums import N_
from planner.domain.messages import DomainError
from planner.domain.money import Money

DEFAULT_RUNS = 5000
DEFAULT_SEED = 2012
EXACT_SPAN = 400
KNOTS = 201


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
    result_at = _result_function(model, low, high, peak)
    results: list[int] = []
    people = 0
    for _ in range(runs):
        n = round(rng.triangular(low, high, peak))
        people += n
        results.append(result_at(n))
    results.sort()
    losses = sum(1 for r in results if r < 0)
    cur = model.currency
    return RiskResult(
        runs, seed, low, peak, high, Decimal(losses) / runs,
        Money(_percentile(results, 10), cur), Money(_percentile(results, 50), cur),
        Money(_percentile(results, 90), cur), Decimal(people) / runs,
    )


def _result_function(model: BudgetModel, low: int, high: int, peak: int):
    """Result (minor units) by attendance: exact per value on narrow ranges, interpolated on wide ones."""
    cache: dict[int, int] = {}

    def exact(n: int) -> int:
        if n not in cache:
            cache[n] = model.result_minor(n)
        return cache[n]

    if high - low <= EXACT_SPAN:
        return exact
    threshold = model.inputs.complimentary
    points = {low, high, peak, model.inputs.attendance.expected}
    points.update(low + (high - low) * i // (KNOTS - 1) for i in range(KNOTS))
    points.update(p for p in (threshold, threshold + 1) if low <= p <= high)
    knots = sorted(points)
    values = [exact(k) for k in knots]

    def interpolated(n: int) -> int:
        if n in cache:
            return cache[n]
        i = bisect_right(knots, n)
        a, b = knots[i - 1], knots[i]
        va, vb = values[i - 1], values[i]
        # exact integer rounding, half away from zero, of va + (vb - va) * (n - a) / (b - a)
        num = va * (b - a) + (vb - va) * (n - a)
        den = b - a
        q, r = divmod(abs(num), den)
        q += 1 if 2 * r >= den else 0
        return q if num >= 0 else -q

    return interpolated


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
    income = sum(r.planned_minor for r in model.line_results(attendance)
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
