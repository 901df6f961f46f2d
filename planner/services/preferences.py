"""What the terminal UI remembers between runs for this user: language, theme and the last bid per database.

They live in settings.toml in the user's config folder (`Settings.config_dir`), never in the shared
database. The file is written whole and private (0600, through `write_private`); a file planner cannot read
is reported once and never overwritten, so a hand-edited file is not lost. A database is named by its address
with any password taken out (`database_address`), so no password reaches the file.
"""

from __future__ import annotations

import threading
from typing import Any

import tomli_w

from planner.config import PREFERENCES_FILE, THEMES, Settings, read_preferences
from planner.i18n import normalise_locale
from planner.services.files import private_folder, write_private

MAX_DATABASES = 50  # the last bid of this many databases is kept; the oldest entries go first
_WRITING = threading.Lock()  # one read-change-write at a time: choices made together are all kept


def database_address(url: str) -> str:
    """The key a database is remembered under: its address without a password. A plain path or URL (no user
    part, no query) has none to hide, and is taken as it is without loading the database machinery, so that
    the terminal UI's first screen does not wait for it."""
    if "@" not in url and "?" not in url:
        return url
    from planner.services.workspace import database_address as redacted

    return redacted(url)


def problem(settings: Settings) -> str | None:
    """Why the remembered settings cannot be used, if they cannot (shown once by the terminal UI)."""
    return read_preferences(settings.config_dir)[1]


def last_bid(settings: Settings) -> int | None:
    """The bid last opened on this database, as remembered."""
    data, _problem = read_preferences(settings.config_dir)
    bids = data.get("last_bid", {})
    value = bids.get(database_address(settings.db_url)) if isinstance(bids, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def remember(settings: Settings, *, locale: str | None = None, theme: str | None = None,
             bid_id: int | None = None) -> bool:
    """Remember what was chosen; False when nothing could be written (no folder, or a file not ours to
    replace). Unknown values are not written."""
    if settings.config_dir is None:
        return False
    with _WRITING:
        return _remember(settings, locale, theme, bid_id)


def _remember(settings: Settings, locale: str | None, theme: str | None, bid_id: int | None) -> bool:
    data, trouble = read_preferences(settings.config_dir)
    if trouble is not None:
        return False
    # only what planner understands is written back: a value edited into junk is dropped, not kept
    kept = data.get("ui") if isinstance(data.get("ui"), dict) else {}
    ui: dict[str, Any] = {}
    if isinstance(kept.get("locale"), str) and normalise_locale(kept["locale"]):
        ui["locale"] = normalise_locale(kept["locale"])
    if kept.get("theme") in THEMES:
        ui["theme"] = kept["theme"]
    if locale is not None and normalise_locale(locale):
        ui["locale"] = normalise_locale(locale)
    if theme in THEMES:
        ui["theme"] = theme
    known = data.get("last_bid") if isinstance(data.get("last_bid"), dict) else {}
    bids: dict[str, int] = {key: value for key, value in known.items()
                            if isinstance(value, int) and not isinstance(value, bool) and value > 0}
    if bid_id is not None:
        key = database_address(settings.db_url)
        bids.pop(key, None)
        bids[key] = int(bid_id)  # the newest last, so the oldest go first when there are too many
        while len(bids) > MAX_DATABASES:
            bids.pop(next(iter(bids)))
    out = {"ui": ui, "last_bid": bids}
    if out == data:
        return True
    private_folder(settings.config_dir)
    write_private(settings.config_dir / PREFERENCES_FILE, tomli_w.dumps(out).encode("utf-8"), overwrite=True)
    return True
