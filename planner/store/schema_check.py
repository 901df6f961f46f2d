"""Whether a SQLite file holds exactly the schema objects planner's migrations create, read without changing it.

A file is only trusted when its tables (with their columns and foreign keys) and indexes are the ones the
migrations make at the file's revision, and it has no trigger, view or object of its own: a trigger could
rewrite every amount saved, a view could stand in for a table. `read_file` looks at a file through a
read-only connection (`mode=ro`), so a refused file keeps its bytes, its journal mode included.

The reference is what the migrations build: they run into an in-memory database at the file's revision.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote

from planner.i18n import _

BUSY_TIMEOUT_S = 10.0
MAX_SHOWN = 3  # differences named in a message; the rest are counted

Key = tuple[str, str]  # (type, name)


def read_only_uri(path: Path) -> str:
    """The `file:` URI that opens `path` read-only (any character of the name escaped)."""
    return f"file:{quote(str(Path(path).absolute()), safe='/')}?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def inventory(con: sqlite3.Connection) -> dict[Key, object]:
    """Every schema object of a database, described by what matters: columns, keys, index columns."""
    out: dict[Key, object] = {}
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    for type_, name, table, sql in rows:
        if str(table).startswith("sqlite_"):
            continue  # SQLite's own bookkeeping (sqlite_sequence, sqlite_stat1)
        if type_ == "table":
            if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
                out[("virtual table", name)] = sql
                continue
            columns = tuple(tuple(r[1:]) for r in con.execute(f"PRAGMA table_xinfo({_quoted(name)})"))
            keys = tuple(sorted(tuple(r[1:]) for r in con.execute(f"PRAGMA foreign_key_list({_quoted(name)})")))
            out[(type_, name)] = (columns, keys)
        elif type_ == "index":
            columns = tuple(tuple(r) for r in con.execute(f"PRAGMA index_xinfo({_quoted(name)})"))
            flags = next((tuple(r[2:]) for r in con.execute(f"PRAGMA index_list({_quoted(table)})")
                          if r[1] == name), ())
            out[(type_, name)] = (table, columns, flags)
        else:  # trigger, view
            out[(type_, name)] = (table, sql)
    return out


def _column_names(described: object) -> list[str]:
    return [c[0] for c in described[0]]  # type: ignore[index]


def differences(found: dict[Key, object], expected: dict[Key, object]) -> list[str]:
    """What a file has that planner's schema has not, and the reverse, in words (empty when they agree)."""
    problems: list[str] = []
    for (type_, name), described in sorted(found.items()):
        if (type_, name) in expected:
            continue
        if type_ == "trigger":
            problems.append(_("a trigger {name} on {table}").format(name=name, table=described[0]))
        elif type_ == "view":
            problems.append(_("a view {name}").format(name=name))
        elif type_ == "table":
            problems.append(_("a table planner does not make: {name}").format(name=name))
        elif type_ == "index":
            problems.append(_("an index planner does not make: {name}").format(name=name))
        else:
            problems.append(_("a {kind} {name}").format(kind=type_, name=name))
    for (type_, name), described in sorted(expected.items()):
        if (type_, name) not in found:
            if type_ == "table":
                problems.append(_("the table {name} is missing").format(name=name))
            else:
                problems.append(_("the index {name} is missing").format(name=name))
            continue
        if found[(type_, name)] == described:
            continue
        if type_ == "table":
            have, want = _column_names(found[(type_, name)]), _column_names(described)
            missing = [c for c in want if c not in have]
            extra = [c for c in have if c not in want]
            if missing:
                problems.append(_("the table {name} lacks the column(s) {columns}")
                                .format(name=name, columns=", ".join(missing)))
            if extra:
                problems.append(_("the table {name} has unknown column(s) {columns}")
                                .format(name=name, columns=", ".join(extra)))
            if not missing and not extra:
                problems.append(_("the table {name} has columns or keys that differ from planner's")
                                .format(name=name))
        else:
            problems.append(_("the index {name} differs from planner's").format(name=name))
    return problems


def describe(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_SHOWN])
    if len(problems) > MAX_SHOWN:
        shown += "; " + _("and {n} more").format(n=len(problems) - MAX_SHOWN)
    return shown


@dataclass(frozen=True)
class FileState:
    """What a SQLite file holds, read without changing it."""

    revision: str | None
    objects: dict[Key, object] = field(default_factory=dict)
    integrity: str = "ok"
    bids: int | None = None

    @property
    def empty(self) -> bool:
        return not any(t == "table" and n != "alembic_version" for t, n in self.objects) and not any(
            t in ("trigger", "view", "virtual table") for t, _n in self.objects)

    @property
    def foreign(self) -> bool:
        return not self.empty and self.revision is None


def read_file(path: Path, *, full_check: bool = False) -> FileState:
    """The file's revision, schema objects and integrity (quick, or full with `full_check`); sqlite3 errors
    (not a database, damaged) propagate for the caller to word."""
    con = connect_read_only(path)
    try:
        check = con.execute("PRAGMA integrity_check" if full_check else "PRAGMA quick_check").fetchall()
        integrity = "ok" if check == [("ok",)] else "; ".join(str(r[0]) for r in check[:3])
        objects = inventory(con)
        revision = None
        if ("table", "alembic_version") in objects:
            found = con.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = found[0][0] if len(found) == 1 else None
        bids = None
        if ("table", "bid") in objects:
            bids = con.execute("SELECT count(*) FROM bid").fetchone()[0]
    finally:
        con.close()
    return FileState(revision=revision, objects=objects, integrity=integrity, bids=bids)


SHIPPED = Path(__file__).with_name("schema_objects.json")  # what the migrations make, per revision


def _tuples(value: object) -> object:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


@cache
def _shipped_lists() -> dict[str, list]:
    """The shipped file as written: {revision: [[type, name, described], ...]}."""
    import json

    try:
        return json.loads(SHIPPED.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _objects_of(objects: list) -> dict[Key, object]:
    return {(type_, name): _tuples(described) for type_, name, described in objects}


def _shipped() -> dict[str, dict[Key, object]]:
    """The schema objects of every revision as shipped with the program (written by `write_shipped`, checked
    against the migrations by the tests): opening a database needs no Alembic and no in-memory run."""
    return {revision: _objects_of(objects) for revision, objects in _shipped_lists().items()}


@cache
def expected_objects(revision: str) -> dict[Key, object]:
    """The schema objects planner's migrations create at `revision` (alembic's version table included): as
    shipped (only that revision's are converted), or else built by running the migrations into an in-memory
    database (about 0.1 s)."""
    shipped = _shipped_lists().get(revision)
    return _objects_of(shipped) if shipped is not None else built_objects(revision)


def built_objects(revision: str) -> dict[Key, object]:
    """The schema objects the migrations make at `revision`, by running them into an in-memory database."""
    import sqlalchemy as sa
    from alembic import command

    from planner.store import migrations

    engine = sa.create_engine("sqlite://")  # one connection, kept while the engine lives
    try:
        command.upgrade(migrations.alembic_config(engine), revision)
        with engine.connect() as conn:
            return inventory(conn.connection.dbapi_connection)
    finally:
        engine.dispose()


def write_shipped() -> Path:
    """Write the schema objects of every known revision (run after adding a migration:
    `python -m planner.store.schema_check`)."""
    import json

    from planner.store import migrations

    parts = []
    for revision in sorted(migrations.known_revisions()):
        objects = sorted(built_objects(revision).items())
        rows = ",\n".join("  " + json.dumps([type_, name, described], ensure_ascii=False)
                          for (type_, name), described in objects)
        parts.append(f"{json.dumps(revision)}: [\n{rows}\n ]")
    SHIPPED.write_text("{\n " + ",\n ".join(parts) + "\n}\n", encoding="utf-8")  # an object a line: diffs read
    return SHIPPED


if __name__ == "__main__":
    print(write_shipped())


SQLITE_HEADER = b"SQLite format 3\x00"


def ready_state(path: Path) -> FileState | None:
    """The state of a file that can be read as it is, without SQLAlchemy: a SQLite file whose integrity is
    sound, at the program's own revision, holding exactly the objects the migrations make there. None for
    anything else (missing, empty, damaged, older, newer, not ours, an object of its own), which the full
    opening of planner.store.db then reports, creates or upgrades with its own words."""
    from planner.store import migrations

    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_HEADER:
                return None
        state = read_file(path)
    except (OSError, sqlite3.Error):
        return None
    if state.integrity != "ok" or state.revision is None or state.revision != migrations.head_revision():
        return None
    if differences(state.objects, expected_objects(state.revision)):
        return None
    return state
