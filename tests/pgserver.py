"""A throwaway PostgreSQL server for the storage tests, started where PostgreSQL is installed.

The server refuses to run as root, so under root it runs as the `postgres` (or `nobody`) user. It listens on
loopback on a free port, trusts local connections, and is removed when the tests end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def find_pg_bin() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    user: str | None
    proc: subprocess.Popen | None = None

    def _cmd(self, *args: str) -> list[str]:
        if self.user:
            return ["runuser", "-u", self.user, "--", *args]
        return list(args)

    def start(self) -> None:
        data = self.root / "data"
        subprocess.run(
            self._cmd(str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "planner", "-E", "UTF8",
                      "--no-sync"),
            check=True, capture_output=True,
        )
        self.proc = subprocess.Popen(
            self._cmd(str(self.bindir / "postgres"), "-D", str(data), "-p", str(self.port), "-k", str(self.root),
                      "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=100"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("PostgreSQL did not start")
        time.sleep(0.3)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://planner@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg

        for _ in range(50):
            try:
                with psycopg.connect(f"host=127.0.0.1 port={self.port} user=planner dbname=postgres",
                                     autocommit=True) as con:
                    con.execute(f'CREATE DATABASE "{name}"')
                return self.url(name)
            except psycopg.OperationalError:
                time.sleep(0.2)
        raise RuntimeError("PostgreSQL does not accept connections")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PgServer | str:
    """A running server, or the reason none could be started."""
    bindir = find_pg_bin()
    if bindir is None:
        return "PostgreSQL is not installed (no initdb found)"
    user = None
    if os.geteuid() == 0:
        for candidate in ("postgres", "nobody"):
            try:
                pwd.getpwnam(candidate)
                user = candidate
                break
            except KeyError:
                continue
        if user is None:
            return "running as root and no unprivileged user to run PostgreSQL as"
    root = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    os.chmod(root, 0o755)
    if user:
        pw = pwd.getpwnam(user)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    server = PgServer(bindir=bindir, root=root, port=_free_port(), user=user)
    server.start()
    return server
