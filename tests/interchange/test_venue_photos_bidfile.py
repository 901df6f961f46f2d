"""A venue's photos in the bid file: exported with the venue's number in the file, the caption and its
translation beside the bytes; imported into another database they belong to the new venue, and an update
from an edited file (`import json --into`) changes a caption in place."""

from __future__ import annotations

import json

from PIL import Image

from planner.services import bidfile, records
from planner.services import workspace as wsvc
from planner.services.attachments import attach_venue_photo, attached_files
from planner.store.db import open_database


def _ws(path) -> wsvc.Workspace:
    return wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")


def test_venue_photos_and_captions_travel_in_the_bid_file(tmp_path):
    Image.new("RGB", (64, 48), (200, 30, 30)).save(tmp_path / "salen.png")
    one = _ws(tmp_path / "one.db")
    try:
        bid = wsvc.create_bid(one, conference="Generator", host_city="Gävle", attendance_expected=100)
        records.add(one, "venue", {"bid_id": bid.id, "name": "Folkets hus"})
        hall = records.add(one, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
        attach_venue_photo(one, bid.id, hall.id, tmp_path / "salen.png", caption="Stora salen",
                           translations={"caption": {"en": "The great hall"}})
        text = bidfile.export_bid(one, bid.id)
    finally:
        one.close()
    document = json.loads(text)
    [photo] = document["attachment"]
    hall_in_file = next(v["id"] for v in document["venue"] if v["name"] == "Konserthuset")
    assert photo["venue_id"] == hall_in_file and photo["caption"] == "Stora salen"

    two = _ws(tmp_path / "two.db")
    try:
        records.add(two, "venue", {"bid_id": wsvc.create_bid(two, conference="Other", host_city="Umeå").id,
                                   "name": "Another bid's venue"})  # the ids in the new database differ
        new_id = bidfile.import_bid(two, text)
        venues = {v.name: v.id for v in records.list_records(two, "venue", new_id)}
        [imported] = [f for f in attached_files(two, new_id) if f.kind == "photo"]
        assert imported.venue_id == venues["Konserthuset"] != hall.id
        assert (imported.caption, imported.translations, imported.pixels) == (
            "Stora salen", {"caption": {"en": "The great hall"}}, (64, 48))
        assert bidfile.export_bid(two, new_id) == text  # byte for byte again

        from planner.services.bidupdate import apply_update, preview_update

        edited = json.loads(text)
        edited["attachment"][0]["translations"] = {"caption": {"en": "The hall at night"}}
        edited_text = json.dumps(edited, ensure_ascii=False)
        update = preview_update(two, new_id, edited_text)
        apply_update(two, update)
        [changed] = [f for f in attached_files(two, new_id) if f.kind == "photo"]
        assert changed.id == imported.id and changed.translations == {"caption": {"en": "The hall at night"}}
    finally:
        two.close()
