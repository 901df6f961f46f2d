"""The footer at 120x40 and 80x24, in Swedish and in English: on every screen F1 Help and the screen's own keys
are shown whole; the keys that give way first are the table's sorting and filtering, written in the help."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from planner.config import Settings
from planner.tui import make_app
from planner.tui.app import SCREENS
from tests.tui.conftest import TODAY, settle

HELP = {"en": "Help", "sv": "Hjälp"}
# what a person needs shown on each screen, by action
NEEDED = {"venues": {"add", "edit", "delete"}, "budget": {"add", "edit", "delete", "next_scenario", "freeze"},
          "programme": {"add", "edit", "delete"}, "partners": {"add", "edit", "delete", "add_commitment", "link"},
          "timeline": {"add", "edit", "delete", "generate", "toggle_view"}, "dossier": {"export", "texts"},
          "bid": {"add", "edit", "delete", "status"}, "changes": {"reload"}}


def shown_keys(app) -> dict[str, tuple[str, int, int]]:
    """The footer's keys on screen: action -> (the text drawn, first and last cell), read from the keys drawn."""
    footer = app.screen.query_one(Footer)
    out = {}
    for key in footer.query("FooterKey"):
        if key.display and key.region.width:
            out[key.action] = (str(key.render()).strip(), key.region.x, key.region.right)
    return out


@pytest.mark.parametrize("locale", ["sv", "en"])
async def test_help_and_each_screens_own_keys_are_shown_whole(tmp_path, demo_bid, locale):
    app = make_app(Settings.load(db=tmp_path / "p.db", locale=locale), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for size in [(120, 40), (80, 24)] if locale == "sv" else [(80, 24)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            for mode, (key, *_rest) in SCREENS.items():
                if mode == "help":
                    continue
                await pilot.press(key)
                await settle(pilot)
                keys = shown_keys(app)
                where = f"{mode} at {size[0]}x{size[1]} in {locale}: {keys}"
                assert any(text.endswith(HELP[locale]) and text.startswith("f1") for text, *_ in keys.values()), where
                spans = sorted((first, last) for _text, first, last in keys.values())
                assert all(last <= size[0] for _first, last in spans), where  # nothing past the right edge
                assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), where  # none under another
                assert NEEDED.get(mode, set()) <= set(keys), where
