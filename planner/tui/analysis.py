"""What the planning engines make of the open bid, computed in the loading worker and kept for the screens.

Everything is asked of `planner.services.planning` (the one place that turns records into engine inputs);
the terminal UI keeps the answers and formats them. An engine that refuses the bid (an exchange rate
missing, a dependency cycle) leaves its part empty and says why in `problems`; the rest still shows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.domain.enums import Scenario


@dataclass
class Analysis:
    plan: Any = None  # planner.services.planning.Planning
    budget: Any = None  # BudgetReport: per scenario result, break-even
    status: dict = field(default_factory=dict)  # Scenario -> BudgetStatus (planned/committed/actual/variance)
    funding: Any = None  # FundingReport: secured / pledged / gap per scenario
    ranking: Any = None  # VenueRanking
    timeline: Any = None  # TimelineCheck
    programme: Any = None  # ProgrammeCheck
    readiness: Any = None  # Readiness
    problems: dict[str, str] = field(default_factory=dict)  # part -> why it could not be computed
    # one computation of a scenario's status at a time: a switch waits for the one computing ahead
    status_locks: dict = field(default_factory=lambda: {scenario: threading.Lock() for scenario in Scenario},
                               repr=False, compare=False)


def analyse(ws, bundle, today: date, scenario: str = "expected", rates=None) -> Analysis:
    """Run every engine on the bundle; a refusing engine is reported, not raised. With `rates` (the light
    read's rows and rate table, planner.services.light), no workspace is needed."""
    from planner.services.errors import PlannerError
    from planner.services.planning import Planning

    plan = (Planning.of(bundle, rates, today=today) if rates is not None
            else Planning.load(ws, bundle.bid.id, today=today, bundle=bundle))
    out = Analysis(plan=plan)

    def attempt(part: str, compute):
        try:
            return compute()
        except PlannerError as exc:
            out.problems[part] = str(exc)
            return None

    out.budget = attempt("budget", lambda: plan.budget)
    if out.budget is not None:
        out.funding = attempt("funding", lambda: plan.funding)
        # the other scenarios' status is computed when the user switches to them (0.7 s each on 10 000 lines)
        add_status(out, scenario)
    out.ranking = attempt("ranking", lambda: plan.ranking)
    out.timeline = attempt("timeline", lambda: plan.timeline)
    out.programme = attempt("programme", lambda: plan.programme)
    out.readiness = attempt("readiness", lambda: plan.readiness)
    return out


def add_status(analysis: Analysis, scenario: str, *, say_why: bool = True) -> None:
    """Compute the budget status at one more scenario (in a worker); a refusal is kept in `problems` when
    `say_why` (computed ahead, it is left for the switch to that scenario to report)."""
    from planner.services.errors import PlannerError

    if analysis.plan is None or analysis.budget is None:
        return
    with analysis.status_locks[Scenario(scenario)]:
        if Scenario(scenario) in analysis.status:
            return
        try:
            analysis.status[Scenario(scenario)] = analysis.plan.status(Scenario(scenario))
        except PlannerError as exc:
            if say_why:
                analysis.problems["status"] = str(exc)
