"""Help: the keys and the workflows, written in Markdown (help.md, help.sv.md in Swedish)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from planner.i18n import N_, get_locale
from planner.tui.screens.base import PlannerScreen

HERE = Path(__file__).resolve().parent.parent


def help_text(lang: str) -> str:
    localised = HERE / f"help.{lang}.md"
    return (localised if localised.exists() else HERE / "help.md").read_text(encoding="utf-8")


class HelpScreen(PlannerScreen):
    SCREEN_NAME = N_("Help")
    MODE = "help"
    needs_bid = False

    def body(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(get_locale()))
