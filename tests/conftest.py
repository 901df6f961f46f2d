"""Shared fixtures: an isolated environment, real SQLite files, and a real PostgreSQL server."""

from __future__ import annotations

import itertools
import os

import pytest

from planner.i18n import set_locale

_counter = itertools.count()


@pytest.fixture(scope="session", autouse=True)
def databases_made_on_purpose():
    """The tests make their databases on purpose, module fixtures included (isolated_env sets it again for
    every test; tests/cli/test_conventions.py drops it to test the question)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANNER_CREATE", "1")
        yield


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No test reads the user's own configuration, database or exports."""
    for var in list(os.environ):
        if var.startswith("PLANNER_"):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLANNER_EXPORT_DIR", str(tmp_path / "exports"))
    monkeypatch.setenv("PLANNER_CONFIG_DIR", str(tmp_path / "config"))  # what the terminal UI remembers
    monkeypatch.setenv("PLANNER_LOCALE", "en")
    monkeypatch.setenv("PLANNER_USER", "tester")
    # the tests make their databases on purpose (tests/cli/test_conventions.py drops this to test the question)
    monkeypatch.setenv("PLANNER_CREATE", "1")
    monkeypatch.setenv("PLANNER_ECB_URL", "http://127.0.0.1:9/unreachable/")
    set_locale("en")
    yield
    set_locale("en")


@pytest.fixture(scope="session")
def pg_server():
    from tests.pgserver import start_server

    server = start_server()
    if isinstance(server, str):
        pytest.skip(f"PostgreSQL tests skipped: {server}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database on the test server."""
    return pg_server.create_database(f"t{os.getpid()}_{next(_counter)}")


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'planner.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request, tmp_path):
    """Runs a storage test on a real SQLite file and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'planner.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db(any_db_url):
    from planner.store.db import open_database

    database = open_database(any_db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url):
    from planner.store.db import open_database

    database = open_database(sqlite_url)
    yield database
    database.dispose()
