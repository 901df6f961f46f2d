"""How each screen looks at 120x40 on the demo bid (and an empty database), some of them in Swedish, and
every screen at 80x24.

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the
report before committing.
"""

from __future__ import annotations

import pytest

from planner.config import Settings
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, fill, settle


def demo_app(tmp_path, locale: str = "en"):
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace

    settings = Settings.load(db=tmp_path / "p.db", locale=locale)
    ws = Workspace.open(settings)
    load_demo(ws)
    ws.close()
    return make_app(settings, today=TODAY)


def visit(*keys: str, then=None):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
            await settle(pilot)
        for path in pilot.app.screen.query("#db-path, #export-path"):
            path.update("(the folder of this machine)")  # differs per run
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_welcome_on_an_empty_database(snap_compare, tmp_path):
    app = make_app(Settings.load(db=tmp_path / "p.db"), today=TODAY)
    assert snap_compare(app, terminal_size=SIZE, run_before=visit())


def test_start_lists_the_bids_in_swedish(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit("ctrl+o"))


def test_overview(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit())


def test_overview_in_swedish(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit())


def test_venues(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("2"))


def test_venue_scoring_matrix(snap_compare, tmp_path):
    async def scoring(pilot):
        await pilot.click("#venue-tabs Tab#--content-tab-tab-scoring")

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("2", then=scoring))


def test_overview_at_80x24(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=visit())


def test_budget_at_80x24(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=visit("3"))


@pytest.mark.parametrize("key", ["2", "4", "5", "6", "7", "8"],
                         ids=["venues", "speakers", "partners", "timeline", "dossier", "settings"])
def test_every_screen_at_80x24(snap_compare, tmp_path, key):
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=visit(key))


def test_standard_timeline_question(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("6", "g"))


def test_budget_in_swedish(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit("3"))


def test_budget_by_category_high_scenario(snap_compare, tmp_path):
    async def categories(pilot):
        await pilot.click("#budget-tabs Tab#--content-tab-tab-categories")

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("3", "h", then=categories))


def test_speakers(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("4"))


def test_programme_grid(snap_compare, tmp_path):
    async def grid(pilot):
        await pilot.click("#programme-tabs Tab#--content-tab-tab-grid")

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("4", then=grid))


def test_partners(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("5"))


def test_timeline_list(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("6"))


def test_timeline_gantt_in_swedish(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit("6", "v"))


def test_dossier(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("7"))


def test_settings(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("8"))


def test_help_in_swedish(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit("f1"))


def test_budget_form_with_errors(snap_compare, tmp_path):
    async def bad_line(pilot):
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "label", "")
        await fill(pilot, "unit_minor", "12,5O")
        await pilot.press("ctrl+s")

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("3", then=bad_line))


@pytest.mark.parametrize("key", ["x"])
def test_confirm_before_delete(snap_compare, tmp_path, key):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("2", key))


@pytest.fixture
def stockholm_time():
    """The Changes screen shows times in the local time zone: make it the same on every machine."""
    import os
    import time

    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Stockholm"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def changed_demo_app(tmp_path, locale: str = "en"):
    """The demo bid after a morning's edits by two people, at fixed times (the log records the real time)."""
    import sqlite3

    from planner.services import records
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace, add_record, load_bundle, update_record
    from planner.store import models as m

    settings = Settings.load(db=tmp_path / "p.db", locale=locale).with_(user="anna")
    ws = Workspace.open(settings)
    bid_id, _new = load_demo(ws)
    bundle = load_bundle(ws, bid_id)
    line = next(x for x in bundle.budget_lines if x.label == "Exhibition stands")
    update_record(ws, m.BudgetLine, line.id, {"label": "Exhibition stands, large", "unit_minor": 450_000})
    ws.close()
    ws = Workspace.open(settings.with_(user="erik"))
    partner = next(p for p in bundle.partners if str(p.letter_status) == "requested")
    update_record(ws, m.Partner, partner.id, {"letter_status": "received", "letter_received_on": TODAY})
    add_record(ws, m.Speaker(bid_id=bid_id, display_name="Maria Sjöberg", organisation="Sandvik", fee_currency="SEK",
                             travel_currency="SEK"))
    records.delete(ws, "task", bundle.tasks[-1].id)
    ws.close()
    con = sqlite3.connect(tmp_path / "p.db")
    with con:
        con.execute("UPDATE audit_entry SET at = datetime('2011-10-03 06:30:00', '+' || (id * 17) || ' minutes')")
    con.close()
    return make_app(settings, today=TODAY)


def test_changes(snap_compare, tmp_path, stockholm_time):
    assert snap_compare(changed_demo_app(tmp_path), terminal_size=SIZE, run_before=visit("9"))


def test_changes_in_swedish_showing_a_creation(snap_compare, tmp_path, stockholm_time):
    assert snap_compare(changed_demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit("9", "down"))


def test_bid(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=visit("0"))


def test_bid_in_swedish(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path, "sv"), terminal_size=SIZE, run_before=visit("0"))


def test_bid_date_options_at_80x24(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=visit("0", "right_square_bracket"))
