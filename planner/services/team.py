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
from planner.services.files import check_target, database_files, free_name, replacing, write_private
from planner.services.workspace import HOUSEKEEPING, Workspace, get_bid
from planner.store import models as m
from planner.store import schema_check
from planner.store.db import (
    SECRET_QUERY_KEYS,
    SQLITE_HEADER,
    ReadOnlyError,
    backup_sqlite,
    check_url,
    copy_sqlite,
    schema_problems,
    sqlite_path_of,
)
from planner.store.schema_check import connect_read_only


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
    with ws.read_session() as s:
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
    with ws.read_session() as s:
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


def check_planner_file(path: Path, *, full: bool = True) -> PlannerFile:
    """Check that a file is an intact planner database this program can read, with exactly the schema objects
    the migrations make (no trigger, view, missing or unknown table, column or index); raises BackupError
    saying why. The file is only read, through a read-only connection. `full`: PRAGMA integrity_check (every
    page and index) rather than the quick check."""
    from planner.store import migrations

    path = Path(path).expanduser()
    if not path.exists():
        raise BackupError(_("There is no file {path}.").format(path=path))
    if path.is_dir():
        raise BackupError(_("{path} is a folder, not a planner database.").format(path=path))
    if not path.is_file():
        raise BackupError(_("{path} is not a planner database (not a regular file); nothing was changed.")
                          .format(path=path))
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise BackupError(_("{path} is not a planner database (not a SQLite file); nothing was changed.")
                          .format(path=path))
    try:
        state = schema_check.read_file(path, full_check=full)
    except sqlite3.DatabaseError as exc:
        raise BackupError(_("{path} is damaged and cannot be read ({reason}); nothing was changed.")
                          .format(path=path, reason=exc)) from None
    if state.integrity != "ok":
        raise BackupError(_("{path} is damaged (integrity check: {reason}); nothing was changed.")
                          .format(path=path, reason=state.integrity))
    if state.revision is None or ("table", "bid") not in state.objects:
        if state.revision is not None and state.revision not in migrations.known_revisions():
            raise BackupError(_("{path} was made by a newer version of planner (schema {found}); update planner "
                                "first. Nothing was changed.").format(path=path, found=state.revision))
        raise BackupError(_("{path} is a SQLite file but not a planner database; nothing was changed.")
                          .format(path=path))
    if state.revision not in migrations.known_revisions():
        raise BackupError(_("{path} was made by a newer version of planner (schema {found}); update planner "
                            "first. Nothing was changed.").format(path=path, found=state.revision))
    problems = schema_problems(state)
    if problems:
        raise BackupError(_("{path} is not a planner database as planner makes it: {problems}. Nothing was "
                            "changed.").format(path=path, problems=schema_check.describe(problems)))
    return PlannerFile(path=path, schema=state.revision, bids=state.bids or 0)


def backup_database(db_url: str, target: Path | None = None, *, overwrite: bool = False) -> Path:
    """Copy the SQLite database (consistently, even while others write) to `target`, readable by its owner only.

    Without a target the copy goes beside the database as `<name>.backup-<time>`; a folder as target gets a
    file of that name inside it. An existing file is replaced only with `overwrite`, the database never. The
    copy is built in a temporary file and renamed into place, so a failed backup leaves nothing behind.
    """
    path = _sqlite_path(db_url)
    if not path.exists() or path.stat().st_size == 0:
        raise BackupError(_("There is no database at {path} to back up.").format(path=path))
    if target is None:
        target = free_name(path.with_name(f"{path.name}.backup-{_stamp()}"))
    else:
        target = Path(target).expanduser()
        if target.is_dir():
            target = free_name(target / f"{path.name}.backup-{_stamp()}")
    check_target(target, overwrite=overwrite, protected=database_files(path))
    check_planner_file(path, full=False)
    try:
        with replacing(target, overwrite=overwrite, protected=database_files(path)) as temp:
            copy_sqlite(path, temp)
    except sqlite3.Error as exc:
        raise BackupError(_("The backup to {path} failed ({reason}); nothing was written.")
                          .format(path=target, reason=exc)) from None
    return target.absolute()


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
        return backup_sqlite(path, label="before-restore")
    except sqlite3.DatabaseError:
        # a damaged database cannot be copied page by page; keep its bytes (and its write-ahead log) as they are
        target = free_name(path.with_name(f"{path.name}.before-restore-{_stamp()}"))
        for suffix in ("", "-wal"):
            source = Path(f"{path}{suffix}")
            if source.exists():
                with source.open("rb") as src:
                    write_private(Path(f"{target}{suffix}"), lambda out, src=src: shutil.copyfileobj(src, out))
        return target


def restore_database(db_url: str, source: Path) -> RestoreResult:
    """Replace the SQLite database with a planner database file, after keeping the current one as a backup.

    The file is checked first (SQLite, intact by PRAGMA integrity_check, exactly the schema objects planner's
    migrations make at a revision this program knows); nothing changes if it is not. The copy goes in through
    SQLite's backup, which takes the database's write lock, so anyone working in it at that moment waits
    instead of reading half of each; a missing or damaged database is replaced by a renamed temporary copy.
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
        _replace_file(source, path)
    else:
        src = connect_read_only(source)
        try:
            dst = sqlite3.connect(path, timeout=30)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.DatabaseError:
            _replace_file(source, path)  # the current database is damaged (kept above)
        finally:
            src.close()
    os.chmod(path, 0o600)
    check_planner_file(path, full=False)
    return RestoreResult(restored_from=source, previous_kept_in=kept, bids=checked.bids)


def _replace_file(source: Path, path: Path) -> None:
    """Put a copy of `source` in place of the database file by renaming a finished copy over it."""
    with replacing(path, overwrite=True) as temp:
        copy_sqlite(source, temp)
    for suffix in ("-wal", "-shm"):  # the old file's log must not be replayed into the new one
        Path(f"{path}{suffix}").unlink(missing_ok=True)
