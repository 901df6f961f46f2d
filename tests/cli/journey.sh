#!/bin/sh
# The journey of issue 12: a whole bid entered from the command line, from an empty database to readiness
# 100 % and a committee dossier with every section, the way a script or a person at a terminal would.
#
# Run by tests/cli/test_journey.py in an empty folder, with `planner` and `python` on the PATH and PLANNER_DB
# naming a database that does not exist yet. Writes status.json (as of 1 September 2011, when nothing of the
# plan is overdue yet), committee.pdf and dossier.pdf (internal) into the current folder.
set -eu

# json EXPRESSION: evaluate a Python expression over the JSON document on standard input (as `d`)
json() { python -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

echo "== the bid"
planner bid new --conference Generator --edition 2012 --city Gävle --region Gävleborg \
    --deadline 2011-11-30 --start 2012-10-04 --end 2012-10-05 --attendance 300
planner bid set attendance_low=180 attendance_expected=300 attendance_high=420 decision_date=2011-12-15 \
    organiser="Region Gävleborg" contact_email=bid@example.org content_locale=en

echo "== two date options"
FIRST=$(planner add date_option start_date=2012-10-04 end_date=2012-10-05 preferred=yes note="Before the autumn break" \
    note.sv="Före höstlovet")
SECOND=$(planner add date_option start_date=2012-10-11 end_date=2012-10-12)

echo "== a venue with a room, its availability and scores"
VENUE=$(planner add venue name="Gävle Konserthus" city=Gävle status=option_held cost_minor="120 000,00" \
    option_until=2011-12-31 distance_station_m=400)
planner add room venue_id="$VENUE" name="Stora salen" kind=plenary capacity_theatre=800 cost_per_day_minor=25000
planner add venue_availability venue_id="$VENUE" date_option_id="$FIRST" available=yes
planner add venue_availability venue_id="$VENUE" date_option_id="$SECOND" available=no
for CRITERION in $(planner list criterion --json | json "' '.join(str(c['id']) for c in d[:3])"); do
    planner add venue_score venue_id="$VENUE" criterion_id="$CRITERION" score=8
done
planner add accommodation_block hotel="Clarion Hotel Gävle" stars=4 rooms=120 nights=2 rate_minor="1 195,00"

echo "== budget lines"
planner add budget_line kind=income category=registration label="Delegate fees" basis=per_paying_attendee \
    unit_minor=2500
SPONSORS=$(planner add budget_line kind=income category=sponsorship label=Sponsorship unit_minor=75000)
FUNDING=$(planner add budget_line kind=income category=public_funding label="Regional funding" unit_minor=200000)
planner add budget_line kind=expense category=venue label="Venue hire" unit_minor=240000
planner add budget_line kind=expense category=catering label="Lunches and coffee" basis=per_attendee_day \
    unit_minor=350,00

echo "== two partners with signed commitments, each counted towards its budget line"
REGION=$(planner add partner name="Region Gävleborg" kind=region letter_status=received \
    letter_received_on=2011-10-20)
SANDVIK=$(planner add partner name="Sandvik AB" kind=company)
FUNDED=$(planner add commitment partner_id="$REGION" kind=cash amount_minor=200000 status=signed \
    description="Regional co-funding" description.sv="Regional medfinansiering")
SPONSORED=$(planner add commitment partner_id="$SANDVIK" kind=cash amount_minor=75000 status=signed \
    description="Gold sponsor" description.sv="Guldsponsor")
planner link commitment "$FUNDED" --line "$FUNDING"
planner link commitment "$SPONSORED" --line "$SPONSORS"

echo "== the region's letter of support, a PDF kept in the database"
python -c "from reportlab.pdfgen import canvas; c = canvas.Canvas('letter.pdf'); \
c.drawString(72, 720, 'REGION GAVLEBORG SUPPORTS THE BID'); c.showPage(); c.save()"
planner attach letter letter.pdf --partner "Region Gävleborg"

echo "== three speakers who consent to be named, and a session"
ADA=$(planner add speaker display_name="Ada Lovelace" organisation="Analytical Engines" status=confirmed \
    consent_to_be_named=yes fee_minor=15000)
planner add speaker display_name="Alan Turing" status=confirmed consent_to_be_named=yes
planner add speaker display_name="Grace Hopper" status=confirmed consent_to_be_named=yes
KEYNOTE=$(planner add programme_session title="Opening keynote" title.sv="Inledande huvudtalare" kind=keynote \
    day=2012-10-04 start_time=09:00 end_time=10:00 expected_audience=300)
planner link session "$KEYNOTE" --speaker "$ADA"

echo "== dossier texts in Swedish and English"
planner text set motivation --locale sv --text "Gävle är en mötesplats för kreativa näringar."
echo "Gävle is a meeting place for the creative industries." | planner text set motivation --locale en -
planner text set summary --locale sv --text "Generator 2012 i Gävle."
planner text set summary --locale en --text "Generator 2012 in Gävle."
planner text set invitation --locale sv --text "Välkommen till Gävle i oktober 2012."
planner text set invitation --locale en --text "Welcome to Gävle in October 2012."
planner text set legacy --locale sv --text "Ett nätverk för regionens kreativa företag."
planner text set legacy --locale en --text "A network for the region's creative companies."
planner text set host_city --locale sv --text "Gävle är Norrlands äldsta stad."
planner text set host_city --locale en --text "Gävle is the oldest town in Norrland."
planner text set access --locale sv --text "90 minuter med tåg från Arlanda."
planner text set access --locale en --text "90 minutes by train from Arlanda."
planner text set bid_team --locale sv --text "Region Gävleborg och Gävle kommun."
planner text set bid_team --locale en --text "Region Gävleborg and the municipality of Gävle."
planner text set promise --locale sv --text "Kreativa näringar möts där det nya görs."
planner text set promise --locale en --text "The creative industries meet where the new is made."
planner text set practical --locale sv --text "Inga visum krävs inom EU; bussar och cyklar i hela staden."
planner text set practical --locale en --text "No visas within the EU; buses and bicycles across town."
planner text set social_programme --locale sv --text "Mottagning i Gasklockorna första kvällen."
planner text set social_programme --locale en --text "A reception at Gasklockorna on the first evening."
planner text set site_inspection --locale sv --text "Vi bjuder kommittén på ett besök i Gävle."
planner text set site_inspection --locale en --text "We invite the committee to visit Gävle."

echo "== the timeline, the status and the dossier"
planner timeline generate --yes   # a script says yes; a person is shown the tasks and asked
planner bid status submitted --on 2011-11-29 --note "Sent to the network's board"
planner status --json --today 2011-09-01 > status.json
planner dossier --audience committee --locale en -o committee.pdf
planner dossier --audience internal -o dossier.pdf
planner bid show
