"""Starting fast: the bid's name and first figures are on screen before the bid is loaded, the rest shows
"Computing…" until the engines are done, and the first screen does not wait for the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, screen_text, settle, told

ROOT = Path(__file__).resolve().parents[2]

# the first screen of the bid: what is imported when its name is on screen, and once the bid is loaded
FIRST_SCREEN = """
import json, sys
from planner.config import Settings
from planner.tui import make_app
app = make_app(Settings.load(db=sys.argv[1]))
seen = {}
def loaded():
    return sorted(m for m in ("reportlab", "openpyxl", "httpx", "alembic", "sqlalchemy")
                  if any(k == m or k.startswith(m + ".") for k in sys.modules))
painted = app._first_screen_painted
def first_screen_painted():  # the first screen of the bid is on the terminal; the loading starts now
    seen["named"] = loaded()
    seen["title"] = app.screen.sub_title
    seen["bundle_in"] = app.bundle is not None
    painted()
app._first_screen_painted = first_screen_painted
def done():
    if app.analysis is None or any(w.is_running and w.group in ("db", "load") for w in app.workers):
        app.set_timer(0.01, done)
        return
    seen["loaded"] = loaded()
    app.exit()
app.call_later(done)
app.run(headless=True, size=(120, 40))
print(json.dumps(seen))
"""


def test_the_first_screen_of_the_bid_imports_no_pdf_spreadsheet_network_or_migration_library(demo_bid, settings):
    title = "Generator 2012, Gävle"
    result = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(settings.sqlite_path), title],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["title"] == title
    assert not seen["bundle_in"]  # the name came from the first light read, before the bid was loaded
    assert seen["named"] == []  # neither reportlab, openpyxl, httpx, Alembic nor even SQLAlchemy yet
    assert "sqlalchemy" in seen["loaded"]  # then the workspace opened in a worker ...
    assert not {"reportlab", "openpyxl", "httpx", "alembic"} & set(seen["loaded"])  # ... a current file: no upgrade


async def test_the_overview_shows_the_bid_and_says_computing_until_the_engines_are_done(demo_bid, settings,
                                                                                      monkeypatch):
    import planner.tui.analysis as analysis_module

    release = threading.Event()
    real = analysis_module.analyse

    def slow_analyse(*args, **kwargs):
        release.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis_module, "analyse", slow_analyse)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):  # until the bid's own figures, from the first read, are in its panel
            await pilot.pause(0.01)
            if app.current_mode == "overview" and "days to the bid deadline" in screen_text(app):
                break
        text = screen_text(app)
        first = app.preview
        assert app.screen.sub_title == first.title == "Generator 2012, Gävle"
        assert f"{(first.bid_deadline - TODAY).days} days to the bid deadline" in text
        assert (f"Attendance: {first.attendance_low} / {first.attendance_expected} / {first.attendance_high}"
                in text)
        assert text.count("Computing…") == 5  # readiness, budget, funding, milestones, alerts
        assert app.analysis is None
        release.set()
        await settle(pilot)
        text = screen_text(app)
        assert "Computing…" not in text
        assert "% ready" in text and "Funding need (expected)" in text
        assert not isinstance(app.screen.query_one("#ov-budget").content, str)  # the budget table


PANELS = ("ov-deadline", "ov-readiness", "ov-budget", "ov-funding", "ov-milestones", "ov-alerts")


def panels(app) -> dict[str, str]:
    """What each Overview panel shows, as plain text (a table's cells too)."""
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    out = {}
    for panel in PANELS:
        content = app.screen.query_one(f"#{panel}").content
        with console.capture() as captured:
            console.print(content)
        out[panel] = captured.get()
    return out


def _held_workspace(monkeypatch) -> threading.Event:
    """The workspace's opening waits for the returned event (as a slow disk or a large file would hold it)."""
    from planner.tui.app import PlannerApp

    release = threading.Event()
    real = PlannerApp.open_workspace_now

    def held(self):
        release.wait(timeout=60)
        return real(self)

    monkeypatch.setattr(PlannerApp, "open_workspace_now", held)
    return release


async def _first_figures(app, pilot) -> dict[str, str]:
    for _ in range(1500):
        await pilot.pause(0.01)
        if app.current_mode == "overview" and "Computing…" not in screen_text(app) and app.first_analysis:
            break
    assert app.ws is None and app.bundle is None and app.analysis is None  # the workspace is still closed
    assert "Computing…" not in screen_text(app) and "Loading…" not in screen_text(app)
    return panels(app)


async def test_every_panel_is_drawn_from_the_bid_read_without_the_orm_before_the_workspace_opens(
        demo_bid, settings, monkeypatch):
    """The Overview's figures come from the light read (sqlite3, no ORM) while the workspace is still closed;
    once it opens and the bid is loaded, every panel shows the same, and the engines did not run again."""
    release = _held_workspace(monkeypatch)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        early = await _first_figures(app, pilot)
        assert "% ready" in early["ov-readiness"] and "Funding need (expected)" in early["ov-funding"]
        assert not isinstance(app.screen.query_one("#ov-budget").content, str)  # the budget table
        first = app.first_analysis[2]
        release.set()
        await settle(pilot)
        assert app.bundle is not None and app.analysis is first  # the same rows: taken over, not computed again
        assert app.analysis.plan.bundle is app.bundle  # now on the loaded records
        assert panels(app) == early


async def test_a_change_between_the_light_read_and_the_loading_is_computed_again(demo_bid, settings, monkeypatch):
    """Someone saves a change to the file after the first figures were read: the loaded bid is analysed anew
    and the Overview shows the new figures."""
    import sqlite3

    release = _held_workspace(monkeypatch)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        early = await _first_figures(app, pilot)
        first = app.first_analysis[2]
        con = sqlite3.connect(settings.sqlite_path)
        with con:  # every expense line's unit price up by 1 000 kronor
            con.execute("UPDATE budget_line SET unit_minor = unit_minor + 100000 WHERE kind = 'expense'")
        con.close()
        release.set()
        await settle(pilot)
        assert app.analysis is not None and app.analysis is not first
        later = panels(app)
        assert later["ov-budget"] != early["ov-budget"]
        assert app.analysis.budget != first.budget
        assert later["ov-deadline"] == early["ov-deadline"]


async def test_switching_scenario_uses_the_status_computed_ahead(demo_bid, settings):
    from planner.domain.enums import Scenario

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert set(app.analysis.status) == set(Scenario)  # the other scenarios were computed once it was shown
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("h")
        assert not any(w.group == "status" for w in app.workers)  # nothing left to compute on the switch
        await settle(pilot)
        assert "Scenario: High" in screen_text(app)


async def test_the_bid_asked_for_is_opened_whether_listed_or_archived(workspace, demo_bid, settings):
    from planner.services import workspace as ws_service

    listed = ws_service.create_bid(workspace, conference="Nordic Makers", host_city="Sandviken", base_currency="SEK")
    archived = ws_service.create_bid(workspace, conference="Old Days", host_city="Falun", base_currency="SEK")
    ws_service.archive_bid(workspace, archived.id)
    for bid, title in ((listed, "Nordic Makers, Sandviken"), (archived, "Old Days, Falun")):
        app = make_app(settings, bid_id=bid.id, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.bid_id == bid.id
            assert app.current_mode == "overview"
            assert app.screen.sub_title == title


async def test_a_damaged_rate_is_said_once_in_words_and_the_app_keeps_running(demo_bid, settings, workspace):
    """A rate edited by hand to text: the light read leaves it to the loading, which says what is wrong in
    one toast (not one per read, not a Python exception's repr); the bid's own figures stay on screen."""
    import sqlite3

    from planner.services.rates import ensure_seeded

    ensure_seeded(workspace)
    workspace.close()
    con = sqlite3.connect(settings.sqlite_path)
    with con:
        con.execute("UPDATE exchange_rate SET rate = 'abc' WHERE id = (SELECT min(id) FROM exchange_rate)")
    con.close()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):
            await pilot.pause(0.01)
            if told(app):
                break
        await settle(pilot)
        errors = [text for text in told(app) if "exchange rate" in text or "went wrong" in text]
        assert errors == ["The database holds 'abc' where an exchange rate belongs, which is not a number: the "
                          "file was changed outside planner. Restore it from a backup."]
        assert "days to the bid deadline" in screen_text(app) and app.is_running
