"""The bid file as a use case: export a bid as the lossless JSON bid file; import one as a new bid.

The format (JSON, schema, numbering of rows, strict and bounded reading) is `planner.interchange.bidjson`.
Here the file meets the database: every record's rules (the same `validate_record` every form and import
uses), dependency cycles, then one transaction that adds the bid with all its records, or nothing, and one
audit entry saying who imported it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any

from sqlmodel import SQLModel

from planner.domain.timeline import CycleError, TaskInput, dependency_order
from planner.i18n import _
from planner.interchange import bidjson
from planner.interchange.bidjson import BidFileProblems, Problem, Problems
from planner.services.errors import PlannerError
from planner.services.validation import validate_record
from planner.services.workspace import Workspace, load_bundle
from planner.store import models as m


class BidFileError(PlannerError):
    """A bid file that cannot be imported: its first problems, each with the JSON path and the reason."""

    exit_code = 2

    def __init__(self, problems: list[Problem], more: int = 0, *, counted_all: bool = True):
        self.problems = list(problems)
        self.more = more
        super().__init__(bidjson.describe(self.problems, more, counted_all=counted_all))

    @property
    def paths(self) -> list[str]:
        return [p.path for p in self.problems]


# --- export -----------------------------------------------------------------------------------------------


def bid_document(ws: Workspace, bid_id: int) -> dict[str, Any]:
    """One bid with every record, as the bid file's document."""
    from planner.services.bidstatus import history

    bundle = load_bundle(ws, bid_id, with_files=True)  # attachments travel in the file
    return bidjson.document(bundle.bid, {model.__tablename__: bundle.rows(model) for model in bidjson.FILE_TABLES},
                            [change.as_dict() for change in history(ws, bid_id)])


def export_bid(ws: Workspace, bid_id: int) -> str:
    """One bid with every record, as the text of a bid file."""
    return bidjson.dumps(bid_document(ws, bid_id))


# --- import -----------------------------------------------------------------------------------------------


@dataclass
class CheckedBid:
    """A bid file's records, checked against every rule, with the file's own row numbers; not yet stored."""

    bid: m.Bid
    tables: list[tuple[type[SQLModel], list[SQLModel]]] = field(default_factory=list)
    status_history: list[dict[str, Any]] = field(default_factory=list)  # as the file holds them


def check_document(doc: dict[str, Any]) -> CheckedBid:
    """The rules a schema cannot say, on a document `bidjson.parse` accepted: each record's field rules and
    the tasks' dependencies (no cycle). Raises BidFileError listing the first problems with their paths."""
    problems = Problems()
    bid = bidjson.build_record(m.Bid, doc["bid"])
    _add_field_problems(problems, "$.bid", bid)
    checked = CheckedBid(bid=bid, status_history=list(doc.get("status_history", ())))
    for model in bidjson.FILE_TABLES:
        name = model.__tablename__
        records = []
        for index, row in enumerate(doc.get(name, ())):
            record = bidjson.build_record(model, row)
            _add_field_problems(problems, f"$.{name}[{index}]", record)
            records.append(record)
        checked.tables.append((model, records))
    if not problems:
        _check_cycles(doc, problems)
    if problems:
        raise BidFileError(problems.listed, problems.more)
    return checked


def _add_field_problems(problems: Problems, path: str, record: SQLModel) -> None:
    for column, message in validate_record(record).items():
        problems.add(f"{path}.{column}", message)


def _check_cycles(doc: dict[str, Any], problems: Problems) -> None:
    depends: dict[int, list[int]] = {}
    for dependency in doc.get("task_dependency", ()):
        depends.setdefault(dependency["task_id"], []).append(dependency["depends_on_id"])
    tasks = [TaskInput(id=t["id"], title=t["title"], depends_on=tuple(depends.get(t["id"], ())))
             for t in doc.get("task", ())]
    try:
        dependency_order(tasks)  # iterative: a chain of any length is checked without recursion
    except CycleError as exc:
        titles = {t.id: t.title for t in tasks}
        problems.add("$.task_dependency", _("the dependencies form a cycle: {cycle}").format(
            cycle=" -> ".join(titles.get(n, str(n)) for n in exc.cycle)))


def read_bid_file(data: str | bytes) -> CheckedBid:
    """Read and check a bid file without touching any database; BidFileError says what is wrong, where."""
    try:
        doc = bidjson.parse(data)
    except BidFileProblems as exc:
        raise BidFileError(exc.problems, exc.more, counted_all=exc.counted_all) from None
    return check_document(doc)


def read_limited(stream: IO[bytes]) -> bytes:
    """At most the largest bid file plus one byte, so an endless or huge input is refused, not read whole."""
    data = stream.read(bidjson.MAX_FILE_BYTES + 1)
    if len(data) > bidjson.MAX_FILE_BYTES:
        raise BidFileError([bidjson.too_big()])
    return data


def import_bid(ws: Workspace, source: str | bytes | IO[bytes]) -> int:
    """Import a bid file (its text, bytes or an open binary file) as a new bid; returns the new bid's id."""
    ws.check_writable()  # first: a read-only database says so before the file is read
    data = read_limited(source) if hasattr(source, "read") else source
    return store_checked(ws, read_bid_file(data))


def import_document(ws: Workspace, doc: dict[str, Any]) -> int:
    """Import a document `bidjson.parse` accepted (checked here against every rule); returns the bid's id."""
    return store_checked(ws, check_document(doc))


def _keep_uuids(records) -> None:
    """A record keeps the UUID its file gives it, so its calendar events stay the same events after a move
    (and an export of the imported bid is the same file); a file without them (older) gets new ones."""
    seen: set[str] = set()
    for record in records:
        if not record.uuid or record.uuid in seen:
            record.uuid = m.new_uuid()
        seen.add(record.uuid)


def store_checked(ws: Workspace, checked: CheckedBid) -> int:
    """Insert the checked records as a new bid, all of them or none, with one audit entry."""
    ws.check_writable()
    with ws.session() as s:
        bid = checked.bid
        bid.updated_by = ws.user
        bid.last_opened_at = m.utcnow()
        s.add(bid)
        s.flush()
        new_ids: dict[str, dict[int, int]] = {}
        for model, records in checked.tables:
            if not records:
                continue
            columns = model.__table__.columns
            references = [(c.name, bidjson.foreign_target(c)) for c in bidjson.file_columns(model)
                          if bidjson.foreign_target(c) not in (None, "bid")]
            local_ids = [record.id for record in records] if "id" in columns else []
            if "uuid" in columns:
                _keep_uuids(records)
            for record in records:
                if "id" in columns:
                    record.id = None
                for column, target in references:
                    local = getattr(record, column)
                    if local is not None:
                        setattr(record, column, new_ids[target][local])
                if "bid_id" in columns:
                    record.bid_id = bid.id
                if "updated_by" in columns:
                    record.updated_by = ws.user
            s.add_all(records)
            s.flush()
            if local_ids:
                new_ids[model.__tablename__] = dict(zip(local_ids, (r.id for r in records), strict=True))
        s.add(m.AuditEntry(bid_id=bid.id, who=ws.user, action="import", entity="bid", entity_id=str(bid.id)))
        s.add_all(status_entries(bid.id, checked.status_history, ws.user))
        return bid.id


def status_entries(bid_id: int, changes: list[dict[str, Any]], importer: str) -> list[m.AuditEntry]:
    """The audit entries of status changes a bid file holds, as `planner bid status` writes them (who recorded
    each and when, as the file says; the importer where it does not)."""
    from datetime import datetime

    from planner.services.bidstatus import STATUS_ACTION

    out = []
    for change in changes:
        after = {"status": change["to"], "date": change.get("date"), "note": change.get("note", "")}
        if change.get("correction"):
            after["correction"] = True
        at = datetime.fromisoformat(change["at"].replace("Z", "+00:00"))
        out.append(m.AuditEntry(bid_id=bid_id, who=change.get("who") or importer, at=at, action=STATUS_ACTION,
                                entity="bid", entity_id=str(bid_id),
                                before=json.dumps({"status": change["from"]}, ensure_ascii=False, sort_keys=True),
                                after=json.dumps(after, ensure_ascii=False, sort_keys=True)))
    return out

