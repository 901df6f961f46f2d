"""The bid workspace: opening the database for a user, finding and creating bids, loading a bid whole.

Every front end (CLI, terminal UI, dossier, imports) opens its work here. Records are saved through
planner.services.records (the one version check and audit writer); the record functions below only delegate
to it until the terminal UI calls it directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import defer
from sqlmodel import Session, SQLModel, select

from planner.config import Settings
from planner.i18n import _
from planner.services import records
from planner.services.errors import NotFound, PlannerError, ValidationError
from planner.services.listing import BidSummary as BidSummary  # the listing without the ORM shares it
from planner.services.loaded import LoadedRows as LoadedRows  # the light read makes them too
from planner.services.records import snapshot as snapshot  # the audit log and the bid file use these
from planner.services.records import to_json_value as to_json_value
from planner.store import models as m
from planner.store.db import Database, ReadOnlyError, open_database, redact_url

T = TypeVar("T", bound=SQLModel)

HOUSEKEEPING = m.HOUSEKEEPING  # the columns the program keeps itself, read from the models


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
        """A unit of work that writes; database failures become one clear PlannerError and nothing is half-saved."""
        with self._translated(), self.db.session() as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session that only reads: it never takes the write lock, so it answers while someone else saves."""
        with self._translated(), self.db.session(write=False) as session:
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except PlannerError:
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

    def protected_files(self) -> list[Path]:
        """The files no export may replace: the open SQLite database and the files SQLite keeps beside it."""
        from planner.services.files import database_files

        return database_files(self.db.path)

    def check_writable(self) -> None:
        if self.db.read_only:
            raise ReadOnlyError(_("This database is open read-only; changes are not saved."))


def database_address(url: str) -> str:
    """Where a database is, as a screen may show it: any password (in the userinfo or the query) hidden."""
    return redact_url(url)


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


# --- bids -------------------------------------------------------------------------------------------------


def list_bids(ws: Workspace, *, archived: bool = False) -> list[BidSummary]:
    """The bids worked on, or (`archived`) the deleted bids kept with their history until purged."""
    shown = m.Bid.archived_at.is_not(None) if archived else m.Bid.archived_at.is_(None)
    with ws.read_session() as s:
        bids = s.exec(select(m.Bid).where(shown).order_by(m.Bid.id)).all()
        return [BidSummary(b.id, b.title, b.host_city, b.status.value if hasattr(b.status, "value") else b.status,
                           b.bid_deadline, b.base_currency, b.last_opened_at, b.archived_at) for b in bids]


def get_bid(ws: Workspace, bid_id: int) -> m.Bid:
    with ws.read_session() as s:
        bid = s.get(m.Bid, bid_id)
        if bid is None:
            raise NotFound(_("There is no bid {id}. 'planner bids' lists the bids.").format(id=bid_id))
        return bid


def resolve_bid(ws: Workspace, bid_id: int | None) -> m.Bid:
    """The bid asked for; without an id, the only bid, else the one last worked on."""
    if bid_id is not None:
        return get_bid(ws, bid_id)
    with ws.read_session() as s:
        bids = s.exec(select(m.Bid).where(m.Bid.archived_at.is_(None))).all()
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
        with ws._translated(), ws.db.session(wait=False) as s:  # behind someone's long save: skip, never wait
            s.execute(sa.update(m.Bid).where(m.Bid.id == bid_id).values(last_opened_at=m.utcnow()))
    except PlannerError:  # busy, or a reader without write rights (a SELECT-only role): nothing to remember
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
    if values.get("content_locale", "sv") not in ("sv", "en"):
        errors["content_locale"] = _("The records are written in Swedish (sv) or English (en).")
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
        bid = m.Bid(**values, last_opened_at=m.utcnow())
        records.insert(s, ws.user, [bid])
        from planner.services.validation import default_criteria

        for position, criterion in enumerate(default_criteria()):
            s.add(m.Criterion(bid_id=bid.id, position=position, updated_by=ws.user, **criterion))
        s.flush()
        s.refresh(bid)
        return bid


def archive_bid(ws: Workspace, bid_id: int) -> m.Bid:
    """Delete a bid the way a person can take back: it leaves the lists, its records and audit history stay
    (`restore_bid` brings it back; `delete_bid` purges it)."""
    bid = get_bid(ws, bid_id)
    if bid.archived_at is not None:
        raise ValidationError({"ID": _("Bid {id} is already deleted (archived); 'planner bid restore {id}' brings "
                                       "it back.").format(id=bid_id)})
    ws.check_writable()
    with ws.session() as s:
        return records.keep(s, ws.user, m.Bid, bid_id, {"archived_at": m.utcnow()}, action="archive")


def restore_bid(ws: Workspace, bid_id: int) -> m.Bid:
    """Bring an archived bid back into the lists, as it was."""
    bid = get_bid(ws, bid_id)
    if bid.archived_at is None:
        raise ValidationError({"ID": _("Bid {id} is not deleted; there is nothing to restore.").format(id=bid_id)})
    ws.check_writable()
    with ws.session() as s:
        return records.keep(s, ws.user, m.Bid, bid_id, {"archived_at": None}, action="restore")


def delete_bid(ws: Workspace, bid_id: int) -> None:
    """Purge a bid: delete it and every record of it for good, its audit log too (the deletion itself stays
    in the log).

    The command line asks first and offers no undo; `archive_bid` is the delete a person can take back.
    """
    get_bid(ws, bid_id)  # NotFound with the usual hint
    ws.check_writable()
    with ws.session() as s:
        records.remove(s, ws.user, m.Bid, bid_id, force=True, undo=False)


# --- any record of a bid, by model: for code that holds a model (services, tests); both go through records


def add_record(ws: Workspace, record: T) -> T:
    """`records.add` for an unsaved model instance (its set fields are the values)."""
    return records.add(ws, record.__tablename__, {name: getattr(record, name) for name in record.model_fields_set})


def update_record(ws: Workspace, model: type[T], key: Any, changes: dict[str, Any],
                  expected_version: int | None = None) -> T:
    """`records.update` by model rather than by table name."""
    return records.update(ws, model.__tablename__, key, changes, expected_version=expected_version)


def list_records(ws: Workspace, model: type[T], bid_id: int) -> list[T]:
    """The records of one kind in a bid (`records.list_records` by model)."""
    return records.list_records(ws, model.__tablename__, bid_id)


# --- everything of one bid at once ------------------------------------------------------------------------


def _rows_of(model: type[SQLModel]):
    """A BidBundle attribute holding the bid's rows of one table (the table is what `rows` answers by)."""
    return field(metadata={"table": model})


@dataclass
class BidBundle:
    """All records of one bid, loaded in one go (one query per table), for engines, dossier and export."""

    bid: m.Bid
    texts: list[m.BidText] = _rows_of(m.BidText)
    date_options: list[m.DateOption] = _rows_of(m.DateOption)
    venues: list[m.Venue] = _rows_of(m.Venue)
    rooms: list[m.Room] = _rows_of(m.Room)
    availability: list[m.VenueAvailability] = _rows_of(m.VenueAvailability)
    criteria: list[m.Criterion] = _rows_of(m.Criterion)
    scores: list[m.VenueScore] = _rows_of(m.VenueScore)
    accommodation: list[m.AccommodationBlock] = _rows_of(m.AccommodationBlock)
    budget_lines: list[m.BudgetLine] = _rows_of(m.BudgetLine)  # loaded as LoadedRows
    baselines: list[m.BudgetBaseline] = _rows_of(m.BudgetBaseline)
    baseline_lines: list[m.BaselineLine] = _rows_of(m.BaselineLine)
    speakers: list[m.Speaker] = _rows_of(m.Speaker)
    sessions: list[m.ProgrammeSession] = _rows_of(m.ProgrammeSession)
    session_speakers: list[m.SessionSpeaker] = _rows_of(m.SessionSpeaker)
    partners: list[m.Partner] = _rows_of(m.Partner)
    attachments: list[m.Attachment] = _rows_of(m.Attachment)  # their bytes only when loaded `with_files`
    commitments: list[m.Commitment] = _rows_of(m.Commitment)
    tasks: list[m.Task] = _rows_of(m.Task)
    dependencies: list[m.TaskDependency] = _rows_of(m.TaskDependency)
    team: list[m.TeamMember] = _rows_of(m.TeamMember)
    exports: list[m.DossierExport] = _rows_of(m.DossierExport)

    def rows(self, model: type[SQLModel] | str) -> list:
        """The bid's rows of one table, by model or table name (`rows(m.Venue)`, `rows("venue")`)."""
        table = model if isinstance(model, str) else model.__tablename__
        if table == "bid":
            return [self.bid]
        return getattr(self, BUNDLE_TABLES[table])

    def text(self, key: str, locale: str) -> str:
        for t in self.texts:
            if (t.key.value if isinstance(t.key, Enum) else t.key) == key and t.locale == locale:
                return t.body
        return ""


# table name -> the BidBundle attribute holding its rows
BUNDLE_TABLES: dict[str, str] = {f.metadata["table"].__tablename__: f.name for f in fields(BidBundle)
                                 if "table" in f.metadata}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built at once (it would scan the growing
    heap again and again: loading 100 000 budget lines took twice as long); it runs as before afterwards.
    Shares the one counted pause of `planner.services.collector` (nests, and holds across threads)."""
    from planner.services.collector import paused

    with paused():
        yield


# Tables loaded as LoadedRows (the engines read their columns as plain values).
LOADED_AS_VALUES = frozenset({"budget_line"})


def _read_rows(s: Session, model: type[SQLModel], bid_id: int) -> LoadedRows:
    """One table's rows of a bid as plain tuples from the database driver's own cursor, in the session's
    transaction (no result row object and no conversion per value: LoadedRows converts a column when it is
    read, each distinct value once)."""
    table = model.__table__
    columns = tuple(c.key for c in table.columns)
    query = sa.select(*table.columns).where(records.in_bid(model, bid_id)).order_by(*records.order_of(model))
    connection = s.connection()
    dialect = connection.dialect
    compiled = query.compile(dialect=dialect)
    values = compiled.construct_params()
    if any(type(value) is not int for value in values.values()):  # only the bid's id is bound, as it is
        raise TypeError(f"unexpected parameters {values!r} reading {model.__tablename__}")
    parameters = tuple(values[name] for name in compiled.positiontup) if compiled.positional else values
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), parameters)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    processors = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in table.columns]
    return LoadedRows(model, columns, rows, processors)


def load_bundle(ws: Workspace, bid_id: int, *, with_files: bool = False) -> BidBundle:
    """Every record of a bid; attachments' bytes only `with_files` (the bid file), since every view loads this."""
    with paused_gc(), ws.read_session() as s:
        bid = s.get(m.Bid, bid_id)
        if bid is None:
            raise NotFound(_("There is no bid {id}. 'planner bids' lists the bids.").format(id=bid_id))
        tables = {}
        for table, attribute in BUNDLE_TABLES.items():
            model = m.table_named(table)
            if table in LOADED_AS_VALUES:
                tables[attribute] = _read_rows(s, model, bid_id)
                continue
            query = select(model).where(records.in_bid(model, bid_id)).order_by(*records.order_of(model))
            if model is m.Attachment and not with_files:  # every view loads the bundle; the files stay put
                query = query.options(defer(m.Attachment.data, raiseload=True))
            tables[attribute] = list(s.exec(query).all())
        return BidBundle(bid=bid, **tables)
