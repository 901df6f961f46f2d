"""Funding from commitments: secured, pledged and prospect money, cash apart from in kind, and the gap.

Per scenario:
    need      = gross expenses (before in-kind offsets) - earned income (registration, exhibition lines that
                no commitment covers)
    covered   = cash commitments + in-kind commitments linked to an expense line (capped at that line)
    gap       = need - secured - pledged, never below zero: what is missing even if every pledge holds
    unsecured = need - secured, never below zero: what is not yet signed
    share_at_risk = unsecured / need: the part of the need that still depends on pledges, prospects or
                nothing at all (None when nothing is needed)
In-kind commitments linked to no expense line are listed apart (`in_kind_unbudgeted`): they cover nothing
in the budget, so they do not reduce the need. Declined commitments count nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planner.domain.budget import (
    EARNED_INCOME_CATEGORIES,
    FUNDING_PLEDGED,
    FUNDING_PROSPECT,
    FUNDING_SECURED,
    BudgetModel,
)
from planner.domain.enums import BudgetCategory, LineKind, Scenario
from planner.domain.money import Money

BUCKETS = (FUNDING_SECURED, FUNDING_PLEDGED, FUNDING_PROSPECT)


@dataclass(frozen=True)
class FundingByStatus:
    secured: Money
    pledged: Money
    prospects: Money

    @property
    def total(self) -> Money:
        return self.secured + self.pledged + self.prospects


@dataclass(frozen=True)
class CommitmentLine:
    commitment_id: int | str
    partner: str
    kind: str
    status: str
    bucket: str
    amount: Money  # base currency
    counted: Money  # what counts against the need (in kind capped at its line; unlinked in kind 0)
    line_id: int | str | None


@dataclass(frozen=True)
class ScenarioFunding:
    scenario: Scenario
    expenses_gross: Money
    earned_income: Money
    need: Money
    cash: FundingByStatus
    in_kind: FundingByStatus
    gap: Money
    unsecured: Money
    share_at_risk: Decimal | None

    @property
    def secured(self) -> Money:
        return self.cash.secured + self.in_kind.secured

    @property
    def pledged(self) -> Money:
        return self.cash.pledged + self.in_kind.pledged


@dataclass(frozen=True)
class FundingReport:
    currency: str
    commitments: tuple[CommitmentLine, ...]
    in_kind_unbudgeted: Money
    scenarios: dict[Scenario, ScenarioFunding]

    def __getitem__(self, scenario: Scenario | str) -> ScenarioFunding:
        return self.scenarios[Scenario(scenario)]


def _by_status(amounts: dict[str, int], currency: str) -> FundingByStatus:
    return FundingByStatus(*(Money(amounts.get(b, 0), currency) for b in BUCKETS))


def funding_report(model: BudgetModel) -> FundingReport:
    currency = model.currency
    expense_ids = {line.line_id for line in model.lines if line.kind == LineKind.EXPENSE and line.source == "line"}
    covered_ids = set(model.cash_cover) | {
        c.commitment.line_id for c in model.commitments if c.cash and c.commitment.line_id is not None}
    scenarios: dict[Scenario, ScenarioFunding] = {}
    lines_out: dict[int | str, CommitmentLine] = {}
    unbudgeted = sum(c.amount.minor for c in model.commitments
                     if not c.cash and c.commitment.line_id not in expense_ids)
    for scenario in Scenario:
        attendance = model.inputs.attendance.at(scenario)
        results = model.line_results(attendance)
        gross_by_line = {r.line_id: r.gross_minor for r in results if r.source == "line"}
        expenses_gross = sum(r.gross_minor for r in results if r.kind == LineKind.EXPENSE)
        earned = sum(r.planned_minor for r in results
                     if r.kind == LineKind.INCOME and r.source == "line"
                     and r.category in EARNED_INCOME_CATEGORIES and r.line_id not in covered_ids)
        cash: dict[str, int] = {}
        in_kind: dict[str, int] = {}
        room = {line_id: max(gross, 0) for line_id, gross in gross_by_line.items() if line_id in expense_ids}
        # secured value fills an expense line first, then pledged, then prospects: the same order as budget.py
        ordered = sorted(model.commitments, key=lambda c: BUCKETS.index(c.bucket))
        for prepared in ordered:
            c = prepared.commitment
            if prepared.cash:
                counted = prepared.amount.minor
                cash[prepared.bucket] = cash.get(prepared.bucket, 0) + counted
            elif c.line_id in room:
                counted = min(prepared.amount.minor, room[c.line_id])
                room[c.line_id] -= counted
                in_kind[prepared.bucket] = in_kind.get(prepared.bucket, 0) + counted
            else:
                counted = 0
            if scenario == Scenario.EXPECTED:
                lines_out[c.id] = CommitmentLine(
                    c.id, c.partner, str(c.kind), str(c.status), prepared.bucket, prepared.amount,
                    Money(counted, currency), c.line_id)
        need = max(expenses_gross - earned, 0)
        secured = cash.get(FUNDING_SECURED, 0) + in_kind.get(FUNDING_SECURED, 0)
        pledged = cash.get(FUNDING_PLEDGED, 0) + in_kind.get(FUNDING_PLEDGED, 0)
        unsecured = max(need - secured, 0)
        share = Decimal(unsecured) / Decimal(need) if need else None
        scenarios[scenario] = ScenarioFunding(
            scenario, Money(expenses_gross, currency), Money(earned, currency), Money(need, currency),
            _by_status(cash, currency), _by_status(in_kind, currency),
            Money(max(need - secured - pledged, 0), currency), Money(unsecured, currency), share)
    commitments = tuple(lines_out[c.commitment.id] for c in model.commitments if c.commitment.id in lines_out)
    return FundingReport(currency, commitments, Money(unbudgeted, currency), scenarios)


# the income category a partner's money is budgeted in, by the kind of partner (any other: partner contribution)
PARTNER_CATEGORY = {
    "municipality": BudgetCategory.PUBLIC_FUNDING.value, "region": BudgetCategory.PUBLIC_FUNDING.value,
    "public_funder": BudgetCategory.PUBLIC_FUNDING.value, "company": BudgetCategory.SPONSORSHIP.value,
}


@dataclass(frozen=True)
class DoubleCount:
    """A secured or pledged cash commitment linked to no line while an income line looks like the same money:
    the commitment counts as income of its own *and* the line counts it too ("counted twice?")."""

    commitment_id: int | str
    partner: str
    line_id: int | str
    line_label: str
    reason: str  # "partner": the line names the partner; "category": the line is in the partner's category


def counted_twice(model: BudgetModel, partner_kinds: dict[str, str]) -> tuple[DoubleCount, ...]:
    """The cash commitments that may be counted twice, each with the income line to link it to.

    A signed, invoiced, paid or pledged cash commitment with no line is suspect when an income line that no
    commitment covers names its partner, or else is in the category the partner's money belongs to (sponsorship
    for a company, public funding for a municipality, region or public funder, partner contribution for the
    others). Earned income (registration, exhibition) is never the partner's money.
    """
    income = [line for line in model.lines if line.kind == LineKind.INCOME and line.source == "line"
              and line.category not in EARNED_INCOME_CATEGORIES]
    linked = {c.commitment.line_id for c in model.commitments if c.commitment.line_id is not None}
    free = [line for line in income if line.line_id not in linked]
    found = []
    taken: set = set()
    for prepared in model.commitments:
        c = prepared.commitment
        if not prepared.cash or c.line_id is not None or prepared.bucket not in (FUNDING_SECURED, FUNDING_PLEDGED):
            continue
        name = c.partner.casefold().strip()
        open_lines = [line for line in free if line.line_id not in taken]
        by_name = [line for line in open_lines if name and name in line.label.casefold()]
        category = PARTNER_CATEGORY.get(str(partner_kinds.get(c.partner, "")), BudgetCategory.PARTNER_CONTRIBUTION.value)
        by_category = [line for line in open_lines if line.category == category]
        match, reason = (by_name[0], "partner") if by_name else (by_category[0], "category") if by_category \
            else (None, "")
        if match is not None:
            taken.add(match.line_id)
            found.append(DoubleCount(c.id, c.partner, match.line_id, match.label, reason))
    return tuple(found)
