"""The Changes screen (the audit log of the bid), the navigation line that leads to it, and the dossier's
progress in words."""

from __future__ import annotations

from planner.config import Settings
from planner.i18n import use_locale
from planner.store import models as m
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, fill, screen_text, settle


def detail(app) -> str:
    return str(app.screen.query_one("#change-detail").render())


async def test_an_edit_made_in_the_ui_shows_who_changed_what(tmp_path):
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace

    settings = Settings.load(db=tmp_path / "p.db", locale="en").with_(user="anna")
    ws = Workspace.open(settings)
    load_demo(ws)
    ws.close()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        partner = app.screen.record_of("partners-table")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "contact_name", "Karin Lund")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert app.current_mode == "changes"
        table = app.screen.query_one("#changes-table")
        first = [str(c) for c in table.get_row_at(0)]
        assert first[1:] == ["anna", "changed", "Partner", partner.name, "Contact"]
        assert "2 changes, newest first." in screen_text(app)
        shown = detail(app)
        assert f"Partner “{partner.name}”" in shown and "changed by anna" in shown
        assert f"Contact  {partner.contact_name or '–'} → Karin Lund" in shown
        # the older entry in detail, then back; filtering keeps only the rows holding every word
        await pilot.press("down")
        await pilot.pause()
        assert "imported by anna" in detail(app)
        await pilot.press("slash")
        await pilot.press(*"imported")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert table.row_count == 1 and "imported by anna" in detail(app)
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 2


async def test_changes_follow_each_edit_and_show_amounts_and_labels(tmp_path):
    from planner.services.workspace import Workspace, add_record, create_bid, update_record

    settings = Settings.load(db=tmp_path / "p.db", locale="en").with_(user="erik")
    ws = Workspace.open(settings)
    bid = create_bid(ws, conference="Nordic Makers", host_city="Sandviken", attendance_expected=200,
                     base_currency="SEK")
    line = add_record(ws, m.BudgetLine(bid_id=bid.id, kind="expense", category="venue", label="Hall",
                                       basis="fixed", currency="SEK", unit_minor=4_500_000))
    app = make_app(settings, bid_id=bid.id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        rows = app.screen.query_one("#changes-table").row_count
        # a change made elsewhere shows after the bid reloads (here: r reads the log again)
        update_record(ws, m.BudgetLine, line.id, {"unit_minor": 5_000_000, "category": "catering"})
        await pilot.press("r")
        await settle(pilot)
        table = app.screen.query_one("#changes-table")
        assert table.row_count == rows + 1
        # the cursor was on the newest change, so it moves to the new newest
        shown = detail(app)
        assert "Budget line “Hall”" in shown
        assert "Unit amount" in shown and "45,000.00" in shown and "50,000.00" in shown
        assert "Category" in shown and "Venue → Catering" in shown
        await app.set_language("sv")
        await settle(pilot)
        shown = detail(app)
        assert "Budgetrad “Hall”" in shown and "erik ändrade" in shown
        assert "Kategori     Lokal → Mat och dryck" in shown and "45\xa0000,00\xa0kr → 50\xa0000,00\xa0kr" in shown
        assert "9 Ändringar" in str(app.screen.query_one("#navbar").render())
    ws.close()


async def test_a_read_only_database_shows_its_changes(tmp_path):
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace, load_bundle, update_record

    settings = Settings.load(db=tmp_path / "p.db", locale="en").with_(user="anna")
    ws = Workspace.open(settings)
    bid_id, _new = load_demo(ws)
    task = load_bundle(ws, bid_id).tasks[0]
    key, title = task.id, task.title
    update_record(ws, m.Task, key, {"owner": "Lena"})
    ws.close()
    app = make_app(settings.with_(read_only=True), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        text = screen_text(app)
        assert "Task" in text and title in text and "anna" in text
        assert "→ Lena" in detail(app)


async def test_a_long_log_shows_the_latest_entries_and_says_so(tmp_path, monkeypatch):
    from planner.services.workspace import Workspace, create_bid, update_record
    from planner.tui.screens import changes

    monkeypatch.setattr(changes, "LIMIT", 5)
    settings = Settings.load(db=tmp_path / "p.db", locale="en").with_(user="anna")
    ws = Workspace.open(settings)
    bid = create_bid(ws, conference="Nordic Makers", host_city="Sandviken", attendance_expected=200,
                     base_currency="SEK")
    for n in range(8):
        update_record(ws, m.Bid, bid.id, {"host_city": f"Sandviken {n}"})
    ws.close()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.run_command("changes", None)
        await settle(pilot)
        assert app.current_mode == "changes"
        assert app.screen.query_one("#changes-table").row_count == 5
        note = str(app.screen.query_one("#changes-note").render())
        assert "Showing the latest 5 changes" in note and f"--bid {bid.id} --limit 0" in note
        assert "Sandviken 6 → Sandviken 7" in detail(app)


def test_the_palette_has_the_changes_command():
    from planner.tui.commands import COMMANDS

    assert ("log: show changes", "changes") in [(title, mode) for title, _h, mode, _a in COMMANDS]


def test_the_navigation_line_fits_with_every_screen():
    from rich.text import Text

    from planner.tui.app import SCREENS
    from planner.tui.widgets.navbar import NavBar

    for lang in ("en", "sv"):
        with use_locale(lang):
            for mode in SCREENS:
                line = Text.from_markup(NavBar(mode).markup(120)).plain
                assert len(line) <= 120, (lang, mode, line)
                assert ("9 Changes" if lang == "en" else "9 Ändringar") in line
                if lang == "en":
                    assert "F1 Help" in line  # in Swedish it makes room for the others: f1 is in the footer
            wide = Text.from_markup(NavBar("overview").markup(200)).plain
            assert "4 Speakers and programme" in wide or "4 Talare och program" in wide
            narrow = Text.from_markup(NavBar("budget").markup(60)).plain
            assert "3 Budget" in narrow


def test_dossier_progress_in_words():
    from planner.tui.screens.dossier import stage_text

    with use_locale("en"):
        assert stage_text("pages", 3, 12) == "Laying out pages… (page 3)"
        assert stage_text("sections", 2, 9) == "Writing the sections… (2 of 9)"
        assert stage_text("fonts", 1, 1) == "fonts"
    with use_locale("sv"):
        assert stage_text("pages", 3, 12) == "Lägger ut sidor… (sida 3)"
        assert stage_text("sections", 2, 9) == "Skriver avsnitten… (2 av 9)"


async def test_the_dossier_screen_reports_stages_in_words(settings, demo_bid, tmp_path):
    from planner.services import dossier

    app = make_app(settings.with_(locale="sv", export_dir=tmp_path / "exports"), today=TODAY)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        screen = app.screen
        original = screen._progress

        def spy(step, done, total):
            original(step, done, total)
            seen.append(str(screen.query_one("#dossier-result").render()))

        screen._progress = spy
        screen.export(dossier, {"locale": "sv", "audience": "committee", "recipient": "", "partner": None,
                                "today": TODAY, "omit_confidential": True})
        await settle(pilot)
    assert any(text.startswith("Skriver avsnitten…") for text in seen)
    assert any(text.startswith("Lägger ut sidor…") for text in seen)
    assert not any(text in ("pages", "sections") for text in seen)
