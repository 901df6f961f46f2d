"""What every screen of the bid shares: a header and footer, translated key hints, and redrawing on new data."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header

from planner.i18n import _
from planner.tui.heap import keep_long_lived, quiet_collector
from planner.tui.widgets.navbar import NavBar
from planner.tui.widgets.translated import TranslatedBindings


class PlannerScreen(TranslatedBindings, Screen):
    """A screen of the open bid; `show_data` redraws it from the app's loaded bid when that changes."""

    SCREEN_NAME = ""  # an N_ message id
    MODE = ""
    needs_bid = True

    def __init__(self) -> None:
        super().__init__()
        self.shown_version = -1
        # A new screen gets the current stylesheet as its widgets mount; without this, Textual re-parses and
        # re-applies the whole stylesheet to the whole app on the first switch to every screen (~0.25 s).
        try:
            self._css_update_count = self.app._css_update_count
        except Exception:  # no running app (building a screen outside one)
            pass

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar(self.MODE)
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.update_titles()
        self.sync()

    def on_screen_resume(self) -> None:
        self.update_titles()
        self.sync()

    def update_titles(self) -> None:
        self.title = _(self.SCREEN_NAME) if self.SCREEN_NAME else _("Planner")
        bundle = self.app.bundle
        self.sub_title = bundle.bid.title if bundle is not None else ""

    def sync(self, force: bool = False) -> None:
        """Redraw when the app holds newer data than this screen last showed."""
        app = self.app
        if not self.is_mounted:
            return  # on_mount draws it
        if app.bundle is None and self.needs_bid:
            return
        if force or app.data_version != self.shown_version:
            self.shown_version = app.data_version
            self.update_titles()
            self.show_data()

    def show_data(self) -> None:
        """Fill the screen from `self.app.bundle` and `self.app.analysis`: prepared in a worker, then shown."""
        self.fill(self.app.bundle, self.app.analysis, self.shown_version)

    @work(thread=True, exclusive=True, group="fill", description="prepare the screen")
    def fill(self, bundle, analysis, version: int) -> None:
        # formatting thousands of amounts and dates takes long enough to be felt: never on the UI thread
        with quiet_collector():
            content = self.prepare(bundle, analysis)
        self.app.call_from_thread(self._show, content, version)

    def prepare(self, bundle, analysis) -> dict:
        """{widget id: what it shows} (rich renderables, or Prepared rows for a table); runs in a worker."""
        return {}

    def _show(self, content: dict, version: int) -> None:
        from planner.tui.widgets.table import Prepared

        if version != self.shown_version or not self.is_mounted:
            return  # newer data is on its way
        for widget_id, value in content.items():
            widget = self.query_one(f"#{widget_id}")
            if isinstance(value, Prepared):
                widget.set_rows(value)
            else:
                widget.update(value)
        keep_long_lived()  # the prepared rows stay until the next data: out of the collector's full walks
        self.shown()

    def shown(self) -> None:
        """Called on the UI thread once the prepared content is on screen."""

    async def relabel(self) -> None:
        """Compose again in the current language and refill."""
        await self.recompose()
        self.update_titles()
        self.sync(force=True)
        self.refresh_bindings()


class PlannerModal(TranslatedBindings, ModalScreen):
    """A modal screen whose key hints follow the language."""
