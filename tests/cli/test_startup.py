"""A command starts with what it needs only: `planner bids` and `planner status` never import the libraries
of documents, files, the network, the terminal UI or migrations (their import alone costs more than the
command's own work)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from planner.services import workspace as wsvc
from planner.store.db import open_database

NOT_NEEDED = ("reportlab", "openpyxl", "icalendar", "httpx", "alembic", "textual")

# Runs the command as the `planner` script does, then writes the names of the imported modules to a file.
RUN = """
import json, sys
written, sys.argv = sys.argv[1], ["planner", *sys.argv[2:]]
from planner.cli import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
with open(written, "w", encoding="utf-8") as out:
    json.dump(sorted(sys.modules), out)
"""


def imported_by(tmp_path, *args: str) -> set[str]:
    from planner.i18n import catalog

    catalog("en"), catalog("sv")  # the compiled catalogs are kept, as a first run keeps them
    modules = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", RUN, str(modules), *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=120)
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in json.loads(modules.read_text(encoding="utf-8"))}


def _one_bid(sqlite_url) -> None:
    ws = wsvc.Workspace(db=open_database(sqlite_url), user="tester")
    try:
        wsvc.create_bid(ws, conference="Generator", host_city="Gävle", attendance_expected=300)
    finally:
        ws.close()


@pytest.mark.parametrize("command", [["bids"], ["status", "--json"], ["status"], ["status", "--json", "--lines"],
                                     ["--locale", "sv", "status", "--scenario", "low"]])
def test_a_listing_command_imports_no_library_it_does_not_use(tmp_path, sqlite_url, command):
    _one_bid(sqlite_url)
    imported = imported_by(tmp_path, "--db", sqlite_url, *command)
    assert "planner" in imported  # the command ran
    assert sorted(imported & set(NOT_NEEDED)) == []


# Listing the bids of a current SQLite file needs neither the ORM nor the command-line machinery.
NOT_NEEDED_TO_LIST = ("sqlalchemy", "sqlmodel", "pydantic", "typer", "babel.messages")


@pytest.mark.parametrize("command", [["bids"], ["bids", "--json"], ["--locale", "sv", "--read-only", "bids"]])
def test_listing_the_bids_imports_no_orm_and_no_typer(tmp_path, sqlite_url, command):
    _one_bid(sqlite_url)
    imported_by(tmp_path, "--db", sqlite_url, "bids")  # a first run keeps the compiled catalogs
    modules = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", RUN, str(modules), "--db", sqlite_url, *command],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Generator, Gävle" in done.stdout
    imported = set(json.loads(modules.read_text(encoding="utf-8")))
    assert "planner.services.listing" in imported
    assert sorted(name for name in imported if name.split(".")[0] in NOT_NEEDED_TO_LIST
                  or name in NOT_NEEDED_TO_LIST) == []
