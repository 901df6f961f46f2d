"""A table's rows as one read gave them, for the engines to read as plain values: made by the bundle's loader
(`planner.services.workspace`, through the ORM's connection) and by the light read (`planner.services.light`,
through sqlite3). This module imports neither SQLAlchemy nor the models, so the light read can use it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from planner.services.collector import paused


class _Converted(dict):
    """A column's stored values -> their Python values, each distinct value converted once (a budget has a
    handful of kinds, categories and bases over 100 000 lines): `map(converted.__getitem__, column)`. The
    conversions are the column types' own (enums, booleans, timestamps), which give equal values for equal
    stored ones; the values they give are immutable, so rows may share them."""

    __slots__ = ("convert",)

    def __init__(self, convert) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value):
        converted = self[value] = self.convert(value)
        return converted


def _orm_records(model) -> Callable[[dict], Any]:
    """Detached model instances, as the ORM would have loaded them and then closed its session."""
    import sqlalchemy as sa
    from sqlalchemy.orm import make_transient_to_detached

    new_instance = sa.inspect(model).class_manager.new_instance

    def make(values: dict):
        record = new_instance()
        record.__dict__.update(values)
        make_transient_to_detached(record)
        return record

    return make


class LoadedRows(Sequence):
    """A table's rows of one bid as one query read them: a sequence of its records, made only when first asked
    for, while the engines read the columns they need as plain tuples (`values`) without a record per row (a
    large bid has 100 000 budget lines).

    Both come from the same read, the rows as the database driver returned them (plain tuples, in `columns`
    order); each column is converted to its Python type by its column type when it is read, each distinct
    stored value once. The records are the model's (detached instances) unless `make_record` makes them
    from a row's {column: value}.
    """

    def __init__(self, model, columns: tuple[str, ...], rows: list[tuple], processors: list,
                 make_record: Callable[[dict], Any] | None = None) -> None:
        self.model = model
        self._columns, self._rows, self._processors = columns, rows, processors
        self._make_record = make_record
        self._records: list | None = None

    def _column(self, index: int) -> Iterator:
        column = map(itemgetter(index), self._rows)
        process = self._processors[index]
        return column if process is None else map(_Converted(process).__getitem__, column)

    def values(self, names: tuple[str, ...]) -> list[tuple]:
        """Each row's values of the `names` columns, in that order, converted to their Python types."""
        return list(zip(*(self._column(self._columns.index(name)) for name in names), strict=True))

    @property
    def records(self) -> list:
        if self._records is None:
            with paused():
                self._records = self._made()
        return self._records

    def _made(self) -> list:
        make = self._make_record or _orm_records(self.model)
        keys = self._columns
        return [make(dict(zip(keys, values, strict=True)))
                for values in zip(*(self._column(index) for index in range(len(keys))), strict=True)]

    def same_rows(self, other: LoadedRows) -> bool:
        """Whether `other` read the same columns and the same stored values, row for row."""
        return self._columns == other._columns and self._rows == other._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        return self.records[index]

    def __iter__(self) -> Iterator:
        return iter(self.records)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # a list of records, compared as one

    def __repr__(self) -> str:
        return f"LoadedRows({self.model.__tablename__}, {len(self._rows)} rows)"
