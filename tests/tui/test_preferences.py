"""Language, theme and the last bid are remembered between runs, in the user's own settings.toml."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import date

from planner.config import Settings
from planner.i18n import get_locale
from planner.services import preferences
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, settle, told


def two_bids(settings: Settings) -> tuple[int, int]:
    from planner.services.workspace import Workspace, create_bid

    ws = Workspace.open(settings)
    try:
        ids = [create_bid(ws, conference=name, host_city=city, bid_deadline=date(2011, 12, 1),
                          event_start=date(2012, 9, 6), event_end=date(2012, 9, 7), attendance_expected=200,
                          base_currency="SEK").id
               for name, city in (("Nordic Makers", "Sandviken"), ("Generator [2012]", "Gävle"))]
    finally:
        ws.close()
    return ids[0], ids[1]


async def test_language_theme_and_the_open_bid_are_there_at_the_next_start(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_LOCALE")  # no variable decides: what was chosen last time does
    settings = Settings.load(db=tmp_path / "p.db", locale="en")
    first, second = two_bids(settings)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.bid_id == second  # the newest, as before anything was remembered
        await pilot.press("ctrl+o")
        await settle(pilot)
        bids = app.screen.query_one("#bids")
        bids.focus()
        bids.move_cursor(row=next(i for i in range(bids.row_count) if bids.get_row_at(i)[1].plain
                                  .startswith("Nordic Makers")))
        await pilot.press("enter")
        await settle(pilot)
        assert app.bid_id == first
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("ctrl+l")  # Svenska / English, as the footer says
        await settle(pilot)
        await pilot.press("ctrl+t")  # Dark / light
        await settle(pilot)
        assert get_locale() == "sv" and app.theme == "planner-light"
    path = tmp_path / "config" / "settings.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["ui"] == {"locale": "sv", "theme": "planner-light"}
    assert saved["last_bid"] == {f"sqlite:///{tmp_path / 'p.db'}": first}

    again = Settings.load(db=tmp_path / "p.db")
    assert again.locale == "sv" and again.theme == "planner-light"
    app = make_app(again, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.bid_id == first and app.theme == "planner-light"
        assert app.screen.title == "Översikt"


async def test_a_settings_file_planner_cannot_read_is_said_once_and_kept_as_it_is(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_LOCALE")
    folder = tmp_path / "config"
    folder.mkdir()
    path = folder / "settings.toml"
    broken = b'[ui]\nlocale = "sv\n\x1b[31m theme = planner-light'
    path.write_bytes(broken)
    settings = Settings.load(db=tmp_path / "p.db", locale="en")
    two_bids(settings)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        toasts = told(app)
        assert any("is not a settings file planner can read" in t and "Remove it" in t for t in toasts), toasts
        assert not any("\x1b" in t for t in toasts)
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
    assert path.read_bytes() == broken  # never overwritten


def test_remembered_values_are_checked_and_no_password_is_written(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "settings.toml").write_text('[ui]\nlocale = "\\u001b]0;pwned\\u0007"\ntheme = "hacker"\n'
                                          '[last_bid]\n"sqlite:///x.db" = "1; DROP"\n', encoding="utf-8")
    env = {"PLANNER_CONFIG_DIR": str(folder), "PLANNER_DATA_DIR": str(tmp_path / "data")}
    settings = Settings.load(db="postgresql://coordinator:s3cret-pass@db.example:5432/bids", env=env)
    assert settings.locale in ("sv", "en") and settings.theme == "planner-dark"
    assert preferences.last_bid(settings) is None
    assert preferences.remember(settings, bid_id=7, locale="xx", theme="hacker")
    text = (folder / "settings.toml").read_text(encoding="utf-8")
    assert "s3cret-pass" not in text and "coordinator" in text
    assert preferences.last_bid(settings) == 7
    saved = tomllib.loads(text)
    assert saved["ui"] == {}  # "xx" and "hacker" are no language and no theme: not written
    # the file stays small: the last bid of at most MAX_DATABASES databases
    for n in range(preferences.MAX_DATABASES + 5):
        preferences.remember(settings.with_(db_url=f"sqlite:///{tmp_path}/db{n}.db"), bid_id=n + 1)
    bids = tomllib.loads((folder / "settings.toml").read_text(encoding="utf-8"))["last_bid"]
    assert len(bids) == preferences.MAX_DATABASES and f"sqlite:///{tmp_path}/db0.db" not in bids
    assert os.stat(folder / "settings.toml").st_mode & 0o077 == 0
