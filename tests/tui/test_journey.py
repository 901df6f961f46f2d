"""The journey of issue 12 in the terminal UI, keys only: from an empty database a whole bid is entered the way a
coordinator enters it (the bid with its scenarios and decision date, two date options, a venue with a room, its
availability and scores, budget lines that balance, two partners with signed commitments linked to their lines
and a letter attached, three consenting speakers, every dossier text in Swedish and English, the standard
timeline), the Overview reads 100 % ready, and the committee dossier exported from the Dossier screen carries
every chapter and the letter's page. The same journey by the command line is tests/cli/journey.sh."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from textual.widgets import Checkbox, DataTable, Select, TextArea

from planner.domain.enums import TextKey
from planner.tui import make_app
from planner.tui.screens.texts import TextsScreen
from planner.tui.widgets.attach import AttachScreen
from planner.tui.widgets.confirm import ConfirmScreen
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import SIZE, screen_text, settle_but_loader

TODAY = date(2011, 9, 1)  # three months before the deadline: nothing of the standard timeline is late yet
KEY_NAMES = {" ": "space", ".": "full_stop", "/": "slash", "-": "minus", "_": "underscore", ",": "comma",
             "'": "apostrophe", ":": "colon"}


class Keys:
    """The pilot, counting every key pressed (the journey's length, as a person would type it)."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.count = 0

    @property
    def app(self):
        return self.pilot.app

    async def settle(self) -> None:
        """Wait until no worker runs (the folder browser's loader aside, which waits while it is shown)."""
        await settle_but_loader(self.pilot)

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)
        await self.settle()

    async def type(self, text: str) -> None:
        self.count += len(text)
        await self.pilot.press(*[KEY_NAMES.get(ch, ch) for ch in text])
        await self.pilot.pause()

    async def until(self, done, key: str, what: str, limit: int = 40, state=lambda: "") -> None:
        """Press `key` until `done()` holds, as a person moves a cursor; fail instead of pressing for ever."""
        for _ in range(limit):
            if done():
                return
            await self.press(key)
        assert done(), f"{limit} x {key} never reached {what} {state()}"

    async def tab_to(self, widget) -> None:
        """Tab through the screen until `widget` has the focus, as a person moves to a field."""
        for _ in range(80):
            if self.app.focused is widget:
                return
            await self.press("tab")
        raise AssertionError(f"tab never reached {widget!r}")

    async def fill(self, name: str, text: str) -> None:
        """Move to a form field and type its value (the fields of a new record start empty or as defaulted)."""
        field = self.app.screen.query_one(f"#field-{name}")
        await self.tab_to(field)
        if field.value:  # a default in the way: to its end and rub it out
            await self.press("end", *["backspace"] * len(field.value))
        await self.type(text)

    async def pick(self, name: str, option: str) -> None:
        """Open a choice, type the start of the option as shown, enter."""
        select = self.app.screen.query_one(f"#field-{name}", Select) if not name.startswith("#") \
            else self.app.screen.query_one(name, Select)
        await self.tab_to(select)
        await self.press("enter")
        await self.type(option)
        await self.press("enter")

    async def tick(self, name: str) -> None:
        box = self.app.screen.query_one(f"#field-{name}", Checkbox)
        await self.tab_to(box)
        if not box.value:
            await self.press("space")
        assert box.value

    async def save(self) -> None:
        form = self.app.screen
        await self.press("ctrl+s")
        assert self.app.screen is not form, screen_text(self.app)

    async def form(self, *keys: str) -> FormScreen:
        await self.press(*keys)
        assert isinstance(self.app.screen, FormScreen), type(self.app.screen)
        return self.app.screen


def make_letter(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "REGION GAVLEBORG SUPPORTS THE BID")
    pdf.showPage()
    pdf.save()
    path.write_bytes(buffer.getvalue())
    return path


TEXTS = {key: (f"Svensk text om {key.value.replace('_', ' ')} i Gavle.",
               f"English text on {key.value.replace('_', ' ')} in Gavle.") for key in TextKey}
TEXTS[TextKey.INVITATION] = ("Valkommen till Gavle i oktober 2012.", "Welcome to Gavle in October 2012.")


async def new_bid(k: Keys) -> None:
    await k.form("n")
    for name, value in (("conference", "Generator"), ("host_city", "Gavle"), ("bid_deadline", "2011-11-30"),
                        ("decision_date", "2011-12-15"), ("event_start", "2012-10-04"),
                        ("event_end", "2012-10-05"), ("attendance_low", "180"), ("attendance_expected", "300"),
                        ("attendance_high", "420")):
        await k.fill(name, value)
    await k.save()


async def dates_and_availability(k: Keys) -> None:
    await k.press("0")
    for start, end in (("2012-10-04", "2012-10-05"), ("2012-10-11", "2012-10-12")):
        await k.form("a")
        await k.fill("start_date", start)
        await k.fill("end_date", end)
        await k.save()
    table = k.app.screen.query_one("#dates-table", DataTable)
    await k.tab_to(table)
    await k.press("home")  # the first row: the first date option
    assert table.cursor_row == 0
    await k.press("p")  # the first option is the preferred one
    matrix = k.app.screen.query_one("#availability", DataTable)
    await k.tab_to(matrix)
    await k.press("home")
    await k.until(lambda: matrix.cursor_column >= 1, "right", "the availability's first option column")
    await k.press("enter")  # the venue is free on the first option


async def venue(k: Keys) -> None:
    await k.press("2")
    await k.form("a")
    await k.fill("name", "Gavle Konserthus")
    await k.pick("status", "Option held")
    await k.fill("cost_minor", "120000")
    await k.fill("option_until", "2011-12-31")
    await k.fill("distance_station_m", "400")
    await k.save()
    await k.press("right_square_bracket", "right_square_bracket")  # Candidates, Scoring, Rooms
    await k.form("a")
    await k.fill("name", "Stora salen")
    await k.pick("kind", "Plenary")
    await k.fill("capacity_theatre", "800")
    await k.fill("cost_per_day_minor", "25000")
    await k.save()
    await k.press("left_square_bracket")  # back to Scoring: every criterion gets an 8
    matrix = k.app.screen.query_one("#matrix", DataTable)
    await k.tab_to(matrix)
    for row in range(len(k.app.bundle.criteria)):
        await k.until(lambda row=row: matrix.cursor_row >= row, "down", f"the score matrix's row {row}")
        await k.until(lambda: matrix.cursor_column >= 3, "right", "the score matrix's score column")
        await k.press("enter", "8")  # enter edits the cell, a digit is its score
        assert k.app.current_mode == "venues"
    await k.press("escape")  # digits switch screens again


async def budget(k: Keys) -> None:
    await k.press("3")
    for kind, category, label, basis, unit in (
            ("Income", "Registration", "Delegate fees", "Per paying attendee", "2500"),
            ("Income", "Sponsorship", "Sponsorship", "Fixed", "75000"),
            ("Income", "Public funding", "Regional funding", "Fixed", "200000"),
            ("Expense", "Venue", "Venue hire", "Fixed", "240000"),
            ("Expense", "Catering", "Lunches and coffee", "Per attendee and day", "350")):
        await k.form("a")
        await k.pick("kind", kind)
        await k.pick("category", category)
        await k.fill("label", label)
        await k.pick("basis", basis)
        await k.fill("unit_minor", unit)
        await k.save()


async def partners(k: Keys, letter: Path) -> None:
    await k.press("5")
    for name, kind, letter_status in (("Region Gavleborg", "Region", "Received"), ("Sandvik AB", "Company", None)):
        await k.form("a")
        await k.fill("name", name)
        await k.pick("kind", kind)
        if letter_status:
            await k.pick("letter_status", letter_status)
            await k.fill("letter_received_on", "2011-10-20")
        await k.save()
    for partner, amount, line in (("Region", "200000", "Regional funding"), ("Sandvik", "75000", "Sponsorship")):
        await k.form("c")
        await k.pick("partner_id", partner)
        await k.pick("kind", "Cash")
        await k.fill("amount_minor", amount)
        await k.pick("status", "Signed")
        await k.pick("budget_line_id", line)
        await k.save()
    # back to the Partners tab, the first ([ stops there)
    tabs = k.app.screen.query_one("#partner-tabs")
    await k.press("left_square_bracket", "left_square_bracket")
    assert tabs.active == "tab-partners"
    table = k.app.screen.query_one("#partners-table", DataTable)
    await k.tab_to(table)

    def on_region() -> bool:  # the highlighted row, read from the screen as a person reads it
        key = table.cursor_row_key()
        return any(str(p.id) == key and p.name == "Region Gavleborg" for p in k.app.bundle.partners)

    # the cursor stays on the last row saved: up to the region, listed first
    await k.until(on_region, "up", "the row of Region Gavleborg", limit=3, state=lambda: (
        k.app.focused, table.cursor_row, table.row_count, table.cursor_row_key(),
        [(p.id, p.name) for p in k.app.bundle.partners], screen_text(k.app)))
    await k.press("l")
    assert isinstance(k.app.screen, AttachScreen)
    assert "Region Gavleborg" in str(k.app.screen.query_one("#form-title").render())
    await k.type(str(letter))
    await k.press("enter")
    assert "Attached now" in str(k.app.screen.query_one("#attach-current").render())  # it stays open
    await k.press("escape")
    assert not isinstance(k.app.screen, AttachScreen)


async def speakers(k: Keys) -> None:
    await k.press("4")
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"):
        await k.form("a")
        await k.fill("display_name", name)
        await k.pick("status", "Confirmed")
        await k.tick("consent_to_be_named")
        await k.save()


async def texts(k: Keys) -> None:
    await k.press("7", "t")
    screen = k.app.screen
    assert isinstance(screen, TextsScreen)
    keys = []
    for n in range(len(TextKey)):
        if n:
            await k.press("ctrl+down")
        keys.append(screen.key)
        sv, en = TEXTS[TextKey(screen.key)]
        for lang, text in (("sv", sv), ("en", en)):
            if k.app.focused is not screen.query_one(f"#text-{lang}", TextArea):
                await k.press("ctrl+l")
            await k.type(text)
    assert sorted(keys) == sorted(key.value for key in TextKey)  # the editor lists every text, each once
    await k.press("ctrl+s")
    assert screen.unsaved() == []
    await k.press("escape")


async def timeline(k: Keys) -> None:
    await k.press("6", "g")
    assert isinstance(k.app.screen, ConfirmScreen)  # it shows what it adds and asks
    await k.press("y")


async def test_the_whole_bid_by_keys_from_an_empty_database(settings, tmp_path):
    from planner.services.workspace import Workspace, load_bundle

    settings = settings.with_(export_dir=tmp_path / "exports")
    letter = make_letter(tmp_path / "letter.pdf")
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        k = Keys(pilot)
        await k.settle()
        for step in (new_bid, venue, dates_and_availability, budget, partners, speakers, texts, timeline):
            # the venue before the dates: the Bid screen's availability asks about each venue
            await step(k, letter) if step is partners else await step(k)

        await k.press("1")
        items = {item.key: item for item in app.analysis.readiness.items}
        assert {key: item.status for key, item in items.items()} == dict.fromkeys(items, "pass"), [
            (i.key, i.reason) for i in items.values() if i.status != "pass"]
        assert "100 % ready" in screen_text(app)

        await k.press("7")
        await k.pick("#dossier-language", "English")
        await k.press("ctrl+e")  # the budget balances and nothing is confidential: nothing to ask
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(app.bundle.exports) == 1, screen_text(app)
        export = app.bundle.exports[0]
        assert "Saved as" in str(app.screen.query_one("#dossier-result").render())
        print(f"\nthe journey took {k.count} keys")

    ws = Workspace.open(settings)
    try:
        bundle = load_bundle(ws, 1)
    finally:
        ws.close()
    bid = bundle.bid
    assert (bid.attendance_low, bid.attendance_expected, bid.attendance_high) == (180, 300, 420)
    assert bid.decision_date == date(2011, 12, 15) and bid.bid_deadline == date(2011, 11, 30)
    assert [(o.start_date, o.preferred) for o in bundle.date_options] == [
        (date(2012, 10, 4), True), (date(2012, 10, 11), False)]
    [hall] = bundle.venues
    assert hall.status == "option_held" and hall.cost_minor == 12_000_000
    [room] = bundle.rooms
    assert room.venue_id == hall.id and room.capacity_theatre == 800 and room.cost_per_day_minor == 2_500_000
    assert [a.available for a in bundle.availability] == [True]
    assert len(bundle.scores) == len(bundle.criteria) and {s.score for s in bundle.scores} == {8}
    lines = {line.id: line.label for line in bundle.budget_lines}
    assert sorted((c.status, c.amount_minor, lines[c.budget_line_id]) for c in bundle.commitments) == [
        ("signed", 7_500_000, "Sponsorship"), ("signed", 20_000_000, "Regional funding")]
    assert sorted(s.display_name for s in bundle.speakers if s.consent_to_be_named) == [
        "Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert sorted((t.key, t.locale) for t in bundle.texts) == sorted(
        (key.value, lang) for key in TextKey for lang in ("sv", "en"))
    assert bundle.text("invitation", "en") == "Welcome to Gavle in October 2012."
    assert len(bundle.tasks) >= 10

    committee = PdfReader(export.path)
    chapters = {entry.title: committee.get_destination_page_number(entry)
                for entry in committee.outline if not isinstance(entry, list)}
    assert list(chapters) == [
        "Invitation", "Contents", "Summary and motivation", "Gavle: the host city and access", "Date options",
        "The venue", "Programme and speakers", "Social programme", "Partners and funding", "Budget",
        "Economic impact", "The bid team and contacts", "Timeline", "Site inspection", "Appendix: letters of support"]
    pages = [page.extract_text() for page in committee.pages]
    for heading, page in chapters.items():
        assert heading.split(":")[0] in pages[page].replace("\n", " "), heading
    letter_page = chapters["Appendix: letters of support"]
    assert "REGION GAVLEBORG SUPPORTS THE BID" in pages[letter_page]
    assert "Letter of support from Region Gavleborg" in pages[letter_page]
    assert "Welcome to Gavle in October 2012." in pages[chapters["Invitation"]]
    assert all(name in pages[chapters["Programme and speakers"]]
               for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"))
    assert len(pages) == letter_page + 1 == export.pages
