"""Budget scenarios: each line's planned amount in the base currency, totals, break-even and cost per attendee.

Rules, written once here and used by every front end:

* A line's count is its basis at the scenario (fixed 1, attendees, paying attendees = attendees minus
  complimentary ones, speakers, event days, attendee-days) times the line's quantity.
* VAT: income always counts excluding VAT. Expenses count excluding VAT when the organiser can deduct input
  VAT and including VAT when it cannot. A line entered the other way is converted with its own rate.
* Currency: a line in another currency converts to the base currency with the latest rate on or before the
  budget's rate date (see fx.py). Unit amount x count x VAT factor x exchange factor is computed exactly and
  rounded once per line (money.py's rule); totals are sums of the rounded lines.
* Speakers invited or confirmed (not ideas, not those who declined) add one derived expense line each in the
  speakers category: fee + travel + nights x the accommodation rate, as entered (no VAT adjustment), so
  nobody types them twice. They are also the count for per-speaker lines unless a count is given.
* Commitments (see funding.py for the funding view), counted once:
  - a cash commitment linked to an income line *covers* that line: the line counts the larger of its own plan
    and its secured + pledged linked cash, never the sum;
  - a secured or pledged cash commitment linked to no line becomes a derived income line in the partner
    contribution category; prospects stay out of the budget (funding.py lists them);
  - an in-kind commitment (venue, staff, marketing, in kind) linked to an expense line *offsets* it: the line
    counts its gross plan minus the secured + pledged in-kind value, never below zero;
  - declined commitments count nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, getcontext, localcontext
from fractions import Fraction
from math import ceil

from planner.domain.enums import (
    N_,
    SECURED_STATUSES,
    Basis,
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    LineKind,
    Scenario,
    SpeakerStatus,
)
from planner.domain.fx import PRECISION, AmountTooLargeError, Rate, RateTable, exact_to_money
from planner.domain.messages import DomainError, Message
from planner.domain.money import MAX_MINOR, Money, SharedMoney, round_minor
from planner.domain.rows import Row

# Income categories earned from the event itself; the others (sponsorship, public funding, partner
# contributions) are funding and are judged by their commitments in funding.py.
EARNED_INCOME_CATEGORIES = frozenset({BudgetCategory.REGISTRATION.value, BudgetCategory.EXHIBITION.value})
TICKET_CATEGORY = BudgetCategory.REGISTRATION.value
CATEGORY_ORDER = {c.value: i for i, c in enumerate(BudgetCategory)}

FUNDING_SECURED = "secured"
FUNDING_PLEDGED = "pledged"
FUNDING_PROSPECT = "prospect"


def funding_bucket(status: CommitmentStatus | str) -> str | None:
    """secured (signed, invoiced, paid), pledged, prospect (prospect, contacted) or None (declined)."""
    status = CommitmentStatus(status)
    if status in SECURED_STATUSES:
        return FUNDING_SECURED
    if status == CommitmentStatus.PLEDGED:
        return FUNDING_PLEDGED
    if status in (CommitmentStatus.PROSPECT, CommitmentStatus.CONTACTED):
        return FUNDING_PROSPECT
    return None


def is_cash(kind: CommitmentKind | str) -> bool:
    return CommitmentKind(kind) == CommitmentKind.CASH


# ---------------------------------------------------------------------------------------------- inputs


def is_costed_speaker(speaker: SpeakerCostInput) -> bool:
    """Invited and confirmed speakers cost money; ideas and those who declined do not."""
    return SpeakerStatus(speaker.status) in (SpeakerStatus.INVITED, SpeakerStatus.CONFIRMED)


@dataclass(frozen=True)
class Attendance:
    """The bid's three attendance scenarios."""

    low: int
    expected: int
    high: int

    def __post_init__(self) -> None:
        for name in ("low", "expected", "high"):
            if getattr(self, name) < 0:
                raise DomainError(N_("Attendance ({scenario}) cannot be negative."), scenario=name)
        if not self.low <= self.expected <= self.high:
            raise DomainError(
                N_("Attendance must satisfy low <= expected <= high (now {low}, {expected}, {high})."),
                low=self.low, expected=self.expected, high=self.high,
            )

    def at(self, scenario: Scenario | str) -> int:
        return getattr(self, Scenario(scenario).value)


@dataclass(frozen=True)
class LineInput:
    """One budget line as the user entered it."""

    id: int | str
    kind: LineKind
    category: str
    label: str
    basis: Basis
    unit: Money
    quantity: int = 1
    vat_rate_percent: int = 0
    amounts_include_vat: bool = False
    committed: Money | None = None
    actual: Money | None = None


# The values of one budget line in a LineTable row, in this order.
LINE_COLUMNS = ("id", "kind", "category", "label", "basis", "unit_minor", "currency", "quantity",
                "vat_rate_percent", "amounts_include_vat", "committed_minor", "actual_minor")


def _line_from_row(row: tuple) -> LineInput:
    (line_id, kind, category, label, basis, unit, currency, quantity, vat_rate, included, committed,
     actual) = row
    return LineInput(
        line_id, kind, getattr(category, "value", category), label, basis, Money(unit, currency), quantity,
        vat_rate, included, Money(committed, currency) if committed else None,
        Money(actual, currency) if actual else None)


class LineTable(Sequence):
    """Budget lines as rows of plain values, as a database query returns them: one tuple per line, its values
    in LINE_COLUMNS order, amounts in minor units of the line's currency (0 committed or actual: nothing
    booked, as a LineInput's None). A large budget reaches the model this way without an object per line;
    a LineInput is made only for a line asked for, equal to the one the same values make."""

    __slots__ = ("rows",)

    def __init__(self, rows: Iterable[tuple]) -> None:
        self.rows = rows if isinstance(rows, tuple) else tuple(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(map(_line_from_row, self.rows[index]))
        return _line_from_row(self.rows[index])

    def __iter__(self) -> Iterator[LineInput]:
        return map(_line_from_row, self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineTable):
            return self.rows == other.rows
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"LineTable({len(self.rows)} lines)"


@dataclass(frozen=True)
class SpeakerCostInput:
    """What one speaker costs: fee, travel and nights at the bid's accommodation rate."""

    id: int | str
    name: str
    status: SpeakerStatus = SpeakerStatus.INVITED
    fee: Money | None = None
    travel: Money | None = None
    nights: int = 0


@dataclass(frozen=True)
class CommitmentInput:
    """What a partner commits; `line_id` links it to the income (cash) or expense (in kind) line it covers."""

    id: int | str
    partner: str
    kind: CommitmentKind
    status: CommitmentStatus
    amount: Money
    line_id: int | str | None = None
    due: date | None = None
    description: str = ""


@dataclass(frozen=True)
class BudgetInputs:
    currency: str
    vat_deductible: bool
    attendance: Attendance
    event_days: int = 1
    complimentary: int = 0
    lines: Sequence[LineInput] = ()  # a tuple of LineInput, or a LineTable
    speakers: tuple[SpeakerCostInput, ...] = ()
    speaker_count: int | None = None  # None: the speakers invited or confirmed
    accommodation_rate: Money | None = None  # per night, for speakers
    commitments: tuple[CommitmentInput, ...] = ()
    rates: RateTable = field(default_factory=RateTable)
    rate_date: date = date(2000, 1, 1)

    def __post_init__(self) -> None:
        if self.event_days < 0:
            raise DomainError(N_("Event days cannot be negative (now {days})."), days=self.event_days)
        if self.complimentary < 0:
            raise DomainError(N_("Complimentary attendees cannot be negative (now {count})."),
                              count=self.complimentary)


# --------------------------------------------------------------------------------------------- results


def _amount(name: str) -> property:
    def money(row) -> Money:
        return row.money[getattr(row, name)]
    return property(money)


class LineResult(Row):
    """One line of a scenario (a Row: made once per line, never changed). Its amounts are kept as minor units
    (`planned_minor`, ...) and given as Money of the base currency when read, equal amounts sharing one."""

    __slots__ = ("line_id", "kind", "category", "label", "basis", "count", "money", "gross_minor", "planned_minor",
                 "offset_minor", "cover_minor", "source", "rates", "note")
    _fields = ("line_id", "kind", "category", "label", "basis", "count", "gross", "planned", "in_kind_offset",
               "commitment_cover", "source", "rates", "note")

    def __init__(self, line_id: int | str, kind: LineKind, category: str, label: str, basis: Basis,
                 count: int, money: SharedMoney, gross: int, planned: int, in_kind_offset: int,
                 commitment_cover: int, source: str = "line", rates: tuple[Rate, ...] = (),
                 note: Message | None = None) -> None:
        self.line_id = line_id
        self.kind = kind
        self.category = category
        self.label = label
        self.basis = basis
        self.count = count  # basis at the scenario x quantity
        self.money = money  # the base currency's Money by minor units
        self.gross_minor = gross  # unit x count, VAT-adjusted, in base currency, rounded once
        self.planned_minor = planned  # what the budget counts (after commitment cover / in-kind offset)
        self.offset_minor = in_kind_offset
        self.cover_minor = commitment_cover  # secured + pledged cash linked to this income line
        self.source = source  # line | speaker | commitment
        self.rates = rates
        self.note = note

    gross = _amount("gross_minor")
    planned = _amount("planned_minor")
    in_kind_offset = _amount("offset_minor")
    commitment_cover = _amount("cover_minor")


@dataclass(frozen=True)
class CategoryTotal:
    kind: LineKind
    category: str
    planned: Money


@dataclass(frozen=True)
class BreakEvenAttendance:
    attendance: int | None
    reason: Message | None = None

    @property
    def reachable(self) -> bool:
        return self.attendance is not None


@dataclass(frozen=True)
class BreakEvenPrice:
    """The ticket price per paying attendee (excluding VAT) at which the result is zero."""

    price: Money | None
    paying: int
    reason: Message | None = None

    @property
    def reachable(self) -> bool:
        return self.price is not None


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario | None  # None for an arbitrary attendance
    attendance: int
    paying: int
    speakers: int
    days: int
    lines: tuple[LineResult, ...]
    income_by_category: tuple[CategoryTotal, ...]
    expenses_by_category: tuple[CategoryTotal, ...]
    income: Money
    expenses: Money
    result: Money
    cost_per_attendee: Money | None
    break_even_attendance: BreakEvenAttendance
    break_even_ticket_price: BreakEvenPrice

    def category(self, kind: LineKind | str, category: str) -> Money:
        for total in self.income_by_category + self.expenses_by_category:
            if total.kind == kind and total.category == category:
                return total.planned
        return Money.zero(self.income.currency)


@dataclass(frozen=True)
class BudgetReport:
    currency: str
    scenarios: Mapping[Scenario, ScenarioResult]
    rates_used: tuple[Rate, ...]
    notes: tuple[Message, ...]

    def __getitem__(self, scenario: Scenario | str) -> ScenarioResult:
        return self.scenarios[Scenario(scenario)]


# ------------------------------------------------------------------------------------------- the model


class _Prepared(Row):
    """A line reduced to its exact base-currency amount per counted unit; scenario-independent."""

    __slots__ = ("line_id", "kind", "category", "label", "basis", "quantity", "_per_unit", "rates", "source",
                 "numerator", "scale")
    _fields = ("line_id", "kind", "category", "label", "basis", "quantity", "per_unit", "rates", "source",
               "numerator", "scale")

    def __init__(self, line_id: int | str, kind: LineKind, category: str, label: str, basis: Basis,
                 quantity: int, per_unit: Decimal | None, rates: tuple[Rate, ...], source: str,
                 numerator: int = 0, scale: int = 0) -> None:
        self.line_id = line_id
        self.kind = kind
        self.category = category
        self.label = label
        self.basis = basis
        self.quantity = quantity
        # base minor units per counted unit, exact; None when it is the whole number `numerator` (scale 1)
        self._per_unit = per_unit
        self.rates = rates
        self.source = source
        # per_unit as numerator / scale in lowest terms (scale > 0), so a line is counted with exact integer
        # arithmetic; worked out from per_unit unless given (scale 0: not given)
        if scale == 0:
            numerator, scale = per_unit.as_integer_ratio()  # exact, unlike arithmetic in a decimal context
        self.numerator = numerator
        self.scale = scale

    @property
    def per_unit(self) -> Decimal:
        return Decimal(self.numerator) if self._per_unit is None else self._per_unit


@dataclass(frozen=True)
class _PreparedCommitment:
    commitment: CommitmentInput
    amount: Money  # base currency
    bucket: str
    cash: bool
    rates: tuple[Rate, ...]


def vat_factor(kind: LineKind, rate_percent: int, amounts_include_vat: bool, vat_deductible: bool) -> Decimal:
    """The factor turning the entered amount into the counted one (see the module docstring)."""
    gross_up = 1 + Decimal(rate_percent) / 100
    counts_excluding = LineKind(kind) == LineKind.INCOME or vat_deductible
    if counts_excluding:
        return Decimal(1) / gross_up if amounts_include_vat else Decimal(1)
    return Decimal(1) if amounts_include_vat else gross_up


# A line's kind and basis by their stored value (or member): one dict lookup instead of an enum call per line.
_KINDS = {kind.value: kind for kind in LineKind}
_BASES = {basis.value: basis for basis in Basis}
# Bases whose count is the same at every attendance: such a line's result is worked out once per model.
_CONSTANT_BASES = frozenset({Basis.FIXED, Basis.PER_SPEAKER, Basis.PER_DAY})
# How many attendances' line results (and scenario results) a model keeps.
_CACHED_ATTENDANCES = 8
_NOT_KEPT = object()


@dataclass(frozen=True)
class _ResultSums:
    """The lines of a model grouped for result_minor (see there)."""

    constant: int  # income minus expenses of the lines no attendance changes
    per_basis: dict[Basis, int]  # signed sum of whole per-unit amounts, by attendance-dependent basis
    largest: dict[Basis, int]  # the largest per-unit magnitude in each of those sums (storage check)
    other: tuple[_Prepared, ...]  # lines worked out one by one: a fraction to round, or a linked commitment


def _round_ratio(product: int, scale: int, where: str) -> int:
    """product / scale (scale > 0) rounded once, half away from zero (money.py's rule), in exact integer
    arithmetic; AmountTooLargeError naming `where` if it does not fit in storage."""
    if scale == 1:
        whole = product if product >= 0 else -product
    else:
        whole, rest = divmod(product if product >= 0 else -product, scale)
        if 2 * rest >= scale:
            whole += 1
    if whole > MAX_MINOR:
        raise AmountTooLargeError(where)
    return whole if product >= 0 else -whole


def _check_total(minor: int, where: str | tuple[str, ...]) -> int:
    if abs(minor) > MAX_MINOR:
        raise AmountTooLargeError(where)
    return minor


class BudgetModel:
    """A bid's budget prepared once (conversions, VAT, commitments) and evaluated at any attendance."""

    def __init__(self, inputs: BudgetInputs) -> None:
        self.inputs = inputs
        self.currency = inputs.currency
        self.notes: list[Message] = []
        self._break_even: dict[int, BreakEvenAttendance] = {}
        self._rates: dict[tuple[str, date], Rate] = {}
        self.lines: list[_Prepared] = []
        self.commitments: list[_PreparedCommitment] = []
        # computed once per model, reused: conversion factors by currency, VAT factors by line kind and rate,
        # line results by attendance, scenario results, and the line results no attendance changes
        self._factors: dict[str, tuple[Decimal, tuple[Rate, ...]]] = {}
        self._vat_factors: dict[tuple, Decimal] = {}
        self._line_cache: dict[int, tuple[LineResult, ...]] = {}
        self._evaluated: dict[tuple, ScenarioResult] = {}
        self._constant: dict[int, LineResult] = {}
        self._sums: dict[object, _ResultSums | None] = {}  # by `exclude`, for result_minor
        self._money = SharedMoney(self.currency)  # the results' amounts, each made once (Money is immutable)
        self._prepare_lines(inputs.lines)
        line_kinds = {line.line_id: line.kind for line in self.lines}
        self._prepare_speakers()
        self.cash_cover: dict[int | str, int] = {}
        self.in_kind_by_line: dict[int | str, list[_PreparedCommitment]] = {}
        for commitment in inputs.commitments:
            self._prepare_commitment(commitment, line_kinds)
        self.speaker_count = (
            inputs.speaker_count if inputs.speaker_count is not None
            else sum(1 for s in inputs.speakers if is_costed_speaker(s))
        )

    # -- preparation --------------------------------------------------------------------------------

    def _factor(self, currency: str, where: str, minor: int = 1) -> tuple[Decimal, tuple[Rate, ...]]:
        if minor == 0:  # nothing to convert: a zero amount needs no rate
            return Decimal(1), ()
        cached = self._factors.get(currency)
        if cached is None:  # the same currency converts with the same rates throughout one model
            cached = self._factors[currency] = self.inputs.rates.factor(currency, self.currency,
                                                                         self.inputs.rate_date)
            for rate in cached[1]:
                self._rates[(rate.currency, rate.on)] = rate
        return cached

    def _prepare_lines(self, lines: Sequence[LineInput]) -> None:
        """Each entered line as a _Prepared, in order: its exact amount per counted unit in base minor units
        (unit x quantity x VAT factor x exchange factor in Decimal at PRECISION digits, each product rounded
        as that context rounds it), as numerator / scale. Read from a LineTable's rows without making a
        LineInput; a line whose factors are both exactly 1 (most: the base currency, nothing to adjust for
        VAT) is the whole number unit x quantity, with no Decimal arithmetic at all."""
        if isinstance(lines, LineTable):
            rows: Iterable[tuple] = lines.rows
        else:
            rows = [(line.id, line.kind, line.category, line.label, line.basis, line.unit.minor, line.unit.currency,
                     line.quantity, line.vat_rate_percent, line.amounts_include_vat, None, None) for line in lines]
        context = getcontext().copy()
        context.prec = PRECISION
        multiply = context.multiply
        limit = 10**PRECISION  # a whole unit x quantity below it is exact in the context
        vat_deductible = self.inputs.vat_deductible
        # (currency, kind, VAT rate, included) -> (VAT factor, exchange factor, rates used, both exactly 1)
        factors: dict[tuple, tuple[Decimal, Decimal, tuple[Rate, ...], bool]] = {}
        categories: dict = {}
        append = self.lines.append
        for line_id, kind, category, label, basis, unit, currency, quantity, vat_rate, included, _c, _a in rows:
            if quantity < 0:
                raise DomainError(N_("Budget line “{label}”: the quantity cannot be negative."), label=label)
            if not 0 <= vat_rate <= 100:
                raise DomainError(N_("Budget line “{label}”: the VAT rate must be between 0 and 100 percent."),
                                  label=label)
            known_kind = _KINDS.get(kind)
            if known_kind is None:  # refused as before: a missing exchange rate first, then the kind
                self._factor(currency, label, unit)
                known_kind = LineKind(kind)
            kind = known_kind
            if unit == 0:  # nothing to convert: a zero amount needs no rate
                numerator, scale, per_unit, used = 0, 1, None, ()
            else:
                key = (currency, kind, vat_rate, included)
                known = factors.get(key)
                if known is None:
                    factor, used = self._factor(currency, label, unit)
                    vat_key = (kind, vat_rate, included)
                    vat = self._vat_factors.get(vat_key)
                    if vat is None:
                        with localcontext(context):
                            vat = self._vat_factors[vat_key] = vat_factor(kind, vat_rate, included, vat_deductible)
                    known = factors[key] = (vat, factor, used, vat == 1 and factor == 1)
                vat, factor, used, whole = known
                units = unit * quantity
                if whole and -limit < units < limit:
                    numerator, scale, per_unit = units, 1, None
                else:
                    per_unit = multiply(multiply(multiply(Decimal(unit), quantity), vat), factor)
                    numerator, scale = per_unit.as_integer_ratio()
            name = categories.get(category)
            if name is None:
                name = categories[category] = str(category)
            append(_Prepared(line_id, kind, name, label, _BASES.get(basis) or Basis(basis), quantity, per_unit,
                             used, "line", numerator, scale))

    def _prepare_speakers(self) -> None:
        for speaker in self.inputs.speakers:
            if not is_costed_speaker(speaker):
                continue
            exact = Decimal(0)
            used: list[Rate] = []
            with localcontext() as ctx:
                ctx.prec = PRECISION
                for amount, times in ((speaker.fee, 1), (speaker.travel, 1),
                                      (self.inputs.accommodation_rate, speaker.nights)):
                    if amount is None or times == 0:
                        continue
                    factor, rates = self._factor(amount.currency, speaker.name, amount.minor)
                    used.extend(rates)
                    exact += Decimal(amount.minor) * times * factor
            if speaker.nights and self.inputs.accommodation_rate is None:
                self.notes.append(Message(
                    N_("Speaker {name} has {nights} nights but the bid has no accommodation rate; the nights "
                       "are not costed. Enter the accommodation rate."),
                    {"name": speaker.name, "nights": speaker.nights}))
            self.lines.append(_Prepared(
                f"speaker:{speaker.id}", LineKind.EXPENSE, BudgetCategory.SPEAKERS.value, speaker.name,
                Basis.FIXED, 1, exact, tuple(dict.fromkeys(used)), "speaker"))

    def _prepare_commitment(self, commitment: CommitmentInput, line_kinds: Mapping) -> None:
        bucket = funding_bucket(commitment.status)
        if bucket is None:
            return
        factor, used = self._factor(commitment.amount.currency, commitment.partner, commitment.amount.minor)
        with localcontext() as ctx:
            ctx.prec = PRECISION
            exact = Decimal(commitment.amount.minor) * factor
        amount = exact_to_money(exact, self.currency, commitment.partner)
        prepared = _PreparedCommitment(commitment, amount, bucket, is_cash(commitment.kind), used)
        self.commitments.append(prepared)
        linked_kind = line_kinds.get(commitment.line_id) if commitment.line_id is not None else None
        if commitment.line_id is not None and linked_kind is None:
            self.notes.append(Message(
                N_("The commitment from {partner} is linked to a budget line that does not exist; it is "
                   "treated as unlinked. Link it to an existing line."), {"partner": commitment.partner}))
        if prepared.cash:
            if linked_kind == LineKind.INCOME:
                if bucket != FUNDING_PROSPECT:
                    self.cash_cover[commitment.line_id] = self.cash_cover.get(commitment.line_id, 0) + amount.minor
                return
            if linked_kind == LineKind.EXPENSE:
                self.notes.append(Message(
                    N_("The cash commitment from {partner} is linked to an expense line; cash is income, so it "
                       "is counted as unlinked income. Link it to an income line."),
                    {"partner": commitment.partner}))
            if bucket != FUNDING_PROSPECT:
                self.lines.append(_Prepared(
                    f"commitment:{commitment.id}", LineKind.INCOME, BudgetCategory.PARTNER_CONTRIBUTION.value,
                    commitment.partner, Basis.FIXED, 1, Decimal(amount.minor), used, "commitment"))
            return
        if linked_kind == LineKind.EXPENSE:
            self.in_kind_by_line.setdefault(commitment.line_id, []).append(prepared)
        elif linked_kind == LineKind.INCOME:
            self.notes.append(Message(
                N_("The in-kind commitment from {partner} is linked to an income line; in kind offsets an "
                   "expense. Link it to the expense line it covers."), {"partner": commitment.partner}))

    # -- evaluation ---------------------------------------------------------------------------------

    def paying(self, attendance: int) -> int:
        return max(attendance - self.inputs.complimentary, 0)

    def count(self, basis: Basis, attendance: int) -> int:
        days = self.inputs.event_days
        return {
            Basis.FIXED: 1,
            Basis.PER_ATTENDEE: attendance,
            Basis.PER_PAYING_ATTENDEE: self.paying(attendance),
            Basis.PER_SPEAKER: self.speaker_count,
            Basis.PER_DAY: days,
            Basis.PER_ATTENDEE_DAY: attendance * days,
        }[basis]

    def _counts(self, attendance: int) -> dict[Basis, int]:
        return {basis: self.count(basis, attendance) for basis in Basis}

    @staticmethod
    def _gross_minor(line: _Prepared, count: int) -> int:
        """unit x count x VAT x exchange, rounded once, half away from zero (money.py's rule), in exact
        integer arithmetic: per_unit = numerator / scale."""
        product = line.numerator * count
        whole, rest = divmod(abs(product), line.scale)
        if 2 * rest >= line.scale:
            whole += 1
        if whole > MAX_MINOR:
            raise AmountTooLargeError(line.label)
        return -whole if product < 0 else whole

    def _in_kind_offset(self, line_id, gross: int) -> int:
        """Secured first, then pledged in-kind value, capped at the line's gross amount."""
        remaining = max(gross, 0)
        offset = 0
        for bucket in (FUNDING_SECURED, FUNDING_PLEDGED):
            for prepared in self.in_kind_by_line.get(line_id, ()):
                if prepared.bucket == bucket:
                    take = min(prepared.amount.minor, remaining)
                    offset += take
                    remaining -= take
        return offset

    def _amounts(self, line: _Prepared, counts: dict[Basis, int]) -> tuple[int, int, int, int]:
        """(gross, planned, in-kind offset, commitment cover) of one line, in base minor units."""
        gross = self._gross_minor(line, counts[line.basis])
        if line.source == "line":
            if line.kind == LineKind.INCOME and line.line_id in self.cash_cover:
                cover = self.cash_cover[line.line_id]
                return gross, max(gross, cover), 0, cover
            if line.kind == LineKind.EXPENSE and line.line_id in self.in_kind_by_line:
                offset = self._in_kind_offset(line.line_id, gross)
                return gross, gross - offset, offset, 0
        return gross, gross, 0, 0

    def line_results(self, attendance: int, exclude: Callable[[_Prepared], bool] | None = None
                     ) -> list[LineResult]:
        """Every line at an attendance, in line order. Without `exclude` the results are worked out once per
        attendance and kept (a few attendances at a time): LineResult is immutable, the list is new each call."""
        if exclude is not None:
            return self._line_results(attendance, exclude)
        cached = self._line_cache.get(attendance)
        if cached is None:
            if len(self._line_cache) >= _CACHED_ATTENDANCES:
                self._line_cache.clear()
            cached = self._line_cache[attendance] = tuple(self._line_results(attendance, None))
        return list(cached)

    def _line_results(self, attendance: int, exclude: Callable[[_Prepared], bool] | None) -> list[LineResult]:
        """The same figures as `_amounts` line by line, in integer arithmetic with nothing built twice: a line
        whose count does not depend on attendance (fixed, per speaker, per day) is worked out once per model,
        and equal amounts share one (immutable) Money."""
        counts = self._counts(attendance)
        constant = self._constant
        cash_cover, in_kind = self.cash_cover, self.in_kind_by_line
        money = self._money
        income, expense = LineKind.INCOME, LineKind.EXPENSE
        results: list[LineResult] = []
        append = results.append
        for index, line in enumerate(self.lines):
            if exclude is not None and exclude(line):
                continue
            known = constant.get(index)
            if known is not None:
                append(known)
                continue
            basis = line.basis
            count = counts[basis]
            scale = line.scale
            if scale == 1:  # a whole number of minor units per counted unit: nothing to round
                gross = line.numerator * count
                if gross > MAX_MINOR or gross < -MAX_MINOR:
                    raise AmountTooLargeError(line.label)
            else:
                gross = _round_ratio(line.numerator * count, scale, line.label)
            planned, offset, cover = gross, 0, 0
            is_line = line.source == "line"
            if is_line:
                line_id = line.line_id
                if line_id in cash_cover and line.kind == income:
                    cover = cash_cover[line_id]
                    planned = max(gross, cover)
                elif line_id in in_kind and line.kind == expense:
                    offset = self._in_kind_offset(line_id, gross)
                    planned = gross - offset
            note = None
            if cover > gross:
                note = Message(N_("Commitments linked to this line exceed its plan; the committed amount "
                                  "is counted instead of the plan."))
            result = LineResult(
                line.line_id, line.kind, line.category, line.label, basis,
                count * line.quantity if is_line else count, money, gross, planned, offset, cover, line.source,
                line.rates, note)
            if basis in _CONSTANT_BASES:
                constant[index] = result
            append(result)
        return results

    def result_minor(self, attendance: int, exclude: Callable[[_Prepared], bool] | None = None) -> int:
        """Income minus expenses at an attendance, in minor units, without building line results (fast).

        The break-even searches and the risk simulation ask this at many attendances. Lines that no
        attendance changes are summed once per model; lines counted per attendee whose amount per unit is a
        whole number of minor units (nothing to round) and that no commitment covers are summed per basis,
        so each answer is a few multiplications plus the remaining lines one by one. Exactly the sum of
        the lines' planned amounts; a line too large to store is refused as `line_results` refuses it.
        `exclude` must answer the same for a line every time (it is asked once per line and kept)."""
        cached = self._line_cache.get(attendance) if exclude is None else None
        if cached is not None:
            return sum(r.planned_minor if r.kind == LineKind.INCOME else -r.planned_minor for r in cached)
        try:
            sums = self._sums.get(exclude, _NOT_KEPT)
        except TypeError:  # an exclude that cannot be a dict key: line by line
            return self._result_minor_by_line(attendance, exclude)
        if sums is _NOT_KEPT:
            if len(self._sums) >= _CACHED_ATTENDANCES:
                self._sums.clear()
            sums = self._sums[exclude] = self._result_sums(exclude)
        counts = self._counts(attendance)
        if sums is None or any(largest * counts[basis] > MAX_MINOR for basis, largest in sums.largest.items()):
            return self._result_minor_by_line(attendance, exclude)  # refuses as line_results does
        total = sums.constant
        for basis, numerator in sums.per_basis.items():
            total += numerator * counts[basis]
        total += self._result_minor_by_line(attendance, None, sums.other)
        return total

    def _result_sums(self, exclude: Callable[[_Prepared], bool] | None) -> _ResultSums | None:
        """Split the lines for result_minor; None when a constant line is too large (refused line by line).
        Every evaluation asks for the lines without exclusion (break-even attendance) and without the ticket
        lines (break-even price): both are split in one walk over the lines and kept."""
        if exclude is None or exclude is _is_ticket_line:
            every, no_tickets = self._split_with_and_without_tickets()
            self._sums[None], self._sums[_is_ticket_line] = every, no_tickets
            return every if exclude is None else no_tickets
        return self._split_lines(exclude)

    def _split_with_and_without_tickets(self) -> tuple[_ResultSums | None, _ResultSums | None]:
        """_split_lines(None) and _split_lines(_is_ticket_line) in one walk: each line is added to the sums of
        the ticket lines or to those of the others, and every line's sums are both together."""
        counts = self._counts(0)  # only constant bases are read from it: those counts ignore attendance
        cash_cover, in_kind = self.cash_cover, self.in_kind_by_line
        income = LineKind.INCOME
        constant_bases = _CONSTANT_BASES
        # [constant, per_basis, largest, other lines, a constant line too large] of the others, of the tickets
        others: list = [0, {}, {}, [], False]
        tickets: list = [0, {}, {}, [], False]
        all_other: list[_Prepared] = []  # every line worked out one by one, in line order
        for line in self.lines:
            kind, basis = line.kind, line.basis
            is_line = line.source == "line"
            sums = tickets if (is_line and kind == income and line.category == TICKET_CATEGORY) else others
            linked = is_line and (line.line_id in cash_cover or line.line_id in in_kind)
            if basis in constant_bases:
                if line.scale == 1 and not linked:
                    planned = line.numerator * counts[basis]  # _planned_minor, with nothing to round
                    if planned > MAX_MINOR or planned < -MAX_MINOR:
                        sums[4] = True
                        continue
                else:
                    try:
                        planned = self._planned_minor(line, counts)
                    except AmountTooLargeError:
                        sums[4] = True
                        continue
                sums[0] += planned if kind == income else -planned
                continue
            if linked or line.scale != 1:
                sums[3].append(line)
                all_other.append(line)
                continue
            numerator = line.numerator
            per_basis, largest = sums[1], sums[2]
            per_basis[basis] = per_basis.get(basis, 0) + (numerator if kind == income else -numerator)
            magnitude = numerator if numerator >= 0 else -numerator
            if magnitude > largest.get(basis, 0):
                largest[basis] = magnitude
        no_tickets = None if others[4] else _ResultSums(others[0], others[1], others[2], tuple(others[3]))
        if others[4] or tickets[4]:
            return None, no_tickets
        per_basis = dict(others[1])
        for basis, numerator in tickets[1].items():
            per_basis[basis] = per_basis.get(basis, 0) + numerator
        largest = dict(others[2])
        for basis, magnitude in tickets[2].items():
            largest[basis] = max(largest.get(basis, 0), magnitude)
        return _ResultSums(others[0] + tickets[0], per_basis, largest, tuple(all_other)), no_tickets

    def _split_lines(self, exclude: Callable[[_Prepared], bool] | None) -> _ResultSums | None:
        """The lines not excluded, split for result_minor (see _result_sums)."""
        constant = 0
        per_basis: dict[Basis, int] = {}
        largest: dict[Basis, int] = {}
        other: list[_Prepared] = []
        counts = self._counts(0)  # only constant bases are read from it: those counts ignore attendance
        cash_cover, in_kind = self.cash_cover, self.in_kind_by_line
        income = LineKind.INCOME
        for line in self.lines:
            if exclude is not None and exclude(line):
                continue
            if line.basis in _CONSTANT_BASES:
                if line.scale == 1 and (line.source != "line" or (line.line_id not in cash_cover
                                                                   and line.line_id not in in_kind)):
                    planned = line.numerator * counts[line.basis]  # _planned_minor, with nothing to round
                    if planned > MAX_MINOR or planned < -MAX_MINOR:
                        return None
                else:
                    try:
                        planned = self._planned_minor(line, counts)
                    except AmountTooLargeError:
                        return None
                constant += planned if line.kind == income else -planned
                continue
            linked = line.source == "line" and (line.line_id in cash_cover or line.line_id in in_kind)
            if line.scale != 1 or linked:
                other.append(line)
                continue
            signed = line.numerator if line.kind == LineKind.INCOME else -line.numerator
            per_basis[line.basis] = per_basis.get(line.basis, 0) + signed
            largest[line.basis] = max(largest.get(line.basis, 0), abs(line.numerator))
        return _ResultSums(constant, per_basis, largest, tuple(other))

    def _planned_minor(self, line: _Prepared, counts: Mapping[Basis, int]) -> int:
        """One line's planned amount (after cover or offset), in base minor units."""
        planned = _round_ratio(line.numerator * counts[line.basis], line.scale, line.label)
        if line.source == "line":
            line_id = line.line_id
            if line.kind == LineKind.INCOME and line_id in self.cash_cover:
                planned = max(planned, self.cash_cover[line_id])
            elif line.kind == LineKind.EXPENSE and line_id in self.in_kind_by_line:
                planned -= self._in_kind_offset(line_id, planned)
        return planned

    def _result_minor_by_line(self, attendance: int, exclude: Callable[[_Prepared], bool] | None,
                              lines: Iterable[_Prepared] | None = None) -> int:
        """Income minus expenses summed line by line (of `lines`, every line by default)."""
        total = 0
        counts = self._counts(attendance)
        constant = self._constant
        for index, line in enumerate(self.lines) if lines is None else ((-1, line) for line in lines):
            if exclude is not None and exclude(line):
                continue
            known = constant.get(index)
            planned = known.planned_minor if known is not None else self._planned_minor(line, counts)
            total += planned if line.kind == LineKind.INCOME else -planned
        return total

    def evaluate(self, attendance: int, scenario: Scenario | None = None) -> ScenarioResult:
        """The budget at an attendance; worked out once per (attendance, scenario) and kept (immutable)."""
        key = (attendance, scenario)
        cached = self._evaluated.get(key)
        if cached is None:
            if len(self._evaluated) >= _CACHED_ATTENDANCES:
                self._evaluated.clear()
            cached = self._evaluated[key] = self._evaluate(attendance, scenario)
        return cached

    def _evaluate(self, attendance: int, scenario: Scenario | None) -> ScenarioResult:
        lines = self.line_results(attendance)
        income = _categories(lines, LineKind.INCOME, self.currency)
        expenses = _categories(lines, LineKind.EXPENSE, self.currency)
        income_total = _check_total(sum(c.planned.minor for c in income), (N_("total income"),))
        expense_total = _check_total(sum(c.planned.minor for c in expenses), (N_("total expenses"),))
        result = _check_total(income_total - expense_total, (N_("the result"),))
        cost_per_attendee = None
        if attendance > 0:
            with localcontext() as ctx:
                ctx.prec = PRECISION
                cost_per_attendee = Money(round_minor(Decimal(expense_total) / attendance), self.currency)
        return ScenarioResult(
            scenario, attendance, self.paying(attendance), self.speaker_count, self.inputs.event_days,
            tuple(lines), income, expenses, Money(income_total, self.currency),
            Money(expense_total, self.currency), Money(result, self.currency), cost_per_attendee,
            self.break_even_attendance(), self.break_even_ticket_price(attendance),
        )

    def scenario(self, scenario: Scenario | str) -> ScenarioResult:
        scenario = Scenario(scenario)
        return self.evaluate(self.inputs.attendance.at(scenario), scenario)

    def report(self) -> BudgetReport:
        scenarios = {s: self.scenario(s) for s in Scenario}
        return BudgetReport(self.currency, scenarios, self.rates_used(), tuple(self.notes))

    def rates_used(self) -> tuple[Rate, ...]:
        return tuple(sorted(self._rates.values(), key=lambda r: (r.currency, r.on)))

    # -- break-even ---------------------------------------------------------------------------------

    def break_even_attendance(self, limit: int = 10**9) -> BreakEvenAttendance:
        """The smallest attendance at which the result is zero or better, other figures unchanged."""
        cached = self._break_even.get(limit)
        if cached is None:
            cached = self._break_even[limit] = self._search_break_even(limit)
        return cached

    def _search_break_even(self, limit: int) -> BreakEvenAttendance:
        found = _first_non_negative(self.result_minor, self.inputs.complimentary, limit)
        if found is not None:
            return BreakEvenAttendance(found)
        if not any(line.kind == LineKind.INCOME for line in self.lines) and not self.cash_cover:
            return BreakEvenAttendance(None, Message(
                N_("Not reachable: the budget has no income, so no attendance balances it.")))
        return BreakEvenAttendance(None, Message(
            N_("Not reachable: each extra attendee brings in less than they cost, so more attendees do not "
               "close the gap.")))

    def break_even_ticket_price(self, attendance: int) -> BreakEvenPrice:
        """The price per paying attendee, excluding VAT, replacing the registration lines, for a zero result."""
        paying = self.paying(attendance)
        if paying == 0:
            return BreakEvenPrice(None, 0, Message(
                N_("Not reachable: there are no paying attendees at this attendance, so no ticket price "
                   "balances the budget.")))
        without_tickets = self.result_minor(attendance, exclude=_is_ticket_line)
        price = 0 if without_tickets >= 0 else ceil(Fraction(-without_tickets, paying))
        if price > MAX_MINOR:
            return BreakEvenPrice(None, paying, Message(
                N_("Not reachable: the ticket price needed is larger than the planner can store.")))
        return BreakEvenPrice(Money(price, self.currency), paying)


def _is_ticket_line(line: _Prepared) -> bool:
    return line.kind == LineKind.INCOME and line.category == TICKET_CATEGORY and line.source == "line"


def _first_non_negative(f: Callable[[int], int], breakpoint: int, limit: int) -> int | None:
    """Smallest n >= 0 with f(n) >= 0, for f affine on [0, breakpoint] and on [breakpoint, limit].

    Rounding per line makes f affine only up to a few minor units, so each estimate is confirmed and
    nudged by evaluating f itself.
    """
    segments = [(0, breakpoint), (breakpoint, limit)] if breakpoint > 0 else [(0, limit)]
    for start, end in segments:
        f_start = f(start)
        if f_start >= 0:
            return start
        if end <= start:
            continue
        step = min(end - start, 1000)
        slope = Fraction(f(start + step) - f_start, step)
        if slope <= 0:
            continue
        guess = min(start + ceil(Fraction(-f_start) / slope), end)
        for _ in range(2000):
            if guess > start and f(guess - 1) >= 0:
                guess -= 1
            elif f(guess) < 0 and guess < end:
                guess += 1
            else:
                break
        if f(guess) >= 0:
            return guess
    return None


def _categories(lines: Iterable[LineResult], kind: LineKind, currency: str) -> tuple[CategoryTotal, ...]:
    totals: dict[str, int] = {}
    for line in lines:
        if line.kind == kind:
            category = line.category
            total = totals.get(category, 0) + line.planned_minor
            if total > MAX_MINOR or total < -MAX_MINOR:
                raise AmountTooLargeError(category)
            totals[category] = total
    ordered = sorted(totals, key=lambda c: (CATEGORY_ORDER.get(c, len(CATEGORY_ORDER)), c))
    return tuple(CategoryTotal(kind, c, Money(totals[c], currency)) for c in ordered)


def budget_report(inputs: BudgetInputs) -> BudgetReport:
    """Every scenario of a bid's budget."""
    return BudgetModel(inputs).report()
