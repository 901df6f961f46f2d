"""Attaching files in the terminal UI: a partner's letter of support (PDF) on the Partners screen and the bid's
logo (PNG) on the Dossier screen, through a path field with completion or the folder browser; name, size and
pages shown; replaced, opened and removed."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from textual.widgets import DirectoryTree, Input, Static

from planner.tui import make_app
from planner.tui.screens.partners import PartnersScreen
from planner.tui.widgets.attach import AttachScreen, complete_path
from planner.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, screen_text


async def settle(pilot) -> None:
    """Wait until no worker runs but the folder browser's loader, which waits for folders to open while shown."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        busy = [w for w in app.workers if w.is_running and w.group != "_loader"]
        if busy:
            await app.workers.wait_for_complete(busy)
            continue
        await pilot.pause()
        if not [w for w in app.workers if w.is_running and w.group != "_loader"]:
            return


def make_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for n in range(pages):
        pdf.drawString(72, 720, f"Letter of support, page {n + 1}")
        pdf.showPage()
    pdf.save()
    path.write_bytes(buffer.getvalue())
    return path


def make_png(path: Path, width: int = 4, height: int = 3) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


async def type_path(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "/": "slash", ".": "full_stop", "-": "minus", "_": "underscore"}.get(ch, ch)
                        for ch in text])


def letters(workspace, bid_id: int):
    from planner.services.attachments import attached_files

    return {f.partner_id: f for f in attached_files(workspace, bid_id) if f.kind == "letter"}


def test_a_path_completes_from_its_folder(tmp_path):
    (tmp_path / "letters").mkdir()
    make_pdf(tmp_path / "letters" / "movexum.pdf", 1)
    (tmp_path / ".hidden").write_text("x")
    assert complete_path(f"{tmp_path}/le") == f"{tmp_path}/letters/"
    assert complete_path(f"{tmp_path}/letters/m") == f"{tmp_path}/letters/movexum.pdf"
    assert complete_path(f"{tmp_path}/") == f"{tmp_path}/letters/"  # hidden files only when asked for
    assert complete_path(f"{tmp_path}/.h") == f"{tmp_path}/.hidden"
    assert complete_path(f"{tmp_path}/nothing") is None


async def test_a_letter_attached_replaced_and_removed_on_the_partners_screen(settings, small_bid, workspace,
                                                                               tmp_path, monkeypatch):
    from planner.services import records

    partner = records.add(workspace, "partner", {"bid_id": small_bid, "name": "Sandvikens kommun"})
    folder = tmp_path / "post"
    folder.mkdir()
    make_pdf(folder / "stod-kommunen.pdf", 2)
    make_pdf(folder / "stod-kommunen-v2.pdf", 3)
    (folder / "not-a-letter.txt").write_text("Dear committee")
    monkeypatch.chdir(folder)  # the browser starts where the program was started
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no xdg-open or open here
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, PartnersScreen)
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, AttachScreen)
        assert "Nothing is attached yet" in str(modal.query_one("#attach-current", Static).render())
        # a text file is not a letter: refused under the field, nothing stored, the modal stays
        await type_path(pilot, f"{folder}/not")
        await pilot.press("right")  # accepts the completion
        assert modal.query_one("#attach-path", Input).value == f"{folder}/not-a-letter.txt"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is modal
        assert "not of a type this takes (PDF, PNG, JPEG)" in str(modal.query_one("#attach-error", Static).render())
        assert letters(workspace, small_bid) == {}
        # the folder browser: down to the first file, enter chooses it
        modal.query_one("#attach-path", Input).value = ""
        await pilot.press("ctrl+t")
        tree = modal.query_one(DirectoryTree)
        assert app.focused is tree
        await settle(pilot)
        names = [node.data.path.name for node in tree.root.children]
        await pilot.press(*["down"] * (names.index("stod-kommunen.pdf") + 1), "enter")
        await pilot.pause()
        assert modal.query_one("#attach-path", Input).value == str(folder / "stod-kommunen.pdf")
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = letters(workspace, small_bid)[partner.id]
        assert (stored.filename, stored.pages, stored.media_type) == ("stod-kommunen.pdf", 2, "application/pdf")
        # the modal stays open and shows what is attached now; ctrl+s now replaces it, Escape closes
        assert app.screen is modal
        current = str(modal.query_one("#attach-current", Static).render())
        assert "stod-kommunen.pdf" in current and "2 pages" in current and "kB" in current
        assert modal.query_one("#attach-path", Input).value == ""
        assert str(modal.query_one("#attach-go").render()) == "Replace"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AttachScreen)
        text = screen_text(app)
        assert "stod-kommunen.pdf" in text and "2 pages" in text
        # replace it: the modal shows what is attached now
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        current = str(modal.query_one("#attach-current", Static).render())
        assert "stod-kommunen.pdf" in current and "2 pages" in current and "kB" in current
        await type_path(pilot, "stod-kommunen-v2.pdf")
        await pilot.press("enter")
        await settle(pilot)
        stored = letters(workspace, small_bid)[partner.id]
        assert (stored.filename, stored.pages) == ("stod-kommunen-v2.pdf", 3)
        assert "3 pages" in str(modal.query_one("#attach-current", Static).render())
        assert "3 pages" in screen_text(app)  # the Partners screen behind it, reloaded
        # open: no viewer on this PATH, so it says so and where the copy is
        assert app.screen is modal
        await pilot.click("#attach-open")
        await settle(pilot)
        said = str(modal.query_one("#attach-error", Static).render())
        assert "No program to open files with was found" in said and "stod-kommunen-v2" in said
        # remove, after asking
        await pilot.click("#attach-remove")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert letters(workspace, small_bid) == {}
        assert app.screen is modal
        assert "Nothing is attached yet" in str(modal.query_one("#attach-current", Static).render())
        assert not modal.query_one("#attach-remove").display and not modal.query_one("#attach-open").display
        await pilot.press("escape")
        await settle(pilot)
        assert "stod-kommunen" not in screen_text(app)


async def test_the_logo_is_attached_on_the_dossier_screen(settings, small_bid, workspace, tmp_path):
    from planner.services.attachments import stored_files

    logo = make_png(tmp_path / "logo.png", 8, 8)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert "No logo attached" in str(app.screen.query_one("#dossier-logo", Static).render())
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AttachScreen)
        await type_path(pilot, str(logo))
        await pilot.press("enter")
        await settle(pilot)
        kept = stored_files(workspace, small_bid).logo
        assert kept is not None and kept.data == logo.read_bytes() and kept.media_type == "image/png"
        assert "logo.png" in str(app.screen.query_one("#attach-current", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        shown = str(app.screen.query_one("#dossier-logo", Static).render())
        assert "logo.png" in shown and "B" in shown


async def test_a_hostile_file_name_shows_as_typed(settings, small_bid, workspace, tmp_path):
    from planner.services import records
    from planner.services.attachments import attach_partner_letter

    partner = records.add(workspace, "partner", {"bid_id": small_bid, "name": "[b]Kommun[/b]"})
    name = "[red]brev\x1b[2J[@click=app.quit].pdf"  # a file name holds anything but / and NUL
    attach_partner_letter(workspace, small_bid, partner.id, make_pdf(tmp_path / name, 1))
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        panel = app.screen.query_one("#letters", Static).render()
        assert "[red]brev␛[2J[@click=app.quit].pdf" in panel.plain and "\x1b" not in panel.plain
        assert "[b]Kommun[/b]" in panel.plain
        await pilot.press("l")
        await pilot.pause()
        current = app.screen.query_one("#attach-current", Static).render()
        assert "[red]brev␛[2J" in current.plain and "\x1b" not in current.plain
        assert str(app.screen.query_one("#form-title").render()).startswith("Letter of support from [b]Kommun[/b]")
        assert app.is_running  # the name's click action did nothing


async def test_a_letter_scanned_as_a_jpeg_is_attached_on_the_partners_screen(settings, small_bid, workspace, tmp_path):
    from PIL import Image

    from planner.services import records

    partner = records.add(workspace, "partner", {"bid_id": small_bid, "name": "Gävle kommun"})
    scan = tmp_path / "brev.jpg"
    Image.new("RGB", (620, 877), (30, 160, 60)).save(scan, "JPEG")
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, AttachScreen)
        assert "PDF, PNG, JPEG" in str(modal.query_one(".field-label").render())
        await type_path(pilot, str(scan))
        await pilot.press("enter")
        await settle(pilot)
        stored = letters(workspace, small_bid)[partner.id]
        assert (stored.filename, stored.media_type, stored.pixels, stored.pages) == (
            "brev.jpg", "image/jpeg", (620, 877), None)
        assert "brev.jpg" in screen_text(app) and "620 × 877 px" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert "620 × 877 px" in str(app.screen.query_one("#attach-current", Static).render())
