"""The demo bid file is what its script writes: `data/demo/make_demo.py` reproduces it byte for byte, so an edit
made to the file alone (lost at the next run of the script) or to the script alone (never shipped) shows here."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def test_the_script_writes_the_shipped_demo_file_exactly():
    spec = importlib.util.spec_from_file_location("make_demo", DEMO / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = json.dumps(module.build(), ensure_ascii=False, indent=2) + "\n"
    shipped = (DEMO / "generator-gavle-2012.json").read_text(encoding="utf-8")
    assert written == shipped, "run `.venv/bin/python data/demo/make_demo.py` after changing the demo script"


def test_every_translated_demo_record_has_its_swedish():
    """The records the story translates carry Swedish: the dossier's Swedish edition is whole."""
    doc = json.loads((DEMO / "generator-gavle-2012.json").read_text(encoding="utf-8"))
    assert doc["bid"]["content_locale"] == "en"
    assert doc["bid"]["translations"]["guarantor"]["sv"] == "Region Gävleborg, Regionala utvecklingsnämnden"
    for table in ("task", "speaker", "venue", "commitment", "programme_session"):
        assert all(row.get("translations") for row in doc[table]), table
