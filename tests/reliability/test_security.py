"""Security: private files, and no secret (API token, database password) in the database, the log or an export."""

from __future__ import annotations

import json
import stat

import pytest

from planner.services import team
from planner.services import workspace as wsvc
from planner.store import models as m
from tests.integrations.loopback_server import Answer, Loopback
from tests.reliability.test_team import run

TOKEN = "pretalx-s3cr3t-T0KEN-9f8e7d"
PASSWORD = "Hemligt-L0senord"
FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "integrations" / "fixtures"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_kept_copies_are_readable_by_their_owner_only(tmp_path):
    db = tmp_path / "p.db"
    assert run("--db", str(db), "demo").exit_code == 0
    assert run("--db", str(db), "backup", str(tmp_path / "copy.db")).exit_code == 0
    assert run("--db", str(db), "restore", "--yes", str(tmp_path / "copy.db")).exit_code == 0
    files = [p for p in tmp_path.iterdir() if p.name.startswith(("p.db", "copy.db"))]
    assert {p.name.split(".")[0] for p in files} == {"p", "copy"} and len(files) >= 4
    for path in files:
        assert mode(path) == 0o600, f"{path.name} is {oct(mode(path))}"


@pytest.fixture
def pretalx_server():
    server = Loopback()
    server.thread.start()
    base = server.url
    event = "/api/events/generator2012/"
    page1 = (FIXTURES / "pretalx_v2_speakers_page1.json").read_text().replace("{base}", base)
    page2 = (FIXTURES / "pretalx_v2_speakers_page2.json").read_text().replace("{base}", base)
    headers = {"Content-Type": "application/json"}
    server.route(event + "speakers/", Answer(body=page1, headers=headers), Answer(body=page2, headers=headers))
    server.route(event + "submissions/", Answer(body=(FIXTURES / "pretalx_v2_submissions.json").read_bytes(),
                                                headers=headers))
    server.route(event + "rooms/", Answer(body=b'{"count": 0, "next": null, "previous": null, "results": []}',
                                          headers=headers))
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_pretalx_token_from_the_environment_never_lands_anywhere(tmp_path, monkeypatch, pretalx_server):
    monkeypatch.setenv("PLANNER_PRETALX_TOKEN", TOKEN)
    db = tmp_path / "p.db"
    run("--db", str(db), "bid", "new", "--conference", "Generator", "--city", "Gävle")
    outputs = [run("--db", str(db), "import", "pretalx", pretalx_server.url, "generator2012", "--yes")]
    assert outputs[0].exit_code == 0, outputs[0].output
    assert any(seen.headers.get("authorization") == f"Token {TOKEN}" for seen in pretalx_server.requests)
    outputs += [run("--db", str(db), "log", "--json", "--limit", "0"), run("--db", str(db), "log"),
                run("--db", str(db), "export", "json", "-o", str(tmp_path / "bid.json")),
                run("--db", str(db), "export", "csv", "--kind", "speakers", "-o", str(tmp_path / "speakers.csv")),
                run("--db", str(db), "backup", str(tmp_path / "backup.db"))]
    ws = wsvc.Workspace.open(__import__("planner.config", fromlist=["Settings"]).Settings.load(db=str(db)))
    try:
        assert len(wsvc.load_bundle(ws, 1).speakers) == 3  # the import really happened
    finally:
        ws.close()
    for result in outputs:
        assert TOKEN not in result.output
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), f"the token is in {path.name}"


def test_postgresql_password_is_never_printed(pg_url):
    # the test server trusts local connections, so any password is accepted and must still never be shown
    url = pg_url.replace("planner@", f"planner:{PASSWORD}@")
    for args in (("db", "current"), ("bids",), ("backup",), ("restore", "--yes", "nothing.db"), ("log",)):
        result = run("--db", url, *args)
        assert PASSWORD not in result.output, args
    assert "planner@" in run("--db", url, "backup").output
    unreachable = run("--db", f"postgresql+psycopg://planner:{PASSWORD}@127.0.0.1:9/none", "bids")
    assert unreachable.exit_code == 1 and PASSWORD not in unreachable.output


def test_password_is_not_in_the_database_or_the_log(pg_url):
    url = pg_url.replace("planner@", f"planner:{PASSWORD}@")
    assert run("--db", url, "demo").exit_code == 0
    ws = wsvc.Workspace.open(__import__("planner.config", fromlist=["Settings"]).Settings.load(db=url))
    try:
        entries = team.audit_log(ws, limit=0)
        bundle_text = json.dumps([e.as_dict() for e in entries]) + run("--db", url, "export", "json").output
    finally:
        ws.close()
    assert PASSWORD not in bundle_text


def test_exported_csv_neutralises_formulas_typed_into_names(tmp_path):
    from planner.services.exports import csv_bytes

    ws = wsvc.Workspace.open(__import__("planner.config", fromlist=["Settings"]).Settings.load(
        db=str(tmp_path / "p.db")))
    try:
        bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
        wsvc.add_record(ws, m.Speaker(bid_id=bid.id, display_name='=HYPERLINK("http://evil.example","Anna")'))
        text = csv_bytes(ws, bid.id, "speakers").decode("utf-8-sig")
    finally:
        ws.close()
    assert '=HYPERLINK' in text and ',=HYPERLINK' not in text and '\n=HYPERLINK' not in text


async def test_the_settings_screen_shows_the_database_address_without_its_password(pg_url):
    from textual.widgets import Static

    from planner.config import Settings
    from planner.tui import make_app
    from tests.tui.conftest import SIZE, settle

    url = pg_url.replace("planner@", f"planner:{PASSWORD}@") + f"?sslmode=disable&password={PASSWORD}"
    app = make_app(Settings.load(db=url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.switch_mode("settings")
        await settle(pilot)
        shown = str(app.screen.query_one("#db-path", Static).render())
        assert PASSWORD not in shown and "planner:***@" in shown and "password=***" in shown


async def test_the_settings_screen_shows_a_database_path_as_typed(tmp_path):
    from textual.widgets import Static

    from planner.config import Settings
    from planner.tui import make_app
    from tests.tui.conftest import SIZE, settle

    folder = tmp_path / "[bold red]team [@click=app.quit]x"
    folder.mkdir()
    app = make_app(Settings.load(db=folder / "p.db"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.switch_mode("settings")
        await settle(pilot)
        shown = str(app.screen.query_one("#db-path", Static).render())
        assert str(folder / "p.db") in shown
