"""Choosing a file to attach: a path field that completes from the folder it names, a folder browser beside it,
and what is attached now (name, size, pages or pixels) with replace, remove and open. A slot that holds many
files (a venue's photos) lists them, each with its caption in both languages to edit.

The modal only picks a path; reading and checking the file is the attachments service's (in a worker, the
refusal shown under the field). A path is text the service reads once; nothing here opens a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DirectoryTree, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from planner.i18n import N_, _, ngettext
from planner.tui.widgets import show
from planner.tui.widgets.translated import TranslatedBindings


class PathSuggester(Suggester):
    """Completes a path with the first name in its folder that starts with what is typed (folders end in /)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """`value` completed to the first matching entry of its folder (hidden ones only when asked for)."""
    if not value:
        return None
    typed = Path(value).expanduser()
    folder, start = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    for name in names:
        if name.startswith(start) and (start.startswith(".") or not name.startswith(".")) and name != start:
            completed = value[:len(value) - len(start)] + name
            return completed + os.sep if (folder / name).is_dir() else completed
    return None


def file_size(size: int) -> str:
    """A file's size as people read it: 840 B, 12 kB, 1.4 MB."""
    if size < 1024:
        return _("{n} B").format(n=show.number(size))
    if size < 1024 * 1024:
        return _("{n} kB").format(n=show.number(round(size / 1024)))
    return _("{n} MB").format(n=show.number(Decimal(size) / (1024 * 1024), digits=1))


def describe(attached) -> str:
    """One line about an attached file: its name, size and (a PDF's) pages or (an image's) pixels."""
    parts = [show.clean(attached.filename) or _("(no name)"), file_size(attached.size_bytes)]
    pages = getattr(attached, "pages", None)
    pixels = getattr(attached, "pixels", None)
    if pages is not None:
        parts.append(ngettext("{n} page", "{n} pages", pages).format(n=pages))
    elif pixels:
        parts.append(_("{width} × {height} px").format(width=show.number(pixels[0]), height=show.number(pixels[1])))
    return ", ".join(parts)


def described(attached) -> str:
    """`describe` with the caption, if the file has one: for a list of photos."""
    caption = show.clean(getattr(attached, "caption", "") or "")
    return f"{describe(attached)} – “{caption}”" if caption else describe(attached)


NEW = "new"  # the list's first entry: a file not attached yet


class AttachScreen(TranslatedBindings, ModalScreen[bool]):
    """Attach (or replace) a file, remove it or open it; dismisses True when something changed. Given `files`
    (a slot of many), it lists them: the highlighted one is replaced, opened, removed or captioned, and the
    first entry attaches one more."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "attach", N_("Attach")),
        Binding("ctrl+t", "browse", N_("Browse folders"), show=False),
    ]

    def __init__(self, title: str, takes: str, attached, attach: Callable[[Any, Path], Any],
                 remove: Callable[[Any, int], Any], open_file: Callable[[Any, int], Any],
                 start: Path | None = None, *, files: list | None = None,
                 replace: Callable[[Any, int, Path], Any] | None = None,
                 caption: Callable[[Any, int, str, str], Any] | None = None,
                 languages: tuple[str, str] = ("", ""), one: bool = False) -> None:
        """`takes` says which types the slot takes ("PDF"); `attached` is what is attached now (or None);
        `attach(ws, path)`, `remove(ws, id)` and `open_file(ws, id)` are the service calls to make.
        A slot of many: `files` are what it holds, `replace(ws, id, path)` puts a file in place of one, and with
        `caption(ws, id, text, translation)` each has a caption, written in the two `languages` (their names);
        then `attach(ws, path, text, translation)` attaches one more with its caption. A slot of `one` (the
        cover's hero image) lists the one it holds; attaching a new one puts it in that one's place."""
        super().__init__()
        self.title_text = title
        self.takes = takes
        self.files = list(files) if files is not None else None
        self.attached = attached if files is None else None
        self.replace_fn = replace
        self.caption_fn = caption
        self.languages = languages
        self.attach_fn = attach
        self.remove_fn = remove
        self.open_fn = open_file
        self.start = start or Path.cwd()
        self.busy = False
        self.one = one

    @property
    def many(self) -> bool:
        return self.files is not None

    def compose(self) -> ComposeResult:
        with Vertical(id="attach-box", classes="form many" if self.many else "form"):
            yield Label(show.line(self.title_text), id="form-title")
            if self.many:
                new = (_("＋ Attach another in place of this one") if self.files else _("＋ Attach one")) \
                    if self.one else _("＋ Attach one more")
                yield OptionList(Option(new, id=NEW),
                                 *[Option(show.line(described(f)), id=str(f.id)) for f in self.files],
                                 id="attach-list")
                yield Static(self._current_text(), id="attach-current")
            elif self.attached is not None:
                yield Static(show.line(_("Attached now: {what}").format(what=describe(self.attached))),
                             id="attach-current")
            else:
                yield Static(_("Nothing is attached yet."), id="attach-current")
            yield Label(_("File ({types}); a folder ending in / lists its files, → completes").format(
                types=self.takes), classes="field-label")
            yield Input(placeholder=str(self.start) + os.sep, suggester=PathSuggester(), id="attach-path")
            yield Static("", id="attach-error", classes="field-error")
            if self.caption_fn is not None:
                from planner.tui.widgets.form import LiteralInput

                first, second = self.languages
                with Horizontal(id="attach-captions"):
                    with Vertical(classes="attach-caption"):
                        yield Label(_("Caption ({language})").format(language=first), classes="field-label")
                        yield LiteralInput(id="attach-caption")
                    with Vertical(classes="attach-caption"):
                        yield Label(_("Caption ({language})").format(language=second), classes="field-label")
                        yield LiteralInput(id="attach-caption-translation")
            yield DirectoryTree(self.start, id="attach-tree")
            with Horizontal(id="form-buttons"):
                yield Button(_("Replace") if self.attached else _("Attach"), variant="primary", id="attach-go")
                if self.attached is not None or self.many:
                    yield Button(_("Open"), id="attach-open")
                    yield Button(_("Remove"), variant="error", id="attach-remove")
                if self.caption_fn is not None:
                    yield Button(_("Save caption"), id="attach-caption-save")
                yield Button(_("Cancel"), id="attach-cancel")

    def on_mount(self) -> None:
        if self.many:
            self._show_chosen()
        self.query_one("#attach-path", Input).focus()

    def _current_text(self):
        if self.attached is not None:
            return show.line(_("Chosen: {what}").format(what=describe(self.attached)))
        if self.files and self.one:
            return _("Choose it above to replace, open, remove or caption it; or attach another in its place.")
        if self.files:
            return _("Choose a file above to replace, open, remove or caption it; or attach one more.")
        return _("Nothing is attached yet.")

    @on(OptionList.OptionHighlighted, "#attach-list")
    def _chosen(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        self.attached = next((f for f in self.files or [] if str(f.id) == key), None)
        self._show_chosen()

    def _show_chosen(self) -> None:
        """The buttons and caption fields for the file chosen in the list (or for one more)."""
        chosen = self.attached
        self.query_one("#attach-current", Static).update(self._current_text())
        self.query_one("#attach-go", Button).label = _("Replace") if chosen else _("Attach")
        for button in ("#attach-open", "#attach-remove", "#attach-caption-save"):
            for found in self.query(button):
                found.disabled = chosen is None and button != "#attach-caption-save"
        if self.caption_fn is not None:
            self.query_one("#attach-caption", Input).value = show.clean(chosen.caption) if chosen else ""
            self.query_one("#attach-caption-translation", Input).value = \
                show.clean(self._translation(chosen)) if chosen else ""

    def _translation(self, chosen) -> str:
        texts = (getattr(chosen, "translations", None) or {}).get("caption") or {}
        return next(iter(texts.values()), "") if isinstance(texts, dict) else ""

    def _captions(self) -> tuple[str, str]:
        return (self.query_one("#attach-caption", Input).value.strip(),
                self.query_one("#attach-caption-translation", Input).value.strip())

    def say(self, text: str) -> None:
        self.query_one("#attach-error", Static).update(show.lines(text))

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        field = self.query_one("#attach-path", Input)
        field.value = str(event.path)
        field.focus()

    @on(Input.Submitted, "#attach-path")
    @on(Button.Pressed, "#attach-go")
    def action_attach(self) -> None:
        value = self.query_one("#attach-path", Input).value.strip()
        chosen = self.attached
        if not value:
            if self.many and self.caption_fn is not None and chosen is not None:
                self._save_caption()
                return
            self.say(_("Type the file's path, or choose it in the folders below (enter on a file)."))
            return
        path, name = Path(value), Path(value).name
        if not self.many:
            self._run(lambda ws: self.attach_fn(ws, path), _("Attached {name}.").format(name=name))
            return
        captions = self._captions() if self.caption_fn is not None else None
        if chosen is None:
            if captions is None:
                self._run(lambda ws: self.attach_fn(ws, path), _("Attached {name}.").format(name=name))
            else:
                self._run(lambda ws: self.attach_fn(ws, path, *captions), _("Attached {name}.").format(name=name))
            return

        def replace(ws):
            record = self.replace_fn(ws, chosen.id, path)
            if captions is not None and captions != (chosen.caption, self._translation(chosen)):
                self.caption_fn(ws, chosen.id, *captions)
            return record

        self._run(replace, _("Replaced {old} with {name}.").format(old=show.clean(chosen.filename), name=name))

    @on(Input.Submitted, "#attach-caption")
    @on(Input.Submitted, "#attach-caption-translation")
    def _caption_submitted(self) -> None:
        if self.attached is not None and not self.query_one("#attach-path", Input).value.strip():
            self._save_caption()
        else:
            self.action_attach()

    @on(Button.Pressed, "#attach-caption-save")
    def _save_caption(self) -> None:
        chosen = self.attached
        if chosen is None:
            self.say(_("Choose a photo in the list first; a new one gets its caption when it is attached."))
            return
        captions = self._captions()

        def saved(result) -> None:
            from planner.tui.app import UndoEntry

            edit = result[1] if isinstance(result, tuple) else None
            if edit is not None:
                self.app.remember_undo(UndoEntry(show.clean(chosen.filename), "revert", edit))

        self._run(lambda ws: self.caption_fn(ws, chosen.id, *captions),
                  _("The caption of {name} is saved.").format(name=show.clean(chosen.filename)), saved)

    @on(Button.Pressed, "#attach-remove")
    def _remove(self) -> None:
        from planner.tui.widgets.confirm import ConfirmScreen

        attached = self.attached

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda ws: self.remove_fn(ws, attached.id),
                          _("Removed {name}.").format(name=show.clean(attached.filename)))

        self.app.push_screen(ConfirmScreen(_("Remove the attached file “{name}”?").format(
            name=show.clean(attached.filename)), _("Remove")), answered)

    @on(Button.Pressed, "#attach-open")
    def _open(self) -> None:
        attached = self.attached

        def opened(copy) -> None:
            self.say("")
            self.notify(_("Opened {path} with the system's viewer.").format(path=show.clean(copy)))

        self.app.run_service(lambda ws: self.open_fn(ws, attached.id), done=opened, reload=False,
                             failed=lambda exc: self.say(str(exc)))

    def _run(self, job, success: str, then: Callable[[Any], None] | None = None) -> None:
        if self.busy:
            return
        self.busy = True
        self.say("")

        def done(result) -> None:
            self.busy = False
            if then is not None:
                then(result)
            self.dismiss(True)

        def failed(exc: Exception) -> None:
            self.busy = False
            from planner.tui.app import _error_text

            self.say(_error_text(exc))

        self.app.run_service(job, done=done, success=success, failed=failed)

    def action_browse(self) -> None:
        self.query_one("#attach-tree", DirectoryTree).focus()

    @on(Button.Pressed, "#attach-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
