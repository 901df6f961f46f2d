"""The fields of each kind of record as a person types them (`name=Konserthuset cost_minor=1234,50`), read the
way the CSV import reads a cell, and the typed adds, changes, deletions and links the command line makes.

KIND is the bid file's table name and a field is its column; this module reads both from the models, so the
front ends never import the store. Values are read strictly: amounts with either language's decimal mark into
integer minor units of the record's currency, dates as YYYY-MM-DD, times as HH:MM, choices by their stored
value, yes/no for booleans, one-line text without the spaces around it (several lines as typed), record numbers for references (which must be records of the same bid). A wrong
field or value is a ValidationError naming the field and saying what to write. Every save goes through
planner.services.records: its rules, its version check, its one audit entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from planner.i18n import _, get_locale
from planner.services import records
from planner.services.errors import NotFound, ValidationError
from planner.store import models as m

if TYPE_CHECKING:
    from planner.services.workspace import Workspace

# The kinds a person adds, changes and deletes one by one, parents before children. The bid's own fields are
# `bid`; link rows (a task's dependency, a session's speaker) are saved with their record (see `link`).
KINDS: tuple[str, ...] = (
    "venue", "room", "date_option", "venue_availability", "criterion", "venue_score", "accommodation_block",
    "budget_line", "speaker", "programme_session", "partner", "commitment", "task", "bid_text",
    "budget_baseline", "team_member",
)

# types of field
TEXT, LINES, INT, BOOL, DATE, TIME, MOMENT, CHOICE, MONEY, CURRENCY, REFERENCE, DECIMAL, TRANSLATIONS = (
    "text", "lines", "int", "bool", "date", "time", "moment", "choice", "money", "currency", "reference",
    "decimal", "translations")

SHOWN_AT_MOST = 60  # characters of a typed value a message quotes
MAX_NUMBER = 2**63 - 1
SUMMARY_COLUMNS = 7  # at most this many fields `list` shows by default, its main ones
FILLED_UP_TO = 5  # fewer main fields than this: the next ones in the table's order fill up


@dataclass(frozen=True)
class Field:
    """One field of a kind of record: its type, whether a new record needs it and what it may hold."""

    name: str
    type: str
    required: bool = False  # a new record needs a value
    nullable: bool = False  # may be empty
    choices: tuple[str, ...] = ()  # CHOICE: the stored values
    currency_field: str | None = None  # MONEY: the field holding its currency
    target: str | None = None  # REFERENCE: the kind it points at
    key: bool = False  # part of the record's key
    kept: bool = False  # the program keeps it (version, edit times) or sets it (id, bid_id)

    @property
    def hint(self) -> str:
        """What to write, for a message."""
        example = {
            INT: _("a whole number, e.g. 120"), BOOL: _("yes or no"), DATE: _("a date as YYYY-MM-DD, e.g. 2012-05-03"),
            TIME: _("a time as HH:MM, e.g. 09:30"), MOMENT: _("a moment as YYYY-MM-DDTHH:MM:SS"),
            MONEY: _("an amount, e.g. 1234.50 or 1234,50"), CURRENCY: _("a currency code, e.g. SEK"),
            DECIMAL: _("a decimal number, e.g. 10.5"),
        }
        if self.type == CHOICE:
            return _("one of: {choices}").format(choices=", ".join(self.choices))
        if self.type == REFERENCE:
            return _("the number of a {kind} ('planner list {kind}' lists them)").format(kind=self.target)
        return example.get(self.type, _("text"))


def check_kind(kind: str, *, bid: bool = False) -> str:
    """`kind` when it is one a person edits; otherwise a ValidationError listing the kinds there are."""
    if kind in KINDS or (bid and kind == "bid"):
        return kind
    raise ValidationError({"KIND": _("{kind} is not a kind of record; the kinds are: {kinds}.").format(
        kind=_quoted(kind), kinds=", ".join(KINDS))})


def _type_of(model, column: sa.Column) -> str:
    from planner.interchange.values import column_python_type

    if column.foreign_keys:
        return REFERENCE
    if isinstance(column.type, sa.JSON):
        return TRANSLATIONS
    kind = column_python_type(model, column.name)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return CHOICE
    if kind is bool:
        return BOOL
    if kind is datetime:
        return MOMENT
    if kind is date:
        return DATE
    if kind is time:
        return TIME
    if kind is Decimal:
        return DECIMAL
    if kind is int:
        return MONEY if column.name.endswith("_minor") else INT
    if column.name == "currency" or column.name.endswith("_currency"):
        return CURRENCY
    return LINES if isinstance(column.type, sa.Text) else TEXT


def _currency_of(model, name: str) -> str | None:
    columns = model.__table__.columns
    prefix = name.removesuffix("_minor")
    return next((c for c in (f"{prefix}_currency", "currency", "base_currency") if c in columns), None)


@cache
def fields_of(kind: str) -> tuple[Field, ...]:
    """Every field of a kind of record (the bid's own: `bid`), in the table's order."""
    check_kind(kind, bid=True)
    model = m.table_named(kind)
    kept = set(m.housekeeping(model))
    keys = {c.name for c in model.__table__.primary_key.columns}
    parent = m.parent_of(model)
    out = []
    for column in model.__table__.columns:
        info = model.model_fields.get(column.name)
        kind_of = _type_of(model, column)
        generated = column.name == "id" or (parent is not None and parent[0] is m.Bid and column.name == "bid_id")
        out.append(Field(
            name=column.name, type=kind_of,
            required=bool(info is not None and info.is_required()) and not generated,
            nullable=bool(column.nullable) and column.name not in keys,
            choices=tuple(column.type.enums) if kind_of == CHOICE else (),
            currency_field=_currency_of(model, column.name) if kind_of == MONEY else None,
            target=m.references(model).get(column.name),
            key=column.name in keys, kept=column.name in kept or generated,
        ))
    return tuple(out)


def links_of_kind(kind: str) -> tuple[str, ...]:
    """The links a record of a kind is saved with (a task's `depends_on`, a session's `speakers`)."""
    return tuple(m.links_of(m.table_named(check_kind(kind, bid=True))))


def field_names(kind: str) -> tuple[str, ...]:
    """The fields a person may write, in the table's order."""
    return tuple(f.name for f in fields_of(kind) if not f.kept)


def _field(kind: str, name: str, *, adding: bool) -> Field:
    found = {f.name: f for f in fields_of(kind)}.get(name)
    writable = ", ".join(field_names(kind))
    if found is None:
        raise ValidationError({name: _("A {kind} has no such field; its fields are: {fields}.").format(
            kind=kind, fields=writable)})
    if found.name == "bid_id":
        raise ValidationError({name: _("The record's bid is the one --bid names; leave this field out.")})
    if found.kept:
        raise ValidationError({name: _("The program keeps this field itself; leave it out.")})
    if found.key and not adding:
        raise ValidationError({name: _("This field is part of the record's key and cannot be changed; delete the "
                                       "record and add it again.")})
    return found


def summary_fields(kind: str) -> tuple[str, ...]:
    """The fields `planner list` shows without --fields: the key, what names the record, then its choices,
    amounts, dates, references and yes/no fields, no more than fit on a line."""
    model = m.table_named(check_kind(kind, bid=True))
    naming = m.name_field(model)
    every = [f for f in fields_of(kind) if f.name != "bid_id" and (f.name == "id" or not f.kept)]
    main = ([f for f in every if f.key or f.name == naming]
            + [f for f in every if f.type == REFERENCE and not f.key]
            + [f for f in every if f.type == CHOICE] + [f for f in every if f.type == MONEY]
            + [f for f in every if f.type in (DATE, TIME)] + [f for f in every if f.type == BOOL])
    chosen = list(dict.fromkeys(f.name for f in main))[:SUMMARY_COLUMNS]
    rest = [f.name for f in every if f.name not in chosen and f.type not in (LINES, CURRENCY, MOMENT, TRANSLATIONS)]
    chosen += rest[:max(0, FILLED_UP_TO - len(chosen))]  # an amount shows its currency
    return tuple(f.name for f in every if f.name in chosen)


# --- reading typed values -----------------------------------------------------------------------------------


def _quoted(value: Any) -> str:
    """A typed value as a message quotes it: escaped and cut short."""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    return text if len(text) <= SHOWN_AT_MOST else text[:SHOWN_AT_MOST] + "…"


def _wrong(spec: Field, text: str) -> ValidationError:
    return ValidationError({spec.name: _("{value} is not valid here: write {what}.").format(
        value=_quoted(text), what=spec.hint)})


def _whole(text: str) -> int:
    compact = re.sub(r"[\s\u00a0\u202f]", "", text).replace("\u2212", "-")
    if not re.fullmatch(r"[+-]?[0-9]{1,25}", compact):
        raise ValueError(text)
    number = int(compact)
    if abs(number) > MAX_NUMBER:
        raise ValueError(text)
    return number


def parse_amount(text: str, currency: str) -> int:
    """An amount as written in either language (1234.50, 1 234,50, 1,234.50) in minor units of `currency`;
    the current language's way is tried first. ValueError for no amount, or more decimals than it has."""
    from planner.domain.money import MAX_MINOR, minor_exponent
    from planner.interchange.csvio import EXCEL_SV, STANDARD, parse_decimal

    dialects = (EXCEL_SV, STANDARD) if get_locale() == "sv" else (STANDARD, EXCEL_SV)
    amount = None
    for dialect in dialects:
        try:
            amount = parse_decimal(text.strip(), dialect, strict=False)
            break
        except ValueError:
            continue
    if amount is None:
        raise ValueError(text)
    exponent = minor_exponent(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-exponent)):
        raise ValueError(text)
    minor = int(amount.scaleb(exponent))
    if abs(minor) > MAX_MINOR:
        raise ValueError(text)
    return minor


def _choice(spec: Field, text: str) -> str:
    wanted = re.sub(r"[\s-]+", "_", text.strip().lower())
    if wanted in spec.choices:
        return wanted
    raise _wrong(spec, text)


def _value(spec: Field, text: str, currency: str | None) -> Any:
    """The value of one field from what was typed."""
    from planner.interchange import csvio
    from planner.interchange import values as v
    from planner.services.validation import currency_error

    if spec.type == TRANSLATIONS:
        raise ValidationError({spec.name: _("Write each translation as FIELD.LANGUAGE=TEXT, e.g. {example}=….")
                               .format(example="title.en")})
    if spec.type == TEXT:  # one line: spaces around it are not part of it (as in a CSV cell)
        return text.strip()
    if spec.type == LINES:
        return text
    if not text.strip():
        if spec.nullable:
            return None
        if spec.type == BOOL:
            return False
        raise ValidationError({spec.name: _("Give a value: {what}.").format(what=spec.hint)})
    try:
        if spec.type in (INT, REFERENCE):
            number = _whole(text)
            if spec.type == REFERENCE and number < 1:
                raise ValueError(text)
            return number
        if spec.type == MONEY:
            return parse_amount(text, currency or "SEK")
        if spec.type == BOOL:
            return csvio.parse_bool(text)
        if spec.type == DATE:
            return v.parse_date(text.strip())
        if spec.type == TIME:
            return v.parse_time(text.strip())
        if spec.type == MOMENT:
            return v.parse_datetime(text.strip())
        if spec.type == DECIMAL:
            return csvio.parse_decimal(text.strip(), strict=False)
    except ValueError:
        if spec.type == MONEY:
            raise ValidationError({spec.name: _(
                "{value} is not an amount in {currency}; write it as 1234.50 or 1234,50 (at most as many "
                "decimals as {currency} has).").format(value=_quoted(text), currency=currency)}) from None
        raise _wrong(spec, text) from None
    if spec.type == CHOICE:
        return _choice(spec, text)
    if spec.type == CURRENCY:
        code = text.strip().upper()
        problem = currency_error(code)
        if problem:
            raise ValidationError({spec.name: problem})
        return code
    return text


def parse_values(kind: str, typed: dict[str, str], *, current: dict[str, Any] | None = None,
                 default_currency: str = "SEK", adding: bool = False) -> dict[str, Any]:
    """{field: value} of what was typed for a record of `kind` (`current`: its stored values, when changing one).

    Amounts are read in the currency typed with them, else the record's, else `default_currency`.
    """
    translated = {name: text for name, text in typed.items() if "." in name}
    typed = {name: text for name, text in typed.items() if name not in translated}
    specs = {name: _field(kind, name, adding=adding) for name in typed}
    values: dict[str, Any] = {}
    if translated:
        values["translations"] = _translations(kind, translated, (current or {}).get("translations"))
    for name, spec in specs.items():
        if spec.type != MONEY:
            values[name] = _value(spec, typed[name], None)
    for name, spec in specs.items():
        if spec.type == MONEY:
            field = spec.currency_field
            currency = values.get(field) or (current or {}).get(field) or default_currency
            values[name] = _value(spec, typed[name], currency)
    if kind == "bid_text" and values.get("locale", "sv") not in ("sv", "en"):
        raise ValidationError({"locale": _("{value} is not a language of the dossier; write sv or en.").format(
            value=_quoted(values["locale"]))})
    return values


def _translations(kind: str, typed: dict[str, str], current: dict | None) -> dict:
    """A record's translations with the typed ones (`title.en=…`) set; an empty one is removed."""
    from planner.i18n import SUPPORTED_LOCALES
    from planner.services.translations import merged, split_key

    model = m.table_named(kind)
    translatable = m.translatable(model)
    updates: dict[tuple[str, str], str] = {}
    for name, text in typed.items():
        field, locale = split_key(name) or (name, "")
        if field not in translatable:
            if translatable:
                message = _("A {kind}'s {field} has no translation; the fields that have are: {fields} "
                            "(write e.g. {example}=…).").format(kind=kind, field=_quoted(field),
                                                                fields=", ".join(translatable),
                                                                example=f"{translatable[0]}.en")
            else:
                message = _("A {kind} has no translated fields.").format(kind=kind)
            raise ValidationError({name: message})
        if locale not in SUPPORTED_LOCALES:
            raise ValidationError({name: _("{value} is not a language of the dossier; write {field}.sv or "
                                           "{field}.en.").format(value=_quoted(locale), field=field)})
        column = model.__table__.columns[field]
        updates[(field, locale)] = text if isinstance(column.type, sa.Text) else text.strip()
    return merged(current, updates)


def parse_key(kind: str, text: str) -> tuple[int, ...]:
    """A record's key as typed: its number (`12`), or for a record found by two (a venue's score on a
    criterion) both, with a comma (`3,7`)."""
    columns = [f.name for f in fields_of(kind) if f.key]
    parts = text.split(",")
    try:
        numbers = tuple(_whole(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != len(columns) or any(n < 1 for n in numbers):
        if len(columns) == 1:
            what = _("the number of a {kind}, e.g. 12").format(kind=kind)
        else:
            what = _("its {columns} with a comma between, e.g. 3,7").format(columns=" and ".join(columns))
        raise ValidationError({"ID": _("{value} is not valid here: write {what}.").format(
            value=_quoted(text), what=what)})
    return numbers


def key_text(kind: str, record: Any) -> str:
    """A record's key as `parse_key` reads it."""
    return ",".join(str(getattr(record, f.name)) for f in fields_of(kind) if f.key)


# --- the records, as the command line reads and writes them --------------------------------------------------


def describe(kind: str, record: Any, links: dict[str, list[int]] | None = None) -> dict[str, Any]:
    """A record as JSON values (every field, as the bid file holds them), with its links."""
    out = records.snapshot(record)
    out.update(links or {})
    return out


def _links(s, model, ids: list[Any]) -> dict[Any, dict[str, list[int]]]:
    out: dict[Any, dict[str, list[int]]] = {i: {} for i in ids}
    for name, link in m.links_of(model).items():
        for i in ids:
            out[i][name] = []
        table = link.table.__table__
        for own, other in s.execute(sa.select(table.c[link.own], table.c[link.other])
                                    .where(table.c[link.own].in_(ids)).order_by(table.c[link.other])).all():
            out[own][name].append(other)
    return out


def rows(ws: Workspace, kind: str, bid_id: int) -> list[dict[str, Any]]:
    """Every record of a kind in a bid, as `describe` gives them, in the order the program lists them."""
    model = m.table_named(check_kind(kind))
    found = records.list_records(ws, kind, bid_id)
    if not m.links_of(model) or not found:
        return [describe(kind, r) for r in found]
    with ws.session() as s:
        links = _links(s, model, [r.id for r in found])
    return [describe(kind, r, links[r.id]) for r in found]


def _record_bid(s, kind: str, key: tuple[int, ...]) -> tuple[Any, int]:
    """(the record, its bid) of a key; NotFound saying how to find the records there are."""
    model = m.table_named(kind)
    record = s.get(model, key if len(key) > 1 else key[0])
    if record is None:
        raise NotFound(_("There is no {kind} {id}; 'planner list {kind}' lists them.").format(
            kind=kind, id=",".join(map(str, key))))
    return record, records.bid_id_of(s, model, records.snapshot(record))


def _check_references(s, kind: str, values: dict[str, Any], bid_id: int) -> None:
    """Every record number given points at a record of the same bid."""
    for name, value in values.items():
        spec = next(f for f in fields_of(kind) if f.name == name)
        if spec.type != REFERENCE or value is None or name == "bid_id":
            continue
        target = m.table_named(spec.target)
        found = s.scalar(sa.select(sa.func.count()).select_from(target).where(
            target.id == value, records.in_bid(target, bid_id)))
        if not found:
            raise ValidationError({name: _("There is no {kind} {id} in bid {bid}; 'planner list {kind} --bid {bid}' "
                                           "lists them.").format(kind=spec.target, id=value, bid=bid_id)})


def _missing(kind: str, values: dict[str, Any]) -> None:
    absent = [f for f in fields_of(kind) if f.required and f.name not in values]
    if absent:
        raise ValidationError({f.name: _("A new {kind} needs this field: write {name}=… ({what}).").format(
            kind=kind, name=f.name, what=f.hint) for f in absent})


def add(ws: Workspace, kind: str, bid_id: int, typed: dict[str, str]) -> dict[str, Any]:
    """Add a record of `kind` to bid `bid_id` from typed values; returns it as `describe` gives it.

    Its currency fields not typed take the bid's base currency.
    """
    from planner.services.workspace import get_bid

    check_kind(kind)
    bid = get_bid(ws, bid_id)
    values = parse_values(kind, typed, default_currency=bid.base_currency, adding=True)
    model = m.table_named(kind)
    if m.parent_of(model)[0] is m.Bid:
        values["bid_id"] = bid_id
    for spec in fields_of(kind):
        if spec.type == CURRENCY and spec.name not in values:
            values[spec.name] = bid.base_currency
    _missing(kind, values)
    with ws.session() as s:
        _check_references(s, kind, values, bid_id)
    record = records.add(ws, kind, values)
    return describe(kind, record)


def update(ws: Workspace, kind: str, key_typed: str, typed: dict[str, str], *,
           expected_version: int | None = None) -> tuple[dict[str, Any], bool]:
    """Change fields of one record from typed values; (the record as saved, whether anything changed)."""
    check_kind(kind)
    key = parse_key(kind, key_typed)
    with ws.session() as s:
        record, bid_id = _record_bid(s, kind, key)
        before = records.snapshot(record)
    values = parse_values(kind, typed, current=before, default_currency=_base_currency(ws, bid_id))
    with ws.session() as s:
        _check_references(s, kind, values, bid_id)
    saved = records.update(ws, kind, key, values, expected_version=expected_version)
    after = records.snapshot(saved)
    return describe(kind, saved), after != before


def _base_currency(ws: Workspace, bid_id: int | None) -> str:
    from planner.services.workspace import get_bid

    return get_bid(ws, bid_id).base_currency if bid_id is not None else "SEK"


@dataclass(frozen=True)
class Deletion:
    """What deleting a record takes: the record (its kind, key and name) and {kind: how many} that go too."""

    kind: str
    key: str
    name: str
    with_it: dict[str, int]
    asks: bool  # some of them hold the record back (a partner's commitments): only deleted when confirmed


def deletion(ws: Workspace, kind: str, key_typed: str) -> Deletion:
    """What `delete` would remove, for the question before it."""
    check_kind(kind)
    key = parse_key(kind, key_typed)
    with ws.session() as s:
        record, _bid = _record_bid(s, kind, key)
        naming = m.name_field(type(record))
        name = str(getattr(record, naming) or "") if naming else ""
    goes, asks = records.goes_with(ws, kind, key)
    return Deletion(kind, ",".join(map(str, key)), name, goes, asks)


def delete(ws: Workspace, kind: str, key_typed: str, *, expected_version: int | None = None) -> Deletion:
    """Delete one record and what goes with it (asked about first: `deletion`)."""
    found = deletion(ws, kind, key_typed)
    key = parse_key(kind, key_typed)
    records.delete(ws, kind, key, expected_version=expected_version, force=True)
    return found


# --- links --------------------------------------------------------------------------------------------------

LINKS = {"task": "depends_on", "programme_session": "speakers"}


def link(ws: Workspace, kind: str, owner_id: int, name: str, ids: list[int], *, remove: bool = False
         ) -> list[int]:
    """Link a task to the tasks it waits for, or a session to its speakers (`remove`: unlink them); the
    links the record has now."""
    model = m.table_named(kind)
    target = m.links_of(model)[name].target
    with ws.session() as s:
        _record, bid_id = _record_bid(s, kind, (owner_id,))
        current = _links(s, model, [owner_id])[owner_id][name]
        for other in ids:
            found = s.scalar(sa.select(sa.func.count()).select_from(target).where(
                target.id == other, records.in_bid(target, bid_id)))
            if not found:
                raise ValidationError({name: _("There is no {kind} {id} in bid {bid}; 'planner list {kind} --bid "
                                               "{bid}' lists them.").format(kind=target.__tablename__, id=other,
                                                                            bid=bid_id)})
    wanted = [i for i in current if i not in ids] if remove else list(dict.fromkeys([*current, *ids]))
    records.update(ws, kind, owner_id, {}, links={name: wanted})
    return sorted(wanted)


# --- the dossier texts --------------------------------------------------------------------------------------


def text_keys() -> tuple[str, ...]:
    return next(f.choices for f in fields_of("bid_text") if f.name == "key")


def set_text(ws: Workspace, bid_id: int, key: str, locale: str, body: str) -> tuple[dict[str, Any], bool]:
    """Write one dossier text of a bid in one language; (the text as saved, whether it was new)."""
    from sqlmodel import select

    from planner.services.workspace import get_bid

    if key not in text_keys():
        raise ValidationError({"KEY": _("{key} is not a dossier text; the texts are: {keys}.").format(
            key=_quoted(key), keys=", ".join(text_keys()))})
    if locale not in ("sv", "en"):
        raise ValidationError({"--locale": _("{value} is not a language of the dossier; write sv or en.").format(
            value=_quoted(locale))})
    get_bid(ws, bid_id)
    with ws.session() as s:
        found = s.exec(select(m.BidText).where(m.BidText.bid_id == bid_id, m.BidText.key == key,
                                                m.BidText.locale == locale)).first()
    if found is None:
        return describe("bid_text", records.add(ws, "bid_text", {"bid_id": bid_id, "key": key, "locale": locale,
                                                                   "body": body})), True
    return describe("bid_text", records.update(ws, "bid_text", found.id, {"body": body})), False


def texts(ws: Workspace, bid_id: int, key: str | None = None) -> list[dict[str, Any]]:
    """The dossier texts of a bid (of one key), in the order of the keys, Swedish before English."""
    if key is not None and key not in text_keys():
        raise ValidationError({"KEY": _("{key} is not a dossier text; the texts are: {keys}.").format(
            key=_quoted(key), keys=", ".join(text_keys()))})
    order = {k: i for i, k in enumerate(text_keys())}
    found = [t for t in rows(ws, "bid_text", bid_id) if key is None or t["key"] == key]
    return sorted(found, key=lambda t: (order.get(t["key"], 99), t["locale"] != "sv", t["locale"]))
