"""Text from people and files shows as typed in every screen and dialog of the terminal UI, and never acts.

The corpus: every string of tests/fixtures/terminal.json (markup, ANSI and OSC sequences, C1, bidi, tags) and
every eighth string of tests/fixtures/blns.json, keeping those a one-line field can hold (not blank, at most
120 characters, no NUL). Each is a bid's conference, and the name of a venue, partner, commitment, speaker,
task and budget line in bids of 25 strings each, in one database for the module: imported through the services
with placeholders, then the strings written with sqlite3, as a database made before control characters were
refused at input (or a crafted one) holds them.

On every screen and dialog (Pilot, 120x40) the widget shows the input literally, its control characters as
visible stand-ins (ESC as ␛, C1 and bidi controls as `⟨U+009B⟩` / `⟨U+202E⟩`); markup is never obeyed (no style,
no link, no action on a click); and no control character from the data is in what the app draws, checked on
the screenshot of each screen and, once, on the bytes the real program writes to a pseudo-terminal.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable, Select, SelectionList

from planner.config import Settings
from planner.tui import make_app
from planner.tui.widgets.confirm import ConfirmScreen
from planner.tui.widgets.form import FormScreen
from planner.tui.widgets.table import LAST_RESORT_TEXT, Cell
from tests.tui.conftest import TODAY, settle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TERMINAL = [entry["text"] for entry in json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]]
BLNS_SAMPLE = json.loads((FIXTURES / "blns.json").read_text("utf-8"))[::8]
SIZE = (120, 40)
GROUP = 25  # strings per bid: every row of every table fits on the screen at 120x40


def one_line_field_holds(text: str) -> bool:
    return bool(text.strip()) and len(text) <= 120 and "\x00" not in text


def _unique(texts):
    seen: set[str] = set()
    return [t for t in texts if not (t in seen or seen.add(t))]


CORPUS = _unique([t for t in TERMINAL + BLNS_SAMPLE if one_line_field_holds(t)])
GROUPS = [CORPUS[i:i + GROUP] for i in range(0, len(CORPUS), GROUP)]

BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def shown(text: str) -> str:
    """How a one-line place must show `text`: as typed, each control character as a visible stand-in (its
    control picture, or `⟨U+009B⟩` for those without one), line breaks and tabs as symbols too."""
    out = []
    for ch in text.replace("\r\n", "\n"):
        code = ord(ch)
        if ch == "\n":
            out.append("␤")
        elif ch == "\t":
            out.append("␉")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("␡")
        elif 0x80 <= code < 0xA0 or code in BIDI or 0xD800 <= code <= 0xDFFF:
            out.append(f"⟨U+{code:04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def raw_controls(text: str) -> list[str]:
    """The characters of `text` a terminal would act on (tab and newline are the app's own)."""
    return [ch for ch in text if (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) < 0xA0
            or ord(ch) in BIDI]


def head(text: str, cells: int = LAST_RESORT_TEXT - 1) -> str:
    """The start of `text` that fits in `cells` terminal cells (what the narrowest text column still shows
    before its ellipsis: names give way that far when it lets every amount be seen)."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


@dataclass
class Group:
    bid_id: int
    strings: list[str]
    ids: dict[str, list[int]] = field(default_factory=dict)  # kind -> record ids, in the order of `strings`


@dataclass
class Corpus:
    settings: Settings
    db_path: Path
    titles: dict[int, str]  # bid id -> the corpus string that is its conference
    groups: list[Group]  # the first holds the first 25 strings of terminal.json; tests may delete and undo there


KINDS = {  # kind -> (table, the column holding the string)
    "venue": ("venue", "name"), "partner": ("partner", "name"), "commitment": ("commitment", "description"),
    "speaker": ("speaker", "display_name"), "task": ("task", "title"), "line": ("budget_line", "label"),
}


def _bid_file(size: int) -> dict:
    """A bid whose records of each kind hold placeholders `venue-1` ... `venue-{size}`."""
    from planner.services.validation import default_criteria

    n = range(1, size + 1)
    return {
        "format": "planner.bid", "version": 1,
        "bid": {"conference": "Placeholder", "host_city": "Gävle", "base_currency": "SEK",
                "event_start": "2012-05-24", "event_end": "2012-05-25", "bid_deadline": "2011-12-01",
                "attendance_low": 300, "attendance_expected": 300, "attendance_high": 300},
        "criterion": [{"id": i, "position": i, **c} for i, c in enumerate(default_criteria(), start=1)],
        "venue": [{"id": i, "name": f"venue-{i}", "currency": "SEK",
                   "option_until": (TODAY + timedelta(days=10)).isoformat()} for i in n],
        "partner": [{"id": i, "name": f"partner-{i}", "letter_status": "requested"} for i in n],
        "commitment": [{"id": i, "partner_id": i, "description": f"commitment-{i}", "amount_minor": 100_000,
                        "currency": "SEK", "status": "pledged"} for i in n],
        "speaker": [{"id": i, "display_name": f"speaker-{i}"} for i in n],
        "task": [{"id": i, "title": f"task-{i}", "due_date": (TODAY + timedelta(days=20 + i)).isoformat()}
                 for i in n],
        "budget_line": [{"id": i, "kind": "expense", "category": "other", "basis": "fixed", "label": f"line-{i}",
                         "unit_minor": 10_000, "currency": "SEK"} for i in n],
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    """The corpus in a database as a file made before control characters were refused at input (or a crafted
    one) holds it: bids imported with placeholders through the services, then the strings written with
    sqlite3, past the services' checks; one change per venue in the log, by a user the string names."""
    from planner.services.bidfile import import_bid
    from planner.services.workspace import Workspace

    db_path = tmp_path_factory.mktemp("hostile") / "p.db"
    settings = Settings.load(db=db_path, locale="en").with_(user="anna")
    ws = Workspace.open(settings)
    bid_ids = [import_bid(ws, json.dumps(_bid_file(len(strings)))) for strings in GROUPS]
    ws.close()
    con = sqlite3.connect(db_path)
    groups, titles = [], {}
    with con:
        for bid_id, strings in zip(bid_ids, GROUPS, strict=True):
            group = Group(bid_id, strings)
            con.execute("UPDATE bid SET conference = ? WHERE id = ?", (strings[0], bid_id))
            titles[bid_id] = strings[0]
            for kind, (table, column) in KINDS.items():
                group.ids[kind] = []
                for i, text in enumerate(strings, start=1):
                    (key,) = con.execute(f"SELECT id FROM {table} WHERE bid_id = ? AND {column} = ?",
                                         (bid_id, f"{kind}-{i}")).fetchone()
                    con.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (text, key))
                    group.ids[kind].append(key)
            con.executemany(
                "INSERT INTO audit_entry (bid_id, at, who, action, entity, entity_id, before, after) "
                "VALUES (?, '2011-10-01 10:00:00.000000', ?, 'update', 'venue', ?, ?, ?)",
                [(bid_id, text, str(key), json.dumps({"name": "Konserthuset"}), json.dumps({"name": text}))
                 for key, text in zip(group.ids["venue"], strings, strict=True)])
            groups.append(group)
        # every other string is the conference of a bid of its own (a copy of the first bid's row)
        columns = [c[1] for c in con.execute("PRAGMA table_info(bid)") if c[1] not in ("id", "conference")]
        for strings in GROUPS:
            for text in strings[1:]:
                made = con.execute(f"INSERT INTO bid (conference, {', '.join(columns)}) SELECT ?, "
                                   f"{', '.join(columns)} FROM bid WHERE id = ?", (text, bid_ids[0]))
                titles[made.lastrowid] = text
    con.close()
    return Corpus(settings, db_path, titles, groups)


# --- what the screen shows --------------------------------------------------------------------------------


def table_lines(table: DataTable) -> list[str]:
    """The lines the table draws, as the terminal gets them."""
    return [table.render_line(y).text for y in range(table.size.height)]


def cell(table: DataTable, key: int | str, column: int):
    return table.get_row(str(key))[column]


def is_literal(value) -> bool:
    """A cell that cannot be read as markup: rich Text, or the table's Cell, which draws its string as Text."""
    if isinstance(value, Cell):
        return isinstance(value.content, str | Text)
    return isinstance(value, Text)


def assert_cells(table: DataTable, keys: list[int], column: int, texts: list[str]) -> None:
    """Each row's cell is literal text equal to the string shown, and the drawn table holds its start."""
    strips = [table.render_line(y) for y in range(table.size.height)]
    drawn = "\n".join(strip.text for strip in strips)
    for key, text in zip(keys, texts, strict=True):
        value = cell(table, key, column)
        assert is_literal(value), f"a str cell is read as markup: {value!r}"
        assert value.plain == shown(text), f"{text!r} is shown as {value.plain!r}"
        assert head(shown(text)) in drawn, f"{text!r} is not drawn in {table.id}"
    for strip in strips:  # no markup was obeyed: no link, no action, in anything the table draws
        for segment in strip:
            style = segment.style
            assert style is None or (not style.link and "@click" not in (style.meta or {})), segment


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_nothing_raw(app, where: str) -> None:
    """The screen as drawn holds no control character from the data."""
    found = sorted({f"U+{ord(ch):04X}" for ch in RAW.findall(app.export_screenshot()) if ch != "\r"})
    assert not found, f"{where}: {found} reach the terminal"


async def go(pilot, key: str) -> None:
    await pilot.press(key)
    await settle(pilot)


async def open_bid(pilot, bid_id: int) -> None:
    pilot.app.open_bid(bid_id)
    await settle(pilot)
    assert pilot.app.bid_id == bid_id and pilot.app.bundle.bid.id == bid_id


def by_what(*words: str) -> list[str]:
    """The strings of terminal.json whose description holds one of `words` (the sample the slow checks use)."""
    entries = json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]
    return [e["text"] for e in entries if any(word in e["what"] for word in words)]


# markup that crashed, styled, linked or acted, and each kind of control sequence
SAMPLE = by_what("styled", "bare closing", "hyperlink", "action", "swallow", "clear screen", "OSC 52 clipboard "
                 "write, BEL", "C1", "bidi override")


# --- every screen --------------------------------------------------------------------------------------------


async def test_every_screen_shows_every_name_as_typed(corpus):
    app = make_app(corpus.settings, bid_id=corpus.groups[0].bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for group in corpus.groups:
            await open_bid(pilot, group.bid_id)
            await every_screen(pilot, group)


async def every_screen(pilot, group: Group) -> None:
    app, texts = pilot.app, group.strings
    assert app.current_mode == "overview"
    assert rendered(app, "HeaderTitle").endswith("— " + shown(texts[0]) + ", Gävle")
    alerts = rendered(app, "#ov-alerts")
    for text in texts:
        assert f"The option on {shown(text)} expires" in alerts
    milestones = rendered(app, "#ov-milestones")
    for text in texts[:8]:
        assert "· " + shown(text) in milestones
    assert_nothing_raw(app, "overview")

    await go(pilot, "2")
    tabs = app.screen.query_one("#venue-tabs")
    tabs.active = "tab-candidates"
    await pilot.pause()
    venues = app.screen.query_one("#venues-table", DataTable)
    assert_cells(venues, group.ids["venue"], 0, texts)
    ranking = rendered(app, "#ranking")
    for text in texts:
        assert shown(text) in ranking
    assert_nothing_raw(app, "venues")
    tabs.active = "tab-scoring"
    await settle(pilot)
    matrix = app.screen.query_one("#matrix", DataTable)
    labels = [column.label.plain for column in matrix.ordered_columns][3:]
    # the column's 14 cells, an ellipsis ending a longer name
    assert all(label == shown(text) or (label.endswith("…") and shown(text).startswith(label[:-1]))
               for label, text in zip(labels, texts, strict=True)), labels
    assert_nothing_raw(app, "scoring")
    tabs.active = "tab-candidates"
    app.screen.query_one("#venues-table").focus()  # out of the matrix: its digits are scores
    await pilot.pause()

    await go(pilot, "3")
    assert_cells(app.screen.query_one("#lines-table", DataTable), group.ids["line"], 1, texts)
    assert_nothing_raw(app, "budget")

    await go(pilot, "4")
    assert_cells(app.screen.query_one("#speakers-table", DataTable), group.ids["speaker"], 0, texts)
    assert_nothing_raw(app, "speakers")

    await go(pilot, "5")
    tabs = app.screen.query_one("#partner-tabs")
    tabs.active = "tab-partners"
    await pilot.pause()
    assert_cells(app.screen.query_one("#partners-table", DataTable), group.ids["partner"], 0, texts)
    assert rendered(app, "#letters").endswith("Awaited: " + ", ".join(shown(t) for t in texts[:8]))
    assert_nothing_raw(app, "partners")
    tabs.active = "tab-commitments"
    await pilot.pause()
    commitments = app.screen.query_one("#commitments-table", DataTable)
    assert_cells(commitments, group.ids["commitment"], 0, texts)
    assert_cells(commitments, group.ids["commitment"], 5, texts)
    assert_nothing_raw(app, "commitments")

    await go(pilot, "6")
    tabs = app.screen.query_one("#timeline-tabs")
    tabs.active = "tab-list"
    await pilot.pause()
    assert_cells(app.screen.query_one("#tasks-table", DataTable), group.ids["task"], 2, texts)
    assert_nothing_raw(app, "timeline")
    tabs.active = "tab-gantt"
    await settle(pilot)
    gantt = rendered(app, "#gantt-body")
    for text in texts:
        assert head(shown(text), 27) in gantt
    assert_nothing_raw(app, "gantt")

    await go(pilot, "7")
    app.screen.query_one("#dossier-partner", Select).focus()
    await pilot.press("enter")
    await pilot.pause()
    overlay = app.screen.query_one("SelectOverlay")
    options = [str(overlay.get_option_at_index(i).prompt) for i in range(1, overlay.option_count)]
    assert sorted(options) == sorted(shown(text) for text in texts)
    assert_nothing_raw(app, "dossier, partner list open")
    await pilot.press("escape")

    await go(pilot, "9")
    changes = app.screen.query_one("#changes-table", DataTable)
    names = [changes.get_row_at(row)[4].plain for row in range(changes.row_count)]
    assert {shown(text.strip()) for text in texts} <= set(names)  # a record's name, trimmed, names its change
    assert {shown(text) for text in texts} <= {changes.get_row_at(row)[1].plain for row in range(changes.row_count)}
    changes.move_cursor(row=names.index(shown(texts[0].strip())))
    await pilot.pause()
    assert f"“{shown(texts[0].strip())}”" in rendered(app, "#change-detail")
    assert_nothing_raw(app, "changes")
    assert app.is_running


async def test_the_bids_list_shows_every_title_as_typed(corpus):
    app = make_app(corpus.settings, bid_id=corpus.groups[0].bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "ctrl+o")
        table = app.screen.query_one("#bids", DataTable)
        assert table.row_count == len(corpus.titles)
        drawn = "\n".join(table_lines(table))
        for bid_id, title in corpus.titles.items():
            value = cell(table, bid_id, 1)  # after the column that marks the open bid
            assert is_literal(value) and value.plain == shown(title) + ", Gävle"
        for row in range(min(table.row_count, table.size.height - 2)):
            assert head(table.get_row_at(row)[1].plain) in drawn
        assert_nothing_raw(app, "bids")
        # a bid whose title holds `[/]` opens, and so does every other bid of the database
        closing = next(bid_id for bid_id, title in corpus.titles.items() if title == "[/]")
        table.move_cursor(row=table.get_row_index(str(closing)))
        await pilot.press("enter")
        await settle(pilot)
        assert app.bid_id == closing and app.current_mode == "overview"
        assert rendered(app, "HeaderTitle").endswith("— [/], Gävle")


# --- dialogs ---------------------------------------------------------------------------------------------------


async def open_row(pilot, table: DataTable, key: int) -> None:
    table.focus()
    table.move_cursor(row=table.get_row_index(str(key)))
    await pilot.pause()


async def test_forms_quote_every_name_as_typed(corpus):
    """The sample of terminal.json in a venue's edit form (a modal costs about a second: the other strings go
    through the same `show.line`, read in the tables); every string of the corpus in the choices that name
    other records (a commitment's partner, what a task waits for). The delete question is read in the
    delete-and-undo test."""
    app = make_app(corpus.settings, bid_id=corpus.groups[0].bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for group in corpus.groups:
            await open_bid(pilot, group.bid_id)
            await go(pilot, "2")
            table = app.screen.query_one("#venues-table", DataTable)
            for key, text in zip(group.ids["venue"], group.strings, strict=True):
                if text not in SAMPLE:
                    continue
                await open_row(pilot, table, key)
                await pilot.press("e")
                await pilot.pause()
                assert isinstance(app.screen, FormScreen)
                assert rendered(app, "#form-title") == f"Edit venue: {shown(text)}"
                assert app.screen.query_one("#field-name").value == shown(text)
                if raw_controls(text):  # the picture is for control characters; markup is checked above
                    assert_nothing_raw(app, f"edit form of {text!r}")
                await pilot.press("escape")
                await pilot.pause()
            await go(pilot, "5")
            await pilot.press("c")
            await pilot.pause()
            app.screen.query_one("#field-partner_id", Select).focus()
            await pilot.press("enter")
            await pilot.pause()
            overlay = app.screen.query_one("SelectOverlay")
            prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
            assert sorted(prompts) == sorted(shown(text) for text in group.strings)
            assert_nothing_raw(app, "commitment form, partner list open")
            await pilot.press("escape", "escape")
            await pilot.pause()
            await go(pilot, "6")
            await pilot.press("a")
            await pilot.pause()
            waits = app.screen.query_one("#field-depends_on", SelectionList)
            prompts = [str(waits.get_option_at_index(i).prompt) for i in range(waits.option_count)]
            assert prompts == [shown(text) for text in group.strings]
            assert_nothing_raw(app, "task form")
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running


async def test_a_form_of_every_record_kind_quotes_the_name(corpus):
    group = corpus.groups[0]
    app = make_app(corpus.settings, bid_id=group.bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for number, (key, table_id, kind, noun, name_field) in enumerate((
                ("3", "#lines-table", "line", "budget line", "label"),
                ("4", "#speakers-table", "speaker", "speaker", "display_name"),
                ("5", "#partners-table", "partner", "partner", "name"),
                ("6", "#tasks-table", "task", "task", "title"))):
            await go(pilot, key)
            table = app.screen.query_one(table_id, DataTable)
            for text in SAMPLE[number::4]:  # the sample shared among the four kinds
                await open_row(pilot, table, group.ids[kind][group.strings.index(text)])
                await pilot.press("e")
                await pilot.pause()
                assert rendered(app, "#form-title") == f"Edit {noun}: {shown(text)}"
                assert app.screen.query_one(f"#field-{name_field}").value == shown(text)
                assert_nothing_raw(app, f"{noun} form of {text!r}")
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running


# --- nothing acts -------------------------------------------------------------------------------------------------


async def test_clicking_a_name_holding_an_action_runs_nothing(corpus):
    group = corpus.groups[0]
    index = next(i for i, text in enumerate(group.strings) if text.startswith("[@click=app.quit]"))
    app = make_app(corpus.settings, bid_id=group.bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "2")
        table = app.screen.query_one("#venues-table", DataTable)
        table.focus()
        y = table.header_height + table.get_row_index(str(group.ids["venue"][index]))
        await pilot.click(table, offset=(3, y))
        await pilot.click(table, offset=(3, y))  # the highlighted row clicked again opens its form
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, FormScreen)
        await pilot.click("#form-title", offset=(14, 0))  # on the name in the title
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        # the ranking panel names it too
        ranking = app.screen.query_one("#ranking")
        row = next(n for n, text in enumerate(rendered(app, "#ranking").splitlines()) if "[@click=" in text)
        ranking.scroll_visible()
        app.screen.query_one("#side-panel").scroll_to(y=max(0, row - 5), animate=False)
        await pilot.pause()
        await pilot.click(ranking, offset=(8, row))
        await pilot.pause()
        assert app.is_running and app.current_mode == "venues"


async def test_a_hostile_venue_is_deleted_and_put_back_by_undo(corpus):
    group = corpus.groups[0]
    app = make_app(corpus.settings, bid_id=group.bid_id, today=TODAY)
    app.NOTIFICATION_TIMEOUT = 600  # the toasts stay to be read, however slow the machine
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await go(pilot, "2")
        table = app.screen.query_one("#venues-table", DataTable)
        for text in SAMPLE:
            key = group.ids["venue"][group.strings.index(text)]
            await open_row(pilot, table, key)
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert rendered(app, "#confirm-question") == f"Delete “{shown(text)}”? You can undo it with ctrl+z."
            assert_nothing_raw(app, f"delete question for {text!r}")
            await pilot.press("y")
            await settle(pilot)
            assert app.is_running and not isinstance(app.screen, ConfirmScreen)
            assert key not in {v.id for v in app.bundle.venues}
            toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
            assert f"Deleted “{shown(text)}”. ctrl+z puts it back." in toasts
            assert_nothing_raw(app, f"deleted {text!r}")
            await pilot.press("ctrl+z")
            await settle(pilot)
            restored = [v for v in app.bundle.venues if v.id == key]
            assert restored and restored[0].name == text  # stored exactly as it was
            toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
            assert f"“{shown(text)}” is back." in toasts
            app.clear_notifications()
            await pilot.pause()


async def test_a_stored_control_character_is_shown_and_refused_under_its_field(corpus):
    """An old record holding ESC: the form shows it neutralised; saving asks for it to go, under the field,
    and nothing is written until the name is put right."""
    from planner.services.workspace import Workspace
    from planner.store import models as m
    from tests.tui.conftest import error_of, fill

    group = corpus.groups[0]
    index = next(i for i, text in enumerate(group.strings) if "\x1b[2J" in text)
    key = group.ids["venue"][index]
    app = make_app(corpus.settings, bid_id=group.bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "2")
        await open_row(pilot, app.screen.query_one("#venues-table", DataTable), key)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-name").value == "Gen␛[2J␛[HClear"
        await fill(pilot, "catering", "Local")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "control character ␛ (U+001B) at character 4" in error_of(app, "name")
        assert_nothing_raw(app, "the refused form")
        await fill(pilot, "name", "Gen Clear")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    ws = Workspace.open(corpus.settings)
    with ws.session() as s:
        venue = s.get(m.Venue, key)
    ws.close()
    assert (venue.name, venue.catering) == ("Gen Clear", "Local")
    con = sqlite3.connect(corpus.db_path)  # put the string back for the other tests of the module
    with con:
        con.execute("UPDATE venue SET name = ? WHERE id = ?", (group.strings[index], key))
    con.close()


async def test_pasted_control_characters_show_as_symbols(corpus):
    from textual import events

    app = make_app(corpus.settings, bid_id=corpus.groups[0].bid_id, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "2")
        await pilot.press("a")
        await pilot.pause()
        name = app.screen.query_one("#field-name")
        name.focus()
        name.post_message(events.Paste("Hall\x1b]52;c;SGVsbG8=\x07 B"))
        await pilot.pause()
        assert name.value == "Hall␛]52;c;SGVsbG8=␇ B"
        assert_nothing_raw(app, "venue form after a paste")


# --- the real terminal ------------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_program_writes_no_control_sequence_from_the_data_to_its_terminal(corpus):
    """Run `planner` in a pseudo-terminal on the first bid, visit the screens, and read what it wrote."""
    import fcntl
    import pty
    import select
    import struct
    import subprocess
    import termios

    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    home = corpus.db_path.parent
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40", "PLANNER_DATA_DIR": str(home),
           "XDG_CONFIG_HOME": str(home / "config")}
    program = subprocess.Popen(
        [sys.executable, "-m", "planner", "--db", str(corpus.db_path), "--locale", "en",
         "--bid", str(corpus.groups[0].bid_id), "--today", TODAY.isoformat()],
        stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True)
    os.close(terminal)
    out = bytearray()

    def read_until(marker: str, seconds: float = 90) -> None:
        """Read what the program writes until `marker` is in what came since, then a second more."""
        since, wanted, end = len(out), marker.encode(), time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _w, _x = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the program has ended
                    return
                out.extend(chunk)
            if wanted in out[since:]:
                end = min(end, time.monotonic() + 1.0)
                wanted = b""  # found: only the rest of the screen is awaited

    try:
        read_until("Readiness")  # the overview of the bid
        for key, marker in ((b"2", "Candidates"), (b"5", "Pipeline"), (b"6", "Gantt"), (b"9", "What changed")):
            os.write(main, key)
            read_until(marker)
        os.write(main, b"\x11")  # ctrl+q
        program.wait(timeout=30)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
        os.close(main)
    written = bytes(out)
    if os.environ.get("HOSTILE_DUMP"):
        Path(os.environ["HOSTILE_DUMP"]).write_bytes(written)
    assert "␛[2J␛[HClear".encode() in written, "the names of the bid were never drawn"
    for text in corpus.groups[0].strings:
        if raw_controls(text):
            assert text.encode() not in written, f"{text!r} reached the terminal as it is"
    for sequence in ("\x1b]52;c;SGVsbG8gZnJvbSBkYXRh", "\x1b]8;;http://evil.example", "\x1b]0;pwned",
                     "Ask\x1b[6n", "Gen\x1b[2J", "\x9b2J", "\u202egpj"):
        assert sequence.encode() not in written, f"{sequence!r} reached the terminal"
