"""Working as a team on one database: the audit log (who changed what, when), and backup and restore.

The CLI (`planner log`, `planner backup`, `planner restore`) and the terminal UI's log view call these. A
SQLite database is copied with SQLite's online backup, so a copy taken while others work is consistent; a
PostgreSQL database is backed up with PostgreSQL's own tools, and `postgres_instructions` says how.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from planner.i18n import _
from planner.i18n.names import action_label
from planner.services.errors import PlannerError, ValidationError
from planner.services.workspace import HOUSEKEEPING, Workspace, get_bid
from planner.store import models as m
from planner.store.db import (
    SECRET_QUERY_KEYS,
    SQLITE_HEADER,
    ReadOnlyError,
    backup_sqlite,
    check_url,
    redact_url,
    sqlite_path_of,
)


class BackupError(PlannerError):
    """A backup or restore that cannot be done; the message says why and what to do."""


class UseDatabaseTools(PlannerError):
    """The database is PostgreSQL: its own tools back it up; the message says how."""


# --- the audit log ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """One change: who, when, what (table and record), and the fields as they were and became."""

    id: int
    at: datetime
    who: str
    action: str
    entity: str
    entity_id: str
    bid_id: int | None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        """The fields the change touched (for an update, only those whose value changed)."""
        names = set(self.before) | set(self.after)
        return sorted(n for n in names if n not in HOUSEKEEPING)

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "who": self.who, "action": self.action,
                "entity": self.entity, "entity_id": self.entity_id, "bid_id": self.bid_id,
                "before": self.before, "after": self.after}


def _loads(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time stored is UTC (models.utcnow)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def audit_log(ws: Workspace, bid_id: int | None = None, *, limit: int | None = 50,
              entity: str | None = None) -> list[LogEntry]:
    """The newest changes first, of one bid or of the whole database; `limit` None or 0 for all of them."""
    if limit is not None and limit < 0:
        raise ValidationError({"limit": _("The number of entries must be zero (all) or more.")})
    if bid_id is not None:
        get_bid(ws, bid_id)  # NotFound with the usual hint
    with ws.session() as s:
        query = select(m.AuditEntry)
        if bid_id is not None:
            query = query.where(m.AuditEntry.bid_id == bid_id)
        if entity:
            query = query.where(m.AuditEntry.entity == entity)
        query = query.order_by(m.AuditEntry.id.desc())
        if limit:
            query = query.limit(limit)
        rows = s.exec(query).all()
        return [LogEntry(id=r.id, at=_as_utc(r.at), who=r.who, action=r.action, entity=r.entity,
                         entity_id=r.entity_id, bid_id=r.bid_id, before=_loads(r.before), after=_loads(r.after))
                for r in rows]


def history_of(ws: Workspace, model: type, key: Any) -> list[LogEntry]:
    """Every change of one record, newest first (the 'who changed this?' of a conflict)."""
    with ws.session() as s:
        rows = s.exec(select(m.AuditEntry)
                      .where(m.AuditEntry.entity == model.__tablename__, m.AuditEntry.entity_id == str(key))
                      .order_by(m.AuditEntry.id.desc())).all()
        return [LogEntry(id=r.id, at=_as_utc(r.at), who=r.who, action=r.action, entity=r.entity,
                         entity_id=r.entity_id, bid_id=r.bid_id, before=_loads(r.before), after=_loads(r.after))
                for r in rows]


# --- backup and restore -----------------------------------------------------------------------------------


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def pg_tool_url(db_url: str) -> str:
    """The URL PostgreSQL's own tools take: no SQLAlchemy driver name and never the password."""
    url = sa.engine.make_url(db_url)
    # URL.set(password=None) keeps the password; build the URL anew without it
    query = {k: v for k, v in url.query.items() if k.lower() not in SECRET_QUERY_KEYS}  # ?password= too
    bare = sa.engine.URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                                database=url.database, query=query)
    return bare.render_as_string(hide_password=False)


def postgres_instructions(db_url: str, *, restore: bool = False) -> str:
    """How to back up (or restore) a PostgreSQL database with pg_dump / pg_restore, for this database."""
    target = pg_tool_url(db_url)
    dump = f"planner-{datetime.now():%Y%m%d}.dump"
    lines = [
        _("planner does not copy a PostgreSQL database itself; PostgreSQL's own tools do it safely while "
          "others keep working."),
        _("Back up (a compressed dump of every bid, the audit log and the schema):"),
        f'  pg_dump --format=custom --file={dump} "{target}"',
        _("Restore a dump into this database (replaces what is there; stop others working first):"),
        f'  pg_restore --clean --if-exists --no-owner --dbname="{target}" {dump}',
        _("The password is not shown: give it with PGPASSWORD or in ~/.pgpass."),
    ]
    if restore:
        lines.insert(0, _("planner restores only SQLite files; this database is PostgreSQL."))
    return "\n".join(lines)


def database_address(db_url: str) -> str:
    """Where the database is, as it may be shown: a file's path, or a server address without its password."""
    return redact_url(db_url)


def schema_revisions(ws: Workspace) -> tuple[str | None, str]:
    """The open database's schema revision and the one this program writes."""
    from planner.store import migrations

    return migrations.current(ws.db.engine), migrations.head_revision()


def upgraded_revision(ws: Workspace) -> str | None:
    """The schema revision of the open database (opening it upgrades it, after a backup)."""
    return schema_revisions(ws)[0]


def restore_target(settings) -> Path | None:
    """The SQLite file a restore would replace (None for a server database); refused when open read-only."""
    if settings.read_only:
        raise ReadOnlyError(_("This database is open read-only; restoring would replace it. "
                              "Run without --read-only."))
    return sqlite_path_of(settings.db_url)


def _sqlite_path(db_url: str) -> Path:
    path = sqlite_path_of(db_url)
    if path is None:
        check_url(db_url)  # a port that is not a number is said as such, not as a crash in the instructions
        if db_url.startswith("sqlite"):
            raise BackupError(_("An in-memory database cannot be backed up or restored."))
        raise UseDatabaseTools(postgres_instructions(db_url))
    return path


@dataclass(frozen=True)
class PlannerFile:
    """What a SQLite file holds, once checked to be a planner database."""

    path: Path
    schema: str
    bids: int


def check_planner_file(path: Path) -> PlannerFile:
    """Check that a file is an intact planner database this program can read; raises BackupError saying why."""
    from planner.store import migrations

    if not path.exists():
        raise BackupError(_("There is no file {path}.").format(path=path))
    if path.is_dir():
        raise BackupError(_("{path} is a folder, not a planner database.").format(path=path))
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise BackupError(_("{path} is not a planner database (not a SQLite file); nothing was changed.")
                          .format(path=path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = con.execute("PRAGMA quick_check").fetchone()
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                found = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
            bids = con.execute("SELECT count(*) FROM bid").fetchone()[0] if "bid" in tables else 0
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(_("{path} is damaged and cannot be read ({reason}); nothing was changed.")
                          .format(path=path, reason=exc)) from None
    if not check or check[0] != "ok":
        raise BackupError(_("{path} is damaged (integrity check: {reason}); nothing was changed.")
                          .format(path=path, reason=check[0] if check else "?"))
    if revision is None or "bid" not in tables:
        raise BackupError(_("{path} is a SQLite file but not a planner database; nothing was changed.")
                          .format(path=path))
    if revision not in migrations.known_revisions():
        raise BackupError(_("{path} was made by a newer version of planner (schema {found}); update planner "
                            "first. Nothing was changed.").format(path=path, found=revision))
    return PlannerFile(path=path, schema=revision, bids=bids)


def backup_database(db_url: str, target: Path | None = None) -> Path:
    """Copy the SQLite database (consistently, even while others write) to `target`, readable by its owner only.

    Without a target the copy goes beside the database as `<name>.backup-<time>`; a folder as target gets a
    file of that name inside it. An existing file is never overwritten.
    """
    path = _sqlite_path(db_url)
    if not path.exists() or path.stat().st_size == 0:
        raise BackupError(_("There is no database at {path} to back up.").format(path=path))
    check_planner_file(path)
    if target is not None:
        target = Path(target).expanduser()
        if target.is_dir():
            target = target / f"{path.name}.backup-{_stamp()}"
        if target.exists():
            raise BackupError(_("{path} already exists; choose another name (a backup never overwrites a file).")
                              .format(path=target))
        if target.resolve() == path.resolve():
            raise BackupError(_("The backup cannot be the database itself; choose another file."))
    copy = backup_sqlite(path, target)
    _single_file(copy)
    return copy


def _single_file(path: Path) -> None:
    """Turn a copy into one self-contained file (no write-ahead log beside it), easy to move and keep."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
    os.chmod(path, 0o600)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_kept_in: Path | None
    bids: int


def _keep_current(path: Path) -> Path | None:
    """Keep the database about to be replaced, even a damaged one, as `<name>.before-restore-<time>`."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        kept = backup_sqlite(path, label="before-restore")
        _single_file(kept)
        return kept
    except sqlite3.DatabaseError:
        # a damaged database cannot be copied page by page; keep its bytes (and its write-ahead log) as they are
        target = path.with_name(f"{path.name}.before-restore-{_stamp()}")
        for suffix in ("", "-wal"):
            source = Path(f"{path}{suffix}")
            if source.exists():
                copy = Path(f"{target}{suffix}")
                fd = os.open(copy, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                    shutil.copyfileobj(src, out)
                os.chmod(copy, 0o600)
        return target


def restore_database(db_url: str, source: Path) -> RestoreResult:
    """Replace the SQLite database with a planner database file, after keeping the current one as a backup.

    The file is checked first (SQLite, intact, a planner schema this program knows); nothing changes if it is
    not. The copy goes in through SQLite's backup, which takes the database's write lock, so anyone working
    in it at that moment waits instead of reading half of each.
    """
    try:
        path = _sqlite_path(db_url)
    except UseDatabaseTools:
        raise UseDatabaseTools(postgres_instructions(db_url, restore=True)) from None
    source = Path(source).expanduser()
    checked = check_planner_file(source)
    if path.exists() and source.resolve() == path.resolve():
        raise BackupError(_("{path} is the database itself; choose a backup file to restore.").format(path=source))
    kept = _keep_current(path)
    if not path.exists() or path.stat().st_size == 0:
        backup_sqlite(source, path)
    else:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(path, timeout=30)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.DatabaseError:
            # the current database is damaged (kept above): build the copy beside it, then swap the files
            fresh = backup_sqlite(source, path.with_name(f"{path.name}.restoring-{_stamp()}"))
            os.replace(fresh, path)
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        finally:
            src.close()
    os.chmod(path, 0o600)
    check_planner_file(path)
    return RestoreResult(restored_from=source, previous_kept_in=kept, bids=checked.bids)
