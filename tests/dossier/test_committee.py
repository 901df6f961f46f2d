"""The committee edition is the bid as presented: support given or promised, the public milestones, the
candidate venues, the budget with its guarantee; the working material stays in the internal edition."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from planner.config import Settings
from planner.domain.enums import Scenario
from planner.i18n import use_locale
from planner.services.demo import load_demo
from planner.services.dossier import GuaranteeQuestion, export_dossier
from planner.services.planning import Planning
from planner.services.workspace import Workspace, get_bid, update_record
from planner.store import models as m


def printed(amount, lang: str) -> str:
    """An amount as the dossier prints it in `lang` (whole units, the currency spaced), as text extraction
    reads it (a no-break space as a space)."""
    from planner.dossier.amounts import money
    from planner.i18n import use_locale

    with use_locale(lang):
        return money(amount).replace("\u00a0", " ")

TODAY = date(2011, 11, 1)


def text_of(path) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("committee")
    ws = Workspace.open(Settings.load(db=str(folder / "p.db"), env={"PLANNER_USER": "tester"}))
    bid_id, _created = load_demo(ws)
    out = {}
    for lang in ("sv", "en"):
        for audience in ("committee", "internal"):
            result = export_dossier(ws, bid_id, audience=audience, locale=lang, today=TODAY,
                                    output=folder / f"{audience}-{lang}.pdf", omit_confidential=True)
            out[lang, audience] = text_of(result.path)
    yield ws, bid_id, out
    ws.close()


WORKING_MATERIAL = {
    "sv": ["Kontaktad", "Begärt", "Att göra", "Avvisad", "Strandhallen", "Ockelbo kommun",
           "Ovanåkers kommun", "Högskolan i Gävle Personal", "Budgeten godkänd av regionstyrelsen",
           "Resultat per biljettpris och antal deltagare", "Nollresultat", "Boka optioner på lokaler"],
    "en": ["Contacted", "Requested", "To do", "Rejected", "Strandhallen", "Ockelbo kommun",
           "Ovanåkers kommun", "Högskolan i Gävle Staff", "Budget approved by the region's board",
           "Result by ticket price and attendance", "breaks even", "Hold options on venues"],
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_committee_edition_leaves_the_working_material_to_the_team(demo, lang):
    _ws, _bid_id, out = demo
    committee, internal = out[lang, "committee"], out[lang, "internal"]
    for words in WORKING_MATERIAL[lang]:
        assert words not in committee, words
    # the team's edition keeps all of it
    # (the demo's task titles are in both languages: each edition prints them in its own)
    tasks = {"sv": ("Budgeten godkänd av regionstyrelsen", "Boka optioner på lokaler", "Kandidaturen inlämnad",
                    "Beslut av Generators kommitté", "Konferensdagarna"),
             "en": ("Budget approved by the region's board", "Hold options on venues", "Bid submitted",
                    "Decision by the Generator committee", "Conference days")}[lang]
    for words in ("Strandhallen", "Ockelbo kommun", *tasks[:2]):
        assert words in internal, words
    assert ("Resultat per biljettpris" if lang == "sv" else "Result by ticket price") in internal
    # what the committee does see: support given or promised, the public milestones
    for words in ("Region Gävleborg", "Movexum", "Bollnäs kommun", "Hudiksvalls kommun", *tasks[2:]):
        assert words in committee, words


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_guarantee_is_printed_with_the_budget_and_the_gap_agrees_with_the_result(demo, lang):
    ws, bid_id, out = demo
    committee = out[lang, "committee"]
    # the guarantor and the statement in the edition's own language
    assert ("Region Gävleborg, Regionala utvecklingsnämnden" if lang == "sv"
            else "Region Gävleborg, Regional Development Committee") in committee
    assert ("täcker regionen det upp till 500 000 kr" if lang == "sv" else "covers it up to SEK 500,000") in committee
    assert ("Finansiell garanti" if lang == "sv" else "Financial guarantee") in committee
    # the deficit is no headline card: the budget's first figures are income and expenses, then the guarantee
    cards = committee[committee.index("Intäkter" if lang == "sv" else "Income"):][:160]
    assert ("Resultat" if lang == "sv" else "Result") not in cards
    # the funding gap says what it is made of, in the figures the budget prints
    with use_locale(lang):
        from planner.domain.enums import Audience
        from planner.services.disclosure import MoneyView

        view = MoneyView(Planning.load(ws, bid_id, today=TODAY), Audience.COMMITTEE, omit=True)
        result = view.presented.budget.scenarios[Scenario.EXPECTED].result
        gap = view.funding_totals()[-1]
        deficit = printed(-result, lang).replace("\xa0", " ")
        rest = printed(gap - (-result), lang).replace("\xa0", " ")
        gap_text = printed(gap, lang).replace("\xa0", " ")
    assert result.minor < 0 and gap.minor > -result.minor
    assert gap_text in committee and printed(result, lang).replace("\xa0", " ") in committee
    note = re.search(r"(Av det som återstår|Of what is still to find)[^.]*\.", committee)
    assert note and deficit in note.group(0) and rest in note.group(0), note


def run(*args: str):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), prog_name="planner")


def test_a_deficit_without_a_guarantee_is_asked_about_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db")))
    try:
        bid = get_bid(ws, 1)
        update_record(ws, m.Bid, bid.id, {"guarantor": "", "guarantee_statement": ""}, expected_version=bid.version)
        with pytest.raises(GuaranteeQuestion):
            export_dossier(ws, bid.id, audience="committee", locale="en", output=tmp_path / "x.pdf",
                           omit_confidential=True, today=TODAY)
        assert not (tmp_path / "x.pdf").exists()
        # a partner's or the team's edition is no bid to the committee: nothing to ask
        export_dossier(ws, bid.id, audience="internal", locale="en", output=tmp_path / "i.pdf", today=TODAY)
    finally:
        ws.close()
    out = tmp_path / "c.pdf"
    asked = run(*db, "dossier", "--locale", "en", "--omit-confidential", "-o", str(out))
    assert asked.exit_code == 1 and "Traceback" not in asked.output
    assert "--without-guarantee" in asked.output and "deficit of SEK" in asked.output
    assert len(asked.output.strip().splitlines()) == 1 and not out.exists()
    made = run(*db, "dossier", "--locale", "en", "--omit-confidential", "--without-guarantee", "-o", str(out))
    assert made.exit_code == 0, made.output
    assert "Financial guarantee" not in text_of(out)


async def test_the_dossier_screen_asks_about_a_deficit_without_a_guarantee(tmp_path):
    from planner.tui import make_app
    from tests.tui.conftest import SIZE, settle

    settings = Settings.load(db=tmp_path / "p.db", env={"PLANNER_EXPORT_DIR": str(tmp_path / "exports")})
    ws = Workspace.open(settings)
    bid_id, _created = load_demo(ws)
    bid = get_bid(ws, bid_id)
    update_record(ws, m.Bid, bid_id, {"guarantor": ""}, expected_version=bid.version)
    ws.close()
    app = make_app(settings, today=date(2011, 10, 3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.click("#disclosure-omit")  # first the confidential sponsor, then the deficit
        await settle(pilot)
        assert app.screen.query_one("#form-title").render().plain == "A deficit with no guarantee"
        assert not app.bundle.exports
        await pilot.click("#deficit-go")
        await settle(pilot)
        assert len(app.bundle.exports) == 1
        assert '"without_guarantee": true' in app.bundle.exports[0].options


def test_the_swedish_commitments_say_the_support_is_confirmed_or_pledged_in_one_gender(demo):
    """'Stödet' is confirmed or pledged: the committee's commitments table says 'Bekräftat' beside 'Utlovat'
    (the cards' 'Säkrat', 'Utlovat'), not 'Bekräftad'."""
    _ws, _bid, out = demo
    table = out["sv", "committee"]
    table = table[table.index("Partner Stöd Status Belopp"):]
    table = table[:table.index("Stödbreven finns")]
    assert "Bekräftat" in table and "Utlovat" in table
    assert "Bekräftad" not in table
    assert "Confirmed" in out["en", "committee"]
