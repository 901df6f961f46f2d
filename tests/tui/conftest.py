"""Fixtures for the terminal UI: a real SQLite file per test, the demo bid, a fixed 'today', no cursor blink."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input
from textual.worker import WorkerCancelled

from planner.config import Settings

TODAY = date(2011, 10, 3)  # a Monday, eight weeks before the Gävle bid deadline
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def toasts_kept(monkeypatch):
    """Every toast the app shows is also kept on `app.toasts_told`: a toast expires after a few seconds, and on
    a loaded machine the test may look after it has gone (`told(app)` reads them). Kept as Textual's own
    `App.notify` receives it, that is after the planner app made the text literal."""
    from textual.app import App

    shown = App.notify

    def notify(self, message, **kwargs):
        self.__dict__.setdefault("toasts_told", []).append(str(message))
        return shown(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", notify)


def told(app) -> list[str]:
    """The messages of every toast shown so far, expired ones included."""
    return list(app.__dict__.get("toasts_told", []))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.load(db=tmp_path / "p.db")


@pytest.fixture
def workspace(settings):
    from planner.services.workspace import Workspace

    ws = Workspace.open(settings)
    yield ws
    ws.close()


@pytest.fixture
def demo_bid(workspace) -> int:
    from planner.services.demo import load_demo

    bid_id, _new = load_demo(workspace)
    return bid_id


@pytest.fixture
def small_bid(workspace) -> int:
    from planner.services.workspace import create_bid

    bid = create_bid(workspace, conference="Nordic Makers", host_city="Sandviken", bid_deadline=date(2011, 12, 1),
                     event_start=date(2012, 9, 6), event_end=date(2012, 9, 7), attendance_expected=200,
                     base_currency="SEK")
    return bid.id


async def settle(pilot) -> None:
    """Wait until no worker runs and the screen has caught up (workers start workers: loop until quiet)."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one (the work ahead, a new filter)
            pass
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return


async def settle_but_loader(pilot) -> None:
    """Wait until no worker runs but the folder browser's loader, which waits for folders to open while shown.

    A worker cancelled on the way (an exclusive one replaced by a newer one: the work ahead, a new filter) is
    an ordinary outcome, not a failure: wait for the ones still running.
    """
    app = pilot.app

    def busy():
        return [w for w in app.workers if w.is_running and w.group != "_loader"]

    for _ in range(100):
        await pilot.pause()
        if running := busy():
            try:
                await app.workers.wait_for_complete(running)
            except WorkerCancelled:
                pass
            continue
        await pilot.pause()
        if not busy():
            return


async def fill(pilot, name: str, text: str) -> None:
    """Type into a form field as a person does: focus it, clear it, type."""
    field = pilot.app.screen.query_one(f"#field-{name}")
    field.focus()
    field.value = ""
    await pilot.pause()
    if text:
        await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def choose(pilot, name: str, value) -> None:
    pilot.app.screen.query_one(f"#field-{name}").value = value


async def add_record(pilot, screen: str | None, *, key: str = "a", **fields) -> None:
    """Add a record as a person does: the screen's key (None: the screen on show), `key` for the form, then
    each field in the order given, typed into a text field or chosen in a choice or a tick box, and ctrl+s.
    What the form then shows (saved, or an error on a field) is the caller's to check."""
    if screen is not None:
        await pilot.press(screen)
        await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    for name, value in fields.items():
        if isinstance(pilot.app.screen.query_one(f"#field-{name}"), Input):
            await fill(pilot, name, str(value))
        else:
            choose(pilot, name, value)
    await pilot.press("ctrl+s")
    await settle(pilot)


def screen_text(app) -> str:
    """Everything the screen shows as plain text (static panels and tables)."""
    from textual.widgets import DataTable, Static

    parts = []
    for widget in app.screen.query(Static):
        try:
            parts.append(str(widget.render()))
        except Exception:
            pass
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            parts.append(" ".join(str(c) for c in table.get_row_at(row)))
        parts.append(" ".join(str(c.label) for c in table.ordered_columns))
    return "\n".join(parts)


def error_of(app, name: str) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one(f"#error-{name}", Static).render())
