"""Imports into a bid (speakers from pretalx, Sessionize or CSV; any record type from CSV): preview, then apply.

An import first computes a preview: each incoming row or person is new, updated (with the fields that change),
unchanged, or rejected with its reasons. Records are matched by id (a file exported from this bid), then for
speakers by source id, then e-mail, then name; for other records by their natural key (a venue's name, a
budget line's kind, category and label ...). Applying writes all of it in one transaction or nothing: a
preview with any rejected row is refused, and a record someone changed since the preview stops the import.
Empty cells never erase what is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

import httpx
from sqlmodel import SQLModel, select

from planner.domain.enums import ImportSource, SpeakerStatus
from planner.i18n import _
from planner.i18n.labels import label
from planner.integrations import pretalx, sessionize
from planner.integrations.http import IntegrationError
from planner.integrations.records import SpeakerRecord, split_name
from planner.interchange import csvio
from planner.interchange import messages as M
from planner.interchange.csvio import CsvDialect
from planner.interchange.csvrows import ParsedRow, norm, parse_row
from planner.interchange.tables import (
    KINDS,
    PARTNER,
    SPEAKERS,
    Kind,
)
from planner.services.errors import ConflictError, PlannerError
from planner.services.records import change as change_record
from planner.services.records import draft, insert_values, new_values
from planner.services.validation import currency_error, validate_record
from planner.services.workspace import Workspace, get_bid
from planner.store import models as m

NEW, UPDATED, UNCHANGED, REJECTED = "new", "updated", "unchanged", "rejected"
ACTIONS = (NEW, UPDATED, UNCHANGED, REJECTED)

# A source's word for a talk's state -> the speaker's status in the bid.
STATE_TO_STATUS = {
    "confirmed": SpeakerStatus.CONFIRMED,
    "accepted": SpeakerStatus.INVITED,
    "submitted": SpeakerStatus.IDEA, "draft": SpeakerStatus.IDEA, "nominated": SpeakerStatus.IDEA,
    "waitlisted": SpeakerStatus.IDEA,
    "rejected": SpeakerStatus.DECLINED, "withdrawn": SpeakerStatus.DECLINED, "canceled": SpeakerStatus.DECLINED,
    "cancelled": SpeakerStatus.DECLINED, "declined": SpeakerStatus.DECLINED,
}


class ImportRejected(PlannerError):
    """The preview has rejected rows; nothing was written."""

    exit_code = 2

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        super().__init__(_(M.IMPORT_REFUSED).format(n=preview.count(REJECTED)))


class ImportSourceError(PlannerError):
    """The source could not be read (network, file, format); one line."""


@dataclass
class Planned:
    """What the import will do with one incoming row or person."""

    action: str
    label: str
    line: int | None = None
    record_id: int | None = None
    version: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    kind: str
    source: str
    bid_id: int
    items: list[Planned] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # column key -> the file's header
    unmapped: list[str] = field(default_factory=list)  # headers the import does not use
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in ACTIONS}

    @property
    def ok(self) -> bool:
        return self.count(REJECTED) == 0

    def summary(self) -> str:
        return _(M.IMPORT_SUMMARY).format(**self.counts)


# --- matching and planning -----------------------------------------------------------------------------------


def _model(kind: Kind) -> type[SQLModel]:
    return getattr(m, kind.model_name)


def _existing(ws: Workspace, kind: Kind, bid_id: int) -> list[SQLModel]:
    model = _model(kind)
    with ws.read_session() as s:
        return list(s.exec(select(model).where(model.bid_id == bid_id).order_by(model.id)).all())


def _match_keys(kind: Kind) -> list[tuple[str, ...]]:
    return [*kind.extra_match, kind.natural_key]


def _key_value(kind: Kind, keys: tuple[str, ...], values: dict[str, Any]) -> tuple | None:
    out = []
    for key in keys:
        attr = kind.column(key).attr
        value = values.get(attr)
        if value in (None, ""):
            return None
        out.append(norm(value))
    return tuple(out)


def _length_problems(kind: Kind, values: dict[str, Any]) -> list[str]:
    problems = []
    lengths = _lengths(_model(kind))
    for name, value in values.items():
        length = lengths.get(name)
        if isinstance(value, str) and length and len(value) > length:
            problems.append(_(M.IMPORT_TOO_LONG).format(field=field_label(kind, name), n=length))
    return problems


@cache
def _lengths(model: type[SQLModel]) -> dict[str, int | None]:
    """Each column's longest text (None: no limit), read once per table."""
    return {column.name: getattr(column.type, "length", None) for column in model.__table__.columns}


def _plan(ws: Workspace, bid_id: int, kind: Kind, incoming: Sequence[ParsedRow], source: str,
          new_defaults: dict[str, Any] | None = None) -> ImportPreview:
    model = _model(kind)
    existing = _existing(ws, kind, bid_id)
    by_id = {r.id: r for r in existing}
    indexes: list[tuple[tuple[str, ...], dict[tuple, list[SQLModel]]]] = []
    for keys in _match_keys(kind):
        index: dict[tuple, list[SQLModel]] = {}
        for record in existing:
            key = _key_value(kind, keys, {c.attr: getattr(record, c.attr, None) for c in kind.columns
                                          if hasattr(record, c.attr)})
            if key is not None:
                index.setdefault(key, []).append(record)
        indexes.append((keys, index))
    preview = ImportPreview(kind.key, source, bid_id)
    claimed: dict[int, str] = {}  # existing id -> the row that matched it
    new_keys: dict[tuple, str] = {}  # (match keys, their values) of new rows -> the row
    for item in incoming:
        where = _(M.IMPORT_ROW).format(line=item.line) if item.line is not None else item.label
        if item.errors:
            preview.items.append(Planned(REJECTED, item.label, item.line, reasons=list(item.errors)))
            continue
        values = dict(item.values)
        record_id = values.pop("id", None)
        match: SQLModel | None = by_id.get(record_id) if record_id is not None else None
        reasons: list[str] = []
        if match is None:
            for keys, index in indexes:
                key = _key_value(kind, keys, values)
                if key is None:
                    continue
                found = index.get(key, [])
                if len(found) > 1:
                    reasons.append(_(M.IMPORT_AMBIGUOUS).format(n=len(found), what=", ".join(keys)))
                    break
                if found:
                    match = found[0]
                    break
        if reasons:
            preview.items.append(Planned(REJECTED, item.label, item.line, reasons=reasons))
            continue
        if match is not None:
            if match.id in claimed:
                preview.items.append(Planned(REJECTED, item.label, item.line, reasons=[
                    _(M.IMPORT_SAME_RECORD_TWICE).format(other=claimed[match.id])]))
                continue
            claimed[match.id] = where
            changes = {name: (getattr(match, name), value) for name, value in values.items()
                       if hasattr(match, name) and _norm_exact(getattr(match, name)) != _norm_exact(value)}
            if not changes:
                preview.items.append(Planned(UNCHANGED, item.label, item.line, match.id, match.version))
                continue
            trial = draft(model, {**{c.name: getattr(match, c.name) for c in model.__table__.columns},
                                  **{k: v for k, (_old, v) in changes.items()}})
            problems = _record_problems(kind, trial, {k: v for k, (_o, v) in changes.items()})
            if problems:
                preview.items.append(Planned(REJECTED, item.label, item.line, reasons=problems))
                continue
            preview.items.append(Planned(UPDATED, item.label, item.line, match.id, match.version,
                                         values={k: v for k, (_o, v) in changes.items()}, changes=changes))
            continue
        # two new rows are the same record when their strongest key agrees (two speakers of one name with
        # different source ids are two people)
        key = next(((keys, v) for keys in _match_keys(kind) if (v := _key_value(kind, keys, values)) is not None),
                   None)
        if key is not None and key in new_keys:
            preview.items.append(Planned(REJECTED, item.label, item.line, reasons=[
                _(M.IMPORT_SAME_RECORD_TWICE).format(other=new_keys[key])]))
            continue
        if key is not None:
            new_keys[key] = where
        values = {**(new_defaults or {}), **values}
        trial = draft(model, {"bid_id": bid_id, **values})  # checked, not kept: apply writes the values
        problems = _record_problems(kind, trial, values)
        if problems:
            preview.items.append(Planned(REJECTED, item.label, item.line, reasons=problems))
            continue
        preview.items.append(Planned(NEW, item.label, item.line, values=values))
    return preview


def _norm_exact(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def field_label(kind: Kind, attr: str) -> str:
    """The column name a person knows a field by ('E-mail' for email, 'Cost' for cost_minor)."""
    for column in kind.columns:
        if column.attr == attr:
            return _(column.label)
    return attr


def _record_problems(kind: Kind, record: SQLModel, values: dict[str, Any]) -> list[str]:
    problems = [_(M.IMPORT_CELL_PROBLEM).format(column=field_label(kind, name), message=message)
                for name, message in validate_record(record).items()]
    return problems + _length_problems(kind, values)


# --- applying ------------------------------------------------------------------------------------------------


def apply_import(ws: Workspace, preview: ImportPreview) -> ImportPreview:
    """Write the whole preview in one transaction; refuse it when any row was rejected."""
    ws.check_writable()
    if not preview.ok:
        raise ImportRejected(preview)
    model = _model(KINDS[preview.kind])
    with ws.session() as s:
        # new records go in by batches of rows, their audit entries too (no record object per row)
        fresh = [item for item in preview.items if item.action == NEW]
        ids = insert_values(s, ws.user, model, [new_values(model, {"bid_id": preview.bid_id, **item.values})
                                                for item in fresh], action="import")
        for item, record_id in zip(fresh, ids, strict=True):
            item.record_id = record_id
        for item in preview.items:
            if item.action == UPDATED:
                try:
                    change_record(s, ws.user, model, item.record_id, {k: n for k, (_o, n) in item.changes.items()},
                                  expected_version=item.version, action="import")
                except ConflictError:
                    raise ConflictError(_(M.IMPORT_CONFLICT).format(label=item.label)) from None
    preview.applied = True
    return preview


# --- speakers from other systems -----------------------------------------------------------------------------


def _speaker_values(record: SpeakerRecord) -> dict[str, Any]:
    """The speaker fields a record sets; empty ones are left out so they never erase stored values."""
    values: dict[str, Any] = {
        "source": ImportSource(record.source), "source_id": record.source_id,
        "display_name": record.display_name, "given_name": record.given_name, "family_name": record.family_name,
        "organisation": record.organisation, "email": record.email.strip().lower() if record.email else "",
        "phone": record.phone, "bio": record.bio, "avatar_url": record.avatar_url,
        "talk_title": "; ".join(record.talk_titles),
    }
    if record.state and record.state.lower() in STATE_TO_STATUS:
        values["status"] = STATE_TO_STATUS[record.state.lower()]
    return {k: v for k, v in values.items() if v not in ("", None)}


def preview_speakers(ws: Workspace, bid_id: int, records: Sequence[SpeakerRecord], *, source: str) -> ImportPreview:
    """The preview of importing speaker records (from pretalx, Sessionize or a CSV file) into a bid."""
    get_bid(ws, bid_id)
    incoming = []
    for record in records:
        values = _speaker_values(record)
        _complete_speaker(values)
        errors = [] if values.get("display_name") else [_(M.IMPORT_SPEAKER_NO_NAME)]
        incoming.append(ParsedRow(None, values.get("display_name") or record.source_id, values, errors))
    return _plan(ws, bid_id, SPEAKERS, incoming, source)


def _complete_speaker(values: dict[str, Any]) -> None:
    if not values.get("display_name") and (values.get("given_name") or values.get("family_name")):
        values["display_name"] = " ".join(p for p in (values.get("given_name"), values.get("family_name")) if p)
    if values.get("display_name") and not values.get("given_name") and not values.get("family_name"):
        given, family = split_name(values["display_name"])
        values["given_name"], values["family_name"] = given, family
        if not family:
            values.pop("family_name")


def reading_language() -> str:
    """The language multilingual speaker texts are read in: the current one (a bid keeps both languages)."""
    from planner.i18n import get_locale

    return get_locale()


def preview_pretalx(ws: Workspace, bid_id: int, url: str, event: str, *, token: str | None = None,
                    lang: str | None = None, client: httpx.Client | None = None) -> ImportPreview:
    get_bid(ws, bid_id)
    try:
        records = pretalx.fetch_speakers(url, event, token=token, lang=lang or reading_language(),
                                         client=client)
    except IntegrationError as exc:
        raise ImportSourceError(_(M.IMPORT_SOURCE_FAILED).format(reason=exc)) from None
    return preview_speakers(ws, bid_id, records, source="pretalx")


def preview_sessionize(ws: Workspace, bid_id: int, url: str, *, client: httpx.Client | None = None) -> ImportPreview:
    get_bid(ws, bid_id)
    try:
        records = sessionize.fetch_speakers(url, client=client)
    except IntegrationError as exc:
        raise ImportSourceError(_(M.IMPORT_SOURCE_FAILED).format(reason=exc)) from None
    return preview_speakers(ws, bid_id, records, source="sessionize")


# --- CSV files -----------------------------------------------------------------------------------------------


def read_csv_file(path) -> bytes:
    """A CSV file's bytes for `preview_csv`, refused before reading when it is over the size limit or not a
    regular file (see csvio.MAX_BYTES and MAX_ROWS)."""
    try:
        return csvio.read_file(path)
    except csvio.CsvError as exc:
        raise ImportSourceError(str(exc)) from None


def guess_columns(kind: Kind, headers: Sequence[str]) -> dict[str, str]:
    """{column key: header} for a file's headers, guessed from names in Swedish or English."""
    return csvio.guess_mapping(headers, kind.aliases())


def preview_csv(
    ws: Workspace, bid_id: int, kind_key: str, data: bytes, *, encoding: str = "utf-8",
    dialect: CsvDialect | None = None, mapping: dict[str, str] | None = None,
) -> ImportPreview:
    """The preview of importing a CSV file of one record type; rows with problems are rejected with reasons."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise PlannerError(_(M.IMPORT_UNKNOWN_KIND).format(kind=kind_key, kinds=", ".join(KINDS)))
    bid = get_bid(ws, bid_id)
    try:
        table = csvio.read_csv(data, dialect=dialect, encoding=encoding)
    except csvio.CsvError as exc:
        raise ImportSourceError(str(exc)) from None
    columns = mapping if mapping is not None else guess_columns(kind, table.header)
    unknown = [h for h in columns.values() if h not in table.header]
    if unknown:
        raise ImportSourceError(_(M.IMPORT_NO_SUCH_HEADER).format(header=unknown[0]))
    missing = [c for c in kind.columns if c.required and c.key not in columns]
    if kind is SPEAKERS and not ({"display_name", "given_name", "family_name"} & set(columns)):
        missing.append(kind.column("display_name"))
    if missing:
        raise ImportSourceError(_(M.IMPORT_MISSING_COLUMN).format(
            columns=", ".join(_(c.label) for c in missing), names=", ".join(dict.fromkeys(missing[0].names()))))
    partners = {}
    if any(c.type == PARTNER for c in kind.columns):
        with ws.read_session() as s:
            partners = {norm(p.name): p.id for p in s.exec(select(m.Partner).where(m.Partner.bid_id == bid_id))}
    existing = {r.id: r for r in _existing(ws, kind, bid_id)}
    incoming = [ParsedRow(p.line, "", {}, [p.message]) for p in table.problems]
    for row in table.rows:
        incoming.append(parse_row(kind, columns, row, table.dialect, bid.base_currency, partners, existing, currency_error))
    if kind is SPEAKERS:
        for item in incoming:
            if not item.errors:
                _complete_speaker(item.values)
                if not item.values.get("display_name"):
                    item.errors.append(_(M.IMPORT_SPEAKER_NO_NAME))
                item.label = item.values.get("display_name", "")
    incoming.sort(key=lambda i: i.line or 0)
    preview = _plan(ws, bid_id, kind, incoming, "csv",
                    new_defaults={"source": ImportSource.CSV} if kind is SPEAKERS else None)
    preview.mapping = dict(columns)
    preview.unmapped = [h for h in table.header if h not in columns.values()]
    for item in preview.items:
        if not item.label:
            item.label = _(M.IMPORT_ROW).format(line=item.line)
    return preview


def describe_value(value: Any) -> str:
    """A value as the preview shows it."""
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "-"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
