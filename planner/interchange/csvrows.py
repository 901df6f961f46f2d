"""CSV rows into record values: each cell read by its column's type, with a reason per bad cell.

Numbers follow the file's dialect (decimal comma in Swedish Excel files), amounts are checked against
their currency's decimals, stored values (statuses, kinds) are read from their code or their name in
English or Swedish, and partners are found by name. An empty cell sets nothing, so it never erases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from planner.domain.money import MAX_MINOR, minor_exponent
from planner.i18n import _, translate
from planner.i18n.labels import label, message
from planner.interchange import csvio
from planner.interchange import messages as M
from planner.interchange import values as V
from planner.interchange.csvio import CsvDialect
from planner.interchange.tables import (
    BOOL,
    CURRENCY,
    DATE,
    DECIMAL,
    ENUM,
    ID,
    INT,
    MOMENT,
    MONEY,
    PARTNER,
    REFERENCE,
    TIME,
    Column,
    Kind,
)


@dataclass
class ParsedRow:
    """One incoming row or person: where it came from, the field values it sets, and what is wrong with it."""

    line: int | None
    label: str
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    delete: bool = False  # the row asks for its record to be removed


def norm(value: Any) -> Any:
    """A value as matching compares it: codes for enums, case and spacing ignored for text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def parse_row(kind: Kind, columns: dict[str, str], row: csvio.CsvRow, dialect: CsvDialect, base_currency: str,
              partners: dict, existing: dict, currency_error: Callable[[str], str | None],
              references: dict[str, set] | None = None) -> ParsedRow:
    """The values a row sets (by field name) and its problems; `existing` maps ids to stored records,
    `references` each kind of record a number may point at to the ids of that kind in the bid."""
    values: dict[str, Any] = {}
    errors: list[str] = []

    def fail(column: Column, message: str) -> None:
        errors.append(_(M.IMPORT_CELL_PROBLEM).format(column=columns.get(column.key, column.key), message=message))

    get = row.values.get
    cells = {key: get(header, "") if header else "" for key, header in columns.items()}  # row.get, inline
    record_id = None
    if cells.get("id", "").strip():
        try:
            record_id = int(cells["id"].strip())
        except ValueError:
            fail(kind.column("id"), _(M.CELL_NOT_WHOLE_NUMBER).format(value=cells["id"]))
    current = existing.get(record_id)
    read, money = _read_plan(kind, columns)
    for column, key, kind_of, attr in read:
        text = cells[key]
        if not text.strip():
            if column.required:
                fail(column, _(M.CELL_REQUIRED))
            continue  # an empty cell leaves the stored value alone
        if kind_of == "text":  # the common case first: text taken as it is typed, stripped unless several lines
            values[attr] = text.strip() if "\n" not in text else text
            continue
        text = text.strip()
        try:
            if column.type == INT:
                number = csvio.parse_decimal(text, dialect)
                if number != number.to_integral_value():
                    raise ValueError
                values[column.attr] = int(number)
            elif column.type == BOOL:
                values[column.attr] = csvio.parse_bool(text)
            elif column.type == DATE:
                values[column.attr] = csvio.parse_date(text)
            elif column.type == ENUM:
                values[column.attr] = _enum_value(column, text)
            elif column.type == CURRENCY:
                code = text.strip().upper()
                problem = currency_error(code)
                if problem:
                    fail(column, problem)
                else:
                    values[column.attr] = code
            elif column.type == PARTNER:
                partner_id = partners.get(norm(text))
                if partner_id is None:
                    fail(column, _(M.CELL_NO_SUCH_PARTNER).format(name=text.strip()))
                else:
                    values[column.attr] = partner_id
            elif column.type == REFERENCE:
                number = int(text.strip()) if text.strip().isdigit() else None
                if number is None:
                    raise ValueError(text)
                if references is not None and number not in references.get(column.target, ()):
                    fail(column, _(M.CELL_NO_SUCH_RECORD).format(kind=column.target, id=number))
                else:
                    values[column.attr] = number
            elif column.type == TIME:
                values[column.attr] = V.parse_time(text.strip())
            elif column.type == MOMENT:
                values[column.attr] = V.parse_datetime(text.strip())
            elif column.type == DECIMAL:
                values[column.attr] = csvio.parse_decimal(text, dialect)
            elif column.type == MONEY:
                pass  # below, once the currency is known
            else:
                values[column.attr] = text.strip() if "\n" not in text else text
        except csvio.AmbiguousNumber as exc:
            fail(column, str(exc))
        except ValueError:
            fail(column, _cell_hint(column, text, dialect))
    for column, currency_attr in money:
        if not cells[column.key].strip():
            continue
        currency = values.get(currency_attr) or (getattr(current, currency_attr, None) if current else None) \
            or base_currency
        text = cells[column.key]
        try:
            amount = csvio.parse_decimal(text, dialect)
        except csvio.AmbiguousNumber as exc:
            fail(column, str(exc))
            continue
        except ValueError:
            fail(column, _cell_hint(column, text, dialect))
            continue
        exponent = minor_exponent(currency)
        if amount != amount.quantize(Decimal(1).scaleb(-exponent)):
            fail(column, _(M.CELL_TOO_MANY_DECIMALS).format(value=text.strip(), currency=currency, n=exponent))
            continue
        minor = int(amount.scaleb(exponent))
        if abs(minor) > MAX_MINOR:
            fail(column, _(M.CELL_TOO_LARGE).format(value=text.strip()))
            continue
        values[column.attr] = minor
        values.setdefault(currency_attr, currency)
    if record_id is not None:
        values["id"] = record_id
    return ParsedRow(row.line, row_label(kind, columns, row.values, values), values, errors)


_READ_PLANS: dict[tuple, tuple] = {}


def _read_plan(kind: Kind, columns: dict[str, str]) -> tuple[tuple, tuple]:
    """The columns of a kind a file has, worked out once per kind and header: ((column, key, type, field) of
    each cell read in order, ids left out), and ((column, its currency's field) of each amount)."""
    key = (id(kind), tuple(columns))
    known = _READ_PLANS.get(key)
    if known is not None and known[0] is kind:
        return known[1]
    read = tuple((c, c.key, c.type, c.attr) for c in kind.columns if c.key in columns and c.type != ID)
    money = tuple((c, kind.column(c.currency_key).attr) for c in kind.columns if c.type == MONEY and c.key in columns)
    _READ_PLANS[key] = (kind, (read, money))  # the kind kept with its plan, so its id stays its own
    return read, money


def row_label(kind: Kind, columns: dict[str, str], cells: dict[str, str], values: dict[str, Any] | None = None) -> str:
    """What names a row's record to a person: its name as the file has it (a speaker's display name, or
    given and family name; a budget line's label), also when other cells of the row are wrong."""
    def cell(key: str) -> str:
        header = columns.get(key)
        text = cells.get(header, "") if header else ""
        return text.strip()  # as typed: what is wrong in it (a control character) is shown, not tidied away

    keys = [k for k in (kind.naming, *kind.natural_key) if k]
    if kind.key == "speakers":
        whole = " ".join(filter(None, (cell("given_name"), cell("family_name"))))
        return cell("display_name") or whole or cell("email")
    for key in dict.fromkeys(keys):
        try:
            column = kind.column(key)
        except KeyError:
            continue
        text = cell(key)
        if not text:
            continue
        if column.type == ENUM:
            value = (values or {}).get(column.attr)
            return label(value) if isinstance(value, Enum) else text
        return text
    return ""


def _enum_value(column: Column, text: str) -> Enum:
    """A member from its stored value ('option_held') or its name in English or Swedish ('Option held')."""
    member = _spellings(column.enum).get(norm(text))  # type: ignore[arg-type]
    if member is None:
        raise ValueError(text)
    return member


@cache
def _spellings(enum: type[Enum]) -> dict[str, Enum]:
    """Every spelling a cell may give a member by: its stored value, that value with spaces for underscores,
    and its name in English and in Swedish (case and spacing ignored); worked out once per enumeration. Where
    two members share a spelling the first member has it, as reading them in turn would find."""
    spellings: dict[str, Enum] = {}
    for member in enum:
        names = [member.value, member.value.replace("_", " ")]
        name = message(member)
        if name:
            names += [norm(translate("en", name)), norm(translate("sv", name))]
        for spelling in names:
            spellings.setdefault(spelling, member)
    return spellings


def _cell_hint(column: Column, text: str, dialect: CsvDialect) -> str:
    if column.type == ENUM:
        return _(M.CELL_NOT_ONE_OF).format(value=text.strip(), choices=", ".join(label(e) for e in column.enum))
    if column.type == DATE:
        return _(M.CELL_NOT_A_DATE).format(value=text.strip())
    if column.type == BOOL:
        return _(M.CELL_NOT_YES_NO).format(value=text.strip())
    if column.type in (INT, REFERENCE):
        return _(M.CELL_NOT_WHOLE_NUMBER).format(value=text.strip())
    if column.type == TIME:
        return _(M.CELL_NOT_A_TIME).format(value=text.strip())
    if column.type == MOMENT:
        return _(M.CELL_NOT_A_MOMENT).format(value=text.strip())
    example = "1 234,50" if dialect.decimal == "," else "1234.50"
    return _(M.CELL_NOT_AN_AMOUNT).format(value=text.strip(), example=example)
