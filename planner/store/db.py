"""Opening a planner database safely: engine factory, SQLite pragmas, schema checks, migrations, sessions.

`open_database(url)` is the one way in. It creates a new SQLite file (owner-only permissions), refuses a file
that is not a planner database or is corrupt (leaving it untouched), refuses a database made by a newer
program, and upgrades an older one after copying a SQLite file to a dated backup beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from planner.errors import PlannerError
from planner.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


class DatabaseError(PlannerError):
    """A database that cannot be used, with a message for the user (a PlannerError like every other)."""


class NotAPlannerDatabase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class ReadOnlyError(DatabaseError):
    pass


class BadDatabaseUrl(DatabaseError):
    """A --db / PLANNER_DB value no engine can be made from: a usage mistake."""

    exit_code = 2


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed transaction survives power loss, which is what a bid's money deserves.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_begin_immediate(conn) -> None:
    # Take the write lock at BEGIN so two writers queue on busy_timeout instead of failing with
    # "database is locked" when a read transaction tries to upgrade to a write.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, echo: bool = False, read_only: bool = False) -> Engine:
    """An engine for a URL; for SQLite with foreign keys, WAL, busy timeout and durable sync on every connection."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        if read_only:
            # SQLite itself refuses every write, also one that bypasses the session's checks
            @event.listens_for(engine, "connect")
            def _query_only(dbapi_connection, _record):
                dbapi_connection.execute("PRAGMA query_only = ON")

        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_connection, _record):  # let SQLAlchemy's "begin" event emit BEGIN
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            if read_only:
                conn.exec_driver_sql("BEGIN")
            else:
                _sqlite_begin_immediate(conn)

    else:
        engine = sa.create_engine(url, echo=echo, pool_pre_ping=True)
        if read_only:
            @event.listens_for(engine, "begin")
            def _read_only(conn):
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    return engine


def sqlite_path_of(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    raw = url.split(":///", 1)[1] if ":///" in url else ""
    if not raw or raw == ":memory:" or raw.startswith("file:"):
        return None
    return Path(raw)


def _check_sqlite_file(path: Path) -> bool:
    """True when the file must be created; raises for a file that is not a usable SQLite database."""
    if not path.exists():
        return True
    if path.is_dir():
        raise NotAPlannerDatabase(_("{path} is a folder, not a planner database.").format(path=path))
    size = path.stat().st_size
    if size == 0:
        return True
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise NotAPlannerDatabase(
            _("{path} is not a planner database (not a SQLite file). It was left untouched; "
              "choose another file with --db.").format(path=path)
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotAPlannerDatabase(
            _("{path} is damaged and cannot be read ({reason}). It was left untouched; "
              "restore it from a backup.").format(path=path, reason=exc)
        ) from None
    if not result or result[0] != "ok":
        raise NotAPlannerDatabase(
            _("{path} is damaged (integrity check: {reason}). It was left untouched; "
              "restore it from a backup.").format(path=path, reason=result[0] if result else "?")
        )
    return False


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def backup_sqlite(path: Path, target: Path | None = None, *, label: str = "backup") -> Path:
    """Copy a SQLite database with SQLite's online backup; the copy is readable by its owner only."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target or path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists() and target.stat().st_size > 0:
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    _create_private_file(target)
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.chmod(target, 0o600)
    return target


@dataclass
class Database:
    """An open, checked, up-to-date planner database."""

    url: str
    engine: Engine
    read_only: bool = False
    backup_path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends normally, rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                if self.read_only and (session.new or session.dirty or session.deleted):
                    raise ReadOnlyError(_("This database is open read-only; changes are not saved."))
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, upgrade: bool = True, read_only: bool = False) -> Database:
    """Open (creating or upgrading as needed) the planner database at `url`."""
    from planner.store import migrations

    check_url(url)
    path = sqlite_path_of(url)
    if path is not None:
        new = _check_sqlite_file(path)
        if new:
            if read_only:
                raise DatabaseError(_("There is no database at {path} to open read-only.").format(path=path))
            _create_private_file(path)
    engine = make_engine(url, read_only=read_only)
    try:
        state = migrations.inspect_schema(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(_("Cannot open the database: {reason}").format(reason=_first_line(exc))) from None
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(_("Cannot open the database: {reason}").format(reason=_first_line(exc))) from None
    db = Database(url=url, engine=engine, read_only=read_only)
    if state.foreign:
        engine.dispose()
        raise NotAPlannerDatabase(
            _("{where} holds tables that are not a planner database's. It was left untouched; "
              "choose another database with --db.").format(where=path or _redact(url))
        )
    if state.too_new:
        engine.dispose()
        raise DatabaseTooNew(
            _("The database was made by a newer version of planner (schema {found}; this program knows up to "
              "{known}). Update planner; the database was not changed.").format(found=state.current, known=state.head)
        )
    if state.needs_upgrade:
        if not upgrade or read_only:
            engine.dispose()
            raise DatabaseError(
                _("The database needs an upgrade (schema {found} -> {known}); run 'planner db upgrade'.")
                .format(found=state.current or "-", known=state.head)
            )
        if path is not None and not state.empty:
            engine.dispose()
            db.backup_path = backup_sqlite(path, label=f"before-{state.head}")
            engine = make_engine(url)
            db.engine = engine
        migrations.upgrade(engine)
    return db


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else exc.__class__.__name__


# Query parameters libpq reads secrets from (postgresql://host/db?password=...).
SECRET_QUERY_KEYS = frozenset({"password", "sslpassword"})
_USERINFO_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")
_QUERY_PASSWORD = re.compile(r"([?&](?:ssl)?password=)[^&#]*", re.IGNORECASE)


def _redact(url: str) -> str:
    """A URL without its password (in the user part or as ?password=), for messages and logs."""
    try:
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL SQLAlchemy cannot read is still shown without its secrets
        shown = _USERINFO_PASSWORD.sub(r"\1***@", url)
    return _QUERY_PASSWORD.sub(r"\1***", shown)


def check_url(url: str) -> None:
    """Refuse, as one clear DatabaseError, a database URL no engine can be made from."""
    try:
        parsed = sa.engine.make_url(url)
        port = parsed.port
    except ValueError:  # SQLAlchemy reads the port with int()
        raise BadDatabaseUrl(_("The port in {url} is not a number; write it as host:5432.")
                            .format(url=_redact(url))) from None
    except sa.exc.ArgumentError:
        raise BadDatabaseUrl(_("{url} is not a database URL; give a file path or "
                              "postgresql+psycopg://user@host:port/database.").format(url=_redact(url))) from None
    if port is not None and not 0 < port < 65536:
        raise BadDatabaseUrl(_("The port in {url} is not between 1 and 65535.").format(url=_redact(url)))
    try:
        parsed.get_dialect()
    except sa.exc.NoSuchModuleError:
        raise BadDatabaseUrl(_("{driver} in {url} is not a database planner can use; use a file path (SQLite) or "
                              "postgresql+psycopg://...").format(driver=parsed.drivername, url=_redact(url))) from None


redact_url = _redact
