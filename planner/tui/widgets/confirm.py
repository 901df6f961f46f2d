"""A yes/no question before something is removed; the question (it names the record) is shown as plain text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from planner.i18n import N_, _
from planner.tui.widgets.show import line, lines
from planner.tui.widgets.translated import TranslatedBindings


class ConfirmScreen(TranslatedBindings, ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str, yes: str | None = None, *, title: str | None = None,
                 no: str | None = None, variant: str = "error") -> None:
        """`question`, `yes`, `no` and `title` are plain text, never markup: they quote names people typed."""
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.heading = title
        self.variant = variant

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="form"):
            yield Label(line(self.heading or _("Please confirm")), id="form-title")
            yield Static(lines(self.question), id="confirm-question")
            with Horizontal(id="form-buttons"):
                yield Button(line(self.yes or _("Delete")), variant=self.variant,
                             id="confirm-yes")
                yield Button(line(self.no or _("Keep it")), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
