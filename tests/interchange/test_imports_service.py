"""Imports: a preview first (new, updated, unchanged, rejected with reasons), then all of it or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from planner.domain.enums import ImportSource, SpeakerStatus
from planner.integrations.records import SpeakerRecord
from planner.services import imports
from planner.services import workspace as wsvc
from planner.services.errors import ConflictError
from planner.store import models as m
from tests.integrations.loopback_server import Answer
from tests.interchange.conftest import make_bid

EVENT = "/api/events/generator2012/"
JSON = {"Content-Type": "application/json"}


def _speakers(ws, bid_id):
    return wsvc.list_records(ws, m.Speaker, bid_id)


def _serve_pretalx(loopback, fixture_bytes):
    base = loopback.url
    page1 = fixture_bytes("pretalx_v2_speakers_page1.json").decode().replace("{base}", base)
    page2 = fixture_bytes("pretalx_v2_speakers_page2.json").decode().replace("{base}", base)
    loopback.route(EVENT + "speakers/", Answer(body=page1, headers=JSON), Answer(body=page2, headers=JSON))
    loopback.route(EVENT + "submissions/", Answer(body=fixture_bytes("pretalx_v2_submissions.json"), headers=JSON))
    loopback.route(EVENT + "rooms/", Answer(body='{"count": 0, "next": null, "results": []}', headers=JSON))


def test_pretalx_event_from_loopback_imports_with_a_preview(ws, bid_id, loopback, fixture_bytes):
    wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="A. Lindqvist", email="Anna.Lindqvist@example.se",
                                  fee_minor=500000, status=SpeakerStatus.INVITED))
    _serve_pretalx(loopback, fixture_bytes)
    preview = imports.preview_pretalx(ws, bid_id, loopback.url, "generator2012")
    assert preview.counts == {"new": 2, "updated": 1, "unchanged": 0, "rejected": 0, "deleted": 0}
    assert _speakers(ws, bid_id)[0].source == ImportSource.MANUAL  # a preview writes nothing
    anna = next(i for i in preview.items if i.action == "updated")
    assert anna.changes["source"] == (ImportSource.MANUAL, ImportSource.PRETALX)
    assert anna.changes["source_id"] == ("", "9DGHHA")
    assert anna.changes["status"] == (SpeakerStatus.INVITED, SpeakerStatus.CONFIRMED)
    imports.apply_import(ws, preview)
    stored = {s.display_name: s for s in _speakers(ws, bid_id)}
    assert set(stored) == {"Anna Lindqvist", "Ludwig van Beethoven", "Örjan Åkesson"}
    assert stored["Anna Lindqvist"].fee_minor == 500000  # what the import does not know is kept
    assert stored["Ludwig van Beethoven"].talk_title == "Ode to open data; Symphonies of sensors"
    assert stored["Ludwig van Beethoven"].status == SpeakerStatus.INVITED  # accepted, not yet confirmed
    assert stored["Örjan Åkesson"].source_id == "MNB7XQ"
    # the same event again: matched by source id, nothing to do
    loopback.requests.clear()
    _serve_pretalx(loopback, fixture_bytes)
    again = imports.preview_pretalx(ws, bid_id, loopback.url, "generator2012")
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 3, "rejected": 0, "deleted": 0}
    with ws.session() as s:
        audit = s.exec(select(m.AuditEntry).where(m.AuditEntry.action == "import")).all()
    assert len(audit) == 3


def test_pretalx_down_is_one_line_and_writes_nothing(ws, bid_id, loopback):
    loopback.route(EVENT + "speakers/", Answer(503))
    with pytest.raises(imports.ImportSourceError) as caught:
        imports.preview_pretalx(ws, bid_id, loopback.url, "generator2012")
    assert "HTTP 503" in str(caught.value) and "\n" not in str(caught.value)
    assert _speakers(ws, bid_id) == []


def test_sessionize_import(ws, bid_id, loopback, fixture_bytes):
    api = "/api/v2/k3xz9q1a/"
    loopback.route(api + "view/Speakers", Answer(body=fixture_bytes("sessionize_speakers.json"), headers=JSON))
    loopback.route(api + "view/Sessions", Answer(body=fixture_bytes("sessionize_sessions.json"), headers=JSON))
    preview = imports.preview_sessionize(ws, bid_id, loopback.url + api + "view/All")
    assert preview.counts["new"] == 2
    imports.apply_import(ws, preview)
    erik = next(s for s in _speakers(ws, bid_id) if s.given_name == "Erik")
    assert (erik.source, erik.organisation, erik.status) == (ImportSource.SESSIONIZE, "Gävle Tech AB",
                                                             SpeakerStatus.CONFIRMED)


def test_matching_order_source_id_then_email_then_name(ws, bid_id):
    by_id = wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Old Name", source=ImportSource.PRETALX,
                                          source_id="AAA111"))
    by_mail = wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Someone", email="bo@example.se"))
    by_name = wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Cissi Ek"))
    records = [
        SpeakerRecord("pretalx", "AAA111", "New Name", email="other@example.se"),
        SpeakerRecord("pretalx", "BBB222", "Bo Berg", email="BO@example.se"),
        SpeakerRecord("pretalx", "CCC333", "cissi  ek"),
        SpeakerRecord("pretalx", "DDD444", "Dan Dahl"),
    ]
    preview = imports.preview_speakers(ws, bid_id, records, source="pretalx")
    matched = [item.record_id for item in preview.items]
    assert matched == [by_id.id, by_mail.id, by_name.id, None]
    assert [item.action for item in preview.items] == ["updated", "updated", "updated", "new"]


def test_rejected_speakers_block_the_whole_import(ws, bid_id):
    wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Twin", email="a@example.se"))
    wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Twin", email="b@example.se"))
    records = [
        SpeakerRecord("pretalx", "X1", "Fine Person"),
        SpeakerRecord("pretalx", "X2", ""),  # no name
        SpeakerRecord("pretalx", "X3", "Twin"),  # two speakers by that name
        SpeakerRecord("pretalx", "X4", "Bad Mail", email="not-an-address"),
    ]
    preview = imports.preview_speakers(ws, bid_id, records, source="pretalx")
    assert preview.counts == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 3, "deleted": 0}
    reasons = {item.label: item.reasons for item in preview.items if item.action == "rejected"}
    assert reasons["X2"] == ["the speaker has no name"]
    assert "matches 2 records" in reasons["Twin"][0]
    assert reasons["Bad Mail"][0] == "E-mail: This is not an e-mail address."
    with pytest.raises(imports.ImportRejected):
        imports.apply_import(ws, preview)
    assert len(_speakers(ws, bid_id)) == 2


def test_a_change_after_the_preview_stops_the_import_and_nothing_is_written(any_ws):
    ws = any_ws
    bid_id = make_bid(ws)
    speaker = wsvc.add_record(ws, m.Speaker(bid_id=bid_id, display_name="Anna Lind", email="anna@example.se"))
    records = [SpeakerRecord("pretalx", "N1", "New One"), SpeakerRecord("pretalx", "A1", "Anna Lind",
                                                                          organisation="Region Gävleborg")]
    preview = imports.preview_speakers(ws, bid_id, records, source="pretalx")
    assert preview.counts["new"] == 1 and preview.counts["updated"] == 1
    wsvc.update_record(ws, m.Speaker, speaker.id, {"phone": "026-17 80 00"})
    with pytest.raises(ConflictError):
        imports.apply_import(ws, preview)
    names = [s.display_name for s in _speakers(ws, bid_id)]
    assert names == ["Anna Lind"]  # the new speaker, added before the conflict was met, was rolled back too


def test_import_into_a_missing_bid(ws):
    with pytest.raises(imports.PlannerError):
        imports.preview_speakers(ws, 999, [SpeakerRecord("csv", "", "X")], source="csv")


def test_speaker_csv_from_another_program_with_swedish_headers(ws, bid_id):
    data = (
        "Förnamn;Efternamn;Organisation;E-post;Föredragets titel;Övrigt\r\n"
        "Anna;Lindqvist;Region Gävleborg;anna@example.se;=Bredband för alla;vegetarian\r\n"
        "Örjan;Åkesson;Högskolan i Gävle;orjan@example.se;Skog och data;\r\n"
    ).encode("utf-8-sig")
    preview = imports.preview_csv(ws, bid_id, "speakers", data)
    assert preview.mapping == {"given_name": "Förnamn", "family_name": "Efternamn", "organisation": "Organisation",
                               "email": "E-post", "talk_title": "Föredragets titel"}
    assert preview.unmapped == ["Övrigt"]
    assert preview.counts["new"] == 2
    imports.apply_import(ws, preview)
    anna = _speakers(ws, bid_id)[0]
    assert (anna.display_name, anna.source, anna.talk_title) == ("Anna Lindqvist", ImportSource.CSV,
                                                                  "=Bredband för alla")


def test_csv_with_a_broken_row_and_a_bad_cell_says_which_rows_and_why_and_writes_nothing(ws, bid_id):
    data = (
        "Venue,City,Cost,Currency,Option held until\r\n"
        "Gävle Konserthus,Gävle,120000,SEK,2011-12-31\r\n"
        "Högskolan i Gävle,Gävle,80000,SEK,2011-12-31,extra\r\n"
        "Furuvik,Gävle,12,5O,SEK,\r\n"
        "Sandviken,Sandviken,1000.555,SEK,31/12/2011\r\n"
        "Clarion,Gävle,,SEK,\r\n"
    ).encode()
    preview = imports.preview_csv(ws, bid_id, "venues", data)
    rejected = {item.line: item.reasons for item in preview.items if item.action == "rejected"}
    assert set(rejected) == {3, 4, 5}
    assert "6 fields where the header has 5" in rejected[3][0]
    assert any("Cost" in r and "more decimals than SEK" in r for r in rejected[5])
    assert any("Option held until" in r and "not a date" in r for r in rejected[5])
    assert preview.counts["new"] == 2
    with pytest.raises(imports.ImportRejected) as caught:
        imports.apply_import(ws, preview)
    assert "3 row(s)" in str(caught.value)
    assert wsvc.list_records(ws, m.Venue, bid_id) == []


def test_csv_in_the_wrong_encoding_is_refused_with_the_line(ws, bid_id):
    data = "Partner;Kind\r\nGävle kommun;municipality\r\n".encode("cp1252")
    with pytest.raises(imports.ImportSourceError, match="line 2"):
        imports.preview_csv(ws, bid_id, "partners", data)
    preview = imports.preview_csv(ws, bid_id, "partners", data, encoding="cp1252")
    assert preview.items[0].values["name"] == "Gävle kommun"


def test_csv_without_a_required_column(ws, bid_id):
    with pytest.raises(imports.ImportSourceError, match="no column for Income or expense, Line"):
        imports.preview_csv(ws, bid_id, "budget", b"Category,Amount\r\nvenue,100\r\n")


def test_commitments_refer_to_partners_by_name(ws, bid_id):
    wsvc.add_record(ws, m.Partner(bid_id=bid_id, name="Gävle kommun"))
    data = ("Partner,Kind,Amount,Currency,Status,Due date\r\n"
            "gävle KOMMUN,cash,200000,SEK,signed,2012-03-01\r\n"
            "Sandvik AB,in_kind,50000,SEK,pledged,\r\n").encode()
    preview = imports.preview_csv(ws, bid_id, "commitments", data)
    assert [i.action for i in preview.items] == ["new", "rejected"]
    assert "no partner 'Sandvik AB'" in preview.items[1].reasons[0]


def test_timeline_rows_with_anchor_or_date(ws, bid_id):
    data = (b"Task,Milestone or task,Due date,Anchor,Days from the anchor\r\n"
            b"Submit the bid,milestone,,bid_deadline,0\r\n"
            b"Book hotels,task,2012-02-01,,\r\n"
            b"No date at all,task,,,\r\n"
            b"Bad anchor,task,,tomorrow,3\r\n")
    preview = imports.preview_csv(ws, bid_id, "timeline", data)
    assert [i.action for i in preview.items] == ["new", "new", "rejected", "rejected"]
    assert preview.items[2].reasons[0].startswith("Due date: Give a date")
    assert "'tomorrow' is not one of Bid deadline, Decision date" in preview.items[3].reasons[0]


def test_values_in_either_language_are_understood(ws, bid_id):
    data = ("Partner;Typ;Stödbrev\r\nGävle kommun;Kommun;Mottaget\r\nSandvik AB;company;requested\r\n"
            "Region Gävleborg;Region;received\r\n").encode()
    preview = imports.preview_csv(ws, bid_id, "partners", data)
    assert preview.ok, [i.reasons for i in preview.items]
    assert [i.values["kind"].value for i in preview.items] == ["municipality", "company", "region"]
    assert [i.values["letter_status"].value for i in preview.items] == ["received", "requested", "received"]


def test_empty_cells_never_erase_stored_values(ws, bid_id):
    venue = wsvc.add_record(ws, m.Venue(bid_id=bid_id, name="Gävle Konserthus", city="Gävle",
                                        option_until=date(2011, 12, 31)))
    preview = imports.preview_csv(ws, bid_id, "venues", b"Venue,City,Option held until\r\nG\xc3\xa4vle Konserthus,,\r\n")
    assert preview.counts["unchanged"] == 1
    assert wsvc.list_records(ws, m.Venue, bid_id)[0].option_until == venue.option_until


def test_new_people_of_one_name_are_two_when_their_source_ids_differ(ws, bid_id):
    records = [SpeakerRecord("pretalx", "P1", "Karin Berg"), SpeakerRecord("pretalx", "P2", "Karin Berg"),
               SpeakerRecord("pretalx", "P1", "Karin B.")]
    preview = imports.preview_speakers(ws, bid_id, records, source="pretalx")
    assert [i.action for i in preview.items] == ["new", "new", "rejected"]
    assert preview.items[2].reasons == ["the same record as Karin Berg"]
