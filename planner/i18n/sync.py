"""Keep the catalogs in step with the code: `python -m planner.i18n.sync [--check] [--area=tui]`.

Extracts every message marked with `_`, `N_` or `ngettext` from `planner/`, files each under the area that
uses it (one `.po` per area, so areas never edit the same file), adds new messages to the Swedish catalogs
with an empty translation for a person to fill in, and writes the English catalogs (the source language)
with each message as its own translation. `--check` changes nothing and exits 1 when a Swedish translation
is missing, which is what the test suite asserts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from planner.i18n import LOCALES_DIR

PACKAGE = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "translate": (2,)}
AREAS = {
    "domain": "domain", "services": "core", "store": "core", "cli": "core", "config.py": "core", "i18n": "core",
    "tui": "tui", "dossier": "dossier", "integrations": "interchange", "interchange": "interchange",
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
}


def area_of(path: str) -> str:
    path = path.replace("\\", "/")
    if path in FILE_AREAS:
        return FILE_AREAS[path]
    first = Path(path).parts[0]
    return AREAS.get(first, "core")


def extract() -> dict[str, dict[str | tuple, list[str]]]:
    """{area: {msgid: [locations]}} for all of planner/."""
    found: dict[str, dict] = {}
    for filename, lineno, message, _comments, _ctx in extract_from_dir(
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
        found.setdefault(area_of(filename), {}).setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def _read(path: Path, lang: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    return Catalog(locale=lang, project="planner", charset="utf-8")


def _key(message):
    return message[0] if isinstance(message, tuple) else message


def sync(check: bool = False, only_area: str | None = None) -> list[str]:
    """Returns the problems (missing Swedish translations), writing catalogs unless `check`."""
    problems: list[str] = []
    for area, messages in sorted(extract().items()):
        if only_area and area != only_area:
            continue
        for lang in ("sv", "en"):
            path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{area}.po"
            old = _read(path, lang)
            new = Catalog(locale=lang, project="planner", charset="utf-8", fuzzy=False)
            for message, locations in sorted(messages.items(), key=lambda kv: str(_key(kv[0]))):
                previous = old.get(_key(message))
                if lang == "en":
                    string = message
                else:
                    string = previous.string if previous is not None else ("", "") if isinstance(message, tuple) else ""
                    empty = all(not s for s in string) if isinstance(string, tuple) else not string
                    if empty:
                        problems.append(f"{area}.po: no Swedish for {_key(message)!r} ({locations[0]})")
                new.add(message, string, locations=sorted({(loc.rsplit(":", 1)[0], 0) for loc in locations}))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as fh:
                    write_po(fh, new, width=110, sort_output=True, include_lineno=False)
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    only = next((a.split("=", 1)[1] for a in args if a.startswith("--area=")), None)
    problems = sync(check=check, only_area=only)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} Swedish translation(s) missing", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
