"""The line of screens at the top: each one named with its key, clickable with the mouse."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from planner.i18n import _


class NavBar(Static):
    """`1 Overview  2 Venues  3 Budget ...` with the current screen highlighted."""

    def __init__(self, current: str) -> None:
        super().__init__(id="navbar")
        self.current = current

    def on_mount(self) -> None:
        self.update(self.markup())

    def markup(self) -> str:
        from planner.tui.app import SCREENS

        parts = []
        for mode, (key, _module, _cls, name) in SCREENS.items():
            shown_key = {"ctrl+o": "^o", "f1": "F1"}.get(key, key)
            text = f"{shown_key} {escape(_(name))}"
            if mode == self.current:
                parts.append(f"[reverse b] {text} [/]")
            else:
                parts.append(f"[@click=app.go('{mode}')] {text} [/]")
        return "".join(parts)
