"""Dossier texts: every text of the dossier in Swedish and English side by side, its words against the suggested
length, what readiness still misses, and a preview of the section; typed text is kept as a draft until saved.

Drafts live on the screen, by (text key, language): moving to another text or language keeps them, a reload of
the bid keeps them, and leaving with unsaved drafts asks first. A save goes through the records service (one
edit per changed text, each undoable with ctrl+z; a text someone saved since is refused, the draft kept).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from planner.domain.enums import TextKey
from planner.domain.readiness import texts_item
from planner.domain.texts import SUGGESTED_WORDS, length_verdict, word_count
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets import show

LANGUAGES = ("sv", "en")
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
VERDICTS = {
    "missing": (N_("not written"), "red"),
    "short": (N_("shorter than suggested"), "yellow"),
    "long": (N_("longer than suggested"), "yellow"),
    "fits": (N_("a good length"), "green"),
}


class TextsScreen(PlannerScreen):
    """The dossier texts editor (opened from the Dossier screen with t)."""

    SCREEN_NAME = N_("Dossier texts")
    MODE = "dossier"
    AUTO_FOCUS = "#text-sv"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="save-texts"),
        Binding("ctrl+l", "other_language", N_("Other language"), id="other-language"),
        Binding("ctrl+down", "next_text(1)", N_("Next text"), id="next-text"),
        Binding("ctrl+up", "next_text(-1)", N_("Previous text"), id="previous-text"),
        Binding("escape", "leave", N_("Back"), id="leave-texts"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.key: str = TextKey.INVITATION.value
        self.drafts: dict[tuple[str, str], str] = {}  # what is typed and not saved, by (key, language)
        self.stored: dict[tuple[str, str], tuple[int, int, str]] = {}  # (key, language) -> (id, version, body)
        self.cursors: dict[tuple[str, str], tuple[int, int]] = {}  # where each text's cursor was left
        self.preview_language = "sv"
        self.bundle_seen = False  # the saved texts have been shown once

    def body(self) -> ComposeResult:
        yield Static("", id="texts-readiness")
        with Horizontal(id="texts-main"):
            yield OptionList(id="texts-keys")
            with Vertical(id="texts-work"):
                with Horizontal(id="texts-editors"):
                    for lang in LANGUAGES:
                        with Vertical(classes="texts-editor"):
                            yield Label(LANGUAGE_NAMES[lang], classes="field-label")
                            yield TextArea(id=f"text-{lang}", soft_wrap=True, show_line_numbers=False)
                            yield Static("", id=f"count-{lang}", classes="texts-count")
                with VerticalScroll(id="texts-preview-box", classes="panel") as box:
                    box.border_title = _("Preview")
                    yield Static("", id="texts-preview")

    # --- what is stored and what is typed ----------------------------------------------------------------

    def text_of(self, key: str, lang: str) -> str:
        """What the editor holds for a text: the draft, else the saved text."""
        if (key, lang) in self.drafts:
            return self.drafts[(key, lang)]
        found = self.stored.get((key, lang))
        return found[2] if found else ""

    def unsaved(self) -> list[tuple[str, str]]:
        """The (key, language) of every draft that differs from what is saved."""
        return [where for where, body in self.drafts.items()
                if body != (self.stored[where][2] if where in self.stored else "")]

    def shown(self) -> None:
        bundle = self.app.bundle
        self.stored = {(str(t.key), t.locale): (t.id, t.version, t.body) for t in bundle.texts}
        for where in [w for w in self.drafts if w not in self.unsaved()]:
            del self.drafts[where]  # saved (by this screen or someone else) as typed: no longer a draft
        self.bundle_seen = True
        self.load_editors()
        self.show_keys()
        self.show_state()

    def load_editors(self) -> None:
        for lang in LANGUAGES:
            area = self.query_one(f"#text-{lang}", TextArea)
            body = self.text_of(self.key, lang)
            if area.text != body:
                area.load_text(body)
                # back where the writer left this text (at its end the first time)
                area.cursor_location = self.cursors.get((self.key, lang), area.document.end)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if event.text_area.id is None:
            return
        lang = event.text_area.id.removeprefix("text-")
        if event.text_area.text == self.text_of(self.key, lang):
            return  # the editor was filled with what it holds (another text shown): nothing typed
        self.drafts[(self.key, lang)] = event.text_area.text
        self.preview_language = lang
        self.show_keys()
        self.show_state()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, TextArea) and widget.id and self.bundle_seen:
            self.preview_language = widget.id.removeprefix("text-")
            self.show_state()

    # --- drawing ------------------------------------------------------------------------------------------

    def show_keys(self) -> None:
        keys = self.query_one("#texts-keys", OptionList)
        unsaved = set(self.unsaved())
        options = []
        for key in TextKey:
            entry = Text(label(key, TextKey), style="bold" if key.value == self.key else "")
            for lang in LANGUAGES:
                have = bool(self.text_of(key.value, lang).strip())
                entry.append(f"  {'✔' if have else '✘'} {lang}", style="green" if have else "red")
                if (key.value, lang) in unsaved:
                    entry.append("*", style="bold yellow")
            options.append(Option(entry, id=key.value))
        highlighted = [k.value for k in TextKey].index(self.key)
        keys.clear_options()
        keys.add_options(options)
        keys.highlighted = highlighted

    def show_state(self) -> None:
        key = TextKey(self.key)
        suggested = SUGGESTED_WORDS[key]
        for lang in LANGUAGES:
            words = word_count(self.text_of(self.key, lang))
            verdict, style = VERDICTS[length_verdict(key, words)]
            count = Text(_("{words} words; {least}–{most} suggested: {verdict}").format(
                words=show.number(words), least=show.number(suggested.least), most=show.number(suggested.most),
                verdict=_(verdict)), style=style)
            if (self.key, lang) in self.unsaved():
                count.append("  " + _("unsaved"), style="bold yellow")
            self.query_one(f"#count-{lang}", Static).update(count)
        self.query_one("#texts-readiness", Static).update(self.readiness_text())
        self.query_one("#texts-preview", Static).update(self.preview())
        unsaved = len(self.unsaved())
        self.sub_title = (_("{n} unsaved texts (ctrl+s saves)").format(n=unsaved) if unsaved
                          else (self.app.bundle.bid.title if self.app.bundle else ""))

    def readiness_text(self) -> Text:
        """The readiness item of the texts as readiness shows it: for what is saved, and with the drafts."""
        marks = {"pass": ("✔", "green"), "warning": ("!", "yellow"), "fail": ("✘", "red")}
        saved = texts_item({where: body for where, (_id, _v, body) in self.stored.items()})
        out = Text()
        mark, style = marks[saved.status]
        out.append(f"{mark} ", style=style)
        out.append(_(saved.title), style="bold")
        out.append(f"  {show.message(saved.reason)}")
        if saved.fix and saved.status != "pass":
            out.append(f" {show.message(saved.fix)}", style="dim")
        if self.unsaved():
            typed = texts_item({(k.value, lang): self.text_of(k.value, lang) for k in TextKey for lang in LANGUAGES})
            mark, style = marks[typed.status]
            out.append("\n" + _("With what is typed:") + " ", style="dim")
            out.append(f"{mark} {show.message(typed.reason)}", style=style)
        return out

    def preview(self) -> Text:
        """How the section reads in the dossier: its heading and its paragraphs, as literal text."""
        from planner.i18n import translate

        lang = self.preview_language
        heading = translate(lang, label_id(TextKey(self.key)))
        body = self.text_of(self.key, lang).strip()
        out = Text()
        out.append(f"{heading} ({LANGUAGE_NAMES[lang]})\n\n", style="bold")
        if not body:
            out.append(_("Nothing written yet."), style="dim italic")
            return out
        # a paragraph is what a blank line ends; its lines run together, as the dossier sets them
        paragraphs = [" ".join(part.strip(" ") for part in p.split("\n")) for p in body.replace("\r\n", "\n")
                      .split("\n\n") if p.strip()]
        out.append_text(show.lines("\n\n".join(paragraphs)))
        return out

    # --- actions ------------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#texts-keys")
    def _key_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.key:
            self.choose(event.option.id)
        self.query_one("#text-sv", TextArea).focus()

    def choose(self, key: str) -> None:
        """Show another text; what was typed in this one stays as its draft."""
        for lang in LANGUAGES:
            self.cursors[(self.key, lang)] = self.query_one(f"#text-{lang}", TextArea).cursor_location
        self.key = key
        self.load_editors()
        self.show_keys()
        self.show_state()

    def action_next_text(self, step: int) -> None:
        keys = [k.value for k in TextKey]
        self.choose(keys[(keys.index(self.key) + step) % len(keys)])

    def action_other_language(self) -> None:
        focused = self.focused
        now = focused.id.removeprefix("text-") if isinstance(focused, TextArea) and focused.id else "en"
        self.query_one(f"#text-{'en' if now == 'sv' else 'sv'}", TextArea).focus()

    def action_save(self) -> None:
        if self.app.read_only:
            self.notify(_("The database is open read-only; nothing can be saved."), severity="warning")
            return
        changes = []
        for key, lang in self.unsaved():
            body = self.drafts[(key, lang)]
            found = self.stored.get((key, lang))
            changes.append((key, lang, body, found))
        if not changes:
            self.notify(_("Nothing to save: every text is as saved."))
            return
        bid_id = self.app.bid_id
        self.app.run_service(lambda ws: save_texts(ws, bid_id, changes), done=self._saved, reload=True)

    def _saved(self, undo: list) -> None:
        for entry in undo:
            self.app.remember_undo(entry)
        self.notify(_("Saved {n} texts. On the Dossier screen ctrl+z takes the last back.").format(n=len(undo)))

    def action_leave(self) -> None:
        if not self.unsaved():
            self.dismiss()
            return
        from planner.tui.widgets.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.drafts.clear()
                self.dismiss()

        self.app.push_screen(ConfirmScreen(_("{n} texts are not saved. Leave and discard them? (ctrl+s saves "
                                             "them)").format(n=len(self.unsaved())), _("Discard")), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and self.app.read_only:
            return None
        return super().check_action(action, parameters)


def label_id(key: TextKey) -> str:
    """The message id of a text key's name (to translate into a language other than the screen's)."""
    from planner.i18n.labels import LABELS

    return LABELS[TextKey][key]


def save_texts(ws, bid_id: int, changes: list) -> list:
    """Save each changed text through the records service: a new text is added, a saved one edited against
    the version read (refused if someone saved it since). Returns what undoes each, in order."""
    from planner.services import records
    from planner.tui.app import UndoEntry

    undo = []
    for key, lang, body, found in changes:
        name = f"{label(key, TextKey)} ({lang})"
        if found is None:
            record = records.add(ws, "bid_text", {"bid_id": bid_id, "key": key, "locale": lang, "body": body})
            undo.append(UndoEntry(name, "delete", ("bid_text", record.id)))
        else:
            text_id, version, _body = found
            _record, edit = records.edit(ws, "bid_text", text_id, {"body": body}, expected_version=version)
            if edit is not None:
                undo.append(UndoEntry(name, "revert", edit))
    return undo
