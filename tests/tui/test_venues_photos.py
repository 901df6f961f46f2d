"""A venue's photos in the terminal UI, keys only: from an empty database a bid and a venue, `p` on the Venues
screen attaches a PNG with its caption in Swedish and English, the modal lists it (name, size, pixels, caption),
the caption is edited, a second photo replaces nothing but joins it, one is replaced and one removed; the
committee dossier exported from the Dossier screen prints the photo with its caption in English."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader
from textual.widgets import Input, OptionList, Static

from planner.tui import make_app
from planner.tui.screens.venues import VenuesScreen
from planner.tui.widgets.attach import AttachScreen
from planner.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, told
from tests.tui.test_journey import Keys, new_bid


def photo(path, size: tuple[int, int], colour=(200, 30, 30), fmt: str = "PNG"):
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def shown(widget) -> str:
    return str(widget.render())


def photos_in(settings, bid_id: int = 1):
    from planner.services.attachments import attached_files
    from planner.services.workspace import Workspace

    ws = Workspace.open(settings)
    try:
        return [f for f in attached_files(ws, bid_id) if f.kind == "photo"]
    finally:
        ws.close()


async def open_photos(k: Keys) -> AttachScreen:
    await k.press("p")
    modal = k.app.screen
    assert isinstance(modal, AttachScreen), type(modal)
    return modal


async def test_a_venue_photo_with_its_caption_from_an_empty_database_to_the_dossier(settings, tmp_path):
    settings = settings.with_(export_dir=tmp_path / "exports")
    hall = photo(tmp_path / "stora-salen.png", (320, 200))
    foyer = photo(tmp_path / "foajen.jpg", (120, 90), (30, 160, 60), "JPEG")
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        k = Keys(pilot)
        await k.settle()
        await new_bid(k)
        await k.press("2")
        await k.form("a")
        await k.fill("name", "Gavle Konserthus")
        await k.pick("status", "Option held")
        await k.save()
        assert isinstance(app.screen, VenuesScreen)

        # p: the venue's photos; none yet. Type the path, then the caption in both languages, ctrl+s attaches
        modal = await open_photos(k)
        assert "Photos of Gavle Konserthus" in shown(modal.query_one("#form-title"))
        assert "Nothing is attached yet" in shown(modal.query_one("#attach-current", Static))
        assert app.focused is modal.query_one("#attach-path", Input)
        await k.type(str(hall))
        await k.tab_to(modal.query_one("#attach-caption", Input))
        await k.type("Stora salen en konsertkvall")
        await k.tab_to(modal.query_one("#attach-caption-translation", Input))
        await k.type("The great hall on a concert night")
        await k.press("ctrl+s")
        assert app.screen is modal  # it stays open, listing the photo just attached
        await k.press("escape")
        assert not isinstance(app.screen, AttachScreen)
        [kept] = photos_in(settings)
        assert (kept.filename, kept.pixels, kept.venue_id, kept.caption) == (
            "stora-salen.png", (320, 200), app.bundle.venues[0].id, "Stora salen en konsertkvall")
        assert kept.translations == {"caption": {"en": "The great hall on a concert night"}}

        # the modal lists it: name, size, pixels, caption; highlighting it fills the caption fields
        modal = await open_photos(k)
        listed = modal.query_one("#attach-list", OptionList)
        assert listed.option_count == 2  # one more, and the photo
        await k.tab_to(listed)
        await k.press("down")
        entry = str(listed.get_option_at_index(1).prompt)
        assert "stora-salen.png" in entry and "320 × 200 px" in entry and "Stora salen en konsertkvall" in entry
        assert "B" in entry
        assert modal.query_one("#attach-caption", Input).value == "Stora salen en konsertkvall"
        # edit the English caption; Save caption (enter in the field, the path left empty)
        field = modal.query_one("#attach-caption-translation", Input)
        await k.tab_to(field)
        await k.press("end", *["backspace"] * len(" on a concert night"))
        await k.type(" by night")
        await k.press("enter")
        assert app.screen is modal
        await k.press("escape")
        assert not isinstance(app.screen, AttachScreen)
        [kept] = photos_in(settings)
        assert kept.translations == {"caption": {"en": "The great hall by night"}}

        # one more photo (a JPEG, no caption), then replace it with the PNG, then remove it after asking
        modal = await open_photos(k)
        await k.type(str(foyer))
        await k.press("ctrl+s")
        assert [p.filename for p in photos_in(settings)] == ["stora-salen.png", "foajen.jpg"]
        await k.press("escape")
        modal = await open_photos(k)
        listed = modal.query_one("#attach-list", OptionList)
        await k.tab_to(listed)
        await k.press("down", "down")
        assert "foajen.jpg" in shown(modal.query_one("#attach-current", Static))
        assert shown(modal.query_one("#attach-go")) == "Replace"
        await k.tab_to(modal.query_one("#attach-path", Input))
        await k.type(str(tmp_path / "not-there.png"))
        await k.press("enter")
        assert app.screen is modal and "not-there.png" in shown(modal.query_one("#attach-error", Static))
        await k.press("ctrl+u")
        await k.type(str(hall))
        await k.press("enter")
        replaced = photos_in(settings)
        assert [(p.filename, p.pixels) for p in replaced] == [("stora-salen.png", (320, 200))] * 2
        await k.press("escape")
        modal = await open_photos(k)
        listed = modal.query_one("#attach-list", OptionList)
        await k.tab_to(listed)
        await k.press("down", "down")
        await pilot.click("#attach-remove")
        await k.settle()
        assert isinstance(app.screen, ConfirmScreen)
        await k.press("y")
        assert [p.id for p in photos_in(settings)] == [replaced[0].id]
        await k.press("escape")

        # the committee dossier, in English, from the Dossier screen
        await k.press("7")
        await k.pick("#dossier-language", "English")
        await k.press("ctrl+e")
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(app.bundle.exports) == 1
        export = app.bundle.exports[0]

    dossier = PdfReader(export.path)
    chapters = {entry.title: dossier.get_destination_page_number(entry)
                for entry in dossier.outline if not isinstance(entry, list)}
    page = dossier.pages[chapters["The venue"]]
    assert "The great hall by night" in page.extract_text()
    assert "Stora salen en konsertkvall" not in "".join(p.extract_text() for p in dossier.pages)
    assert [image.image.size for image in page.images] == [(320, 200)]


async def test_p_without_a_venue_says_what_to_do(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        k = Keys(pilot)
        await k.settle()
        await k.press("2")
        await k.press("p")
        assert isinstance(app.screen, VenuesScreen)
        assert any("Highlight a venue first" in t for t in told(app))


async def test_hostile_captions_show_as_typed_in_the_modal_and_print_as_typed(settings, small_bid, workspace,
                                                                              tmp_path):
    """The hostile corpora (tests/fixtures terminal.json and a sample of blns.json) as captions: each is stored
    or refused with the field and the reason, shows literally in the modal and is printed in the dossier."""
    from planner.dossier.fonts import carried
    from planner.dossier.render import render
    from planner.services import records
    from planner.services.attachments import attach_venue_photo, attached_files
    from planner.services.dossier import dossier_content
    from planner.services.errors import ValidationError
    from tests.dossier.test_naughty import found, squash
    from tests.tui.test_hostile_text import CORPUS
    from tests.tui.test_hostile_text import shown as literally

    venue = records.add(workspace, "venue", {"bid_id": small_bid, "name": "[b]Hall[/b]", "status": "option_held"})
    picture = photo(tmp_path / "p.png", (40, 30))
    refused = 0
    for text in CORPUS[:60]:
        try:
            attach_venue_photo(workspace, small_bid, venue.id, picture, caption=text)
        except ValidationError as exc:
            assert list(exc.errors) == ["caption"] and "\n" not in exc.errors["caption"]
            refused += 1
    kept = [f for f in attached_files(workspace, small_bid) if f.kind == "photo"]
    assert len(kept) + refused == 60 and len(kept) > 30
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        k = Keys(pilot)
        await k.settle()
        await k.press("2")
        modal = await open_photos(k)
        listed = modal.query_one("#attach-list", OptionList)
        assert shown(modal.query_one("#form-title")).startswith("Photos of [b]Hall[/b]")
        for index, file in enumerate(kept, start=1):
            prompt = listed.get_option_at_index(index).prompt
            assert literally(file.caption) in prompt.plain, (file.caption, prompt.plain)
            assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in prompt.plain)
        await k.tab_to(listed)
        await k.press("down")
        assert modal.query_one("#attach-caption", Input).value == kept[0].caption
        assert app.is_running  # no caption's click action did anything
    content, _partner, _warnings = dossier_content(workspace, small_bid, audience="committee", locale="en",
                                                   without_guarantee=True)
    text = squash("".join(p.extract_text() for p in PdfReader(io.BytesIO(render(content).pdf)).pages))
    missing = [f.caption for f in kept if not found(squash(carried(f.caption)), text)]
    assert not missing, missing[:5]
