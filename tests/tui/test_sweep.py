"""What a sweep of every screen in a terminal at 80x24, 120x40 and 200x60 found, on the demo bid and on a
large one: each test drives the screen as a person does and reads what the screen draws."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region

from planner.tui import make_app
from tests.tui.conftest import TODAY, settle


def drawn(widget) -> list[str]:
    """The lines of a widget the terminal shows, as text: what it draws, less what the containers around it
    clip (a Static wider than its panel is cut at the panel's edge)."""
    region = widget.region
    seen = region
    for node in widget.ancestors:
        inner = getattr(node, "scrollable_content_region", None)
        if inner is not None and getattr(node, "is_scrollable", False) or node is widget.screen:
            seen = seen.intersection(inner if node is not widget.screen else node.region)
    crop = Region(seen.x - region.x, seen.y - region.y, seen.width, seen.height)
    return ["".join(segment.text for segment in strip).rstrip()[crop.x:crop.right]
            for strip in widget.render_lines(Region(0, crop.y, region.width, crop.height))]


AMOUNT = re.compile(r"-?SEK[\d,]+")


def make_it_big(workspace, bid_id: int) -> None:
    """The demo bid with amounts a large bid has: an expense in billions, a commitment in millions."""
    from sqlmodel import select

    from planner.domain.enums import Basis, BudgetCategory, LineKind
    from planner.services.workspace import add_record
    from planner.store import models as m

    add_record(workspace, m.BudgetLine(bid_id=bid_id, kind=LineKind.EXPENSE, category=BudgetCategory.VENUE,
                                       label="Arena", basis=Basis.PER_ATTENDEE, unit_minor=3_000_000_00,
                                       currency="SEK"))
    with workspace.session() as session:
        partner = session.exec(select(m.Partner).where(m.Partner.bid_id == bid_id)).first()
        partner_id = partner.id
    add_record(workspace, m.Commitment(bid_id=bid_id, partner_id=partner_id, amount_minor=15_387_000_00,
                                       currency="SEK", status="signed", description="Big"))


async def test_the_overview_draws_every_amount_of_a_budget_in_billions_whole(settings, workspace, demo_bid):
    """Three columns of 'SEK1,168,672,604' do not fit the panel at 120x40: the scenarios go one under the
    other instead of the high one being cut at the panel's edge ('SEK1,') or the row labels ('E…')."""
    make_it_big(workspace, demo_bid)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen = []
        panel = app.screen.query_one("#panel-budget")
        panel.focus()
        for _page in range(4):  # the panel scrolls: page through it
            lines = drawn(app.screen.query_one("#ov-budget"))
            assert all(not line.rstrip().endswith(("SEK", ",", "…")) for line in lines), lines
            seen += lines
            await pilot.press("pagedown")
            await pilot.wait_for_animation()
            await settle(pilot)
        text = "\n".join(seen)
        amounts = AMOUNT.findall(text)
        assert {"SEK563,621,685", "SEK1,126,338,442", "SEK1,689,055,200"} <= set(amounts)  # expenses, whole
        assert all(len(a.replace("-", "").replace("SEK", "").replace(",", "")) >= 4 for a in amounts), amounts
        assert all(word in text for word in ("Low", "Expected", "High", "Attendance", "Income", "Expenses",
                                             "Result")), text  # the labels whole too
    async with make_app(settings, today=TODAY).run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        header = next(line for line in drawn(pilot.app.screen.query_one("#ov-budget")) if "Expected" in line)
        assert "Low" in header and "High" in header  # wide enough: the three scenarios side by side


async def test_settings_at_80x24_keep_the_nav_bar_and_scroll_their_own_body(settings, demo_bid):
    """The body is as tall as the screen leaves (it used to grow, and the whole screen scrolled the nav bar away);
    End reaches its last line; the long Swedish caption wraps instead of being cut at the edge; the nav bar,
    down to the keys of the other screens, names this one in full."""

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.set_language("sv")
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        screen = app.screen
        assert screen.scroll_y == 0 and screen.query_one("#navbar").region.y == 1
        assert "8 Inställningar" in "".join(drawn(screen.query_one("#navbar")))
        caption = screen.query("Label.caption")[3]
        text = " ".join(line.strip() for line in drawn(caption))
        assert str(caption.content) in text  # every word of it, on two lines
        body = screen.query_one("#settings-body")
        body.focus()
        await pilot.press("end")
        await pilot.wait_for_animation()
        await settle(pilot)
        assert body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y
        assert screen.query_one("#navbar").region.y == 1


async def test_the_dossier_choices_side_by_side_show_their_arrows_at_80x24(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        for chooser in ("#dossier-language", "#dossier-audience"):
            select = app.screen.query_one(chooser)
            half = select.parent.region
            assert select.region.right <= half.right  # inside its half, not cut by it ...
            assert all(part.region.right <= half.right for part in select.query("*"))  # ... nor its arrow


async def test_the_baselines_hint_wraps_at_80x24_and_120x40(settings, demo_bid):
    for size in ((80, 24), (120, 40)):
        app = make_app(settings, today=TODAY)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            for _tab in range(3):
                await pilot.press("right_square_bracket")
            await settle(pilot)
            text = " ".join(line.strip() for line in drawn(app.screen.query_one("#baseline-compare")))
            assert "v compares two baselines (or one with the working budget)." in text, (size, text)


async def test_the_keys_scroll_a_tab_without_a_table_once_it_is_reached(settings, demo_bid):
    """] (or v) onto the Gantt chart, the risk and grid, the programme grid or the conflicts puts the focus in
    what scrolls there: at 80x24 End shows the Gantt's last task, which nothing else than a mouse reached."""
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6", "right_square_bracket")
        await settle(pilot)
        gantt = app.screen.query_one("#gantt")
        assert app.focused is gantt and gantt.max_scroll_y > 0
        await pilot.press("end")
        await pilot.wait_for_animation()
        await settle(pilot)
        assert gantt.scroll_y == gantt.max_scroll_y
        assert any("Evaluation report" in line for line in drawn(app.screen.query_one("#gantt-body")))
        await pilot.press("v")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#tasks-table")
        await pilot.press("v")
        await settle(pilot)
        assert app.focused is gantt
        await pilot.press("3", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#budget-risk-box")
        await pilot.press("4", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        grid = app.focused
        assert grid is not None and app.screen.query_one("#programme-grid") in grid.children
        await pilot.press("pagedown")
        await pilot.wait_for_animation()
        await settle(pilot)
        assert grid.scroll_y > 0


async def test_the_overview_at_80x24_scrolls_by_keys_to_its_last_panel(settings, demo_bid):
    """Under 100 columns the panels stand one under the other: End and Page Down scroll them (the focused panel
    has nothing of its own to scroll), as Tab did only."""
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one("#overview-grid")
        alerts = app.screen.query_one("#panel-alerts")
        assert grid.max_scroll_y > 0 and alerts.region.y >= 24  # below the screen
        await pilot.press("end")
        await pilot.wait_for_animation()
        await settle(pilot)
        assert grid.scroll_y == grid.max_scroll_y
        assert 0 < alerts.region.y < 24
        await pilot.press("home")
        await pilot.wait_for_animation()
        await settle(pilot)
        assert grid.scroll_y == 0


async def test_a_status_sorted_in_its_order_is_drawn_as_text_left_aligned(settings, demo_bid):
    """The speakers' and the commitments' status columns sort by the order of the statuses (a number each):
    they are words all the same, drawn from the left under their label, not pushed right as amounts are."""
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, pane, table_id, word in (("4", None, "speakers-table", "Invited"),
                                          ("5", "tab-commitments", "commitments-table", "Pledged")):
            await pilot.press(key)
            await settle(pilot)
            if pane is not None:
                from textual.widgets import TabbedContent

                app.screen.query_one(TabbedContent).active = pane
                await settle(pilot)
            lines = drawn(app.screen.query_one(f"#{table_id}"))
            at = lines[0].index("Status")
            row = next(line for line in lines[1:] if f" {word} " in line)
            assert row.index(word) == at, (table_id, lines[0], row)
            label = "Fee" if key == "4" else "Amount"
            end = lines[0].index(label) + len(label)
            assert row[end - 1] != " " and row[end] == " "  # an amount stays right-aligned, under its label's end


async def test_the_side_panels_bars_give_way_to_amounts_in_billions(settings, workspace, demo_bid):
    """At 120x40 the budget's funding bars and the partners' pipeline bars are as wide as the line leaves
    beside the widest amount: 'Gap ██████ SEK1,…' no longer wraps its amount onto a line of its own."""
    make_it_big(workspace, demo_bid)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, panel, words in (("3", "#budget-funding", ("Secured", "Pledged", "Gap")),
                                  ("5", "#pipeline", ("Prospect", "Signed", "Declined"))):
            await pilot.press(key)
            await settle(pilot)
            widget = app.screen.query_one(panel)
            lines = [line for line in drawn(widget) if line.strip()]
            for word in words:
                line = next(line for line in lines if line.lstrip().startswith(word))
                assert AMOUNT.search(line), (word, lines)  # the amount on the line of its bar
            assert any("█" in line or "░" in line for line in lines)
            after_bars = [after for line, after in zip(lines, lines[1:], strict=False)
                          if line.lstrip().startswith(words)]
            assert not any(AMOUNT.fullmatch(line.strip()) for line in after_bars), lines  # none on its own


async def test_the_matrices_keep_their_row_names_in_view_and_cut_long_names_with_an_ellipsis(settings, demo_bid):
    """At 80x24 the availability matrix scrolls to its last venue with the date option still named at the left
    (it slid away, '5 May 2012'); the matrices' venue headers and criteria end in '…' when cut."""
    from textual.widgets import TabbedContent

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("0", "right_square_bracket")
        await settle(pilot)
        matrix = app.screen.query_one("#availability")
        matrix.focus()
        await pilot.press("right", "right", "right", "right")
        await settle(pilot)
        assert matrix.cursor_coordinate.column == 4 and matrix.scroll_x > 0
        lines = drawn(matrix)
        assert "Högskolan i G…" in lines[0] or "Strandhallen …" in lines[0], lines[0]
        assert lines[1].lstrip().startswith("★ 24 May 2012"), lines[1]
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-scoring"
        await settle(pilot)
        scores = app.screen.query_one("#matrix")
        scores.focus()
        await pilot.press(*["down"] * 8)
        await settle(pilot)
        lines = drawn(scores)
        assert "Gävle Kon…" in lines[0], lines[0]  # cut shorter under 100 columns (see the next test)
        assert any("Availability on the…" in line for line in lines), lines


async def test_the_scoring_matrix_at_80x24_shows_three_venues_and_reaches_the_last_with_the_criteria_named(
        settings, demo_bid):
    """At 80x24 the matrix showed two venues beside its 28-cell criterion names; under 100 columns the names
    are cut at 20 cells and the venues at 10 (a score is one or two digits), so three are seen. End reaches the
    last venue and ctrl+End the last criterion, the criterion named at the left all the while; at 120x40 the
    columns are as wide as before."""
    from textual.widgets import TabbedContent

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-scoring"
        await settle(pilot)
        matrix = app.screen.query_one("#matrix")
        matrix.focus()
        await settle(pilot)
        bundle = app.bundle
        venues, criteria = [v.name for v in bundle.venues], [c.name_en for c in bundle.criteria]
        assert len(venues) >= 4 and len(criteria) > matrix.size.height
        header = drawn(matrix)[0]
        shown = [name for name in venues if name[:9] in header]
        assert len(shown) == 3 and venues[:3] == shown, header  # two fitted before
        await pilot.press("end", "ctrl+end")
        await settle(pilot)
        assert matrix.cursor_coordinate == (len(criteria) - 1, len(venues) + 2)
        lines = drawn(matrix)
        last_venue = venues[-1] if len(venues[-1]) <= 10 else venues[-1][:9] + "…"
        assert last_venue in lines[0] and lines[0].lstrip().startswith("Criterion"), lines[0]
        assert any(line.lstrip().startswith(criteria[-1][:19]) for line in lines[1:]), lines
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert [column.width for column in matrix.ordered_columns][:4] == [28, 6, 5, 14]
        assert matrix.cursor_coordinate == (len(criteria) - 1, len(venues) + 2)


async def test_the_gantt_uses_a_wide_terminal_for_whole_names_and_a_finer_scale(settings, demo_bid):
    """At 200x60 the chart named every task in 29 cells and drew a week a column in a third of the width; now
    the names are whole and a column is three days; back at 120 columns it is drawn as before."""
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6", "right_square_bracket")
        await settle(pilot)

        def chart() -> list[str]:
            return str(app.screen.query_one("#gantt-body").content).splitlines()

        narrow = chart()
        assert any(line.startswith("Ask the municipalities for c… ") for line in narrow)
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        wide = chart()
        assert any(line.startswith("Ask the municipalities for co-financing ") for line in wide)
        months = wide[1]
        assert months.index("Oct") - months.index("Sep") >= 10  # three days a column: ten a month
        assert len(wide[1].rstrip()) > len(narrow[1].rstrip()) + 40  # the chart spreads over the width
        assert max(len(line) for line in drawn(app.screen.query_one("#gantt-body"))) <= 200
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert chart() == narrow


def test_the_help_says_each_thing_once_in_both_languages():
    """F1's English help repeated half a sentence of the Partners workflow after the letters of support."""
    from planner.tui.screens.help import help_text

    for lang in ("en", "sv"):
        text = re.sub(r"\s+", " ", help_text(lang))
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s", text) if len(s.strip()) > 30]
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert not repeated, (lang, repeated)


def test_the_swedish_terminal_ui_calls_the_dossier_ansokan_as_its_screen_does():
    """The Pictures hint said 'dossierns framsida' where the screen, its keys and its fields say 'ansökan'."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    import planner.i18n
    from planner.i18n import translate

    folder = Path(planner.i18n.__file__).parent / "locales" / "sv" / "LC_MESSAGES"
    with open(folder / "tui.po", "rb") as handle:
        catalogue = read_po(handle)
    said = [(message.id, message.string) for message in catalogue
            if isinstance(message.id, str) and "dossier" in message.id.lower()]
    assert len(said) > 20
    assert not [pair for pair in said if "dossier" in pair[1].lower()], said
    assert "ansökans framsida" in translate("sv", "The cover's hero image (the picture under the title on the "
                                                  "dossier's cover)")


async def test_swedish_budget_at_80x24_keeps_labels_apart_from_amounts_and_amounts_whole(settings, demo_bid):
    """In Swedish 'Resultat, 10:e percentilen' ran into its amount ('percentilen-420 258 kr'), and the break-even
    price wrapped its 'kr' onto a line of its own."""
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.set_language("sv")
        await pilot.press("3")
        await settle(pilot)
        funding = [line.strip() for line in drawn(app.screen.query_one("#budget-funding")) if line.strip()]
        assert "kr" not in funding and not any(re.fullmatch(r"[\d\s]+", line) for line in funding), funding
        assert "3\xa0302\xa0kr" in funding or "Nollpunktspris per biljett: 3\xa0302\xa0kr" in funding, funding
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        risk = "\n".join(drawn(app.screen.query_one("#budget-risk")))
        for word in ("10:e percentilen", "median", "90:e percentilen"):
            assert re.search(word + r" +-?[\d\s]+kr", risk), (word, risk)


async def test_the_gantt_month_line_names_no_month_half_over_the_next(settings, workspace, small_bid):
    """A chart beginning in the last days of May drew 'MaJun': the first month, begun a column before June, is
    left unnamed; short task names keep the name column at its 30 cells even at 200 columns."""
    from datetime import date

    from planner.services.workspace import add_record
    from planner.store import models as m

    for n, due in enumerate((date(2011, 5, 30), date(2011, 12, 1), date(2012, 10, 1)), start=1):
        add_record(workspace, m.Task(bid_id=small_bid, title=f"Task {n}", due_date=due))
    app = make_app(settings, bid_id=small_bid, today=date(2011, 10, 3))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("6", "right_square_bracket")
        await settle(pilot)
        lines = str(app.screen.query_one("#gantt-body").content).splitlines()
        months = lines[1].split()
        assert all(len(name) == 3 for name in months), lines[1]  # no 'MaJun'
        assert lines[0].split()[0] == "2011"
        task = next(line for line in lines if line.startswith("Task 1"))
        assert task.index("█") == 30 or task.index("◆") == 30 or task[30] in "█◆", task


@pytest.fixture(scope="module")
def large_budget_db(tmp_path_factory):
    """The large bid's budget (its 10 000 lines), with a few of everything else."""
    from benchmarks.generate_large_bid import generate_large_bid
    from planner.config import Settings
    from planner.services.workspace import Workspace

    path = tmp_path_factory.mktemp("large") / "large.db"
    ws = Workspace.open(Settings.load(db=path))
    generate_large_bid(ws, speakers=20, tasks=20, partners=10, venues=5, sessions=20)
    ws.close()
    return path


def cut_to(text: str, width: int) -> str:
    """A cell's text as a column `width` cells wide draws it: whole, or cut with an ellipsis."""
    return text if len(text) <= width else text[:width - 1] + "…"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_budget_lines_keep_their_category_and_name_in_view_at_the_last_column(large_budget_db, tmp_path,
                                                                                        size):
    """ctrl+End (and End, ctrl+right) on the 10 000 lines scrolled Category and Line away: the last line's amounts
    were drawn with nothing saying which line they were. The two columns stay at the left while the others
    scroll, and take no more than half of the table."""
    import shutil

    from planner.config import Settings
    from planner.tui.widgets.table import SortableTable
    from tests.tui.test_tables import visible

    db = tmp_path / "large.db"
    shutil.copy(large_budget_db, db)
    app = make_app(Settings.load(db=db), today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#lines-table", SortableTable)
        table.focus()
        await settle(pilot)
        assert table.row_count >= 10_000 and table.max_scroll_x > 0
        assert table.fixed_columns == 2 and table.fixed_width() <= table.scrollable_content_region.width // 2
        last = len(table.ordered_columns) - 1
        header = table.header_height

        def seen(row: int) -> tuple[str, str]:
            lines = drawn(table)
            return lines[0], lines[row - round(table.scroll_y) + header]

        for keys in (("ctrl+end",), ("ctrl+home", "end", "ctrl+right")):
            await pilot.press(*keys)
            await settle(pilot)
            row = table.cursor_row
            assert row == table.row_count - 1 and table.scroll_x == table.max_scroll_x, keys
            assert visible(table, row, last) and visible(table, row, 0) and visible(table, row, 1), keys
            titles, line = seen(row)
            cells = [str(cell) for cell in table.get_row_at(row)]
            assert titles.lstrip().startswith("Category") and "Line" in titles and "Forecast" in titles, titles
            category, name = (cut_to(cells[i], table.fitted[i]) for i in (0, 1))
            assert line.lstrip().startswith(category) and name in line, (line, cells)
            assert line.rstrip().endswith(cells[last].strip()), (line, cells)
        # a column at a time back: the name stays; ctrl+left shows the columns after it again
        await pilot.press("left")
        await settle(pilot)
        assert visible(table, table.cursor_row, 1) and 0 < table.scroll_x < table.max_scroll_x
        await pilot.press("ctrl+left")
        await settle(pilot)
        assert table.scroll_x == 0 and visible(table, table.cursor_row, 2)


async def test_a_tall_wide_terminal_gives_the_overview_rows_what_their_panels_need_and_the_side_panels_room(
        settings, demo_bid):
    """At 200x60 the overview's three rows were a third each: the bid's five lines left their panel half empty
    while Readiness scrolled; the side panels stayed 38 cells wide. Now the rows follow their content (no panel
    of the demo bid scrolls) and the side panels take a quarter of the width; at 120x40 both are as they were."""
    from textual.containers import VerticalScroll

    from tests.tui.test_tables import visible

    panels = ["deadline", "readiness", "budget", "funding", "milestones", "alerts"]
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one("#overview-grid")
        heights = {app.screen.query_one(f"#panel-{key}").outer_size.height for key in panels}
        assert len(heights) == 1 or max(heights) - min(heights) <= 1  # equal rows
        readiness = app.screen.query_one("#panel-readiness", VerticalScroll)
        assert readiness.max_scroll_y > 0  # it scrolls at 120x40, as before
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.query_one("#side-panel").outer_size.width == 38
        await pilot.press("1")
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        await pilot.pause()
        grid = app.screen.query_one("#overview-grid")
        for key in panels:
            panel = app.screen.query_one(f"#panel-{key}", VerticalScroll)
            assert panel.max_scroll_y == 0, key  # all of it in view
        lines = "\n".join(drawn(app.screen.query_one("#ov-readiness")))
        assert "% ready" in lines and "Printed texts in Swedish and English" in lines, lines  # first and last
        rows = [app.screen.query_one(f"#panel-{key}").outer_size.height for key in panels[::2]]
        assert len(set(rows)) > 1, rows  # no longer a third of the screen each
        assert sum(app.screen.query_one(f"#panel-{key}").outer_size.height for key in panels[::2]) \
            == grid.scrollable_content_region.height  # the rows fill the screen
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.query_one("#side-panel").outer_size.width == 50
        table = app.screen.query_one("#lines-table")
        assert table.max_scroll_x == 0 and visible(table, 0, len(table.ordered_columns) - 1)
        await pilot.press("1")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.pause()
        heights = {app.screen.query_one(f"#panel-{key}").outer_size.height for key in panels}
        assert max(heights) - min(heights) <= 1  # equal rows again


def test_the_rows_needing_less_get_what_they_need_and_the_rest_share_what_is_left():
    from planner.tui.screens.overview import share

    assert share([7, 20, 15], 57) == [12, 25, 20]  # all fit: the lines left over go to each row alike
    assert share([7, 60, 15], 57) == [7, 35, 15]  # Readiness scrolls in what the others leave
    assert share([40, 60, 30], 57) == [19, 19, 19]  # none fits its third: thirds, as before


async def test_two_resizes_while_the_rows_go_in_fill_the_table_once(large_budget_db, tmp_path):
    """A terminal resized in two steps (width, then height) while the 10 000 lines went in made the table fill
    twice from the same rows: the second fill met the first one's keys (DuplicateKey) and the app stopped."""
    import shutil

    from planner.config import Settings
    from planner.tui.widgets.table import SortableTable

    db = tmp_path / "large.db"
    shutil.copy(large_budget_db, db)
    app = make_app(Settings.load(db=db), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#lines-table", SortableTable)
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert app.is_running and table.row_count == len(table.all_rows) >= 10_000
