"""Localisation: the gettext catalogs (Swedish, English) and the one place that knows the current locale.

Catalogs are plain `.po` files under `locales/<lang>/LC_MESSAGES/<area>.po`, one file per area of the
program (core, domain, tui, dossier, interchange ...) so that areas do not edit the same file. They are
read directly (no compiled `.mo` to go stale) and merged into one catalog per language on first use.

    from planner.i18n import _, ngettext, set_locale
    _("Bid deadline")            # translated into the current locale
    translate("sv", "Budget")    # into a given locale, for a dossier in another language

Messages marked with `N_` (in `planner.domain.enums`) are translated where they are shown, with `_()`.

Where one English word needs two Swedish words, a gettext context tells them apart (as pretix does):

    pgettext("budget category", "Accommodation")     # "Logi"; plain _("Accommodation") is "Boende"
    PN_("budget category", "Accommodation")          # marked now, translated later by `_()`

Each (context, message id) has one translation across all the area files; `tests/i18n` fails otherwise.
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


def _catalog_key(files: list[Path]) -> str:
    """What the compiled catalog is made from: every area file's name, size and modification time."""
    import hashlib

    digest = hashlib.sha256()
    for path in files:
        info = path.stat()
        digest.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _compiled(lang: str, files: list[Path]) -> bytes:
    """The area `.po` files merged and compiled (babel reads them: about 0.2 s)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged = Catalog(locale=lang, charset="utf-8")
    for path in files:
        with path.open("rb") as fh:
            po = read_po(fh, locale=lang)
        for message in po:
            if message.id and merged.get(message.id, message.context) is None:
                merged.add(message.id, message.string, context=message.context, flags=message.flags)
    buf = io.BytesIO()
    write_mo(buf, merged, use_fuzzy=False)
    return buf.getvalue()


def _keep(folder: Path, name: str, data: bytes) -> None:
    """Keep a compiled catalog beside its sources, as Python keeps bytecode in __pycache__: written whole
    (a temporary file renamed over), readable by its owner; a folder that cannot be written is left alone."""
    import tempfile

    try:
        folder.mkdir(exist_ok=True)
        for old in folder.glob("catalog-*.mo"):  # the catalogs of earlier sources
            old.unlink(missing_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations for a language: its area `.po` files read into one catalog.

    A (context, message id) found in several area files has the same translation in each (the catalog tests
    see to it), so the order the files are read in does not matter. The compiled catalog is kept in
    `__pycache__` beside the files, named by what it was made from, so a start-up reads one small file;
    a changed `.po` file makes a new one.
    """
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    files = sorted(folder.glob("*.po"))
    if not files:
        raise MissingCatalogError(f"no translation catalog for language {lang!r} in {folder}")
    cache_dir = folder / "__pycache__"
    name = f"catalog-{_catalog_key(files)}.mo"
    try:
        return gettext.GNUTranslations(io.BytesIO((cache_dir / name).read_bytes()))
    except Exception:  # none yet, or not one we wrote whole (any reading error): made again
        pass
    data = _compiled(lang, files)
    _keep(cache_dir, name, data)
    return gettext.GNUTranslations(io.BytesIO(data))


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


class ContextMessage(str):
    """A message id marked with its gettext context (`PN_`): `_()` and `translate` look it up in that context."""

    __slots__ = ("context",)
    context: str

    def __new__(cls, context: str, message: str) -> ContextMessage:
        marked = super().__new__(cls, message)
        marked.context = context
        return marked

    def __repr__(self) -> str:
        return f"PN_({self.context!r}, {str(self)!r})"

    def __reduce__(self):  # a copy or a pickle keeps its context
        return (ContextMessage, (self.context, str(self)))


def _lookup(translations: gettext.NullTranslations, message: str) -> str:
    if type(message) is ContextMessage:
        return translations.pgettext(message.context, message)
    return translations.gettext(message)


def translate(lang: str, message: str) -> str:
    """A message in a given language (a plain id, or one marked with its context by `PN_`)."""
    return _lookup(catalog(normalise_locale(lang) or DEFAULT_LOCALE), message)


def _(message: str) -> str:
    """Translate a message into the current locale (a plain id, or one marked with its context by `PN_`)."""
    return _lookup(catalog(get_locale()), message)


def pgettext(context: str, message: str) -> str:
    """Translate a message that means one thing in `context` ("budget category") and another elsewhere."""
    return catalog(get_locale()).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(get_locale()).ngettext(singular, plural, n)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return catalog(get_locale()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark for extraction; translate later with `_()`."""
    return message


def PN_(context: str, message: str) -> ContextMessage:
    """Mark for extraction with a context; `_()` translates it later in that context."""
    return ContextMessage(context, message)


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
