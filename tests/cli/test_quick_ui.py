"""A bare `planner` on a current SQLite file opens the terminal UI without loading the command-line machinery;
everything else (a command, --help, a value Typer would refuse, a file to create) is left to Typer."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from planner.cli import quick

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from planner.config import Settings
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace

    path = tmp_path_factory.mktemp("quick-ui") / "demo.db"
    ws = Workspace.open(Settings.load(db=path))
    load_demo(ws)
    ws.close()
    return path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def opened(monkeypatch):
    """What the quick path would open: (settings, bid, today) per call, on a pretend terminal."""
    calls = []

    class Recorder:
        def __init__(self, settings, bid_id, today):
            calls.append((settings, bid_id, today))

        def run(self):
            pass

    import planner.tui

    monkeypatch.setattr(planner.tui, "make_app", lambda settings, bid_id=None, *, today=None:
                        Recorder(settings, bid_id, today))
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    return calls


def on_a_terminal(monkeypatch) -> None:
    """In the test's body: pytest puts its own output back in place after the fixtures ran."""
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())


def test_global_options_only_open_the_ui_directly(demo_db, opened, monkeypatch):
    on_a_terminal(monkeypatch)
    assert quick.open_ui(["--db", str(demo_db), "--bid", "1", "--today", "2011-10-03", "--locale", "sv",
                          "--read-only"])
    settings, bid, today = opened[-1]
    assert settings.sqlite_path == demo_db and settings.read_only and settings.locale == "sv"
    assert (bid, today) == (1, date(2011, 10, 3))
    assert quick.open_ui([f"--db={demo_db}"])
    assert opened[-1][1:] == (None, None)


@pytest.mark.parametrize("args", [
    ["bids"], ["--help"], ["--version"], ["--create"], ["--today", "2012-02-30"], ["--today", "20120101"],
    ["--bid", "0"], ["--bid", "x"], ["--locale", "xx"], ["--bid", "1", "--bid", "2"], ["--db"], ["status"],
])
def test_anything_else_is_left_to_typer(demo_db, opened, args, monkeypatch):
    on_a_terminal(monkeypatch)
    assert not quick.open_ui(["--db", str(demo_db), *args] if args != ["--db"] else args)
    assert opened == []


def test_a_file_to_create_or_refuse_is_left_to_typer(tmp_path, opened, monkeypatch):
    on_a_terminal(monkeypatch)
    assert not quick.open_ui(["--db", str(tmp_path / "missing.db")])
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert not quick.open_ui(["--db", str(notes)])
    assert opened == [] and not (tmp_path / "missing.db").exists()


def test_no_terminal_is_left_to_typer(demo_db, opened, monkeypatch):
    on_a_terminal(monkeypatch)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert not quick.open_ui(["--db", str(demo_db)])
    assert opened == []


def test_planner_on_a_terminal_shows_the_bid_and_quits_on_ctrl_q(demo_db, tmp_path):
    master, slave = os.openpty()
    env = {**os.environ, "PLANNER_CONFIG_DIR": str(tmp_path / "config"), "PLANNER_LOCALE": "en",
           "COLUMNS": "120", "LINES": "40", "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "planner", "--db", str(demo_db), "--today", "2011-10-03"],
                            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 120
    quitting = False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _w, _x = select.select([master], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if not quitting and "Gävle".encode() in seen and b"Overview" in seen:
                os.write(master, b"\x11")  # ctrl+q
                quitting = True
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert quitting, seen[-2000:]
    assert code == 0
    assert b"Traceback" not in seen
