"""What the planning engines make of the open bid, computed in the loading worker and kept for the screens.

Everything is asked of `planner.services.planning` (the one place that turns records into engine inputs);
the terminal UI keeps the answers and formats them. An engine that refuses the bid (an exchange rate
missing, a dependency cycle) leaves its part empty and says why in `problems`; the rest still shows.
"""

from __future__ import annotations

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


def analyse(ws, bundle, today: date) -> Analysis:
    """Run every engine on the bundle; a refusing engine is reported, not raised."""
    from planner.services.errors import PlannerError
    from planner.services.planning import Planning

    plan = Planning.load(ws, bundle.bid.id, today=today, bundle=bundle)
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
        for scenario in Scenario:
            status = attempt("status", lambda s=scenario: plan.status(s))
            if status is not None:
                out.status[scenario] = status
    out.ranking = attempt("ranking", lambda: plan.ranking)
    out.timeline = attempt("timeline", lambda: plan.timeline)
    out.programme = attempt("programme", lambda: plan.programme)
    out.readiness = attempt("readiness", lambda: plan.readiness)
    return out
