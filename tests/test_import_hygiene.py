"""The domain stays pure: no module under planner/domain imports a framework, an I/O library or a sibling."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[1] / "planner" / "domain"
FORBIDDEN = {"sqlmodel", "sqlalchemy", "textual", "httpx", "babel", "reportlab"}
SIBLINGS = {"store", "services", "tui", "cli", "dossier", "integrations", "interchange", "i18n", "config"}


def imported_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against planner.domain
                base = ["planner", "domain"][: max(0, 2 - (node.level - 1))]
                names.append(".".join(base + ([node.module] if node.module else [])))
            else:
                names.append(node.module or "")
    return names


def offending(name: str) -> bool:
    parts = name.split(".")
    if parts[0] in FORBIDDEN:
        return True
    return parts[0] == "planner" and len(parts) > 1 and parts[1] in SIBLINGS


def test_domain_imports_nothing_forbidden():
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) >= 10
    problems = [f"{path.relative_to(DOMAIN.parent.parent)} imports {name}"
                for path in modules for name in imported_names(path) if offending(name)]
    assert problems == []


def test_the_checker_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom planner.store import models\nfrom ..services import x\n")
    assert [offending(n) for n in imported_names(bad)] == [True, True, True]
