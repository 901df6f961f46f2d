"""Writes generator-gavle-2012.json, the demo bid, in the planner bid file format.

The story: Region Gävleborg's programme for the cultural and creative industries (KKN Gävleborg) bids to
host the Generator conference in Gävle in 2012. Facts from the story: the region offered each municipality
15 000 kr of co-financing for an activity that made local creative entrepreneurs visible (most activities
ended with far bigger budgets); partners are the sister project Affärsdesign KKN at Almi, the Movexum
incubator and the post-production network The Galaxy of Postproduction; the aims are to profile the region
in film post-production and to link the visitor industry with the creative industries.

Everything else (venues' figures, hotels, budget, people, dates) is illustrative. All people are fictional;
their e-mail addresses are at example.org and their phone numbers are from the range Sweden's regulator
reserves for fiction (070-174 06 05 to 070-174 06 99).

Run: .venv/bin/python data/demo/make_demo.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from demo_book import add_bid_book  # noqa: E402

HERE = Path(__file__).parent

# The Swedish of the demo's records that demo_book.py does not give them (translations: {field: {"sv": text}}),
# by table and record id; added to what the record carries.
SWEDISH: dict[str, dict[int, dict[str, str]]] = {
    "date_option": {
        1: {"note": "Före sommaren; universitetets salar är lediga efter terminens slut."},
    },
    "venue": {
        1: {
            "description": "Ett konserthus vid ån med en stor sal för 800 och foajéer för utställningar.",
            "accessibility": "Entréer utan trappsteg, hiss till alla våningar, hörslinga i stora salen.",
            "catering": "Egen restaurang för 350 sittande.",
            "av": "Fullständig konsertscen, projektion, streaming.",
        },
        2: {
            "description": "Universitetets campus med hörsalar och många seminarierum.",
            "accessibility": "Utan trappsteg; några grupprum nås bara med hiss.",
            "catering": "Studentrestaurang, extern cateringfirma till middagarna.",
            "av": "Projektion i hörsalarna; ingen streaming.",
        },
        3: {
            "description": "Två före detta gasklockor som blivit eventlokal: stämning, mindre bekvämlighet.",
            "accessibility": "Bottenvåningen utan trappsteg; läktaren är inte tillgänglig.",
            "catering": "Endast extern cateringfirma.",
            "av": "Teknik måste hyras in.",
        },
        4: {
            "description": "En konferensvåning i en hamnbyggnad; stora salen är för liten för det höga scenariot.",
            "accessibility": "Trappor till stora salen.",
            "catering": "Bra kök.",
            "av": "Enkel projektion.",
        },
    },
    "accommodation_block": {
        1: {"note": "Priset inkluderar frukost"},
        2: {"note": "Priset inkluderar frukost"},
        3: {"note": "Priset inkluderar frukost"},
        4: {"note": "Priset inkluderar frukost"},
    },
    "speaker": {
        1: {"talk_title": "Färgkorrigering för små skärmar", "bio": "Colorist på Studio Wrocław Post."},
        2: {"talk_title": "Samproduktion över gränserna", "bio": "Producent på Prague Film Hub."},
        3: {"talk_title": "Kreativa kvarter som betalar sin hyra", "bio": "Chef för Budapest Creative Quarter."},
        4: {"talk_title": "Designveckor som regionala motorer", "bio": "Curator på Cluj Design Week."},
        5: {"talk_title": "Spelstudior utanför huvudstäderna", "bio": "Grundare av Istanbul Game Lab."},
        6: {"talk_title": "Ljudarv som affär", "bio": "Arkivarie på Athens Sound Archive."},
        7: {"talk_title": "Animation för export", "bio": "Animatör på Riga Animation."},
        8: {"talk_title": "Från makerspace till tillverkare", "bio": "Arrangör på Sandviken Makerspace."},
        9: {"talk_title": "Textildesign med lokala väverier", "bio": "Formgivare på Hudiksvall Textil."},
        10: {"talk_title": "Klipprum i små städer", "bio": "Klippare i Bollnäs Film Collective."},
        11: {"talk_title": "Indiespel från kusten", "bio": "Speldesigner på Söderhamn Games."},
        12: {
            "talk_title": "Besökare som kommer för kulturen",
            "bio": "Turismutvecklare på Visit Gävleborg (påhittad funktion).",
        },
        13: {
            "talk_title": "Att finansiera kreativa nystartade företag",
            "bio": "Investerare på Malmö Creative Finance.",
        },
        14: {"talk_title": "Arbetsflöden i ljudefterbearbetning", "bio": "Ljuddesigner på Helsinki Post House."},
        15: {"talk_title": "Mediekluster som håller", "bio": "Strateg på Bergen Media City."},
        16: {"talk_title": "Kulturhuvudstad, kreativ ekonomi", "bio": "Producent på Aarhus Kulturproduktion."},
        17: {"talk_title": "Affärsdesign i praktiken", "bio": "Formgivare på Gävle Design Studio."},
        18: {"talk_title": "Inkubatorer för kreativa företag", "bio": "Affärscoach på Movexum (påhittad coach)."},
        19: {"talk_title": "Musikproduktion i skogen", "bio": "Producent på Ljusdal Musikproduktion."},
        20: {"talk_title": "Hantverk som säljer på nätet", "bio": "Hantverkare på Ockelbo Crafts."},
    },
    "programme_session": {
        1: {
            "title": "Välkommen till Gävle",
        },
        2: {
            "title": "Kreativa regioner i Europa",
        },
        3: {"title": "Kaffe och utställning"},
        4: {
            "title": "Kluster för efterbearbetning",
        },
        5: {
            "title": "Workshop i affärsdesign",
        },
        6: {
            "title": "Att finansiera kreativa nystartade företag",
        },
        7: {
            "title": "Textil och hantverk på nätet",
        },
        8: {
            "title": "Besökare som kommer för kulturen",
        },
        10: {
            "title": "Ljudarv som affär",
        },
        11: {
            "title": "Makers och tillverkare",
        },
        12: {
            "title": "Klipprum i små städer",
        },
        13: {
            "title": "Designveckor som regionala motorer",
        },
        14: {
            "title": "Mediekluster som håller",
        },
        15: {
            "title": "Avslutning: vad Gävleborg tar med sig hem",
        },
    },
    "commitment": {
        1: {"description": "Programfinansiering från KKN"},
        2: {"description": "Workshoppar i affärsdesign (arbetstid)"},
        3: {"description": "Förevenemang på inkubatorn"},
        4: {"description": "Sponsring av spåret om efterbearbetning"},
        5: {"description": "Studentvolontärer och AV-tekniker"},
        6: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        7: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        8: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        9: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        10: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        11: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        12: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        13: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        14: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
        15: {"description": "Medfinansiering av en lokal aktivitet inom de kulturella och kreativa näringarna"},
    },
    "task": {
        1: {"title": "Kandidaturprojektet startar"},
        2: {"title": "Be kommunerna om medfinansiering"},
        3: {"title": "Boka optioner på lokaler"},
        4: {"title": "Platsbesök på de tänkbara lokalerna"},
        5: {"title": "Samla in stödbrev"},
        6: {"title": "Budgeten godkänd av regionstyrelsen"},
        7: {"title": "Granskning av dossiern"},
        8: {"title": "Kandidaturen inlämnad"},
        9: {"title": "Beslut av Generators kommitté"},
        10: {"title": "Avtal med lokal och hotell undertecknade"},
        11: {"title": "Inbjudan till talare"},
        12: {"title": "Programmet publicerat"},
        13: {"title": "Anmälan öppnar"},
        14: {"title": "Konferensdagarna"},
        15: {"title": "Utvärderingsrapport"},
    },
}


def add_swedish(doc: dict) -> None:
    """Give the records named in SWEDISH their Swedish (in place); the bid's guarantor, guarantee statement and
    signatory's title too (the records are written in English: content_locale en)."""
    for table, by_id in SWEDISH.items():
        for row in doc[table]:
            if row["id"] in by_id:
                translations = row.setdefault("translations", {})
                translations.update({field: {"sv": text} for field, text in by_id[row["id"]].items()})
    doc["bid"]["translations"]["guarantor"] = {"sv": "Region Gävleborg, Regionala utvecklingsnämnden"}


def kr(amount: float | int) -> int:
    """Kronor to öre."""
    return round(amount * 100)


def phone(n: int) -> str:
    return f"+46 70 174 06 {5 + n:02d}"


def build() -> dict:
    doc: dict = {"format": "planner.bid", "version": 1}
    doc["bid"] = {
        "conference": "Generator", "edition": "2012", "host_city": "Gävle", "host_region": "Gävleborg",
        "organiser": "Region Gävleborg, KKN Gävleborg",
        "contact_name": "Maja Ekholm", "contact_email": "maja.ekholm@example.org", "contact_phone": phone(0),
        "bid_deadline": "2011-11-30", "decision_date": "2012-01-20",
        "event_start": "2012-05-24", "event_end": "2012-05-25", "event_days": 2,
        "attendance_low": 150, "attendance_expected": 300, "attendance_high": 450,
        "complimentary_attendees": 40, "base_currency": "SEK", "content_locale": "en", "vat_deductible": False, "status": "draft",
        "spend_per_delegate_day_minor": kr(3500), "logo_path": "",
        "guarantor": "Region Gävleborg, Regional Development Committee",
        "guarantee_statement": "Region Gävleborg guarantees the conference budget: should Generator 2012 in "
                               "Gävle close with a deficit, the region covers it up to SEK 500,000, as decided "
                               "by the Regional Development Committee.",
        "internal_notes": "Internal: the region's board meets 15 November; budget approval needed before the "
                          "deadline. Keep Galaxy's amount confidential until their board has signed.",
    }
    texts = {
        "invitation": (
            "Välkomna till Gävle! Region Gävleborg och länets tio kommuner bjuder in Generator 2012 till en "
            "region där de kulturella och kreativa näringarna möter besöksnäringen och det traditionella "
            "näringslivet.",
            "Welcome to Gävle! Region Gävleborg and the county's ten municipalities invite Generator 2012 to a "
            "region where the cultural and creative industries meet the visitor industry and traditional "
            "business.",
        ),
        "summary": (
            "Vi erbjuder två konferensdagar i maj 2012 i Gävle, med plats för 300 deltagare, ett program om "
            "affärsutveckling i kreativa branscher och ett starkt regionalt partnerskap.",
            "We offer two conference days in May 2012 in Gävle, for 300 delegates, with a programme on "
            "business development in the creative industries and a strong regional partnership.",
        ),
        "motivation": (
            "Under två år har KKN Gävleborg kartlagt branscherna, fört samman kommunernas närings- och "
            "kulturchefer och gett varje kommun möjlighet till 15 000 kronor i medfinansiering för en aktivitet "
            "som synliggör kreativa företagare. De flesta aktiviteterna fick en långt större budget. Generator "
            "i Gävle blir nästa steg.",
            "Over two years KKN Gävleborg has mapped the industries, brought the municipalities' business and "
            "culture directors to one table, and offered each municipality 15 000 kronor of co-financing for an "
            "activity that makes creative entrepreneurs visible. Most activities ended with far bigger budgets. "
            "Generator in Gävle is the next step.",
        ),
        "legacy": (
            "Konferensen ska lämna nätverk mellan kreativa företag och besöksnäringen, stärka regionens profil "
            "inom postproduktion av film och ge inkubatorn Movexum nya bolag att utveckla.",
            "The conference is to leave networks between creative businesses and the visitor industry, "
            "strengthen the region's profile in film post-production, and give the Movexum incubator new "
            "companies to develop.",
        ),
        "host_city": (
            "Gävle är en kompakt stad vid havet, med högskola, konserthus och ett levande kulturliv inom "
            "gångavstånd från centralstationen.",
            "Gävle is a compact seaside city, with a university, a concert hall and a lively cultural scene "
            "within walking distance of the central station.",
        ),
        "access": (
            "Tåg från Stockholm tar cirka 80 minuter och från Arlanda cirka 60 minuter. Alla föreslagna "
            "lokaler ligger inom 1,5 km från Gävle centralstation.",
            "Trains from Stockholm take about 80 minutes and from Arlanda airport about 60 minutes. All "
            "proposed venues are within 1.5 km of Gävle central station.",
        ),
        "bid_team": (
            "Kandidaturen leds av projektet KKN Gävleborg tillsammans med Almi, Movexum, The Galaxy of "
            "Postproduction och länets kommuner.",
            "The bid is led by the KKN Gävleborg project together with Almi, Movexum, The Galaxy of "
            "Postproduction and the county's municipalities.",
        ),
    }
    doc["bid_text"] = []
    n = 0
    for key, (sv, en) in texts.items():
        for locale, body in (("sv", sv), ("en", en)):
            n += 1
            doc["bid_text"].append({"id": n, "key": key, "locale": locale, "body": body})

    doc["date_option"] = [
        {"id": 1, "start_date": "2012-05-24", "end_date": "2012-05-25", "preferred": True,
         "note": "Before the summer; the university's halls are free after term."},
        {"id": 2, "start_date": "2012-09-20", "end_date": "2012-09-21", "preferred": False, "note": ""},
        {"id": 3, "start_date": "2012-10-11", "end_date": "2012-10-12", "preferred": False, "note": ""},
    ]

    venues = [
        # name, address, status, cost kr, centre m, station m, option_until, accessibility, catering, av, desc
        ("Gävle Konserthus", "Kaserngatan 5, Gävle", "option_held", 180_000, 400, 900, "2012-01-31",
         "Step-free entrances, lifts to every floor, hearing loops in the main hall.",
         "In-house restaurant for 350 seated.", "Full concert stage, projection, streaming.",
         "A concert hall by the river with an 800-seat main hall and foyers for exhibitions."),
        ("Högskolan i Gävle, campus Kungsbäck", "Kungsbäcksvägen 47, Gävle", "candidate", 95_000, 2500, 2200,
         "2011-12-15", "Step-free; some breakout rooms reached by a lift only.",
         "Student restaurant, external caterer for dinners.", "Lecture-hall projection; no streaming.",
         "The university's campus with lecture halls and many seminar rooms."),
        ("Gasklockorna", "Sjötullsgatan, Gävle", "candidate", 140_000, 1200, 1400, None,
         "Ground floor step-free; gallery not accessible.", "External caterer only.",
         "Hire-in AV needed.", "Two former gasholders turned into an event space: atmosphere, less comfort."),
        ("Strandhallen Konferens", "Strandgatan 1, Gävle", "rejected", 120_000, 300, 600, None,
         "Stairs to the main hall.", "Good kitchen.", "Basic projection.",
         "A conference floor in a harbour building; main hall too small for the high scenario."),
    ]
    doc["venue"] = []
    for i, (name, address, status, cost, centre, station, option, access, catering, av, desc) in enumerate(
            venues, start=1):
        doc["venue"].append({
            "id": i, "name": name, "address": address, "city": "Gävle", "status": status,
            "cost_minor": kr(cost), "currency": "SEK", "cost_note": "Two days incl. set-up, excl. VAT",
            "distance_centre_m": centre, "distance_station_m": station, "distance_airport_km": 95,
            "accessibility": access, "catering": catering, "av": av, "description": desc,
            "option_until": option, "contact_name": f"Venue contact {i}",
            "contact_email": f"venue{i}@example.org", "contact_phone": phone(10 + i),
            "internal_notes": "Negotiable by about 10 % if we sign before Christmas." if i == 1 else "",
        })
    rooms = [
        (1, "Stora salen", "plenary", 800, 0, 0), (1, "Foajén", "exhibition", 0, 0, 300),
        (1, "Lilla salen", "breakout", 150, 80, 0), (1, "Studion", "breakout", 90, 50, 0),
        (1, "Restaurangen", "catering", 0, 0, 350),
        (2, "Aulan", "plenary", 500, 0, 0), (2, "Sal 11:203", "breakout", 120, 60, 0),
        (2, "Sal 11:204", "breakout", 120, 60, 0), (2, "Sal 13:111", "breakout", 60, 40, 0),
        (3, "Klocka 1", "plenary", 400, 0, 250), (3, "Klocka 2", "breakout", 150, 0, 120),
        (4, "Hamnsalen", "plenary", 220, 120, 180), (4, "Kajen", "breakout", 60, 40, 0),
    ]
    doc["room"] = [
        {"id": i, "venue_id": v, "name": name, "kind": kind, "capacity_theatre": th, "capacity_classroom": cl,
         "capacity_banquet": bq, "cost_per_day_minor": 0, "currency": "SEK"}
        for i, (v, name, kind, th, cl, bq) in enumerate(rooms, start=1)
    ]
    availability = {1: (True, True, False), 2: (False, True, True), 3: (True, True, True), 4: (True, False, True)}
    doc["venue_availability"] = [
        {"venue_id": v, "date_option_id": d + 1, "available": ok}
        for v, flags in availability.items() for d, ok in enumerate(flags)
    ]
    criteria = json.loads((HERE.parent / "venue_criteria.json").read_text(encoding="utf-8"))["criteria"]
    doc["criterion"] = []
    for i, c in enumerate(criteria, start=1):
        name_en = c.get("name_en") or c.get("label")
        doc["criterion"].append({
            "id": i, "key": c["key"], "name_sv": c.get("name_sv") or name_en, "name_en": name_en,
            "weight": c["weight"], "min_score": c.get("min_score"), "position": i - 1,
        })
    keys = [c["key"] for c in criteria]
    scores = {  # per venue, in the order of the default criteria keys below
        1: {"capacity_fit": 9, "cost": 5, "accessibility": 9, "transport": 9, "technical_av": 10,
            "catering": 8, "atmosphere": 8, "availability": 7},
        2: {"capacity_fit": 7, "cost": 9, "accessibility": 7, "transport": 6, "technical_av": 6,
            "catering": 6, "atmosphere": 5, "availability": 7},
        3: {"capacity_fit": 6, "cost": 7, "accessibility": 5, "transport": 7, "technical_av": 4,
            "catering": 5, "atmosphere": 10, "availability": 10},
        4: {"capacity_fit": 3, "cost": 8, "accessibility": 2, "transport": 9, "technical_av": 5,
            "catering": 8, "atmosphere": 6, "availability": 7},
    }
    doc["venue_score"] = [
        {"venue_id": v, "criterion_id": keys.index(key) + 1, "score": score, "comment": ""}
        for v, by_key in scores.items() for key, score in by_key.items() if key in keys
    ]
    hotels = [
        ("Hotell Järnvägsparken", 4, 80, 2, 1195, 300, "2012-04-10"),
        ("Stadsviken Hotell", 3, 60, 2, 995, 700, "2012-04-10"),
        ("Hotell Gamla Gefle", 3, 40, 2, 1095, 500, "2012-04-24"),
        ("Vandrarhem Strömsbro", None, 30, 2, 450, 2500, "2012-05-01"),
    ]
    doc["accommodation_block"] = [
        {"id": i, "hotel": h, "stars": stars, "rooms": rooms_, "nights": nights, "rate_minor": kr(rate),
         "currency": "SEK", "distance_m": dist, "release_date": release, "note": "Rate incl. breakfast"}
        for i, (h, stars, rooms_, nights, rate, dist, release) in enumerate(hotels, start=1)
    ]
    lines = [
        # kind, category, label, basis, unit kr, qty, currency, vat, incl, committed kr, actual kr, confidential
        ("income", "registration", "Delegate fee", "per_paying_attendee", 1800, 1, "SEK", 25, False, 0, 0, False),
        ("income", "public_funding", "Region Gävleborg, KKN programme", "fixed", 250_000, 1, "SEK", 0, False,
         0, 0, False),
        ("income", "partner_contribution", "Municipal co-financing (10 x 15 000 kr)", "fixed", 15_000, 10, "SEK",
         0, False, 0, 0, False),
        ("income", "sponsorship", "Sponsorship, post-production network", "fixed", 40_000, 1, "SEK", 25, False,
         0, 0, True),
        ("income", "exhibition", "Exhibition stands", "fixed", 4_000, 10, "SEK", 25, False, 0, 0, False),
        ("expense", "venue", "Gävle Konserthus, two days", "fixed", 180_000, 1, "SEK", 25, False, 36_000, 0,
         False),
        ("expense", "av_technology", "Stage, sound, projection and streaming", "per_day", 35_000, 1, "SEK", 25,
         False, 0, 0, False),
        ("expense", "catering", "Lunch and coffee", "per_attendee_day", 395, 1, "SEK", 12, False, 0, 0, False),
        ("expense", "social_programme", "Conference dinner", "per_attendee", 450, 1, "SEK", 12, False, 0, 0,
         False),
        ("expense", "speakers", "Speaker gifts and hosting", "per_speaker", 600, 1, "SEK", 25, True, 0, 0, False),
        ("expense", "travel", "Study visit buses", "fixed", 9_500, 2, "SEK", 6, False, 0, 0, False),
        ("expense", "marketing", "Marketing and web", "fixed", 80_000, 1, "SEK", 25, False, 20_000, 12_400,
         False),
        ("expense", "staff", "Project staff (share of posts)", "fixed", 220_000, 1, "SEK", 0, False, 0, 0, False),
        ("expense", "printing", "Programme and badges", "per_attendee", 45, 1, "SEK", 25, False, 0, 0, False),
        ("expense", "insurance", "Event insurance", "fixed", 8_000, 1, "SEK", 0, False, 0, 0, False),
        ("expense", "other", "Post-production showcase equipment", "fixed", 4_500, 1, "EUR", 19, False, 0, 0,
         False),
        ("expense", "contingency", "Contingency", "fixed", 50_000, 1, "SEK", 0, False, 0, 0, False),
    ]
    doc["budget_line"] = [
        {"id": i, "kind": kind, "category": cat, "label": label, "basis": basis, "unit_minor": kr(unit),
         "quantity": qty, "currency": cur, "vat_rate_percent": vat, "amounts_include_vat": incl,
         "committed_minor": kr(committed), "actual_minor": kr(actual), "confidential": conf,
         "note": "", "position": i - 1}
        for i, (kind, cat, label, basis, unit, qty, cur, vat, incl, committed, actual, conf) in enumerate(
            lines, start=1)
    ]
    doc["budget_baseline"] = []
    doc["baseline_line"] = []

    people = [
        # given, family, organisation, role, country, status, consent, fee, fee cur, travel kr, nights, talk
        ("Łukasz", "Wróbel", "Studio Wrocław Post", "Colourist", "PL", "confirmed", True, 1500, "EUR", 4200, 2,
         "Grading for small screens"),
        ("Zuzana", "Dvořáková", "Prague Film Hub", "Producer", "CZ", "confirmed", True, 1200, "EUR", 4500, 2,
         "Co-producing across borders"),
        ("Ágnes", "Bőrcsök", "Budapest Creative Quarter", "Director", "HU", "invited", True, 0, "SEK", 5200, 2,
         "Creative quarters that pay their rent"),
        ("Ioana", "Ștefănescu", "Cluj Design Week", "Curator", "RO", "confirmed", False, 0, "SEK", 5800, 2,
         "Design weeks as regional engines"),
        ("Gökhan", "Yıldırım", "Istanbul Game Lab", "Founder", "TR", "idea", False, 0, "SEK", 0, 0,
         "Game studios outside capitals"),
        ("Ελένη", "Παπαδοπούλου", "Athens Sound Archive", "Archivist", "GR", "invited", True, 0, "SEK", 6400, 2,
         "Sound heritage as a business"),
        ("Ольга", "Иванова", "Riga Animation", "Animator", "LV", "declined", False, 0, "SEK", 0, 0,
         "Animation for export"),
        ("Anders", "Brännström", "Sandviken Makerspace", "Organiser", "SE", "confirmed", True, 0, "SEK", 600, 0,
         "From makerspace to manufacturer"),
        ("Lena", "Sjöberg", "Hudiksvall Textil", "Designer", "SE", "confirmed", True, 0, "SEK", 900, 1,
         "Textile design with local mills"),
        ("Johan", "Nyqvist", "Bollnäs Film Collective", "Editor", "SE", "confirmed", True, 5000, "SEK", 800, 1,
         "Editing suites in small towns"),
        ("Sara", "Holm", "Söderhamn Games", "Game designer", "SE", "invited", False, 0, "SEK", 700, 1,
         "Indie games from the coast"),
        ("Erik", "Lundgren", "Visit Gävleborg (fictional desk)", "Tourism developer", "SE", "confirmed", True, 0,
         "SEK", 0, 0, "Visitors who come for culture"),
        ("Amira", "Haddad", "Malmö Creative Finance", "Investor", "SE", "confirmed", True, 8000, "SEK", 3200, 1,
         "Financing creative start-ups"),
        ("Pekka", "Virtanen", "Helsinki Post House", "Sound designer", "FI", "confirmed", True, 1000, "EUR",
         3900, 2, "Sound post-production workflows"),
        ("Ingrid", "Solberg", "Bergen Media City", "Strategist", "NO", "invited", True, 0, "SEK", 4100, 2,
         "Media clusters that last"),
        ("Mikkel", "Sørensen", "Aarhus Kulturproduktion", "Producer", "DK", "confirmed", True, 0, "SEK", 3600, 1,
         "Cultural capital, creative economy"),
        ("Fatima", "Ahmadi", "Gävle Design Studio", "Designer", "SE", "confirmed", True, 0, "SEK", 0, 0,
         "Business design in practice"),
        ("Oskar", "Bergman", "Movexum (fictional coach)", "Business coach", "SE", "confirmed", True, 0, "SEK",
         0, 0, "Incubating creative companies"),
        ("Karin", "Åström", "Ljusdal Musikproduktion", "Producer", "SE", "idea", False, 0, "SEK", 0, 0,
         "Music production in the forest"),
        ("Tomas", "Ek", "Ockelbo Crafts", "Craftsman", "SE", "confirmed", True, 0, "SEK", 300, 0,
         "Crafts that sell online"),
    ]
    doc["speaker"] = []
    for i, (given, family, org, role, country, status, consent, fee, fee_cur, travel, nights, talk) in enumerate(
            people, start=1):
        doc["speaker"].append({
            "id": i, "given_name": given, "family_name": family, "display_name": f"{given} {family}",
            "organisation": org, "role": role, "email": f"speaker{i:02d}@example.org", "phone": phone(20 + i),
            "country": country, "bio": f"{role} at {org}.", "talk_title": talk, "consent_to_be_named": consent,
            "fee_minor": fee * 100, "fee_currency": fee_cur, "travel_minor": kr(travel), "travel_currency": "SEK",
            "nights": nights, "status": status, "source": "manual", "source_id": "", "avatar_url": "",
            "internal_notes": "Prefers morning slots." if i == 1 else "",
        })
    # Sessions in Gävle Konserthus: Stora salen = room 1, Lilla salen = 3, Studion = 4, Foajén = 2
    sessions = [
        ("2012-05-24", "09:00", "09:30", 1, "Welcome to Gävle", "talk", "confirmed", 300, [12]),
        ("2012-05-24", "09:30", "10:30", 1, "Creative regions in Europe", "keynote", "confirmed", 300, [2]),
        ("2012-05-24", "10:30", "11:00", 2, "Coffee and exhibition", "break", "confirmed", 300, []),
        ("2012-05-24", "11:00", "12:00", 3, "Post-production clusters", "panel", "confirmed", 140, [1, 14, 10]),
        ("2012-05-24", "11:00", "12:00", 4, "Business design workshop", "workshop", "confirmed", 60, [17, 18]),
        ("2012-05-24", "13:00", "14:00", 3, "Financing creative start-ups", "talk", "confirmed", 120, [13]),
        ("2012-05-24", "13:00", "14:00", 4, "Textile and crafts online", "talk", "draft", 80, [9, 20]),
        ("2012-05-24", "14:30", "15:30", 1, "Visitors who come for culture", "talk", "confirmed", 250, [12, 16]),
        ("2012-05-24", "19:00", "23:00", 5, "Conference dinner", "social", "confirmed", 300, []),
        ("2012-05-25", "09:00", "10:00", 1, "Sound heritage as a business", "keynote", "confirmed", 300, [6]),
        ("2012-05-25", "10:15", "11:15", 3, "Makers and manufacturers", "talk", "confirmed", 120, [8]),
        ("2012-05-25", "10:15", "11:15", 4, "Editing suites in small towns", "talk", "confirmed", 100, [10]),
        ("2012-05-25", "11:30", "12:30", 1, "Design weeks as regional engines", "talk", "draft", 200, [4]),
        ("2012-05-25", "13:30", "14:30", 3, "Media clusters that last", "talk", "draft", 120, [15]),
        ("2012-05-25", "14:45", "15:30", 1, "Closing: what Gävleborg takes home", "panel", "confirmed", 300,
         [18, 12]),
    ]
    doc["programme_session"] = []
    doc["session_speaker"] = []
    for i, (day, start, end, room, title, kind, status, audience, speakers) in enumerate(sessions, start=1):
        doc["programme_session"].append({
            "id": i, "title": title, "kind": kind, "status": status, "day": day, "start_time": start + ":00",
            "end_time": end + ":00", "room_id": room, "expected_audience": audience, "abstract": "",
        })
        for s in speakers:
            doc["session_speaker"].append({"session_id": i, "speaker_id": s,
                                           "role": "moderator" if kind == "panel" and s == speakers[0] else
                                           "speaker"})
    doc["session_speaker"].sort(key=lambda r: (r["session_id"], r["speaker_id"]))

    # the ten municipalities of Gävleborg by their official names (a genitive s where the name takes one)
    municipalities = ["Bollnäs kommun", "Gävle kommun", "Hofors kommun", "Hudiksvalls kommun", "Ljusdals kommun",
                      "Nordanstigs kommun", "Ockelbo kommun", "Ovanåkers kommun", "Sandvikens kommun",
                      "Söderhamns kommun"]
    partners = [
        ("Region Gävleborg", "region", "received", "2011-10-12", "Regional development director"),
        ("Almi Företagspartner Gävleborg, Affärsdesign KKN", "public_funder", "received", "2011-10-20",
         "Managing director"),
        ("Movexum", "incubator", "received", "2011-10-25", "Chief executive"),
        ("The Galaxy of Postproduction", "network", "requested", None, ""),
        ("Högskolan i Gävle", "university", "requested", None, ""),
    ] + [(name, "municipality", "received" if k < 6 else "requested" if k < 9 else "none",
          f"2011-10-{10 + k:02d}" if k < 6 else None, "Municipal commissioner" if k < 6 else "")
         for k, name in enumerate(municipalities)]
    doc["partner"] = []
    for i, (name, kind, letter, received, signatory) in enumerate(partners, start=1):
        doc["partner"].append({
            "id": i, "name": name, "kind": kind, "contact_name": f"Contact person {i}",
            "contact_email": f"partner{i:02d}@example.org", "contact_phone": phone(50 + i), "website": "",
            "letter_status": letter, "letter_received_on": received, "letter_signatory": signatory,
            "letter_file": "", "internal_notes": "Wants its logo on the cover." if i == 3 else "",
        })
    commitments = [
        # partner, kind, description, kr, status, due, confidential, budget line
        (1, "cash", "KKN programme funding", 250_000, "signed", "2012-02-28", False, 2),
        (2, "in_kind", "Business design workshops (staff time)", 60_000, "pledged", "2012-05-24", False, None),
        (3, "venue", "Pre-event at the incubator", 25_000, "signed", "2012-05-23", False, None),
        (4, "cash", "Sponsorship of the post-production track", 40_000, "pledged", "2012-03-31", True, 4),
        (5, "staff", "Student volunteers and AV technicians", 30_000, "contacted", "2012-04-30", False, None),
    ]
    statuses = ["signed", "paid", "signed", "pledged", "signed", "pledged", "contacted", "prospect", "signed",
                "declined"]
    for k in range(10):
        commitments.append((6 + k, "cash", "Co-financing of a local creative-industries activity", 15_000,
                            statuses[k], "2012-03-31", False, 3))
    doc["commitment"] = [
        {"id": i, "partner_id": p, "kind": kind, "description": desc, "amount_minor": kr(amount),
         "currency": "SEK", "status": status, "due_date": due, "conditions": "Subject to the bid being won."
         if kind == "cash" else "", "confidential": conf, "budget_line_id": line, "internal_notes": ""}
        for i, (p, kind, desc, amount, status, due, conf, line) in enumerate(commitments, start=1)
    ]
    tasks = [
        # title, kind, owner, status, due (fixed) or (anchor, offset), duration, deps
        ("Bid project starts", "milestone", "Maja Ekholm", "done", "2011-09-01", None, 0, []),
        ("Ask the municipalities for co-financing", "task", "Maja Ekholm", "done", "2011-09-30", None, 20, [1]),
        ("Hold options on venues", "task", "Venue group", "in_progress", ("bid_deadline", -45), None, 20, [1]),
        ("Site inspection of the candidate venues", "task", "Venue group", "todo", ("bid_deadline", -30), None, 3,
         [3]),
        ("Collect letters of support", "task", "Maja Ekholm", "in_progress", ("bid_deadline", -14), None, 30, [2]),
        ("Budget approved by the region's board", "milestone", "Region Gävleborg", "todo", "2011-11-15", None, 0,
         [2]),
        ("Dossier review", "task", "Bid team", "todo", ("bid_deadline", -7), None, 5, [4, 5, 6]),
        ("Bid submitted", "milestone", "Maja Ekholm", "todo", ("bid_deadline", 0), None, 0, [7]),
        ("Decision by the Generator committee", "milestone", "Generator", "todo", ("decision_date", 0), None, 0,
         [8]),
        ("Venue and hotel contracts signed", "task", "Venue group", "todo", ("decision_date", 14), None, 10, [9]),
        ("Call for speakers", "task", "Programme group", "todo", ("decision_date", 35), None, 30, [9]),
        ("Programme published", "milestone", "Programme group", "todo", ("event_start", -60), None, 0, [11]),
        ("Registration opens", "milestone", "Maja Ekholm", "todo", ("event_start", -75), None, 0, [10]),
        ("Conference days", "milestone", "Everyone", "todo", ("event_start", 0), None, 2, [12, 13]),
        ("Evaluation report", "task", "Maja Ekholm", "todo", ("event_end", 30), None, 20, [14]),
    ]
    doc["task"] = []
    doc["task_dependency"] = []
    for i, (title, kind, owner, status, due, _unused, duration, deps) in enumerate(tasks, start=1):
        fixed = isinstance(due, str)
        doc["task"].append({
            "id": i, "title": title, "kind": kind, "owner": owner, "status": status,
            "due_date": due if fixed else None, "anchor": None if fixed else due[0],
            "offset_days": None if fixed else due[1], "duration_days": duration, "template_key": "",
            "note": "", "position": i - 1,
        })
        for d in deps:
            doc["task_dependency"].append({"task_id": i, "depends_on_id": d})
    doc["dossier_export"] = []
    add_bid_book(doc)
    add_swedish(doc)
    return doc


def main() -> None:
    target = HERE / "generator-gavle-2012.json"
    target.write_text(json.dumps(build(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target.name}")


if __name__ == "__main__":
    main()
