"""The bid timeline: dates from anchors, dependency order, critical path and slack, overdue and at-risk items.

Dates. A task's due date is fixed, or its anchor's date (bid deadline, decision date, event start or end)
plus `offset_days`; it starts `duration_days` before it is due. A task with neither is scheduled as soon as
its predecessors are due, and is due by its latest finish. Moving an anchor moves every task hanging from it the next time this runs.

Scheduling (critical path method, in days): earliest start ES = the latest EF of the predecessors, and for
a task still to do no earlier than today (a task in progress from its planned start; a closed one, and a
dated milestone, when it was planned: a decision or the event happens on its day); earliest finish EF = ES + duration; latest finish LF = min(own due date, earliest latest-start
of the successors); slack = LF - EF. A task with room to move has positive slack; negative slack: it cannot
be finished in time (its predecessors end too late, or too little time is left). The critical path is the
chain of least slack that drives the latest finish.

Overdue: not done or cancelled and due before `today`. At risk: not overdue, not done, and either negative
slack, a predecessor overdue or blocked, or due within `at_risk_days` while still to do or blocked.

Holidays: Swedish public holidays come from the `holidays` package (pure data, allowed in the domain). The
checks take the holiday dates as an argument; `swedish_holidays()` builds them, importing the package only
when called so nothing happens at import time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.domain.enums import N_, Anchor, TaskKind, TaskStatus
from planner.domain.messages import DomainError, Message

CLOSED = frozenset({TaskStatus.DONE, TaskStatus.CANCELLED})
DEFAULT_AT_RISK_DAYS = 14
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))

# Titles of the standard bid timeline (data/timeline_template.json), here so they are translated.
TEMPLATE_TITLES = {
    "letters_of_support": N_("Collect letters of support"),
    "venue_options": N_("Secure venue options"),
    "site_inspection": N_("Site inspection"),
    "dossier_review": N_("Dossier review"),
    "submission": N_("Submit the bid"),
    "decision": N_("Decision"),
    "contracts": N_("Sign contracts"),
    "call_for_speakers": N_("Call for speakers"),
    "programme": N_("Build the programme"),
    "registration": N_("Open registration"),
    "event": N_("The event"),
    "evaluation": N_("Evaluation"),
}


@dataclass(frozen=True)
class TaskInput:
    id: int | str
    title: str
    kind: TaskKind = TaskKind.TASK
    owner: str = ""
    status: TaskStatus = TaskStatus.TODO
    fixed_date: date | None = None
    anchor: Anchor | None = None
    offset_days: int = 0
    duration_days: int = 0
    depends_on: tuple = ()
    template_key: str | None = None


@dataclass(frozen=True)
class DatedEntry:
    """A date from elsewhere in the bid shown on the timeline: a venue option expiry, a commitment due date."""

    id: str
    source: str  # venue_option | commitment_due
    title: Message
    on: date
    done: bool = False


@dataclass(frozen=True)
class ScheduledTask:
    task_id: int | str
    title: str
    kind: TaskKind
    owner: str
    status: TaskStatus
    start: date | None
    due: date | None
    earliest_finish: date | None
    latest_finish: date | None
    slack_days: int | None
    critical: bool
    overdue: bool
    at_risk: bool
    flags: tuple[Message, ...] = ()  # weekend / public holiday
    problems: tuple[Message, ...] = ()  # why it is at risk, or why it has no date


@dataclass(frozen=True)
class EntryCheck:
    entry: DatedEntry
    overdue: bool
    flags: tuple[Message, ...] = ()


@dataclass(frozen=True)
class TimelineCheck:
    today: date
    tasks: tuple[ScheduledTask, ...]
    critical_path: tuple[int | str, ...]
    entries: tuple[EntryCheck, ...] = field(default_factory=tuple)

    @property
    def overdue(self) -> tuple[ScheduledTask, ...]:
        return tuple(t for t in self.tasks if t.overdue)

    @property
    def at_risk(self) -> tuple[ScheduledTask, ...]:
        return tuple(t for t in self.tasks if t.at_risk)


class CycleError(DomainError):
    """Tasks that depend on each other in a circle; `cycle` lists their ids, first repeated at the end."""

    def __init__(self, cycle: list, titles: list[str]) -> None:
        self.cycle = cycle
        super().__init__(N_("These tasks depend on each other in a circle: {cycle}. Remove one of the "
                            "dependencies."), cycle=" → ".join(titles))


def swedish_holidays(years: Iterable[int], language: str = "en") -> dict[date, str]:
    """Swedish public holidays for the given years, named in `language` (sv or en); ordinary Sundays left out."""
    return public_holidays(years, "SE", language)


def public_holidays(years: Iterable[int], country: str = "SE", language: str = "en") -> dict[date, str]:
    """A country's public holidays (ISO 3166 code; Sweden when the code is unknown) for the given years,
    named in `language` where the package has it; Sweden's ordinary Sundays left out."""
    import holidays  # pure data; imported here so importing the domain stays free of it

    years = sorted(set(years))
    code = (country or "SE").upper()
    if code == "SE" or code not in holidays.list_supported_countries():
        found = holidays.Sweden(years=years, include_sundays=False, language="sv" if language == "sv" else "en_US")
    else:
        found = holidays.country_holidays(code, years=years)
    return dict(found.items())


def dependency_order(tasks: list[TaskInput]) -> list[TaskInput]:
    """Tasks in dependency order (predecessors first); unknown predecessors and cycles are refused with the
    names involved (`CycleError`). Forms call this before saving a dependency, so a circle is never stored."""
    by_id = {t.id: t for t in tasks}
    for task in tasks:
        for dep in task.depends_on:
            if dep not in by_id:
                raise DomainError(N_("Task “{task}” depends on a task that does not exist ({dependency}). "
                                     "Remove the dependency."), task=task.title, dependency=dep)
            if dep == task.id:
                raise CycleError([task.id, task.id], [task.title, task.title])
    state: dict = {}
    ordered: list[TaskInput] = []
    for root in tasks:
        if root.id in state:
            continue
        stack = [(root.id, iter(by_id[root.id].depends_on))]
        path = [root.id]
        state[root.id] = "active"
        while stack:
            node, deps = stack[-1]
            nxt = next(deps, None)
            if nxt is None:
                stack.pop()
                path.pop()
                state[node] = "done"
                ordered.append(by_id[node])
            elif state.get(nxt) == "active":
                # path runs from the root down to `node`, each depending on the next; report it in the
                # direction work flows (predecessor first)
                cycle = path[path.index(nxt):] + [nxt]
                cycle.reverse()
                raise CycleError(cycle, [by_id[i].title for i in cycle])
            elif nxt not in state:
                state[nxt] = "active"
                path.append(nxt)
                stack.append((nxt, iter(by_id[nxt].depends_on)))
    return ordered


_order = dependency_order  # the earlier private name, still used by planner.services.editing


def planned_due(task: TaskInput, anchors: Mapping[Anchor, date | None]) -> date | None:
    if task.fixed_date is not None:
        return task.fixed_date
    if task.anchor is not None:
        anchor_date = anchors.get(Anchor(task.anchor))
        if anchor_date is not None:
            return anchor_date + timedelta(days=task.offset_days)
    return None


def _flags(day: date | None, holidays: Mapping[date, str]) -> tuple[Message, ...]:
    if day is None:
        return ()
    flags = []
    if day.weekday() >= 5:
        flags.append(Message(N_("Due on a weekend ({weekday})."), {"weekday": (WEEKDAYS[day.weekday()],)}))
    if day in holidays:
        flags.append(Message(N_("Due on a Swedish public holiday ({holiday})."), {"holiday": holidays[day]}))
    return tuple(flags)


def check_timeline(
    tasks: Iterable[TaskInput],
    anchors: Mapping[Anchor, date | None],
    today: date,
    holidays: Mapping[date, str] | None = None,
    entries: Iterable[DatedEntry] = (),
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> TimelineCheck:
    tasks = list(tasks)
    entries = list(entries)
    ordered = dependency_order(tasks)
    if holidays is None:
        years = {today.year} | {a.year for a in anchors.values() if a} | {e.on.year for e in entries}
        years |= {t.fixed_date.year for t in tasks if t.fixed_date}
        holidays = swedish_holidays(range(min(years) - 1, max(years) + 2))
    successors: dict = {t.id: [] for t in tasks}
    for t in tasks:
        for dep in t.depends_on:
            successors[dep].append(t.id)
    one = timedelta(days=1)
    due: dict = {}
    ef: dict = {}
    short_of_time: set = set()  # open tasks whose earliest start is today, not their predecessors
    for t in ordered:
        due[t.id] = planned_due(t, anchors)
        ef[t.id] = _earliest_finish(t, due[t.id], [ef[p] for p in t.depends_on if ef.get(p) is not None],
                                    today)
        if ef[t.id] is not None and TaskStatus(t.status) in (TaskStatus.TODO, TaskStatus.BLOCKED):
            ready = max((ef[p] for p in t.depends_on if ef.get(p) is not None), default=None)
            if ready is None or ready < today:
                short_of_time.add(t.id)
    by_id = {t.id: t for t in tasks}
    lf: dict = {}
    for t in reversed(ordered):
        limits = [lf[s] - by_id[s].duration_days * one
                  for s in successors[t.id] if lf.get(s) is not None]
        if due[t.id] is not None:
            limits.append(due[t.id])
        lf[t.id] = min(limits) if limits else ef[t.id]
    slack = {tid: (lf[tid] - ef[tid]).days if ef[tid] is not None and lf[tid] is not None else None
             for tid in ef}
    critical_path = _critical_path(ordered, ef, slack)
    scheduled = []
    for t in ordered:
        shown_due = due[t.id] or lf[t.id]  # an undated task is due when it must end to delay nothing
        closed = TaskStatus(t.status) in CLOSED
        overdue = not closed and shown_due is not None and shown_due < today
        problems: list[Message] = []
        if shown_due is None:
            problems.append(Message(N_("No date: set a fixed date, an anchor date or a dated predecessor.")))
        if not closed and not overdue:
            if slack[t.id] is not None and slack[t.id] < 0:
                if t.id in short_of_time:
                    problems.append(Message(N_("Started today it would finish {days} days too late."),
                                            {"days": -slack[t.id]}))
                else:
                    problems.append(Message(N_("Its predecessors finish {days} days too late."),
                                            {"days": -slack[t.id]}))
            for p in t.depends_on:
                pred = by_id[p]
                pred_due = due[p] or lf[p]
                if TaskStatus(pred.status) == TaskStatus.BLOCKED:
                    problems.append(Message(N_("Waits for “{task}”, which is blocked."), {"task": pred.title}))
                elif TaskStatus(pred.status) not in CLOSED and pred_due is not None and pred_due < today:
                    problems.append(Message(N_("Waits for “{task}”, which is overdue."), {"task": pred.title}))
            if (shown_due is not None and (shown_due - today).days <= at_risk_days
                    and TaskStatus(t.status) in (TaskStatus.TODO, TaskStatus.BLOCKED)):
                problems.append(Message(N_("Due within {days} days and not started."), {"days": at_risk_days}))
        at_risk = not closed and not overdue and bool(problems) and shown_due is not None
        scheduled.append(ScheduledTask(
            t.id, t.title, TaskKind(t.kind), t.owner, TaskStatus(t.status),
            None if shown_due is None else shown_due - t.duration_days * one, shown_due, ef[t.id], lf[t.id],
            slack[t.id], t.id in critical_path, overdue, at_risk, _flags(shown_due, holidays), tuple(problems)))
    scheduled.sort(key=lambda s: (s.due is None, s.due or today, str(s.task_id)))
    checked = tuple(
        EntryCheck(e, not e.done and e.on < today, _flags(e.on, holidays))
        for e in sorted(entries, key=lambda e: (e.on, e.id))
    )
    return TimelineCheck(today, tuple(scheduled), tuple(critical_path), checked)


def _earliest_finish(task: TaskInput, due: date | None, predecessors: list[date], today: date) -> date | None:
    """When the task can be finished at the earliest: closed tasks and dated milestones when they are due; a
    task still to do when its predecessors are done and it has had its duration, starting no earlier than
    today; a task in progress from its planned start (it has begun). With no date and no dated predecessor:
    none."""
    length = timedelta(days=task.duration_days)
    status = TaskStatus(task.status)
    starts = list(predecessors)
    if status in CLOSED or (TaskKind(task.kind) == TaskKind.MILESTONE and due is not None):
        # a milestone happens on its day (a decision, the event) and is no earlier for being ready
        if due is not None:
            starts.append(due - length)
    elif due is not None or starts:
        if status == TaskStatus.IN_PROGRESS and due is not None:
            starts.append(min(due - length, today))
        else:
            starts.append(today)
    return max(starts) + length if starts else None


def _critical_path(ordered: list[TaskInput], ef: dict, slack: dict) -> list:
    dated = [t for t in ordered if ef[t.id] is not None and slack[t.id] is not None]
    if not dated:
        return []
    least = min(slack[t.id] for t in dated)
    by_id = {t.id: t for t in ordered}
    end = max((t for t in dated if slack[t.id] == least), key=lambda t: (ef[t.id], str(t.id)))
    path = [end.id]
    current = end
    while True:
        preds = [by_id[p] for p in current.depends_on if ef.get(p) is not None and slack.get(p) == least]
        if not preds:
            break
        current = max(preds, key=lambda t: (ef[t.id], str(t.id)))
        path.append(current.id)
    path.reverse()
    return path


def generate_standard_timeline(template: Mapping, skip_keys: Iterable[str] = ()) -> list[TaskInput]:
    """The standard bid plan from the parsed data/timeline_template.json, backward from the deadline.

    Each template task hangs from an anchor with an offset, so the plan moves with the bid's dates. Keys
    already in the bid (`skip_keys`) are left out, and dependencies on them are kept (they name the
    existing task by its template key).
    """
    skip = set(skip_keys)
    tasks = []
    keys = set()
    for i, item in enumerate(template.get("tasks", []), start=1):
        try:
            key = str(item["key"])
            anchor = Anchor(item["anchor"])
        except (KeyError, ValueError) as exc:
            raise DomainError(N_("Timeline template task number {number} needs a key and a valid anchor."),
                              number=i) from exc
        keys.add(key)
        if key in skip:
            continue
        tasks.append(TaskInput(
            id=key, title=TEMPLATE_TITLES.get(key, item.get("title", key)),
            kind=TaskKind(item.get("kind", "task")), owner=item.get("owner", ""), anchor=anchor,
            offset_days=int(item.get("offset_days", 0)), duration_days=int(item.get("duration_days", 0)),
            depends_on=tuple(item.get("depends_on", ())), template_key=key))
    for task in tasks:
        for dep in task.depends_on:
            if dep not in keys:
                raise DomainError(N_("Timeline template task {task} depends on an unknown key {dependency}."),
                                  task=task.id, dependency=dep)
    return tasks


def venue_option_entry(venue_id, venue_name: str, expires: date, held: bool = True) -> DatedEntry:
    return DatedEntry(f"venue-option:{venue_id}", "venue_option",
                      Message(N_("Venue option at {venue} expires"), {"venue": venue_name}), expires, not held)


def commitment_due_entry(commitment_id, partner: str, due: date, settled: bool) -> DatedEntry:
    return DatedEntry(f"commitment-due:{commitment_id}", "commitment_due",
                      Message(N_("Commitment from {partner} due"), {"partner": partner}), due, settled)
