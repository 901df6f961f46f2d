"""Dossier: choose language, audience and recipient, export the PDF in a worker with a progress bar, and
see where it went and the exports made before."""

from __future__ import annotations

import importlib.util

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from planner.domain.enums import Audience
from planner.dossier import labels as msg
from planner.i18n import N_, _, get_locale
from planner.i18n.labels import choices, label
from planner.i18n.text import neutralise
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets import show
from planner.tui.widgets.form import LiteralInput
from planner.tui.widgets.table import Row, SortableTable
from planner.tui.widgets.translated import TranslatedBindings


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
    return _(text).format(done=done, total=total) if text else show.clean(stage)


def options_partner(audience, partner) -> bool:
    return audience == Audience.PARTNER.value and partner not in (None, Select.NULL)


class DisclosureQuestion(TranslatedBindings, ModalScreen[str | None]):
    """Asked before an export that cannot hide a confidential amount: leave it out, or go ahead with consent."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, problems: list, can_consent: bool = True) -> None:
        super().__init__()
        self.problems = problems
        self.can_consent = can_consent  # a consent is recorded: not on a database open read-only

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="form"):
            yield Label(_(msg.MSG_QUESTION_TITLE), id="form-title")
            for problem in self.problems:  # partner names and line labels are data: plain Content, no markup
                yield Static(Content(neutralise(_(msg.MSG_QUESTION_BODY).format(what=problem.describe()))),
                             classes="disclosure-problem")
            yield Static(Content(f"{_(msg.MSG_QUESTION_OMIT)}: {_(msg.MSG_QUESTION_OMIT_HELP)}"))
            if self.can_consent:
                yield Static(Content(f"{_(msg.MSG_QUESTION_CONSENT)}: {_(msg.MSG_QUESTION_CONSENT_HELP)}"),
                             id="confirm-question")
            with Horizontal(id="form-buttons"):
                yield Button(_(msg.MSG_QUESTION_OMIT), variant="primary", id="disclosure-omit")
                if self.can_consent:
                    yield Button(_(msg.MSG_QUESTION_CONSENT), variant="warning", id="disclosure-consent")
                yield Button(_(msg.MSG_QUESTION_CANCEL), id="disclosure-cancel")

    def on_mount(self) -> None:
        self.query_one("#disclosure-omit", Button).focus()

    @on(Button.Pressed, "#disclosure-omit")
    def _omit(self) -> None:
        self.dismiss("omit")

    @on(Button.Pressed, "#disclosure-consent")
    def _consent(self) -> None:
        self.dismiss("consent")

    @on(Button.Pressed, "#disclosure-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class DeficitQuestion(TranslatedBindings, ModalScreen[bool]):
    """Asked before a committee edition of a budget in deficit when the bid names no guarantor."""

    BINDINGS = [Binding("escape", "dismiss(False)", N_("Cancel"))]

    def __init__(self, deficit: str) -> None:
        super().__init__()
        self.deficit = deficit

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="form"):
            yield Label(_(msg.MSG_GUARANTEE_TITLE), id="form-title")
            yield Static(Content(_(msg.MSG_GUARANTEE_BODY).format(deficit=self.deficit)), id="confirm-question")
            with Horizontal(id="form-buttons"):
                yield Button(_(msg.MSG_GUARANTEE_GO), variant="warning", id="deficit-go")
                yield Button(_(msg.MSG_QUESTION_CANCEL), id="deficit-cancel")

    def on_mount(self) -> None:
        self.query_one("#deficit-cancel", Button).focus()

    @on(Button.Pressed, "#deficit-go")
    def _go(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#deficit-cancel")
    def _cancel(self) -> None:
        self.dismiss(False)


class DossierScreen(PlannerScreen):
    SCREEN_NAME = N_("Dossier")
    MODE = "dossier"
    BINDINGS = [
        Binding("ctrl+e", "export", N_("Export"), id="export"),
        Binding("t", "texts", N_("Texts"), id="texts", tooltip=N_("Write the dossier texts in Swedish and English")),
        Binding("o", "logo", N_("Logo"), id="logo", tooltip=N_("Attach, replace, open or remove the bid's logo")),
    ]

    def logo(self):
        logos = [a for a in self.app.bundle.attachments if a.kind == "logo"]
        return logos[-1] if logos else None

    def action_logo(self) -> None:
        from planner.services import attachments
        from planner.tui.widgets.attach import AttachScreen

        bid_id = self.app.bid_id
        self.app.push_screen(AttachScreen(
            _("The bid's logo (on the dossier's cover)"), "PNG, JPEG", self.logo(),
            attach=lambda ws, path: attachments.attach_logo(ws, bid_id, path),
            remove=lambda ws, key: attachments.detach_file(ws, bid_id, key),
            open_file=lambda ws, key: attachments.open_with_viewer(ws, bid_id, key)))

    def action_texts(self) -> None:
        from planner.tui.screens.texts import TextsScreen

        self.app.push_screen(TextsScreen())

    def body(self) -> ComposeResult:
        with VerticalScroll(id="dossier-body"):
            yield Static("", id="dossier-intro")
            yield Static("", id="dossier-logo")
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
            yield LiteralInput(placeholder=_("Generator selection committee"), id="dossier-recipient")
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
        from planner.tui.widgets.attach import describe

        logo = self.logo()
        self.query_one("#dossier-logo", Static).update(show.line(
            _("Logo: {what} (o changes it; t writes the texts)").format(what=describe(logo)) if logo else
            _("No logo attached (o attaches one; t writes the texts).")))
        partner = self.query_one("#dossier-partner", Select)
        partner.set_options([(show.line(p.name), p.name)
                             for p in sorted(self.app.bundle.partners, key=lambda p: p.name)])
        table = self.query_one("#exports-table", SortableTable)
        table.set_columns([_("Made"), _("By"), _("Language"), _("Audience"), _("Recipient"), _("Pages"),
                           _("File")])
        table.set_rows(Row(str(x.id), (show.day(x.created_at.date()), show.line(x.created_by), show.line(x.locale),
                                       label(x.audience, Audience), show.line(x.recipient), str(x.pages),
                                       show.line(x.path)),
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
    def export(self, service, options: dict, consent: list | None = None) -> None:
        def progress(step: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, step, done, total)

        from planner.services.disclosure import ConfidentialityQuestion, record_consent
        from planner.services.dossier import GuaranteeQuestion

        try:
            if consent:
                record_consent(self.app.ws, consent)
                names = neutralise(", ".join(dict.fromkeys(m.name for problem in consent for m in problem.members)))
                self.app.call_from_thread(self.notify, _(msg.MSG_CONSENT_RECORDED).format(names=names))
            result = service.export_dossier(self.app.ws, self.app.bid_id, progress=progress, **options)
        except ConfidentialityQuestion as question:  # asked before anything is written
            self.app.call_from_thread(self._ask, service, options, question.problems)
            return
        except GuaranteeQuestion as question:
            self.app.call_from_thread(self._ask_deficit, service, options, question.deficit)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            from planner.tui.app import _error_text

            self.app.call_from_thread(self._finished, None, _error_text(exc))
            return
        self.app.call_from_thread(self._finished, result, None)

    def _ask(self, service, options: dict, problems: list) -> None:
        def answered(choice: str | None) -> None:
            if choice == "omit":
                self.export(service, {**options, "omit_confidential": True})
            elif choice == "consent":
                self.export(service, options, consent=problems)
            else:
                self._cancelled()

        self.app.push_screen(DisclosureQuestion(problems, can_consent=not self.app.read_only), answered)

    def _ask_deficit(self, service, options: dict, deficit) -> None:
        from planner.i18n.format import format_money

        def answered(go: bool | None) -> None:
            if go:
                self.export(service, {**options, "without_guarantee": True})
            else:
                self._cancelled()

        self.app.push_screen(DeficitQuestion(format_money(deficit, decimals=False)), answered)

    def _cancelled(self) -> None:
        self.query_one("#dossier-export", Button).disabled = False
        self.query_one("#dossier-result", Static).update("")

    def deliver(self, path) -> None:
        """Send the PDF to the browser as a download; the server's copy is in its own folder, removed with it."""
        from pathlib import Path

        name = Path(path).name
        self.app.deliver_binary(Path(path), save_filename=name, open_method="download", mime_type="application/pdf")
        self.query_one("#dossier-result", Static).update(
            show.line(_("Sent to your browser as a download: {name}").format(name=name)))
        self.notify(_("The dossier is ready: your browser downloads {name}").format(name=name))

    def _progress(self, step: str, done: int, total: int) -> None:
        bar = self.query_one("#dossier-progress", ProgressBar)
        bar.update(total=total or 100, progress=done)
        self.query_one("#dossier-result", Static).update(show.line(stage_text(step, done, total)))

    def _finished(self, result, error: str | None) -> None:
        self.query_one("#dossier-export", Button).disabled = False
        if error:
            self.notify(error, title=_("The dossier was not made"), severity="error", timeout=12)
            return
        bar = self.query_one("#dossier-progress", ProgressBar)
        bar.update(progress=bar.total or 100)
        path = getattr(result, "path", result)
        if self.app.is_web:  # served to a browser (planner serve): the PDF is the browser's download
            self.deliver(path)
            return
        text = _("Saved as {path} ({pages} pages)").format(path=show.clean(path), pages=getattr(result, "pages", "?"))
        for warning in getattr(result, "warnings", [])[:5]:
            text += "\n! " + show.clean(warning)
        self.query_one("#dossier-result", Static).update(show.lines(text))
        self.notify(_("The dossier is ready: {path}").format(path=path))
        self.app.load_bid()
