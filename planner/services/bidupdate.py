"""Updating an existing bid from a bid file (`planner import json FILE --into BID`): preview, then apply.

The file's rows are matched to the bid's by their number in the file, as the bid's own export numbers them
(rows of a link table, such as a venue's score, by the rows they join). A row the bid does not have is new, a
matched row whose fields differ is changed (field by field), a row of the bid the file does not hold is
removed; a field the file leaves out is left as it is. Applying writes all of it through the records service
in one transaction or nothing, each change audited, with one more entry saying the file was imported; the bid
keeps its id and its history. The bid's own export changes nothing and writes nothing. A record someone saved
since the preview stops the import (the usual conflict message).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

from sqlmodel import SQLModel

from planner.i18n import _
from planner.interchange import bidjson
from planner.interchange.bidjson import BidFileProblems
from planner.interchange.values import from_json_value
from planner.services import records
from planner.services.bidfile import BidFileError, check_document, read_limited, status_entries
from planner.services.workspace import Workspace, load_bundle
from planner.store import models as m

NEW, CHANGED, UNCHANGED, REMOVED = "new", "changed", "unchanged", "removed"


@dataclass
class RowUpdate:
    """What the import does with one row: `number` is its number (or key) in the file, `name` what names it."""

    action: str
    table: str
    number: str
    name: str = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (stored, in the file), JSON
    key: tuple = ()  # the stored row's key (changed and removed rows)
    version: int | None = None  # the stored row's version when the preview read it
    row: dict[str, Any] | None = None  # the file's row (new and changed rows)


@dataclass
class BidUpdate:
    """The preview of an update: every row that is new, changed or removed, and how many are unchanged."""

    bid_id: int
    items: list[RowUpdate] = field(default_factory=list)
    unchanged: int = 0
    ids: dict[str, dict[int, int]] = field(default_factory=dict)  # table -> {number in the file: stored id}

    def count(self, action: str) -> int:
        if action == UNCHANGED:
            return self.unchanged
        return sum(1 for item in self.items if item.action == action)

    @property
    def changes_anything(self) -> bool:
        return bool(self.items)

    def summary(self) -> str:
        return _("{new} new, {changed} changed, {unchanged} unchanged, {removed} removed").format(
            new=self.count(NEW), changed=self.count(CHANGED), unchanged=self.unchanged, removed=self.count(REMOVED))


def _read(source: str | bytes | IO[bytes]) -> dict[str, Any]:
    data = read_limited(source) if hasattr(source, "read") else source
    try:
        doc = bidjson.parse(data)
    except BidFileProblems as exc:
        raise BidFileError(exc.problems, exc.more, counted_all=exc.counted_all) from None
    check_document(doc)  # every record's rules and the dependencies, with the file's paths
    return doc


def _key_columns(model: type[SQLModel]) -> list[str]:
    return [c.name for c in model.__table__.primary_key.columns]


def _versions(ws: Workspace, model: type[SQLModel], bid_id: int) -> dict[tuple, int]:
    table = model.__table__
    if "version" not in table.columns:
        return {}
    import sqlalchemy as sa

    keys = [table.c[name] for name in _key_columns(model)]
    with ws.read_session() as s:
        rows = s.execute(sa.select(*keys, table.c.version).where(records.in_bid(model, bid_id))).all()
    return {tuple(row[:-1]): row[-1] for row in rows}


def preview_update(ws: Workspace, bid_id: int, source: str | bytes | IO[bytes]) -> BidUpdate:
    """What importing the bid file `source` into bid `bid_id` would do; nothing is written."""
    incoming = _read(source)
    bundle = load_bundle(ws, bid_id, with_files=True)
    current = bidjson.document(bundle.bid, {t.__tablename__: bundle.rows(t) for t in bidjson.FILE_TABLES})
    update = BidUpdate(bid_id=bid_id)
    stored_ids: dict[str, dict[int, int]] = {}  # table -> {number in the bid's own export: stored id}
    for model in bidjson.FILE_TABLES:
        if "id" in model.__table__.columns:
            stored = sorted(bundle.rows(model), key=lambda r: r.id)
            stored_ids[model.__tablename__] = {n: row.id for n, row in enumerate(stored, start=1)}
    kept = set(m.housekeeping(m.Bid))
    bid_changes = {name: (current["bid"].get(name), value) for name, value in incoming["bid"].items()
                   if name not in kept and current["bid"].get(name) != value}
    if bid_changes:
        update.items.append(RowUpdate(CHANGED, "bid", str(bid_id), bundle.bid.title, bid_changes,
                                      key=(bid_id,), version=bundle.bid.version, row=incoming["bid"]))
    else:
        update.unchanged += 1
    for model in bidjson.FILE_TABLES:  # parents first: a row's references are matched before the row
        _compare_table(ws, update, model, stored_ids, current.get(model.__tablename__, []),
                       incoming.get(model.__tablename__, []))
    _compare_history(ws, update, incoming.get("status_history", []))
    return update


def _history_key(change: dict[str, Any]) -> tuple:
    at = datetime.fromisoformat(change["at"].replace("Z", "+00:00"))
    return (change["from"], change["to"], change.get("date"), change.get("note", ""),
            at if at.tzinfo else at.replace(tzinfo=UTC))


def _compare_history(ws: Workspace, update: BidUpdate, changes: list[dict[str, Any]]) -> None:
    """Status changes the file holds that the bid's history does not are added; the history loses nothing."""
    from planner.services.bidstatus import history

    kept = {_history_key(change.as_dict()) for change in history(ws, update.bid_id)}
    for number, change in enumerate(changes, start=1):
        if _history_key(change) in kept:
            update.unchanged += 1
        else:
            update.items.append(RowUpdate(NEW, "status_history", str(number), f"{change['from']} -> {change['to']}",
                                          row=change))


def _in_ids(model: type[SQLModel], row: dict[str, Any], ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    """A row with its number and references as stored ids (None where a row is not stored: a new one)."""
    out = dict(row)
    for column, value in row.items():
        target = model.__tablename__ if column == "id" else bidjson.foreign_target(model.__table__.c[column])
        if target not in (None, "bid") and value is not None:
            out[column] = ids.get(target, {}).get(value)
    return out


def _compare_table(ws: Workspace, update: BidUpdate, model: type[SQLModel], stored_ids: dict[str, dict[int, int]],
                   stored_rows: list[dict], file_rows: list[dict]) -> None:
    """Match a table's rows (by number, then an unmatched row to a stored one with the very same fields) and
    note what is new, changed and removed."""
    name = model.__tablename__
    keys = _key_columns(model)
    naming = m.name_field(model)
    kept = set(m.housekeeping(model)) | set(keys)
    versions = _versions(ws, model, update.bid_id)
    has_id = keys == ["id"]
    file_ids = update.ids.setdefault(name, {}) if has_id else {}
    if has_id:  # first by number: the bid's own export numbers its rows so
        file_ids.update({row["id"]: stored_ids[name][row["id"]] for row in file_rows
                         if row["id"] in stored_ids.get(name, {})})
    stored = {}
    for row in stored_rows:
        as_stored = _in_ids(model, row, stored_ids)
        stored[tuple(as_stored[k] for k in keys)] = (row, as_stored)
    unmatched = []
    seen = set()
    for row in file_rows:
        as_stored = _in_ids(model, row, update.ids)
        key = tuple(as_stored[k] for k in keys)
        if None in key or key not in stored or key in seen:
            unmatched.append((row, as_stored))
            continue
        seen.add(key)
        before, before_stored = stored[key]
        changes = {column: (before.get(column), value) for column, value in row.items()
                   if column not in kept and before_stored.get(column) != as_stored[column]}
        if changes:
            shown = str(row.get(naming) or before.get(naming) or "") if naming else ""
            update.items.append(RowUpdate(CHANGED, name, _number(row, keys), shown, changes, key=key,
                                          version=versions.get(key), row=row))
        else:
            update.unchanged += 1
    # a row the file numbers otherwise (an edited file's new row, exported again) but holds as stored: the same
    left = {key: value for key, value in stored.items() if key not in seen}
    for row, as_stored in unmatched:
        same = next((key for key, (_row, before) in left.items()
                     if all(before.get(c) == as_stored.get(c) for c in row if c not in kept)), None) if has_id else None
        if same is not None:
            del left[same]
            file_ids[row["id"]] = same[0]
            update.unchanged += 1
        else:
            update.items.append(RowUpdate(NEW, name, _number(row, keys), str(row.get(naming) or "") if naming else "",
                                          row=row))
    for key, (before, _stored) in left.items():
        update.items.append(RowUpdate(REMOVED, name, _number(before, keys),
                                      str(before.get(naming) or "") if naming else "", key=key,
                                      version=versions.get(key)))


def _number(row: dict[str, Any], keys: list[str]) -> str:
    return ",".join(str(row[k]) for k in keys)


def _stored_values(update: BidUpdate, model: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
    """The file's JSON values of some fields as the database stores them, references to stored ids."""
    out = {}
    for column, value in values.items():
        target = bidjson.foreign_target(model.__table__.c[column])
        if target not in (None, "bid") and value is not None:
            value = update.ids[target][value]
        out[column] = from_json_value(model, column, value)
    return out


def apply_update(ws: Workspace, update: BidUpdate) -> None:
    """Write the previewed update in one transaction: new rows (parents first), changed fields, then removed
    rows (children first), each audited, and one entry saying the file was imported; nothing when nothing
    changes."""
    ws.check_writable()
    if not update.changes_anything:
        return
    by_table: dict[str, list[RowUpdate]] = {}
    for item in update.items:
        by_table.setdefault(item.table, []).append(item)
    with ws.session() as s:
        for item in by_table.get("bid", []):
            values = _stored_values(update, m.Bid, {k: new for k, (_old, new) in item.changes.items()})
            records.change(s, ws.user, m.Bid, update.bid_id, values, expected_version=item.version)
        for model in bidjson.FILE_TABLES:  # parents before children: a new row's parent is stored first
            name = model.__tablename__
            new = [item for item in by_table.get(name, []) if item.action == NEW]
            if not new:
                continue
            made = []
            for item in new:
                values = _stored_values(update, model, {k: v for k, v in item.row.items() if k != "id"})
                if "bid_id" in model.__table__.columns:
                    values["bid_id"] = update.bid_id
                made.append(model(**values))
            records.insert(s, ws.user, made)
            if "id" in model.__table__.columns:
                numbers = update.ids.setdefault(name, {})
                numbers.update({item.row["id"]: record.id for item, record in zip(new, made, strict=True)})
        for model in bidjson.FILE_TABLES:
            for item in by_table.get(model.__tablename__, []):
                if item.action == CHANGED:
                    values = _stored_values(update, model, {k: new for k, (_old, new) in item.changes.items()})
                    records.change(s, ws.user, model, item.key, values, expected_version=item.version)
        for model in reversed(bidjson.FILE_TABLES):  # children first, so each goes on its own
            for item in by_table.get(model.__tablename__, []):
                if item.action == REMOVED:
                    records.remove(s, ws.user, model, item.key, expected_version=item.version, force=True,
                                   undo=False)
        s.add_all(status_entries(update.bid_id, [item.row for item in by_table.get("status_history", [])], ws.user))
        s.add(m.AuditEntry(bid_id=update.bid_id, who=ws.user, action="import", entity="bid",
                           entity_id=str(update.bid_id),
                           after=_counts_json(update)))


def _counts_json(update: BidUpdate) -> str:
    import json

    return json.dumps({action: update.count(action) for action in (NEW, CHANGED, UNCHANGED, REMOVED)},
                      sort_keys=True)
