"""The lossless bid file (`"format": "planner.bid"`, `"version": 1`): one bid with every record, as JSON.

Shape: `bid` holds the bid's own fields; every other table of the bid is a list under its table name
(`venue`, `room`, `budget_line` ...). Rows are numbered from 1 within the file (`id`), and references
between rows (`venue_id`, `partner_id` ...) use those numbers, so a file imports into any database and
exports back byte for byte. Bookkeeping (versions, edit times, the audit log) is not part of the bid.
The JSON Schema (`planner schema`) is generated from the tables, so it cannot drift from them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from planner.i18n import _
from planner.services.errors import PlannerError
from planner.store import models as m
from planner.store.models import DecimalText

FORMAT = "planner.bid"
VERSION = 1

# Tables carried in the file after the bid itself, parents before children.
FILE_TABLES: tuple[type[SQLModel], ...] = tuple(t for t in m.BID_TABLES if t not in (m.Bid, m.AuditEntry))
SKIPPED = {"version", "updated_at", "updated_by", "last_opened_at"}
EDITABLE_SKIPPED = SKIPPED | {"created_at"}


class BidFileError(PlannerError):
    """A bid file that cannot be imported; says where (JSON path) and why."""

    exit_code = 2

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(_("{path}: {reason}").format(path=path, reason=reason))


def file_columns(model: type[SQLModel]) -> list[sa.Column]:
    skipped = EDITABLE_SKIPPED if issubclass(model, m.Editable) else SKIPPED
    return [c for c in model.__table__.columns if c.name not in skipped and c.name != "bid_id"]


def _foreign_target(column: sa.Column) -> str | None:
    for key in column.foreign_keys:
        return key.column.table.name
    return None


def _json_value(value: Any) -> Any:
    from planner.services.workspace import to_json_value

    return to_json_value(value)


# --- schema -----------------------------------------------------------------------------------------------


def _column_schema(column: sa.Column) -> dict[str, Any]:
    col_type = column.type
    if isinstance(col_type, sa.Enum):
        schema: dict[str, Any] = {"enum": list(col_type.enums)}
    elif isinstance(col_type, DecimalText):
        schema = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
    elif isinstance(col_type, sa.Boolean):
        schema = {"type": "boolean"}
    elif isinstance(col_type, sa.BigInteger):
        schema = {"type": "integer", "minimum": -(2**63 - 1), "maximum": 2**63 - 1}
    elif isinstance(col_type, sa.Integer):
        schema = {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}
    elif isinstance(col_type, sa.DateTime) or isinstance(getattr(col_type, "impl_instance", None), sa.DateTime):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(col_type, sa.Date):
        schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif isinstance(col_type, sa.Time):
        schema = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$"}
    elif isinstance(col_type, sa.String) and col_type.length:
        schema = {"type": "string", "maxLength": col_type.length}
    else:
        schema = {"type": "string"}
    if column.name.endswith("currency"):
        schema["pattern"] = "^[A-Z]{3}$"
    if column.nullable:
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        else:
            schema["type"] = [schema["type"], "null"]
    if column.comment:
        schema["description"] = column.comment
    return schema


def _row_schema(model: type[SQLModel], *, with_id: bool) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    for column in file_columns(model):
        if column.name == "id" and not with_id:
            continue
        props[column.name] = _column_schema(column)
        has_default = column.default is not None or column.server_default is not None or column.nullable
        field = model.model_fields.get(column.name)
        if field is not None and (field.default is not None or field.default_factory is not None):
            has_default = True
        if column.primary_key or (_foreign_target(column) and not column.nullable):
            has_default = False
        if not has_default:
            required.append(column.name)
    return {
        "type": "object",
        "description": (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else model.__tablename__,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the bid file, generated from the tables."""
    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "bid": _row_schema(m.Bid, with_id=False),
    }
    for model in FILE_TABLES:
        props[model.__tablename__] = {"type": "array", "items": _row_schema(model, with_id=True)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://planner.example/schema/planner.bid.v1.json",
        "title": "planner bid file, version 1",
        "description": __doc__.strip().splitlines()[0],
        "type": "object",
        "required": ["format", "version", "bid"],
        "properties": props,
        "additionalProperties": False,
    }


# --- export -----------------------------------------------------------------------------------------------


def bundle_to_document(bundle) -> dict[str, Any]:
    """A bid's records (a `BidBundle`) as the file's document, with rows numbered within the file."""
    by_table = {
        "bid_text": bundle.texts, "date_option": bundle.date_options, "venue": bundle.venues,
        "room": bundle.rooms, "venue_availability": bundle.availability, "criterion": bundle.criteria,
        "venue_score": bundle.scores, "accommodation_block": bundle.accommodation,
        "budget_line": bundle.budget_lines, "budget_baseline": bundle.baselines,
        "baseline_line": bundle.baseline_lines, "speaker": bundle.speakers, "programme_session": bundle.sessions,
        "session_speaker": bundle.session_speakers, "partner": bundle.partners, "commitment": bundle.commitments,
        "task": bundle.tasks, "task_dependency": bundle.dependencies, "dossier_export": bundle.exports,
    }
    local: dict[str, dict[int, int]] = {}
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    doc["bid"] = {c.name: _json_value(getattr(bundle.bid, c.name)) for c in file_columns(m.Bid) if c.name != "id"}
    for model in FILE_TABLES:
        name = model.__tablename__
        rows = sorted(by_table[name], key=lambda r: _sort_key(model, r))
        if "id" in model.__table__.columns:
            local[name] = {row.id: n for n, row in enumerate(rows, start=1)}
        out = []
        for row in rows:
            item: dict[str, Any] = {}
            for column in file_columns(model):
                value = getattr(row, column.name)
                target = _foreign_target(column)
                if column.name == "id":
                    value = local[name][row.id]
                elif target and value is not None:
                    value = local[target][value]
                item[column.name] = _json_value(value)
            out.append(item)
        doc[name] = out
    return doc


def _sort_key(model: type[SQLModel], row: SQLModel) -> tuple:
    return tuple(getattr(row, c.name) for c in model.__table__.primary_key.columns)


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- import -----------------------------------------------------------------------------------------------


def parse(text: str | bytes) -> dict[str, Any]:
    """Parse and check a bid file; raises BidFileError naming the JSON path and the reason."""
    try:
        doc = json.loads(text)
    except UnicodeDecodeError:
        raise BidFileError("$", _("the file is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        raise BidFileError(f"line {exc.lineno}, column {exc.colno}",
                           _("not valid JSON ({reason})").format(reason=exc.msg)) from None
    if not isinstance(doc, dict):
        raise BidFileError("$", _("a bid file is a JSON object"))
    if doc.get("format") != FORMAT:
        raise BidFileError("$.format", _("expected \"{expected}\", found {found}; this is not a planner bid file")
                           .format(expected=FORMAT, found=json.dumps(doc.get("format"))))
    if doc.get("version") != VERSION:
        raise BidFileError("$.version", _("this program reads version {expected}, the file is version {found}")
                           .format(expected=VERSION, found=json.dumps(doc.get("version"))))
    _check_schema(doc)
    _check_rules(doc)
    return doc


def _check_schema(doc: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        error = errors[0]
        raise BidFileError(_path(error.absolute_path), error.message)


def _path(parts) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _check_rules(doc: dict[str, Any]) -> None:
    """The rules a schema cannot say: references, currencies, record rules, dependency cycles."""
    from planner.services.validation import validate_record

    ids: dict[str, set[int]] = {}
    for model in FILE_TABLES:
        name = model.__tablename__
        rows = doc.get(name, [])
        if "id" in model.__table__.columns:
            seen: set[int] = set()
            for i, row in enumerate(rows):
                if row["id"] in seen:
                    raise BidFileError(f"$.{name}[{i}].id", _("the number {id} is used twice").format(id=row["id"]))
                seen.add(row["id"])
            ids[name] = seen
    bid_record = _build(m.Bid, doc["bid"])
    errors = validate_record(bid_record)
    if errors:
        field, message = next(iter(errors.items()))
        raise BidFileError(f"$.bid.{field}", message)
    for model in FILE_TABLES:
        name = model.__tablename__
        for i, row in enumerate(doc.get(name, [])):
            for column in file_columns(model):
                target = _foreign_target(column)
                value = row.get(column.name)
                if target and target != "bid" and value is not None and value not in ids.get(target, set()):
                    raise BidFileError(f"$.{name}[{i}].{column.name}",
                                       _("refers to {table} {id}, which is not in the file")
                                       .format(table=target, id=value))
            errors = validate_record(_build(model, row, keep_refs=True))
            if errors:
                field, message = next(iter(errors.items()))
                raise BidFileError(f"$.{name}[{i}].{field}", message)
    _check_cycles(doc)


def _check_cycles(doc: dict[str, Any]) -> None:
    graph: dict[int, list[int]] = {}
    for dep in doc.get("task_dependency", []):
        graph.setdefault(dep["task_id"], []).append(dep["depends_on_id"])
    titles = {t["id"]: t["title"] for t in doc.get("task", [])}
    state: dict[int, int] = {}
    stack: list[int] = []

    def visit(node: int) -> list[int] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None:
            cycle = visit(node)
            if cycle:
                raise BidFileError("$.task_dependency", _("the dependencies form a cycle: {cycle}").format(
                    cycle=" -> ".join(titles.get(n, str(n)) for n in cycle)))


def _build(model: type[SQLModel], row: dict[str, Any], *, keep_refs: bool = False,
           remap: Callable[[str, int], int] | None = None) -> SQLModel:
    from planner.interchange.values import from_json_value

    values: dict[str, Any] = {}
    for column in file_columns(model):
        if column.name not in row:
            continue
        value = from_json_value(model, column.name, row[column.name])
        target = _foreign_target(column)
        if column.name == "id" and not keep_refs:
            continue
        if target and value is not None and remap is not None:
            value = remap(target, value)
        values[column.name] = value
    return model(**values)


def import_document(ws, doc: dict[str, Any]) -> int:
    """Insert the (already checked) document as a new bid, all of it or nothing; returns the new bid's id."""
    ws.check_writable()
    with ws.session() as s:
        bid = _build(m.Bid, doc["bid"])
        bid.updated_by = ws.user
        bid.last_opened_at = m.utcnow()
        s.add(bid)
        s.flush()
        new_ids: dict[str, dict[int, int]] = {}

        def remap(table: str, local_id: int) -> int:
            return new_ids[table][local_id]

        for model in FILE_TABLES:
            name = model.__tablename__
            rows = doc.get(name, [])
            if not rows:
                continue
            records = []
            for row in rows:
                record = _build(model, row, remap=remap)
                if "bid_id" in model.__table__.columns:
                    record.bid_id = bid.id
                if hasattr(record, "updated_by"):
                    record.updated_by = ws.user
                records.append(record)
            s.add_all(records)
            s.flush()
            if "id" in model.__table__.columns:
                new_ids[name] = {row["id"]: record.id for row, record in zip(rows, records, strict=True)}
        s.add(m.AuditEntry(bid_id=bid.id, who=ws.user, action="import", entity="bid", entity_id=str(bid.id)))
        return bid.id


def export_bid(ws, bid_id: int) -> str:
    from planner.services.workspace import load_bundle

    return dumps(bundle_to_document(load_bundle(ws, bid_id)))


def import_text(ws, text: str | bytes) -> int:
    return import_document(ws, parse(text))

