"""The lossless bid file (`"format": "planner.bid"`, `"version": 1`): one bid with every record, as JSON.

Shape: `bid` holds the bid's own fields; every other table of the bid is a list under its table name
(`venue`, `room`, `budget_line` ...). Rows are numbered from 1 within the file (`id`), and references
between rows (`venue_id`, `partner_id` ...) use those numbers, so a file imports into any database and
exports back byte for byte. Bookkeeping (versions, edit times, the audit log) is not part of the bid.
The JSON Schema (`planner schema`) is generated from the tables, so it cannot drift from them.

This module is the format only: bytes in, a checked document out, and back. Reading is strict and bounded,
so a hostile or broken file costs little: at most `MAX_FILE_BYTES`, nested at most `MAX_DEPTH` deep, no
repeated keys, no lone surrogates, whole numbers within 64 bits only; the check lists the first
`MAX_PROBLEMS` problems, each with its JSON path, and counts a bounded number more. Putting a file into a
database (the record rules, the transaction, the audit) is `planner.services.bidfile`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from functools import cache
from itertools import accumulate
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlmodel import SQLModel

from planner.i18n import N_, SUPPORTED_LOCALES, _
from planner.interchange.values import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    TIME_PATTERN,
    column_python_type,
    from_json_value,
    to_json_value,
)
from planner.store import models as m
from planner.store.models import DecimalText

FORMAT = "planner.bid"
VERSION = 1

# Tables carried in the file after the bid itself, parents before children.
FILE_TABLES: tuple[type[SQLModel], ...] = tuple(t for t in m.BID_TABLES if t not in (m.Bid, m.AuditEntry))
SKIPPED = {"version", "updated_at", "updated_by", "last_opened_at", "archived_at"}  # the workspace's, not the bid's
EDITABLE_SKIPPED = SKIPPED | {"created_at"}

MAX_FILE_BYTES = 64 * 1024 * 1024  # a bid of 100 000 budget lines is about 30 MB
MAX_DEPTH = 16  # a bid file nests 3 deep (file, table, row); the rest is room for a readable refusal
MAX_PROBLEMS = 50  # listed, each with its path
COUNT_BEYOND = 10_000  # further problems counted (not kept) before the check stops
MAX_INT = 2**63 - 1
_REASON_CHARS = 300  # a problem quoting a huge value is cut here
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"
CURRENCY_PATTERN = "^[A-Z]{3}$"


class Problem(NamedTuple):
    path: str  # a JSON path such as $.budget_line[3].unit_minor
    reason: str


class BidFileProblems(ValueError):
    """A bid file that cannot be read: its first problems, each with the JSON path, and how many more."""

    def __init__(self, problems: list[Problem], more: int = 0, *, counted_all: bool = True):
        self.problems = list(problems)
        self.more = more
        self.counted_all = counted_all
        super().__init__(describe(self.problems, more, counted_all=counted_all))


def describe(problems: list[Problem], more: int = 0, *, counted_all: bool = True) -> str:
    """The problems as text: the first on the first line, one more per line, then how many were left out."""
    lines = [_("{path}: {reason}").format(path=p.path, reason=p.reason) for p in problems]
    if more and counted_all:
        lines.append(_("... and {n} more problems (only the first {listed} are listed).")
                     .format(n=more, listed=len(problems)))
    elif more:
        lines.append(_("... and more than {n} more problems (the check stopped counting).").format(n=more))
    return "\n  ".join(lines)


class Problems:
    """Collects problems: the first MAX_PROBLEMS with their paths, then a count of the rest up to a bound."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.more = 0

    def add(self, path: str, reason: str) -> None:
        if len(self.listed) < MAX_PROBLEMS:
            if len(reason) > _REASON_CHARS:
                reason = reason[:_REASON_CHARS] + "…"
            self.listed.append(Problem(path, reason))
        else:
            self.more += 1

    @property
    def full(self) -> bool:
        """Enough seen: the listed ones and the bounded count beyond them."""
        return self.more >= COUNT_BEYOND

    def __bool__(self) -> bool:
        return bool(self.listed)

    def raise_any(self) -> None:
        if self.listed:
            raise BidFileProblems(self.listed, self.more, counted_all=not self.full)


def path_of(parts: Iterable[str | int]) -> str:
    """`$.venue[0].name`; a key that is not a plain name is quoted (escaped, so it cannot move a terminal)."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.match(part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part)}]"
    return out


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def file_columns(model: type[SQLModel]) -> list[sa.Column]:
    skipped = EDITABLE_SKIPPED if issubclass(model, m.Editable) else SKIPPED
    return [c for c in model.__table__.columns if c.name not in skipped and c.name != "bid_id"]


def foreign_target(column: sa.Column) -> str | None:
    """The table a column refers to, or None."""
    for key in column.foreign_keys:
        return key.column.table.name
    return None


# --- schema -----------------------------------------------------------------------------------------------


def _column_schema(column: sa.Column) -> dict[str, Any]:
    col_type = column.type
    if isinstance(col_type, sa.Enum):
        schema: dict[str, Any] = {"enum": list(col_type.enums)}
    elif isinstance(col_type, DecimalText):
        schema = {"type": "string", "pattern": DECIMAL_PATTERN}
    elif isinstance(col_type, sa.Boolean):
        schema = {"type": "boolean"}
    elif isinstance(col_type, sa.BigInteger):
        schema = {"type": "integer", "minimum": -MAX_INT, "maximum": MAX_INT}
    elif isinstance(col_type, sa.Integer):
        schema = {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}
    elif isinstance(col_type, sa.DateTime) or isinstance(getattr(col_type, "impl_instance", None), sa.DateTime):
        schema = {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
    elif isinstance(col_type, sa.Date):
        schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    elif isinstance(col_type, sa.LargeBinary):  # an attachment's file; its SHA-256 is beside it
        from planner.domain.attachments import MAX_BYTES

        schema = {"type": "string", "contentEncoding": "base64", "maxLength": 4 * ((MAX_BYTES + 2) // 3),
                  "pattern": r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"}
    elif isinstance(col_type, sa.Time):
        schema = {"type": "string", "pattern": TIME_PATTERN}
    elif isinstance(col_type, sa.JSON):  # a record's translations: {field: {locale: text}}
        schema = _translations_schema(m.table_named(column.table.name))
    elif isinstance(col_type, sa.String) and col_type.length:
        schema = {"type": "string", "maxLength": col_type.length}
    else:
        schema = {"type": "string"}
    if column.name.endswith("currency"):
        schema["pattern"] = CURRENCY_PATTERN
    if column.nullable:
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        else:
            schema["type"] = [schema["type"], "null"]
    if column.comment:
        schema["description"] = column.comment
    return schema


def _translations_schema(model: type[SQLModel]) -> dict[str, Any]:
    """{field: {locale: text}} for the translatable fields of a table, each text as long as its field may be."""
    fields = {}
    for name in m.translatable(model):
        text = {"type": "string"}
        length = getattr(model.__table__.columns[name].type, "length", None)
        if length:
            text["maxLength"] = length
        fields[name] = {"type": "object", "properties": {locale: text for locale in SUPPORTED_LOCALES},
                        "additionalProperties": False}
    return {"type": "object", "properties": fields, "additionalProperties": False}


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
        if column.primary_key or (foreign_target(column) and not column.nullable):
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


STATUS_NOTE_LIMIT = 500


def _status_history_schema() -> dict[str, Any]:
    statuses = list(m.Bid.__table__.c.status.type.enums)
    return {
        "type": "array",
        "description": "The bid's status changes, oldest first: from, to, the day, the note, who recorded it "
                       "and when (kept in the audit log).",
        "items": {
            "type": "object",
            "properties": {
                "from": {"enum": statuses},
                "to": {"enum": statuses},
                "date": {"type": ["string", "null"], "format": "date", "pattern": DATE_PATTERN},
                "note": {"type": "string", "maxLength": STATUS_NOTE_LIMIT},
                "who": {"type": "string", "maxLength": 120},
                "at": {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN},
                "correction": {"type": "boolean"},
            },
            "required": ["from", "to", "at"],
            "additionalProperties": False,
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the bid file, generated from the tables."""
    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "bid": _row_schema(m.Bid, with_id=False),
        "status_history": _status_history_schema(),
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


# --- writing ----------------------------------------------------------------------------------------------


def document(bid: SQLModel, rows: Mapping[str, Iterable[SQLModel]],
             status_history: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """A bid and its records (by table name) as the file's document, rows numbered within the file, and the
    status changes (each as `status_history_schema` says)."""
    local: dict[str, dict[int, int]] = {}
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    doc["bid"] = {c.name: to_json_value(getattr(bid, c.name)) for c in file_columns(m.Bid) if c.name != "id"}
    doc["status_history"] = [dict(change) for change in status_history]
    for model in FILE_TABLES:
        name = model.__tablename__
        table_rows = sorted(rows.get(name, ()), key=lambda r: _sort_key(model, r))
        if "id" in model.__table__.columns:
            local[name] = {row.id: n for n, row in enumerate(table_rows, start=1)}
        columns = [(c.name, foreign_target(c)) for c in file_columns(model)]
        out = []
        for row in table_rows:
            item: dict[str, Any] = {}
            for column, target in columns:
                value = getattr(row, column)
                if column == "id":
                    value = local[name][row.id]
                elif target and value is not None:
                    value = local[target][value]
                item[column] = to_json_value(value)
            out.append(item)
        doc[name] = out
    return doc


def _sort_key(model: type[SQLModel], row: SQLModel) -> tuple:
    return tuple(getattr(row, c.name) for c in model.__table__.primary_key.columns)


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- reading ----------------------------------------------------------------------------------------------

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused:
    """What the JSON reader puts where the file holds a value no bid file may hold; reported with its path."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


class _RepeatedKeys(dict):
    """An object whose keys were not all different; `repeated` names them."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        repeated = [k for k, _v in pairs if k in seen or seen.add(k)]
        obj = _RepeatedKeys(obj)
        obj.repeated = list(dict.fromkeys(repeated))
    return obj


def _fraction(text: str) -> _Refused:
    shown = text if len(text) <= 30 else f"{text[:24]}…"
    return _Refused(_("{number} is not a whole number; a bid file holds whole numbers only (amounts in öre or "
                      "cents)").format(number=shown))


def _constant(name: str) -> _Refused:
    return _Refused(_("{name} is not a number a bid file can hold").format(name=name))


def loads(data: str | bytes) -> Any:
    """Strict, bounded JSON: refuses (BidFileProblems, with paths) what `json.loads` would take or choke on."""
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_FILE_BYTES:
            raise BidFileProblems([too_big()])
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BidFileProblems([Problem("$", _("the file is not UTF-8 text (a byte that is not UTF-8 at "
                                                  "position {at})").format(at=exc.start))]) from None
    else:
        text = data.removeprefix("\ufeff")
        if len(text) > MAX_FILE_BYTES:
            raise BidFileProblems([too_big()])
    deepest = max(accumulate(map(_STEP.__getitem__, _NOT_BRACKET.sub("", _STRING.sub("", text)))), default=0)
    if deepest > MAX_DEPTH:
        raise BidFileProblems([Problem("$", _("lists and objects are nested {depth} levels deep; a bid file "
                                              "nests at most {limit}").format(depth=deepest, limit=MAX_DEPTH))])
    try:
        doc = json.loads(text, object_pairs_hook=_object, parse_float=_fraction, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise BidFileProblems([Problem(_("line {line}, column {column}").format(line=exc.lineno, column=exc.colno),
                                       _("not valid JSON ({reason})").format(reason=exc.msg))]) from None
    except ValueError:  # int() refuses a number of more than 4300 digits; every one is far beyond 64 bits
        raise BidFileProblems([Problem("$", _("a number has thousands of digits, beyond the largest whole "
                                              "number a bid file holds ({max})").format(max=MAX_INT))]) from None
    problems = Problems()
    if type(doc) is _Refused:
        problems.add("$", doc.reason)
    elif isinstance(doc, list | dict):
        _check_values(doc, [], problems)
    elif type(doc) is str and _SURROGATE.search(doc):
        problems.add("$", _("the text holds a lone surrogate (\\ud800-\\udfff), which is not a character; the "
                            "file was written wrongly"))
    problems.raise_any()
    return doc


def too_big() -> Problem:
    return Problem("$", _("the file is larger than {limit} MB, the most a bid file may be")
                   .format(limit=MAX_FILE_BYTES // 2**20))


def _check_values(value: Any, path: list, problems: Problems) -> None:
    """Repeated keys, lone surrogates (text no database stores) and refused numbers, each with its path.

    Containers recurse (at most MAX_DEPTH deep); the leaves are checked in the loop, since a hostile file
    holds millions of them."""
    if type(value) is list:
        items: Iterable[tuple[Any, Any]] = enumerate(value)
    else:
        if type(value) is _RepeatedKeys:
            for key in value.repeated:
                problems.add(path_of([*path, key]), _("the key appears more than once in the same object"))
        items = value.items()
        for key in value:
            if not key.isascii() and _SURROGATE.search(key):
                problems.add(path_of(path), _("a key holds a lone surrogate (\\ud800-\\udfff), which is not a "
                                              "character; the file was written wrongly"))
    for key, item in items:
        kind = type(item)
        if kind is str:
            if not item.isascii() and _SURROGATE.search(item):
                problems.add(path_of([*path, key]), _("the text holds a lone surrogate (\\ud800-\\udfff), which "
                                                      "is not a character; the file was written wrongly"))
        elif kind is int:
            if not -MAX_INT - 1 <= item <= MAX_INT:
                problems.add(path_of([*path, key]), _too_large(str(item)))
        elif kind is list or kind is dict or kind is _RepeatedKeys:
            path.append(key)
            _check_values(item, path, problems)
            path.pop()
        elif kind is _Refused:
            problems.add(path_of([*path, key]), item.reason)


def _too_large(digits: str) -> str:
    shown = digits if len(digits) <= 30 else f"{digits[:12]}…{digits[-6:]} ({len(digits.lstrip('-'))} digits)"
    return _("{number} is beyond the largest whole number a bid file holds ({max})").format(number=shown, max=MAX_INT)


def parse(data: str | bytes) -> dict[str, Any]:
    """Read and check a bid file: JSON, format and version, the schema, the values' forms, the numbering
    of rows and the references between them. Raises BidFileProblems naming JSON paths and reasons."""
    doc = loads(data)
    if not isinstance(doc, dict):
        raise BidFileProblems([Problem("$", _("a bid file is a JSON object"))])
    if doc.get("format") != FORMAT:
        raise BidFileProblems([Problem("$.format", _("expected \"{expected}\", found {found}; this is not a "
                                                     "planner bid file")
                                       .format(expected=FORMAT, found=_shown(doc.get("format"))))])
    if doc.get("version") != VERSION or type(doc.get("version")) is not int:
        raise BidFileProblems([Problem("$.version", _("this program reads version {expected}, the file is "
                                                      "version {found}")
                                       .format(expected=VERSION, found=_shown(doc.get("version"))))])
    problems = Problems()
    _check_schema(doc, problems)
    problems.raise_any()
    _check_forms(doc, problems)
    problems.raise_any()
    _check_numbering(doc, problems)
    problems.raise_any()
    return doc


def _shown(value: Any) -> str:
    text = json.dumps(value)  # escaped: nothing from the file reaches a terminal as a control sequence
    return text if len(text) <= 60 else text[:60] + "…"


def _check_schema(doc: dict[str, Any], problems: Problems) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(doc):  # lazily: stop once enough are seen, keep none beyond the list
        problems.add(path_of(error.absolute_path), _reason(error))
        if problems.full:
            return


# What a pattern or format that failed means, in words instead of a regular expression.
_PATTERN_REASONS = {
    DATE_PATTERN: N_("{value} is not a date written as YYYY-MM-DD"),
    TIME_PATTERN: N_("{value} is not a time written as HH:MM or HH:MM:SS"),
    DATETIME_PATTERN: N_("{value} is not a moment written as YYYY-MM-DDTHH:MM:SS"),
    DECIMAL_PATTERN: N_("{value} is not a decimal number written with a point, such as 11.05"),
    CURRENCY_PATTERN: N_("{value} is not a currency code of three capital letters, such as SEK or EUR"),
}
_FORMAT_REASONS = {
    "date": N_("{value} is not a day of the calendar"),
    "date-time": N_("{value} is not a moment of the calendar"),
}


def _reason(error) -> str:
    if error.validator == "pattern" and error.validator_value in _PATTERN_REASONS:
        return _(_PATTERN_REASONS[error.validator_value]).format(value=_shown(error.instance))
    if error.validator == "format" and error.validator_value in _FORMAT_REASONS:
        return _(_FORMAT_REASONS[error.validator_value]).format(value=_shown(error.instance))
    return error.message


@cache
def _schema() -> dict[str, Any]:
    return json_schema()


@cache
def _temporal_columns(model: type[SQLModel]) -> tuple[str, ...]:
    return tuple(c.name for c in file_columns(model) if column_python_type(model, c.name) in (date, datetime, time))


def _check_forms(doc: dict[str, Any], problems: Problems) -> None:
    """Dates, times and moments that match their pattern but are no real day or time (2012-02-30)."""
    for index, change in enumerate(doc.get("status_history", ())):
        for column, read in (("date", date.fromisoformat), ("at", datetime.fromisoformat)):
            if change.get(column) is not None:
                try:
                    read(change[column].replace("Z", "+00:00"))
                except ValueError:
                    problems.add(_row_path("status_history", index, column),
                                 _(_FORMAT_REASONS["date" if column == "date" else "date-time"]).format(
                                     value=_shown(change[column])))
    for model, name, index, row in _rows(doc):
        for column in _temporal_columns(model):
            if row.get(column) is not None:
                try:
                    from_json_value(model, column, row[column])
                except ValueError as exc:
                    problems.add(_row_path(name, index, column), str(exc))
                    if problems.full:
                        return


def _rows(doc: dict[str, Any]):
    yield m.Bid, "bid", None, doc["bid"]
    for model in FILE_TABLES:
        name = model.__tablename__
        for index, row in enumerate(doc.get(name, ())):
            yield model, name, index, row


def _row_path(name: str, index: int | None, column: str | None = None) -> str:
    path = f"$.{name}" if index is None else f"$.{name}[{index}]"
    return f"{path}.{column}" if column else path


def _unique_column_sets(model: type[SQLModel]) -> list[tuple[str, ...]]:
    """The primary key and each unique constraint, without bid_id (the whole file is one bid)."""
    sets = [tuple(c.name for c in model.__table__.primary_key.columns)]
    for constraint in model.__table__.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            sets.append(tuple(c.name for c in constraint.columns if c.name != "bid_id"))
    return [s for s in sets if s]


def _check_numbering(doc: dict[str, Any], problems: Problems) -> None:
    """Each row's number (and every unique set of fields) is used once; references point at rows in the file."""
    ids: dict[str, set[int]] = {}
    for model in FILE_TABLES:
        name = model.__tablename__
        rows = doc.get(name, [])
        for columns in _unique_column_sets(model):
            seen: dict[tuple, int] = {}
            for index, row in enumerate(rows):
                key = tuple(row.get(c) for c in columns)
                if None in key:  # no value is never the same as another (SQL's unique rule)
                    continue
                if key in seen:
                    where = _row_path(name, index, columns[0] if len(columns) == 1 else None)
                    if columns == ("id",):
                        problems.add(where, _("the number {id} is used twice").format(id=key[0]))
                    else:
                        problems.add(where, _("{fields} repeat those of {name}[{index}]").format(
                            fields=", ".join(f"{c} = {_shown(v)}" for c, v in zip(columns, key, strict=True)),
                            name=name, index=seen[key]))
                else:
                    seen[key] = index
            if columns == ("id",):
                ids[name] = {key[0] for key in seen}
    for model in FILE_TABLES:
        name = model.__tablename__
        references = [(c.name, foreign_target(c)) for c in file_columns(model)
                      if foreign_target(c) not in (None, "bid")]
        for index, row in enumerate(doc.get(name, [])):
            for column, target in references:
                value = row.get(column)
                if value is not None and value not in ids.get(target, ()):
                    problems.add(_row_path(name, index, column),
                                 _("refers to {table} {id}, which is not in the file").format(table=target, id=value))
                    if problems.full:
                        return


def build_record(model: type[SQLModel], row: Mapping[str, Any]) -> SQLModel:
    """A row of a checked document as a record, keeping the file's own numbers (`id` and references)."""
    values = {c.name: from_json_value(model, c.name, row[c.name]) for c in file_columns(model) if c.name in row}
    return model(**values)
