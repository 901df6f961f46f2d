"""The bid read without the ORM (planner.services.light) is the bid the workspace loads, record for record and
field for field, value and type; the engines give the same answers on it; it is read only from a file that is
sound and current, and reading it imports neither SQLAlchemy, SQLModel nor pydantic."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner.config import Settings
from planner.domain.enums import Scenario
from planner.i18n import get_locale, set_locale
from planner.services import light, translations
from planner.services.demo import load_demo
from planner.services.workspace import BUNDLE_TABLES, Workspace, load_bundle
from planner.store import models as m
from planner.tui.analysis import add_status, analyse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TERMINAL = [case["text"] for case in json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]]
BLNS = json.loads((FIXTURES / "blns.json").read_text("utf-8"))
TODAY = date(2011, 9, 1)
PARTS = ("budget", "funding", "ranking", "timeline", "programme", "readiness", "status", "problems")


def storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no database stores it
        return False
    return True


HOSTILE = [t for t in TERMINAL + BLNS if storable(t)]


def _settings(path: Path) -> Settings:
    return Settings.load(db=path, locale="en")


def _seeded(ws) -> None:
    """The exchange rates as the first figures of any bid leave them: seeded (the light read needs them)."""
    from planner.services.rates import ensure_seeded

    ensure_seeded(ws)


def _demo(path: Path) -> int:
    ws = Workspace.open(_settings(path))
    try:
        _seeded(ws)
        return load_demo(ws)[0]
    finally:
        ws.close()


def _both(path: Path, bid_id: int):
    """(the light read's bundle and rates, the workspace's bundle and analysis)."""
    settings = _settings(path)
    read = light.read(settings, bid_id)
    assert read is not None, "a sound, current file is read without the ORM"
    ws = Workspace.open(settings)
    try:
        bundle = load_bundle(ws, bid_id)
        return read, bundle, analyse(ws, bundle, TODAY)
    finally:
        ws.close()


def _differences(light_bundle, bundle) -> list[str]:
    out = []
    tables = light.shipped()["tables"]

    def compare(table, a, b) -> None:
        for name in tables[table]["columns"]:
            x, y = getattr(a, name), getattr(b, name)
            if x != y or type(x) is not type(y):
                out.append(f"{table} {getattr(b, 'id', '')} {name}: {x!r} != {y!r}")

    compare("bid", light_bundle.bid, bundle.bid)
    for table, attribute in BUNDLE_TABLES.items():
        ours, theirs = list(getattr(light_bundle, attribute)), list(getattr(bundle, attribute))
        if len(ours) != len(theirs):
            out.append(f"{table}: {len(ours)} rows != {len(theirs)}")
            continue
        for a, b in zip(ours, theirs, strict=True):
            compare(table, a, b)
    return out


def _same_answers(path: Path, bid_id: int) -> None:
    (light_bundle, rates), bundle, expected = _both(path, bid_id)
    assert _differences(light_bundle, bundle) == []
    assert light_bundle.bid.title == bundle.bid.title
    got = analyse(None, light_bundle, TODAY, rates=rates)
    for scenario in Scenario:  # the status at every scenario, as a switch computes it
        add_status(got, scenario)
        add_status(expected, scenario)
    for part in PARTS:
        assert getattr(got, part) == getattr(expected, part), part
    assert got.plan.rate_warning == expected.plan.rate_warning


def test_the_shipped_description_is_what_the_models_say():
    assert light.shipped() == light.describe(), "run `python -m planner.services.light` after changing a model"


def test_translations_and_names_are_the_models_own():
    for table, model in m.TABLES.items():
        assert translations.fields(table) == m.translatable(model), table
        if table in light.shipped()["tables"]:
            assert light.name_field(table) == m.name_field(model), table


@pytest.mark.parametrize("locale", ["en", "sv"])
def test_the_demo_bid_read_without_the_orm_is_the_loaded_bid(tmp_path, locale):
    path = tmp_path / "demo.db"
    bid_id = _demo(path)
    before = get_locale()
    set_locale(locale)  # criteria's names, readiness's words and the untranslated texts follow the language
    try:
        _same_answers(path, bid_id)
    finally:
        set_locale(before)


def test_a_generated_bid_read_without_the_orm_is_the_loaded_bid(tmp_path):
    from benchmarks.generate_large_bid import generate_large_bid

    path = tmp_path / "large.db"
    ws = Workspace.open(_settings(path))
    try:
        _seeded(ws)
        bid_id = generate_large_bid(ws, speakers=120, lines=900, tasks=150, partners=40, venues=25, sessions=120)
    finally:
        ws.close()
    _same_answers(path, bid_id)


def test_hostile_text_in_every_field_reads_as_stored(tmp_path):
    """Every text column of every record of the demo holds a string of the hostile corpora (written past the
    services with sqlite3, as a crafted file would); both reads give it back as stored, and the same answers."""
    path = tmp_path / "hostile.db"
    bid_id = _demo(path)
    con = sqlite3.connect(path)
    n = 0
    with con:
        for table, described in light.shipped()["tables"].items():
            texts = [name for name, kind in described["columns"].items()
                     if kind == "str" and "currency" not in name and "locale" not in name]
            keys = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[5]]
            for row in con.execute(f"SELECT {', '.join(keys)} FROM {table}").fetchall():
                for column in texts:
                    try:
                        con.execute(f"UPDATE {table} SET {column} = ? WHERE "
                                    f"{' AND '.join(f'{k} = ?' for k in keys)}", (HOSTILE[n % len(HOSTILE)], *row))
                    except sqlite3.IntegrityError:  # a column that holds one of a few codes keeps its own
                        continue
                    n += 1
    con.close()
    assert n > len(HOSTILE)  # every string went in at least once
    _same_answers(path, bid_id)


def test_only_a_sound_current_file_is_read(tmp_path):
    path = tmp_path / "demo.db"
    bid_id = _demo(path)
    assert light.read(_settings(path), bid_id) is not None
    assert light.read(_settings(path), bid_id + 99) is None  # no such bid: the workspace says so
    assert light.read(_settings(tmp_path / "missing.db"), 1) is None
    assert light.read(Settings.load(db="postgresql://planner@localhost/none"), 1) is None

    with_trigger = tmp_path / "trigger.db"
    shutil.copy(path, with_trigger)
    con = sqlite3.connect(with_trigger)
    with con:
        con.execute("CREATE TRIGGER halve AFTER INSERT ON budget_line BEGIN "
                    "UPDATE budget_line SET unit_minor = unit_minor / 2; END")
    con.close()
    assert light.read(_settings(with_trigger), bid_id) is None

    older = tmp_path / "older.db"
    shutil.copy(path, older)
    con = sqlite3.connect(older)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '0011_partner_history'")
    con.close()
    assert light.read(_settings(older), bid_id) is None



def test_a_file_with_no_rates_yet_converts_at_the_seed_the_workspace_stores(tmp_path):
    """Before any figure was computed no rate is stored: the light read converts at the shipped seed, which
    the workspace then stores and converts at; the figures are the same."""
    path = tmp_path / "fresh.db"
    ws = Workspace.open(_settings(path))
    try:
        bid_id = load_demo(ws)[0]
    finally:
        ws.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM exchange_rate").fetchone() == (0,)
    con.close()
    _same_answers(path, bid_id)  # the workspace's analysis seeds the table on the way


def test_reading_and_computing_a_bid_imports_no_orm(tmp_path):
    path = tmp_path / "demo.db"
    bid_id = _demo(path)
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from planner.config import Settings\n"
        "from planner.services import light\n"
        "from planner.tui.analysis import analyse\n"
        f"bundle, rates = light.read(Settings.load(db={str(path)!r}), {bid_id})\n"
        "out = analyse(None, bundle, date(2011, 9, 1), rates=rates)\n"
        "assert out.budget is not None and out.readiness is not None, out.problems\n"
        "print(sorted(name for name in ('sqlalchemy', 'sqlmodel', 'pydantic', 'alembic') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("kind", ["int", "str", "bool", "date", "datetime", "time", "decimal", "json"])
def test_every_kind_of_column_keeps_null(kind):
    convert = light._converter(kind)
    assert convert is None or convert(None) is None


def test_the_same_rows_are_told_from_changed_ones(tmp_path):
    """`same_rows` says whether the loaded bid holds what the light read gave: opening the bid (its last
    opening) changes nothing a figure reads; a changed name, amount, removed or added row does."""
    from planner.services.workspace import touch_bid

    path = tmp_path / "demo.db"
    bid_id = _demo(path)
    settings = _settings(path)
    read, _rates = light.read(settings, bid_id)

    def loaded():
        ws = Workspace.open(settings)
        try:
            touch_bid(ws, bid_id)
            return load_bundle(ws, bid_id)
        finally:
            ws.close()

    assert light.same_rows(read, loaded())
    for change in ("UPDATE venue SET name = name || '!' WHERE id = (SELECT min(id) FROM venue)",
                   "UPDATE budget_line SET quantity = quantity + 1 WHERE id = (SELECT max(id) FROM budget_line)",
                   "DELETE FROM task_dependency WHERE rowid = (SELECT min(rowid) FROM task_dependency)",
                   "INSERT INTO date_option (bid_id, uuid, start_date, end_date, preferred, note, version, "
                   f"translations) VALUES ({bid_id}, 'u', '2012-06-01', '2012-06-02', 0, '', 1, '{{}}')"):
        con = sqlite3.connect(path)
        with con:
            con.execute(change)
        con.close()
        assert not light.same_rows(read, loaded()), change
        read, _rates = light.read(settings, bid_id)
        assert light.same_rows(read, loaded())
