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

from planner.domain.budget import FUNDING_SECURED, BudgetModel, LineTable
from planner.domain.enums import CommitmentStatus, LineKind, Scenario
from planner.domain.fx import PRECISION, exact_to_money
from planner.domain.money import Money, SharedMoney
from planner.domain.rows import Row


@dataclass(frozen=True)
class Baseline:
    """An approved budget, frozen: each line's planned amount at one scenario."""

    scenario: Scenario
    currency: str
    frozen_on: date
    label: str
    lines: dict[int | str, Money]
    categories: dict[tuple[str, str], Money] = field(default_factory=dict)  # (kind, category) -> planned


def _amount(name: str) -> property:
    def money(row: StatusRow) -> Money:
        return row.money[getattr(row, name)]
    return property(money)


def _optional_amount(name: str) -> property:
    def money(row: StatusRow) -> Money | None:
        minor = getattr(row, name)
        return None if minor is None else row.money[minor]
    return property(money)


class StatusRow(Row):
    """One line's (or category's, or total's) status (a Row: made once per line, never changed).

    It keeps its amounts as minor units and gives them as Money of its currency when read, so a status of
    100 000 lines makes no Money for amounts nobody reads (equal amounts share one Money)."""

    __slots__ = ("key", "kind", "category", "label", "money", "planned_minor", "committed_minor", "actual_minor",
                 "open_minor", "remaining_minor", "forecast_minor", "baseline_minor", "variance_minor")
    _fields = ("key", "kind", "category", "label", "planned", "committed", "actual", "open_commitment",
               "remaining", "forecast", "baseline", "variance")

    def __init__(self, key: int | str, kind: LineKind, category: str, label: str, money: SharedMoney,
                 planned: int, committed: int, actual: int, open_commitment: int, remaining: int, forecast: int,
                 baseline: int | None, variance: int | None) -> None:
        self.key = key  # line id, or category name for a category row
        self.kind = kind
        self.category = category
        self.label = label
        self.money = money  # the currency's Money by minor units
        self.planned_minor = planned
        self.committed_minor = committed
        self.actual_minor = actual
        self.open_minor = open_commitment
        self.remaining_minor = remaining
        self.forecast_minor = forecast
        self.baseline_minor = baseline
        self.variance_minor = variance

    planned = _amount("planned_minor")
    committed = _amount("committed_minor")
    actual = _amount("actual_minor")
    open_commitment = _amount("open_minor")
    remaining = _amount("remaining_minor")
    forecast = _amount("forecast_minor")
    baseline = _optional_amount("baseline_minor")
    variance = _optional_amount("variance_minor")

    @property
    def over_plan(self) -> bool:
        return self.kind == LineKind.EXPENSE and self.planned_minor < self.forecast_minor


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


class _Bookings:
    """Line id -> (committed, actual, label) as entered: each a (minor units, currency), or None when nothing
    is entered. Read from a LineTable's rows without making a LineInput per line, and without a dict of
    them: the model's results list the entered lines first, in their order, so the n-th result's bookings
    are the n-th row's (`at`, checked by id); `get` by id otherwise."""

    __slots__ = ("rows", "by_id")

    def __init__(self, model: BudgetModel) -> None:
        lines = model.inputs.lines
        self.by_id: dict | None = None
        if isinstance(lines, LineTable):
            self.rows = lines.rows
        else:
            self.rows = tuple(
                (line.id, None, None, line.label, None, None, None, None, None, None,
                 0 if line.committed is None else line.committed.minor,
                 0 if line.actual is None else line.actual.minor,
                 None if line.committed is None else line.committed.currency,
                 None if line.actual is None else line.actual.currency)
                for line in lines)

    def at(self, index: int, line_id) -> tuple | None:
        rows = self.rows
        if index < len(rows) and rows[index][0] == line_id:
            return self._booked(rows[index])
        return self.get(line_id)

    def get(self, line_id) -> tuple | None:
        if self.by_id is None:
            self.by_id = {row[0]: row for row in self.rows}
        row = self.by_id.get(line_id)
        return None if row is None else self._booked(row)

    @staticmethod
    def _booked(row: tuple) -> tuple:
        if len(row) == 12:  # a LineTable row: amounts in the line's currency
            line_id, _k, _c, label, _b, _u, currency, _q, _v, _i, committed, actual = row
            return (committed, currency) if committed else None, (actual, currency) if actual else None, label
        _id, _k, _c, label, _b, _u, _cur, _q, _v, _i, committed, actual, committed_in, actual_in = row
        return (None if committed_in is None else (committed, committed_in),
                None if actual_in is None else (actual, actual_in), label)


def budget_status(model: BudgetModel, scenario: Scenario = Scenario.EXPECTED,
                  baseline: Baseline | None = None) -> BudgetStatus:
    """Each line's status, then each category's and the totals, in exact integers: one StatusRow per line,
    its amounts shared between rows (mostly zero or the planned amount)."""
    scenario = Scenario(scenario)
    currency = model.currency
    bookings = _Bookings(model)
    secured_cash: dict = {}
    by_derived_id: dict = {}  # "commitment:<id>" -> the prepared commitment behind that derived income line
    for prepared in model.commitments:
        c = prepared.commitment
        by_derived_id.setdefault(f"commitment:{c.id}", prepared)
        if prepared.cash and prepared.bucket == FUNDING_SECURED and c.line_id is not None:
            secured_cash[c.line_id] = secured_cash.get(c.line_id, 0) + prepared.amount.minor
    m = SharedMoney(currency)
    frozen_lines = baseline.lines if baseline else {}
    rows: list[StatusRow] = []
    append = rows.append
    # (kind, category) -> [planned, committed, actual, open, remaining, forecast], in the order first seen
    sums: dict[tuple, list[int]] = {}
    income = LineKind.INCOME
    for index, line in enumerate(model.scenario(scenario).lines):
        line_id, kind = line.line_id, line.kind
        if line.source == "commitment":
            prepared = by_derived_id[line_id]
            committed = prepared.amount.minor if prepared.bucket == FUNDING_SECURED else 0
            actual = prepared.amount.minor if prepared.commitment.status == CommitmentStatus.PAID else 0
        else:
            booked = bookings.at(index, line_id) if line.source == "line" else None
            if booked is None:  # a derived speaker line: nothing booked yet
                committed = actual = 0
            else:
                entered_committed, entered_actual, where = booked
                if entered_committed is None:
                    committed = secured_cash.get(line_id, 0) if kind == income else 0
                elif entered_committed[1] == currency:  # most amounts are in the base currency
                    committed = entered_committed[0]
                else:
                    committed = _convert(model, entered_committed, where)
                if entered_actual is None:
                    actual = 0
                elif entered_actual[1] == currency:
                    actual = entered_actual[0]
                else:
                    actual = _convert(model, entered_actual, where)
        planned = line.planned_minor
        open_commitment = committed - actual if committed > actual else 0
        remaining = planned - (committed if committed > actual else actual)
        if remaining < 0:
            remaining = 0
        forecast = actual + open_commitment + remaining
        frozen = frozen_lines.get(line_id) if frozen_lines else None
        append(StatusRow(
            line_id, kind, line.category, line.label, m, planned, committed, actual, open_commitment, remaining,
            forecast, None if frozen is None else frozen.minor, None if frozen is None else planned - frozen.minor))
        totals = sums.get((kind, line.category))
        if totals is None:
            sums[(kind, line.category)] = [planned, committed, actual, open_commitment, remaining, forecast]
        else:
            totals[0] += planned
            totals[1] += committed
            totals[2] += actual
            totals[3] += open_commitment
            totals[4] += remaining
            totals[5] += forecast
    categories: list[StatusRow] = []
    for (kind, category), totals in sums.items():
        base = None
        if baseline is not None:
            frozen = baseline.categories.get((str(kind), category))
            base = frozen.minor if frozen is not None else 0
        categories.append(_total_row(category, kind, category, totals, base, m))
    by_kind = {}
    for kind in (LineKind.INCOME, LineKind.EXPENSE):
        members = [r for r in categories if r.kind == kind]
        base = None
        if baseline is not None:
            base = sum(v.minor for (k, _c), v in baseline.categories.items() if k == kind.value)
        by_kind[kind] = _sum_row(kind.value, kind, "", members, base, m)
    removed: tuple = ()
    if frozen_lines:
        keys = {r.key for r in rows}
        removed = tuple(k for k in frozen_lines if k not in keys)
    return BudgetStatus(scenario, currency, tuple(rows), tuple(categories), by_kind[LineKind.INCOME],
                        by_kind[LineKind.EXPENSE], removed, baseline.label if baseline else None)


def _convert(model: BudgetModel, amount: tuple[int, str], where: str) -> int:
    """An entered (minor units, currency) in the model's currency, converted as the plan is."""
    minor, currency = amount
    if currency == model.currency:  # most amounts are in the base currency: nothing to convert
        return minor
    factor, _used = model._factor(currency, where, minor)  # noqa: SLF001 - same conversion as the plan
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return exact_to_money(Decimal(minor) * factor, model.currency, where).minor


def _total_row(key, kind, category, totals: list[int], baseline, m: SharedMoney) -> StatusRow:
    planned, committed, actual, open_commitment, remaining, forecast = totals
    return StatusRow(key, kind, category, str(key), m, planned, committed, actual, open_commitment, remaining,
                     forecast, baseline, None if baseline is None else planned - baseline)


def _sum_row(key, kind, category, members, baseline, m: SharedMoney) -> StatusRow:
    totals = [0, 0, 0, 0, 0, 0]
    for r in members:  # one pass over the members, six sums
        totals[0] += r.planned_minor
        totals[1] += r.committed_minor
        totals[2] += r.actual_minor
        totals[3] += r.open_minor
        totals[4] += r.remaining_minor
        totals[5] += r.forecast_minor
    return _total_row(key, kind, category, totals, baseline, m)
