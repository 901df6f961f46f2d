"""What every screen of the bid shares: a header and footer, translated key hints, and redrawing on new data."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header

from planner.i18n import _
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
        if app.bundle is None and self.needs_bid:
            return
        if force or app.data_version != self.shown_version:
            self.shown_version = app.data_version
            self.update_titles()
            self.show_data()

    def show_data(self) -> None:
        """Fill the screen from `self.app.bundle` and `self.app.analysis`."""

    async def relabel(self) -> None:
        """Compose again in the current language and refill."""
        await self.recompose()
        self.update_titles()
        self.sync(force=True)
        self.refresh_bindings()


class PlannerModal(TranslatedBindings, ModalScreen):
    """A modal screen whose key hints follow the language."""
