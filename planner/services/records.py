"""The one way to save any record of a bid: add, update, delete, restore and list, each in one transaction.

A save checks the record's rules, then writes with one statement, `UPDATE ... WHERE <key> AND version = :v`,
whose row count says whether it won: a change made against a version someone has saved since is refused
(ConflictError saying who changed it and when) instead of overwriting theirs, the same on SQLite and
PostgreSQL, also when two saves race. A delete is guarded the same way. A save that changes nothing writes
nothing; otherwise one audit entry holds only the fields that changed. A record's links (what a task waits
for, who speaks in a session) are saved with it, in the same transaction, a dependency circle refused.

KIND is the table's name (`venue`, `budget_line`, `task`, `bid` for the bid's own fields); what each table
is part of, what goes with it and what names it, the models say (planner.store.models).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from planner.i18n import N_, _
from planner.interchange.values import to_json_value
from planner.services.errors import ConflictError, NeedsConfirmation, NotFound, ValidationError
from planner.store import models as m

if TYPE_CHECKING:
    from planner.services.workspace import Workspace

# The kinds saved here: the tables of the bid file. A link row (a task's dependency, a session's speaker) is
# saved with its record through `links`; saved on its own it passes the same checks.
KINDS: tuple[str, ...] = tuple(t.__tablename__ for t in m.BID_TABLES if t is not m.AuditEntry)

# What to ask before a delete takes rows that hold their parent back (RESTRICT), by the table of those rows.
QUESTIONS = {
    "commitment": N_("{name} has {n} commitment(s); deleting it deletes them too. Confirm to go ahead."),
}
# What to say when a linked record is not (or no longer) in the bid, by link.
LINK_GONE = {
    "depends_on": N_("A task it depends on was deleted; reload and choose again."),
    "speakers": N_("A chosen speaker was deleted; reload and choose again."),
}


def model_for(kind: str) -> type[SQLModel]:
    """The model of a kind of record; an unknown kind is refused naming the kinds there are."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("{kind!r} is not a kind of record; the kinds are: {kinds}.").format(
            kind=kind, kinds=", ".join(KINDS))})
    return m.table_named(kind)


# --- values -------------------------------------------------------------------------------------------------


def snapshot(record: SQLModel) -> dict[str, Any]:
    """A record's fields as JSON-ready values (for the audit log and comparisons)."""
    return {column.name: to_json_value(getattr(record, column.name)) for column in record.__table__.columns}


def _row_snapshot(row) -> dict[str, Any]:
    return {name: to_json_value(value) for name, value in row.items()}


def _key(model: type[SQLModel], key: Any) -> dict[str, Any]:
    """{primary key column: value} of a key given as a value, a tuple in key order, or a dict."""
    columns = [c.name for c in model.__table__.primary_key.columns]
    if isinstance(key, dict):
        values = [key[name] for name in columns]
    elif isinstance(key, tuple | list):
        values = list(key)
    else:
        values = [key]
    if len(values) != len(columns):
        raise ValidationError({"key": _("A {kind} is found by {columns}.").format(
            kind=model.__tablename__, columns=", ".join(columns))})
    return dict(zip(columns, values, strict=True))


def _where_key(model: type[SQLModel], key: dict[str, Any]) -> list:
    return [model.__table__.c[name] == value for name, value in key.items()]


def in_bid(model: type[SQLModel], bid_id: int):
    """The condition selecting the rows of `model` that belong to bid `bid_id` (through their parents)."""
    if model is m.Bid:
        return m.Bid.id == bid_id
    parent = m.parent_of(model)
    if parent is None:
        raise ValidationError({"kind": _("{kind!r} is not a kind of record; the kinds are: {kinds}.").format(
            kind=model.__tablename__, kinds=", ".join(KINDS))})
    parent_model, column = parent
    if parent_model is m.Bid:
        return model.__table__.c[column] == bid_id
    return model.__table__.c[column].in_(select(parent_model.id).where(in_bid(parent_model, bid_id)))


def order_of(model: type[SQLModel]) -> list:
    """How a table's rows are listed: by their position when they have one, else by their key."""
    columns = model.__table__.c
    if "position" in columns:
        return [columns.position, columns.id]
    return list(model.__table__.primary_key.columns)


def bid_id_of(s: Session, model: type[SQLModel], values: dict[str, Any]) -> int | None:
    """The bid a row (its column values) belongs to, following its parents up."""
    if model is m.Bid:
        return values.get("id")
    path = m.bid_path(model)
    if not path:
        return None
    value = values.get(path[0][1])
    for step_model, column in path[1:]:
        if value is None:
            return None
        value = s.scalar(select(step_model.__table__.c[column]).where(step_model.__table__.c.id == value))
    return value


# --- the one audit writer -----------------------------------------------------------------------------------


def _audit(s: Session, who: str, action: str, model: type[SQLModel], key: dict[str, Any], bid_id: int | None,
           before: dict[str, Any] | None, after: dict[str, Any] | None, also: dict[str, Any] | None = None) -> None:
    """One entry of who did what; for an update only the fields whose value changed, and none when none did
    (`also`: more the entry says, such as the date and note of a status change)."""
    if before is not None and after is not None:
        kept = m.housekeeping(model)
        changed = [k for k in after if k not in kept and before.get(k) != after.get(k)]
        if not changed:
            return
        before, after = {k: before.get(k) for k in changed}, {k: after.get(k) for k in changed}
        after.update(also or {})
    s.add(m.AuditEntry(
        bid_id=bid_id, who=who, action=action, entity=model.__tablename__,
        entity_id=",".join(str(v) for v in key.values()),
        before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before else "",
        after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after else "",
    ))


# --- conflicts ----------------------------------------------------------------------------------------------


def _last_change(s: Session, model: type[SQLModel], key: dict[str, Any]) -> tuple[bool, str, datetime | None]:
    """(whether the row still exists, who changed or deleted it last, when), read fresh from the database."""
    row = s.execute(sa.select(model.__table__).where(*_where_key(model, key))).mappings().first()
    if row is not None and "updated_by" in row and row["updated_by"]:
        return True, row["updated_by"], row["updated_at"]
    entry = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == model.__tablename__,
                                             m.AuditEntry.entity_id == ",".join(str(v) for v in key.values()))
                   .order_by(m.AuditEntry.id.desc()).limit(1)).first()
    return row is not None, entry.who if entry else "", entry.at if entry else None


def _when(moment: datetime) -> str:
    from planner.i18n.format import format_datetime

    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment  # SQLite hands back naive UTC
    return format_datetime(moment.astimezone(), style="short")


def _conflict(s: Session, model: type[SQLModel], key: dict[str, Any]) -> ConflictError:
    """The refusal of a stale save or delete, saying who changed (or deleted) the record and when."""
    exists, who, when = _last_change(s, model, key)
    name = who or _("someone")
    if exists and when is not None:
        message = _("{who} changed this record at {when} after you opened it; your change was not saved. "
                    "Reload to see their version.").format(who=name, when=_when(when))
    elif exists:
        message = _("{who} changed this record after you opened it; your change was not saved. "
                    "Reload to see their version.").format(who=name)
    elif when is not None:
        message = _("{who} deleted this record at {when} after you opened it; your change was not saved."
                    ).format(who=name, when=_when(when))
    else:
        message = _("The record was deleted by someone else; reload to see the current data.")
    return ConflictError(message, who=who, when=when)


def conflict(s: Session, model: type[SQLModel], key: Any) -> ConflictError:
    """The refusal of a stale save made outside `change` (an attached file replaced), worded as every other."""
    return _conflict(s, model, _key(model, key))


def _locked_update(s: Session, model: type[SQLModel], key: dict[str, Any], version: int | None,
                   values: dict[str, Any]) -> bool:
    """The one optimistic-lock path: write only while the row is still at `version`; True when it was."""
    statement = sa.update(model.__table__).where(*_where_key(model, key))
    if version is not None:
        statement = statement.where(model.__table__.c.version == version)
        values = {**values, "version": version + 1}
    return s.execute(statement.values(**values)).rowcount == 1


def _locked_delete(s: Session, model: type[SQLModel], key: dict[str, Any], version: int | None) -> bool:
    statement = sa.delete(model.__table__).where(*_where_key(model, key))
    if version is not None:
        statement = statement.where(model.__table__.c.version == version)
    return s.execute(statement).rowcount == 1


# --- fields and links ---------------------------------------------------------------------------------------


def _check_fields(model: type[SQLModel], names, *, adding: bool) -> None:
    columns = model.__table__.columns
    keys = {c.name for c in model.__table__.primary_key.columns}
    # a new record's id is the database's to give; an existing record keeps its key and its bid
    fixed = set(m.housekeeping(model)) | ({"id"} & keys if adding else keys | {"bid_id"})
    errors = {}
    for name in names:
        if name not in columns:
            errors[name] = _("There is no such field.")
        elif name in fixed:
            errors[name] = _("This field cannot be changed.")
    if errors:
        raise ValidationError(errors)


def _current_links(s: Session, link: m.Link, owner_id: Any) -> list[Any]:
    table = link.table.__table__
    return sorted(s.execute(sa.select(table.c[link.other]).where(table.c[link.own] == owner_id)).scalars())


def _checked_links(s: Session, model: type[SQLModel], values: dict[str, Any], owner_id: Any,
                   links: dict[str, list[int]] | None) -> dict[str, list[int]]:
    """The links asked for, each to records of the same bid, and (for a task) no dependency circle."""
    if not links:
        return {}
    known = m.links_of(model)
    unknown = {name: _("There is no such field.") for name in links if name not in known}
    if unknown:
        raise ValidationError(unknown)
    bid_id = bid_id_of(s, model, values)
    out: dict[str, list[int]] = {}
    for name, ids in links.items():
        link = known[name]
        wanted = list(dict.fromkeys(ids))
        found = set(s.execute(sa.select(link.target.id).where(in_bid(link.target, bid_id),
                                                                link.target.id.in_(wanted))).scalars())
        if any(i not in found for i in wanted):
            raise ValidationError({name: _(LINK_GONE[name])})
        if link.target is model:
            _refuse_circle(s, model, link, values, owner_id, wanted, bid_id)
        out[name] = wanted
    return out


def _refuse_circle(s: Session, model: type[SQLModel], link: m.Link, values: dict[str, Any], owner_id: Any,
                   wanted: list[int], bid_id: int | None) -> None:
    """Refuse links that would make a record wait for itself, naming the records of the circle."""
    from planner.domain.timeline import CycleError, TaskInput, dependency_order

    naming = m.name_field(model) or "id"
    titles = dict(s.execute(sa.select(model.id, model.__table__.c[naming]).where(in_bid(model, bid_id))).all())
    table = link.table.__table__
    graph: dict[Any, list[Any]] = {}
    for own, other in s.execute(sa.select(table.c[link.own], table.c[link.other])
                                .where(table.c[link.own].in_(list(titles)))).all():
        graph.setdefault(own, []).append(other)
    me = owner_id if owner_id is not None else "new"
    graph[me] = wanted
    titles[me] = values.get(naming) or ""
    try:
        dependency_order([TaskInput(id=i, title=str(title), depends_on=tuple(graph.get(i, ())))
                          for i, title in titles.items()])
    except CycleError as exc:
        raise ValidationError({link.name: exc.message.render(_)}) from None


def _refuse_taken(s: Session, model: type[SQLModel], values: dict[str, Any], own_key: dict[str, Any] | None) -> None:
    """Refuse a record whose unique fields (a partner's name, a criterion's key) another record of the same bid
    already has, naming the field, before the database would refuse it with its own words."""
    table = model.__table__
    for constraint in table.constraints:
        if not isinstance(constraint, sa.UniqueConstraint):
            continue
        columns = [c.name for c in constraint.columns]
        if any(values.get(name) is None for name in columns):
            continue
        query = sa.select(sa.func.count()).select_from(table).where(
            *[table.c[name] == values[name] for name in columns])
        if own_key:
            query = query.where(sa.not_(sa.and_(*_where_key(model, own_key))))
        if s.scalar(query):
            shown = [name for name in columns if name != "bid_id"]
            raise ValidationError({shown[0]: _("Another {kind} in this bid already has {value}; choose another.")
                                   .format(kind=model.__tablename__,
                                           value=", ".join(repr(to_json_value(values[n])) for n in shown))})


def _link_of_row(model: type[SQLModel]) -> m.Link | None:
    """The link a row of a link table is part of (a task_dependency row: the task's `depends_on`)."""
    parent = m.parent_of(model)
    name = getattr(model, "__links__", None)
    return m.links_of(parent[0]).get(name) if name and parent else None


def _check_link_row(s: Session, link: m.Link, values: dict[str, Any]) -> None:
    """A link row saved on its own passes the checks of its record's links (same bid, no circle)."""
    owner = s.get(link.owner, values.get(link.own))
    if owner is None:
        raise NotFound(_("The record was deleted by someone else; reload to see the current data."))
    wanted = [*_current_links(s, link, owner.id), values.get(link.other)]
    _checked_links(s, link.owner, snapshot(owner), owner.id, {link.name: wanted})


def _write_links(s: Session, model: type[SQLModel], owner_id: Any, links: dict[str, list[int]]) -> None:
    for name, ids in links.items():
        link = m.links_of(model)[name]
        table = link.table.__table__
        s.execute(sa.delete(table).where(table.c[link.own] == owner_id))
        if ids:
            s.execute(sa.insert(table), [{link.own: owner_id, link.other: i} for i in ids])


# --- adding -------------------------------------------------------------------------------------------------


def insert(s: Session, who: str, records: list[SQLModel], *, links: list[dict[str, list[int]]] | None = None,
           action: str = "create") -> None:
    """Insert new records (one flush for all), their links and an audit entry each, in the caller's transaction.

    The links are taken as checked; `add` checks them first.
    """
    for record in records:
        if "updated_by" in record.__table__.columns:
            record.updated_by = who
    s.add_all(records)
    s.flush()
    for record, record_links in zip(records, links or [None] * len(records), strict=True):
        record_added(s, who, record, links=record_links, action=action)


@cache
def _fields(model: type[SQLModel]) -> dict[str, Any]:
    """A model's fields (pydantic's `model_fields`, which costs a lookup through a descriptor each time)."""
    return dict(model.model_fields)


@cache
def _field_defaults(model: type[SQLModel]) -> tuple[dict[str, Any], tuple[str, ...], dict[str, Any]]:
    """A model's fields that are not required, worked out once (pydantic looks at each default factory's
    signature every time it calls one): ({field: immutable default}, fields whose default is copied for each
    record as pydantic copies it, {field: default factory})."""
    import inspect

    shared, copied, factories = {}, [], {}
    for name, info in model.model_fields.items():
        if info.is_required():
            continue
        factory = info.default_factory
        if factory is None:
            default = info.get_default(call_default_factory=False)
            if isinstance(default, str | int | float | bool | Enum | type(None)):
                shared[name] = default
            else:
                copied.append(name)
        elif inspect.signature(factory).parameters:
            factories[name] = lambda info=info: info.get_default(call_default_factory=True)
        else:
            factories[name] = factory
    return shared, tuple(copied), factories


def new_values(model: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
    """A new record's field values as making the model sets them: the given fields, the others' defaults
    (factories called). Cheap enough for thousands of rows; `draft` and `insert_values` take them."""
    shared, copied, factories = _field_defaults(model)
    fields = _fields(model)
    out = dict(shared)
    for name, value in values.items():
        if name in fields:
            out[name] = value
    for name in copied:
        if name not in out:
            out[name] = fields[name].get_default(call_default_factory=False)
    for name, factory in factories.items():
        if name not in out:
            out[name] = factory()
    return out


def draft(model: type[SQLModel], values: dict[str, Any]) -> SQLModel:
    """A record that is not saved, for checking its rules (`validation.validate_record`): its fields are
    `values` completed by `new_values`, set directly instead of one instrumented assignment each. Not for
    saving: `insert_values` writes rows from their values."""
    record = sa.inspect(model).class_manager.new_instance()
    record.__dict__.update(new_values(model, values))
    return record


_PLAIN = frozenset({str, int, bool, float, type(None)})
INSERT_BATCH = 1000  # rows per INSERT statement (and per audit INSERT) in insert_values


def insert_values(s: Session, who: str, model: type[SQLModel], rows: list[dict[str, Any]], *,
                  action: str = "create") -> list[int]:
    """Insert new records of one table from their values (`new_values`), in batches, and an audit entry each,
    also in batches, in the caller's transaction; returns their ids in order. The same rows and entries as
    `insert` writes for the same records, without making a record object per row (10 000 imported speakers);
    the keys of a table without an `id` are tuples of their parts."""
    table = model.__table__
    if [c.name for c in table.primary_key.columns] != ["id"]:
        records = [model(**row) for row in rows]
        insert(s, who, records, action=action)
        # a two-part key (a venue's score on a criterion): the tuple of its parts
        return [tuple(getattr(record, c.name) for c in table.primary_key.columns) for record in records]
    if "updated_by" in table.columns:
        for row in rows:
            row["updated_by"] = who
    ids = _insert_rows(s, table, [_without_new_id(row) for row in rows], returning=True)
    entries = []
    names = [column.name for column in table.columns]
    plain = _PLAIN
    for row, record_id in zip(rows, ids, strict=True):
        # to_json_value, with the plain values most columns hold taken as they are
        after = {}
        for name in names:
            value = row.get(name)
            after[name] = value if type(value) in plain else to_json_value(value)
        after["id"] = record_id
        entries.append(new_values(m.AuditEntry, {
            "bid_id": bid_id_of(s, model, after), "who": who, "action": action, "entity": model.__tablename__,
            "entity_id": str(record_id), "before": "", "after": json.dumps(after, ensure_ascii=False, sort_keys=True)}))
    _insert_rows(s, m.AuditEntry.__table__, [_without_new_id(entry) for entry in entries], returning=False)
    return ids


def _insert_rows(s: Session, table: sa.Table, rows: list[dict[str, Any]], *, returning: bool) -> list[int]:
    """INSERT rows (column values) into a table in the session's transaction; with `returning`, their ids in
    order. On SQLite each row is one execution of one prepared statement on the driver's own cursor, its values
    converted by the column types' own bind processors (what a Core INSERT would send, without building a
    statement's parameters through the Core per row), each row's id the cursor's `lastrowid`; elsewhere, and
    for rows leaving out a column with a default the program supplies, Core INSERTs by batches."""
    connection = s.connection()
    dialect = connection.dialect
    defaulted = {c.name for c in table.columns if c.default is not None or c.onupdate is not None}
    if dialect.name != "sqlite" or any(not defaulted <= (row.keys() | {"id"}) for row in rows):
        ids: list[int] = []
        for batch in _batches(rows):
            if returning:
                statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
                ids.extend(s.execute(statement, batch).scalars().all())
            else:
                s.execute(sa.insert(table), batch)
        return ids
    processors = {c.name: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns}
    quote = dialect.identifier_preparer.quote
    statements: dict[tuple[str, ...], tuple[str, list]] = {}
    pending: dict[str, list[list]] = {}
    ids = []
    cursor = connection.connection.cursor()
    try:
        for row in rows:
            names = tuple(row)
            known = statements.get(names)
            if known is None:
                sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
                       f"VALUES ({', '.join('?' * len(names))})")
                known = statements[names] = (sql, [processors[name] for name in names])
            sql, convert = known
            values = [value if process is None else process(value)
                      for process, value in zip(convert, row.values(), strict=True)]
            if returning:
                cursor.execute(sql, values)
                ids.append(cursor.lastrowid)
            else:  # nothing to read back: the rows of one statement wait for one executemany
                pending.setdefault(sql, []).append(values)
        for sql, batch in pending.items():
            cursor.executemany(sql, batch)
    finally:
        cursor.close()
    return ids


def _without_new_id(row: dict[str, Any]) -> dict[str, Any]:
    """The row without an id still to be given (the database numbers it, as when a record is flushed)."""
    return {k: v for k, v in row.items() if k != "id"} if row.get("id", 0) is None else row


def _batches(rows: list[dict[str, Any]]):
    """Runs of at most INSERT_BATCH rows that set the same columns (one statement may only take such rows)."""
    start = 0
    while start < len(rows):
        keys = rows[start].keys()
        end = start + 1
        while end < len(rows) and end - start < INSERT_BATCH and rows[end].keys() == keys:
            end += 1
        yield rows[start:end]
        start = end


def record_added(s: Session, who: str, record: SQLModel, *, links: dict[str, list[int]] | None = None,
                 action: str = "create") -> None:
    """The links and the audit entry of a record just inserted (flushed) in this transaction."""
    model = type(record)
    after = snapshot(record)
    key = _key(model, sa.inspect(record).identity)
    if links:
        _write_links(s, model, after["id"], links)
        after.update({name: sorted(ids) for name, ids in links.items() if ids})
    _audit(s, who, action, model, key, bid_id_of(s, model, after), None, after)


def add(ws: Workspace, kind: str, values: dict[str, Any], *,
        links: dict[str, list[int]] | None = None) -> SQLModel:
    """Add a record after checking its rules (and its links); returns it as saved."""
    if kind == "bid":
        from planner.services.workspace import create_bid  # a new bid also gets its default criteria

        return create_bid(ws, **values)
    ws.check_writable()
    model = model_for(kind)
    _check_fields(model, values, adding=True)
    record = model(**values)
    from planner.services.validation import validate_record

    errors = validate_record(record)
    if errors:
        raise ValidationError(errors)
    with ws.session() as s:
        _refuse_taken(s, model, snapshot(record), None)
        checked = _checked_links(s, model, snapshot(record), None, links)
        if (link := _link_of_row(model)) is not None:
            _check_link_row(s, link, values)
        insert(s, ws.user, [record], links=[checked])
        s.flush()
        s.refresh(record)
        return record


# --- changing -----------------------------------------------------------------------------------------------


def update(ws: Workspace, kind: str, key: Any, changes: dict[str, Any], *, expected_version: int | None = None,
           links: dict[str, list[int]] | None = None) -> SQLModel:
    """Change fields (and links) of one record; refused when someone saved it since `expected_version` was read."""
    ws.check_writable()
    model = model_for(kind)
    with ws.session() as s:
        record = change(s, ws.user, model, key, changes, expected_version=expected_version, links=links)
        s.refresh(record)
        return record


def change(s: Session, who: str, model: type[SQLModel], key: Any, changes: dict[str, Any], *,
           expected_version: int | None = None, links: dict[str, list[int]] | None = None,
           action: str = "update", also: dict[str, Any] | None = None) -> SQLModel:
    """`update` inside the caller's transaction (an import changes many records in one); `also` adds what
    the audit entry should say besides the fields (a status change's date and note)."""
    from planner.services.validation import validate_record

    keys = _key(model, key)
    _check_fields(model, changes, adding=False)
    record = s.get(model, tuple(keys.values()))
    if record is None:
        if expected_version is not None:
            raise _conflict(s, model, keys)
        raise NotFound(_("The record was deleted by someone else; reload to see the current data."))
    version = getattr(record, "version", None)
    if expected_version is not None and version is not None and version != expected_version:
        raise _conflict(s, model, keys)
    before = snapshot(record)
    trial = model(**{**{name: getattr(record, name) for name in before}, **changes})
    errors = validate_record(trial)
    if errors:
        raise ValidationError(errors)
    if any(to_json_value(value) != before[name] for name, value in changes.items()):
        _refuse_taken(s, model, snapshot(trial), keys)
    wanted = _checked_links(s, model, snapshot(trial), before.get("id"), links)
    current = {name: _current_links(s, m.links_of(model)[name], before["id"]) for name in wanted}
    changed = {name: value for name, value in changes.items() if to_json_value(value) != before[name]}
    moved = {name: ids for name, ids in wanted.items() if sorted(ids) != current[name]}
    if not changed and not moved:
        return record  # a save that changes nothing: no new version, no audit entry
    written = dict(changed)
    if "updated_at" in before:
        written.update(updated_at=m.utcnow(), updated_by=who)
    with s.no_autoflush:
        won = _locked_update(s, model, keys, version, written)
    if not won:  # someone saved (or deleted) it between our read and our write: theirs stands
        raise _conflict(s, model, keys)
    _write_links(s, model, before.get("id"), moved)
    after = {**before, **{name: to_json_value(value) for name, value in changed.items()}}
    before.update({name: current[name] for name in moved})
    after.update({name: sorted(ids) for name, ids in moved.items()})
    _audit(s, who, action, model, keys, bid_id_of(s, model, after), before, after, also)
    return record


def keep(s: Session, who: str, model: type[SQLModel], key: Any, values: dict[str, Any], *, action: str) -> SQLModel:
    """Set fields the program keeps itself (a bid's archive mark), not a person's input, so no record rules
    and no version step; the audit entry says what was done (`action`), in the caller's transaction."""
    keys = _key(model, key)
    record = s.get(model, tuple(keys.values()))
    if record is None:
        raise NotFound(_("The record was deleted by someone else; reload to see the current data."))
    before = {name: to_json_value(getattr(record, name)) for name in values}
    for name, value in values.items():
        setattr(record, name, value)
    s.flush()
    after = {name: to_json_value(getattr(record, name)) for name in values}
    s.add(m.AuditEntry(bid_id=bid_id_of(s, model, snapshot(record)), who=who, action=action,
                       entity=model.__tablename__, entity_id=",".join(str(v) for v in keys.values()),
                       before=json.dumps(before, ensure_ascii=False, sort_keys=True),
                       after=json.dumps(after, ensure_ascii=False, sort_keys=True)))
    s.flush()
    s.refresh(record)
    return record


@dataclass
class Edit:
    """An edit that was saved, and what takes it back: the fields (and links) before and after it, and the
    version it left the record at (taking it back is refused when someone saved the record since)."""

    kind: str
    key: Any
    before: dict[str, Any]
    after: dict[str, Any]
    links_before: dict[str, list[Any]] | None
    links_after: dict[str, list[Any]] | None
    version: int | None


def edit(ws: Workspace, kind: str, key: Any, changes: dict[str, Any], *, expected_version: int | None = None,
         links: dict[str, list[int]] | None = None) -> tuple[SQLModel, Edit | None]:
    """`update`, also returning the Edit that `revert` takes back (None when the save changed nothing)."""
    ws.check_writable()
    model = model_for(kind)
    with ws.session() as s:
        keys = _key(model, key)
        current = s.get(model, tuple(keys.values()))
        before = {name: getattr(current, name) for name in changes} if current is not None else {}
        links_before = ({name: _current_links(s, m.links_of(model)[name], current.id) for name in links}
                        if current is not None and links else None)
        record = change(s, ws.user, model, key, changes, expected_version=expected_version, links=links)
        s.refresh(record)
        after = {name: getattr(record, name) for name in before}
        links_after = {name: sorted(ids) for name, ids in links.items()} if links else None
        if current is None or (after == before and links_after == links_before):
            return record, None
        return record, Edit(kind, key, before, after, links_before, links_after, getattr(record, "version", None))


def revert(ws: Workspace, done: Edit) -> tuple[SQLModel, Edit | None]:
    """Take an edit back (undo; reverting the returned Edit makes it again: redo). Refused with the usual
    conflict message when someone saved the record after it."""
    return edit(ws, done.kind, done.key, done.before, expected_version=done.version, links=done.links_before)


# --- deleting and putting back ------------------------------------------------------------------------------


@dataclass
class Undo:
    """What a delete removed, enough to put it all back: rows parents first, and the links it cleared."""

    kind: str
    key: dict[str, Any]
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (table, JSON values)
    relinks: list[tuple[str, dict[str, Any], str, Any]] = field(default_factory=list)  # (table, key, column, id)


def _subtree(s: Session, model: type[SQLModel], key: dict[str, Any]) -> tuple[dict, set]:
    """{model: condition} of the rows that go when this row goes, parents first, and the tables among them
    whose rows hold their parent back until the delete is confirmed (RESTRICT)."""
    conditions: dict[type[SQLModel], list] = {model: [sa.and_(*_where_key(model, key))]}
    asking: set[type[SQLModel]] = set()
    for table in m.BID_TABLES:  # parents before children, so a table's condition is whole when it is reached
        if table not in conditions or not m.children_of(table):
            continue
        ids = select(table.id).where(sa.or_(*conditions[table]))
        for child in m.children_of(table):
            if child.goes_with_it:
                conditions.setdefault(child.model, []).append(child.model.__table__.c[child.column].in_(ids))
                if child.asks:
                    asking.add(child.model)
    return {table: sa.or_(*parts) for table, parts in conditions.items()}, asking


def delete(ws: Workspace, kind: str, key: Any, *, expected_version: int | None = None,
           force: bool = False) -> Undo:
    """Delete one record and what goes with it; returns what `restore` needs to put it all back.

    Refused when someone changed the record since `expected_version` was read. When rows that hold the
    record back would go too (a partner's commitments), it is only done with `force` (the front end asks).
    """
    ws.check_writable()
    model = model_for(kind)
    with ws.session() as s:
        return remove(s, ws.user, model, key, expected_version=expected_version, force=force)


def remove(s: Session, who: str, model: type[SQLModel], key: Any, *, expected_version: int | None = None,
           force: bool = False, undo: bool = True) -> Undo:
    """`delete` inside the caller's transaction; `undo=False` does not collect what would put it back (deleting
    a whole bid from the command line: a large bid's rows would take seconds to copy for nothing)."""
    keys = _key(model, key)
    row = s.execute(sa.select(model.__table__).where(*_where_key(model, keys))).mappings().first()
    if row is None:
        if expected_version is not None:
            raise _conflict(s, model, keys)
        raise NotFound(_("The record was already deleted."))
    version = row.get("version")
    if expected_version is not None and version is not None and version != expected_version:
        raise _conflict(s, model, keys)
    before = _row_snapshot(row)
    conditions, asking = _subtree(s, model, keys)
    held = [(table, n) for table in m.BID_TABLES if table in asking
            and (n := s.scalar(select(sa.func.count()).select_from(table).where(conditions[table])))]
    if held and not force:
        table, n = held[0]
        naming = m.name_field(model)
        raise NeedsConfirmation(_(QUESTIONS[table.__tablename__]).format(
            name=(before.get(naming) if naming else None) or key, n=n))
    kept = Undo(model.__tablename__, keys)
    for table in m.BID_TABLES if undo else ():
        # the audit log of what happened is not undone (SQLite would also give its ids to new entries)
        if table in conditions and table is not m.AuditEntry:
            rows = s.execute(sa.select(table.__table__).where(conditions[table])
                             .order_by(*table.__table__.primary_key.columns)).mappings()
            kept.rows.extend((table.__tablename__, _row_snapshot(r)) for r in rows)
            kept.relinks.extend(_cleared_links(s, table, conditions))
    for table, _n in reversed(held):  # they hold their parent back, so they go first
        s.execute(sa.delete(table.__table__).where(conditions[table]))
    bid_id = None if model is m.Bid else bid_id_of(s, model, before)
    if not _locked_delete(s, model, keys, version):
        raise _conflict(s, model, keys)
    _audit(s, who, "delete", model, keys, bid_id, before, None)
    return kept


def goes_with(ws: Workspace, kind: str, key: Any) -> tuple[dict[str, int], bool]:
    """What deleting one record deletes with it: {table: how many rows} (the record itself and the audit log
    not counted), and whether some of them hold the record back, so the delete must be confirmed (`force`)."""
    model = model_for(kind)
    keys = _key(model, key)
    out: dict[str, int] = {}
    held = False
    with ws.session() as s:
        conditions, asking = _subtree(s, model, keys)
        for table in m.BID_TABLES:
            if table in conditions and table is not model and table is not m.AuditEntry:
                n = s.scalar(select(sa.func.count()).select_from(table).where(conditions[table]))
                if n:
                    out[table.__tablename__] = n
                    held = held or table in asking
    return out, held


def _cleared_links(s: Session, table: type[SQLModel], conditions: dict) -> list[tuple[str, dict, str, Any]]:
    """References to the deleted rows that the database sets to NULL (a session's room), to set back."""
    out: list[tuple[str, dict, str, Any]] = []
    if not m.children_of(table):
        return out
    ids = select(table.id).where(conditions[table])
    for child in m.children_of(table):
        if child.ondelete != "SET NULL":
            continue
        columns = child.model.__table__.c
        query = sa.select(*child.model.__table__.primary_key.columns, columns[child.column]).where(
            columns[child.column].in_(ids))
        if child.model in conditions:  # rows that go too come back with their own values
            query = query.where(sa.not_(conditions[child.model]))
        for found in s.execute(query).mappings():
            key = {c.name: found[c.name] for c in child.model.__table__.primary_key.columns}
            out.append((child.model.__tablename__, key, child.column, found[child.column]))
    return out


def delete_many(ws: Workspace, kind: str, keys: list[Any]) -> list[Undo]:
    """Delete several records of one kind and what goes with each, in one transaction (all or none): taking
    back a batch that was added as one step. Returns what `restore_many` needs to put them all back."""
    ws.check_writable()
    model = model_for(kind)
    with ws.session() as s:
        return [remove(s, ws.user, model, key, force=True) for key in keys]


def restore_many(ws: Workspace, undos: list[Undo]) -> None:
    """Put back what `delete_many` removed, in one transaction: the last deleted first, so rows that referred
    to records deleted before them find those back."""
    ws.check_writable()
    with ws.session() as s:
        for undo in reversed(undos):
            _put_back(s, ws.user, undo)


def restore(ws: Workspace, undo: Undo) -> None:
    """Put back what `delete` removed (undo the last delete), with an audit entry for the record."""
    ws.check_writable()
    with ws.session() as s:
        _put_back(s, ws.user, undo)


def _put_back(s: Session, who: str, undo: Undo) -> None:
    from planner.interchange.values import from_json_value

    by_table: dict[str, list[dict[str, Any]]] = {}
    for table_name, values in undo.rows:
        by_table.setdefault(table_name, []).append(values)
    for table_name, rows in by_table.items():
        model = m.table_named(table_name)
        s.execute(sa.insert(model.__table__), [
            {name: from_json_value(model, name, value) for name, value in values.items()} for values in rows])
    for table_name, key, column, value in undo.relinks:
        table = m.table_named(table_name).__table__
        s.execute(sa.update(table).where(*[table.c[k] == v for k, v in key.items()], table.c[column].is_(None))
                  .values({column: value}))
    model = model_for(undo.kind)
    top = undo.rows[0][1]
    _audit(s, who, "restore", model, undo.key, bid_id_of(s, model, top), None, top)


# --- listing ------------------------------------------------------------------------------------------------


def list_records(ws: Workspace, kind: str, bid_id: int) -> list[SQLModel]:
    """Every record of a kind in one bid, by position where the records have one, else by key."""
    model = model_for(kind)
    with ws.read_session() as s:
        return list(s.exec(select(model).where(in_bid(model, bid_id)).order_by(*order_of(model))).all())


# --- what the tables say about themselves, for the front ends (which do not import the store) --------------


def name_field(kind: str) -> str | None:
    """The field that names a record of this kind to a person (`name`, `title` ...), if it has one."""
    model = m.TABLES.get(kind)
    return m.name_field(model) if model is not None else None


def named_kinds() -> tuple[str, ...]:
    """The kinds of a bid's records that have a naming field, parents first."""
    return tuple(t.__tablename__ for t in m.BID_TABLES if m.name_field(t))


def kept_fields(kind: str) -> tuple[str, ...]:
    """The fields of a kind the program keeps itself (version, edit times); no person's input."""
    model = m.TABLES.get(kind)
    return m.housekeeping(model) if model is not None else m.HOUSEKEEPING


@cache
def reference_targets() -> dict[str, str]:
    """{field holding another record's id: that record's kind}, over every table (`venue_id` -> `venue`)."""
    out: dict[str, str] = {}
    for model in m.TABLES.values():
        out.update(m.references(model))
    return out
