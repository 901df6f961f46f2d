"""Imports into a bid (speakers from pretalx, Sessionize or CSV; any record type from CSV): preview, then apply.

An import first computes a preview: each incoming row or person is new, updated (with the fields that change),
unchanged, or rejected with its reasons. Records are matched by id (a file exported from this bid), then for
speakers by source id, then e-mail, then name; for other records by their natural key (a venue's name, a
budget line's kind, category and label ...). Applying writes all of it in one transaction or nothing: a
preview with any rejected row is refused, and a record someone changed since the preview stops the import.
Empty cells never erase what is stored.

A CSV row marked for removal (its Action column says `delete`, `ta bort`) deletes the record it matches, with
what goes with it, in the same transaction and audited as every delete is. A change that only turns letters
into `?` ("Łukasz" -> "?ukasz": a file saved in an encoding without them) is a warning on its row: the import
is applied only when that is confirmed (`accept_warnings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache, wraps
from typing import Any

import httpx
from sqlmodel import SQLModel, select

from planner.domain.enums import ImportSource, SessionKind, SessionStatus, SpeakerStatus, VenueStatus
from planner.i18n import _, translate
from planner.i18n.labels import label
from planner.integrations import pretalx, sessionize
from planner.integrations.http import IntegrationError
from planner.integrations.records import RoomRecord, SpeakerRecord, TalkRecord, split_name
from planner.interchange import csvio
from planner.interchange import messages as M
from planner.interchange.csvio import CsvDialect
from planner.interchange.csvrows import ParsedRow, norm, parse_row, row_label
from planner.interchange.tables import (
    ACTION_LABEL,
    ACTION_NAMES,
    BOOL,
    DELETE_WORDS,
    ENUM,
    MONEY,
    PARTNER,
    REFERENCE,
    SPEAKERS,
    TIME,
    Kind,
)
from planner.services.csvkinds import csv_kind
from planner.services.errors import ConflictError, PlannerError
from planner.services.records import (
    change,
    draft,
    goes_with,
    in_bid,
    insert,
    insert_values,
    new_values,
    remove,
)
from planner.services.validation import currency_error, validate_record
from planner.services.workspace import Workspace, get_bid, paused_gc
from planner.store import models as m

NEW, UPDATED, UNCHANGED, REJECTED, DELETED = "new", "updated", "unchanged", "rejected", "deleted"
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
        rejected = preview.count(REJECTED) + (preview.programme.count(REJECTED) if preview.programme else 0)
        super().__init__(_(M.IMPORT_REFUSED).format(n=rejected))


class ImportSourceError(PlannerError):
    """The source could not be read (network, file, format); one line."""


class ImportNeedsConfirmation(PlannerError):
    """The preview has warnings (letters lost to '?'); applied only when they are accepted."""

    exit_code = 2

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        super().__init__(_(M.IMPORT_WARNINGS_REFUSED).format(n=preview.warned))


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
    notes: list[str] = field(default_factory=list)  # what was adjusted to fit (a text cut to its field)
    warnings: list[str] = field(default_factory=list)  # what asks for a look before it is applied (lost letters)
    shown: dict[str, str] = field(default_factory=dict)  # values as the user sees them: field -> text
    shown_changes: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class PlannedSession:
    """What an import does with one talk of another system's schedule (a programme session)."""

    action: str
    label: str
    values: dict[str, Any] = field(default_factory=dict)
    speakers: tuple[str, ...] = ()  # the source ids of its speakers
    room: str = ""  # the room's name, in the venue the rooms go to
    record_id: int | None = None
    version: int | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ProgrammePlan:
    """The rooms and sessions an import of a schedule (pretalx) adds to the programme, after its speakers."""

    source: str
    venue_id: int | None = None
    venue: str = ""
    new_rooms: list[dict[str, Any]] = field(default_factory=list)  # values of rooms to add to the venue
    rooms: dict[str, int] = field(default_factory=dict)  # the venue's existing rooms by normalised name
    sessions: list[PlannedSession] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for item in self.sessions if item.action == action)


@dataclass
class ImportPreview:
    kind: str
    source: str
    bid_id: int
    items: list[Planned] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # column key -> the file's header
    unmapped: list[str] = field(default_factory=list)  # headers the import does not use
    applied: bool = False
    programme: ProgrammePlan | None = None
    notes: list[str] = field(default_factory=list)  # about the whole import (talks skipped, rooms not placed)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in (*ACTIONS, DELETED)}

    @property
    def ok(self) -> bool:
        return self.count(REJECTED) == 0 and (self.programme is None or self.programme.count(REJECTED) == 0)

    @property
    def warned(self) -> int:
        """How many rows have warnings the user must accept before the import is applied."""
        return sum(1 for item in self.items if item.warnings)

    def summary(self) -> str:
        text = _(M.IMPORT_SUMMARY).format(**self.counts)
        if self.count(DELETED):
            text = _(M.IMPORT_SUMMARY_DELETED).format(summary=text, deleted=self.count(DELETED))
        return text


# --- matching and planning -----------------------------------------------------------------------------------


def _model(kind: Kind) -> type[SQLModel]:
    return getattr(m, kind.model_name)


def _existing(ws: Workspace, kind: Kind, bid_id: int) -> list[SQLModel]:
    model = _model(kind)
    with ws.read_session() as s:
        return list(s.exec(select(model).where(in_bid(model, bid_id))
                           .order_by(*model.__table__.primary_key.columns)).all())


def _match_keys(kind: Kind) -> list[tuple[str, ...]]:
    return [keys for keys in (*kind.extra_match, kind.natural_key) if keys]


def record_key(record: SQLModel) -> Any:
    """A record's key as the records service takes it: its id, or the tuple of a two-part key."""
    values = tuple(getattr(record, c.name) for c in type(record).__table__.primary_key.columns)
    return values[0] if len(values) == 1 else values


def lost_letters(old: Any, new: Any) -> bool:
    """Whether `new` is `old` with letters turned into '?' and nothing else changed ("Łukasz" -> "?ukasz")."""
    if not isinstance(old, str) or not isinstance(new, str) or old == new or len(old) != len(new):
        return False
    return all(a == b or (b == "?" and a != "?") for a, b in zip(old, new, strict=True))


_ATTRS: dict[int, tuple[Kind, dict[str, str]]] = {}


def _attrs(kind: Kind) -> dict[str, str]:
    """{column key: the field it sets} of a kind, worked out once per kind (its columns are a tuple to search,
    and hashing a whole kind would cost more than the search): by the kind's identity, the kind kept with it."""
    known = _ATTRS.get(id(kind))
    if known is None or known[0] is not kind:
        known = _ATTRS[id(kind)] = (kind, {column.key: column.attr for column in reversed(kind.columns)})
    return known[1]  # reversed: the first column of a key wins, as Kind.column finds it


def _key_value(kind: Kind, keys: tuple[str, ...], values: dict[str, Any]) -> tuple | None:
    out = []
    attrs = _attrs(kind)
    for key in keys:
        attr = attrs[key]
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
    by_id = {r.id: r for r in existing if getattr(r, "id", None) is not None}
    indexes: list[tuple[tuple[str, ...], dict[tuple, list[SQLModel]]]] = []
    match_keys = _match_keys(kind)
    for keys in match_keys:
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
    row_at = _(M.IMPORT_ROW)  # "row {line}", translated once for every row
    for item in incoming:
        where = row_at.format(line=item.line) if item.line is not None else item.label
        if item.errors:
            preview.items.append(Planned(REJECTED, item.label, item.line, reasons=list(item.errors)))
            continue
        values = dict(item.values)
        record_id = values.pop("id", None)
        match: SQLModel | None = by_id.get(record_id) if record_id is not None else None
        reasons: list[str] = []
        keyed: list[tuple[tuple[str, ...], tuple | None]] = []  # each match key's values in this row, once
        if match is None:
            keyed = [(keys, _key_value(kind, keys, values)) for keys in match_keys]
            for (keys, key), (_keys, index) in zip(keyed, indexes, strict=True):
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
        if item.delete:
            if match is None:
                what = ", ".join(field_label(kind, kind.column(k).attr) for k in (
                    ("id",) if record_id is not None else kind.natural_key))
                preview.items.append(Planned(REJECTED, item.label, item.line, reasons=[
                    _(M.IMPORT_NOT_FOUND_TO_DELETE).format(what=what)]))
                continue
            key = record_key(match)
            if key in claimed:
                preview.items.append(Planned(REJECTED, item.label, item.line, reasons=[
                    _(M.IMPORT_SAME_RECORD_TWICE).format(other=claimed[key])]))
                continue
            claimed[key] = where
            preview.items.append(Planned(DELETED, item.label or _record_name(kind, match), item.line, key,
                                         getattr(match, "version", None)))
            continue
        if match is not None:
            key = record_key(match)
            if key in claimed:
                preview.items.append(Planned(REJECTED, item.label, item.line, reasons=[
                    _(M.IMPORT_SAME_RECORD_TWICE).format(other=claimed[key])]))
                continue
            claimed[key] = where
            changes = {name: (getattr(match, name), value) for name, value in values.items()
                       if hasattr(match, name) and _norm_exact(getattr(match, name)) != _norm_exact(value)}
            if not changes:
                preview.items.append(Planned(UNCHANGED, item.label, item.line, key, getattr(match, "version", None)))
                continue
            trial = draft(model, {**{c.name: getattr(match, c.name) for c in model.__table__.columns},
                                  **{k: v for k, (_old, v) in changes.items()}})
            problems = _record_problems(kind, trial, {k: v for k, (_o, v) in changes.items()})
            if problems:
                preview.items.append(Planned(REJECTED, item.label, item.line, reasons=problems))
                continue
            lost = [field_label(kind, k) for k, (o, n) in changes.items() if lost_letters(o, n)]
            warnings = [_(M.IMPORT_LOST_LETTERS).format(fields=", ".join(lost))] if lost else []
            preview.items.append(Planned(UPDATED, item.label, item.line, key, getattr(match, "version", None),
                                         values={k: v for k, (_o, v) in changes.items()}, changes=changes,
                                         warnings=warnings))
            continue
        # two new rows are the same record when their strongest key agrees (two speakers of one name with
        # different source ids are two people)
        key = next(((keys, v) for keys, v in keyed if v is not None), None)  # a new row: none matched
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


def _record_name(kind: Kind, record: SQLModel) -> str:
    naming = kind.column(kind.naming).attr if kind.naming else ""
    value = getattr(record, naming, None) if naming else None
    if isinstance(value, Enum):
        return label(value)
    return str(value) if value not in (None, "") else ""


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


def _building(function):
    """Run with the cycle collector paused (`paused_gc`): a preview and its apply make several objects per row
    (10 000 rows of a file), which would otherwise set off collections walking the growing heap again and again."""
    @wraps(function)
    def paused(*args, **kwargs):
        with paused_gc():
            return function(*args, **kwargs)
    return paused


@_building
def apply_import(ws: Workspace, preview: ImportPreview, *, accept_warnings: bool = False) -> ImportPreview:
    """Write the whole preview in one transaction; refuse it when any row was rejected, or has a warning
    (letters lost to '?') that was not accepted."""
    ws.check_writable()
    if not preview.ok:
        raise ImportRejected(preview)
    if preview.warned and not accept_warnings:
        raise ImportNeedsConfirmation(preview)
    model = _model(csv_kind(preview.kind))
    with ws.session() as s:
        for item in preview.items:  # removals first, so a unique name they free can be taken again
            if item.action == DELETED:
                try:
                    remove(s, ws.user, model, item.record_id, expected_version=item.version, force=True)
                except ConflictError:
                    raise ConflictError(_(M.IMPORT_CONFLICT).format(label=item.label)) from None
        # new records go in by batches of rows, their audit entries too (no record object per row)
        fresh = [item for item in preview.items if item.action == NEW]
        ids = insert_values(s, ws.user, model, [new_values(model, {"bid_id": preview.bid_id, **item.values})
                                                for item in fresh], action="import")
        for item, record_id in zip(fresh, ids, strict=True):
            item.record_id = record_id
        for item in preview.items:
            if item.action == UPDATED:
                try:
                    change(s, ws.user, model, item.record_id, {k: n for k, (_o, n) in item.changes.items()},
                                  expected_version=item.version, action="import")
                except ConflictError:
                    raise ConflictError(_(M.IMPORT_CONFLICT).format(label=item.label)) from None
        if preview.programme is not None:
            _apply_programme(s, ws.user, preview.bid_id, preview.programme)
    preview.applied = True
    return preview


def _apply_programme(s, who: str, bid_id: int, plan: ProgrammePlan) -> None:
    """The rooms and sessions of a schedule, in the import's transaction, after its speakers."""
    rooms = dict(plan.rooms)
    if plan.new_rooms:
        ids = insert_values(s, who, m.Room, [new_values(m.Room, dict(r)) for r in plan.new_rooms], action="import")
        rooms.update({norm(r["name"]): room_id for r, room_id in zip(plan.new_rooms, ids, strict=True)})
    speakers = {source_id: speaker_id for speaker_id, source_id in s.exec(
        select(m.Speaker.id, m.Speaker.source_id).where(m.Speaker.bid_id == bid_id,
                                                        m.Speaker.source == ImportSource(plan.source)))}
    for item in plan.sessions:
        wanted = sorted({speakers[c] for c in item.speakers if c in speakers})
        room_id = rooms.get(norm(item.room)) if item.room else None
        if item.action == NEW:
            record = m.ProgrammeSession(bid_id=bid_id, room_id=room_id, **item.values)
            insert(s, who, [record], links=[{"speakers": wanted}], action="import")
            item.record_id = record.id
        elif item.action == UPDATED:
            changes = {k: v for k, v in item.values.items() if k != "room_id"}
            if "room_id" in item.values:
                changes["room_id"] = room_id
            current = set(s.exec(select(m.SessionSpeaker.speaker_id)
                                 .where(m.SessionSpeaker.session_id == item.record_id)).all())
            try:
                change(s, who, m.ProgrammeSession, item.record_id, changes, expected_version=item.version,
                       links={"speakers": sorted(current | set(wanted))}, action="import")
            except ConflictError:
                raise ConflictError(_(M.IMPORT_CONFLICT).format(label=item.label)) from None


# --- speakers from other systems -----------------------------------------------------------------------------


def _speaker_values(record: SpeakerRecord) -> dict[str, Any]:
    """The speaker fields a record sets; empty ones are left out so they never erase stored values."""
    values: dict[str, Any] = {
        "source": ImportSource(record.source), "source_id": record.source_id,
        "display_name": record.display_name, "given_name": record.given_name, "family_name": record.family_name,
        "organisation": record.organisation, "email": record.email.strip().lower() if record.email else "",
        "phone": record.phone, "bio": record.bio, "avatar_url": record.avatar_url, "role": record.role,
        "talk_title": "; ".join(record.talk_titles),
    }
    if record.state and record.state.lower() in STATE_TO_STATUS:
        values["status"] = STATE_TO_STATUS[record.state.lower()]
    return {k: v for k, v in values.items() if v not in ("", None)}


def _fit(model: type[SQLModel], values: dict[str, Any], label_of) -> list[str]:
    """Cut texts longer than their field (another system allows longer ones) and say so, instead of refusing."""
    notes = []
    lengths = _lengths(model)
    for name, value in list(values.items()):
        length = lengths.get(name)
        if isinstance(value, str) and length and len(value) > length:
            values[name] = value[: length - 1].rstrip() + "…"
            notes.append(_("{field} was cut to {n} characters (it had {had})").format(
                field=label_of(name), n=length, had=len(value)))
    return notes


def preview_speakers(ws: Workspace, bid_id: int, records: Sequence[SpeakerRecord], *, source: str) -> ImportPreview:
    """The preview of importing speaker records (from pretalx, Sessionize or a CSV file) into a bid.

    A text longer than its field (joined talk titles, a long organisation) is cut with a note, not refused:
    the person cannot change what another system allows."""
    get_bid(ws, bid_id)
    incoming = []
    notes: dict[int, list[str]] = {}
    for record in records:
        values = _speaker_values(record)
        _complete_speaker(values)
        cut = _fit(m.Speaker, values, lambda name: field_label(SPEAKERS, name))
        errors = [] if values.get("display_name") else [_(M.IMPORT_SPEAKER_NO_NAME)]
        incoming.append(ParsedRow(None, values.get("display_name") or record.source_id, values, errors))
        notes[id(incoming[-1])] = cut
    preview = _plan(ws, bid_id, SPEAKERS, incoming, source)
    for item, row in zip(preview.items, incoming, strict=True):
        item.notes = notes[id(row)]
    return preview


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


def preview_pretalx(ws: Workspace, bid_id: int, url: str, event: str | None = None, *, token: str | None = None,
                    lang: str | None = None, organisation_question: str | None = None,
                    venue_id: int | None = None, client: httpx.Client | None = None) -> ImportPreview:
    """The preview of importing a pretalx event: its speakers, then its rooms and scheduled talks."""
    get_bid(ws, bid_id)
    try:
        found = pretalx.fetch_event(url, event, token=token, lang=lang or reading_language(),
                                    organisation_question=organisation_question, client=client)
    except IntegrationError as exc:
        raise ImportSourceError(_(M.IMPORT_SOURCE_FAILED).format(reason=exc)) from None
    preview = preview_speakers(ws, bid_id, found.speakers, source="pretalx")
    preview.notes.extend(found.warnings)
    _add_programme(ws, preview, found.rooms, found.talks, found.skipped, venue_id)
    return preview


def _add_programme(ws: Workspace, preview: ImportPreview, rooms: Sequence[RoomRecord], found: Sequence[TalkRecord],
                   skipped: Sequence[TalkRecord], venue_id: int | None) -> None:
    """Plan the rooms and scheduled talks of an event into the preview of its speakers."""
    by_id = {room.source_id: room for room in rooms}
    talks = [ProgrammeTalk(t.code, t.title, t.abstract, t.duration, t.state, t.kind, t.speaker_codes,
                           by_id[t.room_id].name if t.room_id in by_id else "",
                           by_id[t.room_id].capacity if t.room_id in by_id else 0, t.start, t.end)
             for t in found]
    talks.sort(key=lambda t: (t.start is None, t.start.isoformat() if t.start else "", t.title))  # as scheduled
    preview.programme = plan_programme(ws, preview.bid_id, preview.source, talks, venue_id=venue_id,
                                       notes=preview.notes)
    if skipped:
        preview.notes.append(_("{n} talk(s) left out as rejected, withdrawn or cancelled: {titles}").format(
            n=len(skipped), titles=_titles(t.title for t in skipped)))


def _titles(titles) -> str:
    titles = [t for t in titles if t]
    shown = "; ".join(describe_value(t) for t in titles[:5])
    return shown + (f"; … (+{len(titles) - 5})" if len(titles) > 5 else "")


@dataclass(frozen=True, slots=True)
class ProgrammeTalk:
    """A talk of another system's programme, as plan_programme takes it (times in the event's own zone)."""

    source_id: str
    title: str
    abstract: str = ""
    duration: int = 0
    state: str = ""
    kind: str = ""
    speakers: tuple[str, ...] = ()
    room: str = ""
    room_capacity: int = 0
    start: Any = None  # datetime
    end: Any = None


SESSION_STATES = {"confirmed": SessionStatus.CONFIRMED, "accepted": SessionStatus.DRAFT}
SESSION_KINDS = (("keynote", SessionKind.KEYNOTE), ("workshop", SessionKind.WORKSHOP), ("panel", SessionKind.PANEL),
                 ("break", SessionKind.BREAK), ("social", SessionKind.SOCIAL))


def _session_kind(kind: str) -> SessionKind:
    kind = kind.lower()
    return next((value for word, value in SESSION_KINDS if word in kind), SessionKind.TALK)


def programme_venue(ws: Workspace, bid_id: int, venue_id: int | None) -> m.Venue | None:
    """The venue imported rooms go to: the one asked for, else the contracted one, else the only one held
    or the bid's only venue; None when that is not clear."""
    with ws.read_session() as s:
        venues = list(s.exec(select(m.Venue).where(m.Venue.bid_id == bid_id).order_by(m.Venue.id)).all())
    if venue_id is not None:
        venue = next((v for v in venues if v.id == venue_id), None)
        if venue is None:
            raise PlannerError(_("The bid has no venue {id}; `planner list venue` shows its venues.").format(
                id=venue_id))
        return venue
    for status in (VenueStatus.CONTRACTED, VenueStatus.OPTION_HELD):
        held = [v for v in venues if v.status == status]
        if len(held) == 1:
            return held[0]
    return venues[0] if len(venues) == 1 else None


def plan_programme(ws: Workspace, bid_id: int, source: str, talks: Sequence[ProgrammeTalk], *,
                   venue_id: int | None = None, notes: list[str]) -> ProgrammePlan:
    """What importing a schedule does to the programme: rooms added to the venue (by name), sessions added or
    updated (matched by title) with their times, room, state and speakers. Talks not in the schedule yet
    have no day to go on and are named in the notes; their titles stay with their speakers."""
    venue = programme_venue(ws, bid_id, venue_id)
    plan = ProgrammePlan(source, venue.id if venue else None, venue.name if venue else "")
    with ws.read_session() as s:
        if venue is not None:
            plan.rooms = {norm(r.name): r.id for r in s.exec(select(m.Room).where(m.Room.venue_id == venue.id))}
        sessions = list(s.exec(select(m.ProgrammeSession).where(m.ProgrammeSession.bid_id == bid_id)
                               .order_by(m.ProgrammeSession.id)).all())
        linked: dict[int, set[str]] = {}
        for session_id, speaker_source in s.exec(
                select(m.SessionSpeaker.session_id, m.Speaker.source_id)
                .join(m.Speaker, m.Speaker.id == m.SessionSpeaker.speaker_id)
                .where(m.Speaker.bid_id == bid_id)):
            linked.setdefault(session_id, set()).add(speaker_source)
    by_title: dict[str, list[m.ProgrammeSession]] = {}
    for session in sessions:
        by_title.setdefault(norm(session.title), []).append(session)
    unscheduled = [t.title for t in talks if t.start is None]
    if unscheduled:
        notes.append(_("{n} talk(s) are not in the schedule yet, so they have no day in the programme; their "
                       "titles stay with their speakers: {titles}").format(n=len(unscheduled),
                                                                         titles=_titles(unscheduled)))
    wanted_rooms = {}
    for talk in talks:
        if talk.start is not None and talk.room and venue is not None and norm(talk.room) not in plan.rooms:
            wanted_rooms.setdefault(norm(talk.room), {"venue_id": venue.id, "name": talk.room,
                                                      "capacity_theatre": talk.room_capacity})
    plan.new_rooms = list(wanted_rooms.values())
    if venue is None and any(t.room for t in talks if t.start is not None):
        notes.append(_("The rooms were not imported: it is not clear which venue they belong to. Say which "
                       "with --venue ID (`planner list venue` shows the venues)."))
    elif plan.new_rooms:
        notes.append(_("{n} room(s) added to {venue}: {rooms}").format(
            n=len(plan.new_rooms), venue=venue.name, rooms=", ".join(r["name"] for r in plan.new_rooms)))
    seen: set[str] = set()
    for talk in talks:
        if talk.start is None:
            continue
        end = talk.end
        if end is None or end <= talk.start:
            from datetime import timedelta

            end = talk.start + timedelta(minutes=talk.duration or 30)
        values = {"title": talk.title, "abstract": talk.abstract, "kind": _session_kind(talk.kind),
                  "status": SESSION_STATES.get(talk.state, SessionStatus.DRAFT), "day": talk.start.date(),
                  "start_time": talk.start.time().replace(tzinfo=None, microsecond=0),
                  "end_time": end.time().replace(tzinfo=None, microsecond=0)}
        cut = _fit(m.ProgrammeSession, values, lambda name: name)
        item = PlannedSession(NEW, values["title"], speakers=talk.speakers, room=talk.room if venue else "",
                              notes=cut)
        plan.sessions.append(item)
        if end.date() != talk.start.date():
            item.action = REJECTED
            item.reasons.append(_("it ends on another day than it starts ({start} to {end})").format(
                start=talk.start.isoformat(" ", "minutes"), end=end.isoformat(" ", "minutes")))
            continue
        key = norm(values["title"])
        if key in seen:
            item.action = REJECTED
            item.reasons.append(_("another talk in the schedule has the same title"))
            continue
        seen.add(key)
        found = by_title.get(key, [])
        if len(found) > 1:
            item.action = REJECTED
            item.reasons.append(_(M.IMPORT_AMBIGUOUS).format(n=len(found), what="title"))
            continue
        if found:
            session = found[0]
            changes = {name: (getattr(session, name), value) for name, value in values.items()
                       if _norm_exact(getattr(session, name)) != _norm_exact(value)}
            room_id = plan.rooms.get(norm(item.room)) if item.room else None
            if item.room and room_id != session.room_id:
                changes["room_id"] = (session.room_id, room_id)  # None: a room still to be added
            item.record_id, item.version = session.id, session.version
            if not changes and set(talk.speakers) <= linked.get(session.id, set()):
                item.action = UNCHANGED
                continue
            item.action, item.changes = UPDATED, changes
            item.values = {k: new for k, (_old, new) in changes.items()}
            continue
        item.values = values
    return plan


def preview_sessionize(ws: Workspace, bid_id: int, url: str, *, venue_id: int | None = None,
                       client: httpx.Client | None = None) -> ImportPreview:
    """The preview of importing a Sessionize event: its speakers, then its rooms and scheduled sessions."""
    get_bid(ws, bid_id)
    try:
        found = sessionize.fetch_event(url, client=client)
    except IntegrationError as exc:
        raise ImportSourceError(_(M.IMPORT_SOURCE_FAILED).format(reason=exc)) from None
    preview = preview_speakers(ws, bid_id, found.speakers, source="sessionize")
    _add_programme(ws, preview, found.rooms, found.talks, found.skipped, venue_id)
    return preview


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


def _action_header(headers: Sequence[str]) -> str | None:
    names = {csvio._compact(n) for n in (*ACTION_NAMES, _(ACTION_LABEL), translate("en", ACTION_LABEL),
                                         translate("sv", ACTION_LABEL))}
    return next((h for h in headers if csvio._compact(h) in names), None)


def _is_delete(text: str) -> bool | None:
    """True for a removal mark, False for an empty cell, None for anything else."""
    word = " ".join(text.split()).casefold()
    if not word:
        return False
    return True if word in DELETE_WORDS else None


@_building
def preview_csv(
    ws: Workspace, bid_id: int, kind_key: str, data: bytes, *, encoding: str = "utf-8",
    dialect: CsvDialect | None = None, mapping: dict[str, str] | None = None,
) -> ImportPreview:
    """The preview of importing a CSV file of one record type; rows with problems are rejected with reasons,
    rows whose Action column says delete (ta bort) are removals of the records they match."""
    kind = csv_kind(kind_key)
    bid = get_bid(ws, bid_id)
    try:
        table = csvio.read_csv(data, dialect=dialect, encoding=encoding)
    except csvio.CsvError as exc:
        raise ImportSourceError(str(exc)) from None
    action = _action_header(table.header)
    headers = [h for h in table.header if h != action]
    columns = mapping if mapping is not None else guess_columns(kind, headers)
    columns = {k: h for k, h in columns.items() if h != action}
    unknown = [h for h in columns.values() if h not in table.header]
    if unknown:
        raise ImportSourceError(_(M.IMPORT_NO_SUCH_HEADER).format(header=unknown[0]))
    removals = {row.line: _is_delete(row.get(action)) for row in table.rows} if action else {}
    only_removals = bool(table.rows) and all(removals.get(row.line) for row in table.rows)
    missing = [c for c in kind.columns if c.required and c.key not in columns]
    if kind is SPEAKERS and not ({"display_name", "given_name", "family_name"} & set(columns)):
        missing.append(kind.column("display_name"))
    if missing and not only_removals:
        raise ImportSourceError(_(M.IMPORT_MISSING_COLUMN).format(
            columns=", ".join(_(c.label) for c in missing), names=", ".join(dict.fromkeys(missing[0].names()))))
    partners = {}
    if any(c.type == PARTNER for c in kind.columns):
        with ws.read_session() as s:
            partners = {norm(p.name): p.id for p in s.exec(select(m.Partner).where(m.Partner.bid_id == bid_id))}
    references = {c.target: set() for c in kind.columns if c.type == REFERENCE}
    if references:
        with ws.read_session() as s:
            for target in references:
                model = m.table_named(target)
                references[target] = set(s.exec(select(model.id).where(in_bid(model, bid_id))).all())
    stored = _existing(ws, kind, bid_id)
    existing = {r.id: r for r in stored if getattr(r, "id", None) is not None}
    key_columns = {"id", *kind.natural_key, *(k for keys in kind.extra_match for k in keys)}
    removal_columns = {k: h for k, h in columns.items() if k in key_columns}
    incoming = []
    for problem in table.problems:
        cells = dict(zip(table.header, problem.fields, strict=False)) if problem.fields else {}
        incoming.append(ParsedRow(problem.line, row_label(kind, columns, cells), {}, [problem.message]))
    for row in table.rows:
        marked = removals.get(row.line, False)
        if marked is None:
            incoming.append(ParsedRow(row.line, row_label(kind, columns, row.values), {}, [
                _(M.IMPORT_CELL_PROBLEM).format(column=action, message=_(M.CELL_NOT_AN_ACTION).format(
                    value=row.get(action).strip()))]))
            continue
        parsed = parse_row(kind, removal_columns if marked else columns, row, table.dialect, bid.base_currency,
                           partners, existing, currency_error, references)
        parsed.delete = marked
        incoming.append(parsed)
    if kind is SPEAKERS:
        for item in incoming:
            if not item.errors:
                if item.delete:
                    continue
                _complete_speaker(item.values)
                if not item.values.get("display_name"):
                    item.errors.append(_(M.IMPORT_SPEAKER_NO_NAME))
                item.label = item.values.get("display_name", "") or item.label
    incoming.sort(key=lambda i: i.line or 0)
    preview = _plan(ws, bid_id, kind, incoming, "csv",
                    new_defaults={"source": ImportSource.CSV} if kind is SPEAKERS else None)
    preview.mapping = dict(columns)
    preview.unmapped = [h for h in table.header if h not in columns.values() and h != action]
    names = {pid: name for name, pid in partners.items()}
    by_key = {record_key(r): r for r in stored}
    for item in preview.items:
        if not item.label:
            item.label = _(M.IMPORT_ROW).format(line=item.line)
        if item.action == UPDATED:
            record = by_key.get(item.record_id)
            item.shown_changes = {name: (show_value(kind, name, old, record, {}, names),
                                         show_value(kind, name, new, record, item.values, names))
                                  for name, (old, new) in item.changes.items()}
        elif item.action == DELETED:
            taken, _held = goes_with(ws, kind.table, item.record_id)
            if taken:
                item.notes.append(_(M.IMPORT_DELETE_TAKES).format(what=", ".join(
                    f"{n} {kind_name}" for kind_name, n in taken.items())))
    return preview


def show_value(kind: Kind, attr: str, value: Any, record: Any = None, values: dict[str, Any] | None = None,
               partners: dict[int, str] | None = None) -> str:
    """A field's value as the user sees it: money formatted in the record's currency ("5 000,00 kr",
    "SEK 5,000.00"), choices by their label, dates as YYYY-MM-DD, partners by name; never minor units."""
    from planner.i18n.format import format_minor

    column = next((c for c in kind.columns if c.attr == attr), None)
    if value is None or value == "" or column is None:
        return describe_value(value)
    if column.type == MONEY and isinstance(value, int) and not isinstance(value, bool):
        currency_attr = kind.column(column.currency_key).attr
        currency = (values or {}).get(currency_attr) or getattr(record, currency_attr, None) or "SEK"
        try:
            return format_minor(value, currency)
        except ValueError:
            return str(value)
    if column.type == ENUM and column.enum is not None and not isinstance(value, Enum):
        try:
            return label(column.enum(value))
        except ValueError:
            return str(value)
    if column.type == PARTNER:
        return (partners or {}).get(value) or str(value)
    if column.type == BOOL:
        return _("yes") if value else _("no")
    if column.type == TIME and hasattr(value, "strftime"):
        return value.strftime("%H:%M")
    return describe_value(value)


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
