"""Rows made once per budget line: plain __slots__ objects, compared, hashed and shown by their fields.

A budget of 100 000 lines makes several such rows per line (the prepared line, its result per scenario, its
status row); a frozen dataclass costs about ten times as much to make, as each field goes through
object.__setattr__. A `Row` behaves as a frozen dataclass does for equality, hashing and repr. Rows are
shared between answers (a model keeps its results), so nothing assigns to a row once it is made.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Row:
    """Base of the per-line rows; a subclass names its fields in `_fields` (usually also its __slots__)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: Any) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({fields})"
