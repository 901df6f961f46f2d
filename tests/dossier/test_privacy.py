"""Nothing confidential is derivable from a dossier: every edition of a bid marked up with private values.

The marked bid has a distinctive value in every private field (contacts' e-mail and phone, notes,
conditions) and a distinctive amount on every confidential commitment and budget line; every other amount is
a whole thousand kronor, so a printed figure that carries part of a confidential amount shows in its last
digits. Every audience (committee, each partner, internal) is built in both languages and read back the way
a reader gets it: the extracted text, every decompressed stream, the metadata, the outline and the
annotations. The subtraction rule is checked on the amounts printed, parsed back from the text: no printed
figure equals a confidential amount, and no printed figure minus a sum of up to three others does.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import zlib
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from planner.config import Settings
from planner.domain.money import Money
from planner.i18n import use_locale
from planner.i18n.format import format_money
from planner.services.bidfile import import_bid as import_text
from planner.services.dossier import ConfidentialityQuestion, export_dossier
from planner.services.workspace import Workspace, load_bundle


def printed(amount, lang: str) -> str:
    """An amount as the dossier prints it in `lang` (whole units, the currency spaced), as text extraction
    reads it (a no-break space as a space)."""
    from planner.dossier.amounts import money
    from planner.i18n import use_locale

    with use_locale(lang):
        return money(amount).replace("\u00a0", " ")

TODAY = date(2012, 9, 1)
LANGS = ("sv", "en")


def kr(amount: int) -> int:
    return amount * 100


# -- the marked bid ------------------------------------------------------------------------------------------

# confidential amounts, in kronor: each distinctive, none a whole thousand, no two summing to a whole thousand
SECRET = {
    "alfa": 47_311,  # cash, pledged, linked to a sponsorship line whose plan is the same amount
    "beta": 23_457,  # cash, signed, linked to no line: a partner contribution line of its own
    "gamma": 61_829,  # venue in kind, signed, covering part of the venue line
    "delta": 52_719,  # in kind, signed, covering all of the AV line (its plan is the same amount)
    "epsilon": 18_253,  # cash, a prospect: in no total, its amount still not to be printed
    "line_income": 36_427,  # a confidential income line
    "line_fee": 14_683,  # a confidential expense line
    "line_security": 9_346,  # another confidential expense line
}

# every private text: it must never reach a committee or partner edition (conditions: their own partner's only)
PRIVATE: dict[str, str] = {}


def private(name: str) -> str:
    PRIVATE[name] = f"Qx{name.replace('_', '')}Zq"
    return PRIVATE[name]


def phone(n: int) -> str:
    value = f"+46 70 174 06 {60 + n}"
    PRIVATE[f"phone{n}"] = value
    return value


PARTNERS = [
    # name, kind, commitment kind, status, amount kr, confidential, budget line id
    ("Testby kommun", "municipality", "cash", "signed", 300_000, False, 2),
    ("Sponsor Alfa AB", "company", "cash", "pledged", SECRET["alfa"], True, 3),
    ("Sponsor Beta AB", "company", "cash", "signed", SECRET["beta"], True, None),
    ("Gamma Venues AB", "company", "venue", "signed", SECRET["gamma"], True, 6),
    ("Delta AV AB", "company", "in_kind", "signed", SECRET["delta"], True, 8),
    ("Epsilon Foundation", "public_funder", "cash", "prospect", SECRET["epsilon"], True, None),
    ("Zeta Network", "network", "in_kind", "pledged", 30_000, False, None),
    ("Eta Declined AB", "company", "cash", "declined", 12_000, False, None),
]
PARTNER_NAMES = [p[0] for p in PARTNERS]
CONFIDENTIAL_PARTNERS = {p[0]: p[4] for p in PARTNERS if p[5]}


def marked_bid() -> dict:
    doc: dict = {"format": "planner.bid", "version": 1}
    doc["bid"] = {
        "conference": "Privacy Summit", "edition": "2013", "host_city": "Testby", "host_region": "Provinsen",
        "organiser": "Testby Region", "contact_name": "Bid Contact", "contact_email": "bid@example.net",
        "contact_phone": "+46 26 000 00 00", "bid_deadline": "2012-10-01", "decision_date": "2012-12-01",
        "event_start": "2013-05-20", "event_end": "2013-05-21", "event_days": 2, "attendance_low": 200,
        "attendance_expected": 400, "attendance_high": 600, "complimentary_attendees": 0,
        "base_currency": "SEK", "vat_deductible": True, "spend_per_delegate_day_minor": kr(3_000),
        "internal_notes": private("bid_note"),
    }
    doc["bid_text"] = [{"id": i + 1, "key": key, "locale": lang, "body": f"{key} {lang}: Testby welcomes you."}
                       for i, (key, lang) in enumerate(itertools.product(("invitation", "summary"), LANGS))]
    doc["date_option"] = [{"id": 1, "start_date": "2013-05-20", "end_date": "2013-05-21", "preferred": True,
                           "note": ""}]
    doc["venue"] = [{"id": 1, "name": "Testby Hall", "address": "Storgatan 1", "city": "Testby",
                     "status": "option_held", "cost_minor": kr(100_000), "currency": "SEK",
                     "cost_note": private("venue_cost_note"), "distance_station_m": 1000,
                     "contact_name": "Hall Contact", "contact_email": private("venue_mail") + "@example.net",
                     "contact_phone": phone(1), "internal_notes": private("venue_note")}]
    doc["room"] = [{"id": 1, "venue_id": 1, "name": "Main hall", "kind": "plenary", "capacity_theatre": 800}]
    doc["accommodation_block"] = [{"id": 1, "hotel": "Hotel Testby", "rooms": 100, "nights": 2,
                                   "rate_minor": kr(1_000), "currency": "SEK", "distance_m": 500}]
    lines = [
        # id, kind, category, label, basis, unit kr, confidential
        (1, "income", "registration", "Delegate fee", "per_paying_attendee", 2_000, False),
        (2, "income", "public_funding", "Municipal grant", "fixed", 300_000, False),
        (3, "income", "sponsorship", "Sponsorship, lead sponsor", "fixed", SECRET["alfa"], False),
        (4, "income", "sponsorship", "Silent sponsor", "fixed", SECRET["line_income"], True),
        (5, "income", "exhibition", "Exhibition stands", "fixed", 50_000, False),
        (6, "expense", "venue", "Testby Hall, two days", "fixed", 100_000, False),
        (7, "expense", "catering", "Lunch and coffee", "per_attendee", 1_000, False),
        (8, "expense", "av_technology", "Stage and sound", "fixed", SECRET["delta"], False),
        (9, "expense", "marketing", "Marketing", "fixed", 40_000, False),
        (10, "expense", "speakers", "Keynote fee", "fixed", SECRET["line_fee"], True),
        (11, "expense", "other", "Security", "fixed", SECRET["line_security"], True),
        (12, "expense", "contingency", "Contingency", "fixed", 30_000, False),
    ]
    doc["budget_line"] = [
        {"id": i, "kind": kind, "category": cat, "label": label, "basis": basis, "unit_minor": kr(unit),
         "quantity": 1, "currency": "SEK", "vat_rate_percent": 0, "confidential": conf,
         "note": private(f"line_note{i}"), "position": i}
        for i, kind, cat, label, basis, unit, conf in lines]
    doc["speaker"] = [
        {"id": i, "given_name": given, "family_name": family, "display_name": f"{given} {family}",
         "organisation": "Org", "email": private(f"speaker_mail{i}") + "@example.net", "phone": phone(1 + i),
         "talk_title": f"Talk {i}", "consent_to_be_named": True, "fee_minor": kr(10_000), "fee_currency": "SEK",
         "status": "confirmed", "internal_notes": private(f"speaker_note{i}")}
        for i, (given, family) in enumerate((("Anna", "Berg"), ("Jiří", "Novák")), start=1)]
    doc["programme_session"] = [{"id": 1, "title": "Opening", "kind": "keynote", "status": "confirmed",
                                 "day": "2013-05-20", "start_time": "09:00:00", "end_time": "10:00:00",
                                 "room_id": 1}]
    doc["session_speaker"] = [{"session_id": 1, "speaker_id": 1}]
    doc["partner"] = [
        {"id": i, "name": name, "kind": kind, "contact_name": f"Contact {i}",
         "contact_email": private(f"partner_mail{i}") + "@example.net", "contact_phone": phone(10 + i),
         "letter_status": "received", "internal_notes": private(f"partner_note{i}")}
        for i, (name, kind, *_rest) in enumerate(PARTNERS, start=1)]
    doc["commitment"] = [
        {"id": i, "partner_id": i, "kind": ckind, "description": f"Support from {name}",
         "amount_minor": kr(amount), "currency": "SEK", "status": status, "due_date": "2013-01-15",
         "conditions": private(f"conditions{i}"), "confidential": conf, "budget_line_id": line,
         "internal_notes": private(f"commitment_note{i}")}
        for i, (name, _kind, ckind, status, amount, conf, line) in enumerate(PARTNERS, start=1)]
    # the bid team: the contact's own e-mail and phone, a member's, and a member left out of the dossier
    doc["team_member"] = [
        {"id": i, "name": name, "role": role, "organisation": "Testby Region",
         "email": private(f"team_mail{i}") + "@example.net", "phone": phone(29 + i), "shown_in_dossier": shown,
         "position": i}
        for i, (name, role, shown) in enumerate((("Bid Contact", "Project lead", True),
                                                 ("Tove Teamsson", "Programme", True),
                                                 (private("hidden_member"), "Finance", False)), start=1)]
    doc["task"] = [
        {"id": 1, "title": "Bid submitted", "kind": "milestone", "status": "todo", "due_date": "2012-10-01",
         "owner": "Bid Contact", "note": private("task_note1"), "position": 0},
        {"id": 2, "title": "Decision", "kind": "milestone", "status": "todo", "due_date": "2012-12-01",
         "owner": "Bid Contact", "note": private("task_note2"), "position": 1},
    ]
    return doc


# -- reading a dossier back ------------------------------------------------------------------------------------

AMOUNT = {
    "sv": re.compile(r"([-−]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})*)[ \u00a0\u202f]?kr"),
    "en": re.compile(r"([-−]?)SEK[ \u00a0\u202f]?(\d{1,3}(?:,\d{3})*)"),
}


class Reading:
    """Everything a reader of the PDF can get at, as text."""

    def __init__(self, pdf: bytes, lang: str) -> None:
        reader = PdfReader(io.BytesIO(pdf))
        self.text = "\n".join(page.extract_text() or "" for page in reader.pages)
        self.text = self.text.replace("\u00a0", " ").replace("\u202f", " ")
        self.flat = re.sub(r"\s+", "", self.text)
        streams: list[str] = []
        for number in range(1, int(reader.trailer["/Size"])):
            try:
                obj = reader.get_object(IndirectObject(number, 0, reader))
            except Exception:  # noqa: BLE001 - a free entry in the cross-reference table
                continue
            if isinstance(obj, StreamObject):
                data = obj.get_data()
                try:  # a stream pypdf leaves encoded (images) is inflated here when it can be
                    data = zlib.decompress(data)
                except zlib.error:
                    pass
                streams.append(data.decode("latin-1"))
        self.streams = "\n".join(streams)
        self.metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
        titles: list[str] = []

        def walk(items):
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    titles.append(str(item.title))
        walk(reader.outline)
        self.outline = " ".join(titles)
        annotations: list[str] = []
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                annotations.append(json.dumps({str(k): str(v) for k, v in annot.items()}, ensure_ascii=False))
        self.annotations = " ".join(annotations)
        self.amounts = sorted({int(sign_digits[1].replace(" ", "").replace(",", "").replace("\u00a0", ""))
                               * (-1 if sign_digits[0] else 1)
                               for sign_digits in AMOUNT[lang].findall(self.text)})

    def everything(self) -> str:
        return "\n".join((self.text, self.streams, self.metadata, self.outline, self.annotations))


def money_forms(amount_kr: int) -> list[str]:
    """How an amount can be written: in each language's format, and as bare digits (kronor and öre)."""
    forms = [printed(Money(kr(amount_kr), "SEK"), lang) for lang in LANGS]
    forms += [format_money(Money(kr(amount_kr), "SEK"), lang) for lang in LANGS]
    forms = [f.replace("\u00a0", " ").replace("\u202f", " ") for f in forms]
    return forms + [str(amount_kr), str(kr(amount_kr))]


def contains_amount(haystack: str, amount_kr: int) -> str | None:
    """The form of the amount found in `haystack` (a number standing alone, not part of a longer one)."""
    flat = haystack.replace("\u00a0", " ").replace("\u202f", " ")
    for form in money_forms(amount_kr):
        if re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d])", flat):
            return form
        squeezed = form.replace(" ", "")
        if squeezed != form and re.search(r"(?<![\d.,])" + re.escape(squeezed) + r"(?![\d])",
                                           re.sub(r"\s+", "", flat)):
            return squeezed
    return None


def derivations(printed: list[int], secret: int) -> list[str]:
    """Each way `secret` comes out of the printed amounts: equal to one, or one minus up to three others."""
    found = [f"{secret} is printed"] if secret in printed else []
    values = sorted(set(printed))
    sums: dict[int, tuple[int, ...]] = {0: ()}
    for size in (1, 2, 3):
        for combo in itertools.combinations_with_replacement(values, size):
            sums.setdefault(sum(combo), combo)
    for total in values:
        rest = total - secret
        combo = sums.get(rest)
        if combo is None:
            continue
        if total in combo:  # the same figure on both sides: look for a decomposition without it
            others = [v for v in values if v != total]
            combo = next((c for size in (1, 2, 3) for c in itertools.combinations_with_replacement(others, size)
                          if sum(c) == rest), None)
            if combo is None:
                continue
        if combo:
            found.append(f"{total} - {' - '.join(map(str, combo))} = {secret}")
    return found


# -- fixtures --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy")
    settings = Settings.load(db=str(folder / "planner.db"), env={"PLANNER_EXPORT_DIR": str(folder / "exports"),
                                                                  "PLANNER_DATA_DIR": str(folder / "data"),
                                                                  "PLANNER_USER": "tester"})
    ws = Workspace.open(settings)
    bid_id = import_text(ws, json.dumps(marked_bid()).encode())
    yield ws, bid_id, folder
    ws.close()


EDITIONS = [("committee", None)] + [("partner", name) for name in PARTNER_NAMES] + [("internal", None)]


@pytest.fixture(scope="module")
def editions(marked):
    """{(lang, audience, partner): Reading} for every edition of the marked bid."""
    ws, bid_id, folder = marked
    out = {}
    for lang in LANGS:
        for audience, partner in EDITIONS:
            result = export_dossier(ws, bid_id, audience=audience, locale=lang, partner=partner, today=TODAY,
                                    output=folder / f"{lang}-{audience}-{partner}.pdf")
            out[lang, audience, partner] = Reading(result.path.read_bytes(), lang)
    return out


# -- tests -----------------------------------------------------------------------------------------------------


def test_the_marked_bid_is_what_the_test_says(marked):
    ws, bid_id, _folder = marked
    bundle = load_bundle(ws, bid_id)
    confidential = sorted(c.amount_minor for c in bundle.commitments if c.confidential)
    confidential += sorted(line.unit_minor for line in bundle.budget_lines if line.confidential)
    assert sorted(confidential) == sorted(kr(v) for k, v in SECRET.items())
    assert all(v % 1000 for v in SECRET.values())
    assert all((a + b) % 1000 for a, b in itertools.combinations(SECRET.values(), 2))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("audience", "partner"), [e for e in EDITIONS if e[0] != "internal"],
                         ids=lambda x: x or "-")
def test_no_confidential_amount_is_printed_or_derivable(editions, lang, audience, partner):
    reading = editions[lang, audience, partner]
    everything = reading.everything()
    own = CONFIDENTIAL_PARTNERS.get(partner) if partner else None
    for name, amount in SECRET.items():
        if amount == own:
            continue
        assert contains_amount(everything, amount) is None, (name, contains_amount(everything, amount))
        assert not derivations(reading.amounts, amount), (name, derivations(reading.amounts, amount))
    assert len(reading.amounts) > 15  # the budget, the funding and the impact are there to be checked


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("audience", "partner"), [e for e in EDITIONS if e[0] != "internal"],
                         ids=lambda x: x or "-")
def test_no_private_field_reaches_an_edition_outside_the_team(editions, lang, audience, partner):
    everything = editions[lang, audience, partner].everything()
    squashed = re.sub(r"\s+", "", everything)
    own = PARTNER_NAMES.index(partner) + 1 if partner else None
    for name, value in PRIVATE.items():
        if own is not None and name == f"conditions{own}":
            declined = PARTNERS[own - 1][3] == "declined"  # a declined commitment is in no edition but the team's
            assert (value in everything) != declined, "a partner's own edition shows its conditions"
            continue
        assert re.sub(r"\s+", "", value) not in squashed, name


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("audience", "partner"), [e for e in EDITIONS if e[0] != "internal"][:2],
                         ids=lambda x: x or "-")
def test_the_team_chapter_reaches_the_team_through_the_bids_contact_only(editions, lang, audience, partner):
    text = " ".join(editions[lang, audience, partner].text.split())
    assert "Tove Teamsson" in text and "Programme" in text  # the members shown, with their roles
    assert "bid@example.net" in text and "+46 26 000 00 00" in text  # the contact: the bid's own details
    assert text.count("Bid Contact") >= 1 and "Project lead" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("partner", list(CONFIDENTIAL_PARTNERS), ids=lambda x: x)
def test_a_partner_sees_its_own_confidential_amount(editions, lang, partner):
    text = editions[lang, "partner", partner].text
    amount = printed(Money(kr(CONFIDENTIAL_PARTNERS[partner]), "SEK"), lang)
    assert amount.replace("\u00a0", " ") in text


@pytest.mark.parametrize("lang", LANGS)
def test_confidential_money_is_pooled_where_the_pool_hides_each_member(editions, lang):
    text = " ".join(editions[lang, "committee", None].text.split())
    if lang == "sv":
        assert "Ytterligare bidrag under sekretess, 5 parter" in text
        assert "Ytterligare kostnader under sekretess, 4 poster" in text
    else:
        assert "Further contributions under confidentiality, 5 parties" in text
        assert "Further costs under confidentiality, 4 items" in text
    # Sponsor Alfa's own edition pools the four others
    own = " ".join(editions[lang, "partner", "Sponsor Alfa AB"].text.split())
    assert ("4 parter" if lang == "sv" else "4 parties") in own


@pytest.mark.parametrize("lang", LANGS)
def test_the_internal_edition_shows_everything(editions, lang):
    reading = editions[lang, "internal", None]
    squashed = reading.flat
    for name, value in PRIVATE.items():
        assert re.sub(r"\s+", "", value) in squashed, name
    for name, amount in SECRET.items():
        assert contains_amount(reading.text, amount), name


# -- one confidential party: the question before export, leaving it out, consent ------------------------------

ONE_SECRET = {  # the commitment or line left confidential, everything else made public
    "alfa": ("commitment", 2), "beta": ("commitment", 3), "gamma": ("commitment", 4), "delta": ("commitment", 5),
    "line_income": ("budget_line", 4), "line_fee": ("budget_line", 10),
}


def one_secret_bid(secret: str) -> dict:
    doc = marked_bid()
    table, key = ONE_SECRET[secret]
    for other in ("commitment", "budget_line"):
        for row in doc[other]:
            row["confidential"] = (other, row["id"]) == (table, key)
    return doc


@pytest.fixture
def single(tmp_path):
    def make(secret: str):
        ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db"), env={"PLANNER_USER": "tester"}))
        bid_id = import_text(ws, json.dumps(one_secret_bid(secret)).encode())
        made.append(ws)
        return ws, bid_id
    made: list = []
    yield make
    for ws in made:
        ws.close()


@pytest.mark.parametrize("secret", list(ONE_SECRET))
def test_one_confidential_party_is_asked_about_then_left_out_of_every_total(single, tmp_path, secret):
    ws, bid_id = single(secret)
    amount = SECRET[secret]
    target = tmp_path / "committee.pdf"
    with pytest.raises(ConfidentialityQuestion) as asked:
        export_dossier(ws, bid_id, audience="committee", locale="en", output=target, today=TODAY)
    assert not target.exists()  # asked before anything was written
    message = str(asked.value)
    assert "--omit-confidential" in message and "Consents to disclosure in the dossier" in message
    assert "\n" not in message
    for lang in LANGS:
        result = export_dossier(ws, bid_id, audience="committee", locale=lang, output=tmp_path / f"{lang}.pdf",
                                today=TODAY, omit_confidential=True)
        reading = Reading(result.path.read_bytes(), lang)
        assert contains_amount(reading.everything(), amount) is None
        assert not derivations(reading.amounts, amount), derivations(reading.amounts, amount)
        left_out = ("utelämnar konfidentiella belopp" if lang == "sv" else "leave out confidential amounts")
        assert left_out in " ".join(reading.text.split())


def test_the_question_names_the_party_and_what_consent_would_disclose(single):
    from planner.services.dossier import confidentiality_questions

    ws, bid_id = single("delta")  # in kind covering the whole AV line: the line's cost would give it away
    problems = confidentiality_questions(ws, bid_id, audience="committee", locale="en", today=TODAY)
    described = {p.describe() for p in problems}
    assert described == {"the confidential amount from Delta AV AB",
                         "the cost of “Stage and sound”, which a partner covers in kind under confidentiality"}
    assert {r for p in problems for r in p.records()} == {("commitment", 5)}
    # Delta's own edition knows the amount: nothing to ask
    assert confidentiality_questions(ws, bid_id, audience="partner", partner="Delta AV AB", locale="en",
                                     today=TODAY) == []


def test_consent_recorded_is_audited_and_lets_the_export_go_ahead(single, tmp_path):
    from sqlmodel import select

    from planner.services.disclosure import record_consent
    from planner.services.dossier import confidentiality_questions
    from planner.store import models as m

    ws, bid_id = single("alfa")
    problems = confidentiality_questions(ws, bid_id, audience="committee", locale="sv", today=TODAY)
    with use_locale("sv"):
        assert [p.describe() for p in problems] == ["det konfidentiella beloppet från Sponsor Alfa AB"]
    record_consent(ws, problems)
    with ws.session() as s:
        row = s.get(m.Commitment, 2)
        assert row.disclosure_consent and row.confidential  # still marked confidential in the table
        audit = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "commitment")).all()
    assert any("disclosure_consent" in (entry.after or "") and entry.who == "tester" for entry in audit)
    assert confidentiality_questions(ws, bid_id, audience="committee", locale="sv", today=TODAY) == []
    result = export_dossier(ws, bid_id, audience="committee", locale="sv", output=tmp_path / "c.pdf", today=TODAY)
    text = Reading(result.path.read_bytes(), "sv").text
    assert "Konfidentiellt" in text  # the row still does not spell the amount out; the totals count it


def test_the_demo_committee_edition_no_longer_prints_galaxy_as_the_sponsorship_line(tmp_path):
    from planner.services.demo import load_demo

    ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db")))
    try:
        bid_id, _created = load_demo(ws)
        with pytest.raises(ConfidentialityQuestion, match="The Galaxy of Postproduction"):
            export_dossier(ws, bid_id, audience="committee", locale="sv", output=tmp_path / "x.pdf",
                           today=date(2011, 11, 1))
        result = export_dossier(ws, bid_id, audience="committee", locale="sv", output=tmp_path / "x.pdf",
                                today=date(2011, 11, 1), omit_confidential=True)
        flat = Reading(result.path.read_bytes(), "sv").flat
        assert "Sponsring40000kr" not in flat and "Sponsring" not in flat.split("Budget")[-1]
        own = export_dossier(ws, bid_id, audience="partner", partner="The Galaxy of Postproduction", locale="sv",
                             output=tmp_path / "g.pdf", today=date(2011, 11, 1))  # nothing to hide from Galaxy
        assert "40000kr" in Reading(own.path.read_bytes(), "sv").flat
    finally:
        ws.close()


async def test_the_dossier_screen_asks_and_records_consent_when_told_to(tmp_path):
    from sqlmodel import select

    from planner.services.demo import load_demo
    from planner.store import models as m
    from planner.tui import make_app
    from tests.tui.conftest import SIZE, settle

    settings = Settings.load(db=tmp_path / "p.db", env={"PLANNER_EXPORT_DIR": str(tmp_path / "exports"),
                                                         "PLANNER_USER": "tester"})
    ws = Workspace.open(settings)
    load_demo(ws)
    ws.close()
    app = make_app(settings, today=date(2011, 10, 3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen.query_one("#form-title").render().plain == "Confidential amounts this dossier cannot hide"
        await pilot.press("escape")  # cancelled: nothing written, nothing recorded
        await settle(pilot)
        assert not app.bundle.exports
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.click("#disclosure-consent")
        await settle(pilot)
        assert len(app.bundle.exports) == 1
        galaxy = next(p for p in app.bundle.partners if p.name == "The Galaxy of Postproduction")
        row = next(c for c in app.bundle.commitments if c.partner_id == galaxy.id)
        assert row.disclosure_consent
    ws = Workspace.open(settings)
    try:
        with ws.session() as s:
            entries = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "commitment")).all()
        assert any("disclosure_consent" in entry.after for entry in entries)
    finally:
        ws.close()
