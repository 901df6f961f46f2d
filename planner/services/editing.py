"""Edits the terminal UI makes that touch more than one record: venue scores, tasks with their dependencies.

Each function is one transaction: it checks everything first (the fields, a dependency circle) and writes
all or nothing, with an audit entry per record like `add_record` / `update_record`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from planner.i18n import _
from planner.services.errors import ConflictError, NotFound, ValidationError
from planner.services.workspace import Workspace, _audit, snapshot
from planner.store import models as m


def set_venue_score(ws: Workspace, venue_id: int, criterion_id: int, score: int) -> m.VenueScore:
    """Give a venue a score (0-10) on one criterion, replacing any earlier score."""
    ws.check_writable()
    if not isinstance(score, int) or not 0 <= score <= 10:
        raise ValidationError({"score": _("A score is a whole number from 0 to 10.")})
    with ws.session() as s:
        venue = s.get(m.Venue, venue_id)
        criterion = s.get(m.Criterion, criterion_id)
        if venue is None or criterion is None or venue.bid_id != criterion.bid_id:
            raise NotFound(_("The venue or the criterion was deleted by someone else; reload to see the current "
                             "data."))
        record = s.get(m.VenueScore, (venue_id, criterion_id))
        if record is None:
            record = m.VenueScore(venue_id=venue_id, criterion_id=criterion_id, score=score)
            s.add(record)
            s.flush()
            _audit(s, ws.user, venue.bid_id, "create", record, None, snapshot(record))
        else:
            before = snapshot(record)
            record.score = score
            record.version = (record.version or 1) + 1
            s.add(record)
            s.flush()
            _audit(s, ws.user, venue.bid_id, "update", record, before, snapshot(record))
        s.flush()
        s.refresh(record)
        return record


def task_dependencies(ws: Workspace, bid_id: int) -> dict[int, list[int]]:
    """Task id -> the ids of the tasks it waits for."""
    with ws.session() as s:
        task_ids = select(m.Task.id).where(m.Task.bid_id == bid_id)
        out: dict[int, list[int]] = {}
        for dep in s.exec(select(m.TaskDependency).where(m.TaskDependency.task_id.in_(task_ids))).all():
            out.setdefault(dep.task_id, []).append(dep.depends_on_id)
        return out


def save_task(ws: Workspace, bid_id: int, values: dict[str, Any], depends_on: list[int],
              task_id: int | None = None, expected_version: int | None = None) -> m.Task:
    """Add or change a task and set what it waits for; refuses a dependency circle, saving nothing."""
    from planner.domain.timeline import CycleError, TaskInput, _order
    from planner.services.validation import validate_record
    from planner.services.workspace import HOUSEKEEPING

    ws.check_writable()
    with ws.session() as s:
        if task_id is None:
            task = m.Task(bid_id=bid_id, updated_by=ws.user, **values)
            before = None
        else:
            task = s.get(m.Task, task_id)
            if task is None or task.bid_id != bid_id:
                raise NotFound(_("The task was deleted by someone else; reload to see the current data."))
            if expected_version is not None and task.version != expected_version:
                raise ConflictError(_("{who} changed this task after you opened it; your change was not saved. "
                                      "Reload to see their version.").format(who=task.updated_by or _("someone")),
                                    who=task.updated_by)
            before = snapshot(task)
            for name, value in values.items():
                if name in ("id", "bid_id", *HOUSEKEEPING):
                    continue
                setattr(task, name, value)
        errors = validate_record(task)
        if errors:
            raise ValidationError(errors)
        # the circle check runs on the bid's dependencies as they would be after this save
        tasks = {t.id: t for t in s.exec(select(m.Task).where(m.Task.bid_id == bid_id)).all()}
        unknown = [d for d in depends_on if d not in tasks]
        if unknown:
            raise ValidationError({"depends_on": _("A task it depends on was deleted; reload and choose again.")})
        graph = task_dependencies_in(s, list(tasks))
        me = task_id if task_id is not None else "new"
        graph[me] = list(depends_on)
        titles = {tid: t.title for tid, t in tasks.items()}
        titles[me] = task.title
        try:
            _order([TaskInput(id=tid, title=titles[tid], depends_on=tuple(graph.get(tid, ())))
                    for tid in titles])
        except CycleError as exc:
            raise ValidationError({"depends_on": exc.message.render(_)}) from None
        task.updated_at = m.utcnow()
        task.updated_by = ws.user
        if before is not None:
            task.version = (task.version or 1) + 1
        s.add(task)
        s.flush()
        _audit(s, ws.user, bid_id, "create" if before is None else "update", task, before, snapshot(task))
        s.execute(sa.delete(m.TaskDependency).where(m.TaskDependency.task_id == task.id))
        for dep in depends_on:
            s.add(m.TaskDependency(task_id=task.id, depends_on_id=dep))
        s.flush()
        s.refresh(task)
        return task


def task_dependencies_in(s, task_ids: list[int]) -> dict[Any, list[Any]]:
    graph: dict[Any, list[Any]] = {}
    for dep in s.exec(select(m.TaskDependency).where(m.TaskDependency.task_id.in_(task_ids))).all():
        graph.setdefault(dep.task_id, []).append(dep.depends_on_id)
    return graph


def set_bid_fields(ws: Workspace, bid_id: int, changes: dict[str, Any]) -> m.Bid:
    """Change fields of the bid itself (base currency, dates), refusing a stale edit."""
    from planner.services.workspace import get_bid, update_record

    bid = get_bid(ws, bid_id)
    return update_record(ws, m.Bid, bid_id, changes, expected_version=bid.version)


def days_until(day: date | None, today: date) -> int | None:
    return None if day is None else (day - today).days


def save_session(ws: Workspace, bid_id: int, values: dict[str, Any], speaker_ids: list[int],
                 session_id: int | None = None, expected_version: int | None = None) -> m.ProgrammeSession:
    """Add or change a programme session and who speaks in it, in one transaction."""
    from planner.services.validation import validate_record
    from planner.services.workspace import HOUSEKEEPING

    ws.check_writable()
    with ws.session() as s:
        if session_id is None:
            session = m.ProgrammeSession(bid_id=bid_id, updated_by=ws.user, **values)
            before = None
        else:
            session = s.get(m.ProgrammeSession, session_id)
            if session is None or session.bid_id != bid_id:
                raise NotFound(_("The session was deleted by someone else; reload to see the current data."))
            if expected_version is not None and session.version != expected_version:
                raise ConflictError(_("{who} changed this session after you opened it; your change was not "
                                      "saved. Reload to see their version.").format(
                                          who=session.updated_by or _("someone")), who=session.updated_by)
            before = snapshot(session)
            for name, value in values.items():
                if name not in ("id", "bid_id", *HOUSEKEEPING):
                    setattr(session, name, value)
            session.version = (session.version or 1) + 1
        errors = validate_record(session)
        if errors:
            raise ValidationError(errors)
        known = set(s.exec(select(m.Speaker.id).where(m.Speaker.bid_id == bid_id)).all())
        if any(sid not in known for sid in speaker_ids):
            raise ValidationError({"speakers": _("A chosen speaker was deleted; reload and choose again.")})
        session.updated_at = m.utcnow()
        session.updated_by = ws.user
        s.add(session)
        s.flush()
        _audit(s, ws.user, bid_id, "create" if before is None else "update", session, before, snapshot(session))
        s.execute(sa.delete(m.SessionSpeaker).where(m.SessionSpeaker.session_id == session.id))
        for sid in speaker_ids:
            s.add(m.SessionSpeaker(session_id=session.id, speaker_id=sid))
        s.flush()
        s.refresh(session)
        return session
