"""A table column's values as JSON values and back (dates, times, enums, decimals), strictly.

Dates are read only as `YYYY-MM-DD`, times as `HH:MM` or `HH:MM:SS`, moments as `YYYY-MM-DDTHH:MM:SS` with
an optional fraction and offset: the forms this program writes. Python's own ISO readers take more
(`2012W011`, `20120101`), which a person reading the file would not recognise as dates.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from planner.i18n import _
from planner.store.models import DecimalText

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$"
_DATE = re.compile(DATE_PATTERN)
_TIME = re.compile(TIME_PATTERN)
_DATETIME = re.compile(DATETIME_PATTERN)


def to_json_value(value: Any) -> Any:
    """A column's value as the JSON value the bid file and the audit log hold."""
    if isinstance(value, bytes):  # an attachment's file, as base64 (the bid file, an undo)
        import base64

        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def column_python_type(model: type[SQLModel], name: str):
    column = model.__table__.columns[name]
    if isinstance(column.type, DecimalText):
        return Decimal
    if isinstance(column.type, sa.Enum):
        return column.type.enum_class
    if isinstance(column.type, sa.DateTime) or isinstance(getattr(column.type, "impl_instance", None), sa.DateTime):
        return datetime
    try:
        return column.type.python_type
    except NotImplementedError:
        return str


def _quoted(value: Any) -> str:
    """A value as the message quotes it: escaped (no control character reaches a terminal) and cut short."""
    text = json.dumps(value) if isinstance(value, str | int | float | bool) or value is None else repr(value)
    return text if len(text) <= 60 else text[:60] + "…"


def parse_date(text: str) -> date:
    """`YYYY-MM-DD` and nothing else; ValueError otherwise."""
    if not isinstance(text, str) or not _DATE.match(text):
        raise ValueError(_("{value} is not a date written as YYYY-MM-DD").format(value=_quoted(text)))
    return date.fromisoformat(text)


def parse_time(text: str) -> time:
    """`HH:MM` or `HH:MM:SS` on a 24-hour clock; ValueError otherwise."""
    if not isinstance(text, str) or not _TIME.match(text):
        raise ValueError(_("{value} is not a time written as HH:MM or HH:MM:SS").format(value=_quoted(text)))
    return time.fromisoformat(text)


def parse_datetime(text: str) -> datetime:
    """`YYYY-MM-DDTHH:MM:SS[.ffffff][offset]`, taken as UTC without an offset; ValueError otherwise."""
    if not isinstance(text, str) or not _DATETIME.match(text):
        raise ValueError(_("{value} is not a moment written as YYYY-MM-DDTHH:MM:SS").format(value=_quoted(text)))
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def from_json_value(model: type[SQLModel], name: str, value: Any) -> Any:
    """The Python value of `model.name` for a JSON value; ValueError for a value of the wrong form."""
    if value is None:
        return None
    kind = column_python_type(model, name)
    if kind is datetime:
        return parse_datetime(value)
    if kind is date:
        return parse_date(value)
    if kind is time:
        return parse_time(value)
    if kind is Decimal:
        try:
            return Decimal(value)
        except (InvalidOperation, TypeError):
            raise ValueError(_("{value} is not a decimal number").format(value=_quoted(value))) from None
    if kind is bytes:  # an attachment's file, carried as base64
        import base64
        import binascii

        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise ValueError(_("not a file in base64")) from None
    if isinstance(kind, type) and issubclass(kind, str) and hasattr(kind, "__members__"):
        return kind(value)
    return value
