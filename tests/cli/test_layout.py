"""The command line in Typer's own layout: commands decorated at import, help in the language of the run."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer
from typer.testing import CliRunner

from planner.cli import COMMAND_MODULES, build_app, prepare_locale

CLI = Path(__file__).resolve().parents[2] / "planner" / "cli"


def run(*args: str):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), prog_name="planner")


def test_register_only_wires_apps_whose_commands_exist_at_import():
    for name in COMMAND_MODULES:
        if name == "planner.cli.dossier":  # its owner moves it to the same layout
            continue
        module = importlib.import_module(name)
        area = typer.Typer()
        module.register(area)
        assert area.registered_commands == [], f"{name}.register() defines commands"
        wired = [group.typer_instance for group in area.registered_groups]
        assert wired and all(app.registered_commands or app.registered_groups for app in wired), name


def test_help_follows_the_locale_of_each_run_in_any_order():
    sv = run("--locale", "sv", "bid", "new", "--help")
    assert sv.exit_code == 0 and "Värdstaden." in sv.output and "Sista dag för kandidaturen." in sv.output
    en = run("--locale", "en", "bid", "new", "--help")
    assert "The host city." in en.output and "Värdstaden" not in en.output
    status = run("--locale", "sv", "status", "--help")
    assert "Skriv ut JSON" in status.output and "Lista också varje budgetpost." in status.output
    root = run("--locale", "sv", "--help")
    assert "Språk för utdata" in root.output and "Databasfil eller URL" in root.output


def test_one_date_parser_and_one_money_or_dash():
    for path in CLI.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        # the quick path runs before Typer loads: a --today it cannot read goes on to Typer, and params.py
        if path.name not in ("params.py", "quick.py"):
            assert "fromisoformat" not in text, f"{path.name} reads dates itself"
        assert 'else format_money(' not in text and '"–" if value is None' not in text, path.name
