"""Localisation: the gettext catalogs (Swedish, English) and the one place that knows the current locale.

Catalogs are plain `.po` files under `locales/<lang>/LC_MESSAGES/<area>.po`, one file per area of the
program (core, domain, tui, dossier, interchange ...) so that areas do not edit the same file. They are
read directly (no compiled `.mo` to go stale) and merged into one catalog per language on first use.

    from planner.i18n import _, ngettext, set_locale
    _("Bid deadline")            # translated into the current locale
    translate("sv", "Budget")    # into a given locale, for a dossier in another language

Messages marked with `N_` (in `planner.domain.enums`) are translated where they are shown, with `_()`.
"""

from __future__ import annotations

import gettext
import io
import locale as _pylocale
import os
import threading
from functools import cache
from pathlib import Path

SUPPORTED_LOCALES = ("sv", "en")
DEFAULT_LOCALE = "en"
LOCALES_DIR = Path(__file__).parent / "locales"

_state = threading.local()
_process_locale = DEFAULT_LOCALE


class MissingCatalogError(RuntimeError):
    """A supported language has no catalog: a packaging error, never silently English."""


def normalise_locale(value: str | None) -> str | None:
    """Map 'sv_SE.UTF-8', 'sv-SE', 'SV' to 'sv'; None for a language we do not support."""
    if not value:
        return None
    lang = value.replace("-", "_").split(".")[0].split("_")[0].lower()
    return lang if lang in SUPPORTED_LOCALES else None


def system_locale() -> str:
    """The operating system's language if we support it, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = normalise_locale(os.environ.get(var))
        if found:
            return found
    try:
        found = normalise_locale(_pylocale.getlocale()[0])
    except ValueError:
        found = None
    return found or DEFAULT_LOCALE


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The merged translations for a language, read from its `.po` files."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    files = sorted(folder.glob("*.po"))
    if not files:
        raise MissingCatalogError(f"no translation catalog for language {lang!r} in {folder}")
    merged: gettext.GNUTranslations | None = None
    for path in files:
        with path.open("rb") as fh:
            po = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, po, use_fuzzy=False)
        buf.seek(0)
        part = gettext.GNUTranslations(buf)
        if merged is None:
            merged = part
        else:
            merged._catalog.update(part._catalog)  # noqa: SLF001 - merging catalogs of one language
    assert merged is not None
    return merged


def set_locale(lang: str) -> str:
    """Switch the process (and this thread) to a language; returns the normalised code."""
    global _process_locale
    code = normalise_locale(lang)
    if code is None:
        raise ValueError(lang)
    catalog(code)  # fail now, loudly, if the catalog is missing
    _process_locale = code
    _state.locale = code
    return code


def get_locale() -> str:
    return getattr(_state, "locale", None) or _process_locale


def translate(lang: str, message: str) -> str:
    return catalog(normalise_locale(lang) or DEFAULT_LOCALE).gettext(message)


def _(message: str) -> str:
    """Translate a message into the current locale."""
    return catalog(get_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(get_locale()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark for extraction; translate later with `_()`."""
    return message


class use_locale:
    """Context manager: translate in another language for a while (a dossier in Swedish from an English UI)."""

    def __init__(self, lang: str) -> None:
        self.lang = normalise_locale(lang) or DEFAULT_LOCALE
        self.previous: str | None = None

    def __enter__(self) -> str:
        self.previous = getattr(_state, "locale", None)
        _state.locale = self.lang
        return self.lang

    def __exit__(self, *exc: object) -> None:
        _state.locale = self.previous
