"""The bid book's fields typed in the venue form: travel times and the venue's description reach the record."""

from __future__ import annotations

from planner.services import records
from planner.services.workspace import Workspace
from tests.tui.conftest import SIZE, TODAY, add_record, settle


async def test_a_venue_gets_its_travel_times_and_description_in_the_form(settings, small_bid):
    from planner.tui import make_app

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_record(pilot, "2", name="Konserthuset", distance_airport_km="95", travel_centre_min="5",
                         travel_station_min="10", travel_airport_min="65",
                         description="A hall by the river [800 seats]")
        # a minute count no day has is refused in the form, on its line
        await add_record(pilot, None, name="Gasklockorna", travel_airport_min="2000")
        assert app.screen.query_one("#error-travel_airport_min").render()
        await pilot.press("escape")
        await pilot.pause()
    ws = Workspace.open(settings)
    try:
        (venue,) = [v for v in records.list_records(ws, "venue", small_bid) if v.name == "Konserthuset"]
        assert (venue.distance_airport_km, venue.travel_centre_min, venue.travel_station_min,
                venue.travel_airport_min) == (95, 5, 10, 65)
        assert venue.description == "A hall by the river [800 seats]"
        assert not [v for v in records.list_records(ws, "venue", small_bid) if v.name == "Gasklockorna"]
    finally:
        ws.close()
