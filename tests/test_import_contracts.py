"""The import-linter contracts of pyproject.toml hold, and they catch what they are there to catch.

The contracts: the domain is pure; interchange is format code (no services, no database); the layers run
cli | tui -> web -> services -> dossier | interchange | integrations -> store | config -> errors -> i18n -> domain.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"PATH": str(LINT.parent), "PYTHONPATH": str(cwd)})


def contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def verdicts(output: str) -> str:
    return " ".join(output.split())  # lint-imports wraps long contract names over lines


def test_import_linter_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert {c["type"] for c in contracts()} >= {"forbidden", "layers"}
    for contract in contracts():
        assert f"{contract['name']} KEPT" in verdicts(result.stdout)


@pytest.fixture(scope="module")
def copy_of_the_package(tmp_path_factory) -> Path:
    """The package and its contracts in a folder of their own, to break on purpose."""
    root = tmp_path_factory.mktemp("contracts")
    shutil.copytree(ROOT / "planner", root / "planner", ignore=shutil.ignore_patterns("__pycache__", "*.po"))
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize("module, line, broken", [
    ("interchange/csvio.py", "from planner.services import workspace", "Interchange is format code"),
    ("interchange/ics.py", "from planner.store import db", "Interchange is format code"),
    ("dossier/charts.py", "from planner.services import planning", "Layers"),
    ("store/models.py", "import planner.config", "Layers"),
    ("i18n/format.py", "import planner.store.models", "Layers"),
])
def test_each_contract_catches_an_import_against_it(copy_of_the_package, module, line, broken):
    path = copy_of_the_package / "planner" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(f"{original}\n{line}  # against the contract\n", encoding="utf-8")
    try:
        result = lint(copy_of_the_package)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    (name,) = [c["name"] for c in contracts() if c["name"].startswith(broken)]
    assert f"{name} BROKEN" in verdicts(result.stdout)
    assert f"planner.{module.removesuffix('.py').replace('/', '.')}" in result.stdout
