"""One catalog: each (context, message id) has one Swedish translation across the area files, a word with two
meanings has a context per meaning, and the dossier's headings read as the dossier's own catalog says."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

import planner
from planner.i18n import LOCALES_DIR, PN_, _, catalog, pgettext, translate, use_locale
from planner.i18n import sync as sync_module
from planner.i18n.sync import area_catalogs, conflicts, extract

# English words the program uses in two meanings that Swedish says with two words: the contexts each has
# (None: the plain message id). A new meaning gets its own context here and in the code.
TWO_MEANINGS = {
    "Accommodation": {None, "budget category"},  # the hotels (Boende) / the budget category (Logi)
    "Income": {None, "budget line kind"},  # total income (Intäkter) / the kind of one budget line (Intäkt)
    "Rooms": {None, "venue rooms"},  # hotel rooms (Rum) / a venue's rooms (Salar)
}
DOSSIER = Path(planner.__file__).parent / "dossier"


def test_no_message_has_two_translations():
    problems = conflicts()
    assert problems == [], "\n".join(problems)


def test_the_conflict_check_finds_two_translations_and_tells_contexts_apart():
    core, tui = Catalog(locale="sv"), Catalog(locale="sv")
    core.add("Accommodation", "Logi")
    tui.add("Accommodation", "Boende")
    core.add("Rooms", "Rum")
    tui.add("Rooms", "Salar", context="venue rooms")
    tui.add("Draft", "")  # not translated yet: not a second translation
    core.add("Draft", "Utkast")
    problems = conflicts({"core": core, "tui": tui})
    assert len(problems) == 1
    assert "'Accommodation'" in problems[0] and "core.po: 'Logi'" in problems[0] and "tui.po: 'Boende'" in problems[0]


@pytest.mark.parametrize("msgid", sorted(TWO_MEANINGS))
def test_a_word_with_two_meanings_has_a_context_for_each(msgid):
    used = {context for messages in extract().values() for (context, message) in messages if message == msgid}
    assert used == TWO_MEANINGS[msgid], f"{msgid!r} is used with the contexts {used}"
    with use_locale("sv"):
        swedish = {pgettext(context, msgid) if context else _(msgid) for context in used}
    assert len(swedish) == len(used), f"each meaning of {msgid!r} needs its own Swedish word: {swedish}"


def test_a_context_selects_the_translation():
    assert translate("sv", "Accommodation") == "Boende"
    assert translate("sv", PN_("budget category", "Accommodation")) == "Logi"
    assert translate("en", PN_("budget category", "Accommodation")) == "Accommodation"
    assert translate("sv", "Rooms") == "Rum"
    with use_locale("sv"):
        assert pgettext("venue rooms", "Rooms") == "Salar"
        assert _(PN_("budget line kind", "Income")) == "Intäkt"
        assert _("Income") == "Intäkter"
    assert catalog("sv").pgettext("budget category", "Accommodation") == "Logi"


def _dossier_headings() -> list[tuple[str, str | None, str]]:
    """(message id, context, where) for every literal heading the dossier writes (`story.heading(...)`)."""
    found = []
    for path in sorted(DOSSIER.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "heading" and node.args:
                for inner in ast.walk(node.args[0]):
                    if not isinstance(inner, ast.Call) or not isinstance(inner.func, ast.Name):
                        continue
                    args = [a.value for a in inner.args if isinstance(a, ast.Constant)]
                    if inner.func.id == "_" and len(args) == 1:
                        found.append((args[0], None, f"{path.name}:{inner.lineno}"))
                    elif inner.func.id == "pgettext" and len(args) == 2:
                        found.append((args[1], args[0], f"{path.name}:{inner.lineno}"))
    return found


def test_the_dossier_headings_are_found():
    headings = {msgid for msgid, _context, _where in _dossier_headings()}
    assert {"Accommodation", "Budget", "Timeline", "The venue", "Economic impact"} <= headings
    assert len(headings) >= 30


def test_every_dossier_heading_reads_as_the_dossiers_own_catalog_says():
    with (LOCALES_DIR / "sv" / "LC_MESSAGES" / "dossier.po").open("rb") as fh:
        own = read_po(fh, locale="sv")
    wrong = []
    for msgid, context, where in _dossier_headings():
        entry = own.get(msgid, context)
        assert entry is not None and entry.string, f"{msgid!r} ({where}) is not in the dossier's catalog"
        shown = translate("sv", PN_(context, msgid) if context else msgid)
        if shown != entry.string:
            wrong.append(f"{where}: {msgid!r} prints {shown!r}, the dossier's catalog says {entry.string!r}")
    assert wrong == []


def test_sync_gives_a_new_message_the_translation_other_areas_agree_on(tmp_path, monkeypatch):
    """An area that starts using a message another area has translated gets the same Swedish, not a blank."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    tui_po = locales / "sv" / "LC_MESSAGES" / "tui.po"
    with tui_po.open("rb") as fh:
        po = read_po(fh, locale="sv")
    po.delete("Accommodation")  # as if the terminal UI had only now begun to use the word
    with tui_po.open("wb") as fh:
        write_po(fh, po, width=110, sort_output=True, include_lineno=False)
    monkeypatch.setattr(sync_module, "LOCALES_DIR", locales)

    assert sync_module.sync(check=False, only_area="tui") == []
    refreshed = area_catalogs("sv")["tui"]
    assert refreshed.get("Accommodation").string == "Boende"
    assert refreshed.creation_date == po.creation_date  # the header is left alone: no churn between branches
