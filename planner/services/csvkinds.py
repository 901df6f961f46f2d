"""The kinds of record a CSV file can hold: every kind `planner add KIND` knows, each described once.

Venues, budget lines, speakers, partners, commitments and the timeline have their own descriptions with
headers in the user's language (planner.interchange.tables). Every other kind (rooms, date options, a
venue's availability and scores, criteria, hotel blocks, programme sessions, dossier texts, budget
baselines, the bid team) is described from its fields as planner.services.fields reads them for `planner add`:
one column per field a person writes, of the field's type, headed by the field's name from the table of field
names (planner.i18n.names) in the user's language; an import knows a column by its English or Swedish header
or by the field's own name (`capacity_theatre`); a reference is the
number of a record of the same bid. Such a kind is named as `planner add` names it (`room`,
`programme_session`); the six above also by their record kind (`venue` for `venues`, `task` for `timeline`).

A record is matched by its id, else by what identifies it: the fields the database keeps unique in a bid
(a criterion's key; a dossier text's key and language), else its two-part key (a venue's score on a
criterion), else its name within its parent (a room's name in its venue), else its required fields (a date
option's first and last day).
"""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa

from planner.i18n import _
from planner.i18n.names import FIELDS, TABLES
from planner.interchange import messages as M
from planner.interchange import tables as T
from planner.services import fields as F
from planner.services.errors import PlannerError
from planner.store import models as m

_TYPES = {
    F.TEXT: T.TEXT, F.LINES: T.TEXT, F.INT: T.INT, F.BOOL: T.BOOL, F.DATE: T.DATE, F.TIME: T.TIME,
    F.MOMENT: T.MOMENT, F.CHOICE: T.ENUM, F.MONEY: T.MONEY, F.CURRENCY: T.CURRENCY, F.REFERENCE: T.REFERENCE,
    F.DECIMAL: T.DECIMAL,
}


def _natural_key(kind: str, names: list[str]) -> tuple[str, ...]:
    model = m.table_named(kind)
    table = model.__table__
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            key = tuple(c.name for c in constraint.columns if c.name != "bid_id")
            if key and all(k in names for k in key):
                return key
    primary = [c.name for c in table.primary_key.columns]
    if primary != ["id"]:
        return tuple(primary)
    naming = m.name_field(model)
    parent = m.parent_of(model)
    if naming:
        up = (parent[1],) if parent is not None and parent[0] is not m.Bid and parent[1] in names else ()
        return (*up, naming)
    return tuple(f.name for f in F.fields_of(kind) if f.required and f.name in names)


def _generic(kind: str) -> T.Kind:
    from planner.interchange.values import column_python_type

    model = m.table_named(kind)
    columns: list[T.Column] = []
    for spec in F.fields_of(kind):
        if spec.name == "bid_id" or spec.type == F.TRANSLATIONS or (spec.kept and spec.name != "id"):
            continue
        if spec.name == "id":
            columns.append(T.ID_COLUMN)
            continue
        columns.append(T.Column(
            spec.name, FIELDS.get(spec.name, spec.name), _TYPES[spec.type],
            enum=column_python_type(model, spec.name) if spec.type == F.CHOICE else None,
            currency_key=spec.currency_field or "", required=spec.required, nullable=spec.nullable,
            target=spec.target or ""))
    names = [c.key for c in columns]
    return T.Kind(kind, TABLES.get(kind, kind), model.__name__, tuple(columns), _natural_key(kind, names),
                  name_key=m.name_field(model) or "", table=kind)


@cache
def csv_kinds() -> dict[str, T.Kind]:
    """{name: description} of every kind a CSV file can hold, the six with their own headers first."""
    out = dict(T.KINDS)
    covered = {k.table for k in T.KINDS.values()}
    for kind in F.KINDS:
        if kind not in covered:
            out[kind] = _generic(kind)
    return out


def kind_names() -> tuple[str, ...]:
    """The names a CSV kind is given by, as --kind lists them."""
    return tuple(csv_kinds())


def csv_kind(name: str, *, exporting: bool = False) -> T.Kind:
    """The description of a kind by its name (`speakers`, or its record kind `speaker`); one line naming the
    kinds there are otherwise."""
    kinds = csv_kinds()
    found = kinds.get(name) or next((k for k in kinds.values() if k.table == name), None)
    if found is None:
        message = M.EXPORT_UNKNOWN_KIND if exporting else M.IMPORT_UNKNOWN_KIND
        raise PlannerError(_(message).format(kind=name, kinds=", ".join(kinds)))
    return found


def model_of(kind: T.Kind):
    return getattr(m, kind.model_name)
