"""A built wheel runs the program: data/ ships as planner/data, and an installed planner finds it there.

The wheel is built from a copy of the sources (so the checkout gets no build/ folder), installed into a
fresh virtual environment that sees the test environment's dependencies through a .pth file but not the
checkout, and run from a folder outside the checkout: `planner demo`, `planner status`, `planner dossier`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "planner", "data")


def run(*args: str | Path, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=ignore)
        else:
            shutil.copy2(source, src / name)
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, src)
    (built,) = dist.glob("planner-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel; the dependencies come from the test environment."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel)
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
    # after the wheel's own site-packages on sys.path; the checkout's editable install there is a finder that
    # only a .pth file of its own would switch on, so it cannot shadow the wheel's planner
    (purelib / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return venv


def test_the_wheel_carries_every_data_file_and_every_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*")
            if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
    assert len(data) >= 4
    assert {f"planner/data/{name}" for name in data} <= names
    modules = [p.relative_to(ROOT).as_posix() for p in (ROOT / "planner").rglob("*.py")
               if "__pycache__" not in p.parts]
    assert set(modules) <= names
    assert {"planner/i18n/locales/sv/LC_MESSAGES/core.po", "planner/tui/app.tcss",
            "planner/web/templates/index.html"} <= names


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "PYTHON"))}
    env.update(PLANNER_DB=str(work / "planner.db"), PLANNER_DATA_DIR=str(work / "data"),
               PLANNER_EXPORT_DIR=str(work / "exports"), PLANNER_LOCALE="en", PLANNER_USER="installer")
    return env


def test_the_installed_program_runs_demo_status_and_dossier_outside_the_checkout(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = environment(work)
    python, planner = installed / "bin" / "python", installed / "bin" / "planner"
    where = run(python, "-c", "import planner, planner.config as c; print(planner.__file__); "
                "print(c.shipped_file('demo', 'generator-gavle-2012.json'))", cwd=work, env=env).stdout.split()
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", env=env).stdout.strip())
    assert [Path(p).is_relative_to(site) for p in where] == [True, True], where  # the wheel's, not the checkout's
    assert Path(where[1]).is_file()

    demo = run(planner, "demo", cwd=work, env=env)
    assert "Loaded the demo bid as bid 1" in demo.stdout
    status = run(planner, "status", cwd=work, env=env)
    assert "Generator" in status.stdout and "Traceback" not in status.stdout + status.stderr
    run(planner, "dossier", "--audience", "committee", "--locale", "en", "--omit-confidential", cwd=work, env=env)
    (pdf,) = (work / "exports").glob("*.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    assert "Gävle" in "".join(page.extract_text() for page in reader.pages[:2])


def test_the_installed_program_reads_its_other_shipped_files(installed, tmp_path):
    """The venue criteria (bid new), the timeline template (timeline generate), the rate seed (rates show)."""
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = environment(work)
    planner = installed / "bin" / "planner"
    run(planner, "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken", "--deadline",
        "2013-01-31", "--decision", "2013-03-01", "--start", "2013-09-12", "--end", "2013-09-13", cwd=work, env=env)
    run(planner, "timeline", "generate", "--yes", cwd=work, env=env)
    bid = json.loads(run(planner, "export", "json", cwd=work, env=env).stdout)
    criteria = json.loads((ROOT / "data" / "venue_criteria.json").read_text(encoding="utf-8"))["criteria"]
    template = json.loads((ROOT / "data" / "timeline_template.json").read_text(encoding="utf-8"))
    assert [c["key"] for c in bid["criterion"]] == [c["key"] for c in criteria]
    assert len(bid["task"]) == len(template["tasks"]) >= 10
    assert "Shipped seed" in run(planner, "rates", "show", "--date", "2025-01-10", cwd=work, env=env).stdout
