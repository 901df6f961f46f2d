"""The field rules of every record a user can type, shared by forms, the CLI and imports."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from sqlmodel import SQLModel

from planner.config import shipped_file
from planner.domain.money import MAX_MINOR
from planner.i18n import _
from planner.i18n.text import codepoint, first_control, is_bidi_control, is_surrogate, picture
from planner.store import models as m

MAX_PEOPLE = 1_000_000


@lru_cache(maxsize=1)
def iso_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def currency_error(code: str) -> str | None:
    if not code or len(code) != 3 or code.upper() != code or code not in iso_currencies():
        return _("{code!r} is not an ISO 4217 currency code (for example SEK, EUR, USD).").format(code=code)
    return None


# A rate is how many units of a currency one euro buys. The strongest currency the ECB lists (KWD) is near
# 0.3 and the weakest in any register near 100 000; beyond these bounds a typed rate is a typing mistake.
MIN_RATE = Decimal("0.0001")
MAX_RATE = Decimal("1000000")
RATE_DECIMALS = 10


def rate_error(value: Decimal, typed: str | None = None) -> str | None:
    """Why a rate per euro cannot be stored (outside the sane range, too many decimals), or None."""
    shown = dict(value=typed if typed is not None else str(value), low=format(MIN_RATE, "f"),
                 high=format(MAX_RATE, "f"))
    if not value.is_finite() or not MIN_RATE <= value <= MAX_RATE:
        return _("{value} is outside the range of a rate: one euro buys between {low} and {high} units of a "
                 "currency.").format(**shown)
    if -value.as_tuple().exponent > RATE_DECIMALS:
        return _("{value} has more than {n} decimals; no rate is published that precisely.").format(
            n=RATE_DECIMALS, **shown)
    return None


def default_criteria() -> list[dict[str, Any]]:
    with shipped_file("venue_criteria.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for c in data["criteria"]:
        name_en = c.get("name_en") or c.get("label") or c["key"]
        out.append({"key": c["key"], "name_en": name_en, "name_sv": c.get("name_sv") or c.get("label_sv") or name_en,
                    "weight": int(c["weight"]), "min_score": c.get("min_score")})
    return out


def _required(errors: dict, record: SQLModel, *names: str) -> None:
    for name in names:
        if not str(getattr(record, name, "") or "").strip():
            errors[name] = _("This field is required.")


def _money(errors: dict, record: SQLModel, *names: str, allow_negative: bool = False) -> None:
    for name in names:
        value = getattr(record, name, 0)
        if not isinstance(value, int) or isinstance(value, bool):
            errors[name] = _("An amount must be a whole number of minor units (öre, cents).")
        elif abs(value) > MAX_MINOR:
            errors[name] = _("The amount is larger than the largest amount that can be stored.")
        elif value < 0 and not allow_negative:
            errors[name] = _("The amount cannot be negative.")


def _counts(errors: dict, record: SQLModel, *names: str, limit: int = MAX_PEOPLE) -> None:
    for name in names:
        value = getattr(record, name, 0)
        if value is None:
            continue
        if not isinstance(value, int) or value < 0:
            errors[name] = _("Must be a whole number, zero or more.")
        elif value > limit:
            errors[name] = _("Must be at most {limit}.").format(limit=limit)


def _currency(errors: dict, record: SQLModel, *names: str) -> None:
    for name in names:
        problem = currency_error(getattr(record, name, ""))
        if problem:
            errors[name] = problem


INT32_MAX = 2**31 - 1
# Written by the program from the user's name (PLANNER_USER), never typed into a field: shown neutralised.
SET_BY_PROGRAM = frozenset({"updated_by", "created_by", "frozen_by"})


@cache
def _limited_columns(model: type[SQLModel]) -> tuple[tuple[str, str, Any], ...]:
    """(column, what kind of limit, the limit) of a table, worked out once per table."""
    import sqlalchemy as sa

    out = []
    for column in model.__table__.columns:
        if isinstance(column.type, sa.Enum):
            out.append((column.name, "choice", tuple(column.type.enums)))
        elif isinstance(column.type, sa.Text):  # unbounded text: notes, bodies, descriptions, several lines
            out.append((column.name, "lines", None))
        elif getattr(column.type, "length", None) or isinstance(column.type, sa.String) \
                or isinstance(getattr(column.type, "impl_instance", None), sa.String):
            out.append((column.name, "text", getattr(column.type, "length", None)))  # SQLModel's AutoString too
        elif type(column.type) is sa.Integer:
            out.append((column.name, "int32", INT32_MAX))
    return tuple(out)


def column_limits(record: SQLModel) -> dict[str, str]:
    """Texts longer than their column, control characters, unknown choices and whole numbers beyond a 32-bit
    column: refused the same on SQLite (which would store them) and PostgreSQL (which would fail), so every
    saved bid exports and imports back and no text can drive the terminal that shows it."""
    errors: dict[str, str] = {}
    loaded = record.__dict__  # a record's set and loaded values: one dict lookup each (thousands of imported rows)
    for name, kind, limit in _limited_columns(type(record)):
        value = loaded[name] if name in loaded else getattr(record, name, None)
        if kind in ("text", "lines"):
            if not isinstance(value, str) or not value:  # an empty text breaks no limit
                continue
            problem = None if name in SET_BY_PROGRAM else control_error(value, multiline=kind == "lines")
            if problem:
                errors[name] = problem
            elif limit and len(value) > limit:
                errors[name] = _("At most {limit} characters (this is {n}).").format(limit=limit, n=len(value))
        elif kind == "choice":
            if isinstance(value, str) and value not in limit:
                errors[name] = _("{value!r} is not one of the choices ({choices}).").format(
                    value=value, choices=", ".join(limit))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
            errors[name] = _("The number is too large (at most {limit}).").format(limit=limit)
    return errors


def translation_errors(record: SQLModel) -> dict[str, str]:
    """What is wrong with a record's translations ({field: {locale: text}}), keyed `field.locale`: only the
    translatable fields, only the supported languages, and each text under the rules of its own field."""
    from planner.i18n import SUPPORTED_LOCALES

    model = type(record)
    value = getattr(record, "translations", None)
    if value is None or not m.translatable(model):
        return {}
    fields = m.translatable(model)
    if not isinstance(value, dict):
        return {"translations": _("Translations are written as {field: {language: text}}.")}
    errors: dict[str, str] = {}
    limits = {name: (kind, limit) for name, kind, limit in _limited_columns(model)}
    for name, texts in value.items():
        if name not in fields:
            errors[f"{name}"] = _("{field} has no translation; the fields that have are: {fields}.").format(
                field=name, fields=", ".join(fields))
            continue
        if not isinstance(texts, dict):
            errors[name] = _("Translations are written as {field: {language: text}}.")
            continue
        kind, limit = limits.get(name, ("lines", None))
        for locale, text in texts.items():
            where = f"{name}.{locale}"
            if locale not in SUPPORTED_LOCALES:
                errors[where] = _("{locale!r} is not a language of the dossier ({locales}).").format(
                    locale=locale, locales=", ".join(SUPPORTED_LOCALES))
            elif not isinstance(text, str):
                errors[where] = _("A translation is a text.")
            elif problem := control_error(text, multiline=kind == "lines"):
                errors[where] = problem
            elif limit and len(text) > limit:
                errors[where] = _("At most {limit} characters (this is {n}).").format(limit=limit, n=len(text))
    return errors


def control_error(value: str, *, multiline: bool) -> str | None:
    """Why a text cannot be kept in a field (a control character, a line break in a one-line field ...), or None.

    Multi-line fields (notes, bodies, descriptions) keep tab and line breaks; one-line fields take neither,
    nor the bidirectional overrides that make a name read differently from what is stored.
    """
    found = first_control(value, multiline=multiline)
    if found is None:
        return None
    index, char = found
    where = dict(char=codepoint(char), position=index + 1)
    if char == "\x00":
        return _("Contains an invisible NUL character, which cannot be stored; remove it.")
    if char in "\r\n":
        return _("Must be one line: remove the line break ({char}) at character {position}.").format(**where)
    if char == "\t":
        return _("A tab ({char}) at character {position} cannot be kept in a one-line field; use a space.") \
            .format(**where)
    if is_bidi_control(char):
        return _("Contains a hidden text-direction control ({char}) at character {position}, which makes the "
                 "text read differently from what is stored; remove it.").format(**where)
    if is_surrogate(char):
        return _("Contains a broken character ({char}) at character {position}, which cannot be stored; "
                 "remove it.").format(**where)
    return _("Contains the control character {picture} ({char}) at character {position}, which a terminal "
             "would obey instead of show; remove it.").format(picture=picture(char), **where)


def validate_record(record: SQLModel) -> dict[str, str]:
    """Field -> message for every rule the record breaks; empty when it may be saved."""
    return {**column_limits(record), **translation_errors(record), **_record_rules(record)}


def _record_rules(record: SQLModel) -> dict[str, str]:
    errors: dict[str, str] = {}
    if isinstance(record, m.Bid):
        from planner.services.workspace import validate_bid

        return validate_bid({c.name: getattr(record, c.name) for c in record.__table__.columns})
    if isinstance(record, m.Venue):
        _required(errors, record, "name")
        _money(errors, record, "cost_minor")
        _currency(errors, record, "currency")
        _counts(errors, record, "distance_centre_m", "distance_station_m", "distance_airport_km", limit=10**7)
    elif isinstance(record, m.Room):
        _required(errors, record, "name")
        _counts(errors, record, "capacity_theatre", "capacity_classroom", "capacity_banquet")
        _money(errors, record, "cost_per_day_minor")
        _currency(errors, record, "currency")
    elif isinstance(record, m.Criterion):
        _required(errors, record, "key", "name_sv", "name_en")
        _counts(errors, record, "weight", limit=100)
        if record.min_score is not None:
            _counts(errors, record, "min_score", limit=10)
    elif isinstance(record, m.VenueScore):
        _counts(errors, record, "score", limit=10)
    elif isinstance(record, m.AccommodationBlock):
        _required(errors, record, "hotel")
        _counts(errors, record, "rooms", "nights", limit=100_000)
        _counts(errors, record, "distance_m", limit=10**7)
        _money(errors, record, "rate_minor")
        _currency(errors, record, "currency")
    elif isinstance(record, m.BudgetLine):
        _required(errors, record, "label")
        _money(errors, record, "unit_minor", "committed_minor", "actual_minor")
        _counts(errors, record, "quantity", limit=MAX_PEOPLE)
        _counts(errors, record, "vat_rate_percent", limit=100)
        _currency(errors, record, "currency")
    elif isinstance(record, m.Speaker):
        _required(errors, record, "display_name")
        _money(errors, record, "fee_minor", "travel_minor")
        _currency(errors, record, "fee_currency", "travel_currency")
        _counts(errors, record, "nights", limit=365)
        if record.email and ("@" not in record.email or " " in record.email.strip()):
            errors["email"] = _("This is not an e-mail address.")
    elif isinstance(record, m.ProgrammeSession):
        _required(errors, record, "title")
        if record.start_time and record.end_time and record.end_time <= record.start_time:
            errors["end_time"] = _("A session must end after it starts.")
        _counts(errors, record, "expected_audience")
    elif isinstance(record, m.Partner):
        _required(errors, record, "name")
        if record.contact_email and "@" not in record.contact_email:
            errors["contact_email"] = _("This is not an e-mail address.")
    elif isinstance(record, m.Attachment):
        from planner.services.attachments import attachment_errors

        errors.update(attachment_errors(record))
    elif isinstance(record, m.Commitment):
        _money(errors, record, "amount_minor")
        _currency(errors, record, "currency")
    elif isinstance(record, m.Task):
        _required(errors, record, "title")
        if record.anchor is None and record.due_date is None:
            errors["due_date"] = _("Give a date, or an anchor and an offset in days.")
        if record.anchor is not None and record.offset_days is None:
            errors["offset_days"] = _("Give the offset in days from the anchor (negative for before).")
        _counts(errors, record, "duration_days", limit=3650)
    elif isinstance(record, m.DateOption):
        if record.start_date and record.end_date and record.end_date < record.start_date:
            errors["end_date"] = _("The option cannot end before it starts.")
    return errors
