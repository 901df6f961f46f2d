"""What people call the tables and fields of a bid and what was done to them: the audit log's words.

The audit log stores table names ("budget_line"), column names ("cost_minor") and actions ("update"); these
tables name them in the current language for every front end that shows the log. Stored enumeration values
are named in `planner.i18n.labels`; a form's own field labels name the fields it shows.
"""

from __future__ import annotations

from planner.i18n import N_, _

TABLES: dict[str, str] = {
    "bid": N_("Bid"), "bid_text": N_("Bid text"), "date_option": N_("Date option"), "venue": N_("Venue"),
    "room": N_("Room"), "venue_availability": N_("Venue availability"), "criterion": N_("Criterion"),
    "venue_score": N_("Venue score"), "accommodation_block": N_("Accommodation"),
    "budget_line": N_("Budget line"), "budget_baseline": N_("Baseline"), "baseline_line": N_("Baseline line"),
    "speaker": N_("Speaker"), "programme_session": N_("Session"), "session_speaker": N_("Session speaker"),
    "partner": N_("Partner"), "commitment": N_("Commitment"), "task": N_("Task"),
    "task_dependency": N_("Task dependency"), "exchange_rate": N_("Exchange rate"),
    "dossier_export": N_("Dossier export"), "team_member": N_("Team member"),
}

# Column names (a column has the same name in every table that has it).
FIELDS: dict[str, str] = {
    "edition": N_("Edition"), "host_region": N_("Host region"), "organiser": N_("Organiser"),
    "contact_name": N_("Contact"), "contact_email": N_("Contact e-mail"), "contact_phone": N_("Contact phone"),
    "event_days": N_("Event days"), "complimentary_attendees": N_("Complimentary attendees"),
    "vat_deductible": N_("VAT deductible"), "status": N_("Status"), "internal_notes": N_("Internal notes"),
    "note": N_("Note"), "position": N_("Position"), "stars": N_("Stars"), "address": N_("Address"),
    "cost_note": N_("Cost note"), "distance_airport_km": N_("Distance to the airport (km)"),
    "description": N_("Description"), "website": N_("Website"), "phone": N_("Phone"), "country": N_("Country"),
    "bio": N_("Biography"), "role": N_("Role"), "avatar_url": N_("Picture address"), "source": N_("Source"),
    "source_id": N_("Source id"), "letter_file": N_("Letter file"), "logo_path": N_("Logo file"),
    "score": N_("Score"), "comment": N_("Comment"), "weight": N_("Weight"), "min_score": N_("Minimum score"),
    "name_sv": N_("Name in Swedish"), "name_en": N_("Name in English"), "available": N_("Available"),
    "body": N_("Text"), "locale": N_("Language"), "start_date": N_("Start date"), "end_date": N_("End date"),
    "preferred": N_("Preferred"), "abstract": N_("Abstract"), "template_key": N_("Template"),
    "venue_id": N_("Venue"), "criterion_id": N_("Criterion"), "session_id": N_("Session"),
    "speaker_id": N_("Speaker"), "task_id": N_("Task"), "depends_on_id": N_("Waits for"),
    "budget_line_id": N_("Budget line"), "partner_id": N_("Partner"), "room_id": N_("Room"),
    "date_option_id": N_("Date option"),
    "title": N_("Title"), "talk_title": N_("Talk title"), "accessibility": N_("Accessibility"),
    "catering": N_("Catering"), "av": N_("AV"), "translations": N_("Translations"),
    "content_locale": N_("Language of the records"), "shown_in_dossier": N_("Shown in the dossier"),
    "signatory_title": N_("Signatory's title"), "guarantee_statement": N_("Guarantee statement"),
    "cost_per_head_minor": N_("Cost per head"), "email": N_("E-mail"), "organisation": N_("Organisation"),
    "name": N_("Name"), "kind": N_("Kind"), "key": N_("Key"), "currency": N_("Currency"),
    "capacity_theatre": N_("Seats, theatre"), "capacity_classroom": N_("Seats, classroom"),
    "capacity_banquet": N_("Seats, banquet"), "cost_per_day_minor": N_("Cost per day"), "hotel": N_("Hotel"),
    "rooms": N_("Rooms"), "nights": N_("Nights"), "rate_minor": N_("Rate per night"),
    "distance_m": N_("Distance to the venue (m)"), "release_date": N_("Release date"), "day": N_("Day"),
    "start_time": N_("Starts"), "end_time": N_("Ends"), "expected_audience": N_("Expected audience"),
    "cost_per_head_currency": N_("Currency of the cost per head"), "frozen_at": N_("Frozen at"),
    "frozen_by": N_("Frozen by"),
    # what a status change of a bid says besides its status (planner bid status)
    "date": N_("Date"), "correction": N_("Correction"),
}

ACTIONS: dict[str, str] = {
    "create": N_("created"), "update": N_("changed"), "delete": N_("deleted"), "restore": N_("restored"),
    "import": N_("imported"), "status": N_("status changed"), "archive": N_("deleted (archived)"),
}


def table_label(table: str) -> str:
    """The name of a table's records ('Budget line' for budget_line); unknown tables in words."""
    message = TABLES.get(table)
    return _(message) if message else table.replace("_", " ")


def field_label(field: str) -> str:
    """The name of a column ('Cost note' for cost_note); unknown columns in words ('Cost' for cost_minor)."""
    message = FIELDS.get(field)
    return _(message) if message else field.removesuffix("_minor").replace("_", " ").capitalize()


def action_label(action: str) -> str:
    """What a change did, as a past participle ('changed' for update); unknown actions as they are."""
    message = ACTIONS.get(action)
    return _(message) if message else action
