"""Settings: the language (everything redraws in it), dark or light, the bid's base currency, and where the
database and the exports live."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from planner.i18n import N_, _, get_locale
from planner.services.workspace import database_address
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.form import LiteralInput
from planner.tui.widgets.show import line

LANGUAGES = [("Svenska", "sv"), ("English", "en")]


class SettingsScreen(PlannerScreen):
    SCREEN_NAME = N_("Settings")
    MODE = "settings"
    needs_bid = False
    BINDINGS = [
        Binding("ctrl+l", "toggle_language", N_("Svenska / English"), id="toggle-language"),
        Binding("ctrl+t", "toggle_theme", N_("Dark / light"), id="toggle-theme"),
    ]

    def body(self) -> ComposeResult:
        settings = self.app.settings
        with VerticalScroll(id="settings-body"):
            with Vertical(classes="setting"):
                yield Label(_("Language"), classes="caption")
                yield Select(LANGUAGES, value=get_locale(), allow_blank=False, id="language")
            with Vertical(classes="setting"):
                yield Label(_("Theme"), classes="caption")
                yield Select([(_("Dark"), "planner-dark"), (_("Light"), "planner-light")],
                             value=self.app.theme if self.app.theme in ("planner-dark", "planner-light")
                             else "planner-dark", allow_blank=False, id="theme")
            with Vertical(classes="setting"):
                yield Label(_("Base currency of the open bid (budget totals are shown in it)"), classes="caption")
                with Horizontal(classes="setting"):
                    yield LiteralInput(self.app.bundle.bid.base_currency if self.app.bundle else "", id="currency",
                                       disabled=self.app.bundle is None, max_length=3)
                    yield Button(_("Change"), id="currency-save", disabled=self.app.bundle is None)
                yield Static("", id="currency-error", classes="field-error")
            with Vertical(classes="setting"):
                yield Label(_("Language the open bid's records are written in (their forms take the other "
                              "language's text too)"), classes="caption")
                yield Select(LANGUAGES, value=self._content_locale(), allow_blank=False, id="content-locale",
                             disabled=self.app.bundle is None)
            with Vertical(classes="setting"):
                yield Label(_("Database"), classes="caption")
                yield Static(line(database_address(settings.db_url)), id="db-path")  # its password hidden
            with Vertical(classes="setting"):
                yield Label(_("Exports and dossiers are saved in"), classes="caption")
                yield Static(line(settings.export_dir), id="export-path")
            yield Static(_("Language, theme and the open bid are remembered for the next start (settings.toml "
                           "in your own config folder, not in the shared database)."), classes="hint")

    def _content_locale(self) -> str:
        bundle = self.app.bundle
        return getattr(bundle.bid, "content_locale", "sv") if bundle is not None else "sv"

    def shown(self) -> None:
        if self.app.bundle is not None:
            chooser = self.query_one("#content-locale", Select)
            chooser.disabled = False
            if chooser.value != self._content_locale():
                chooser.value = self._content_locale()
            box = self.query_one("#currency", Input)
            box.disabled = False
            self.query_one("#currency-save", Button).disabled = False
            if not box.has_focus:
                box.value = self.app.bundle.bid.base_currency

    @on(Select.Changed, "#language")
    async def _language(self, event: Select.Changed) -> None:
        if event.value != get_locale() and event.value in ("sv", "en"):
            await self.app.set_language(str(event.value))

    @on(Select.Changed, "#content-locale")
    def _records_language(self, event: Select.Changed) -> None:
        from planner.services import records

        bundle = self.app.bundle
        if bundle is None or event.value not in ("sv", "en") or event.value == self._content_locale():
            return
        if self.app.read_only:
            self.notify(_("This database is open read-only; changes are not saved."), severity="error")
            return
        bid_id, wanted = self.app.bid_id, str(event.value)
        self.app.run_service(lambda ws: records.update(ws, "bid", bid_id, {"content_locale": wanted}),
                             success=_("The records are now taken as written in {language}.").format(
                                 language=dict((v, k) for k, v in LANGUAGES)[wanted]))

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value in ("planner-dark", "planner-light"):
            self.app.choose_theme(str(event.value))

    async def action_toggle_language(self) -> None:
        await self.app.set_language("en" if get_locale() == "sv" else "sv")

    def action_toggle_theme(self) -> None:
        self.app.choose_theme("planner-light" if self.app.theme == "planner-dark" else "planner-dark")
        self.query_one("#theme", Select).value = self.app.theme

    @on(Button.Pressed, "#currency-save")
    @on(Input.Submitted, "#currency")
    def _currency(self) -> None:
        from planner.services import records
        from planner.services.validation import currency_error

        code = self.query_one("#currency", Input).value.strip().upper()
        problem = currency_error(code)
        if self.app.read_only:
            problem = _("This database is open read-only; changes are not saved.")
        error = self.query_one("#currency-error", Static)
        error.update(line(problem or ""))
        if problem:
            return
        bid_id = self.app.bid_id
        self.app.run_service(lambda ws: records.update(ws, "bid", bid_id, {"base_currency": code}),
                             success=_("Base currency is now {code}.").format(code=code))
