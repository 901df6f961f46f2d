"""The dossier of the demo bid through the services: audiences, figures as the engines compute them, exports."""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from planner.config import Settings
from planner.domain.enums import Scenario
from planner.domain.money import Money
from planner.i18n import use_locale
from planner.services.demo import load_demo
from planner.services.dossier import export_dossier, export_history
from planner.services.errors import PlannerError
from planner.services.planning import Planning
from planner.services.rates import set_manual_rate
from planner.services.workspace import Workspace, load_bundle
from planner.store import models as m


def printed(amount, lang: str) -> str:
    """An amount as the dossier prints it in `lang` (whole units, the currency spaced), as text extraction
    reads it (a no-break space as a space)."""
    from planner.dossier.amounts import money
    from planner.i18n import use_locale

    with use_locale(lang):
        return money(amount).replace("\u00a0", " ")

TODAY = date(2011, 11, 1)
GALAXY = "The Galaxy of Postproduction"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dossier")
    settings = Settings.load(db=str(folder / "planner.db"), env={"PLANNER_EXPORT_DIR": str(folder / "exports"),
                                                                  "PLANNER_DATA_DIR": str(folder / "data"),
                                                                  "PLANNER_USER": "tester"})
    ws = Workspace.open(settings)
    bid_id, _created = load_demo(ws)
    set_manual_rate(ws, "SEK", "11.0", date(2012, 1, 2))
    yield ws, bid_id
    ws.close()


@pytest.fixture(scope="module")
def dossiers(demo):
    """Every language and audience of the demo, exported once: {(lang, audience): (result, text)}."""
    ws, bid_id = demo
    out = {}
    for lang in ("sv", "en"):
        for audience, partner in (("committee", None), ("partner", "Region Gävleborg"), ("internal", None),
                                  ("galaxy", GALAXY)):
            # Galaxy is the demo's one confidential partner: only its own edition can be made as it is
            result = export_dossier(ws, bid_id, audience="partner" if audience == "galaxy" else audience,
                                    locale=lang, partner=partner, today=TODAY,
                                    omit_confidential=audience in ("committee", "partner"))
            reader = PdfReader(io.BytesIO(result.path.read_bytes()))
            text = "\n".join(page.extract_text() for page in reader.pages)
            out[lang, audience] = (result, text.replace("\u00a0", " ").replace("\u202f", " "))
    return out


def contacts(ws, bid_id) -> tuple[set[str], set[str]]:
    """The e-mail addresses and phone numbers of the demo's speakers, partner contacts and venues."""
    bundle = load_bundle(ws, bid_id)
    mails = {x for s in bundle.speakers for x in [s.email]} | {p.contact_email for p in bundle.partners}
    mails |= {v.contact_email for v in bundle.venues}
    phones = {s.phone for s in bundle.speakers} | {p.contact_phone for p in bundle.partners}
    phones |= {v.contact_phone for v in bundle.venues}
    return {x for x in mails if x}, {x for x in phones if x}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("audience", ["committee", "partner", "galaxy"])
def test_no_contact_details_or_internal_notes_outside_the_team(demo, dossiers, lang, audience):
    ws, bid_id = demo
    _result, text = dossiers[lang, audience]
    mails, phones = contacts(ws, bid_id)
    assert mails and phones
    squashed = flat(text)
    for value in mails | phones:
        assert flat(value) not in squashed, value
    notes = load_bundle(ws, bid_id).bid.internal_notes
    assert "board meets 15 November" in notes
    assert "board meets" not in text and "confidential until" not in text
    assert "example.org" not in text.replace("maja.ekholm@example.org", "")  # the bid's own contact only


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_internal_dossier_has_contacts_notes_and_every_line(demo, dossiers, lang):
    ws, bid_id = demo
    _result, text = dossiers[lang, "internal"]
    squashed = flat(text)
    bundle = load_bundle(ws, bid_id)
    for speaker in bundle.speakers:
        assert flat(speaker.email) in squashed, speaker.email
    for partner in bundle.partners:
        assert flat(partner.contact_email) in squashed
    assert flat("board meets 15 November") in squashed
    for line in bundle.budget_lines:
        assert flat(line.label) in squashed, line.label


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_speakers_are_named_only_when_confirmed_and_consenting(demo, dossiers, lang):
    ws, bid_id = demo
    bundle = load_bundle(ws, bid_id)
    committee = flat(dossiers[lang, "committee"][1])
    internal = flat(dossiers[lang, "internal"][1])
    for speaker in bundle.speakers:
        named = speaker.consent_to_be_named and speaker.status == "confirmed"
        assert (flat(speaker.display_name) in committee) == named, speaker.display_name
        assert flat(speaker.display_name) in internal


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_confidential_amounts_hidden_from_others_shown_to_their_partner(demo, dossiers, lang):
    ws, bid_id = demo
    confidential = "Konfidentiellt" if lang == "sv" else "Confidential"
    amount = printed(_galaxy_amount(ws, bid_id), lang).replace("\xa0", " ")
    for audience in ("committee", "partner"):
        text = dossiers[lang, audience][1]
        table = flat(text)[flat(text).rindex(flat("Åtaganden" if lang == "sv" else "Commitments")):]
        row = table[table.index(flat(GALAXY)):][:160]  # its row in the commitments, not a mention in the prose
        assert confidential in row and flat(amount) not in row
    own = dossiers[lang, "galaxy"][1]
    your = "Ert åtagande" if lang == "sv" else "Your commitment"
    section = flat(own)[flat(own).rindex(flat(your)):][:400]  # the section, not its contents entry
    assert flat(amount) in section


def _galaxy_amount(ws, bid_id):
    from planner.domain.money import Money

    bundle = load_bundle(ws, bid_id)
    partner = next(p for p in bundle.partners if p.name == GALAXY)
    row = next(c for c in bundle.commitments if c.partner_id == partner.id)
    return Money(row.amount_minor, row.currency)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("audience", ["committee", "internal"])
def test_budget_figures_are_what_the_planning_engines_compute(demo, dossiers, lang, audience):
    ws, bid_id = demo
    text = dossiers[lang, audience][1]
    with use_locale(lang):
        plan = Planning.load(ws, bid_id, today=TODAY)
        expected = plan.budget.scenarios[Scenario.EXPECTED]
        # the committee edition leaves Galaxy's confidential pledge out of every total (it cannot be hidden)
        left_out = _galaxy_amount(ws, bid_id) if audience == "committee" else Money(0, "SEK")
        figures = [expected.income - left_out, expected.expenses, expected.result - left_out]
        figures += [plan.budget.scenarios[s].result - left_out for s in Scenario]
        figures.append(plan.impact(Scenario.EXPECTED).total)
        funding = plan.funding.scenarios[Scenario.EXPECTED]
        if audience == "internal":
            figures += [funding.secured, funding.pledged, funding.gap]
        shown = [printed(x, lang).replace("\xa0", " ") for x in figures]
    for value in shown:
        assert value in text, value
    if audience == "committee":  # break-even of the budget as presented: the engine without the pledge
        from planner.domain.enums import Audience
        from planner.services.disclosure import MoneyView

        with use_locale(lang):
            view = MoneyView(plan, Audience.COMMITTEE, omit=True)
            assert view.left_out_commitments and not view.problems
            expected = view.presented.budget.scenarios[Scenario.EXPECTED]
    attendance = expected.break_even_attendance.attendance
    shown = f"{attendance:,}".replace(",", " " if lang == "sv" else ",") if attendance else None
    if audience == "internal":
        assert shown in text
    else:  # more than the largest hall (800 seats) holds: working material, not for the committee
        assert attendance > 800 and shown not in text


def test_committee_totals_leave_out_the_confidential_pledge(demo, dossiers):
    ws, bid_id = demo
    with use_locale("en"):
        funding = Planning.load(ws, bid_id, today=TODAY).funding.scenarios[Scenario.EXPECTED]
    hidden = _galaxy_amount(ws, bid_id)
    text = dossiers["en", "committee"][1]
    assert printed(funding.pledged - hidden, "en") in text


def test_every_export_is_recorded_with_its_hash_and_listed(demo, dossiers):
    ws, bid_id = demo
    history = export_history(ws, bid_id)
    assert len(history) >= 8
    result, _text = dossiers["sv", "committee"]
    record = next(r for r in history if r.id == result.export_id)
    data = result.path.read_bytes()
    assert record.sha256 == hashlib.sha256(data).hexdigest() == result.sha256
    assert record.pages == result.pages == len(PdfReader(io.BytesIO(data)).pages)
    assert record.audience == "committee" and record.locale == "sv" and record.recipient
    assert record.options == {"audience": "committee", "locale": "sv", "partner": None, "omit_confidential": True}
    assert result.path.name == f"generator-2012-gavle-committee-sv-{TODAY.isoformat()}.pdf"
    partner = dossiers["en", "partner"][0]
    assert partner.path.name == f"generator-2012-gavle-partner-region-gavleborg-en-{TODAY.isoformat()}.pdf"
    assert next(r for r in history if r.id == partner.export_id).recipient == "Region Gävleborg"


def test_same_data_and_options_give_the_same_file(demo, tmp_path):
    ws, bid_id = demo
    first = export_dossier(ws, bid_id, audience="internal", locale="sv", output=tmp_path / "a.pdf", today=TODAY)
    second = export_dossier(ws, bid_id, audience="internal", locale="sv", output=tmp_path / "b.pdf", today=TODAY)
    assert first.sha256 == second.sha256


def test_partner_dossier_mistakes_are_explained(demo):
    ws, bid_id = demo
    with pytest.raises(PlannerError, match="--partner"):
        export_dossier(ws, bid_id, audience="partner", locale="en")
    with pytest.raises(PlannerError, match="Region Gävleborg"):
        export_dossier(ws, bid_id, audience="partner", partner="Nobody AB", locale="en")
    with pytest.raises(PlannerError, match="--partner"):
        export_dossier(ws, bid_id, audience="committee", partner="Movexum", locale="en")


def run(*args: str):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), prog_name="planner")


def test_the_command_line_makes_a_dossier_and_lists_the_history(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    out = tmp_path / "out" / "dossier.pdf"
    made = run(*db, "dossier", "--locale", "sv", "--audience", "internal", "-o", str(out))
    assert made.exit_code == 0, made.output
    assert out.is_file() and "dossier.pdf" in made.output
    asked = run(*db, "dossier", "--locale", "en")
    assert asked.exit_code == 1 and "Traceback" not in asked.output
    assert "The Galaxy of Postproduction" in asked.output and "--omit-confidential" in asked.output
    assert len(asked.output.strip().splitlines()) == 1
    assert not list((tmp_path / "exports").glob("*.pdf"))  # asked before anything was written
    default = run(*db, "dossier", "--locale", "en", "--omit-confidential")
    assert default.exit_code == 0, default.output
    exports = list((tmp_path / "exports").glob("generator-2012-gavle-committee-en-*.pdf"))
    assert len(exports) == 1
    history = run(*db, "dossier", "--history")
    assert history.exit_code == 0 and "dossier.pdf" in history.output and exports[0].name in history.output
    wrong = run(*db, "dossier", "--audience", "partner")
    assert wrong.exit_code == 1 and "--partner" in wrong.output and "Traceback" not in wrong.output


def test_records_of_exports_store_json_options(demo):
    ws, bid_id = demo
    with ws.session() as s:
        rows = s.exec(__import__("sqlmodel").select(m.DossierExport)).all()
        assert all(json.loads(r.options)["locale"] in ("sv", "en") for r in rows)


def test_a_letter_of_support_file_is_appended_to_every_audience(tmp_path):
    from planner.services.attachments import attach_letter
    from tests.dossier.test_render import _letter

    ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db")))
    try:
        bid_id, _created = load_demo(ws)
        partner = next(p for p in load_bundle(ws, bid_id).partners if p.name == "Nordanstigs kommun")
        letter = _letter(tmp_path / "letter.pdf", "WE SUPPORT THE BID", 1)
        before = export_dossier(ws, bid_id, locale="sv", output=tmp_path / "before.pdf", today=TODAY,
                                omit_confidential=True)
        attach_letter(ws, bid_id, partner.name, letter)
        letter.unlink()  # the stored file is what the dossier prints
        after = export_dossier(ws, bid_id, locale="sv", output=tmp_path / "after.pdf", today=TODAY,
                               omit_confidential=True)
        reader = PdfReader(str(after.path))
        assert after.pages == len(reader.pages) == before.pages + 1
        assert "WE SUPPORT THE BID 1" in reader.pages[-1].extract_text()
        assert f"Sida {after.pages} av {after.pages}" in " ".join(reader.pages[-1].extract_text().split())
        titles = [(o.title, reader.get_destination_page_number(o) + 1) for o in _flatten(reader.outline)]
        assert ("Stödbrev från Nordanstigs kommun", after.pages) in titles
    finally:
        ws.close()


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


@pytest.mark.parametrize("audience", ["committee", "internal"])
def test_a_new_bid_with_almost_nothing_still_makes_a_dossier(tmp_path, audience):
    from planner.services.workspace import create_bid

    ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db")))
    try:
        bid = create_bid(ws, conference="Nordic Games Summit", host_city="Gävle")
        result = export_dossier(ws, bid.id, audience=audience, locale="sv", output=tmp_path / "d.pdf")
        text = " ".join(page.extract_text() for page in PdfReader(str(result.path)).pages)
        assert "Nordic Games Summit" in text and result.pages >= (2 if audience == "internal" else 1)
        assert ("Kommer: det här avsnittet har inga uppgifter än." in " ".join(text.split())) == \
            (audience == "internal")
    finally:
        ws.close()


@pytest.mark.parametrize(("lang", "said"), [("en", "the budget converts at the rates of 30 November 2011, but the "
                                                   "SEK rate used is from 2 January 2012 (33 days away)"),
                                            ("sv", "budgeten räknas om med kurserna från 30 november 2011, men "
                                                   "kursen för SEK är från 2 januari 2012 (33 dagar ifrån)")])
def test_the_internal_dossier_says_once_that_the_rate_is_far_from_the_rate_date(dossiers, lang, said):
    # the demo is due 30 November 2011; the only SEK rate in force is the manual one from 2 January 2012
    assert flat(dossiers[lang, "internal"][1]).count(flat(said)) == 1
    for audience in ("committee", "partner"):
        assert flat(said) not in flat(dossiers[lang, audience][1])


def test_the_venues_address_names_its_city_once(demo):
    """The demo's address already ends with the city ('Kaserngatan 5, Gävle'): the dossier does not add it a
    second time; an address without it gets the city, after a comma."""
    from planner.services import records
    from planner.services.dossier import dossier_content

    ws, bid_id = demo
    content, _partner, _warnings = dossier_content(ws, bid_id, audience="committee", locale="sv", today=TODAY,
                                                   omit_confidential=True)
    assert content.venue.address == "Kaserngatan 5, Gävle"
    venue = next(v for v in load_bundle(ws, bid_id).venues if v.name == content.venue.name)
    records.edit(ws, "venue", venue.id, {"address": "Kaserngatan 5, 802 50 Gävle"})
    try:
        content, _partner, _warnings = dossier_content(ws, bid_id, audience="committee", locale="sv",
                                                       today=TODAY, omit_confidential=True)
        assert content.venue.address == "Kaserngatan 5, 802 50 Gävle"
        records.edit(ws, "venue", venue.id, {"address": "Kaserngatan 5"})
        content, _partner, _warnings = dossier_content(ws, bid_id, audience="committee", locale="sv",
                                                       today=TODAY, omit_confidential=True)
        assert content.venue.address == "Kaserngatan 5, Gävle"
    finally:
        records.edit(ws, "venue", venue.id, {"address": "Kaserngatan 5, Gävle"})
