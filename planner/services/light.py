"""A bid read without the ORM: on a SQLite file that is sound and at the program's own revision, the bid's rows
are read with the standard library's sqlite3 into plain records with the same fields and values the ORM's
would have, so the planning engines (`planner.services.planning`) give the terminal UI a bid's first figures
before SQLAlchemy, SQLModel and pydantic are imported (importing them takes longer than reading and computing
a large bid). The workspace opens meanwhile, and the bid loaded through it replaces what this read.

What the read needs to know of the tables (the queries, each column's kind of value, which fields name a row
and carry translations) is shipped in `light_schema.json`, made from the models by
`python -m planner.services.light` (`describe()`); a test checks the file equals what the models say now and
that the records read here equal the ORM's, field by field, on the demo, the large and a hostile bid.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path

from planner.config import Settings
from planner.services.loaded import LoadedRows

SHIPPED = Path(__file__).with_name("light_schema.json")
SHARED = ("exchange_rate",)  # tables read whole, not per bid
LOADED_AS_VALUES = frozenset({"budget_line"})  # as the bundle's loader keeps them (LoadedRows)


# --- the shipped description ------------------------------------------------------------------------------


def _kind(column) -> str | None:
    """The kind of Python value a column type gives; None for a column the read leaves out (a file's bytes,
    deferred by the bundle's loader too)."""
    import sqlalchemy as sa
    from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

    from planner.store.models import DecimalText

    kind = column.type
    if isinstance(kind, sa.LargeBinary):
        return None
    if isinstance(kind, sa.Enum):
        enum = kind.enum_class
        if enum is None or enum.__module__ != "planner.domain.enums":
            raise TypeError(f"{column}: an enum column of {enum!r}, not one of planner.domain.enums")
        return f"enum:{enum.__name__}"
    for types, name in ((DecimalText, "decimal"), (UTCDateTime, "datetime"), (sa.Boolean, "bool"),
                        (sa.Integer, "int"), ((AutoString, sa.String, sa.Text), "str"), (sa.Date, "date"),
                        (sa.Time, "time"), (sa.JSON, "json")):
        if isinstance(kind, types):
            return name
    raise TypeError(f"{column}: a column type the light read does not know ({kind!r}); add it to "
                    "planner.services.light")


def describe() -> dict:
    """What the models say now, as the shipped file holds it."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import sqlite

    from planner.services import records
    from planner.services.workspace import BUNDLE_TABLES
    from planner.store import migrations
    from planner.store import models as m

    dialect = sqlite.dialect(paramstyle="named")
    tables = {}
    for table, attribute in {"bid": "bid", **BUNDLE_TABLES, **dict.fromkeys(SHARED, "")}.items():
        model = m.table_named(table)
        kept = [(column, _kind(column)) for column in model.__table__.columns]
        kept = [(column, kind) for column, kind in kept if kind is not None]
        query = sa.select(*(column for column, _ in kept))
        if table not in SHARED:
            query = query.where(records.in_bid(model, sa.bindparam("bid")))
        query = query.order_by(*records.order_of(model))
        tables[table] = {
            "attribute": attribute,
            "select": " ".join(str(query.compile(dialect=dialect)).split()),
            "columns": {column.key: kind for column, kind in kept},
            "names": m.name_field(model),
            "translatable": list(m.translatable(model)),
        }
    return {"revision": migrations.head_revision(), "tables": tables}


@cache
def shipped() -> dict:
    """The shipped description, read once."""
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def translatable(table: str) -> tuple[str, ...]:
    """The fields of a table that carry translations (none: empty), as the models say (`models.translatable`)."""
    described = shipped()["tables"].get(table)
    return tuple(described["translatable"]) if described else ()


def name_field(table: str) -> str | None:
    """The field naming one row of a table to a person, as the models say (`models.name_field`)."""
    described = shipped()["tables"].get(table)
    return described["names"] if described else None


def write() -> None:
    """Make the shipped file from the models (after changing a model, with its migration)."""
    text = json.dumps(describe(), ensure_ascii=False, indent=1) + "\n"
    temporary = SHIPPED.with_suffix(".json.new")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(SHIPPED)


# --- the read ----------------------------------------------------------------------------------------------


def _utc(value: str) -> datetime:
    """A moment as the models give it: SQLite keeps UTC without an offset, which they read as UTC."""
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _enum(name: str):
    from planner.domain import enums

    return getattr(enums, name)


_CONVERT = {"int": None, "str": None, "bool": bool, "date": date.fromisoformat, "datetime": _utc,
            "time": time.fromisoformat, "decimal": Decimal, "json": json.loads}


def _converter(kind: str):
    """The function turning a stored value into the column's Python value (None: kept as stored); NULL stays
    None, as the column types leave it."""
    convert = _enum(kind.removeprefix("enum:")) if kind.startswith("enum:") else _CONVERT[kind]
    if convert is None:
        return None
    return lambda value: None if value is None else convert(value)


class LightRecord:
    """One row, its fields as attributes (what the engines and the Overview read of a record)."""

    __tablename__ = ""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.__dict__.get('id')!r})"


class LightBid(LightRecord):
    __tablename__ = "bid"

    @property
    def title(self) -> str:
        from planner.services.listing import bid_title

        return bid_title(self.conference or "", self.edition or "", self.host_city or "")


@cache
def record_class(table: str) -> type[LightRecord]:
    if table == "bid":
        return LightBid
    name = "Light" + "".join(part.title() for part in table.split("_"))
    return type(name, (LightRecord,), {"__tablename__": table, "__slots__": ()})


class LightBundle:
    """A bid's rows as the light read gave them, under the attributes a BidBundle keeps them."""

    def __init__(self, bid: LightBid, tables: dict[str, list]) -> None:
        self.bid = bid
        self.__dict__.update(tables)

    def text(self, key: str, locale: str) -> str:
        for t in self.texts:
            if getattr(t.key, "value", t.key) == key and t.locale == locale:
                return t.body
        return ""


def _rows(con, table: str, bid_id: int | None) -> LoadedRows:
    described = shipped()["tables"][table]
    columns = tuple(described["columns"])
    processors = [_converter(kind) for kind in described["columns"].values()]
    rows = con.execute(described["select"], {} if bid_id is None else {"bid": bid_id}).fetchall()
    return LoadedRows(record_class(table), columns, rows, processors, record_class(table))


def read_bundle(con, bid_id: int) -> LightBundle | None:
    """Every row of bid `bid_id` through an open sqlite3 connection (None: no such bid); as the bundle's loader
    reads them (attachments without their bytes)."""
    bids = _rows(con, "bid", bid_id)
    if not len(bids):
        return None
    tables = {}
    for table, described in shipped()["tables"].items():
        if table == "bid" or table in SHARED:
            continue
        rows = _rows(con, table, bid_id)
        tables[described["attribute"]] = rows if table in LOADED_AS_VALUES else rows.records
    return LightBundle(bids[0], tables)


# what opening a bid writes into it (`workspace.touch_bid`), which no figure reads
OPENING_WRITES = {"bid": frozenset({"last_opened_at"})}


def same_rows(ours: LightBundle, loaded) -> bool:
    """Whether the bundle the workspace loaded (a BidBundle) holds the rows this read gave, field for field:
    nothing changed in between but the bid's opening, so what the engines made of one is what they would make
    of the other."""
    tables = shipped()["tables"]

    def same(table: str, a, b) -> bool:
        skip = OPENING_WRITES.get(table, frozenset())
        return all(getattr(a, name) == getattr(b, name) for name in tables[table]["columns"] if name not in skip)

    if not same("bid", ours.bid, loaded.bid):
        return False
    for table, described in tables.items():
        if table == "bid" or table in SHARED:
            continue
        a, b = getattr(ours, described["attribute"]), getattr(loaded, described["attribute"])
        if isinstance(a, LoadedRows) and isinstance(b, LoadedRows):
            if not a.same_rows(b):
                return False
        elif len(a) != len(b) or not all(same(table, x, y) for x, y in zip(a, b, strict=True)):
            return False
    return True


def read_rates(con, *, earliest_before_first: bool = True):
    """The exchange rates the budget converts at (`rates.rate_table`); none stored yet, the shipped seed, which
    the workspace's first opening stores (`rates.ensure_seeded`) and then converts at."""
    from planner.domain.fx import RateTable, effective_series

    rows = _rows(con, "exchange_rate", None)
    if len(rows):
        series = effective_series(rows.records)
    else:
        from planner.integrations import ecb

        series = ecb.seed_series()
    return RateTable(series, earliest_before_first=earliest_before_first)


def read(settings: Settings, bid_id: int):
    """(the bid's rows, its rate table) of a SQLite file that is sound and current, read with sqlite3; None when
    the workspace must be opened to read it (a server database, a file to create or upgrade)."""
    from planner.services.listing import _quick_read

    def both(con):
        from planner.store import migrations

        if shipped()["revision"] != migrations.head_revision():
            return None
        bundle = read_bundle(con, bid_id)
        return (bundle, read_rates(con)) if bundle is not None else None

    return _quick_read(settings, both)


if __name__ == "__main__":
    write()
    print(f"wrote {SHIPPED.name}")
