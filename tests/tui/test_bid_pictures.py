"""The bid's own pictures in the terminal UI, keys only: from an empty database a bid, then on the Bid screen's
Pictures tab `h` attaches the cover's hero image with its caption in both languages, the tab lists it, a second
hero image takes its place, `s` attaches the signature and removes it again, `f` attaches a photo of the bid;
the committee dossier exported from the Dossier screen carries the hero image on its cover with its caption."""

from __future__ import annotations

from PIL import Image
from pypdf import PdfReader
from textual.widgets import Input, OptionList, Static

from planner.tui import make_app
from planner.tui.screens.bid import BidScreen
from planner.tui.widgets.attach import AttachScreen
from planner.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, told
from tests.tui.test_journey import Keys, new_bid


def picture(path, size: tuple[int, int], colour=(200, 30, 30), fmt: str = "PNG"):
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def shown(widget) -> str:
    return str(widget.render())


def pictures_in(settings, kind: str, bid_id: int = 1):
    from planner.services.attachments import attached_files
    from planner.services.workspace import Workspace

    ws = Workspace.open(settings)
    try:
        return [f for f in attached_files(ws, bid_id) if f.kind == kind]
    finally:
        ws.close()


async def open_slot(k: Keys, key: str) -> AttachScreen:
    await k.press(key)
    modal = k.app.screen
    assert isinstance(modal, AttachScreen), (key, type(modal))
    return modal


def tab_text(app) -> str:
    """What the Pictures tab lists, as plain text at the terminal's width."""
    import io

    from rich.console import Console

    widget = app.screen.query_one("#bid-pictures", Static)
    console = Console(width=SIZE[0], file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def test_the_hero_image_from_an_empty_bid_to_the_cover_of_the_dossier(settings, tmp_path):
    settings = settings.with_(export_dir=tmp_path / "exports")
    dusk = picture(tmp_path / "gavle-at-dusk.jpg", (1400, 620), (200, 120, 40), "JPEG")
    night = picture(tmp_path / "gavle-by-night.png", (700, 310), (20, 30, 90))
    signed = picture(tmp_path / "signature.png", (600, 200), (250, 250, 250))
    hall = picture(tmp_path / "hall.png", (300, 200), (30, 160, 60))
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        k = Keys(pilot)
        await k.settle()
        await new_bid(k)
        await k.press("0")
        assert isinstance(app.screen, BidScreen)
        await k.press("h")
        assert not isinstance(app.screen, AttachScreen)  # the pictures are the Pictures tab's keys
        for _tab in range(3):
            await k.press("right_square_bracket")
        assert app.screen.on_tab() == "tab-pictures"
        assert "none attached; h attaches one" in tab_text(app)

        # h: the hero image, none yet; the path, then the caption in both languages; ctrl+s attaches
        modal = await open_slot(k, "h")
        assert "hero image" in shown(modal.query_one("#form-title"))
        assert "Nothing is attached yet" in shown(modal.query_one("#attach-current", Static))
        await k.type(str(dusk))
        await k.tab_to(modal.query_one("#attach-caption", Input))
        await k.type("Gavlean i skymningen")
        await k.tab_to(modal.query_one("#attach-caption-translation", Input))
        await k.type("The Gavle river at dusk")
        await k.press("ctrl+s")
        assert app.screen is modal  # it stays open until Escape
        await k.press("escape")
        assert not isinstance(app.screen, AttachScreen)
        [hero] = pictures_in(settings, "hero")
        assert (hero.filename, hero.pixels, hero.caption) == ("gavle-at-dusk.jpg", (1400, 620), "Gavlean i skymningen")
        assert hero.translations == {"caption": {"en": "The Gavle river at dusk"}}
        await k.settle()
        assert app.screen.on_tab() == "tab-pictures"  # back where the person was
        listed = tab_text(app)
        assert "gavle-at-dusk.jpg" in listed
        assert "Gavlean i skymningen / The Gavle river at dusk" in listed

        # h again: it lists the one attached; attaching another puts it in its place, the caption kept by replace
        modal = await open_slot(k, "h")
        options = modal.query_one("#attach-list", OptionList)
        assert options.option_count == 2
        assert "in place of this one" in str(options.get_option_at_index(0).prompt)
        await k.tab_to(options)
        await k.press("down")
        assert shown(modal.query_one("#attach-go")) == "Replace"
        assert modal.query_one("#attach-caption", Input).value == "Gavlean i skymningen"
        await k.tab_to(modal.query_one("#attach-path", Input))
        await k.type(str(night))
        await k.press("enter")
        [hero] = pictures_in(settings, "hero")
        assert (hero.filename, hero.pixels, hero.caption) == ("gavle-by-night.png", (700, 310), "Gavlean i skymningen")
        await k.press("escape")

        # s: the signature (no caption: the name prints under it), attached and removed after asking
        modal = await open_slot(k, "s")
        assert not modal.query("#attach-caption")
        await k.type(str(signed))
        await k.press("ctrl+s")
        assert [f.filename for f in pictures_in(settings, "signature")] == ["signature.png"]
        await k.press("escape")
        modal = await open_slot(k, "s")
        await k.tab_to(modal.query_one("#attach-list", OptionList))
        await k.press("down")
        await pilot.click("#attach-remove")
        await k.settle()
        assert isinstance(app.screen, ConfirmScreen)
        await k.press("y")
        assert pictures_in(settings, "signature") == []
        await k.press("escape")

        # f: a photo of the bid, with its caption; a refused file says why in the modal
        modal = await open_slot(k, "f")
        assert "＋ Attach one more" in str(modal.query_one("#attach-list", OptionList).get_option_at_index(0).prompt)
        await k.type(str(tmp_path / "not-there.png"))
        await k.press("enter")
        assert app.screen is modal and "not-there.png" in shown(modal.query_one("#attach-error", Static))
        await k.press("ctrl+u")
        await k.type(str(hall))
        await k.tab_to(modal.query_one("#attach-caption", Input))
        await k.type("Stora salen")
        await k.press("ctrl+s")
        [photo] = pictures_in(settings, "photo")
        assert (photo.filename, photo.venue_id, photo.caption) == ("hall.png", None, "Stora salen")
        assert not any("Traceback" in t for t in told(app))
        await k.press("escape")

        # the committee dossier, in English, from the Dossier screen: the hero image is on the cover
        await k.press("7")
        await k.pick("#dossier-language", "English")
        await k.press("ctrl+e")
        assert len(app.bundle.exports) == 1, told(app)
        export = app.bundle.exports[0]

    dossier = PdfReader(export.path)
    cover = dossier.pages[0]
    assert [image.image.size for image in cover.images] == [(700, 310)]
    assert "The Gavle river at dusk" in cover.extract_text()
    assert "Gavlean i skymningen" not in "".join(p.extract_text() for p in dossier.pages)
