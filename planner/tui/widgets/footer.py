"""The footer: the keys that fit on one line; the least needed give way first, and F1 Help always stays.

Textual's Footer lays the keys out in a row and cuts what passes the right edge, which at 80 columns (or in
Swedish at 120) was the help key itself. This one leaves keys out, in the order below, until the rest fit:
the table's own keys (sorting, filtering) and the command palette, written in the help, go first; then undo
and quit; then whatever is last on the line. Help is never left out.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer

HELP = "go('help')"
# the keys that give way first, in order (None: the command palette's key at the right edge)
LEAST_NEEDED: tuple[str | None, ...] = ("sort_column", "filter", None, "app.undo", "undo", "quit", "app.quit")
PALETTE_WIDTH = 14  # "▏ ^p palette " docked at the right


class PlannerFooter(Footer):
    """A footer whose keys always fit the terminal's width, with F1 Help among them."""

    def __init__(self) -> None:
        super().__init__()
        self.left_out: list[str | None] = []  # what the last layout had no room for
        self._laid_out_for = 0
        self._change_pending = False  # a change of the screen's keys waits for the next refresh

    def _widths(self) -> dict[str, int]:
        """The width each shown key takes, by action, in the order the footer shows them."""
        out: dict[str, int] = {}
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in out:
                continue
            shown = cell_len(self.app.get_key_display(binding))
            out[binding.action] = shown + (cell_len(binding.description) + 3 if binding.description else 2)
        return out

    def _leave_out(self, width: int) -> list[str | None]:
        widths = self._widths()
        palette = PALETTE_WIDTH if self.app.ENABLE_COMMAND_PALETTE else 0
        room = width - 1  # one cell to spare at the edge

        def used() -> int:
            return sum(widths.values()) + palette

        left_out: list[str | None] = []
        for action in LEAST_NEEDED:
            if used() <= room:
                return left_out
            if action is None:
                if palette:
                    palette = 0
                    left_out.append(None)
            elif action in widths:
                widths.pop(action)
                left_out.append(action)
        for action in reversed(list(widths)):  # still too long: from the end of the line, help kept
            if used() <= room:
                break
            if action != HELP:
                widths.pop(action)
                left_out.append(action)
        return left_out

    def bindings_changed(self, screen) -> None:
        """The screen's keys changed: lay the footer out again once, after the next refresh, however many
        changes come before it (a screen being shown changes them five to seven times; each recompose of
        the footer cost 3 ms of the first paint)."""
        if self._change_pending:
            return
        self._change_pending = True
        self.call_after_refresh(self._bindings_settled, screen)

    def _bindings_settled(self, screen) -> None:
        self._change_pending = False
        super().bindings_changed(screen)

    def compose(self):
        width = self.app.size.width
        self._laid_out_for = width
        self.left_out = self._leave_out(width) if self.is_attached else []
        self.set_reactive(Footer.show_command_palette, None not in self.left_out)
        for widget in super().compose():
            if getattr(widget, "action", None) in self.left_out:
                widget.display = False
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        if self.app.size.width != self._laid_out_for:
            self.refresh(recompose=True)
