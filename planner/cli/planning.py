"""Commands that show what the planning engines make of a bid: status, venue ranking, timeline and programme.

Each prints rich tables for people, or with --json one JSON document for scripts (amounts as integer minor
units with their currency, messages both translated and as their English id with parameters). Nothing is
computed here: the figures come from planner.services.planning.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from planner.cli.context import out_console, state_of
from planner.cli.params import bid_option, group, json_option, today_option, wire
from planner.domain.enums import LineKind, Scenario
from planner.domain.messages import Message
from planner.domain.money import Money
from planner.i18n import N_, _, ngettext
from planner.i18n.format import format_date, format_money, format_number, format_percent, money_or_dash
from planner.i18n.labels import label
from planner.i18n.text import json_safe, literal

STATUS_MARKS = {"pass": "✔", "warning": "!", "fail": "✘"}

app = typer.Typer()
venues_app = group(N_("Venue scoring."))
timeline_app = group(N_("The bid timeline."))
programme_app = group(N_("The programme."))
budget_app = group(N_("Budget baselines and the price and attendance grid."))


def register(root: typer.Typer) -> None:
    wire(root, app, {"venues": venues_app, "timeline": timeline_app, "programme": programme_app,
                     "budget": budget_app})


# -- shared helpers --------------------------------------------------------------------------------------------


def _plan(ctx: typer.Context, bid_id: int | None, today: date | None):
    from planner.services.planning import Planning
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    return Planning.load(ws, bid.id, today=today)


def _money(value: Money | None) -> str:
    return money_or_dash(value)


def _signed(value: Money | None) -> str:
    if value is None:
        return ""
    text = format_money(value)
    return f"+{text}" if value.minor > 0 else text


def _msg(message: Message | None) -> str:
    from planner.services.planning import render

    return render(message)


def _json_value(value: Any) -> Any:
    if isinstance(value, Money):
        return {"minor": value.minor, "currency": value.currency}
    if isinstance(value, Message):
        return {"text": _msg(value), "id": value.text, "params": _json_value(dict(value.params))}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(v) for v in value]
    return value


def _emit_json(document: dict) -> None:
    sys.stdout.write(json_safe(json.dumps(_json_value(document), ensure_ascii=False, indent=2)) + "\n")


# -- planner status ---------------------------------------------------------------------------------------


def status_document(plan, scenario: Scenario) -> dict:
    result = plan.budget[scenario]
    status = plan.status(scenario)
    funding = plan.funding[scenario]
    readiness = plan.readiness
    bid = plan.bid
    rows = {(row.kind, row.category): row for row in status.categories}

    def category(total) -> dict:
        row = rows.get((total.kind, total.category))
        return {"kind": str(total.kind), "category": total.category, "label": label(total.category),
                "planned": total.planned, "committed": row.committed if row else None,
                "actual": row.actual if row else None, "forecast": row.forecast if row else None,
                "baseline": row.baseline if row else None, "variance": row.variance if row else None,
                "over_plan": bool(row and row.over_plan)}

    return {
        "bid": {"id": bid.id, "title": bid.title, "currency": bid.base_currency},
        "scenario": scenario.value, "attendance": result.attendance, "paying": result.paying,
        "budget": {
            "income": [category(t) for t in result.income_by_category],
            "expenses": [category(t) for t in result.expenses_by_category],
            "total_income": result.income, "total_expenses": result.expenses, "result": result.result,
            "forecast_income": status.income.forecast, "forecast_expenses": status.expenses.forecast,
            "cost_per_attendee": result.cost_per_attendee,
            "break_even_attendance": result.break_even_attendance.attendance,
            "break_even_attendance_reason": result.break_even_attendance.reason,
            "break_even_ticket_price": result.break_even_ticket_price.price,
            "break_even_ticket_price_reason": result.break_even_ticket_price.reason,
            "baseline": status.baseline_label,
            "lines": [{"id": r.key, "kind": str(r.kind), "category": r.category, "label": r.label,
                       "planned": r.planned, "committed": r.committed, "actual": r.actual,
                       "open_commitment": r.open_commitment, "remaining": r.remaining, "forecast": r.forecast,
                       "baseline": r.baseline, "variance": r.variance, "over_plan": r.over_plan}
                      for r in status.lines],
            "over_plan_lines": [{"id": r.key, "label": r.label, "planned": r.planned, "forecast": r.forecast}
                                for r in status.over_plan_lines],
            "rates": [{"currency": r.currency, "per_eur": r.per_eur, "date": r.on, "source": r.source}
                      for r in plan.budget.rates_used],
            "notes": list(plan.budget.notes),
            "rate_date": plan.on,
            "rate_warning": plan.rate_warning or None,
        },
        "risk": _risk_document(plan),
        "impact": _impact_document(plan, scenario),
        "funding": {
            "need": funding.need, "earned_income": funding.earned_income,
            "cash": {"secured": funding.cash.secured, "pledged": funding.cash.pledged,
                     "prospects": funding.cash.prospects},
            "in_kind": {"secured": funding.in_kind.secured, "pledged": funding.in_kind.pledged,
                        "prospects": funding.in_kind.prospects},
            "in_kind_not_in_budget": plan.funding.in_kind_unbudgeted,
            "gap": funding.gap, "unsecured": funding.unsecured, "share_at_risk": funding.share_at_risk,
            "counted_twice": [{"commitment_id": f.commitment_id, "partner": f.partner, "line_id": f.line_id,
                               "line": f.line_label, "reason": f.reason} for f in plan.counted_twice],
        },
        "readiness": {
            "score": readiness.score,
            "items": [{"key": i.key, "title": _(i.title), "status": i.status, "reason": i.reason, "fix": i.fix}
                      for i in readiness.items],
        },
    }


def _risk_document(plan) -> dict:
    risk = plan.risk()
    return {"runs": risk.runs, "seed": risk.seed, "low": risk.low, "mode": risk.mode, "high": risk.high,
            "probability_of_loss": risk.probability_of_loss, "p10": risk.p10, "p50": risk.p50, "p90": risk.p90}


def _impact_document(plan, scenario: Scenario) -> dict:
    impact = plan.impact(scenario)
    return {"delegates": impact.delegates, "days": impact.days, "spend_per_delegate_day":
            impact.spend_per_delegate_day, "total": impact.total, "assumption": impact.assumption}


def print_lines(status) -> None:
    """Every line: planned, committed, actual, forecast (and the baseline variance when there is one)."""
    with_baseline = status.baseline_label is not None
    table = Table(title=_("Budget lines"), title_justify="left")
    table.add_column(_("Line"))
    table.add_column(_("Category"))
    for header in (_("Planned"), _("Committed"), _("Actual"), _("Forecast")):
        table.add_column(header, justify="right")
    if with_baseline:
        table.add_column(_("Against baseline"), justify="right")
    flagged = any(row.over_plan for row in status.lines)  # the "over plan" column only when a line is
    if flagged:
        table.add_column("")
    for row in status.lines:
        cells = [literal(row.label), literal(label(row.category)), _money(row.planned), _money(row.committed),
                 _money(row.actual), _money(row.forecast)]
        if with_baseline:
            cells.append(_signed(row.variance) if row.variance is not None else _("new"))
        if flagged:
            cells.append(_("over plan") if row.over_plan else "")
        table.add_row(*cells)
    out_console().print(table)


def _bold(text: str) -> Text:
    return Text(text, style="bold")


def print_status(plan, scenario: Scenario, lines: bool = False) -> None:
    console = out_console()
    result = plan.budget[scenario]
    status = plan.status(scenario)
    funding = plan.funding[scenario]
    days = ngettext("{n} day", "{n} days", result.days).format(n=result.days)
    console.print(literal(_("{bid}: {scenario} scenario, {attendance} attendees ({paying} paying), {days}").format(
        bid=plan.bid.title, scenario=label(scenario).lower(), attendance=format_number(result.attendance),
        paying=format_number(result.paying), days=days)))
    with_baseline = status.baseline_label is not None
    table = Table(title=_("Budget by category"), title_justify="left")
    for header in (_("Category"), _("Planned"), _("Committed"), _("Actual"), _("Forecast")):
        table.add_column(header, justify="left" if header == _("Category") else "right")
    if with_baseline:
        table.add_column(_("Against baseline"), justify="right")
    flagged = any(row.over_plan for row in status.categories)  # the "over plan" column only when one is
    if flagged:
        table.add_column("")
    width = len(table.columns)
    for kind, title, total_title, total in (
            (LineKind.INCOME, _("Income"), _("Total income"), status.income),
            (LineKind.EXPENSE, _("Expenses"), _("Total expenses"), status.expenses)):
        table.add_row(_bold(title), *([""] * (width - 1)))
        for row in (r for r in status.categories if r.kind == kind):
            cells = [literal(f"  {label(row.category)}"), _money(row.planned), _money(row.committed),
                     _money(row.actual), _money(row.forecast)]
            if with_baseline:
                cells.append(_signed(row.variance))
            if flagged:
                cells.append(_("over plan") if row.over_plan else "")
            table.add_row(*cells)
        cells = [total_title, _money(total.planned), _money(total.committed),
                 _money(total.actual), _money(total.forecast)]
        if with_baseline:
            cells.append(_signed(total.variance))
        cells = [_bold(c) if c else c for c in cells]
        table.add_row(*cells, *([""] * (width - len(cells))), end_section=True)
    result_row = [_bold(_("Result")), _bold(_money(result.result)), "", "",
                  _money(status.income.forecast - status.expenses.forecast)]
    table.add_row(*result_row, *([""] * (width - len(result_row))))
    console.print(table)
    if lines:
        print_lines(status)

    figures = Table(title=_("Key figures"), title_justify="left", show_header=False)
    figures.add_column()
    figures.add_column(justify="right")
    figures.add_row(_("Cost per attendee"), _money(result.cost_per_attendee))
    be = result.break_even_attendance
    figures.add_row(_("Break-even attendance"),
                    format_number(be.attendance) if be.reachable else literal(_msg(be.reason)))
    price = result.break_even_ticket_price
    figures.add_row(_("Break-even ticket price (excl. VAT)"),
                    _money(price.price) if price.reachable else literal(_msg(price.reason)))
    risk = plan.risk()
    figures.add_row(_("Probability of a loss (attendance between low and high)"),
                    format_percent(risk.probability_of_loss))
    figures.add_row(_("Result at the 10th / 90th percentile"), f"{_money(risk.p10)} / {_money(risk.p90)}")
    impact = plan.impact(scenario)
    figures.add_row(_("Economic impact for the region"), _money(impact.total))
    console.print(figures)
    console.print(literal(_("Risk: {runs} simulated attendances, triangular between {low} and {high} peaking at "
                            "{mode} (seed {seed}). Impact: {delegates} delegates x {days} days; {assumption}").format(
        runs=format_number(risk.runs), low=risk.low, high=risk.high, mode=risk.mode, seed=risk.seed,
        delegates=format_number(impact.delegates), days=impact.days, assumption=_msg(impact.assumption))))

    money = Table(title=_("Funding"), title_justify="left")
    money.add_column("")
    for header in (_("Secured"), _("Pledged"), _("Prospects")):
        money.add_column(header, justify="right")
    money.add_row(_("Cash"), _money(funding.cash.secured), _money(funding.cash.pledged),
                  _money(funding.cash.prospects))
    money.add_row(_("In kind"), _money(funding.in_kind.secured), _money(funding.in_kind.pledged),
                  _money(funding.in_kind.prospects))
    console.print(money)
    share = "–" if funding.share_at_risk is None else format_percent(funding.share_at_risk)
    console.print(literal(_("Funding need {need} (expenses less earned income); gap if every pledge holds {gap}; "
                            "not yet secured {unsecured} ({share} at risk).").format(
        need=_money(funding.need), gap=_money(funding.gap), unsecured=_money(funding.unsecured), share=share)))
    if plan.funding.in_kind_unbudgeted.minor:
        console.print(literal(_("In kind not linked to a budget line (shown apart, not counted): {amount}").format(
            amount=_money(plan.funding.in_kind_unbudgeted))))
    for flag in plan.counted_twice:
        console.print(literal(_("Counted twice? The cash commitment {id} from {partner} is linked to no line while "
                                "the line {line_id} “{line}” looks like the same money: 'planner link commitment "
                                "{id} --line {line_id}' links it.").format(
            id=flag.commitment_id, partner=flag.partner, line_id=flag.line_id, line=flag.line_label), style="yellow"))
    for row in status.over_plan_lines:
        console.print(literal(_("Over plan: {line} ({category}) is heading for {forecast} against {planned} "
                                "planned.").format(line=row.label, category=label(row.category),
                                                   forecast=_money(row.forecast), planned=_money(row.planned))))
    if status.baseline_label:
        console.print(literal(_("Compared with the baseline “{name}”.").format(name=status.baseline_label)))
    for rate in plan.budget.rates_used:
        console.print(literal(_("Exchange rate used: {rate} {currency} per EUR ({date}, {source}).").format(
            rate=format_number(rate.per_eur), currency=rate.currency, date=format_date(rate.on),
            source=label(rate.source))))
    if plan.rate_warning:
        console.print(literal(plan.rate_warning), style="yellow")
    for note in plan.budget.notes:
        console.print(literal(f"! {_msg(note)}"))
    print_readiness(plan)


def print_readiness(plan) -> None:
    readiness = plan.readiness
    table = Table(title=_("Readiness: {score} %").format(score=readiness.score), title_justify="left")
    table.add_column("")
    table.add_column(_("Check"))
    table.add_column(_("Why"))
    table.add_column(_("What to do"))
    for item in readiness.items:
        table.add_row(STATUS_MARKS[item.status], literal(_(item.title)), literal(_msg(item.reason)),
                      literal(_msg(item.fix)))
    out_console().print(table)


# -- planner venues rank ----------------------------------------------------------------------------------


def ranking_document(plan) -> dict:
    ranking = plan.ranking
    labels = {c.key: c.display_label for c in plan.criteria}
    return {
        "bid": {"id": plan.bid.id, "title": plan.bid.title},
        "venues": [{"id": v.venue_id, "name": v.name, "rank": v.rank, "total": v.total,
                    "qualified": v.qualified, "disqualified_by": list(v.disqualified_by),
                    "reasons": list(v.reasons), "warnings": list(v.warnings),
                    "cost_per_attendee": v.cost_per_attendee, "contributions": dict(v.contributions)}
                   for v in ranking.venues],
        "sensitivity": [{"criterion": s.criterion, "label": _(labels.get(s.criterion, s.criterion)),
                         "weight": s.weight, "change": s.change, "swap_weight": s.swap_weight}
                        for s in ranking.sensitivity],
        "warnings": list(ranking.warnings),
    }


def print_ranking(plan) -> None:
    console = out_console()
    ranking = plan.ranking
    if not ranking.venues:
        console.print(literal(_("{bid} has no venues yet.").format(bid=plan.bid.title)))
    table = Table(title=literal(_("Venues ranked for {bid}").format(bid=plan.bid.title)), title_justify="left")
    table.add_column(_("Rank"), justify="right")
    table.add_column(_("Venue"))
    table.add_column(_("Score (0-100)"), justify="right")
    table.add_column(_("Cost per attendee"), justify="right")
    table.add_column(_("Why"))
    for v in ranking.venues:
        why = [_msg(r) for r in v.disqualified_by] if not v.qualified else [_msg(r) for r in v.reasons]
        why += [f"! {_msg(w)}" for w in v.warnings]
        table.add_row(str(v.rank) if v.rank else _("out"), literal(v.name), format_number(v.total, digits=1),
                      _money(v.cost_per_attendee), literal("\n".join(why)))
    if ranking.venues:
        console.print(table)
    if ranking.sensitivity:
        first, second = ranking.venues[0].name, ranking.venues[1].name
        labels = {c.key: c.display_label for c in plan.criteria}
        sens = Table(title=literal(_("How far a weight must move before {second} overtakes {first}").format(
            first=first, second=second)), title_justify="left")
        sens.add_column(_("Criterion"))
        sens.add_column(_("Weight"), justify="right")
        sens.add_column(_("Change needed"), justify="right")
        for s in ranking.sensitivity:
            change = _("never") if s.change is None else _("{change} (to {weight})").format(
                change=("+" if s.change > 0 else "") + format_number(s.change, digits=2),
                weight=format_number(s.swap_weight))
            sens.add_row(literal(_(labels.get(s.criterion, s.criterion))), format_number(s.weight), change)
        console.print(sens)
    for warning in ranking.warnings:
        console.print(literal(f"! {_msg(warning)}"))


# -- planner timeline check -------------------------------------------------------------------------------


def timeline_document(plan) -> dict:
    check = plan.timeline
    return {
        "bid": {"id": plan.bid.id, "title": plan.bid.title}, "today": check.today,
        "tasks": [{"id": t.task_id, "title": _(t.title), "kind": str(t.kind), "owner": t.owner,
                   "status": str(t.status), "start": t.start, "due": t.due, "slack_days": t.slack_days,
                   "critical": t.critical, "overdue": t.overdue, "at_risk": t.at_risk, "flags": list(t.flags),
                   "problems": list(t.problems)} for t in check.tasks],
        "critical_path": list(check.critical_path),
        "entries": [{"id": e.entry.id, "source": e.entry.source, "title": e.entry.title, "date": e.entry.on,
                     "overdue": e.overdue, "flags": list(e.flags)} for e in check.entries],
    }


def print_timeline(plan) -> None:
    check = plan.timeline
    table = Table(title=literal(_("Timeline of {bid} as of {today}").format(bid=plan.bid.title,
                                                                            today=format_date(check.today))),
                  title_justify="left")
    for header in (_("Due"), _("Task"), _("Owner"), _("Status"), _("Slack"), _("Notes")):
        table.add_column(header, justify="right" if header == _("Slack") else "left")
    rows = []
    for t in check.tasks:
        state = _("overdue") if t.overdue else _("at risk") if t.at_risk else label(t.status)
        notes = [_msg(m) for m in t.problems + t.flags]
        if t.critical:
            notes.insert(0, _("critical path"))
        rows.append((t.due or date.max, [format_date(t.due) if t.due else "–", literal(_(t.title)),
                                         literal(t.owner), literal(state),
                                         "" if t.slack_days is None else str(t.slack_days),
                                         literal("; ".join(notes))]))
    for e in check.entries:  # venue options and commitment due dates, in date order with the tasks
        state = _("overdue") if e.overdue else _("settled") if e.entry.done else ""
        rows.append((e.entry.on, [format_date(e.entry.on), literal(_msg(e.entry.title)), "", state, "",
                                  literal("; ".join(_msg(m) for m in e.flags))]))
    for _day, cells in sorted(rows, key=lambda r: r[0]):
        table.add_row(*cells)
    if not rows:
        out_console().print(literal(_("{bid} has no timeline yet; 'planner timeline generate' adds the standard "
                                      "bid timeline.").format(bid=plan.bid.title)))
        return
    out_console().print(table)
    out_console().print(_("{overdue} overdue, {at_risk} at risk.").format(
        overdue=len(check.overdue), at_risk=len(check.at_risk)))


# -- planner programme check ------------------------------------------------------------------------------


def programme_document(plan) -> dict:
    check = plan.programme
    return {"bid": {"id": plan.bid.id, "title": plan.bid.title}, "sessions": check.sessions_checked,
            "conflicts": [{"kind": c.kind, "sessions": list(c.session_ids), "message": c.message}
                          for c in check.conflicts]}


def print_programme(plan) -> None:
    check = plan.programme
    console = out_console()
    if not check.conflicts:
        console.print(_("{n} sessions checked: no conflicts.").format(n=check.sessions_checked))
        return
    table = Table(title=_("{n} sessions checked: {conflicts} conflicts").format(
        n=check.sessions_checked, conflicts=len(check.conflicts)), title_justify="left")
    table.add_column(_("Conflict"))
    for c in check.conflicts:
        table.add_row(literal(_msg(c.message)))
    console.print(table)


# -- planner budget grid ---------------------------------------------------------------------------------


def _list_option(text: str | None, option: str, parse) -> list | None:
    if not text:
        return None
    try:
        return [parse(part) for part in text.split(";" if ";" in text else "/") if part.strip()]
    except ValueError:
        raise typer.BadParameter(_("{value!r} is not a list of numbers separated by '/'.").format(value=text),
                                 param_hint=option) from None


def grid_document(grid) -> dict:
    return {"prices": list(grid.prices), "attendances": list(grid.attendances),
            "results": [list(row) for row in grid.results]}


def print_grid(plan, grid) -> None:
    table = Table(title=_("Result by ticket price (excl. VAT, per paying attendee) and attendance"),
                  title_justify="left")
    table.add_column(_("Ticket price"), justify="right")
    for n in grid.attendances:
        table.add_column(ngettext("{n} attendee", "{n} attendees", n).format(n=format_number(n)), justify="right")
    for price, row in zip(grid.prices, grid.results, strict=True):
        table.add_row(_money(price), *[Text(_money(v), style="red") if v.minor < 0 else _money(v) for v in row])
    out_console().print(table)


# -- the commands ---------------------------------------------------------------------------------------------


@app.command("status", help=N_("Budget status and readiness of a bid: planned, committed, actual and "
                               "forecast per category, break-even, funding, and the readiness checklist. Other "
                               "currencies convert at the bid's rate date (rate_date, else its deadline); a rate "
                               "more than 14 days from it is named."))
def status_command(
    ctx: typer.Context,
    bid_id: int = bid_option(),
    scenario: Scenario = typer.Option(Scenario.EXPECTED.value, "--scenario", case_sensitive=False,
                                      help=N_("Attendance scenario: low, expected or high.")),
    as_json: bool = json_option(),
    today: date = today_option(),
    lines: bool = typer.Option(False, "--lines", help=N_("Also list every budget line.")),
) -> None:
    plan = _plan(ctx, bid_id, today)
    scenario = Scenario(scenario)
    if as_json:
        _emit_json(status_document(plan, scenario))
    else:
        print_status(plan, scenario, lines)


@venues_app.command("rank", help=N_("Rank the venues on the weighted criteria, with must-haves and "
                                    "sensitivity."))
def venues_rank(ctx: typer.Context, bid_id: int = bid_option(), as_json: bool = json_option()) -> None:
    plan = _plan(ctx, bid_id, None)
    if as_json:
        _emit_json(ranking_document(plan))
    else:
        print_ranking(plan)


@timeline_app.command("check", help=N_("Dates, critical path, slack, overdue and at-risk tasks, weekends and "
                                       "public holidays. Exits with 1 when a task is overdue or has a problem."))
def timeline_check(ctx: typer.Context, bid_id: int = bid_option(), as_json: bool = json_option(),
                   today: date = today_option()) -> None:
    plan = _plan(ctx, bid_id, today)
    if as_json:
        _emit_json(timeline_document(plan))
    else:
        print_timeline(plan)
    check = plan.timeline
    if check.overdue or any(t.problems for t in check.tasks) or any(e.overdue for e in check.entries):
        raise typer.Exit(1)  # a check that found problems says so to the script that ran it


@timeline_app.command("generate", help=N_("Merge the standard bid timeline (planned backward from the "
                                          "deadline) into the bid's tasks: shows what it adds and asks first."))
def timeline_generate(ctx: typer.Context, bid_id: int = bid_option(), today: date = today_option(),
                      yes: bool = typer.Option(False, "--yes", help=N_("Add without asking.")),
                      dry_run: bool = typer.Option(False, "--dry-run",
                                                   help=N_("Only show what would be added."))) -> None:
    from planner.cli.records import can_ask
    from planner.errors import PlannerError
    from planner.services.planning import UndatedBid, add_standard_timeline, plan_standard_timeline
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    try:
        standard = plan_standard_timeline(ws, resolve_bid(ws, bid_id).id, today)
    except UndatedBid as exc:  # what to type, in the command line's words
        raise PlannerError(_("{reason} For example: planner bid set {fields}").format(
            reason=exc, fields=" ".join(f"{name}=YYYY-MM-DD" for name in exc.missing))) from None
    console = out_console()
    if not standard.added:
        console.print(_("Added 0 tasks: the bid already has every task of the standard timeline."))
        return
    print_standard_timeline(standard)
    if dry_run:
        return
    if not yes:
        if not can_ask():
            raise typer.BadParameter(_("Adding the standard timeline needs confirmation and there is no "
                                       "terminal to ask on; run again with --yes."), param_hint="--yes")
        if not typer.confirm(_("Add them?"), default=True):
            raise typer.Exit(1)
    created = add_standard_timeline(ws, standard)
    console.print(_("Added {n} tasks from the standard bid timeline.").format(n=len(created)))


def print_standard_timeline(standard) -> None:
    """What merging the standard timeline adds, with its dates, what the bid has already, what cannot fit."""
    console = out_console()
    table = Table(title=_("The standard timeline adds {n} tasks").format(n=len(standard.added)))
    for heading in (_("Task"), _("Due"), _("Standard date"), _("Slack"), _("Fits")):
        table.add_column(heading)
    for task in standard.added:
        table.add_row(literal(task.title), format_date(task.due) if task.due else "-",
                      format_date(task.standard_due) if task.standard_due else "-",
                      "-" if task.slack_days is None else str(task.slack_days), _("yes") if task.fits else _("no"))
    console.print(table)
    if standard.matched:
        console.print(literal(_("Already in the plan: {tasks}.").format(tasks=", ".join(standard.matched.values()))))
    if standard.cannot_fit:
        console.print(literal(_("Cannot be done in time: {tasks}. They are kept at their latest date; move the "
                                "deadline or shorten what they wait for.").format(
            tasks=", ".join(t.title for t in standard.cannot_fit))))


@programme_app.command("check", help=N_("Conflicts in the programme: double-booked speakers and rooms, rooms "
                                        "too small, sessions outside the event, unconfirmed speakers. Exits with 1 when "
                                        "there is a conflict."))
def programme_check(ctx: typer.Context, bid_id: int = bid_option(), as_json: bool = json_option()) -> None:
    plan = _plan(ctx, bid_id, None)
    if as_json:
        _emit_json(programme_document(plan))
    else:
        print_programme(plan)
    if plan.programme.conflicts:
        raise typer.Exit(1)  # a check that found problems says so to the script that ran it


@budget_app.command("freeze", help=N_("Freeze the working budget as an approved baseline to compare against."))
def budget_freeze(ctx: typer.Context, name: str = typer.Option(..., "--name", help=N_("The baseline's name.")),
                  bid_id: int = bid_option()) -> None:
    from planner.services.planning import freeze_baseline
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    baseline = freeze_baseline(ws, resolve_bid(ws, bid_id).id, name)
    out_console().print(literal(_("Froze the budget as baseline {id}: {name}").format(id=baseline.id,
                                                                                      name=baseline.name)))


@budget_app.command("grid", help=N_("The result over ticket price and attendance: the table committees ask "
                                    "for. Prices and attendances as lists separated by '/'."))
def budget_grid(
    ctx: typer.Context,
    bid_id: int = bid_option(),
    prices: str = typer.Option(None, "--prices", metavar="1500/1800/2100",
                               help=N_("Ticket prices excluding VAT (default: 60-140 % of today's).")),
    attendances: str = typer.Option(None, "--attendance", metavar="150/300/450",
                                    help=N_("Attendances (default: from low to high).")),
    as_json: bool = json_option(),
) -> None:
    from planner.i18n.format import AmountError, parse_amount

    plan = _plan(ctx, bid_id, None)
    currency = plan.bid.base_currency

    def price(text: str) -> Money:
        try:
            return parse_amount(text, currency)
        except AmountError:
            raise ValueError(text) from None

    def people(text: str) -> int:
        value = int(text.strip())
        if value < 0:
            raise ValueError(text)
        return value

    grid = plan.grid(_list_option(prices, "--prices", price), _list_option(attendances, "--attendance", people))
    if as_json:
        _emit_json(grid_document(grid))
    else:
        print_grid(plan, grid)
