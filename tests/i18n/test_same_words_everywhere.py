"""The words a reader meets: the demo's dossier and terminal screens in Swedish say what the one catalog and the
one label table say (read back from the PDF with pypdf and from the running app with Pilot)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from planner.config import Settings
from planner.domain.enums import LetterStatus, SessionKind
from planner.i18n import LOCALES_DIR, use_locale
from planner.i18n.labels import label
from planner.tui import make_app
from tests.i18n.test_one_catalog import _dossier_headings
from tests.tui.conftest import SIZE, TODAY, settle


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace

    folder = tmp_path_factory.mktemp("words")
    settings = Settings.load(db=str(folder / "planner.db"), env={"PLANNER_EXPORT_DIR": str(folder / "exports"),
                                                                  "PLANNER_DATA_DIR": str(folder / "data"),
                                                                  "PLANNER_USER": "tester"})
    ws = Workspace.open(settings)
    load_demo(ws)
    ws.close()
    return settings


@pytest.fixture(scope="module")
def dossiers(demo):
    """The demo's internal dossier (every section) in Swedish and English: {lang: PdfReader}."""
    from planner.services.dossier import export_dossier
    from planner.services.workspace import Workspace

    ws = Workspace.open(demo)
    try:
        return {lang: PdfReader(io.BytesIO(export_dossier(ws, audience="internal", locale=lang,
                                                          today=date(2011, 11, 1)).path.read_bytes()))
                for lang in ("sv", "en")}
    finally:
        ws.close()


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title))

    walk(reader.outline, 0)
    return found


def _flat(reader: PdfReader) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))


def test_the_swedish_dossiers_headings_are_the_dossiers_own_words(dossiers):
    with (LOCALES_DIR / "sv" / "LC_MESSAGES" / "dossier.po").open("rb") as fh:
        own = read_po(fh, locale="sv")
    literal = {msgid for msgid, context, _where in _dossier_headings() if context is None}
    english, swedish = _outline(dossiers["en"]), _outline(dossiers["sv"])
    assert [level for level, _title in english] == [level for level, _title in swedish]
    checked = 0
    for (_level, en_title), (_same, sv_title) in zip(english, swedish, strict=True):
        if en_title in literal:
            assert sv_title == own.get(en_title).string, en_title
            checked += 1
    assert checked >= 25
    titles = [title for _level, title in swedish]
    assert "Boende" in titles and "Logi" not in titles  # the hotels' heading, not the budget category
    assert any(title.startswith("Intäkt: ") for title in titles)  # a line kind in the budget lines' headings


async def test_letters_and_session_kinds_read_the_same_on_screen_and_in_the_dossier(demo, dossiers):
    app = make_app(demo.with_(locale="sv"), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        partners = app.screen.query_one("#partners-table")
        letters = {str(partners.get_row_at(row)[2]) for row in range(partners.row_count)}
        await pilot.press("4")
        await settle(pilot)
        await pilot.click("#programme-tabs Tab#--content-tab-tab-sessions")
        await settle(pilot)
        sessions = app.screen.query_one("#sessions-table")
        kinds = {str(sessions.get_row_at(row)[5]) for row in range(sessions.row_count)}
    with use_locale("sv"):
        assert letters <= {label(status) for status in LetterStatus}
        assert kinds <= {label(kind) for kind in SessionKind}
    assert {"Mottaget", "Begärt"} <= letters and {"Föredrag", "Huvudtalare"} <= kinds
    printed = _flat(dossiers["sv"])
    # breaks are not printed, and social events have a chapter of their own (the social programme) instead of a kind
    for word in sorted({"Mottaget", "Begärt"} | (kinds - {"Paus", "Socialt evenemang"})):
        assert re.sub(r"\s+", "", word) in printed, word
