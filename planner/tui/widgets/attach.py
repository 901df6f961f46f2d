"""Choosing a file to attach: a path field that completes from the folder it names, a folder browser beside it,
and what is attached now (name, size, pages) with replace, remove and open.

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
from textual.widgets import Button, DirectoryTree, Input, Label, Static

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
    """One line about an attached file: its name, size and (a PDF's) pages."""
    parts = [show.clean(attached.filename) or _("(no name)"), file_size(attached.size_bytes)]
    pages = getattr(attached, "pages", None)
    if pages is not None:
        parts.append(ngettext("{n} page", "{n} pages", pages).format(n=pages))
    return ", ".join(parts)


class AttachScreen(TranslatedBindings, ModalScreen[bool]):
    """Attach (or replace) a file, remove it or open it; dismisses True when something changed."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "attach", N_("Attach")),
        Binding("ctrl+t", "browse", N_("Browse folders"), show=False),
    ]

    def __init__(self, title: str, takes: str, attached, attach: Callable[[Any, Path], Any],
                 remove: Callable[[Any, int], Any], open_file: Callable[[Any, int], Any],
                 start: Path | None = None) -> None:
        """`takes` says which types the slot takes ("PDF"); `attached` is what is attached now (or None);
        `attach(ws, path)`, `remove(ws, id)` and `open_file(ws, id)` are the service calls to make."""
        super().__init__()
        self.title_text = title
        self.takes = takes
        self.attached = attached
        self.attach_fn = attach
        self.remove_fn = remove
        self.open_fn = open_file
        self.start = start or Path.cwd()
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="attach-box", classes="form"):
            yield Label(show.line(self.title_text), id="form-title")
            if self.attached is not None:
                yield Static(show.line(_("Attached now: {what}").format(what=describe(self.attached))),
                             id="attach-current")
            else:
                yield Static(_("Nothing is attached yet."), id="attach-current")
            yield Label(_("File ({types}); a folder ending in / lists its files, → completes").format(
                types=self.takes), classes="field-label")
            yield Input(placeholder=str(self.start) + os.sep, suggester=PathSuggester(), id="attach-path")
            yield Static("", id="attach-error", classes="field-error")
            yield DirectoryTree(self.start, id="attach-tree")
            with Horizontal(id="form-buttons"):
                yield Button(_("Replace") if self.attached else _("Attach"), variant="primary", id="attach-go")
                if self.attached is not None:
                    yield Button(_("Open"), id="attach-open")
                    yield Button(_("Remove"), variant="error", id="attach-remove")
                yield Button(_("Cancel"), id="attach-cancel")

    def on_mount(self) -> None:
        self.query_one("#attach-path", Input).focus()

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
        if not value:
            self.say(_("Type the file's path, or choose it in the folders below (enter on a file)."))
            return
        self._run(lambda ws: self.attach_fn(ws, Path(value)), _("Attached {name}.").format(name=Path(value).name))

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

    def _run(self, job, success: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.say("")

        def done(_result) -> None:
            self.busy = False
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
