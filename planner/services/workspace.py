"""The bid workspace: opening the database for a user, finding bids, and saving any record of a bid safely.

Every front end (CLI, terminal UI, dossier, imports) reads and writes through here. Saving a record checks
its rules, refuses a stale edit (another person saved it since it was read) instead of overwriting, bumps
its version and writes an audit entry of what was and what became.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session, SQLModel, select

from planner.config import Settings
from planner.i18n import _
from planner.services.errors import ConflictError, NeedsConfirmation, NotFound, PlannerError, ValidationError
from planner.store import models as m
from planner.store.db import Database, DatabaseError, ReadOnlyError, open_database

T = TypeVar("T", bound=SQLModel)

HOUSEKEEPING = ("version", "created_at", "updated_at", "updated_by")


@dataclass
class Workspace:
    """An open database and the person working in it."""

    db: Database
    user: str
    settings: Settings | None = None

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        return cls(db=open_database(settings.db_url, read_only=settings.read_only), user=settings.user,
                   settings=settings)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work; database failures become one clear PlannerError and nothing is half-saved."""
        try:
            with self.db.session() as session:
                yield session
        except (PlannerError, DatabaseError):
            raise
        except DBAPIError as exc:
            if self.db.read_only:  # the database itself refused a write (SQLite query_only, PostgreSQL READ ONLY)
                raise ReadOnlyError(_("This database is open read-only; changes are not saved.")) from None
            if isinstance(exc, IntegrityError):
                raise PlannerError(_("The change breaks a rule of the database and was not saved: {reason}")
                                   .format(reason=_reason(exc))) from None
            if isinstance(exc, OperationalError):
                raise PlannerError(_("The database could not complete the change ({reason}); nothing was saved. "
                                     "Try again.").format(reason=_reason(exc))) from None
            raise PlannerError(_("The database reported an error ({reason}); nothing was saved.")
                               .format(reason=_reason(exc))) from None

    def close(self) -> None:
        self.db.dispose()

    def check_writable(self) -> None:
        if self.db.read_only:
            raise ReadOnlyError(_("This database is open read-only; changes are not saved."))


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


# --- bids -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BidSummary:
    id: int
    title: str
    host_city: str
    status: str
    bid_deadline: date | None
    base_currency: str
    last_opened_at: datetime | None


def list_bids(ws: Workspace) -> list[BidSummary]:
    with ws.session() as s:
        bids = s.exec(select(m.Bid).order_by(m.Bid.id)).all()
        return [BidSummary(b.id, b.title, b.host_city, b.status.value if hasattr(b.status, "value") else b.status,
                           b.bid_deadline, b.base_currency, b.last_opened_at) for b in bids]


def get_bid(ws: Workspace, bid_id: int) -> m.Bid:
    with ws.session() as s:
        bid = s.get(m.Bid, bid_id)
        if bid is None:
            raise NotFound(_("There is no bid {id}. 'planner bids' lists the bids.").format(id=bid_id))
        return bid


def resolve_bid(ws: Workspace, bid_id: int | None) -> m.Bid:
    """The bid asked for; without an id, the only bid, else the one last worked on."""
    if bid_id is not None:
        return get_bid(ws, bid_id)
    with ws.session() as s:
        bids = s.exec(select(m.Bid)).all()
    if not bids:
        raise NotFound(_("There is no bid yet. Create one with 'planner bid new' or load the demo with "
                         "'planner demo'."))
    if len(bids) == 1:
        return bids[0]
    opened = [b for b in bids if b.last_opened_at is not None]
    if opened:
        return max(opened, key=lambda b: b.last_opened_at)
    raise PlannerError(_("There are {n} bids; say which one with --bid ID ('planner bids' lists them).")
                       .format(n=len(bids)))


def touch_bid(ws: Workspace, bid_id: int) -> None:
    """Remember this bid as the one last worked on."""
    if ws.db.read_only:
        return
    try:
        with ws.session() as s:
            s.execute(sa.update(m.Bid).where(m.Bid.id == bid_id).values(last_opened_at=m.utcnow()))
    except PlannerError:  # a reader without write rights (an organiser's SELECT-only role): nothing to remember
        pass


def validate_bid(values: dict[str, Any]) -> dict[str, str]:
    """Field errors of a bid's values (the rules a form shows inline)."""
    from planner.services.validation import currency_error

    errors: dict[str, str] = {}
    if not str(values.get("conference") or "").strip():
        errors["conference"] = _("Give the conference's name.")
    if not str(values.get("host_city") or "").strip():
        errors["host_city"] = _("Give the host city.")
    low, exp, high = (values.get(k, 0) or 0 for k in ("attendance_low", "attendance_expected", "attendance_high"))
    for key, value in (("attendance_low", low), ("attendance_expected", exp), ("attendance_high", high)):
        if not isinstance(value, int) or value < 0:
            errors[key] = _("Attendance must be a whole number of people, zero or more.")
        elif value > 1_000_000:
            errors[key] = _("Attendance above a million people is not a conference this tool can plan.")
    if not errors and not (low <= exp <= high):
        errors["attendance_expected"] = _("Attendance must satisfy low <= expected <= high.")
    days = values.get("event_days")
    if days is not None and (not isinstance(days, int) or days < 1):
        errors["event_days"] = _("An event lasts at least one day.")
    start, end = values.get("event_start"), values.get("event_end")
    if start and end and end < start:
        errors["event_end"] = _("The event cannot end before it starts.")
    problem = currency_error(values.get("base_currency") or "")
    if problem:
        errors["base_currency"] = problem
    return errors


def create_bid(ws: Workspace, **values: Any) -> m.Bid:
    ws.check_writable()
    values.setdefault("base_currency", "SEK")
    values["base_currency"] = str(values["base_currency"]).upper()
    if values.get("event_start") and values.get("event_end") and "event_days" not in values:
        values["event_days"] = (values["event_end"] - values["event_start"]).days + 1
    if "attendance_expected" in values:
        exp = values["attendance_expected"]
        values.setdefault("attendance_low", exp)
        values.setdefault("attendance_high", exp)
    from planner.services.validation import column_limits

    errors = {**column_limits(m.Bid(**values)), **validate_bid(values)}
    if errors:
        raise ValidationError(errors)
    with ws.session() as s:
        bid = m.Bid(**values, updated_by=ws.user, last_opened_at=m.utcnow())
        s.add(bid)
        s.flush()
        _audit(s, ws.user, bid.id, "create", bid, None, snapshot(bid))
        from planner.services.validation import default_criteria

        for position, criterion in enumerate(default_criteria()):
            s.add(m.Criterion(bid_id=bid.id, position=position, updated_by=ws.user, **criterion))
        s.flush()
        s.refresh(bid)
        return bid


def delete_bid(ws: Workspace, bid_id: int) -> None:
    """Delete a bid and every record of it."""
    ws.check_writable()
    with ws.session() as s:
        bid = s.get(m.Bid, bid_id)
        if bid is None:
            raise NotFound(_("There is no bid {id}. 'planner bids' lists the bids.").format(id=bid_id))
        # commitments RESTRICT their partner; remove them first, inside the same transaction
        s.execute(sa.delete(m.Commitment).where(m.Commitment.bid_id == bid_id))
        s.execute(sa.delete(m.AuditEntry).where(m.AuditEntry.bid_id == bid_id))
        s.delete(bid)


# --- any record of a bid ----------------------------------------------------------------------------------


def snapshot(record: SQLModel) -> dict[str, Any]:
    """A record's fields as JSON-ready values (for the audit log and comparisons)."""
    out: dict[str, Any] = {}
    for column in record.__table__.columns:
        value = getattr(record, column.name)
        out[column.name] = to_json_value(value)
    return out


def to_json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _audit(s: Session, who: str, bid_id: int | None, action: str, record: SQLModel,
           before: dict | None, after: dict | None) -> None:
    pk = sa.inspect(record).identity
    s.add(m.AuditEntry(
        bid_id=bid_id if action != "delete" or not isinstance(record, m.Bid) else None,
        who=who, action=action, entity=record.__tablename__,
        entity_id=",".join(str(p) for p in pk) if pk else "",
        before=json.dumps(_changed_only(before, after, "before"), ensure_ascii=False, sort_keys=True) if before else "",
        after=json.dumps(_changed_only(before, after, "after"), ensure_ascii=False, sort_keys=True) if after else "",
    ))


def _changed_only(before: dict | None, after: dict | None, side: str) -> dict:
    if before and after:
        keys = [k for k in after if k not in HOUSEKEEPING and before.get(k) != after.get(k)]
        source = before if side == "before" else after
        return {k: source.get(k) for k in keys}
    return before if side == "before" else after  # type: ignore[return-value]


def bid_id_of(s: Session, record: SQLModel) -> int | None:
    if isinstance(record, m.Bid):
        return record.id
    if hasattr(record, "bid_id"):
        return record.bid_id
    parent = {
        m.Room: (m.Venue, "venue_id"), m.VenueScore: (m.Venue, "venue_id"),
        m.VenueAvailability: (m.Venue, "venue_id"), m.SessionSpeaker: (m.ProgrammeSession, "session_id"),
        m.TaskDependency: (m.Task, "task_id"), m.BaselineLine: (m.BudgetBaseline, "baseline_id"),
    }.get(type(record))
    if parent:
        owner = s.get(parent[0], getattr(record, parent[1]))
        return owner.bid_id if owner else None
    return None


@dataclass
class Change:
    """What a save did, for the caller's toast and for undo."""

    record: SQLModel
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)


def add_record(ws: Workspace, record: T) -> T:
    """Insert a record after checking its rules."""
    ws.check_writable()
    from planner.services.validation import validate_record

    errors = validate_record(record)
    if errors:
        raise ValidationError(errors)
    with ws.session() as s:
        if hasattr(record, "updated_by"):
            record.updated_by = ws.user
        s.add(record)
        s.flush()
        _audit(s, ws.user, bid_id_of(s, record), "create", record, None, snapshot(record))
        s.flush()
        s.refresh(record)
        return record


def update_record(ws: Workspace, model: type[T], key: Any, changes: dict[str, Any],
                  expected_version: int | None = None) -> T:
    """Apply changes to one record; refuse when someone saved it since `expected_version` was read."""
    ws.check_writable()
    from planner.services.validation import validate_record

    with ws.session() as s:
        record = s.get(model, key)
        if record is None:
            raise NotFound(_("The record was deleted by someone else; reload to see the current data."))
        before = snapshot(record)
        version = getattr(record, "version", None)
        if expected_version is not None and version is not None and version != expected_version:
            raise ConflictError(
                _("{who} changed this record at {when} after you opened it; your change was not saved. "
                  "Reload to see their version.").format(
                    who=getattr(record, "updated_by", "") or _("someone"),
                    when=getattr(record, "updated_at", "") and record.updated_at.strftime("%Y-%m-%d %H:%M"),
                ),
                who=getattr(record, "updated_by", ""),
            )
        for name, value in changes.items():
            if name not in model.__table__.columns or name in ("id", *HOUSEKEEPING):
                raise ValidationError({name: _("This field cannot be changed.")})
            setattr(record, name, value)
        errors = validate_record(record)
        if errors:
            raise ValidationError(errors)
        if all(to_json_value(getattr(record, name)) == before.get(name) for name in changes):
            return record  # a save that changes nothing: no new version, no audit entry
        if version is not None:
            # the WHERE on version makes a concurrent save between our read and our write lose, not overwrite
            with s.no_autoflush:
                result = s.execute(
                    sa.update(model)
                    .where(*[c == before[c.name] for c in model.__table__.primary_key.columns])
                    .where(model.version == version)
                    .values(version=version + 1)
                    .execution_options(synchronize_session=False)
                )
            if result.rowcount != 1:
                raise ConflictError(_("Someone else saved this record at the same moment; reload and try again."))
            record.version = version + 1
        if hasattr(record, "updated_at"):
            record.updated_at = m.utcnow()
            record.updated_by = ws.user
        s.add(record)
        s.flush()
        after = snapshot(record)
        _audit(s, ws.user, bid_id_of(s, record), "update", record, before, after)
        s.flush()
        s.refresh(record)
        return record


DEPENDENTS_THAT_ASK = {m.Partner: (m.Commitment, "partner_id")}


def delete_record(ws: Workspace, model: type[T], key: Any, *, force: bool = False) -> dict[str, Any]:
    """Delete one record (its children go with it); returns what is needed to undo it.

    A partner that still has commitments is only deleted with `force` (the front end asks first).
    """
    ws.check_writable()
    with ws.session() as s:
        record = s.get(model, key)
        if record is None:
            raise NotFound(_("The record was already deleted."))
        undo = export_subtree(s, record)
        dependents = DEPENDENTS_THAT_ASK.get(model)
        if dependents:
            child_model, fk_name = dependents
            children = s.exec(select(child_model).where(getattr(child_model, fk_name) == key)).all()
            if children and not force:
                raise NeedsConfirmation(
                    _("{name} has {n} commitment(s); deleting it deletes them too. Confirm to go ahead.")
                    .format(name=getattr(record, "name", key), n=len(children))
                )
            for child in children:
                s.delete(child)
            s.flush()
        _audit(s, ws.user, bid_id_of(s, record), "delete", record, snapshot(record), None)
        s.delete(record)
        return undo


def export_subtree(s: Session, record: SQLModel) -> dict[str, Any]:
    """The record and the records that would go with it, enough to put them all back (undo a delete)."""
    rows: list[tuple[type[SQLModel], dict]] = [(type(record), snapshot(record))]
    pk = sa.inspect(record).identity
    children = {
        m.Venue: [(m.Room, "venue_id"), (m.VenueScore, "venue_id"), (m.VenueAvailability, "venue_id")],
        m.Partner: [(m.Commitment, "partner_id")],
        m.ProgrammeSession: [(m.SessionSpeaker, "session_id")],
        m.Speaker: [(m.SessionSpeaker, "speaker_id")],
        m.Task: [(m.TaskDependency, "task_id"), (m.TaskDependency, "depends_on_id")],
        m.Criterion: [(m.VenueScore, "criterion_id")],
        m.DateOption: [(m.VenueAvailability, "date_option_id")],
    }.get(type(record), [])
    for child_model, fk_name in children:
        for child in s.exec(select(child_model).where(getattr(child_model, fk_name) == pk[0])).all():
            rows.append((child_model, snapshot(child)))
    return {"rows": [(model.__tablename__, values) for model, values in rows]}


def restore_subtree(ws: Workspace, undo: dict[str, Any]) -> None:
    """Put back what `delete_record` removed (undo the last delete)."""
    ws.check_writable()
    tables = {model.__tablename__: model for model in m.BID_TABLES}
    from planner.interchange.values import from_json_value

    with ws.session() as s:
        seen: set[tuple] = set()
        for table_name, values in undo["rows"]:
            model = tables[table_name]
            key = (table_name, tuple(sorted(values.items(), key=lambda kv: kv[0])).__repr__())
            if key in seen:
                continue
            seen.add(key)
            fields = {name: from_json_value(model, name, value) for name, value in values.items()}
            record = model(**fields)
            s.add(record)
            s.flush()
            _audit(s, ws.user, bid_id_of(s, record), "restore", record, None, snapshot(record))


def list_records(ws: Workspace, model: type[T], bid_id: int, *, order_by=None) -> list[T]:
    with ws.session() as s:
        query = select(model).where(model.bid_id == bid_id)
        query = query.order_by(order_by if order_by is not None else model.id)
        return list(s.exec(query).all())


# --- everything of one bid at once ------------------------------------------------------------------------


@dataclass
class BidBundle:
    """All records of one bid, loaded in one go (one query per table), for engines, dossier and export."""

    bid: m.Bid
    texts: list[m.BidText]
    date_options: list[m.DateOption]
    venues: list[m.Venue]
    rooms: list[m.Room]
    availability: list[m.VenueAvailability]
    criteria: list[m.Criterion]
    scores: list[m.VenueScore]
    accommodation: list[m.AccommodationBlock]
    budget_lines: list[m.BudgetLine]
    baselines: list[m.BudgetBaseline]
    baseline_lines: list[m.BaselineLine]
    speakers: list[m.Speaker]
    sessions: list[m.ProgrammeSession]
    session_speakers: list[m.SessionSpeaker]
    partners: list[m.Partner]
    commitments: list[m.Commitment]
    tasks: list[m.Task]
    dependencies: list[m.TaskDependency]
    exports: list[m.DossierExport]

    def text(self, key: str, locale: str) -> str:
        for t in self.texts:
            if (t.key.value if isinstance(t.key, Enum) else t.key) == key and t.locale == locale:
                return t.body
        return ""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built at once (it would scan the growing
    heap again and again: loading 100 000 budget lines took twice as long); it runs as before afterwards.
    Shares the one counted pause of `planner.services.collector` (nests, and holds across threads)."""
    from planner.services.collector import paused

    with paused():
        yield


def load_bundle(ws: Workspace, bid_id: int) -> BidBundle:
    with paused_gc(), ws.session() as s:
        bid = s.get(m.Bid, bid_id)
        if bid is None:
            raise NotFound(_("There is no bid {id}. 'planner bids' lists the bids.").format(id=bid_id))

        def rows(model, *where, order=None):
            query = select(model)
            for condition in where:
                query = query.where(condition)
            cols = model.__table__.primary_key.columns
            return list(s.exec(query.order_by(*(order or list(cols)))).all())

        venue_ids = select(m.Venue.id).where(m.Venue.bid_id == bid_id)
        session_ids = select(m.ProgrammeSession.id).where(m.ProgrammeSession.bid_id == bid_id)
        task_ids = select(m.Task.id).where(m.Task.bid_id == bid_id)
        baseline_ids = select(m.BudgetBaseline.id).where(m.BudgetBaseline.bid_id == bid_id)
        return BidBundle(
            bid=bid,
            texts=rows(m.BidText, m.BidText.bid_id == bid_id),
            date_options=rows(m.DateOption, m.DateOption.bid_id == bid_id),
            venues=rows(m.Venue, m.Venue.bid_id == bid_id),
            rooms=rows(m.Room, m.Room.venue_id.in_(venue_ids)),
            availability=rows(m.VenueAvailability, m.VenueAvailability.venue_id.in_(venue_ids)),
            criteria=rows(m.Criterion, m.Criterion.bid_id == bid_id, order=[m.Criterion.position, m.Criterion.id]),
            scores=rows(m.VenueScore, m.VenueScore.venue_id.in_(venue_ids)),
            accommodation=rows(m.AccommodationBlock, m.AccommodationBlock.bid_id == bid_id),
            budget_lines=rows(m.BudgetLine, m.BudgetLine.bid_id == bid_id,
                              order=[m.BudgetLine.position, m.BudgetLine.id]),
            baselines=rows(m.BudgetBaseline, m.BudgetBaseline.bid_id == bid_id),
            baseline_lines=rows(m.BaselineLine, m.BaselineLine.baseline_id.in_(baseline_ids)),
            speakers=rows(m.Speaker, m.Speaker.bid_id == bid_id),
            sessions=rows(m.ProgrammeSession, m.ProgrammeSession.bid_id == bid_id),
            session_speakers=rows(m.SessionSpeaker, m.SessionSpeaker.session_id.in_(session_ids)),
            partners=rows(m.Partner, m.Partner.bid_id == bid_id),
            commitments=rows(m.Commitment, m.Commitment.bid_id == bid_id),
            tasks=rows(m.Task, m.Task.bid_id == bid_id, order=[m.Task.position, m.Task.id]),
            dependencies=rows(m.TaskDependency, m.TaskDependency.task_id.in_(task_ids)),
            exports=rows(m.DossierExport, m.DossierExport.bid_id == bid_id),
        )


def exchange_rates(ws: Workspace) -> list[m.ExchangeRate]:
    with ws.session() as s:
        return list(s.exec(select(m.ExchangeRate).order_by(m.ExchangeRate.rate_date, m.ExchangeRate.currency)).all())
