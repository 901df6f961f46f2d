"""Keep the catalogs in step with the code: `python -m planner.i18n.sync [--check] [--area=tui]`.

Extracts every message marked with `_`, `N_`, `ngettext`, `translate` or, with a gettext context, `pgettext`,
`npgettext` and `PN_` from `planner/`, files each under the area that uses it (one `.po` per area, so areas
never edit the same file), and writes the English catalogs (the source language) with each message as its own
translation. A message new to an area's Swedish catalog takes the translation another area already gives the
same (context, message id), so the areas agree; one no area has translated yet is added empty for a person to
fill in. `--check` changes nothing and exits 1 when a Swedish translation is missing or when two area files
translate one (context, message id) differently, which is what the test suite asserts.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from planner.i18n import LOCALES_DIR

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {
    "_": None, "N_": None, "ngettext": (1, 2), "translate": (2,),
    "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "PN_": ((1, "c"), 2),
}
AREAS = {
    "domain": "domain", "services": "core", "store": "core", "cli": "core", "config.py": "core", "i18n": "core",
    "tui": "tui", "web": "web", "dossier": "dossier", "integrations": "interchange", "interchange": "interchange",
}
# Service and command modules that belong to an area's owner rather than to the core.
FILE_AREAS = {
    "services/planning.py": "domain", "cli/planning.py": "domain",
    "services/dossier.py": "dossier", "cli/dossier.py": "dossier",
    "services/rates.py": "interchange", "services/imports.py": "interchange", "services/exports.py": "interchange",
    "cli/interchange.py": "interchange",
    "services/editing.py": "tui",
    "interchange/bidjson.py": "core", "interchange/values.py": "core",
    "services/team.py": "team", "cli/team.py": "team",
    "cli/serve.py": "web",
}

Message = str | tuple[str, str]  # a message id, or (singular, plural)
Key = tuple[str | None, Message]  # (context, message)


def area_of(path: str) -> str:
    path = path.replace("\\", "/")
    if path in FILE_AREAS:
        return FILE_AREAS[path]
    first = Path(path).parts[0]
    return AREAS.get(first, "core")


def extract() -> dict[str, dict[Key, list[str]]]:
    """{area: {(context, message): [locations]}} for all of planner/."""
    found: dict[str, dict[Key, list[str]]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if filename in ("i18n/__init__.py", "i18n/sync.py"):
            continue
        if isinstance(message, tuple):
            message = tuple(m for m in message if m is not None)
            if len(message) == 1:
                message = message[0]
        if not message:
            continue
        found.setdefault(area_of(filename), {}).setdefault((context, message), []).append(f"{filename}:{lineno}")
    return found


def _read(path: Path, lang: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    return Catalog(locale=lang, project="planner", charset="utf-8")


def _msgid(message: Message) -> str:
    return message[0] if isinstance(message, tuple) else message


def _shown(key: Key) -> str:
    context, message = key
    return f"{_msgid(message)!r}" + (f" (context {context!r})" if context else "")


def _empty(string) -> bool:
    return all(not s for s in string) if isinstance(string, tuple) else not string


def area_catalogs(lang: str = "sv") -> dict[str, Catalog]:
    """{area: its catalog} for one language, as the files hold them now."""
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    return {path.stem: _read(path, lang) for path in sorted(folder.glob("*.po"))}


def translations(catalogs: dict[str, Catalog]) -> dict[Key, dict[str, object]]:
    """{(context, message id): {area: its translation}} over the area files, empty translations left out."""
    found: dict[Key, dict[str, object]] = {}
    for area, po in catalogs.items():
        for message in po:
            if message.id and not _empty(message.string):
                found.setdefault((message.context, _msgid(message.id)), {})[area] = message.string
    return found


def conflicts(catalogs: dict[str, Catalog] | None = None) -> list[str]:
    """One line per (context, message id) that two Swedish area files translate differently."""
    found = translations(area_catalogs("sv") if catalogs is None else catalogs)
    problems = []
    for key, by_area in sorted(found.items(), key=lambda kv: (kv[0][0] or "", str(kv[0][1]))):
        if len({str(s) for s in by_area.values()}) > 1:
            given = "; ".join(f"{area}.po: {string!r}" for area, string in sorted(by_area.items()))
            problems.append(f"{_shown(key)} has two translations: {given}. Choose one, or give each meaning "
                            f"its own context (PN_/pgettext).")
    return problems


def _known(found: dict[Key, dict[str, object]], key: Key):
    """The one translation the areas agree on for a key, or None (none yet, or they disagree)."""
    strings = {str(s): s for s in found.get(key, {}).values()}
    return next(iter(strings.values())) if len(strings) == 1 else None


def sync(check: bool = False, only_area: str | None = None) -> list[str]:
    """Returns the problems (missing or conflicting Swedish translations), writing catalogs unless `check`."""
    problems: list[str] = []
    memory = translations(area_catalogs("sv"))
    written: dict[str, Catalog] = {}
    for area, messages in sorted(extract().items()):
        if only_area and area != only_area:
            continue
        for lang in ("sv", "en"):
            path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{area}.po"
            old = _read(path, lang)
            new = Catalog(locale=lang, project="planner", charset="utf-8", fuzzy=False,
                          creation_date=old.creation_date)
            for (context, message), locations in sorted(messages.items(), key=_order):
                if lang == "en":
                    string = message
                else:
                    previous = old.get(_msgid(message), context)
                    string = previous.string if previous is not None else None
                    if string is None or _empty(string):
                        string = _known(memory, (context, _msgid(message)))
                    if string is None or _empty(string):
                        string = ("", "") if isinstance(message, tuple) else ""
                        problems.append(f"{area}.po: no Swedish for {_shown((context, message))} ({locations[0]})")
                new.add(message, string, context=context,
                        locations=sorted({(loc.rsplit(":", 1)[0], 0) for loc in locations}))
            if lang == "sv":
                written[area] = new
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as fh:
                    write_po(fh, new, width=110, sort_output=True, include_lineno=False)
    others = {area: po for area, po in area_catalogs("sv").items() if area not in written}
    return problems + conflicts({**others, **written})


def _order(item: tuple[Key, list[str]]) -> tuple[str, str]:
    (context, message), _locations = item
    return (str(_msgid(message)), context or "")


def main(argv: Iterable[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    check = "--check" in args
    only = next((a.split("=", 1)[1] for a in args if a.startswith("--area=")), None)
    problems = sync(check=check, only_area=only)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in the Swedish catalogs", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
