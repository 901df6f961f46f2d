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
    """Attach (or replace) a file, remove it or open it; it stays open after each, showing what is attached now
    (the cursor on the file just changed), until Escape closes it: dismissed True when something changed.
    Given `files` (a slot of many), it lists them: the highlighted one is replaced, opened, removed or
    captioned, and the first entry attaches one more. A caption saved or a file replaced carries the version
    the list showed: when someone changed the file since, the save is refused saying who."""

    BINDINGS = [
        Binding("escape", "close", N_("Close")),
        Binding("ctrl+s", "attach", N_("Attach")),
        Binding("ctrl+s", "replace", N_("Replace")),
        Binding("ctrl+t", "browse", N_("Browse folders"), show=False),
    ]

    def __init__(self, title: str, takes: str, attached, attach: Callable[[Any, Path], Any],
                 remove: Callable[[Any, int], Any], open_file: Callable[[Any, int], Any],
                 start: Path | None = None, *, files: list | None = None,
                 files_of: Callable[[Any], list] | None = None,
                 replace: Callable[[Any, int, Path, int], Any] | None = None,
                 caption: Callable[[Any, int, str, str, int], Any] | None = None,
                 languages: tuple[str, str] = ("", ""), one: bool = False) -> None:
        """`takes` says which types the slot takes ("PDF"); `attached` is what is attached now (or None);
        `attach(ws, path)`, `remove(ws, id)` and `open_file(ws, id)` are the service calls to make.
        A slot of many: `files` are what it holds and `files_of(ws)` reads them again after each change;
        `replace(ws, id, path, version)` puts a file in place of one, and with `caption(ws, id, text,
        translation, version)` each has a caption, written in the two `languages` (their names); then
        `attach(ws, path, text, translation)` attaches one more with its caption. `version` is the version of
        the file the list showed. A slot of `one` (the cover's hero image) lists the one it holds; attaching a
        new one puts it in that one's place."""
        super().__init__()
        self.title_text = title
        self.takes = takes
        self.files = list(files) if files is not None else None
        self.files_of = files_of
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
        self.changed = False  # whether anything was saved while it was open (what it is dismissed with)

    @property
    def many(self) -> bool:
        return self.files is not None

    def compose(self) -> ComposeResult:
        with Vertical(id="attach-box", classes="form many" if self.many else "form"):
            yield Label(show.line(self.title_text), id="form-title")
            if self.many:
                yield OptionList(*self._options(), id="attach-list")
                yield Static(self._current_text(), id="attach-current")
            else:
                yield Static(self._current_text(), id="attach-current")
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
                yield Button(_("Open"), id="attach-open")
                yield Button(_("Remove"), variant="error", id="attach-remove")
                if self.caption_fn is not None:
                    yield Button(_("Save caption"), id="attach-caption-save")
                yield Button(_("Close"), id="attach-cancel")

    def _options(self) -> list[Option]:
        new = (_("＋ Attach another in place of this one") if self.files else _("＋ Attach one")) \
            if self.one else _("＋ Attach one more")
        return [Option(new, id=NEW), *[Option(show.line(described(f)), id=str(f.id)) for f in self.files or []]]

    def on_mount(self) -> None:
        self._show_chosen()
        self.query_one("#attach-path", Input).focus()

    def _current_text(self):
        if not self.many:
            if self.attached is None:
                return _("Nothing is attached yet.")
            return show.line(_("Attached now: {what}").format(what=describe(self.attached)))
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
        """The buttons, the footer's keys and the caption fields for the file chosen in the list (or for one
        more; in a slot of one, for the file attached now)."""
        chosen = self.attached
        self.query_one("#attach-current", Static).update(self._current_text())
        self.query_one("#attach-go", Button).label = _("Replace") if chosen else _("Attach")
        for button in ("#attach-open", "#attach-remove"):
            found = self.query_one(button, Button)
            if self.many:
                found.disabled = chosen is None
            else:
                found.display = chosen is not None  # nothing to open or remove until a file is attached
        if self.caption_fn is not None:
            self.query_one("#attach-caption", Input).value = show.clean(chosen.caption) if chosen else ""
            self.query_one("#attach-caption-translation", Input).value = \
                show.clean(self._translation(chosen)) if chosen else ""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "attach":
            return self.attached is None  # ctrl+s says what it does: attach, or replace the chosen file
        if action == "replace":
            return self.attached is not None
        return True

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

    def action_replace(self) -> None:
        self.action_attach()

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
        if chosen is None:  # the cursor stays on "one more": the next path and ctrl+s attach another file
            if captions is None:
                self._run(lambda ws: self.attach_fn(ws, path), _("Attached {name}.").format(name=name),
                          to_new=False)
            else:
                self._run(lambda ws: self.attach_fn(ws, path, *captions), _("Attached {name}.").format(name=name),
                          to_new=False)
            return

        def replace(ws):
            record = self.replace_fn(ws, chosen.id, path, chosen.version)
            if captions is not None and captions != (chosen.caption, self._translation(chosen)):
                self.caption_fn(ws, chosen.id, *captions, record.version)
            return record

        self._run(replace, _("Replaced {old} with {name}.").format(old=show.clean(chosen.filename), name=name),
                  changed=chosen.id)

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

        self._run(lambda ws: self.caption_fn(ws, chosen.id, *captions, chosen.version),
                  _("The caption of {name} is saved.").format(name=show.clean(chosen.filename)), saved,
                  changed=chosen.id)

    @on(Button.Pressed, "#attach-remove")
    def _remove(self) -> None:
        from planner.tui.widgets.confirm import ConfirmScreen

        attached = self.attached
        if attached is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda ws: self.remove_fn(ws, attached.id),
                          _("Removed {name}.").format(name=show.clean(attached.filename)), removed=attached.id)

        self.app.push_screen(ConfirmScreen(_("Remove the attached file “{name}”?").format(
            name=show.clean(attached.filename)), _("Remove")), answered)

    @on(Button.Pressed, "#attach-open")
    def _open(self) -> None:
        attached = self.attached
        if attached is None:
            return

        def opened(copy) -> None:
            self.say("")
            self.notify(_("Opened {path} with the system's viewer.").format(path=show.clean(copy)))

        self.app.run_service(lambda ws: self.open_fn(ws, attached.id), done=opened, reload=False,
                             failed=lambda exc: self.say(str(exc)))

    def _read_back(self, ws, result, removed: int | None):
        """What the dialog shows after a change (in the worker, with the change): a slot of many read again,
        a slot of one the file attached now."""
        from planner.services import attachments

        if self.many:
            return self.files_of(ws) if self.files_of is not None else None
        if removed is not None or getattr(result, "id", None) is None:
            return None
        return attachments.attached_file(ws, result.bid_id, result.id)

    def _run(self, job, success: str, then: Callable[[Any], None] | None = None, *, changed: int | None = None,
             removed: int | None = None, to_new: bool = True) -> None:
        """Make the change in a worker and show what is attached after it, the cursor on the file it changed
        (`changed`, else the one it returned, unless not `to_new`: then on "one more", so that the next ctrl+s
        attaches another file rather than replacing this one); `removed`: the file it removed, the cursor
        going to the next."""
        if self.busy:
            return
        self.busy = True
        self.say("")

        def job_then_read(ws):
            result = job(ws)
            return result, self._read_back(ws, result, removed)

        def done(outcome) -> None:
            result, after = outcome
            self.busy = False
            self.changed = True
            if then is not None:
                then(result)
            focus = changed if changed is not None else getattr(result, "id", None) if to_new else None
            self._show_after(after, focus, removed)

        def failed(exc: Exception) -> None:
            self.busy = False
            from planner.services.errors import ConflictError
            from planner.tui.app import _error_text

            if isinstance(exc, ConflictError) and self.many and self.files_of is not None:
                self._reread_after_conflict(_error_text(exc), changed)
                return
            self.say(_error_text(exc))

        self.app.run_service(job_then_read, done=done, success=success, failed=failed)

    def _reread_after_conflict(self, refusal: str, focus: int | None) -> None:
        """Someone changed the file since the list was read: the list read again shows theirs (and their
        version, for the next save), what the person typed stays in the fields, the refusal under them."""
        typed = self._captions() if self.caption_fn is not None else None
        path = self.query_one("#attach-path", Input).value
        focus = focus if focus is not None else getattr(self.attached, "id", None)

        def reread(files) -> None:
            self._show_after(files, focus, None)
            self.query_one("#attach-path", Input).value = path
            if typed is not None:
                self.query_one("#attach-caption", Input).value = typed[0]
                self.query_one("#attach-caption-translation", Input).value = typed[1]
            self.say(_("{refusal} The list shows their version now; what you typed is still in the fields.")
                     .format(refusal=refusal))

        self.app.run_service(self.files_of, done=reread, reload=False, failed=lambda exc: self.say(refusal))

    def _show_after(self, after, focus: int | None, removed: int | None) -> None:
        """The list (or the file attached now) as read after a change, the path field emptied for the next."""
        self.query_one("#attach-path", Input).value = ""
        if not self.many:
            self.attached = after
            self._show_chosen()
            return
        old_ids = [f.id for f in self.files or []]
        if after is not None:
            self.files = list(after)
        elif removed is not None:
            self.files = [f for f in self.files or [] if f.id != removed]
        ids = [f.id for f in self.files]
        if removed is not None:  # the cursor on the file that followed the removed one, else the one before
            place = old_ids.index(removed) if removed in old_ids else 0
            following = [i for i in old_ids[place + 1:] if i in ids] + [i for i in reversed(old_ids[:place])
                                                                         if i in ids]
            focus = following[0] if following else None
        listed = self.query_one("#attach-list", OptionList)
        listed.clear_options()
        listed.add_options(self._options())
        index = ids.index(focus) + 1 if focus in ids else 0
        self.attached = self.files[index - 1] if index else None
        with listed.prevent(OptionList.OptionHighlighted):  # shown here, once
            listed.highlighted = index
        self._show_chosen()

    def action_browse(self) -> None:
        self.query_one("#attach-tree", DirectoryTree).focus()

    @on(Button.Pressed, "#attach-cancel")
    def action_close(self) -> None:
        self.dismiss(self.changed)
