"""Merging the standard bid timeline into a bid's own plan: what matches, what it adds, and on which dates.

A standard task matches a task the bid has when it carries the standard task's key, when its title is the
standard title (in either language, case ignored), or, for a milestone on an anchor's own day (the bid
submitted, the decision, the event), when the bid has a milestone on that anchor's day. Matched tasks are left
as they are; the standard tasks that wait for them wait for the bid's own task.

Each added task is due on its standard date (its anchor plus its offset) unless it cannot be done by then
(its predecessors end later, or too little time is left from today): then it is due when it can be done. A
task planned before its anchor (offset zero or less: done by the deadline, before the event) is never moved
past the anchor: if it cannot be done by then, it is kept at the anchor and named as one that does not fit.
A date on a weekend or public holiday moves to the working day before it when the task can still be done
by then, else to the working day after (never past its anchor). The result is checked with the timeline's
own critical path method, so what the plan says about slack is what the Timeline will show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from planner.domain.enums import Anchor, TaskKind, TaskStatus
from planner.domain.timeline import TaskInput, check_timeline, dependency_order, planned_due

NEW = "new:"  # the ids the added tasks have in the plan's check (the bid's own tasks keep their ids)


@dataclass(frozen=True)
class PlannedTask:
    """A standard task the merge adds: where it hangs, what it waits for, its date and whether it fits."""

    key: str
    title: str
    kind: TaskKind
    owner: str
    anchor: Anchor
    offset_days: int
    duration_days: int
    depends_on: tuple  # template keys of added tasks, ids of the bid's own tasks
    due: date | None
    standard_due: date | None  # the template's date, before it was moved
    slack_days: int | None
    fits: bool


@dataclass(frozen=True)
class TimelineMerge:
    matched: tuple[tuple[str, int | str], ...]  # (template key, the bid's task id)
    added: tuple[PlannedTask, ...]

    @property
    def cannot_fit(self) -> tuple[PlannedTask, ...]:
        return tuple(t for t in self.added if not t.fits)


def _working_day(day: date, holidays: Mapping[date, str]) -> bool:
    return day.weekday() < 5 and day not in holidays


def _off_days(due: date, earliest: date, limit: date | None, holidays: Mapping[date, str]) -> date:
    """`due` moved off a weekend or holiday: to the working day before when the task can be done by then, else
    to the working day after unless that passes `limit`; as it was when neither works."""
    if _working_day(due, holidays):
        return due
    one = timedelta(days=1)
    before = due - one
    while before >= earliest and not _working_day(before, holidays):
        before -= one
    if before >= earliest:
        return before
    after = due + one
    while not _working_day(after, holidays):
        after += one
    return after if limit is None or after <= limit else due


def merge_standard_timeline(
    standard: Iterable[TaskInput],
    existing: Iterable[TaskInput],
    anchors: Mapping[Anchor, date | None],
    today: date,
    holidays: Mapping[date, str],
    titles: Mapping[str, Iterable[str]] | None = None,
) -> TimelineMerge:
    """The merge of the standard tasks (`generate_standard_timeline` of the whole template, ids = keys) into
    the bid's tasks (`existing`, ids = record ids). `titles` gives more titles a key's task may be known by
    (the translated standard title)."""
    standard = dependency_order(list(standard))
    existing = list(existing)
    taken: set = set()
    matched: dict[str, int | str] = {}

    def claim(key: str, found: TaskInput | None) -> None:
        if found is not None:
            matched[key] = found.id
            taken.add(found.id)

    for task in standard:  # the key first: it says so outright
        claim(task.id, next((e for e in existing if e.template_key == task.id and e.id not in taken), None))
    for task in standard:
        if task.id in matched:
            continue
        names = {task.title.casefold(), *(t.casefold() for t in (titles or {}).get(task.id, ()))}
        claim(task.id, next((e for e in existing if e.id not in taken and not e.template_key
                             and e.title.strip().casefold() in names), None))
    for task in standard:
        if task.id in matched or task.kind != TaskKind.MILESTONE or task.offset_days != 0:
            continue
        claim(task.id, next((e for e in existing if e.id not in taken and not e.template_key
                             and e.kind == TaskKind.MILESTONE and e.fixed_date is None and e.anchor == task.anchor
                             and (e.offset_days or 0) == 0), None))

    own = check_timeline(existing, anchors, today, holidays) if existing else None
    # a task added after another is planned to start when the other is due (a plan read in order), or, when
    # that leaves too little time, as soon as the other can be done (the critical path's earliest finish)
    finish = {t.task_id: t.earliest_finish for t in own.tasks} if own else {}
    ends = {t.task_id: t.due or t.earliest_finish for t in own.tasks} if own else {}
    planned: list[TaskInput] = []
    placed: dict[str, tuple[date | None, date | None, bool]] = {}  # key -> (due, standard due, fits)
    length = timedelta
    for task in standard:
        if task.id in matched:
            continue
        depends = tuple(matched.get(dep, NEW + dep) for dep in task.depends_on)
        earliest = max([today, *(d for d in (finish.get(p) for p in depends) if d is not None)])
        earliest += length(days=task.duration_days)
        in_order = max([today, *(d for d in (ends.get(p) for p in depends) if d is not None)])
        in_order += length(days=task.duration_days)
        anchor_day = anchors.get(task.anchor)
        target = planned_due(task, anchors)
        offset, due, fits = task.offset_days, None, True
        if anchor_day is not None and target is not None:
            limit = anchor_day if task.offset_days <= 0 else None
            due = max(target, in_order)
            if limit is not None and due > limit:
                due = max(target, earliest)
            if limit is not None and due > limit:
                due, fits = limit, False
            if due != anchor_day:
                due = _off_days(due, min(earliest, due), limit, holidays)
            offset = (due - anchor_day).days
        # a dated milestone happens on its day (the event), never earlier for being ready: what waits for it
        # counts from that day, as the critical path does
        finish[NEW + task.id] = max(earliest, due) if task.kind == TaskKind.MILESTONE and due else earliest
        ends[NEW + task.id] = due or earliest
        placed[task.id] = (due, target, fits)
        planned.append(TaskInput(NEW + task.id, task.title, task.kind, task.owner, TaskStatus.TODO, None,
                                 task.anchor, offset, task.duration_days, depends, task.id))
    check = check_timeline(existing + planned, anchors, today, holidays) if planned else None
    slack = {t.task_id: t.slack_days for t in check.tasks} if check else {}
    added = []
    for task in planned:
        key = task.template_key
        due, target, fits = placed[key]
        room = slack.get(task.id)
        added.append(PlannedTask(
            key, task.title, task.kind, task.owner, task.anchor, task.offset_days, task.duration_days,
            tuple(d[len(NEW):] if isinstance(d, str) and d.startswith(NEW) else d for d in task.depends_on),
            due, target, room, fits and (room is None or room >= 0)))
    return TimelineMerge(tuple(matched.items()), tuple(added))
