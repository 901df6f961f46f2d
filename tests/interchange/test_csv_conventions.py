"""CSV imports as spreadsheets write them: rows counted as a spreadsheet counts them and named by their record,
numbers in the file's convention or refused, sep= lines and UTF-16, letters lost to '?', removals, every kind."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import select

from planner.domain.enums import BudgetCategory, LineKind
from planner.i18n import use_locale
from planner.services import exports, imports
from planner.services import workspace as wsvc
from planner.store import models as m


def _line(ws, bid_id, label, minor=100_000, kind=LineKind.EXPENSE):
    return wsvc.add_record(ws, m.BudgetLine(bid_id=bid_id, kind=kind, category=BudgetCategory.CATERING,
                                            label=label, unit_minor=minor, currency="SEK"))


def _reasons(preview, row):
    item = next(i for i in preview.items if i.line == row)
    return item, " ".join(item.reasons)


def test_rows_are_the_spreadsheets_and_rejections_name_the_person(ws, bid_id):
    data = (b"Given name,Family name,Bio,Fee\r\n"
            b'Anna,Lind,"Three\nline\nbio",1000\r\n'   # one row over three lines of the file
            b"Bo,Berg,Short,12.345\r\n"                  # row 3: too many decimals
            b"Cissi,Ek,Short,10,extra\r\n")     # row 4: a field too many, still named
    preview = imports.preview_csv(ws, bid_id, "speakers", data)
    assert [(i.line, i.action, i.label) for i in preview.items] == [
        (2, "new", "Anna Lind"), (3, "rejected", "Bo Berg"), (4, "rejected", "Cissi Ek")]
    assert "Fee" in preview.items[1].reasons[0]


def test_budget_rows_are_named_by_their_label_and_a_dotted_amount_in_a_comma_file_is_refused(ws, bid_id):
    data = (b"Income or expense;Category;Line;Unit amount;Currency\r\n"
            b"Kostnad;Mat och dryck;Lunch;1 500,50;SEK\r\n"
            b"Kostnad;Mat och dryck;Fika;1.5;SEK\r\n"
            b"Kostnad;Mat och dryck;Middag;1.500;SEK\r\n"
            b"Kostnad;Mat och dryck;Mingel;1.234,50;SEK\r\n")
    preview = imports.preview_csv(ws, bid_id, "budget", data)
    assert [(i.line, i.label, i.action) for i in preview.items] == [
        (2, "Lunch", "new"), (3, "Fika", "rejected"), (4, "Middag", "rejected"), (5, "Mingel", "new")]
    _item, fika = _reasons(preview, 3)
    assert "Unit amount" in fika and "write 1,5" in fika
    _item, middag = _reasons(preview, 4)
    assert "Unit amount" in middag and "1500 for the whole number" in middag
    assert preview.items[0].values["unit_minor"] == 150_050 and preview.items[3].values["unit_minor"] == 123_450
    decimal_point = imports.preview_csv(ws, bid_id, "budget", (
        b"Income or expense,Category,Line,Unit amount\r\nexpense,catering,Lunch,\"1,500\"\r\n"
        b"expense,catering,Fika,\"1,500.00\"\r\n"))
    assert [i.action for i in decimal_point.items] == ["rejected", "new"]
    assert "1500 for the whole number" in decimal_point.items[0].reasons[0]


def test_a_sep_line_and_utf16_unicode_text_are_read(ws, bid_id):
    excel = "sep=;\r\nDisplay name;Fee\r\nAnna Lind;5 000,00\r\n".encode("cp1252")
    preview = imports.preview_csv(ws, bid_id, "speakers", excel, encoding="cp1252")
    assert [(i.line, i.label, i.values["fee_minor"]) for i in preview.items] == [(2, "Anna Lind", 500_000)]
    unicode_text = "Display name\tFee\r\nŁukasz Ćwik\t1 234,50\r\n".encode("utf-16")
    preview = imports.preview_csv(ws, bid_id, "speakers", unicode_text)
    assert [(i.label, i.values["fee_minor"]) for i in preview.items] == [("Łukasz Ćwik", 123_450)]


def test_letters_lost_to_question_marks_are_warned_and_need_a_yes(ws, bid_id):
    wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Łukasz Nowak", email="lukasz@example.pl",
                                  organisation="Gdańsk Tech"))
    data = "E-mail,Display name,Organisation\r\nlukasz@example.pl,?ukasz Nowak,Gda?sk Tech\r\n".encode("cp1252")
    preview = imports.preview_csv(ws, bid_id, "speakers", data, encoding="cp1252")
    item = preview.items[0]
    assert item.action == "updated" and preview.warned == 1
    assert item.warnings == [
        "letters look lost to '?' in Display name, Organisation (the file was saved in an encoding "
        "without them; save it as \"CSV UTF-8\" or give --encoding)"]
    assert item.shown_changes["display_name"] == ("Łukasz Nowak", "?ukasz Nowak")
    with pytest.raises(imports.ImportNeedsConfirmation, match="1 row"):
        imports.apply_import(ws, preview)
    assert wsvc.list_records(ws, m.Speaker, bid_id)[0].display_name == "Łukasz Nowak"
    imports.apply_import(ws, preview, accept_warnings=True)
    assert wsvc.list_records(ws, m.Speaker, bid_id)[0].display_name == "?ukasz Nowak"
    # a real change is no warning
    fixed = imports.preview_csv(ws, bid_id, "speakers", "E-mail,Display name\r\nlukasz@example.pl,Łukasz Nowak\r\n"
                                .encode())
    assert fixed.warned == 0 and fixed.items[0].action == "updated"


def test_previews_show_money_choices_and_dates_as_the_user_sees_them(ws, bid_id):
    wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Anna Lind", fee_minor=500_000, fee_currency="SEK"))
    data = b"Display name,Fee,Status\r\nAnna Lind,6000,Confirmed\r\n"
    with use_locale("en"):
        preview = imports.preview_csv(ws, bid_id, "speakers", data)
    shown = preview.items[0].shown_changes
    assert shown["fee_minor"] == ("SEK5,000.00", "SEK6,000.00")
    assert shown["status"][1] == "Confirmed"
    with use_locale("sv"):
        preview = imports.preview_csv(ws, bid_id, "speakers", data)
    assert preview.items[0].shown_changes["fee_minor"] == ("5\u00a0000,00\u00a0kr", "6\u00a0000,00\u00a0kr")


def test_rows_marked_for_removal_are_deleted_in_the_same_transaction_and_audited(ws, bid_id):
    _line(ws, bid_id, "Lunch")
    fika = _line(ws, bid_id, "Fika")
    data = ("Planner ID,Income or expense,Category,Line,Unit amount,Åtgärd\r\n"
            f"{fika.id},expense,catering,Fika,,ta bort\r\n"
            ",expense,catering,Lunch,2000,\r\n"
            ",expense,catering,Middag,3000,\r\n").encode()
    preview = imports.preview_csv(ws, bid_id, "budget", data)
    assert [(i.line, i.action, i.label) for i in preview.items] == [
        (2, "deleted", "Fika"), (3, "updated", "Lunch"), (4, "new", "Middag")]
    assert "1 deleted" in preview.summary()
    imports.apply_import(ws, preview)
    assert sorted(line.label for line in wsvc.list_records(ws, m.BudgetLine, bid_id)) == ["Lunch", "Middag"]
    with ws.read_session() as s:
        entry = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "budget_line",
                                                  m.AuditEntry.entity_id == str(fika.id),
                                                  m.AuditEntry.action == "delete")).one()
    assert entry.who == "tester" and "Fika" in entry.before


def test_a_removal_that_matches_nothing_or_a_wrong_action_is_rejected_and_nothing_is_written(ws, bid_id):
    _line(ws, bid_id, "Lunch")
    data = (b"Line,Income or expense,Category,Action\r\n"
            b"Lunch,expense,catering,delete\r\n"
            b"Fika,expense,catering,delete\r\n"
            b"Middag,expense,catering,maybe\r\n")
    preview = imports.preview_csv(ws, bid_id, "budget", data)
    assert [(i.line, i.action) for i in preview.items] == [(2, "deleted"), (3, "rejected"), (4, "rejected")]
    assert "no such record to delete" in preview.items[1].reasons[0] and preview.items[1].label == "Fika"
    assert "'maybe' is not an action" in preview.items[2].reasons[0]
    with pytest.raises(imports.ImportRejected):
        imports.apply_import(ws, preview)
    assert [line.label for line in wsvc.list_records(ws, m.BudgetLine, bid_id)] == ["Lunch"]


def test_deleting_a_partner_says_what_goes_with_it(ws, bid_id):
    partner = wsvc.add_record(ws, m.Partner(bid_id=bid_id, name="Gävle kommun"))
    wsvc.add_record(ws, m.Commitment(bid_id=bid_id, partner_id=partner.id, description="Hall", amount_minor=1,
                                     currency="SEK"))
    preview = imports.preview_csv(ws, bid_id, "partners", "Partner,Action\r\nGÄVLE KOMMUN,delete\r\n".encode())
    assert preview.items[0].action == "deleted" and "1 commitment" in preview.items[0].notes[0]
    imports.apply_import(ws, preview)
    assert wsvc.list_records(ws, m.Partner, bid_id) == [] and wsvc.list_records(ws, m.Commitment, bid_id) == []


def test_every_kind_of_record_goes_out_and_back_in(ws, bid_id):
    venue = wsvc.add_record(ws, m.Venue(bid_id=bid_id, name="Konserthuset", currency="SEK"))
    other = make_other_bid_venue(ws)
    data = ("venue_id,name,capacity_theatre,cost_per_day_minor\r\n"
            f"{venue.id},Stora salen,800,\"12,500.00\"\r\n"
            f"{venue.id},Lilla salen,120,3000\r\n"
            f"{other},Fel sal,10,\r\n").encode()
    preview = imports.preview_csv(ws, bid_id, "room", data)
    assert [(i.label, i.action) for i in preview.items] == [
        ("Stora salen", "new"), ("Lilla salen", "new"), ("Fel sal", "rejected")]
    assert f"no venue {other} in this bid" in preview.items[2].reasons[0]
    preview.items.pop()
    imports.apply_import(ws, preview)
    rooms = wsvc.list_records(ws, m.Room, bid_id)
    assert [(r.name, r.capacity_theatre, r.cost_per_day_minor) for r in rooms] == [
        ("Stora salen", 800, 1_250_000), ("Lilla salen", 120, 300_000)]
    # a room is found again by its name in its venue; a session by its title, with times
    again = imports.preview_csv(ws, bid_id, "room", exports.csv_bytes(ws, bid_id, "room"))
    assert again.counts["unchanged"] == 2
    changed = imports.preview_csv(ws, bid_id, "room", f"venue_id,name,capacity_theatre\r\n{venue.id},stora salen,900\r\n"
                                  .encode())
    assert changed.items[0].action == "updated" and changed.items[0].shown_changes["capacity_theatre"] == ("800", "900")
    sessions = ("title,day,start_time,end_time,room_id,kind\r\n"
                f"Öppning,2012-05-09,09:00,09:30,{rooms[0].id},keynote\r\n").encode()
    planned = imports.preview_csv(ws, bid_id, "programme_session", sessions)
    imports.apply_import(ws, planned)
    session = wsvc.list_records(ws, m.ProgrammeSession, bid_id)[0]
    assert (session.day, session.start_time, session.room_id) == (date(2012, 5, 9), time(9, 0), rooms[0].id)
    text = exports.csv_bytes(ws, bid_id, "programme_session").decode()
    assert text.splitlines()[0].startswith("Planner ID,Title,Kind,Status,Day,Starts,Ends,Room")
    assert "09:00" in text and "Öppning" in text


def test_a_two_part_key_matches_a_venues_score_on_a_criterion(ws, bid_id):
    venue = wsvc.add_record(ws, m.Venue(bid_id=bid_id, name="Konserthuset", currency="SEK"))
    criterion = wsvc.add_record(ws, m.Criterion(bid_id=bid_id, key="access", name_sv="Tillgänglighet",
                                                name_en="Accessibility", weight=2))
    first = imports.preview_csv(ws, bid_id, "venue_score", f"venue_id,criterion_id,score\r\n{venue.id},"
                                f"{criterion.id},3\r\n".encode())
    imports.apply_import(ws, first)
    second = imports.preview_csv(ws, bid_id, "venue_score", f"venue_id,criterion_id,score,action\r\n{venue.id},"
                                 f"{criterion.id},4,\r\n".encode())
    assert second.items[0].action == "updated"
    imports.apply_import(ws, second)
    with ws.read_session() as s:
        assert s.exec(select(m.VenueScore.score)).all() == [4]
    gone = imports.preview_csv(ws, bid_id, "venue_score", f"venue_id,criterion_id,action\r\n{venue.id},"
                               f"{criterion.id},delete\r\n".encode())
    assert gone.items[0].action == "deleted"
    imports.apply_import(ws, gone)
    with ws.read_session() as s:
        assert s.exec(select(m.VenueScore)).all() == []


def make_other_bid_venue(ws) -> int:
    from tests.interchange.conftest import make_bid

    other_bid = make_bid(ws)
    return wsvc.add_record(ws, m.Venue(bid_id=other_bid, name="Elsewhere", currency="SEK")).id


def test_the_kinds_described_from_fields_have_headers_in_the_users_language_read_back_in_either(ws, bid_id):
    from planner.i18n import translate
    from planner.services.csvkinds import csv_kinds

    for kind in csv_kinds().values():  # one header per column in each language, none left as a field name
        for lang in ("en", "sv"):
            headers = [translate(lang, c.label).lower() for c in kind.columns]
            assert len(set(headers)) == len(headers), (kind.key, lang, headers)
        assert all(c.label != c.key for c in kind.columns), kind.key
    wsvc.add_record(ws, m.TeamMember(bid_id=bid_id, name="Anna Lind", role="Projektledare", organisation="Gävle kommun",
                                     email="anna@example.se", shown_in_dossier=True, position=1))
    with use_locale("sv"):
        swedish = exports.csv_bytes(ws, bid_id, "team_member").decode("utf-8-sig")
    assert swedish.splitlines()[0] == "Planner-id,Namn,Roll,Organisation,E-post,Telefon,Visas i ansökan,Ordning"
    with use_locale("en"):
        english = exports.csv_bytes(ws, bid_id, "team_member").decode("utf-8-sig")
        assert english.splitlines()[0] == "Planner ID,Name,Role,Organisation,E-mail,Phone,Shown in the dossier,Position"
        # the Swedish file read back in English, and the other way round: the same record, unchanged
        assert imports.preview_csv(ws, bid_id, "team_member", swedish.encode()).counts["unchanged"] == 1
    with use_locale("sv"):
        assert imports.preview_csv(ws, bid_id, "team_member", english.encode()).counts["unchanged"] == 1
        # a Swedish file written by hand, and one headed by the field names, add people
        typed = "Namn;Roll;Visas i ansökan\r\nBo Berg;Kassör;ja\r\n".encode()
        added = imports.preview_csv(ws, bid_id, "team_member", typed)
        assert [(i.label, i.action) for i in added.items] == [("Bo Berg", "new")]
        imports.apply_import(ws, added)
        raw = b"name,role,shown_in_dossier\r\nCissi Ek,Sekreterare,no\r\n"
        imports.apply_import(ws, imports.preview_csv(ws, bid_id, "team_member", raw))
    people = {p.name: p for p in wsvc.list_records(ws, m.TeamMember, bid_id)}
    assert (people["Bo Berg"].role, people["Bo Berg"].shown_in_dossier) == ("Kassör", True)
    assert (people["Cissi Ek"].role, people["Cissi Ek"].shown_in_dossier) == ("Sekreterare", False)
    with use_locale("sv"):  # a room file headed in Swedish
        venue = wsvc.add_record(ws, m.Venue(bid_id=bid_id, name="Konserthuset", currency="SEK"))
        rooms = f"Lokal;Namn;Typ;Platser, biosittning\r\n{venue.id};Stora salen;plenary;800\r\n".encode()
        imports.apply_import(ws, imports.preview_csv(ws, bid_id, "room", rooms))
        assert exports.csv_bytes(ws, bid_id, "room").decode("utf-8-sig").splitlines()[0].startswith(
            'Planner-id,Lokal,Namn,Typ,"Platser, biosittning","Platser, klassrum"')
    assert [(r.name, r.capacity_theatre) for r in wsvc.list_records(ws, m.Room, bid_id)] == [("Stora salen", 800)]
