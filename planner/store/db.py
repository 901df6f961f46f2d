"""Opening a planner database safely: engine factory, SQLite pragmas, the checks before trust, migrations, sessions.

`open_database(url)` is the one way in. It creates a new SQLite file (owner-only permissions); an existing
file is looked at through a read-only connection first and refused, its bytes untouched, when it is not a
planner database, is damaged, was made by a newer program, or holds schema objects the migrations do not
make (a trigger, a view, a missing or unknown table, column or index). An older one is upgraded after a
dated copy is kept beside it. Only then is it opened for work (WAL); `read_only` opens it with `mode=ro`.

Sessions: `session()` is a unit of work that writes; on SQLite it begins IMMEDIATE, taking the write lock at
once so two writers queue instead of failing half way. A writer that has to wait says so through
`LockWait.notify` and gives up, with a clear message, only after `LockWait.limit_s`. `session(write=False)`
only reads: it begins a plain (deferred) transaction, so readers carry on in WAL while someone writes.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from planner.errors import PlannerError
from planner.i18n import _
from planner.store import schema_check

SQLITE_HEADER = schema_check.SQLITE_HEADER
BUSY_TIMEOUT_MS = 10_000  # readers and checkpoints
WRITE_NOTICE_MS = 2_000  # a writer waiting this long says so
WRITE_LIMIT_S = 300.0  # ... and gives up after this long
READ_ONLY_OPTION = "planner_read_only"
NO_WAIT_OPTION = "planner_no_wait"


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
class DatabaseBusy(DatabaseError):
    """Another change held the write lock for longer than a writer waits; nothing was saved."""


@dataclass
class LockWait:
    """How a writer waits behind another on SQLite: whom it tells (once per wait) and for how long at most."""

    notify: Callable[[str], None] | None = None
    limit_s: float = WRITE_LIMIT_S


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed transaction survives power loss, which is what a bid's money deserves.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _read_only_pragmas(dbapi_connection, _record) -> None:
    # no journal_mode here: switching a read-only file to WAL would change its bytes
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only = ON")  # SQLite itself refuses every write, also one past the session
    cursor.close()


def _busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _begin_write(raw: sqlite3.Connection, lock: LockWait, wait: bool) -> None:
    """BEGIN IMMEDIATE; behind another writer, say so after a moment and wait up to the limit."""
    try:
        raw.execute(f"PRAGMA busy_timeout = {WRITE_NOTICE_MS}")
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
            if not wait:
                raise DatabaseBusy(_("The database is busy with another change; nothing was saved.")) from None
        if lock.notify is not None:
            lock.notify(_("Waiting for the database: another change is being saved…"))
        remaining_ms = max(int(lock.limit_s * 1000) - WRITE_NOTICE_MS, 0)
        raw.execute(f"PRAGMA busy_timeout = {remaining_ms}")
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
            raise DatabaseBusy(
                _("Another change has kept the database busy for {seconds} seconds; nothing was saved. "
                  "Try again when it is done.").format(seconds=round(lock.limit_s))) from None
    except sqlite3.Error as exc:
        raise DatabaseError(_("The database could not start a change: {reason}").format(reason=exc)) from None
    finally:
        try:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.Error:
            pass


def make_engine(url: str, *, echo: bool = False, read_only: bool = False, lock: LockWait | None = None) -> Engine:
    """An engine for a URL; for SQLite with foreign keys, WAL, busy timeout and durable sync on every connection.

    A read-only SQLite engine opens the file with `mode=ro` and leaves its journal mode alone.
    """
    lock = lock or LockWait()
    if url.startswith("sqlite"):
        path = sqlite_path_of(url)
        if read_only and path is not None:
            uri = schema_check.read_only_uri(path)
            engine = sa.create_engine(
                "sqlite://", echo=echo, poolclass=sa.pool.QueuePool,
                creator=lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                                check_same_thread=False))
            event.listen(engine, "connect", _read_only_pragmas)
        else:
            engine = sa.create_engine(
                url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            )
            event.listen(engine, "connect", _read_only_pragmas if read_only else _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_connection, _record):  # let SQLAlchemy's "begin" event emit BEGIN
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            options = conn.get_execution_options()
            raw = conn.connection.dbapi_connection
            if read_only or options.get(READ_ONLY_OPTION):
                raw.execute("BEGIN")  # deferred: a reader never takes the write lock
            else:
                _begin_write(raw, lock, wait=not options.get(NO_WAIT_OPTION))

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
    if not path.is_file():
        raise NotAPlannerDatabase(_("{path} is not a planner database (not a regular file). It was left "
                                    "untouched; choose another file with --db.").format(path=path))
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
    return False


def _read_sqlite_file(path: Path) -> schema_check.FileState:
    """The file's state through a read-only connection; damage is a NotAPlannerDatabase saying so."""
    try:
        state = schema_check.read_file(path)
    except sqlite3.DatabaseError as exc:
        raise NotAPlannerDatabase(
            _("{path} is damaged and cannot be read ({reason}). It was left untouched; "
              "restore it from a backup.").format(path=path, reason=exc)
        ) from None
    if state.integrity != "ok":
        raise NotAPlannerDatabase(
            _("{path} is damaged (integrity check: {reason}). It was left untouched; "
              "restore it from a backup.").format(path=path, reason=state.integrity)
        )
    return state


def schema_problems(state: schema_check.FileState) -> list[str]:
    """How a file's schema objects differ from what the migrations make at its revision (empty: none)."""
    from planner.store import migrations

    if state.revision is None or state.revision not in migrations.known_revisions():
        return []
    problems = schema_check.differences(state.objects, schema_check.expected_objects(state.revision))
    if problems:  # before refusing, ask the migrations themselves (another SQLite may describe objects otherwise)
        problems = schema_check.differences(state.objects, schema_check.built_objects(state.revision))
    return problems


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into the (new, empty) file `target`: consistent while others write,
    one self-contained file (no write-ahead log beside it), fsynced, readable by its owner only."""
    src = schema_check.connect_read_only(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(target, 0o600)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(path: Path, *, label: str = "backup") -> Path:
    """A dated copy beside the database (`<name>.<label>-<time>`), never over an existing file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while True:
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            break
        except FileExistsError:
            target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
            n += 1
    os.close(fd)
    try:
        copy_sqlite(path, target)
    except BaseException:
        target.unlink(missing_ok=True)  # a failed copy (disk full) leaves no half file behind
        raise
    return target


@dataclass
class Database:
    """An open, checked, up-to-date planner database."""

    url: str
    engine: Engine
    read_only: bool = False
    backup_path: Path | None = None
    lock: LockWait = field(default_factory=LockWait)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path_of(self.url)

    @contextmanager
    def session(self, *, write: bool = True, wait: bool = True) -> Iterator[Session]:
        """A unit of work: committed when the block ends normally, rolled back on any error.

        `write=False` is a read: a deferred transaction that never takes the write lock and is never
        committed (changes made in it are a programming error). `wait=False`: a writer that finds the
        database busy gives up at once (for changes that can be skipped).
        """
        if not write:
            with Session(self.engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False,
                         autoflush=False) as session:
                yield session
                if session.new or session.dirty or session.deleted:
                    raise RuntimeError("a read session was asked to save changes")
            return
        bind = self.engine if wait else self.engine.execution_options(**{NO_WAIT_OPTION: True})
        with Session(bind, expire_on_commit=False) as session:
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


def _too_new(found: str | None, known: str) -> DatabaseTooNew:
    return DatabaseTooNew(
        _("The database was made by a newer version of planner (schema {found}; this program knows up to "
          "{known}). Update planner; the database was not changed.").format(found=found, known=known)
    )


def _needs_upgrade(found: str | None, known: str) -> DatabaseError:
    return DatabaseError(_("The database needs an upgrade (schema {found} -> {known}); run 'planner db upgrade'.")
                         .format(found=found or "-", known=known))


def _foreign(where: object) -> NotAPlannerDatabase:
    return NotAPlannerDatabase(
        _("{where} holds tables that are not a planner database's. It was left untouched; "
          "choose another database with --db.").format(where=where)
    )


def open_database(url: str, *, upgrade: bool = True, read_only: bool = False) -> Database:
    """Open (creating or upgrading as needed) the planner database at `url`."""
    check_url(url)
    path = sqlite_path_of(url)
    if path is not None:
        return _open_sqlite_file(url, path, upgrade=upgrade, read_only=read_only)
    return _open_server(url, upgrade=upgrade, read_only=read_only)


def _open_sqlite_file(url: str, path: Path, *, upgrade: bool, read_only: bool) -> Database:
    from planner.store import migrations

    lock = LockWait()
    if _check_sqlite_file(path):
        if read_only:
            raise DatabaseError(_("There is no database at {path} to open read-only.").format(path=path))
        _create_private_file(path)
        engine = make_engine(url, lock=lock)
        migrations.upgrade(engine)
        return Database(url=url, engine=engine, lock=lock)
    # everything below looks through a read-only connection until the file has earned trust
    state = _read_sqlite_file(path)
    head = migrations.head_revision()
    if state.foreign:
        raise _foreign(path)
    if state.revision is not None and state.revision not in migrations.known_revisions():
        raise _too_new(state.revision, head)
    problems = schema_problems(state)
    if problems:
        raise NotAPlannerDatabase(
            _("{path} is not a planner database as planner makes it: {problems}. It was left untouched; "
              "restore a backup or choose another file with --db.")
            .format(path=path, problems=schema_check.describe(problems)))
    backup_path = None
    if state.revision != head:
        if not upgrade or read_only:
            raise _needs_upgrade(state.revision, head)
        if not state.empty:
            backup_path = backup_sqlite(path, label=f"before-{head}")
        engine = make_engine(url, lock=lock)
        try:
            migrations.upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return Database(url=url, engine=engine, backup_path=backup_path, lock=lock)
    return Database(url=url, engine=make_engine(url, read_only=read_only, lock=lock), read_only=read_only,
                    lock=lock)


def _open_server(url: str, *, upgrade: bool, read_only: bool) -> Database:
    from planner.store import migrations

    engine = make_engine(url, read_only=read_only)
    try:
        state = migrations.inspect_schema(engine)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise DatabaseError(_("Cannot open the database: {reason}").format(reason=_first_line(exc))) from None
    db = Database(url=url, engine=engine, read_only=read_only)
    if state.foreign:
        engine.dispose()
        raise _foreign(_redact(url))
    if state.too_new:
        engine.dispose()
        raise _too_new(state.current, state.head)
    if state.needs_upgrade:
        if not upgrade or read_only:
            engine.dispose()
            raise _needs_upgrade(state.current, state.head)
        migrations.upgrade(engine)
    return db


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else exc.__class__.__name__


# Query parameters libpq reads secrets from (postgresql://host/db?password=...).
SECRET_QUERY_KEYS = frozenset({"password", "sslpassword"})
_USERINFO_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")
_QUERY_PASSWORD = re.compile(r"([?&](?:ssl)?password=)[^&#]*", re.IGNORECASE)


def secret_query_key(key: str) -> bool:
    """Whether a URL query parameter carries a secret (password=, sslpassword= ...)."""
    return key.lower() in SECRET_QUERY_KEYS or "password" in key.lower()


def _redact(url: str) -> str:
    """A URL without its password (in the user part or as ?password=), for messages and logs.

    An address without a password in its user part is kept as it was typed (a SQLite path is shown as the
    path, not percent-encoded); only one with a password is rewritten.
    """
    try:
        parsed = sa.engine.make_url(url)
        shown = url if parsed.password is None else parsed.render_as_string(hide_password=True)
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
