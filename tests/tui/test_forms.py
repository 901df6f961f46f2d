"""Forms as a person meets them: every error in one round, the first in view, and Escape never loses typing."""

from __future__ import annotations

from textual.widgets import Input

from planner.tui import make_app
from planner.tui.widgets.confirm import ConfirmScreen
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import TODAY, fill, settle

SMALL = (80, 24)


def in_view(widget) -> bool:
    """The widget's rows are inside what its scrolling container shows, and inside the terminal."""
    box = widget.screen.query_one("#form-fields")
    region, shown = widget.region, box.region
    return region.height > 0 and shown.y <= region.y and region.bottom <= shown.bottom


async def open_new_task(pilot) -> FormScreen:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def test_every_error_shows_at_once_and_the_first_is_scrolled_into_view(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        form = await open_new_task(pilot)
        await fill(pilot, "title", "Book the venue")
        await fill(pilot, "duration_days", "two")  # a field error, at the foot of the form
        # a fixed date beside the default anchor: the rule across fields, which used to wait for a second round
        await fill(pilot, "due_date", "2011-11-20")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        due = str(form.query_one("#error-due_date").render())
        duration = str(form.query_one("#error-duration_days").render())
        assert "either a fixed date or a relative one" in due and "“two” is not a whole number" in duration
        assert app.focused is form.query_one("#field-due_date", Input)  # the first error, in field order
        await pilot.pause()
        assert in_view(form.query_one("#field-due_date")) and in_view(form.query_one("#error-due_date"))
        footer = {b.binding.action for b in app.screen.active_bindings.values()}
        assert {"save", "cancel"} <= footer  # the form's own keys in its footer


async def test_escape_on_a_changed_form_asks_and_keeps_what_was_typed(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        form = await open_new_task(pilot)
        await fill(pilot, "title", "Site visit [draft]")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard the changes" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert app.screen is form and form.query_one("#field-title", Input).value == "Site visit [draft]"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen | ConfirmScreen)
        assert [t.title for t in app.bundle.tasks] == []  # nothing saved

        form = await open_new_task(pilot)  # untouched: Escape closes at once
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen | ConfirmScreen)


async def test_a_session_title_translation_is_edited_in_its_form_and_stored(settings, demo_bid, workspace):
    from planner.services.workspace import load_bundle

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        # the demo's records are in English: the form offers the Swedish title below the title
        assert form.query_one("#field-title__sv", Input).value == "Välkommen till Gävle"
        await fill(pilot, "title__sv", "Välkomna till Gävle")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    session = next(s for s in load_bundle(workspace, demo_bid).sessions if s.title == "Welcome to Gävle")
    assert session.translations["title"]["sv"] == "Välkomna till Gävle"


async def test_the_records_language_is_chosen_in_settings_and_the_forms_follow_it(settings, small_bid, workspace):
    from textual.widgets import Select

    from planner.services.workspace import load_bundle

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        app.screen.query_one("#content-locale", Select).value = "en"
        await settle(pilot)
        assert load_bundle(workspace, small_bid).bid.content_locale == "en"
        form = await open_new_task(pilot)
        assert form.query_one("#field-title__sv", Input) is not None  # written in English: Swedish beside it
        await fill(pilot, "title", "Book the hall [main]")
        await fill(pilot, "title__sv", "Boka [stora] salen [/]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    [task] = [t for t in load_bundle(workspace, small_bid).tasks if t.title == "Book the hall [main]"]
    assert task.translations == {"title": {"sv": "Boka [stora] salen [/]"}}  # markup-like text kept as typed
