"""Fixtures of the browser tests: the demo bid in a database, free ports, and `planner serve` as a process.

Every server a test starts is ended by its pid when the test ends (SIGTERM, then SIGKILL), and so is any
session process it leaves; nothing is ended by name.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

START_SECONDS = 120  # a loaded machine starts Python, Textual and the database slowly


@pytest.fixture
def demo_db(tmp_path) -> Path:
    from planner.config import Settings
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace

    path = tmp_path / "demo.db"
    ws = Workspace.open(Settings.load(db=path))
    try:
        load_demo(ws)
    finally:
        ws.close()
    return path


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (zombies included: a child not yet reaped is still there)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether the process is there and not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_until_no_children(pid: int, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := children(pid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def end(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


@dataclass
class Served:
    process: subprocess.Popen
    host: str
    port: int
    out: Path
    err: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def log(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        sessions = children(self.pid)
        if self.process.poll() is None:
            end(self.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                end(self.pid, signal.SIGKILL)
                self.process.wait(10)
        for pid in sessions:  # a session the server did not end (it should have): ended here, by its pid
            end(pid, signal.SIGKILL)


@pytest.fixture
def serve(tmp_path, demo_db):
    """`serve(*options, host=..., env=...)` starts `planner serve` on the demo database and a free port, and
    returns once it listens."""
    started: list[Served] = []

    def start(*options: str, host: str = "127.0.0.1", env: dict | None = None) -> Served:
        port = free_port("0.0.0.0" if host == "0.0.0.0" else "127.0.0.1")
        out, err = tmp_path / f"serve-{port}.out", tmp_path / f"serve-{port}.err"
        command = [sys.executable, "-m", "planner", "serve", "--db", str(demo_db), "--host", host,
                   "--port", str(port), *options]
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(command, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
                                       env={**os.environ, **(env or {})})
        served = Served(process, host, port, out, err)
        started.append(served)
        deadline = time.monotonic() + START_SECONDS
        while "Serving" not in served.output():
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"planner serve did not start:\n{served.output()}\n{served.log()}")
            time.sleep(0.2)
        return served

    yield start
    for served in started:
        served.stop()
