"""What every screen of the bid shares: a header and footer, translated key hints, and redrawing on new data.

New data reaches a screen in three steps: the app *loads* the bid (worker) and posts `BidLoaded` to the
screens of its stack; each *redraws*: `prepare()` builds what its widgets show in a worker, which posts
`ContentReady`; the screen *shows* it (tables get their rows). A screen out of sight redraws when it is
shown again, if the data changed meanwhile.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker

from planner.i18n import _
from planner.services.collector import paused
from planner.tui.heap import keep_long_lived
from planner.tui.messages import AnalysisReady, BidLoaded, BidsListed, ContentReady
from planner.tui.widgets.footer import PlannerFooter
from planner.tui.widgets.navbar import NavBar
from planner.tui.widgets.translated import TranslatedBindings

# actions that change the database: switched off (shown dimmed in the footer) while it is open read-only
WRITE_ACTIONS = frozenset({"add", "edit", "delete", "undo", "redo", "freeze", "add_commitment", "generate", "weight",
                           "edit_cell", "score", "new_bid", "demo", "status", "prefer", "add_criterion", "edit_bid", "add_date_option",
                           "rename_criterion", "move_criterion"})


def width_classes(screen: Screen) -> set[str]:
    """The class the horizontal breakpoints (the screen's, else the app's) give a screen as wide as the terminal,
    as Screen gives it on a resize."""
    app = screen.app
    breakpoints = screen.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is not None \
        else app.HORIZONTAL_BREAKPOINTS
    width = app.size.width
    for breakpoint, name in sorted(breakpoints or [], reverse=True):
        if width >= breakpoint:
            return {name}
    return set()


class PlannerScreen(TranslatedBindings, Screen):
    """A screen of the open bid; it redraws from the app's loaded bid when that changes."""

    SCREEN_NAME = ""  # an N_ message id
    MODE = ""
    needs_bid = True

    def __init__(self) -> None:
        # made with the class its width gives it (Screen sets it on the first resize): set then, it restyled
        # every widget of a screen seen for the first time once more (20 to 40 ms)
        super().__init__(classes=" ".join(width_classes(self)))
        self._restyle_waiting = False  # a ScreenResume that restyles the screen is on its way
        self.shown_version = -1
        self.focus_row: tuple[str, str] | None = None  # (table, key) of the row just saved

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar(self.MODE)
        yield from self.body()
        note = Static(_("Read-only database: adding, editing and deleting are switched off."),
                      id="read-only-note", classes="read-only-note")
        note.display = False
        yield note
        yield PlannerFooter()

    def body(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        if self not in self.app.built_screens:
            self.app.built_screens.append(self)  # a new language reaches every screen made
        self.update_titles()
        self.redraw()

    def post_message(self, message: Message) -> bool:
        # a screen seen for the first time is sent two ScreenResume in a row (its mode made, then switched to),
        # and each restyled every widget on it: the second restyles nothing the first has not
        if isinstance(message, events.ScreenResume) and message.refresh_styles:
            if self._restyle_waiting:
                message.refresh_styles = False
            self._restyle_waiting = True
        return super().post_message(message)

    def on_screen_resume(self) -> None:
        self._restyle_waiting = False
        self.update_titles()
        self.redraw()

    def update_titles(self) -> None:
        self.title = self.badged(_(self.SCREEN_NAME) if self.SCREEN_NAME else _("Planner"))
        self.sub_title = self.app.open_bid_title()
        self.show_read_only()

    def badged(self, title: str) -> str:
        """The screen's title, with the read-only badge while the database is open read-only."""
        return _("{title} [read-only]").format(title=title) if self.app.read_only else title

    def show_read_only(self) -> None:
        """The note above the footer that says why adding, editing and deleting are off."""
        for note in self.query("#read-only-note"):
            note.display = self.app.read_only
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITE_ACTIONS and self.app.read_only:
            return None  # shown dimmed: the note says why
        return True

    @on(BidLoaded)
    @on(BidsListed)
    def _data_loaded(self, message: BidLoaded | BidsListed) -> None:
        if isinstance(message, BidLoaded):
            self.focus_row = message.focus
        self.redraw()

    @on(AnalysisReady)
    def _analysis_ready(self) -> None:
        self.redraw(force=True)

    def redraw(self, force: bool = False) -> None:
        """When the app holds newer data than this screen last showed: prepare it in a worker."""
        app = self.app
        if not self.is_mounted or (app.bundle is None and self.needs_bid):
            return  # on_mount draws it; a screen of the bid waits for one
        if not force and app.data_version == self.shown_version:
            return
        self.shown_version = version = app.data_version
        self.update_titles()
        bundle, analysis = app.bundle, app.analysis
        from planner.tui.widgets.table import Prepared, SortableTable, arrange

        # each table's filter and sort as they are now: its rows are put in that order in the worker too
        views = {table.id: table.view() for table in self.query(SortableTable) if table.id}

        def prepare_content() -> None:
            # formatting thousands of amounts and dates takes long enough to be felt: never on the UI thread
            with paused(keep=True):
                first = self.prepare_first(bundle, analysis)
                if first:  # the figures that are quick to make go on screen before the tables are ready
                    self.post_message(ContentReady(first, version, partial=True))
                content = self.prepare(bundle, analysis)
                for widget_id, value in content.items():
                    if isinstance(value, Prepared) and widget_id in views:
                        arrange(value, views[widget_id])
            self.post_message(ContentReady(content, version))

        self.run_worker(prepare_content, thread=True, exclusive=True, group="prepare", exit_on_error=False,
                        description="prepare the screen")

    def prepare(self, bundle, analysis) -> dict:
        """{widget id: what it shows} (rich renderables, or Prepared rows for a table); runs in a worker."""
        return {}

    def prepare_first(self, bundle, analysis) -> dict:
        """What `prepare` would give that is quick to make, shown first (as {widget id: what it shows}); runs in
        the same worker, before `prepare`."""
        return {}

    @on(ContentReady)
    def _content_ready(self, message: ContentReady) -> None:
        self.show(message)

    def show(self, message: ContentReady) -> None:
        """Put prepared content on the widgets (the rows into the tables), unless newer data is on its way."""
        from planner.tui.widgets.table import Prepared

        if message.version != self.shown_version or not self.is_mounted:
            return
        for widget_id, value in message.content.items():
            widget = self.query_one(f"#{widget_id}")
            if isinstance(value, Prepared):
                widget.set_rows(value, focus=self.row_to_focus(widget_id))
            elif isinstance(widget, Static):
                _update_static(widget, value)
            else:
                widget.update(value)
        if message.partial:
            return  # the rest (the tables, the row to focus) follows
        self.focus_row = None
        keep_long_lived()  # the prepared rows stay until the next data: out of the collector's full walks
        self.shown()

    def row_to_focus(self, table_id: str) -> str | None:
        """The key of the row the table `table_id` should put its cursor on (the one just saved), if any."""
        return None

    def shown(self) -> None:
        """Called on the UI thread once the prepared content is on screen."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.worker_failed(event)

    async def relabel(self) -> None:
        """Compose again in the current language and refill."""
        await self.recompose()
        self.update_titles()
        self.redraw(force=True)
        self.refresh_bindings()


def _update_static(widget: Static, value) -> None:
    """Show `value` on `widget`: not at all when it shows that already (the panels a switch of scenario sends
    first come again with the tables), and without a layout of the whole screen when the new text takes the
    room of the old (the same lines, none wider, all fitting): a layout draws every widget again, the
    10 000-row table among them, 50 to 100 ms of the event loop on a large bid."""
    old = widget.content
    if isinstance(value, Text) and isinstance(old, Text):
        if _same_text(value, old):
            return
        widget.update(value, layout=not _same_room(value, old, widget.content_size.width))
        return
    widget.update(value)


def _same_text(new: Text, old: Text) -> bool:
    return (new.plain == old.plain and new.spans == old.spans and new.style == old.style
            and new.justify == old.justify and new.overflow == old.overflow and new.no_wrap == old.no_wrap
            and new.end == old.end)


def _same_room(new: Text, old: Text, width: int) -> bool:
    """Whether `new` is drawn in as many lines and cells as `old` in a widget `width` cells wide (no line wraps)."""
    if width <= 0 or new.justify != old.justify or new.no_wrap != old.no_wrap or new.end != old.end:
        return False
    new_lines, old_lines = new.plain.split("\n"), old.plain.split("\n")
    if len(new_lines) != len(old_lines):
        return False
    new_widest = max(cell_len(line) for line in new_lines)
    return new_widest == max(cell_len(line) for line in old_lines) and new_widest <= width
