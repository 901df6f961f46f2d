"""Integrations hand plain records to services: they import no database, service or screen code."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "planner"
FORBIDDEN = ("sqlmodel", "sqlalchemy", "textual", "reportlab", "openpyxl", "planner.store", "planner.services",
             "planner.cli", "planner.tui", "planner.dossier")


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_integrations_import_no_database_service_or_screen_code():
    modules = sorted((PACKAGE / "integrations").glob("*.py"))
    assert len(modules) >= 5
    bad = [f"{path.name}: {name}" for path in modules for name in imports_of(path)
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []


def test_interchange_readers_and_writers_need_no_database():
    mine = ["csvio.py", "csvrows.py", "tables.py", "xlsx.py", "ics.py", "messages.py"]
    bad = [f"{name}: {imp}" for name in mine for imp in imports_of(PACKAGE / "interchange" / name)
           if imp.startswith(("planner.store", "planner.services", "sqlmodel", "sqlalchemy", "httpx"))]
    assert bad == []
