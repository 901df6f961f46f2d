"""Budget status for organisers: planned, committed and actual, variance against a baseline, forecast.

Per line (amounts in base currency, at one scenario, expected by default):
    open commitment = committed - actual, never below zero (ordered but not yet paid)
    remaining plan  = planned - max(committed, actual), never below zero (plan not yet ordered)
    forecast at completion = actual + open commitment + remaining plan
An expense line or category is over plan when its forecast exceeds its plan. A baseline freezes the planned
amount of every line; variance = working plan - baseline plan (positive: the plan grew). Lines added since
the baseline have no baseline amount; lines removed since are listed apart.
Committed and actual amounts entered in another currency convert like the plan does. For an income line
with nothing entered as committed, the secured cash commitments linked to it count as committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext

from planner.domain.budget import FUNDING_SECURED, BudgetModel, LineResult
from planner.domain.enums import CommitmentStatus, LineKind, Scenario
from planner.domain.fx import PRECISION, exact_to_money
from planner.domain.money import Money


@dataclass(frozen=True)
class Baseline:
    """An approved budget, frozen: each line's planned amount at one scenario."""

    scenario: Scenario
    currency: str
    frozen_on: date
    label: str
    lines: dict[int | str, Money]
    categories: dict[tuple[str, str], Money] = field(default_factory=dict)  # (kind, category) -> planned


@dataclass(frozen=True)
class StatusRow:
    key: int | str  # line id, or category name for a category row
    kind: LineKind
    category: str
    label: str
    planned: Money
    committed: Money
    actual: Money
    open_commitment: Money
    remaining: Money
    forecast: Money
    baseline: Money | None
    variance: Money | None

    @property
    def over_plan(self) -> bool:
        return self.kind == LineKind.EXPENSE and self.planned < self.forecast


@dataclass(frozen=True)
class BudgetStatus:
    scenario: Scenario
    currency: str
    lines: tuple[StatusRow, ...]
    categories: tuple[StatusRow, ...]
    income: StatusRow
    expenses: StatusRow
    removed_since_baseline: tuple[int | str, ...]
    baseline_label: str | None

    @property
    def over_plan_lines(self) -> tuple[StatusRow, ...]:
        return tuple(r for r in self.lines if r.over_plan)

    @property
    def over_plan_categories(self) -> tuple[StatusRow, ...]:
        return tuple(r for r in self.categories if r.over_plan)


def freeze_baseline(model: BudgetModel, on: date, label: str = "",
                    scenario: Scenario = Scenario.EXPECTED) -> Baseline:
    result = model.scenario(scenario)
    return Baseline(
        Scenario(scenario), model.currency, on, label,
        {line.line_id: line.planned for line in result.lines},
        {(str(t.kind), t.category): t.planned for t in result.income_by_category + result.expenses_by_category},
    )


def _convert(model: BudgetModel, amount: Money | None, where: str) -> int:
    if amount is None:
        return 0
    if amount.currency == model.currency:  # most amounts are in the base currency: nothing to convert
        return amount.minor
    factor, _used = model._factor(amount.currency, where, amount.minor)  # noqa: SLF001 - same conversion as the plan
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return exact_to_money(Decimal(amount.minor) * factor, model.currency, where).minor


class _SharedMoney(dict):
    """Money of one currency by minor units, each amount made once: a status row's nine amounts are mostly
    zero or the planned amount, and a large budget has many rows (Money is immutable, so sharing is safe)."""

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency

    def __missing__(self, minor: int) -> Money:
        money = self[minor] = Money(minor, self.currency)
        return money


def _money_maker(currency: str):
    """Money(v, currency) for an int v, equal amounts sharing one Money (a lookup when already made)."""
    return _SharedMoney(currency).__getitem__


def _row(key, kind, category, label, planned, committed, actual, baseline, currency, m=None) -> StatusRow:
    open_commitment = max(committed - actual, 0)
    remaining = max(planned - max(committed, actual), 0)
    if m is None:
        m = _money_maker(currency)
    return StatusRow(
        key, kind, category, label, m(planned), m(committed), m(actual), m(open_commitment), m(remaining),
        m(actual + open_commitment + remaining), None if baseline is None else m(baseline),
        None if baseline is None else m(planned - baseline),
    )


def budget_status(model: BudgetModel, scenario: Scenario = Scenario.EXPECTED,
                  baseline: Baseline | None = None) -> BudgetStatus:
    scenario = Scenario(scenario)
    currency = model.currency
    entered = {line.id: line for line in model.inputs.lines}
    secured_cash: dict = {}
    by_derived_id: dict = {}  # "commitment:<id>" -> the prepared commitment behind that derived income line
    for prepared in model.commitments:
        c = prepared.commitment
        by_derived_id.setdefault(f"commitment:{c.id}", prepared)
        if prepared.cash and prepared.bucket == FUNDING_SECURED and c.line_id is not None:
            secured_cash[c.line_id] = secured_cash.get(c.line_id, 0) + prepared.amount.minor
    m = _money_maker(currency)
    frozen_lines = baseline.lines if baseline else {}
    rows: list[StatusRow] = []
    for line in model.scenario(scenario).lines:
        committed, actual = _amounts(model, line, entered, secured_cash, by_derived_id)
        frozen = frozen_lines.get(line.line_id)
        rows.append(_row(line.line_id, line.kind, line.category, line.label, line.planned.minor, committed,
                         actual, None if frozen is None else frozen.minor, currency, m))
    categories: list[StatusRow] = []
    seen: dict[tuple, list[StatusRow]] = {}
    for row in rows:
        seen.setdefault((row.kind, row.category), []).append(row)
    for (kind, category), members in seen.items():
        base = None
        if baseline is not None:
            frozen = baseline.categories.get((str(kind), category))
            base = frozen.minor if frozen is not None else 0
        categories.append(_sum_row(category, kind, category, members, base, currency, m))
    totals = {}
    for kind in (LineKind.INCOME, LineKind.EXPENSE):
        members = [r for r in categories if r.kind == kind]
        base = None
        if baseline is not None:
            base = sum(v.minor for (k, _c), v in baseline.categories.items() if k == kind.value)
        totals[kind] = _sum_row(kind.value, kind, "", members, base, currency, m)
    keys = {r.key for r in rows}
    removed = tuple(k for k in frozen_lines if k not in keys)
    return BudgetStatus(scenario, currency, tuple(rows), tuple(categories), totals[LineKind.INCOME],
                        totals[LineKind.EXPENSE], removed, baseline.label if baseline else None)


def _amounts(model: BudgetModel, line: LineResult, entered: dict, secured_cash: dict,
             by_derived_id: dict | None = None) -> tuple[int, int]:
    if line.source == "commitment":
        if by_derived_id is not None:
            prepared = by_derived_id[line.line_id]
        else:
            prepared = next(p for p in model.commitments if f"commitment:{p.commitment.id}" == line.line_id)
        committed = prepared.amount.minor if prepared.bucket == FUNDING_SECURED else 0
        actual = prepared.amount.minor if prepared.commitment.status == CommitmentStatus.PAID else 0
        return committed, actual
    source = entered.get(line.line_id)
    if source is None:  # a derived speaker line: nothing booked yet
        return 0, 0
    committed = _convert(model, source.committed, source.label)
    if source.committed is None and line.kind == LineKind.INCOME:
        committed = secured_cash.get(line.line_id, 0)
    return committed, _convert(model, source.actual, source.label)


def _sum_row(key, kind, category, members, baseline, currency, m=None) -> StatusRow:
    if m is None:
        m = _money_maker(currency)
    planned = committed = actual = open_commitment = remaining = forecast = 0
    for r in members:  # one pass over the members, six sums
        planned += r.planned.minor
        committed += r.committed.minor
        actual += r.actual.minor
        open_commitment += r.open_commitment.minor
        remaining += r.remaining.minor
        forecast += r.forecast.minor
    return StatusRow(
        key, kind, category, str(key), m(planned), m(committed), m(actual),
        m(open_commitment), m(remaining), m(forecast),
        None if baseline is None else m(baseline), None if baseline is None else m(planned - baseline),
    )
