"""Helpers of the reliability tests: running worker processes on a database and reading what they reported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def worker_env(user: str = "worker") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env.update(PYTHONPATH=str(ROOT), PLANNER_USER=user, PLANNER_LOCALE="en",
               PLANNER_DATA_DIR=os.environ.get("PLANNER_DATA_DIR", ""))
    return env


def start_worker(*args: str, user: str = "worker") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.worker", *args], cwd=ROOT,
                            env=worker_env(user), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_ready(proc: subprocess.Popen, timeout: float = 60) -> None:
    line = proc.stdout.readline()
    assert line.strip() == "ready", f"worker did not start: {line!r} {proc.stderr.read() if proc.poll() else ''}"


def committed(stdout: str) -> list[list[str]]:
    """The changes a worker reported as committed (a line cut short by a kill is not a report)."""
    return [line.split()[1:] for line in stdout.splitlines(keepends=True)
            if line.startswith("committed ") and line.endswith("\n")]


@pytest.fixture
def workspace_of():
    """Open workspaces on a URL (closed at the end of the test)."""
    opened = []

    def open_(url: str, user: str = "tester", **kwargs):
        from planner.services.workspace import Workspace
        from planner.store.db import open_database

        ws = Workspace(db=open_database(url, **kwargs), user=user)
        opened.append(ws)
        return ws

    yield open_
    for ws in opened:
        ws.close()
