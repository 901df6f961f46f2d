"""The records' printed texts in both languages: stored with the record, printed in the dossier's language,
counted by readiness, carried by the bid file, undone like any edit, refused when hostile."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from planner.services import bidfile, records, translations
from planner.services.demo import load_demo
from planner.services.dossier import export_dossier
from planner.services.errors import ValidationError
from planner.services.planning import Planning
from planner.services.workspace import Workspace, load_bundle
from planner.store.db import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TERMINAL = [case["text"] for case in json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]]


@pytest.fixture
def ws(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'planner.db'}")
    yield Workspace(db=database, user="anna")
    database.dispose()


@pytest.fixture
def demo(ws) -> int:
    bid_id, _new = load_demo(ws)
    return bid_id


def fill_both_languages(ws, bid_id: int) -> None:
    """Every translatable text of every record: a distinctive English value and a distinctive Swedish one."""
    bundle = load_bundle(ws, bid_id)
    records.update(ws, "bid", bid_id, {"content_locale": "en"})
    n = 0
    from planner.store.models import table_named

    for attribute, table in translations.TRANSLATED_ROWS.items():
        model = table_named(table)
        for row in getattr(bundle, attribute):
            changes, texts = {}, {}
            for field in model.__translatable__:
                n += 1
                changes[field] = f"Qen{n}x"
                texts[field] = {"sv": f"Qsv{n}x"}
            records.update(ws, model.__tablename__, row.id, {**changes, "translations": texts})
    from planner.store import models as m

    changes, texts = {}, {}  # the bid's own printed texts: the signatory's title, the guarantee statement
    for field in m.Bid.__translatable__:
        n += 1
        changes[field] = f"Qen{n}x"
        texts[field] = {"sv": f"Qsv{n}x"}
    records.update(ws, "bid", bid_id, {**changes, "translations": texts})


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.mark.parametrize("audience,partner", [("committee", None), ("partner", "Movexum"), ("internal", None)])
def test_each_edition_prints_only_its_own_language(ws, demo, tmp_path, audience, partner):
    fill_both_languages(ws, demo)
    texts = {}
    for locale in ("sv", "en"):
        out = tmp_path / f"{audience}-{locale}.pdf"
        export_dossier(ws, demo, audience=audience, partner=partner, locale=locale, output=out,
                       omit_confidential=True)
        texts[locale] = pdf_text(out)
    assert "Qsv" in texts["sv"] and "Qen" not in texts["sv"]
    assert "Qen" in texts["en"] and "Qsv" not in texts["en"]
    bid = load_bundle(ws, demo).bid  # the guarantee statement is printed, in each edition's own language
    assert bid.translations["guarantee_statement"]["sv"] in texts["sv"]
    assert bid.guarantee_statement in texts["en"]


def test_readiness_names_an_untranslated_text_in_the_language_it_lacks(ws, demo):
    item = {i.key: i for i in Planning.load(ws, demo).readiness.items}["texts"]
    assert item.status == "pass"  # the demo is complete in both languages
    session = next(s for s in load_bundle(ws, demo).sessions if s.title == "Conference dinner")
    records.update(ws, "programme_session", session.id, {"translations": {"abstract": session.translations["abstract"]}})
    item = {i.key: i for i in Planning.load(ws, demo).readiness.items}["texts"]
    assert item.status == "warning"
    reason = item.reason.render()
    assert "not in Swedish: 1 texts of the records" in reason and "Conference dinner" in reason


def test_readiness_counts_a_criterion_without_its_name_in_one_language(ws, demo):
    from planner.services.editing import add_criterion

    # typed in English only (the demo's records are written in English): saved with the same name in both
    criterion = add_criterion(ws, demo, {"name_en": "Sustainability"})
    assert criterion.name_sv == "Sustainability"
    item = {i.key: i for i in Planning.load(ws, demo).readiness.items}["texts"]
    assert item.status == "warning"
    reason = item.reason.render()
    assert "not in Swedish: 1 texts of the records" in reason and "Criterion “Sustainability”: name" in reason
    records.update(ws, "criterion", criterion.id, {"name_sv": "Hållbarhet"})
    assert {i.key: i for i in Planning.load(ws, demo).readiness.items}["texts"].status == "pass"


def test_a_standard_timeline_task_prints_in_the_dossier_language_unless_renamed(ws):
    from planner.services.planning import generate_standard_timeline
    from planner.services.workspace import create_bid

    bid = create_bid(ws, conference="Nordic Makers", host_city="Sandviken")
    records.update(ws, "bid", bid.id, {"bid_deadline": __import__("datetime").date(2011, 12, 1),
                                       "decision_date": __import__("datetime").date(2012, 1, 15)})
    tasks = {t.template_key: t for t in generate_standard_timeline(ws, bid.id)}
    records.update(ws, "task", tasks["decision"].id, {"title": "Committee votes"})
    swedish = {t.template_key: t.title for t in translations.localized(load_bundle(ws, bid.id), "sv").tasks}
    english = {t.template_key: t.title for t in translations.localized(load_bundle(ws, bid.id), "en").tasks}
    assert swedish["submission"] == "Lämna in ansökan" and english["submission"] == "Submit the bid"
    assert swedish["decision"] == english["decision"] == "Committee votes"  # renamed: as the team wrote it


def test_the_bid_file_carries_translations_and_the_content_language(ws, demo):
    fill_both_languages(ws, demo)
    text = bidfile.export_bid(ws, demo)
    doc = json.loads(text)
    assert doc["bid"]["content_locale"] == "en"
    assert doc["task"][0]["translations"]["title"]["sv"].startswith("Qsv")
    again = bidfile.import_bid(ws, text)
    assert json.loads(bidfile.export_bid(ws, again)) == doc


def test_a_translation_edit_is_audited_and_undone(ws, demo):
    task = load_bundle(ws, demo).tasks[0]
    before = dict(task.translations)
    saved, edit = records.edit(ws, "task", task.id, {"translations": {"title": {"sv": "Nytt namn"}}},
                               expected_version=task.version)
    assert saved.translations == {"title": {"sv": "Nytt namn"}} and edit is not None
    records.revert(ws, edit)
    assert next(t for t in load_bundle(ws, demo).tasks if t.id == task.id).translations == before


def test_translations_go_with_their_record_and_come_back_with_its_undo(ws, demo):
    session = load_bundle(ws, demo).sessions[0]
    undo = records.delete(ws, "programme_session", session.id)
    records.restore(ws, undo)
    back = next(s for s in load_bundle(ws, demo).sessions if s.id == session.id)
    assert back.translations == session.translations and back.translations


def test_hostile_text_in_a_translation_is_refused_or_kept_as_it_is(ws, demo):
    task = load_bundle(ws, demo).tasks[0]
    for text in TERMINAL:
        try:
            saved = records.update(ws, "task", task.id, {"translations": {"title": {"sv": text}}})
        except ValidationError as exc:
            assert set(exc.errors) == {"title.sv"}, text  # said under the translation
            continue
        assert saved.translations == ({"title": {"sv": text.strip()}} if text.strip() else {}) or \
            saved.translations["title"]["sv"] == text


def test_a_translation_of_an_untranslatable_field_or_language_is_refused(ws, demo):
    task = load_bundle(ws, demo).tasks[0]
    with pytest.raises(ValidationError) as exc:
        records.update(ws, "task", task.id, {"translations": {"owner": {"sv": "x"}, "title": {"de": "x"}}})
    assert set(exc.value.errors) == {"owner", "title.de"}
