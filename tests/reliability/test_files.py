"""No command can destroy or leak a file: every export is private, whole or not at all, and never the database.

Each export the CLI writes (dossier PDF, JSON bid file, CSV, XLSX, ICS, backup) is tried onto an existing
file (refused without --force, replaced with it), onto the open database, its -wal and -shm and links to
them (refused always), under umask 000 (still 0600, the exports folder 0700), and with a full disk (a
subprocess under RLIMIT_FSIZE: the old file stays, no temporary file is left).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from planner.services.files import FileNotWritten, FileRefused, check_target, database_files, write_private
from tests.reliability.conftest import ROOT, worker_env
from tests.reliability.test_team import run

OLD = b"the old file, which must survive\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """A database with the demo bid and its exchange rates, copied by each test that changes it."""
    from planner.config import Settings
    from planner.services.demo import load_demo
    from planner.services.rates import ensure_seeded
    from planner.services.workspace import Workspace

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ws = Workspace.open(Settings.load(db=str(path), env={"PLANNER_USER": "tester"}))
    try:
        load_demo(ws)
        ensure_seeded(ws)
    finally:
        ws.close()
    return path


@pytest.fixture
def db(demo_db, tmp_path) -> Path:
    from planner.services.team import backup_database

    target = tmp_path / "work" / "planner.db"
    target.parent.mkdir()
    backup_database(f"sqlite:///{demo_db}", target)
    return target


# what each export command is, and how to tell its output from the old bytes
EXPORTS = {
    "dossier": (["dossier", "--locale", "en", "--omit-confidential"], lambda data: data.startswith(b"%PDF-")),
    "json": (["export", "json"], lambda data: json.loads(data)["bid"]["conference"] == "Generator"),
    "csv": (["export", "csv", "--kind", "speakers"], lambda data: data.count(b"\n") > 3),
    "xlsx": (["export", "xlsx"], lambda data: data.startswith(b"PK")),
    "ics": (["export", "ics"], lambda data: data.startswith(b"BEGIN:VCALENDAR")),
    "backup": (["backup"], lambda data: data.startswith(b"SQLite format 3\x00")),
}


def looks_like(name: str, data: bytes) -> bool:
    """Whether bytes are what the export `name` writes."""
    try:
        return bool(EXPORTS[name][1](data))
    except (ValueError, KeyError, TypeError):
        return False


def export_args(name: str, target: Path) -> list[str]:
    args, _check = EXPORTS[name]
    return [*args, str(target)] if name == "backup" else [*args, "-o", str(target)]


def one_line(result) -> str:
    assert "Traceback" not in result.output, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


# --- the helper itself ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_written_files_are_0600_and_new_folders_0700_whatever_the_umask(tmp_path, umask):
    previous = os.umask(umask)
    try:
        path = write_private(tmp_path / "new" / "deeper" / "out.csv", b"a,b\r\n")
    finally:
        os.umask(previous)
    assert path.read_bytes() == b"a,b\r\n"
    assert mode(path) == 0o600
    assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "deeper") == 0o700
    assert mode(tmp_path) == stat.S_IMODE(tmp_path.stat().st_mode)  # a folder that existed is left as it was


def test_an_existing_file_is_replaced_only_when_asked(tmp_path):
    target = tmp_path / "out.json"
    target.write_bytes(OLD)
    with pytest.raises(FileRefused, match="already exists; add --force") as refused:
        write_private(target, b"new")
    assert str(target) in str(refused.value)
    assert target.read_bytes() == OLD
    write_private(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new" and mode(target) == 0o600
    assert leftovers(tmp_path) == []


def test_a_writer_that_fails_half_way_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "budget.xlsx"
    target.write_bytes(OLD)

    def half_then_fail(fh):
        fh.write(b"PK" + b"\0" * 10_000)
        raise OSError(28, "No space left on device")

    with pytest.raises(FileNotWritten, match="No space left on device") as failed:
        write_private(target, half_then_fail, overwrite=True)
    assert str(target) in str(failed.value)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_the_database_its_log_and_links_to_them_are_never_written(tmp_path):
    database = tmp_path / "planner.db"
    database.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    Path(f"{database}-wal").write_bytes(b"wal")
    (tmp_path / "link.db").symlink_to(database)
    (tmp_path / "link-to-wal").symlink_to(f"{database}-wal")
    (tmp_path / "link-to-shm").symlink_to(f"{database}-shm")  # dangling: the -shm is not there yet
    os.link(database, tmp_path / "hard.db")
    protected = database_files(database)
    for target in (database, Path(f"{database}-wal"), Path(f"{database}-shm"), tmp_path / "link.db",
                   tmp_path / "link-to-wal", tmp_path / "link-to-shm", tmp_path / "hard.db"):
        with pytest.raises(FileRefused, match="open database") as refused:
            write_private(target, b"%PDF-1.4", overwrite=True, protected=protected)
        assert str(target.absolute()) in str(refused.value)
    assert database.read_bytes().startswith(b"SQLite format 3\x00")
    assert Path(f"{database}-wal").read_bytes() == b"wal" and not Path(f"{database}-shm").exists()
    with pytest.raises(FileRefused, match="is a folder"):
        check_target(tmp_path, overwrite=True)


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "dossier.pdf"
    target.write_bytes(OLD)
    script = ("import sys; from pathlib import Path; from planner.services.files import write_private\n"
              "try:\n    write_private(Path(sys.argv[1]), b'%PDF' * 100_000, overwrite=True)\n"
              "except Exception as exc:\n    print(type(exc).__name__, exc)\n")
    result = subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, env=worker_env(),
                            capture_output=True, text=True, timeout=60, preexec_fn=_small_disk)
    assert result.stdout.startswith("FileNotWritten"), result.stdout + result.stderr
    assert "File too large" in result.stdout and str(target) in result.stdout
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def _small_disk() -> None:  # runs in the child: every file it writes stops at 4 KB
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))


# --- every export of the CLI ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(EXPORTS))
def test_export_onto_an_existing_file_needs_force(name, db):
    target = db.parent / f"existing.{name}"
    target.write_bytes(OLD)
    refused = run("--db", str(db), *export_args(name, target))
    assert refused.exit_code == 2, refused.output
    message = one_line(refused)
    assert str(target) in message and "--force" in message
    assert target.read_bytes() == OLD
    replaced = run("--db", str(db), *export_args(name, target), "--force")
    assert replaced.exit_code == 0, replaced.output
    assert looks_like(name, target.read_bytes())
    assert mode(target) == 0o600
    assert leftovers(db.parent) == []


@pytest.mark.parametrize("name", list(EXPORTS))
def test_export_onto_the_database_its_log_or_a_link_is_refused_even_with_force(name, db):
    from tests.reliability.test_team import bids_in

    (db.parent / "link.db").symlink_to(db)
    (db.parent / "link.wal").symlink_to(f"{db}-wal")
    assert run("--db", str(db), "db", "current").exit_code == 0  # the database has been opened: WAL mode
    targets = (db, Path(f"{db}-wal"), Path(f"{db}-shm"), db.parent / "link.db", db.parent / "link.wal")
    before = db.read_bytes()
    for target in targets:
        result = run("--db", str(db), *export_args(name, target), "--force")
        assert result.exit_code == 2, (target, result.output)
        message = one_line(result)
        assert "open database" in message and str(target) in message
    assert db.read_bytes() == before
    assert (db.parent / "link.db").is_symlink() and bids_in(db) == ["Generator"]
    assert leftovers(db.parent) == []


@pytest.mark.parametrize("name", list(EXPORTS))
def test_exports_are_private_under_umask_000(name, db):
    previous = os.umask(0)
    try:
        result = run("--db", str(db), *export_args(name, db.parent / "out" / f"new.{name}"))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    written = db.parent / "out" / f"new.{name}"
    assert looks_like(name, written.read_bytes())
    assert mode(written) == 0o600 and mode(db.parent / "out") == 0o700


def test_dossiers_in_the_exports_folder_are_private_and_never_replace_each_other(db, tmp_path):
    exports = tmp_path / "exports"  # PLANNER_EXPORT_DIR of the test environment
    exports.mkdir(mode=0o755)
    os.chmod(exports, 0o755)
    previous = os.umask(0)
    try:
        first = run("--db", str(db), "dossier", "--locale", "en", "--omit-confidential")
        second = run("--db", str(db), "dossier", "--locale", "en", "--omit-confidential")
    finally:
        os.umask(previous)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    made = sorted(exports.iterdir(), key=lambda p: len(p.name))
    assert len(made) == 2 and all(p.read_bytes().startswith(b"%PDF-") for p in made)
    assert made[1].name == made[0].stem + "-2.pdf"
    assert mode(exports) == 0o700 and all(mode(p) == 0o600 for p in made)


def test_every_csv_of_a_folder_export_is_checked_before_any_is_written(db):
    folder = db.parent / "csv"
    folder.mkdir()
    (folder / "timeline.csv").write_bytes(OLD)
    refused = run("--db", str(db), "export", "csv", "-o", str(folder))
    assert refused.exit_code == 2 and "timeline.csv" in one_line(refused)
    assert sorted(p.name for p in folder.iterdir()) == ["timeline.csv"]
    assert run("--db", str(db), "export", "csv", "-o", str(folder), "--force").exit_code == 0
    assert len(list(folder.glob("*.csv"))) == 16 and (folder / "timeline.csv").read_bytes() != OLD


@pytest.mark.parametrize("name", list(EXPORTS))
def test_a_full_disk_during_an_export_keeps_the_old_file(name, db, tmp_path):
    # a rollback-journal copy opened read-only: the child writes no file but the export, so the limit
    # is what stops the export itself
    quiet = tmp_path / "quiet.db"
    shutil.copy(db, quiet)
    con = sqlite3.connect(quiet)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    target = tmp_path / f"old.{name}"
    target.write_bytes(OLD)
    result = subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(quiet), "--read-only", *export_args(name, target), "--force"],
        cwd=ROOT, env=worker_env(), capture_output=True, text=True, timeout=180, preexec_fn=_small_disk)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "old." in lines[0], result.stderr
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []
