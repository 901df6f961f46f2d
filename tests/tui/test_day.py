"""The coordinator's day, driven with the keyboard: create a bid, venues, budget, partners, timeline, language."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from planner.store import models as m
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, add_record, fill, screen_text, settle


async def test_first_launch_welcomes_and_creates_a_bid(settings):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current_mode == "start"
        assert "There is no bid in this database yet" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "conference", "Generator")
        await fill(pilot, "host_city", "Gävle")
        await fill(pilot, "bid_deadline", "2011-11-30")
        await fill(pilot, "event_start", "2012-05-24")
        await fill(pilot, "event_end", "2012-05-25")
        await fill(pilot, "attendance_expected", "300")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.current_mode == "overview"
        assert app.bundle.bid.conference == "Generator"
        assert app.bundle.bid.attendance_expected == 300
        assert app.bundle.bid.event_days == 2
        assert "58 days to the bid deadline" in screen_text(app)


async def test_add_a_venue_and_score_it(settings, small_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_record(pilot, "2", name="Sandvikens Folkets Hus", cost_minor="45 000")
        venue = app.bundle.venues[0]
        assert venue.name == "Sandvikens Folkets Hus" and venue.cost_minor == 4_500_000
        # the scoring matrix: first criterion row, the venue's column, enter, type 8
        await pilot.click("#venue-tabs Tab#--content-tab-tab-scoring")
        await pilot.pause()
        matrix = app.screen.query_one("#matrix")
        matrix.focus()
        matrix.move_cursor(row=0, column=3)
        await pilot.pause()
        await pilot.press("enter", "8")
        await settle(pilot)
        criterion = app.bundle.criteria[0]
        with workspace.session() as s:
            score = s.get(m.VenueScore, (venue.id, criterion.id))
        assert score is not None and score.score == 8
        ranking = str(app.screen.query_one("#ranking").render())
        assert "Sandvikens Folkets Hus" in ranking
        # the ranking moved with the score
        assert app.analysis.ranking.venues[0].total > 0


async def test_budget_lines_change_the_result(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.analysis.budget["expected"].result.minor == 0
        await add_record(pilot, None, kind="expense", category="venue", label="Folkets Hus, two days",
                         unit_minor="60 000", vat_rate_percent="0")
        assert app.analysis.budget["expected"].result.minor == -6_000_000
        assert "Folkets Hus, two days" in screen_text(app)
        await add_record(pilot, None, kind="income", category="registration", basis="per_attendee",
                         label="Delegate fee", unit_minor="400", vat_rate_percent="0")
        # 200 expected attendees x 400 kr = 80 000 kr income against 60 000 kr venue
        assert app.analysis.budget["expected"].result.minor == 2_000_000
        assert "SEK20,000" in str(app.screen.query_one("#budget-result").render())
        # the scenario switch shows the low scenario's figures
        await pilot.press("l")
        await settle(pilot)
        assert "Low" in str(app.screen.query_one("#budget-result").render())


async def test_a_commitment_shrinks_the_funding_gap(settings, small_bid, workspace):
    from planner.services.workspace import add_record as save

    save(workspace, m.BudgetLine(bid_id=small_bid, kind="expense", category="venue", label="Venue",
                                       unit_minor=10_000_000, currency="SEK", vat_rate_percent=0))
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        gap_before = app.analysis.funding["expected"].gap.minor
        assert gap_before == 10_000_000
        await add_record(pilot, "5", name="Sandvikens kommun", kind="municipality")
        await add_record(pilot, None, key="c", status="signed", amount_minor="40 000", description="Co-financing")
        assert app.bundle.commitments[0].amount_minor == 4_000_000
        assert app.analysis.funding["expected"].gap.minor == 6_000_000
        assert "Funding gap SEK60,000" in str(app.screen.query_one("#pipeline").render())


async def test_add_a_milestone_relative_to_the_deadline(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_record(pilot, "6", title="Dossier to the printer", kind="milestone", anchor="bid_deadline",
                         offset_days="-5")
        task = app.bundle.tasks[0]
        assert (task.title, task.kind, task.anchor, task.offset_days) == (
            "Dossier to the printer", "milestone", "bid_deadline", -5)
        scheduled = app.analysis.timeline.tasks[0]
        assert scheduled.due.isoformat() == "2011-11-26"
        assert "Dossier to the printer" in screen_text(app)
        await pilot.press("v")
        await settle(pilot)
        assert "◆" in str(app.screen.query_one("#gantt-body").render())


async def test_generate_the_standard_timeline(settings, workspace, small_bid):
    from planner.services import records

    records.update(workspace, "bid", small_bid, {"decision_date": date(2011, 12, 20)})  # it plans from it
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert len(app.bundle.tasks) >= 5
        assert app.bundle.dependencies


async def test_switching_the_language_redraws_everything(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "8 Inställn." in str(app.screen.query_one("#navbar").render())  # the Swedish, shortened to fit
        assert "Språk" in screen_text(app)
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "Kategori" in text and "Resultat" in str(app.screen.query_one("#result-panel").border_title)
        assert "kr" in str(app.screen.query_one("#budget-result").render())
        footer = " ".join(b.binding.description for b in app.screen.active_bindings.values())
        assert "Lägg till" in footer
        await pilot.press("1")
        await settle(pilot)
        assert "Beredskap" in screen_text(app) or "Beredskap" in str(
            app.screen.query_one("#panel-readiness").border_title)


async def test_delete_asks_first_and_undo_puts_it_back(settings, demo_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        before = len(app.bundle.partners)
        table = app.screen.query_one("#partners-table")
        table.focus()
        name = str(table.get_row_at(0)[0])  # a cell is literal Text
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert len(app.bundle.partners) == before
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        # the partner has commitments: a second, clearer question
        assert "commitment" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await settle(pilot)
        assert len(app.bundle.partners) == before - 1
        assert name not in [p.name for p in app.bundle.partners]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert name in [p.name for p in app.bundle.partners]
        with workspace.session() as s:
            partner = s.exec(select(m.Partner).where(m.Partner.name == name)).one()
            assert s.exec(select(m.Commitment).where(m.Commitment.partner_id == partner.id)).all()


async def test_tables_sort_and_filter(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#speakers-table")
        table.focus()
        await pilot.press("s")  # by name, ascending
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert names == sorted(names, key=str.lower)
        await pilot.press("s")  # reversed
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == names[::-1]
        await pilot.press("slash")
        await pilot.press(*"gävle")
        await pilot.pause(0.3)  # the filter waits for a pause in the typing
        assert 0 < table.row_count < len(names)
        assert all("gävle" in " ".join(map(str, table.get_row_at(i))).lower() for i in range(table.row_count))
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == len(names)


async def test_command_palette_runs_namespaced_commands(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"budget: add line")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "budget"
        assert app.screen.query_one("#form-title").render().plain.startswith("New budget line")


async def test_export_the_dossier_with_a_progress_bar(settings, demo_bid):
    from pathlib import Path

    from pypdf import PdfReader

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        app.screen.query_one("#dossier-language").value = "sv"
        await pilot.press("ctrl+e")
        await settle(pilot)
        # the demo's one confidential sponsor cannot be hidden in the totals: asked before anything is written
        assert app.screen.query_one("#form-title").render().plain == "Confidential amounts this dossier cannot hide"
        assert "The Galaxy of Postproduction" in screen_text(app) and not app.bundle.exports
        await pilot.click("#disclosure-omit")
        await settle(pilot)
        assert len(app.bundle.exports) == 1
        export = app.bundle.exports[0]
        assert export.locale == "sv" and Path(export.path).exists()
        assert len(PdfReader(export.path).pages) == export.pages > 3
        assert app.screen.query_one("#dossier-progress").percentage == 1
        assert "Saved as" in str(app.screen.query_one("#dossier-result").render())
        assert export.path in screen_text(app)
