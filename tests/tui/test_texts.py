"""Writing the dossier texts in the terminal UI: Swedish and English side by side, drafts kept across texts and
languages, saved through the records service (undoable, stale edits refused), readiness satisfied."""

from __future__ import annotations

import json
from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.widgets import Static, TextArea

from planner.domain.enums import TextKey
from planner.tui import make_app
from planner.tui.screens.dossier import DossierScreen
from planner.tui.screens.texts import TextsScreen
from planner.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, settle

BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ".": "full_stop"}.get(ch, ch) for ch in text])


async def open_texts(pilot) -> TextsScreen:
    await settle(pilot)
    await pilot.press("7")
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TextsScreen)
    return screen


def editor(app, lang: str) -> TextArea:
    return app.screen.query_one(f"#text-{lang}", TextArea)


def shown(app, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


def saved_texts(workspace, bid_id: int) -> dict[tuple[str, str], str]:
    from planner.services.fields import texts

    return {(t["key"], t["locale"]): t["body"] for t in texts(workspace, bid_id)}


def texts_item(app):
    return next(item for item in app.analysis.readiness.items if item.key == "texts")


async def test_every_text_in_both_languages_switching_mid_edit_loses_nothing(settings, small_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_texts(pilot)
        assert texts_item(app).status == "fail"
        assert "Missing texts" in shown(app, "texts-readiness")
        assert app.focused is editor(app, "sv")
        await type_text(pilot, "Välkomna till")
        await pilot.press("ctrl+l")  # to English in the middle of the Swedish sentence
        assert app.focused is editor(app, "en")
        await type_text(pilot, "Welcome")
        await pilot.press("ctrl+down")  # to the next text, then back: both drafts are still there
        await settle(pilot)
        assert editor(app, "sv").text == "" and screen.key == "summary"
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert editor(app, "sv").text == "Välkomna till" and editor(app, "en").text == "Welcome"
        await pilot.press("ctrl+l")  # back to Swedish: the cursor is where it was, typing goes on
        assert app.focused is editor(app, "sv")
        await type_text(pilot, " Sandviken")
        assert "3 words" in shown(app, "count-sv") and "80–250 suggested" in shown(app, "count-sv")
        assert "unsaved" in shown(app, "count-sv")
        assert "Välkomna till Sandviken" in shown(app, "texts-preview")
        assert saved_texts(workspace, small_bid) == {}  # nothing saved yet
        for key in list(TextKey)[1:]:
            await pilot.press("ctrl+down")
            await settle(pilot)
            assert screen.key == key.value
            await pilot.press("ctrl+l") if app.focused is editor(app, "en") else None
            await type_text(pilot, f"sv{len(key.value)}")
            await pilot.press("ctrl+l")
            await type_text(pilot, f"en{len(key.value)}")
        assert "With what is typed: ✔" in shown(app, "texts-readiness")
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = saved_texts(workspace, small_bid)
        assert stored[("invitation", "sv")] == "Välkomna till Sandviken"
        assert stored[("invitation", "en")] == "Welcome"
        assert stored[("bid_team", "en")] == "en8" and stored[("host_city", "sv")] == "sv9"
        assert len(stored) == 2 * len(TextKey)
        assert texts_item(app).status == "pass"
        assert screen.unsaved() == []
        assert "All printed texts are in both languages" in shown(app, "texts-readiness")
        # in an editor ctrl+z undoes typing; back on the Dossier screen it undoes the last save, as any edit
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DossierScreen)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert (list(TextKey)[-1].value, "en") not in saved_texts(workspace, small_bid)  # the last one saved
        assert texts_item(app).status == "warning"


async def test_an_edit_of_a_saved_text_and_leaving_with_drafts_asks(settings, demo_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_texts(pilot)
        before = saved_texts(workspace, demo_bid)[("invitation", "en")]
        assert editor(app, "en").text == before
        await pilot.press("ctrl+l", "end")
        await type_text(pilot, " Hej")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert isinstance(app.screen, TextsScreen) and editor(app, "en").text.endswith(" Hej")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved_texts(workspace, demo_bid)[("invitation", "en")] == before + " Hej"
        await pilot.press("ctrl+l")
        await type_text(pilot, "x")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await settle(pilot)
        assert isinstance(app.screen, DossierScreen)
        assert saved_texts(workspace, demo_bid)[("invitation", "sv")] == saved_texts(workspace, demo_bid)[
            ("invitation", "sv")]
        await pilot.press("t")
        await settle(pilot)
        assert not app.screen.unsaved()


async def test_a_text_someone_saved_meanwhile_is_not_overwritten(settings, demo_bid, workspace):
    from planner.services import fields

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_texts(pilot)
        fields.set_text(workspace, demo_bid, "invitation", "sv", "Someone else's words")
        await type_text(pilot, "Mina ord ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved_texts(workspace, demo_bid)[("invitation", "sv")] == "Someone else's words"
        assert screen.unsaved() == [("invitation", "sv")]  # the draft is kept to compare and save again
        assert screen.drafts[("invitation", "sv")].endswith("Mina ord ")


def hostile_strings() -> list[str]:
    terminal = [e["text"] for e in json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]]
    blns = json.loads((FIXTURES / "blns.json").read_text("utf-8"))[::16]
    return [t for t in terminal + blns if t.strip() and "\x00" not in t]


async def test_hostile_text_shows_as_typed_and_what_a_text_may_not_hold_is_refused(settings, small_bid, workspace):
    from planner.i18n.text import first_control, neutralise

    corpus = hostile_strings()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_texts(pilot)
        for text in corpus:
            area = editor(app, "sv")
            area.load_text("")
            area.insert(text)  # as pasted
            await pilot.pause()
            preview = app.screen.query_one("#texts-preview", Static).render()
            assert isinstance(preview, Text | Content) and not preview.spans[1:], text  # only our heading is styled
            plain = preview.plain
            assert not [ch for ch in plain if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F
                        or ord(ch) in BIDI], text  # no control character reaches the terminal
            words = neutralise(area.text).split()  # what the editor holds (it reads a lone CR as a line end)
            assert not words or words[0] in plain, text  # shown as typed: markup stays text
        allowed = [t for t in corpus if first_control(t, multiline=True) is None][:20]
        refused = next(t for t in corpus if "\x1b" in t)
        editor(app, "sv").load_text("")
        editor(app, "sv").insert("\n\n".join(allowed))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved_texts(workspace, small_bid)[("invitation", "sv")] == "\n\n".join(allowed)
        editor(app, "en").insert(refused)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ("invitation", "en") not in saved_texts(workspace, small_bid)
        assert screen.unsaved() == [("invitation", "en")]
