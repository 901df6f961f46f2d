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
from tests.tui.conftest import SIZE, TODAY, screen_text, settle_but_loader, told


async def settle(pilot) -> None:
    await settle_but_loader(pilot)


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


async def test_the_photos_dialog_stays_open_for_two_attachments_a_caption_and_a_stale_caption(
        settings, small_bid, workspace, tmp_path):
    """One opening of a venue's photos: two files attached one after the other, one captioned, each step shown
    in the list (the cursor on the file just changed) and in the database; a caption saved on a version someone
    has changed since is refused naming them, and the list read again shows their caption literally (ESC and
    markup from tests/fixtures/terminal.json), what was typed kept in the field."""
    import sqlite3

    from textual.widgets import OptionList

    from planner.services import attachments, records
    from planner.services import workspace as wsvc
    from planner.store.db import open_database
    from tests.tui.test_hostile_text import shown as literally
    from tests.tui.test_journey import Keys

    venue = records.add(workspace, "venue", {"bid_id": small_bid, "name": "Konserthuset", "status": "option_held"})
    hall, foyer = make_png(tmp_path / "salen.png", 6, 4), make_png(tmp_path / "foajen.png", 5, 5)

    def stored():
        return [(p.filename, p.caption, p.version) for p in attachments.venue_photos(workspace, small_bid, venue.id)]

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        k = Keys(pilot)
        await k.settle()
        await k.press("2")
        await k.press("p")
        modal = app.screen
        assert isinstance(modal, AttachScreen)
        listed = modal.query_one("#attach-list", OptionList)
        path = modal.query_one("#attach-path", Input)

        def rows() -> list[str]:
            return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]

        def footer() -> dict[str, str]:
            return {key: active.binding.description for key, active in modal.active_bindings.items()
                    if key in ("ctrl+s", "escape")}

        assert footer() == {"ctrl+s": "Attach", "escape": "Close"}
        # the first file: attached and listed, the path field empty and the cursor on "one more" for the next
        await k.type(str(hall))
        await k.press("ctrl+s")
        assert app.screen is modal
        assert stored() == [("salen.png", "", 1)]
        assert rows()[0] == "＋ Attach one more" and len(rows()) == 2 and "salen.png" in rows()[1]
        assert listed.highlighted == 0 and path.value == ""
        assert any("salen.png" in toast for toast in told(app))  # "Attached salen.png."
        assert footer() == {"ctrl+s": "Attach", "escape": "Close"}  # a second ctrl+s adds, never replaces
        # the second, without reopening and without moving: the path, ctrl+s
        await k.type(str(foyer))
        await k.press("ctrl+s")
        assert app.screen is modal
        assert stored() == [("salen.png", "", 1), ("foajen.png", "", 1)]
        assert len(rows()) == 3 and "salen.png" in rows()[1] and "foajen.png" in rows()[2]
        assert listed.highlighted == 0
        # the cursor to the second file: ctrl+s would now replace it
        await k.tab_to(listed)
        await k.press("end")
        assert listed.highlighted == 2 and footer()["ctrl+s"] == "Replace"
        # caption the second (the one under the cursor): saved at the version shown, one step on
        await k.tab_to(modal.query_one("#attach-caption", Input))
        await k.type("Foajen i kvall")
        await k.press("enter")
        assert app.screen is modal
        assert stored() == [("salen.png", "", 1), ("foajen.png", "Foajen i kvall", 2)]
        assert "Foajen i kvall" in rows()[2] and listed.highlighted == 2
        assert modal.query_one("#attach-caption", Input).value == "Foajen i kvall"

        # bertil captions the first meanwhile; a database made before control characters were refused
        # (or a crafted one) holds his text with ESC and markup
        first = attachments.venue_photos(workspace, small_bid, venue.id)[0]
        bertil_db = open_database(workspace.db.engine.url.render_as_string(hide_password=False))
        attachments.set_caption(wsvc.Workspace(db=bertil_db, user="bertil"), small_bid, first.id, "Bertil",
                                expected_version=1)
        bertil_db.dispose()
        hostile = "[bold red]Styled[/] Gen\x1b[2J\x1b[HClear"
        con = sqlite3.connect(workspace.db.engine.url.database)
        con.execute("UPDATE attachment SET caption = ? WHERE id = ?", (hostile, first.id))
        con.commit()
        con.close()
        await k.tab_to(listed)
        await k.press("up")  # the first file, as the list read it: version 1, no caption
        assert listed.highlighted == 1 and modal.attached.version == 1
        await k.tab_to(modal.query_one("#attach-caption", Input))
        await k.type("Stora salen")
        await k.press("enter")
        assert app.screen is modal
        said = str(modal.query_one("#attach-error", Static).render())
        assert "bertil" in said and "not saved" in said and "still in the fields" in said
        assert [(name, caption) for name, caption, _v in stored()] == [("salen.png", hostile),
                                                                       ("foajen.png", "Foajen i kvall")]
        # the list read again shows his caption as typed, no control character drawn, nothing styled
        prompt = listed.get_option_at_index(1).prompt
        assert literally(hostile) in prompt.plain and "\x1b" not in prompt.plain and not prompt.spans
        assert "[bold red]Styled[/]" in prompt.plain
        assert modal.query_one("#attach-caption", Input).value == "Stora salen"  # what was typed
        assert modal.attached.version == 2  # the next save is made against his version
        await k.press("enter")
        assert stored()[0][1:] == ("Stora salen", 3)
        assert "Stora salen" in rows()[1] and str(modal.query_one("#attach-error", Static).render()) == ""
        await k.press("escape")
        assert not isinstance(app.screen, AttachScreen)
