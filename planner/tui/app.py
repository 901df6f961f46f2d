"""The Textual application: screens as modes, the open bid in memory, and database work in thread workers.

Data flows one way, in named messages (planner/tui/messages.py). Every change goes through a service in a
worker (a form's save, `run_service`, a delete); what was saved is posted as `RecordSaved`, and the app
*loads* the bid again: a worker reads it through `planner.services` (`load_bundle`, then the planning
engines) and posts `BidLoaded`. The app keeps it and passes `BidLoaded` on to the screens of the current
stack, which *redraw* (prepare in a worker) and *show* it; a screen out of sight redraws when it is shown.
A worker that fails is reported by `worker_failed`, the one place that turns a failure into a toast. No SQL
is written here.
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import events, on, work
from textual.app import App, ScreenStackError
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen, Screen, SystemModalScreen
from textual.theme import Theme
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from planner.i18n import N_, _, set_locale
from planner.tui.heap import collect_everything, collection_due, keep_long_lived, quiet_for, release
from planner.tui.messages import BidLoaded, BidsListed, RecordSaved, ScreensImported
from planner.tui.widgets.footer import PlannerFooter

IDLE_BEFORE_COLLECTING = 3.0  # seconds with no key, no mouse and no new rows before a full collection
FIRST_FIGURES_AT_MOST = 3.0  # seconds the workspace's opening waits for the first figures, should they stall

SCREENS = {
    # mode: (key, module, class, name)
    "start": ("ctrl+o", "start", "StartScreen", N_("Bids")),
    "overview": ("1", "overview", "OverviewScreen", N_("Overview")),
    "venues": ("2", "venues", "VenuesScreen", N_("Venues")),
    "budget": ("3", "budget", "BudgetScreen", N_("Budget")),
    "programme": ("4", "programme", "ProgrammeScreen", N_("Speakers and programme")),
    "partners": ("5", "partners", "PartnersScreen", N_("Partners")),
    "timeline": ("6", "timeline", "TimelineScreen", N_("Timeline")),
    "dossier": ("7", "dossier", "DossierScreen", N_("Dossier")),
    "settings": ("8", "settings", "SettingsScreen", N_("Settings")),
    "changes": ("9", "changes", "ChangesScreen", N_("Changes")),
    "bid": ("0", "bid", "BidScreen", N_("Bid")),
    "help": ("f1", "help", "HelpScreen", N_("Help")),
}

THEMES = [
    Theme(name="planner-dark", primary="#4C9BE8", secondary="#E8A33D", accent="#F0C75E", warning="#E8A33D",
          error="#E5484D", success="#46A758", background="#14181F", surface="#1C222B", panel="#27303C", dark=True),
    Theme(name="planner-light", primary="#1F5FAD", secondary="#B86E00", accent="#8A5A00", warning="#B86E00",
          error="#C4272C", success="#2B7A3A", background="#F7F8FA", surface="#FFFFFF", panel="#E4E8EE", dark=False),
]


def _theme_of(wanted: str | None) -> str:
    """The planner theme for a remembered theme name (Textual's own dark and light map onto ours)."""
    if wanted in ("textual-dark", "textual-light", "planner-dark", "planner-light"):
        return {"textual-dark": "planner-dark", "textual-light": "planner-light"}.get(wanted, wanted)
    return "planner-dark"


def _mode_factory(mode: str) -> Callable:
    def build():
        import importlib

        _key, module, cls, _name = SCREENS[mode]
        return getattr(importlib.import_module(f"planner.tui.screens.{module}"), cls)()

    return build


@dataclass
class UndoEntry:
    """One step of undo or redo: `action` is what carrying it out does ("restore" what a delete removed,
    "delete" again what was put back, "revert" an edit; "delete_many" / "restore_many" for a batch added as
    one step), `what` names the record (or the batch) in the toasts."""

    what: str
    action: str
    payload: Any


def _carry_out(ws, entry: UndoEntry) -> tuple[UndoEntry | None, RecordSaved]:
    """Do what the entry says through the records service; returns the entry that takes it back and the
    message naming the row to show."""
    from planner.services import records

    if entry.action == "restore":
        records.restore(ws, entry.payload)
        table, values = entry.payload.rows[0]  # the deleted record itself; its children follow it
        return UndoEntry(entry.what, "delete", (table, values.get("id"))), RecordSaved(table, str(values.get("id")))
    if entry.action == "delete":
        table, key = entry.payload
        undo = records.delete(ws, table, key, force=True)  # what goes with it was put back with it
        return UndoEntry(entry.what, "restore", undo), RecordSaved()
    if entry.action == "revert_all":
        backs = [records.revert(ws, done)[1] for done in reversed(entry.payload)]
        backs = [back for back in backs if back is not None]
        inverse = UndoEntry(entry.what, "revert_all", backs) if backs else None
        return inverse, RecordSaved()
    if entry.action == "delete_many":  # a batch added as one step (the standard timeline)
        kind, keys = entry.payload
        return UndoEntry(entry.what, "restore_many", (kind, records.delete_many(ws, kind, keys))), RecordSaved()
    if entry.action == "restore_many":
        kind, undos = entry.payload
        records.restore_many(ws, undos)
        keys = [undo.rows[0][1].get("id") for undo in undos]
        return UndoEntry(entry.what, "delete_many", (kind, keys)), RecordSaved(kind, str(keys[0]))
    record, back = records.revert(ws, entry.payload)
    inverse = UndoEntry(entry.what, "revert", back) if back is not None else None
    return inverse, RecordSaved.of(record)


def _success_of(entry: UndoEntry) -> str:
    if entry.action == "delete_many":
        return _("{what}: taken back.").format(what=entry.what)
    if entry.action == "restore_many":
        return _("{what}: added again.").format(what=entry.what)
    if entry.action == "restore":
        return _("“{name}” is back.").format(name=entry.what)
    if entry.action == "delete":
        return _("Deleted “{name}” again.").format(name=entry.what)
    if entry.action == "revert_all":
        return _("The change of “{name}” is taken back.").format(name=entry.what)
    return _("The edit of “{name}” is taken back.").format(name=entry.what)


# what a failed worker's toast is titled, by the worker's group
FAILED = {
    "db": N_("The database could not be opened"),
    "load": N_("The bid could not be loaded"),
    "delete": N_("Not deleted"),
    "prepare": N_("The screen could not be drawn"),
}
NOT_DONE = N_("Not done")


class PlannerApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "Planner"
    MODES = {mode: _mode_factory(mode) for mode in SCREENS}
    DEFAULT_MODE = "start"
    # app.tcss lays narrow screens out otherwise, and gives the side panels more room on very wide ones
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (160, "-wider")]
    BINDINGS = [
        *[Binding(key, f"go('{mode}')", name, id=f"go-{mode}", show=mode in ("help",))
          for mode, (key, _m, _c, name) in SCREENS.items()],
        Binding("ctrl+z", "undo", N_("Undo"), id="undo", show=False),
        Binding("ctrl+y", "redo", N_("Redo"), id="redo", show=False),
        Binding("escape", "close_help", N_("Close help"), id="close-help", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
    ]

    def __init__(self, settings, bid_id: int | None = None, today: date | None = None) -> None:
        # what the imports made (modules, classes, functions: some 100 000 objects, alive until the program ends)
        # goes out of the cycle collector's sight, so that the full collection that comes while the first screen
        # is built walks only the screen (it took 40-60 ms of the start-up, a sixth of a bare Textual app's)
        keep_long_lived()
        self.settings = settings
        self.requested_bid = bid_id
        self.today = today or date.today()
        self.ws = None
        self.bid_id: int | None = None
        self.bundle = None
        self.preview = None  # the first figures of the bid being opened, read before the bid (BidsListed)
        self.analysis = None
        self.bids: list | None = None
        self.data_version = 0
        self.undo_stack: list[UndoEntry] = []
        self.redo_stack: list[UndoEntry] = []
        self.scenario = "expected"
        self.mode_before_help = "start"
        self._told_unremembered = False
        self.built_screens: list[Screen] = []  # every screen of the bid made so far (they register on mount)
        self._opening = threading.Lock()  # the workspace is opened once, by whichever worker needs it first
        # set once the first screen is on the terminal: the heavy loading waits for it, so it does not slow it
        self._painted = threading.Event()
        # cleared while the Overview computes the bid's first figures from the light read (no ORM): the
        # workspace's opening and the bid's loading wait for them, so they do not share the interpreter with it
        self.first_figures = threading.Event()
        self.first_figures.set()
        # (the light read's rows, its rates, the analysis of them, the language): the bid's loading takes the
        # analysis over when it loads the same rows, instead of computing it again
        self.first_analysis: tuple | None = None
        self._prefetched = False
        self._last_input = time.monotonic()  # of the last key or mouse event: a full collection waits for quiet
        self._css_refreshed: tuple | None = None  # what the stylesheet was last refreshed from (refresh_css)
        self._css_styled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # screen: what it was styled with
        set_locale(settings.locale)
        # the bids and the first figures of the bid to open, read (sqlite3, a few milliseconds) before the first
        # screen is made: with a bid to open the app starts on its Overview, without making the Start screen
        self._first_read = self._read_first()
        if self._first_read is not None and self._first_read[1][1] is not None:
            self.DEFAULT_MODE = "overview"
            self.bids, self.preview = self._first_read[1]
            self.bid_id = self.preview.id
        super().__init__()
        from planner.tui.commands import PlannerCommands

        self.COMMANDS = self.COMMANDS | {PlannerCommands}
        for theme in THEMES:
            self.register_theme(theme)
        self._first_theme(_theme_of(settings.theme))

    def _first_theme(self, name: str) -> None:
        """Start in theme `name`. Set as a change, a theme parses the whole stylesheet again once the app runs;
        a dark theme is what the app starts with anyway (same classes, same colour filter), so it is only put
        in place, and the stylesheet is parsed once, with its colours."""
        theme = self.get_theme(name)
        if theme is not None and theme.dark and not theme.ansi and self.current_theme.dark:
            self.set_reactive(PlannerApp.theme, name)
            self.set_class(True, f"-theme-{name}", update=False)
        else:
            self.theme = name

    def refresh_css(self, animate: bool = True) -> None:
        """Parse the stylesheet again and restyle the screen shown, unless that would change nothing.

        Textual calls this twice on the first visit of each mode (a new screen was never styled before), and
        each call parses every source of the stylesheet anew (37 of them here) and restyles the screen being
        left: 90 to 140 ms of the event loop on a first switch of screen, for the rules it already has. It is
        skipped when the variables are those of the last refresh and the screen shown was styled with them, or
        is not mounted yet (mounting styles it with the rules in place); a new theme, or a screen styled before
        it, still gets the whole refresh."""
        state = self._css_state()
        try:
            screen = self.screen
        except ScreenStackError:  # no screen yet: nothing to judge by, refresh as Textual would
            screen = None
        if (screen is not None and state == self._css_refreshed
                and (not screen.is_mounted or self._css_styled.get(screen) == state)):
            self._css_styled[screen] = state  # styled with these rules once it mounts
            return
        super().refresh_css(animate)
        self._css_refreshed = state
        for shown in self.screen_stack:
            self._css_styled[shown] = state

    def _css_state(self) -> tuple:
        """What a refresh would parse the stylesheet with: the theme's variables (a source added since, the CSS
        of a widget class mounted for the first time, is parsed by the stylesheet itself when its rules are
        next read, with the variables in place)."""
        return tuple(self.get_css_variables().items())

    def _read_first(self):
        """(the remembered bid, (bids, preview)) from the one light read of a current SQLite file, or None when
        the workspace must be opened first (or the remembered settings cannot be read: the worker says why)."""
        from planner.services.listing import quick_start
        from planner.services.preferences import last_bid

        try:
            remembered = last_bid(self.settings) if self.requested_bid is None else None
        except Exception:  # noqa: BLE001 - the opening worker reads them again and reports what is wrong
            return None
        quick = quick_start(self.settings, lambda bids: self._bid_to_open(bids, remembered))
        return (remembered, quick) if quick is not None else None

    # --- start-up -----------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed)
        from planner.services.preferences import problem

        trouble = problem(self.settings)
        if trouble:
            self.notify(trouble, severity="warning", timeout=15)
        self.open_workspace()

    def _screen_changed(self, screen: Screen) -> None:
        """A question or a form on top gets a footer of its own: the keys shown are the ones that work."""
        if isinstance(screen, ModalScreen) and not isinstance(screen, SystemModalScreen):
            self.call_after_refresh(self._give_footer, screen)

    async def _give_footer(self, screen: Screen) -> None:
        if screen.is_attached and not screen.query(Footer):
            await screen.mount(PlannerFooter())

    def on_unmount(self) -> None:
        self._painted.set()  # a worker still waiting for the first screen goes on (and ends)
        release()  # what was kept out of the cycle collector is collectable again once the app ends

    @work(thread=True, exclusive=True, group="db", exit_on_error=False, description="open the database")
    def open_workspace(self) -> None:
        """List the bids and open one: on a current SQLite file the list and the first figures of the bid
        come from one light read (sqlite3, no ORM) and are on screen while the workspace opens."""
        from planner.services.preferences import last_bid

        if self._first_read is not None:
            remembered, quick = self._first_read
        else:
            remembered, quick = (last_bid(self.settings) if self.requested_bid is None else None), None
        if quick is not None:
            bids, preview = quick
            self.post_message(BidsListed(bids, preview.id if preview else None, preview))
            self._painted.wait(timeout=10.0)
            self.first_figures.wait(timeout=FIRST_FIGURES_AT_MOST)
        self.open_workspace_now()
        if quick is None:
            self._list_and_open(remembered)

    def _bid_to_open(self, bids: list, remembered: int | None) -> int | None:
        """The bid to open among `bids` as `_list_and_open` chooses it; LookupError where that needs the
        workspace (a bid asked for that is not in the list)."""
        if remembered is not None and any(b.id == remembered for b in bids):
            return remembered
        if not bids:
            return None
        if self.requested_bid is not None:
            if any(b.id == self.requested_bid for b in bids):
                return self.requested_bid
            raise LookupError(self.requested_bid)
        if len(bids) == 1:
            return bids[0].id
        opened = [b for b in bids if b.last_opened_at is not None]
        return max(opened, key=lambda b: b.last_opened_at).id if opened else None

    def open_workspace_now(self):
        """The open workspace, opened (checked, upgraded) here by the first worker that needs it."""
        with self._opening:
            if self.ws is None:
                from planner.services.collector import paused

                # the ORM's modules (some 200 000 objects) are made with no collection walking them as they
                # grow, and kept out of its walks afterwards: a full collection here held the UI 80 ms
                with paused(keep=True):
                    from planner.services.workspace import Workspace

                self.ws = Workspace.open(self.settings)
            return self.ws

    def _list_and_open(self, remembered: int | None) -> None:
        from planner.services.errors import PlannerError
        from planner.services.workspace import list_bids, resolve_bid

        bids = list_bids(self.ws)
        opened = None
        if remembered is not None and any(b.id == remembered for b in bids):
            opened = remembered  # the bid this user had open last time, on this database
        elif bids:
            try:
                opened = resolve_bid(self.ws, self.requested_bid).id
            except PlannerError:
                opened = None
        self.post_message(BidsListed(bids, opened))

    @on(BidsListed)
    def _bids_listed(self, message: BidsListed) -> None:
        self.bids = message.bids
        self.preview = message.preview
        if message.opened_bid is not None:
            self.open_bid(message.opened_bid)
        else:
            self.data_version += 1
            self.screen.post_message(BidsListed(message.bids))
        self.call_after_refresh(self._first_screen_painted)

    def wait_until_painted(self, at_most: float = 10.0) -> None:
        """In a worker: wait (a while at most) until the first screen is on the terminal."""
        self._painted.wait(timeout=at_most)

    def _first_screen_painted(self) -> None:
        if not self._painted.is_set():
            self.set_interval(1.0, self._collect_when_idle, name="collect when idle")
        self._painted.set()
        if self.bid_id is None:
            self._prefetch_once()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        """The full collection of the cycle collector (planner.tui.heap), when one is due, run only once the user
        has touched nothing for a while and nothing is being loaded or prepared: it holds the UI for up to a
        second on a large bid, which must never be part of an action."""
        if not collection_due():
            return
        if min(time.monotonic() - self._last_input, quiet_for()) < IDLE_BEFORE_COLLECTING:
            return
        if any(worker.is_running for worker in self.workers):
            return
        collect_everything()

    def _prefetch_once(self) -> None:
        if not self._prefetched:
            self._prefetched = True
            self.prefetch()

    @work(thread=True, group="prefetch", exit_on_error=False, description="import the other screens")
    def prefetch(self) -> None:
        """Import the other screens' modules in a thread (the first screen is on the terminal by now), then
        warm their widgets up on the UI thread."""
        import importlib

        self._wait_until_drawn()
        for _key, module, _cls, _name in SCREENS.values():
            importlib.import_module(f"planner.tui.screens.{module}")
        for module in ("planner.tui.forms", "planner.tui.widgets.form", "planner.tui.widgets.confirm"):
            importlib.import_module(module)
        self.post_message(ScreensImported())  # never call_from_thread here: the app may be closing

    @on(ScreensImported)
    def _screens_imported(self) -> None:
        # a worker of its own on the event loop: the app's messages (keys among them) are not held up behind it
        self.run_worker(self.warm_up, group="warm-up", exit_on_error=False, description="warm the widgets up")

    def _wait_until_drawn(self, at_most: float = 5.0) -> None:
        """In a worker: wait (a while at most) until no screen is preparing what it shows, so that work done
        ahead does not slow down what the user is waiting to see."""
        import time

        def busy() -> bool:
            try:
                return any(worker.group in ("load", "prepare") and worker.is_running for worker in self.workers)
            except RuntimeError:  # the set of workers changed while it was read: look again
                return True

        until = time.monotonic() + at_most
        while time.monotonic() < until and busy():
            time.sleep(0.02)

    async def warm_up(self) -> None:
        """Mount one of each widget the other screens use, hidden, then remove them.

        Textual parses a widget class's CSS (and re-parses the whole stylesheet) the first time the class is
        mounted; doing it here, while the bid loads, keeps that half second out of the first screen switch.
        """
        from textual.containers import Container
        from textual.widgets import (
            Button,
            Checkbox,
            DataTable,
            Input,
            Label,
            ProgressBar,
            Select,
            SelectionList,
            TabbedContent,
            TabPane,
        )

        from planner.tui.screens.venues import ScoreMatrix
        from planner.tui.widgets.table import SortableTable

        box = Container(id="warm-up")
        box.display = False
        # one widget at a time, the event loop free between them: mounting a widget of a new class parses its CSS
        # (tens of milliseconds each), and all of them at once held the loop for most of a second
        makers = (lambda: Button("·"), lambda: Checkbox("·"), Input, lambda: Label("·"), ProgressBar,
                  lambda: Select([("·", 1)], value=1, allow_blank=False), lambda: SelectionList(("·", 1)),
                  DataTable, SortableTable, ScoreMatrix)
        try:
            await self.screen.mount(box)
            for make in makers:
                await box.mount(make())
                await asyncio.sleep(0)
            tabs = TabbedContent()
            await box.mount(tabs)
            await asyncio.sleep(0)
            await tabs.add_pane(TabPane("·"))
        except Exception:  # noqa: BLE001 - work done ahead only: the app closing or the screen going is no fault
            pass
        finally:
            if box.is_attached:
                await box.remove()

    # --- the open bid -------------------------------------------------------------------------------------

    def open_bid(self, bid_id: int, mode: str = "overview") -> None:
        self.bid_id = bid_id
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.load_bid(touch=True)
        self.switch_mode(mode)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load the bid")
    def load_bid(self, touch: bool = False, focus: tuple[str, str] | None = None) -> None:
        """Load the open bid and run the planning engines on it; posts BidLoaded when it is in."""
        self._painted.wait(timeout=10.0)  # the bid's name and first figures are drawn first (imports too)
        self.first_figures.wait(timeout=FIRST_FIGURES_AT_MOST)
        from planner.services.errors import PlannerError
        from planner.services.workspace import list_bids, load_bundle, touch_bid
        from planner.tui.analysis import analyse

        bid_id = self.bid_id
        if bid_id is None:
            return
        try:
            ws = self.open_workspace_now()
        except PlannerError:
            return  # the database could not be opened: the opening worker says why
        if touch:
            touch_bid(ws, bid_id)
            self._remember_now(bid_id=bid_id)
        bundle = load_bundle(ws, bid_id)
        analysis = self._first_analysis_of(ws, bundle) or analyse(ws, bundle, self.today, self.scenario)
        self.post_message(BidLoaded(bid_id, bundle, analysis, list_bids(ws), focus=focus))

    def _first_analysis_of(self, ws, bundle):
        """The analysis the Overview made of the bid read without the ORM, when the bid loaded holds the same
        rows and converts at the same rates (and the language is the same): the engines would give the same
        answers (tests/services/test_light.py); now on the loaded records. None otherwise, once used or not."""
        first, self.first_analysis = self.first_analysis, None
        if first is None:
            return None
        from planner.i18n import get_locale
        from planner.services import light
        from planner.services.rates import rate_table

        rows, rates, analysis, locale = first
        if rows.bid.id != bundle.bid.id or locale != get_locale() or not light.same_rows(rows, bundle):
            return None
        loaded_rates = rate_table(ws, earliest_before_first=True)
        if loaded_rates != rates:
            return None
        analysis.plan.bundle, analysis.plan.rates = bundle, loaded_rates
        return analysis

    @on(BidLoaded)
    def _bid_loaded(self, message: BidLoaded) -> None:
        if message.bid_id != self.bid_id:
            return  # another bid was opened meanwhile
        self.bundle, self.analysis, self.bids = message.bundle, message.analysis, message.bids
        keep_long_lived(loaded=True)
        self.data_version += 1
        for screen in self.screen_stack:
            screen.post_message(BidLoaded(message.bid_id, message.bundle, message.analysis, message.bids,
                                          self.data_version, message.focus))
        self.call_after_refresh(self._prefetch_once)
        self.call_after_refresh(self.compute_ahead, message.analysis)

    @work(thread=True, exclusive=True, group="ahead", exit_on_error=False, description="compute ahead")
    def compute_ahead(self, analysis) -> None:
        """The budget status at the other scenarios, computed once the bid is on screen, so that switching
        scenario shows its figures at once (each costs most of a second on a large bid)."""
        from textual.worker import get_current_worker

        from planner.services.collector import paused
        from planner.tui.analysis import add_status

        worker = get_current_worker()
        self._wait_until_drawn()
        for scenario in ("expected", "low", "high"):
            if worker.is_cancelled or analysis is not self.analysis:
                return  # newer data came in: its own round computes ahead
            with paused(keep=True):
                add_status(analysis, scenario, say_why=False)

    @on(RecordSaved)
    def _record_saved(self, message: RecordSaved) -> None:
        focus = (message.table, message.key) if message.table and message.key else None
        self.load_bid(focus=focus)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.worker_failed(event)

    def worker_failed(self, event: Worker.StateChanged) -> None:
        """The one handler of failed workers (the app's and every screen's): the user reads what went wrong
        in a toast and the app keeps running."""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        title = _(FAILED.get(worker.group, NOT_DONE))
        self.notify(_error_text(worker.error), title=title, severity="error", timeout=15)

    def open_bid_title(self) -> str:
        """The open bid's name: from the loaded bid, or from its first figures while it loads."""
        if self.bundle is not None and self.bundle.bid.id == self.bid_id:
            return self.bundle.bid.title
        if self.preview is not None and self.preview.id == self.bid_id:
            return self.preview.title
        return self.bundle.bid.title if self.bundle is not None else ""

    # --- doing things through the services ----------------------------------------------------------------

    def run_service(self, job: Callable[[Any], Any], done: Callable[[Any], None] | None = None,
                    success: str | None = None, reload: bool = True,
                    failed: Callable[[Exception], None] | None = None) -> None:
        """Run `job(ws)` in a worker; on success toast `success`, call `done(result)`, reload the bid; on a
        failure call `failed(error)` (the one failure handler then says what went wrong)."""
        self._run_service(job, done, success, reload, failed)

    @work(thread=True, group="service", exit_on_error=False, description="service call")
    def _run_service(self, job, done, success, reload, failed=None) -> None:
        try:
            result = job(self.ws)
        except Exception as exc:
            if failed is not None:
                self.call_from_thread(failed, exc)
            raise
        self.call_from_thread(self._service_done, result, done, success, reload)

    def _service_done(self, result, done, success, reload) -> None:
        if success:
            self.notify(success)
        if done is not None:
            done(result)
        if reload:
            self.post_message(RecordSaved.of(result))

    def edit(self, title: str, fields, save: Callable[[dict], Any], values: dict | None = None,
             check=None, saved: str | None = None, done: Callable[[Any], None] | None = None,
             what: str | None = None) -> None:
        """Open a form; when it has saved, toast `saved`, keep the edit for undo (named `what`) and reload."""
        from planner.tui.forms import Saved
        from planner.tui.widgets.form import FormScreen

        def finished(result) -> None:
            if result is None:
                return
            if isinstance(result, Saved):
                if result.edit is not None:
                    self.remember_undo(UndoEntry(what or title, "revert", result.edit))
                result = result.record
            self.notify(saved or _("Saved."))
            if done:
                done(result)
            self.post_message(RecordSaved.of(result))

        self.push_screen(FormScreen(title, fields, lambda values: save(self.ws, values), values, check=check),
                         finished)

    def delete(self, kind: str, key, name: str) -> None:
        """Ask, delete (asking again when more would go with it), and remember it for undo."""
        from planner.tui.widgets.confirm import ConfirmScreen

        def confirmed(yes: bool | None, force: bool = False) -> None:
            if yes:
                self._delete(kind, key, name, force)

        self.push_screen(ConfirmScreen(_("Delete “{name}”? You can undo it with ctrl+z.").format(name=name)),
                         confirmed)

    @work(thread=True, group="delete", exit_on_error=False, description="delete")
    def _delete(self, kind: str, key, name: str, force: bool) -> None:
        from planner.services import records
        from planner.services.errors import NeedsConfirmation

        try:
            undo = records.delete(self.ws, kind, key, force=force)
        except NeedsConfirmation as exc:
            self.call_from_thread(self._ask_again, kind, key, name, str(exc))
            return
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.notify, _error_text(exc), title=_("Not deleted"), severity="error")
            return
        self.call_from_thread(self.remember_undo, UndoEntry(name, "restore", undo))
        self.call_from_thread(self.notify, _("Deleted “{name}”. ctrl+z puts it back.").format(name=name))
        self.post_message(RecordSaved())

    def _ask_again(self, kind: str, key, name: str, question: str) -> None:
        from planner.tui.widgets.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(kind, key, name, True)

        self.push_screen(ConfirmScreen(question, _("Delete all")), confirmed)

    def remember_undo(self, entry: UndoEntry) -> None:
        """A new change can be undone; what was undone before it can no longer be redone."""
        self.undo_stack.append(entry)
        self.redo_stack.clear()

    def action_undo(self) -> None:
        self._step(self.undo_stack, self.redo_stack, _("There is nothing to undo."))

    def action_redo(self) -> None:
        self._step(self.redo_stack, self.undo_stack, _("There is nothing to redo."))

    def _step(self, source: list[UndoEntry], target: list[UndoEntry], nothing: str) -> None:
        """Carry out the newest entry of `source` (undo or redo); what takes it back goes onto `target`."""
        if not source:
            self.notify(nothing, severity="warning")
            return
        entry = source.pop()

        def done(outcome: tuple[UndoEntry | None, RecordSaved]) -> None:
            inverse, saved = outcome
            if inverse is not None:
                target.append(inverse)
            self.post_message(saved)

        def failed(exc: Exception) -> None:
            source.append(entry)  # refused (someone changed it since): it stays to be tried again

        self.run_service(lambda ws: _carry_out(ws, entry), success=_success_of(entry), reload=False, done=done,
                         failed=failed)

    # --- moving around ------------------------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        if mode not in ("start", "settings", "help") and self.bid_id is None:
            self.notify(_("Open or create a bid first."), severity="warning")
            mode = "start"
        if self.current_mode != mode:
            if mode == "help":
                self.mode_before_help = self.current_mode
            self.switch_mode(mode)

    def action_close_help(self) -> None:
        """Escape on Help: back to the screen it was opened from."""
        self.switch_mode(self.mode_before_help if self.mode_before_help != "help" else "start")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_help":
            return self.current_mode == "help"  # escape means what it means on every other screen
        if action in ("undo", "redo") and self.read_only:
            return None
        return True

    @property
    def read_only(self) -> bool:
        """The database is open for reading only (--read-only, or a database that refuses writes)."""
        return bool(self.settings.read_only or (self.ws is not None and self.ws.db.read_only))

    async def run_command(self, mode: str, action: str | None) -> None:
        """A palette command: go to its screen, then run the screen's action."""
        if not mode:
            await self.run_action(action or "")
            return
        self.action_go(mode)
        if action and self.current_mode == mode:
            self.call_after_refresh(self._screen_action, action)

    async def _screen_action(self, action: str) -> None:
        await self.screen.run_action(action)

    async def set_language(self, lang: str) -> None:
        """Switch the whole UI to `lang` (sv or en): every screen already built is composed again."""
        from planner.tui.screens.base import PlannerScreen

        set_locale(lang)
        self.settings = self.settings.with_(locale=lang)
        self._remember(locale=lang)
        for screen in self.built_screens:
            if isinstance(screen, PlannerScreen):
                await screen.relabel()
        self.refresh_bindings()
        if self.bid_id is not None:
            self.load_bid()  # engine messages (criterion names, holidays) in the new language

    def set_theme(self, dark: bool) -> None:
        self.choose_theme("planner-dark" if dark else "planner-light")

    def choose_theme(self, name: str) -> None:
        """Show the app in theme `name` now and at the next start."""
        self.theme = name
        self._remember(theme=name)

    @work(thread=True, group="remember", exit_on_error=False, description="remember a choice")
    def _remember(self, **choices) -> None:
        self._remember_now(**choices)

    def _remember_now(self, **choices) -> None:
        """Keep a choice for the next start (settings.toml), from a worker thread; a file that cannot be
        written is said once."""
        from planner.services.errors import PlannerError
        from planner.services.preferences import remember

        try:
            remember(self.settings, **choices)
        except (PlannerError, OSError) as exc:
            if not self._told_unremembered:
                self._told_unremembered = True
                self.call_from_thread(self.notify, str(exc), title=_("Not remembered"), severity="warning")

    # --- text on screen: what came from people and files is shown as typed, never obeyed ----------------

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every toast (the screens' and widgets' `notify` lands here) is literal text, control characters
        neutralised: toasts quote names, and a name holding `[/]` or ESC must not act."""
        from planner.tui.widgets.show import clean, lines

        super().notify(lines(message).plain, title=clean(title), severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and sub-title (the open bid's name) with control characters neutralised."""
        from planner.tui.widgets.show import clean

        return super().format_title(clean(title), clean(sub_title))


def _error_text(exc: Exception) -> str:
    from planner.services.errors import PlannerError

    if isinstance(exc, PlannerError):
        return str(exc)
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return _("Something went wrong: {reason}").format(reason=reason)
