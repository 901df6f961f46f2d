"""Turning JSON values back into the Python values a table's column holds (dates, enums, decimals)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from planner.store.models import DecimalText


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


def from_json_value(model: type[SQLModel], name: str, value: Any) -> Any:
    if value is None:
        return None
    kind = column_python_type(model, name)
    if kind is datetime:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if kind is date:
        return date.fromisoformat(value)
    if kind is time:
        return time.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if isinstance(kind, type) and issubclass(kind, str) and hasattr(kind, "__members__"):
        return kind(value)
    return value
