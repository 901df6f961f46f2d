"""Dossier: choose language, audience and recipient, export the PDF in a worker with a progress bar, and
see where it went and the exports made before."""

from __future__ import annotations

import importlib.util

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from planner.domain.enums import Audience
from planner.i18n import N_, _, get_locale
from planner.tui.labels import choices, label
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets import show
from planner.tui.widgets.table import Row, SortableTable


def dossier_service():
    """The dossier export service, or None while it is not part of this program yet."""
    if importlib.util.find_spec("planner.services.dossier") is None:
        return None
    from planner.services import dossier

    return dossier


# the stages planner.services.dossier reports while it builds (progress(stage, done, total))
STAGES = {
    "sections": N_("Writing the sections… ({done} of {total})"),
    "pages": N_("Laying out pages… (page {done})"),
}


def stage_text(stage: str, done: int, total: int) -> str:
    """What the dossier build is doing, in words; an unknown stage is shown as it comes."""
    text = STAGES.get(stage)
    return _(text).format(done=done, total=total) if text else stage


def options_partner(audience, partner) -> bool:
    return audience == Audience.PARTNER.value and partner not in (None, Select.NULL)


class DossierScreen(PlannerScreen):
    SCREEN_NAME = N_("Dossier")
    MODE = "dossier"
    BINDINGS = [Binding("ctrl+e", "export", N_("Export"), id="export")]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="dossier-body"):
            yield Static("", id="dossier-intro")
            with Horizontal(classes="setting"):
                with Vertical(classes="setting"):
                    yield Label(_("Language"), classes="field-label")
                    yield Select([("Svenska", "sv"), ("English", "en")], value=get_locale(), allow_blank=False,
                                 id="dossier-language")
                with Vertical(classes="setting"):
                    yield Label(_("Audience"), classes="field-label")
                    yield Select(choices(Audience), value=Audience.COMMITTEE.value, allow_blank=False,
                                 id="dossier-audience")
            yield Label(_("Partner (for the partner audience)"), classes="field-label")
            yield Select([], allow_blank=True, prompt=_("(no partner)"), id="dossier-partner")
            yield Label(_("Recipient (printed on the cover)"), classes="field-label")
            yield Input(placeholder=_("Generator selection committee"), id="dossier-recipient")
            yield Button(_("Export the dossier"), variant="primary", id="dossier-export")
            yield ProgressBar(total=100, id="dossier-progress", show_eta=False)
            yield Static("", id="dossier-result")
            yield Label(_("Exports made"), classes="field-label")
            yield SortableTable(id="exports-table")

    def shown(self) -> None:
        service = dossier_service()
        intro = self.query_one("#dossier-intro", Static)
        if service is None:
            intro.update(_("The dossier export is not part of this version yet. When it is, this screen makes "
                           "the bid dossier as a PDF in the language and for the audience you choose here, "
                           "shows its progress, and lists every export made with where the file went."))
            self.query_one("#dossier-export", Button).disabled = True
        else:
            intro.update(_("The dossier is the PDF the selection committee reads: the invitation, the venues, "
                           "the budget, the programme, the partners and their letters. Choose for whom and "
                           "export."))
            self.query_one("#dossier-export", Button).disabled = False
        partner = self.query_one("#dossier-partner", Select)
        partner.set_options([(p.name, p.name) for p in sorted(self.app.bundle.partners, key=lambda p: p.name)])
        table = self.query_one("#exports-table", SortableTable)
        table.set_columns([_("Made"), _("By"), _("Language"), _("Audience"), _("Recipient"), _("Pages"),
                           _("File")])
        table.set_rows(Row(str(x.id), (show.day(x.created_at.date()), x.created_by, x.locale,
                                       label(Audience, x.audience), x.recipient, str(x.pages), x.path),
                           (x.created_at, x.created_by, x.locale, x.audience, x.recipient, x.pages, x.path))
                       for x in sorted(self.app.bundle.exports, key=lambda x: x.created_at, reverse=True))

    @on(Button.Pressed, "#dossier-export")
    def action_export(self) -> None:
        service = dossier_service()
        if service is None:
            self.notify(_("The dossier export is not part of this version yet."), severity="warning")
            return
        self.query_one("#dossier-export", Button).disabled = True
        self.query_one("#dossier-progress", ProgressBar).update(progress=0)
        partner = self.query_one("#dossier-partner", Select).value
        options = {
            "locale": self.query_one("#dossier-language", Select).value,
            "audience": self.query_one("#dossier-audience", Select).value,
            "recipient": self.query_one("#dossier-recipient", Input).value.strip(),
            "partner": partner if options_partner(self.query_one("#dossier-audience", Select).value, partner)
            else None,
            "today": self.app.today,
        }
        self.export(service, options)

    @work(thread=True, exclusive=True, group="dossier", description="export the dossier")
    def export(self, service, options: dict) -> None:
        def progress(step: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, step, done, total)

        try:
            result = service.export_dossier(self.app.ws, self.app.bid_id, progress=progress, **options)
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            from planner.tui.app import _error_text

            self.app.call_from_thread(self._finished, None, _error_text(exc))
            return
        self.app.call_from_thread(self._finished, result, None)

    def _progress(self, step: str, done: int, total: int) -> None:
        bar = self.query_one("#dossier-progress", ProgressBar)
        bar.update(total=total or 100, progress=done)
        self.query_one("#dossier-result", Static).update(stage_text(step, done, total))

    def _finished(self, result, error: str | None) -> None:
        self.query_one("#dossier-export", Button).disabled = False
        if error:
            self.notify(error, title=_("The dossier was not made"), severity="error", timeout=12)
            return
        bar = self.query_one("#dossier-progress", ProgressBar)
        bar.update(progress=bar.total or 100)
        path = getattr(result, "path", result)
        text = _("Saved as {path} ({pages} pages)").format(path=path, pages=getattr(result, "pages", "?"))
        for warning in getattr(result, "warnings", [])[:5]:
            text += "\n! " + warning
        self.query_one("#dossier-result", Static).update(text)
        self.notify(_("The dossier is ready: {path}").format(path=path))
        self.app.load_bid()
