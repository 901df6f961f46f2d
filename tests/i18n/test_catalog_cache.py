"""A start-up reads the compiled catalog kept beside the `.po` files; a changed `.po` file is compiled again,
and a kept catalog that is damaged or cannot be written changes nothing but the time it takes."""

from __future__ import annotations

import os
import shutil

import pytest

import planner.i18n as i18n


@pytest.fixture
def locales(tmp_path, monkeypatch):
    copy = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(i18n, "LOCALES_DIR", copy)
    return copy


def _fresh(lang: str):
    return i18n.catalog.__wrapped__(lang)  # past the in-process cache, as a new process reads it


def test_the_compiled_catalog_is_kept_and_follows_its_sources(locales):
    kept = locales / "sv" / "LC_MESSAGES" / "__pycache__"
    assert _fresh("sv").gettext("Bids") == "Kandidaturer"
    [first] = kept.glob("catalog-*.mo")
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    assert _fresh("sv").gettext("Bids") == "Kandidaturer"  # read from the kept file
    core = locales / "sv" / "LC_MESSAGES" / "core.po"
    text = core.read_text(encoding="utf-8")
    assert 'msgid "Bids"\nmsgstr "Kandidaturer"' in text
    core.write_text(text.replace('msgid "Bids"\nmsgstr "Kandidaturer"', 'msgid "Bids"\nmsgstr "Alla kandidaturer"'),
                    encoding="utf-8")
    os.utime(core, ns=(first.stat().st_mtime_ns, first.stat().st_mtime_ns + 10**9))
    assert _fresh("sv").gettext("Bids") == "Alla kandidaturer"
    assert [p.name for p in kept.glob("catalog-*.mo")] != [first.name]  # the old one replaced


def test_a_damaged_or_unwritable_kept_catalog_is_compiled_again(locales):
    folder = locales / "sv" / "LC_MESSAGES"
    _fresh("sv")
    [kept] = (folder / "__pycache__").glob("catalog-*.mo")
    kept.write_bytes(b"\x00" * 10)
    assert _fresh("sv").gettext("Bids") == "Kandidaturer"
    shutil.rmtree(folder / "__pycache__")
    (folder / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    assert _fresh("sv").gettext("Bids") == "Kandidaturer"
