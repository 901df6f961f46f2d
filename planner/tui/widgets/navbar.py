"""The line of screens at the top: each one named with its key, clickable with the mouse."""

from __future__ import annotations

from rich.cells import cell_len
from textual.markup import escape
from textual.widgets import Static

from planner.i18n import _, pgettext

# shorter names for when the full ones do not fit on one line
SHORT = {"programme": lambda: _("Programme"), "start": lambda: pgettext("navigation", "Bids"),
         "settings": lambda: pgettext("navigation", "Settings")}
SHOWN_KEY = {"ctrl+o": "^o", "f1": "F1"}


class NavBar(Static):
    """`1 Overview  2 Venues  3 Budget ...` with the current screen highlighted.

    Eleven screens named in full do not fit in 120 columns (less so in Swedish), so the line gets tighter
    until it fits: single spaces, then shorter names, then without Help (f1 is in the footer of every
    screen), then only the keys of the other screens.
    """

    def __init__(self, current: str) -> None:
        super().__init__(id="navbar")
        self.current = current

    def on_mount(self) -> None:
        self.update(self.markup())

    def on_resize(self) -> None:
        self.update(self.markup())

    def markup(self, width: int | None = None) -> str:
        """The line as Textual markup: only our own screen names and keys go into it, escaped."""
        from planner.tui.app import SCREENS

        if width is None:
            width = self.size.width or self.app.size.width
        for wide, short, with_help, names in ((True, False, True, True), (False, False, True, True),
                                              (False, True, True, True), (False, True, False, True),
                                              (False, True, False, False)):
            items = []
            for mode, (key, _module, _cls, name) in SCREENS.items():
                if mode == "help" and not with_help:
                    continue
                # with only the keys of the others, the screen on show has the room for its full name
                shown = SHORT[mode]() if short and mode in SHORT and names else _(name)
                text = f"{SHOWN_KEY.get(key, key)} {shown}" if names or mode == self.current \
                    else SHOWN_KEY.get(key, key)
                items.append((mode, text))
            length = sum(cell_len(text) + (2 if wide or mode == self.current else 1) for mode, text in items)
            if length <= width:
                break
        parts = []
        for mode, text in items:
            if mode == self.current:
                parts.append(f"[reverse b] {escape(text)} [/]")
            else:
                pad = " " if wide else ""
                parts.append(f"[@click=app.go('{mode}')]{pad}{escape(text)}{pad}[/]" + ("" if wide else " "))
        return "".join(parts)
