"""What each dossier audience may see of a bid's money: the one place that decides it.

Confidentiality is a property of the printed figures, not a filter on rows. In a committee or partner edition
no confidential amount that the audience does not already know (a partner knows its own commitments) may be
printed or be recoverable by arithmetic from what is printed. The amounts concerned are commitments and budget
lines marked confidential, unless their owner has consented to disclosure (`disclosure_consent`, audited like
every other field), after which they count as any other amount.

How the figures are made to keep them:
- the confidential money on each side of the budget is pooled: taken out of its categories and printed as one
  row ("Further partner contributions under confidentiality, 3 partners", "Further costs under
  confidentiality, 2 items"). The income pool holds confidential cash (what it adds to its income line, or its
  own partner-contribution line), the in-kind value of confidential commitments and confidential income lines;
  the cost pool holds confidential expense lines and the expense lines a pooled in-kind commitment covers, at
  the cost before that cover (their net cost, often "0 kr", would give the in-kind value away). Every printed
  figure that contains pooled money (totals, results, the scenarios, the price x attendance grid, break-even,
  the funding gap) contains the whole pool, so no difference of printed figures singles out one member;
- a pool hides its members only when they belong to at least two parties (a partner; a line of its own): with
  one party the pool is that party's amount. Then `problems` names it and the export asks before writing:
  leave the amount out of every total (`omit=True`: cash no longer counts as income, a confidential line no
  longer at all, an in-kind value no longer as a contribution: the line it covers whole goes with it, a line
  it covers in part shows its whole cost; the pools are then formed again), or record the consent to disclose
  it;
- the figures come from the planning engines, run on the bid's own inputs, or, when amounts are left out, on
  the inputs without them (a cash amount linked to an income line is taken off that line's category, since the
  line's plan is often the very amount). Nothing here computes a budget of its own.
The internal edition sees everything as the engines compute it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from planner.domain import budget as b
from planner.domain.budget import FUNDING_PLEDGED, FUNDING_SECURED
from planner.domain.enums import Audience, Basis, CommitmentKind, CommitmentStatus, LineKind, Scenario
from planner.domain.money import Money, money_sum
from planner.dossier import content as c
from planner.dossier import labels as msg
from planner.i18n import _
from planner.services.errors import PlannerError
from planner.services.planning import Planning, PlanningError
from planner.store import models as m

INCOME, COSTS = "income", "costs"
COUNTED = (FUNDING_SECURED, FUNDING_PLEDGED)


def _value(enum_or_str) -> str:
    return getattr(enum_or_str, "value", enum_or_str) or ""


@dataclass(frozen=True)
class Hidden:
    """One confidential amount an audience may not see: the pool it goes to and whose secret it is."""

    pool: str  # INCOME or COSTS
    party: str  # "partner:3" or "line:7": amounts of one party hide nothing from each other
    name: str  # the partner's name or the line's label
    share: int  # what it adds to its pool at the expected attendance, in base minor units
    commitment_id: int | None = None
    line_id: int | None = None
    covered_by: tuple[int, ...] = ()  # an expense line that confidential in-kind commitments cover: those
    consent: tuple[tuple[str, int], ...] = ()  # ("commitment" | "budget_line", id): whose consent discloses it


@dataclass(frozen=True)
class Unhideable:
    """A pool with one party: printing it, or any total with it, would give that party's amount away."""

    pool: str
    members: tuple[Hidden, ...]

    def describe(self) -> str:
        first = self.members[0]
        if first.commitment_id is not None:
            return _(msg.MSG_HIDDEN_PARTNER).format(name=first.name)
        if first.covered_by:
            return _(msg.MSG_HIDDEN_COVERED).format(name=first.name)
        return _(msg.MSG_HIDDEN_LINE).format(name=first.name)

    def records(self) -> list[tuple[str, int]]:
        """("commitment" | "budget_line", id) of each record whose consent would let the amount show."""
        return list(dict.fromkeys(record for member in self.members for record in member.consent))


class ConfidentialityQuestion(PlannerError):
    """The dossier cannot hide some confidential amounts: leave them out (--omit-confidential) or record consent."""

    exit_code = 1

    def __init__(self, problems: list[Unhideable]) -> None:
        self.problems = problems
        what = "; ".join(p.describe() for p in problems)
        super().__init__(_(msg.MSG_CANNOT_HIDE).format(what=what))


@dataclass
class _Pools:
    income: list[Hidden] = field(default_factory=list)
    costs: list[Hidden] = field(default_factory=list)

    def single(self) -> list[Unhideable]:
        out = []
        for pool, members in ((INCOME, self.income), (COSTS, self.costs)):
            if members and len({h.party for h in members}) == 1:
                out.append(Unhideable(pool, tuple(members)))
        return out


class MoneyView:
    """The bid's money as one audience may see it; see the module docstring for the rules."""

    def __init__(self, plan: Planning, audience: Audience, partner: m.Partner | None = None, *,
                 omit: bool = False) -> None:
        self.plan = plan
        self.audience = Audience(audience)
        self.partner = partner
        self.internal = self.audience == Audience.INTERNAL
        bundle = plan.bundle
        self.unknown_commitments = {x.id: x for x in bundle.commitments if self._unknown_commitment(x)}
        self.unknown_lines = {x.id: x for x in bundle.budget_lines if self._unknown_line(x)}
        self.left_out_commitments: set[int] = set()
        self.left_out_lines: set[int] = set()
        self.problems: list[Unhideable] = []
        self.pools = _Pools()
        self.presented = plan  # the engines' view of the budget this audience is shown
        self.costs = plan  # the same, with pooled in-kind covers and pooled income lines taken out
        if not self.internal and (self.unknown_commitments or self.unknown_lines) and bundle.budget_lines:
            self._resolve(omit)

    # -- who knows what -------------------------------------------------------------------------------------

    def _unknown_commitment(self, row: m.Commitment) -> bool:
        if self.internal or not row.confidential or row.disclosure_consent:
            return False
        if _value(row.status) == CommitmentStatus.DECLINED.value:
            return False
        return not (self.partner is not None and row.partner_id == self.partner.id)

    def _unknown_line(self, row: m.BudgetLine) -> bool:
        if self.internal or not row.confidential or row.disclosure_consent:
            return False
        # a confidential line backed only by commitments whose amounts this audience may know (this partner's
        # own, or ones whose partner consented to disclosure) is those partners' secret, and known with them
        backers = [x for x in self.plan.bundle.commitments if x.budget_line_id == row.id
                   and _value(x.status) != CommitmentStatus.DECLINED.value]
        own = self.partner.id if self.partner is not None else None
        return not (backers and all(x.partner_id == own or x.disclosure_consent for x in backers))

    def shows_amount(self, row: m.Commitment) -> bool:
        """Whether the commitments table prints this commitment's amount (consent covers the totals only)."""
        if self.internal or not row.confidential:
            return True
        return self.partner is not None and row.partner_id == self.partner.id

    @property
    def left_out(self) -> bool:
        return bool(self.left_out_commitments or self.left_out_lines)

    # -- forming the pools ----------------------------------------------------------------------------------

    def _resolve(self, omit: bool) -> None:
        while True:
            self.presented = self._with_inputs(self._presented_inputs()) if self.left_out else self.plan
            self.pools, self.costs = self._pools(self.presented)
            single = self.pools.single()
            if not single:
                return
            if not omit:
                self.problems = single
                return
            for problem in single:
                for member in problem.members:
                    self._leave_out(member)

    def _leave_out(self, member: Hidden) -> None:
        if member.commitment_id is not None:
            self.left_out_commitments.add(member.commitment_id)
        if member.line_id is not None and member.line_id in self.unknown_lines:
            self.left_out_lines.add(member.line_id)
        self.left_out_commitments.update(member.covered_by)

    def _with_inputs(self, inputs: b.BudgetInputs) -> Planning:
        return self.plan.with_budget_inputs(inputs)

    def _presented_inputs(self) -> b.BudgetInputs:
        """The bid's budget inputs without what is left out."""
        inputs = self.plan.budget_inputs
        income_lines = {x.id: x for x in inputs.lines if _value(x.kind) == LineKind.INCOME.value}
        funding = {x.commitment_id: x for x in self.plan.funding.commitments}
        amounts = {cid: x.amount for cid, x in funding.items()}
        gross = {r.line_id: r.gross.minor for r in self.plan.budget.scenarios[Scenario.EXPECTED].lines}
        lines = [replace(x, unit=Money(0, x.unit.currency)) if x.id in self.left_out_lines else x
                 for x in inputs.lines]
        commitments = []
        for x in inputs.commitments:
            left_out_cash = x.id in self.left_out_commitments and _value(x.kind) == CommitmentKind.CASH.value
            if left_out_cash and x.line_id in income_lines and x.id in amounts:
                # kept, so its line counts as before, and taken off the line's category again: the line's plan
                # is often the commitment itself
                commitments.append(x)
                lines.append(b.LineInput(f"left-out:{x.id}", LineKind.INCOME, income_lines[x.line_id].category,
                                         "", Basis.FIXED, Money(-amounts[x.id].minor, inputs.currency)))
            elif x.id in self.left_out_commitments and not left_out_cash:
                # an in-kind value left out: a line it covers whole is left out with it (net nothing: the line's
                # cost would be the value); a line it covers in part shows its whole cost, without the cover
                line = funding.get(x.id)
                if line is not None and line.counted.minor and line.counted.minor == gross.get(x.line_id):
                    commitments.append(x)
            elif not left_out_cash:
                commitments.append(x)
        return replace(inputs, lines=tuple(lines), commitments=tuple(commitments))

    def _pools(self, presented: Planning) -> tuple[_Pools, Planning]:
        pools = _Pools()
        bundle = self.plan.bundle
        partners = {p.id: p.name for p in bundle.partners}
        counted = {x.commitment_id: x for x in presented.funding.commitments}
        expected = presented.budget.scenarios[Scenario.EXPECTED]
        planned = {r.line_id: r.planned.minor for r in expected.lines}
        kinds = {r.line_id: _value(r.kind) for r in expected.lines}
        covers: dict[int, int] = defaultdict(int)
        in_kind: dict[int, list[int]] = defaultdict(list)
        for cid, row in self.unknown_commitments.items():
            line = counted.get(cid)
            if cid in self.left_out_commitments or line is None or line.bucket not in COUNTED:
                continue
            cash = _value(row.kind) == CommitmentKind.CASH.value
            share = line.amount.minor if cash else line.counted.minor
            if share <= 0:
                continue
            pools.income.append(Hidden(INCOME, f"partner:{row.partner_id}", partners.get(row.partner_id, ""),
                                       share, commitment_id=cid, consent=(("commitment", cid),)))
            if cash and kinds.get(row.budget_line_id) == LineKind.INCOME.value:
                covers[row.budget_line_id] += share
            elif not cash:
                in_kind[row.budget_line_id].append(cid)
        pooled_income_lines = []
        for lid, row in self.unknown_lines.items():
            if lid in self.left_out_lines or kinds.get(lid) != LineKind.INCOME.value:
                continue
            share = planned.get(lid, 0) - covers.get(lid, 0)
            if share:
                pools.income.append(Hidden(INCOME, f"line:{lid}", row.label, share, line_id=lid,
                                           consent=(("budget_line", lid),)))
                pooled_income_lines.append(lid)
        pooled_in_kind = {cid for cids in in_kind.values() for cid in cids}
        costs = presented
        if pooled_in_kind or pooled_income_lines:
            inputs = presented.budget_inputs
            costs = self._with_inputs(replace(
                inputs,
                lines=tuple(replace(x, unit=Money(0, x.unit.currency)) if x.id in pooled_income_lines else x
                            for x in inputs.lines),
                commitments=tuple(x for x in inputs.commitments if x.id not in pooled_in_kind)))
        cost_planned = {r.line_id: r.planned.minor for r in costs.budget.scenarios[Scenario.EXPECTED].lines}
        labels = {x.id: x.label for x in bundle.budget_lines}
        for lid in dict.fromkeys([*self.unknown_lines, *in_kind]):
            if lid in self.left_out_lines or kinds.get(lid) != LineKind.EXPENSE.value:
                continue
            share = cost_planned.get(lid, 0)
            if share:
                covered_by = tuple(in_kind.get(lid, ()))
                consent = ((("budget_line", lid),) if lid in self.unknown_lines else ())
                consent += tuple(("commitment", cid) for cid in covered_by)
                pools.costs.append(Hidden(COSTS, f"line:{lid}", labels.get(lid, ""), share, line_id=lid,
                                          covered_by=covered_by, consent=consent))
        return pools, costs

    # -- the figures ----------------------------------------------------------------------------------------

    def budget(self) -> c.Budget:
        """The budget section's figures for this audience (every line too for the internal edition)."""
        plan, costs = self.presented, self.costs
        report, cost_report = plan.budget, costs.budget
        expected, expected_costs = report.scenarios[Scenario.EXPECTED], cost_report.scenarios[Scenario.EXPECTED]
        grid = plan.grid()
        results = [[grid.results[p][a] for p in range(len(grid.prices))] for a in range(len(grid.attendances))]
        scenarios = []
        for s in Scenario:
            r, rc = report.scenarios[s], cost_report.scenarios[s]
            scenarios.append(c.ScenarioFigures(s.value, r.attendance, r.income + (rc.expenses - r.expenses),
                                               rc.expenses, r.result))
        income_total = expected.income + (expected_costs.expenses - expected.expenses)
        lines: list[c.BudgetLineItem] = []
        if self.internal:
            by_category = [c.CategoryAmount(t.category, _value(t.kind), t.planned)
                           for t in (*expected.income_by_category, *expected.expenses_by_category)]
            status = plan.status(Scenario.EXPECTED)
            notes_of = {line.id: line.note for line in plan.bundle.budget_lines}
            lines = [c.BudgetLineItem(row.category, row.label, _value(row.kind), row.planned, row.committed,
                                      row.actual, _variance(row), notes_of.get(row.key, "")) for row in status.lines]
        else:
            by_category = self._categories(expected, expected_costs, income_total)
        notes = [_(msg.MSG_BUDGET_LEFT_OUT)] if self.left_out else []
        if self.pools.income or self.pools.costs:
            notes.append(_(msg.MSG_BUDGET_POOLED))
        return c.Budget(report.currency, by_category, income_total, expected_costs.expenses, expected.result,
                        scenarios, expected.break_even_attendance.attendance,
                        c.ResultGrid(list(grid.prices), list(grid.attendances), results), lines, notes=notes)

    def _categories(self, expected, expected_costs, income_total: Money) -> list[c.CategoryAmount]:
        currency = expected.income.currency
        category_of = {r.line_id: r.category for r in expected.lines}
        taken: dict[tuple[str, str], int] = defaultdict(int)
        for member in self.pools.income:
            row = self.unknown_commitments.get(member.commitment_id) if member.commitment_id else None
            if member.line_id is not None:  # a confidential income line: all of it (its pooled covers included)
                taken[INCOME, category_of[member.line_id]] += member.share
            elif row is not None and _value(row.kind) == CommitmentKind.CASH.value:
                own_line = f"commitment:{row.id}"
                line = own_line if own_line in category_of else row.budget_line_id
                taken[INCOME, category_of[line]] += member.share
        for member in self.pools.costs:
            taken[COSTS, category_of[member.line_id]] += member.share
        income = [c.CategoryAmount(t.category, LineKind.INCOME.value,
                                   Money(t.planned.minor - taken[INCOME, t.category], currency))
                  for t in expected.income_by_category]
        costs = [c.CategoryAmount(t.category, LineKind.EXPENSE.value,
                                  Money(t.planned.minor - taken[COSTS, t.category], currency))
                 for t in expected_costs.expenses_by_category]
        income = [x for x in income if x.amount.minor]  # an emptied category says nothing worth printing
        costs = [x for x in costs if x.amount.minor]
        if self.pools.income:
            pool = income_total - money_sum((x.amount for x in income), currency)
            income.append(c.CategoryAmount("", LineKind.INCOME.value, pool, self._pool_label(INCOME)))
        if self.pools.costs:
            pool = expected_costs.expenses - money_sum((x.amount for x in costs), currency)
            costs.append(c.CategoryAmount("", LineKind.EXPENSE.value, pool, self._pool_label(COSTS)))
        return income + costs

    def _pool_label(self, pool: str) -> str:
        members = self.pools.income if pool == INCOME else self.pools.costs
        n = len({h.party for h in members})
        if pool == COSTS:
            return _(msg.MSG_POOL_COSTS).format(n=n)
        if all(h.commitment_id is not None for h in members):
            return _(msg.MSG_POOL_PARTNERS).format(n=n)
        return _(msg.MSG_POOL_INCOME).format(n=n)

    def pool_label_income(self) -> str:
        return self._pool_label(INCOME)

    def income_pool(self) -> Money | None:
        """The income pool as the budget prints it (None when there is none)."""
        if not self.pools.income:
            return None
        expected = self.presented.budget.scenarios[Scenario.EXPECTED]
        expected_costs = self.costs.budget.scenarios[Scenario.EXPECTED]
        income_total = expected.income + (expected_costs.expenses - expected.expenses)
        shown = [x.amount for x in self._categories(expected, expected_costs, income_total)
                 if x.kind == LineKind.INCOME.value and not x.label]
        return income_total - money_sum(shown, income_total.currency)

    def funding_totals(self) -> tuple[Money, Money, Money, Money | None, Money, Money]:
        """(secured, pledged, in kind, pooled, need, gap) at the expected attendance, for this audience."""
        report = self.presented.funding
        currency = report.currency
        expected = report.scenarios[Scenario.EXPECTED]
        if self.internal:
            in_kind = money_sum((x.amount for x in report.commitments if x.kind != CommitmentKind.CASH.value
                                 and x.bucket in COUNTED), currency)
            return expected.secured, expected.pledged, in_kind, None, expected.need, expected.gap
        known = [x for x in report.commitments if x.commitment_id not in self.unknown_commitments]
        secured = money_sum((x.counted for x in known if x.bucket == FUNDING_SECURED), currency)
        pledged = money_sum((x.counted for x in known if x.bucket == FUNDING_PLEDGED), currency)
        in_kind = money_sum((x.amount for x in known if x.kind != CommitmentKind.CASH.value
                             and x.bucket in COUNTED), currency)
        pooled = self.income_pool()
        need = self.costs.funding.scenarios[Scenario.EXPECTED].need
        covered = secured.minor + pledged.minor + (pooled.minor if pooled is not None else 0)
        return secured, pledged, in_kind, pooled, need, Money(max(need.minor - covered, 0), currency)

    def funding_notes(self) -> list[str]:
        notes = []
        if self.left_out_commitments:
            notes.append(_(msg.MSG_FUNDING_LEFT_OUT))
        return notes


def record_consent(ws, problems: list[Unhideable]) -> int:
    """Record on each record concerned that its owner consents to disclosure (audited); how many changed."""
    from planner.services.workspace import update_record

    tables = {"commitment": m.Commitment, "budget_line": m.BudgetLine}
    changed = 0
    for problem in problems:
        for table, key in problem.records():
            record = update_record(ws, tables[table], key, {"disclosure_consent": True})
            changed += record is not None
    return changed


def money_view(plan: Planning, audience: Audience, partner: m.Partner | None, *, omit: bool) -> MoneyView | None:
    """The view, or None when the engines refuse the bid's budget (the money sections are then left out)."""
    try:
        return MoneyView(plan, audience, partner, omit=omit)
    except PlanningError:
        return None


def _variance(row):
    """Against the frozen baseline where there is one; otherwise, once money has been spent, actual - planned."""
    if row.variance is not None:
        return row.variance
    if row.actual is not None and row.actual.minor:
        return row.actual - row.planned
    return None
