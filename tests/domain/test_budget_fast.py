"""The budget's fast path (integer arithmetic, results kept per attendance and per model) against a
straightforward reference: each line on its own, in Decimal, with the rules as budget.py's docstring states
them. Exactness is the contract: every figure must be equal, and so must every refusal."""

from datetime import date
from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.budget import (
    Attendance,
    BudgetInputs,
    BudgetModel,
    CommitmentInput,
    LineInput,
    SpeakerCostInput,
    _is_ticket_line,
    vat_factor,
)
from planner.domain.budget_status import budget_status
from planner.domain.enums import (
    Basis,
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    LineKind,
    Scenario,
    SpeakerStatus,
)
from planner.domain.fx import PRECISION, AmountTooLargeError, Rate, RateTable
from planner.domain.money import MAX_MINOR, Money, round_minor

RATES = RateTable([Rate("SEK", date(2012, 1, 2), Decimal("8.8")), Rate("SEK", date(2012, 5, 2), Decimal("8.9137")),
                   Rate("JPY", date(2012, 1, 2), Decimal("103.37")), Rate("KWD", date(2012, 1, 2), Decimal("0.3607"))])
CURRENCIES = ["SEK", "EUR", "JPY", "KWD"]
CATEGORIES = [BudgetCategory.REGISTRATION.value, BudgetCategory.VENUE.value, "other"]

amounts = st.one_of(st.integers(-10**6, 10**6), st.integers(0, 10**13))
line_strategy = st.builds(
    LineInput, id=st.integers(0, 10**6), kind=st.sampled_from(list(LineKind)),
    category=st.sampled_from(CATEGORIES), label=st.just("line"), basis=st.sampled_from(list(Basis)),
    unit=st.builds(Money, amounts, st.sampled_from(CURRENCIES)), quantity=st.integers(0, 1000),
    vat_rate_percent=st.sampled_from([0, 6, 12, 25, 33]), amounts_include_vat=st.booleans(),
)
speaker_strategy = st.builds(
    SpeakerCostInput, id=st.integers(0, 100), name=st.just("speaker"), status=st.sampled_from(list(SpeakerStatus)),
    fee=st.builds(Money, st.integers(0, 10**7), st.sampled_from(CURRENCIES)),
    travel=st.builds(Money, st.integers(0, 10**7), st.sampled_from(CURRENCIES)), nights=st.integers(0, 4),
)


@st.composite
def budgets(draw):
    lines = draw(st.lists(line_strategy, max_size=15, unique_by=lambda line: line.id))
    low = draw(st.integers(0, 5000))
    expected = draw(st.integers(low, 20000))
    high = draw(st.integers(expected, 10**5))
    line_ids = [line.id for line in lines] + [None]
    commitments = draw(st.lists(st.builds(
        CommitmentInput, id=st.integers(0, 10**6), partner=st.just("Partner"),
        kind=st.sampled_from(list(CommitmentKind)), status=st.sampled_from(list(CommitmentStatus)),
        amount=st.builds(Money, st.integers(0, 10**9), st.sampled_from(CURRENCIES)),
        line_id=st.sampled_from(line_ids)), max_size=8, unique_by=lambda c: c.id))
    return BudgetInputs(
        "SEK", draw(st.booleans()), Attendance(low, expected, high), event_days=draw(st.integers(0, 5)),
        complimentary=draw(st.integers(0, 200)), lines=tuple(lines),
        speakers=tuple(draw(st.lists(speaker_strategy, max_size=4, unique_by=lambda s: s.id))),
        speaker_count=draw(st.one_of(st.none(), st.integers(0, 50))),
        accommodation_rate=draw(st.one_of(st.none(), st.builds(Money, st.integers(0, 10**6), st.just("SEK")))),
        commitments=tuple(commitments), rates=RATES, rate_date=date(2012, 6, 1))


def reference_lines(model: BudgetModel, attendance: int, exclude=None) -> list[tuple]:
    """Each line on its own: the exact product in Decimal rounded by money.round_minor, then cover or offset."""
    inputs = model.inputs
    entered = {line.id: line for line in inputs.lines}
    paying = max(attendance - inputs.complimentary, 0)
    counts = {Basis.FIXED: 1, Basis.PER_ATTENDEE: attendance, Basis.PER_PAYING_ATTENDEE: paying,
              Basis.PER_SPEAKER: model.speaker_count, Basis.PER_DAY: inputs.event_days,
              Basis.PER_ATTENDEE_DAY: attendance * inputs.event_days}
    out = []
    for line in model.lines:
        if exclude is not None and exclude(line):
            continue
        per_unit = line.per_unit
        if line.source == "line":  # the conversion as written before the fast path: no factor kept between lines
            source = entered[line.line_id]
            with localcontext() as ctx:
                ctx.prec = PRECISION
                factor = Decimal(1) if source.unit.minor == 0 else \
                    inputs.rates.factor(source.unit.currency, "SEK", inputs.rate_date)[0]
                per_unit = (Decimal(source.unit.minor) * source.quantity
                            * vat_factor(source.kind, source.vat_rate_percent, source.amounts_include_vat,
                                         inputs.vat_deductible) * factor)
            assert per_unit == line.per_unit
        count = counts[line.basis]
        with localcontext() as ctx:
            ctx.prec = 300  # wide enough that the product is exact
            gross = round_minor(per_unit * count)
        if abs(gross) > MAX_MINOR:
            raise AmountTooLargeError(line.label)
        planned, offset, cover = gross, 0, 0
        if line.source == "line" and line.kind == LineKind.INCOME and line.line_id in model.cash_cover:
            cover = model.cash_cover[line.line_id]
            planned = max(gross, cover)
        elif line.source == "line" and line.kind == LineKind.EXPENSE and line.line_id in model.in_kind_by_line:
            room = max(gross, 0)
            for bucket in ("secured", "pledged"):
                for prepared in model.in_kind_by_line[line.line_id]:
                    if prepared.bucket == bucket:
                        take = min(prepared.amount.minor, room)
                        offset, room = offset + take, room - take
            planned = gross - offset
        out.append((line.line_id, line.kind, line.category, line.label, line.basis,
                    count * (line.quantity if line.source == "line" else 1), gross, planned, offset, cover,
                    line.source, line.rates, cover > gross))
    return out


def fast_lines(model: BudgetModel, attendance: int, exclude=None) -> list[tuple]:
    return [(r.line_id, r.kind, r.category, r.label, r.basis, r.count, r.gross.minor, r.planned.minor,
             r.in_kind_offset.minor, r.commitment_cover.minor, r.source, r.rates, r.note is not None)
            for r in model.line_results(attendance, exclude)]


def outcome(compute, *args):
    try:
        return compute(*args)
    except AmountTooLargeError as exc:
        return ("too large", exc.where)


def signed_total(lines: list[tuple]) -> int:
    return sum(line[7] if line[1] == LineKind.INCOME else -line[7] for line in lines)


@settings(max_examples=300, deadline=None)
@given(budgets(), st.lists(st.integers(0, 10**5), min_size=1, max_size=4))
def test_fast_line_results_equal_the_reference(inputs, attendances):
    model = BudgetModel(inputs)
    sums_only = BudgetModel(inputs)  # asked only result_minor: its sums per basis, never kept line results
    a = inputs.attendance
    for n in [a.low, a.expected, a.high, *attendances, a.expected]:  # repeats come from what was kept
        expected = outcome(reference_lines, model, n)
        total = expected if isinstance(expected, tuple) else signed_total(expected)
        assert outcome(sums_only.result_minor, n) == total
        assert outcome(fast_lines, model, n) == expected
        assert outcome(model.result_minor, n) == total
        without_tickets = outcome(reference_lines, model, n, _is_ticket_line)
        assert outcome(fast_lines, model, n, _is_ticket_line) == without_tickets
        assert outcome(model.result_minor, n, _is_ticket_line) == (
            without_tickets if isinstance(without_tickets, tuple) else signed_total(without_tickets))


@settings(max_examples=150, deadline=None)
@given(budgets())
def test_kept_results_are_those_of_a_fresh_model(inputs):
    # a model asked many times (scenarios, status, funding, break-even) answers as a fresh one does
    used = BudgetModel(inputs)
    first = outcome(lambda: [used.scenario(s) for s in Scenario])
    for _ in range(2):
        again = outcome(lambda: [used.scenario(s) for s in Scenario])
        assert again == first
        assert outcome(budget_status, used, Scenario.EXPECTED) == \
            outcome(lambda: budget_status(BudgetModel(inputs), Scenario.EXPECTED))
    assert first == outcome(lambda: [BudgetModel(inputs).scenario(s) for s in Scenario])
