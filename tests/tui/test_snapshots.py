"""How each screen looks at 120x40 on the demo bid (and an empty database), some of them in Swedish.

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
