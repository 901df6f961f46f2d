"""The fields of each record's form and how a filled form is saved through the services."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from planner.domain import enums as e
from planner.i18n import N_, _
from planner.tui.widgets.form import FieldSpec as F


def bid_fields(new: bool = True) -> list[F]:
    """The new-bid form (`new`), or every field of the bid a person owns (the Bid screen's form)."""
    if new:
        return [
            F("conference", N_("Conference"), required=True, placeholder="Generator"),
            F("host_city", N_("Host city"), required=True, placeholder="Gävle"),
            F("bid_deadline", N_("Bid deadline"), "date", placeholder="YYYY-MM-DD"),
            F("decision_date", N_("Decision date"), "date", placeholder="YYYY-MM-DD"),
            F("event_start", N_("Event starts"), "date", placeholder="YYYY-MM-DD"),
            F("event_end", N_("Event ends"), "date", placeholder="YYYY-MM-DD"),
            F("attendance_low", N_("Attendance, low (empty: as expected)"), "int", minimum=0, maximum=1_000_000,
              allow_blank=True),
            F("attendance_expected", N_("Attendance, expected"), "int", minimum=0, maximum=1_000_000),
            F("attendance_high", N_("Attendance, high (empty: as expected)"), "int", minimum=0,
              maximum=1_000_000, allow_blank=True),
            F("base_currency", N_("Currency"), required=True, placeholder="SEK"),
        ]
    return [
        F("conference", N_("Conference"), required=True),
        F("edition", N_("Edition")),
        F("host_city", N_("Host city"), required=True),
        F("host_region", N_("Host region")),
        F("organiser", N_("Organiser")),
        F("contact_name", N_("Contact")),
        F("contact_email", N_("Contact e-mail")),
        F("contact_phone", N_("Contact phone")),
        F("bid_deadline", N_("Bid deadline"), "date", placeholder="YYYY-MM-DD"),
        F("decision_date", N_("Decision date"), "date", placeholder="YYYY-MM-DD"),
        F("event_start", N_("Event starts"), "date", placeholder="YYYY-MM-DD"),
        F("event_end", N_("Event ends"), "date", placeholder="YYYY-MM-DD"),
        F("event_days", N_("Event days"), "int", minimum=1, maximum=366),
        F("attendance_low", N_("Attendance, low"), "int", minimum=0, maximum=1_000_000),
        F("attendance_expected", N_("Attendance, expected"), "int", minimum=0, maximum=1_000_000),
        F("attendance_high", N_("Attendance, high"), "int", minimum=0, maximum=1_000_000),
        F("complimentary_attendees", N_("Complimentary places"), "int", minimum=0, maximum=1_000_000),
        F("base_currency", N_("Currency"), required=True),
        F("rate_date", N_("Exchange rates of (empty: the bid deadline)"), "date", placeholder="YYYY-MM-DD"),
        F("vat_deductible", N_("The organiser can deduct input VAT"), "bool"),
        F("spend_per_delegate_day_minor", N_("Spend per delegate and day (0: the published figure)"),
          "money", minimum=0, currency_field="base_currency"),
        F("guarantor", N_("Guarantor")),
        F("guarantee_statement", N_("Guarantee statement")),
        F("signatory_name", N_("Invitation signed by")),
        F("signatory_title", N_("Signatory's title")),
        F("internal_notes", N_("Internal notes")),
        F("content_locale", N_("Language of the records"), "choice", options=_record_languages),
    ]


def _record_languages() -> list[tuple[str, str]]:
    from planner.services.translations import language_name

    return [(language_name(lang), lang) for lang in ("sv", "en")]


def check_bid(values: dict[str, Any]) -> dict[str, str]:
    from planner.services.workspace import validate_bid

    probe = dict(values)
    if "attendance_expected" in probe and probe.get("attendance_low") is None:
        probe["attendance_low"] = probe["attendance_expected"]
    if "attendance_expected" in probe and probe.get("attendance_high") is None:
        probe["attendance_high"] = probe["attendance_expected"]
    probe["base_currency"] = str(probe.get("base_currency") or "").upper()
    errors = validate_bid(probe)
    low, exp, high = (probe.get(k) or 0 for k in ("attendance_low", "attendance_expected", "attendance_high"))
    if errors.get("attendance_expected") and low > exp:
        errors["attendance_low"] = _("The low scenario cannot be above the expected ({low} > {exp}).").format(
            low=low, exp=exp)
    if errors.get("attendance_expected") and exp > high:
        errors["attendance_high"] = _("The high scenario cannot be below the expected ({high} < {exp}).").format(
            high=high, exp=exp)
    return errors


def save_bid(bid):
    """A save function for the Bid screen's form: the bid's fields through the records service (undoable),
    refused when the bid changed since it was read; new event dates set the event days unless typed too."""
    from planner.services import records

    def save(ws, values: dict[str, Any]):
        values = _translated(_clean(values), bid.translations)
        dates_moved = (values.get("event_start") != bid.event_start or values.get("event_end") != bid.event_end)
        start, end = values.get("event_start"), values.get("event_end")
        if dates_moved and values.get("event_days") == bid.event_days and start and end and end >= start:
            values["event_days"] = (end - start).days + 1
        with _errors_on_form_fields():
            return Saved(*records.edit(ws, "bid", bid.id, values, expected_version=bid.version))

    return save


def save_new_bid(ws, values: dict[str, Any]):
    from planner.services.workspace import create_bid

    values = {k: v for k, v in values.items() if v not in (None, "")}
    return create_bid(ws, **values)


def venue_fields() -> list[F]:
    return [
        F("name", N_("Name"), required=True),
        F("city", N_("City")),
        F("status", N_("Status"), "choice", enum=e.VenueStatus),
        F("currency", N_("Currency"), required=True),
        F("cost_minor", N_("Cost"), "money", minimum=0, currency_field="currency"),
        F("distance_centre_m", N_("Distance to the centre (m)"), "int", minimum=0),
        F("distance_station_m", N_("Distance to the station (m)"), "int", minimum=0),
        F("distance_airport_km", N_("Distance to the airport (km)"), "int", minimum=0),
        F("travel_centre_min", N_("Minutes to the centre"), "int", minimum=0, maximum=1440),
        F("travel_station_min", N_("Minutes to the station"), "int", minimum=0, maximum=1440),
        F("travel_airport_min", N_("Minutes to the airport"), "int", minimum=0, maximum=1440),
        F("option_until", N_("Option held until"), "date"),
        F("accessibility", N_("Accessibility")),
        F("catering", N_("Catering")),
        F("av", N_("AV")),
        F("description", N_("Description")),
    ]


def room_fields() -> list[F]:
    return [
        F("name", N_("Name"), required=True),
        F("kind", N_("Kind"), "choice", enum=e.RoomKind),
        F("capacity_theatre", N_("Seats, theatre"), "int", minimum=0),
        F("capacity_classroom", N_("Seats, classroom"), "int", minimum=0),
        F("capacity_banquet", N_("Seats, banquet"), "int", minimum=0),
        F("currency", N_("Currency"), required=True),
        F("cost_per_day_minor", N_("Cost per day"), "money", minimum=0, currency_field="currency"),
    ]


def accommodation_fields() -> list[F]:
    return [
        F("hotel", N_("Hotel"), required=True),
        F("stars", N_("Stars"), "int", minimum=0, maximum=5, allow_blank=True),
        F("rooms", N_("Rooms"), "int", minimum=0),
        F("nights", N_("Nights"), "int", minimum=0),
        F("currency", N_("Currency"), required=True),
        F("rate_minor", N_("Rate per night"), "money", minimum=0, currency_field="currency"),
        F("distance_m", N_("Distance to the venue (m)"), "int", minimum=0),
        F("release_date", N_("Release date"), "date"),
        F("note", N_("Note")),
    ]


def line_fields() -> list[F]:
    return [
        F("kind", N_("Income or expense"), "choice", enum=e.LineKind),
        F("category", N_("Category"), "choice", enum=e.BudgetCategory),
        F("label", N_("Label"), required=True),
        F("basis", N_("Basis"), "choice", enum=e.Basis),
        F("currency", N_("Currency"), required=True),
        F("unit_minor", N_("Unit amount"), "money", currency_field="currency"),
        F("quantity", N_("Quantity"), "int", minimum=0),
        F("vat_rate_percent", N_("VAT rate (%)"), "int", minimum=0, maximum=100),
        F("amounts_include_vat", N_("Amounts include VAT"), "bool"),
        F("committed_minor", N_("Committed"), "money", currency_field="currency"),
        F("actual_minor", N_("Actual"), "money", currency_field="currency"),
        F("confidential", N_("Confidential (left out of the dossier)"), "bool"),
        F("note", N_("Note")),
        F("disclosure_consent", N_("Consents to disclosure in the dossier"), "bool"),
    ]


def speaker_fields() -> list[F]:
    return [
        F("display_name", N_("Name as shown"), required=True),
        F("given_name", N_("Given name")),
        F("family_name", N_("Family name")),
        F("organisation", N_("Organisation")),
        F("email", N_("E-mail")),
        F("talk_title", N_("Talk title")),
        F("bio", N_("Biography")),
        F("status", N_("Status"), "choice", enum=e.SpeakerStatus),
        F("consent_to_be_named", N_("Consents to be named in the dossier"), "bool"),
        F("fee_currency", N_("Fee currency"), required=True),
        F("fee_minor", N_("Fee"), "money", minimum=0, currency_field="fee_currency"),
        F("travel_currency", N_("Travel currency"), required=True),
        F("travel_minor", N_("Travel"), "money", minimum=0, currency_field="travel_currency"),
        F("nights", N_("Hotel nights"), "int", minimum=0, maximum=365),
    ]


def session_fields(bundle) -> list[F]:
    rooms = {r.id: r for r in bundle.rooms}
    venues = {v.id: v.name for v in bundle.venues}
    room_options = [(f"{r.name} ({venues.get(r.venue_id, '')})", r.id) for r in rooms.values()]
    speakers = [(s.display_name, s.id) for s in sorted(bundle.speakers, key=lambda s: s.display_name.lower())]
    return [
        F("title", N_("Title"), required=True),
        F("kind", N_("Kind"), "choice", enum=e.SessionKind),
        F("status", N_("Status"), "choice", enum=e.SessionStatus),
        F("day", N_("Day"), "date", required=True, placeholder="YYYY-MM-DD"),
        F("start_time", N_("Starts"), "time", required=True, placeholder="09:00"),
        F("end_time", N_("Ends"), "time", required=True, placeholder="10:00"),
        F("room_id", N_("Room"), "choice", options=lambda: room_options, allow_blank=True),
        F("expected_audience", N_("Expected audience"), "int", minimum=0),
        F("cost_per_head_minor", N_("Cost per head (a social event)"), "money", minimum=0,
          currency_field="cost_per_head_currency"),
        F("abstract", N_("Abstract")),
        F("speakers", N_("Speakers"), "multi", options=lambda: speakers[:500]),
    ]


def team_member_fields() -> list[F]:
    return [
        F("name", N_("Name"), required=True),
        F("role", N_("Role")),
        F("organisation", N_("Organisation")),
        F("email", N_("E-mail (the internal edition only)")),
        F("phone", N_("Phone (the internal edition only)")),
        F("shown_in_dossier", N_("Shown in the dossier's team chapter"), "bool"),
        F("position", N_("Position in the list"), "int", minimum=0),
    ]


def partner_fields() -> list[F]:
    return [
        F("name", N_("Name"), required=True),
        F("kind", N_("Kind"), "choice", enum=e.PartnerKind),
        F("contact_name", N_("Contact")),
        F("contact_email", N_("Contact e-mail")),
        F("letter_status", N_("Letter of support"), "choice", enum=e.LetterStatus),
        F("letter_received_on", N_("Letter received on"), "date"),
        F("letter_signatory", N_("Letter signed by")),
    ]


def line_choices(bundle) -> list[tuple[str, int]]:
    """The budget lines to link a commitment to: income lines (what cash pays for) first, then expenses (what
    in kind covers), each named with its kind."""
    from planner.i18n.labels import label

    lines = sorted(bundle.budget_lines, key=lambda x: (str(x.kind) != e.LineKind.INCOME.value, x.label.lower()))
    return [(f"{label(x.kind, e.LineKind)}: {x.label}", x.id) for x in lines][:500]


def commitment_fields(bundle) -> list[F]:
    partners = [(p.name, p.id) for p in sorted(bundle.partners, key=lambda p: p.name.lower())]
    lines = line_choices(bundle)
    return [
        F("partner_id", N_("Partner"), "choice", options=lambda: partners, required=True),
        F("kind", N_("Kind"), "choice", enum=e.CommitmentKind),
        F("description", N_("Description")),
        F("currency", N_("Currency"), required=True),
        F("amount_minor", N_("Amount"), "money", minimum=0, currency_field="currency"),
        F("status", N_("Status"), "choice", enum=e.CommitmentStatus),
        F("budget_line_id", N_("Budget line (income cash pays for, or expense in kind covers)"), "choice",
          options=lambda: lines, allow_blank=True),
        F("due_date", N_("Due date"), "date"),
        F("confidential", N_("Confidential"), "bool"),
        F("conditions", N_("Conditions")),
        F("disclosure_consent", N_("Consents to disclosure in the dossier"), "bool"),
    ]


def task_fields(bundle, task_id: int | None = None) -> list[F]:
    others = [(t.title, t.id) for t in bundle.tasks if t.id != task_id]
    return [
        F("title", N_("Title"), required=True),
        F("kind", N_("Kind"), "choice", enum=e.TaskKind),
        F("owner", N_("Owner")),
        F("status", N_("Status"), "choice", enum=e.TaskStatus),
        F("anchor", N_("Relative to"), "choice", enum=e.Anchor, allow_blank=True),
        F("offset_days", N_("Days from it (negative: before)"), "int", allow_blank=True),
        F("due_date", N_("Or a fixed date"), "date"),
        F("duration_days", N_("Duration (days)"), "int", minimum=0, maximum=3650),
        F("depends_on", N_("Waits for"), "multi", options=lambda: others[:300]),
    ]


def check_task(values: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if values.get("anchor") is None and values.get("due_date") is None:
        errors["due_date"] = _("Give a fixed date, or choose what it is relative to and the days from it.")
    if values.get("anchor") is not None and values.get("offset_days") is None:
        errors["offset_days"] = _("Give the days from the anchor (negative for before, 0 for on the day).")
    if values.get("anchor") is not None and values.get("due_date") is not None:
        errors["due_date"] = _("Give either a fixed date or a relative one, not both.")
    return errors


# --- translations ---------------------------------------------------------------------------------------

TRANSLATION_MARK = "__"  # a form field `title__en` holds the title's English translation


def with_translations(kind: str, fields: list[F], bundle) -> list[F]:
    """The form's fields with, below each translatable one, its input in the other language of the bid
    ("Title (English)" below "Title" when the records are written in Swedish)."""
    from planner.services import translations as tr

    translatable = tr.fields(kind)
    if not translatable:
        return fields
    other = tr.other_locale(getattr(bundle.bid, "content_locale", "sv"))
    out: list[F] = []
    for spec in fields:
        out.append(spec)
        if spec.name in translatable:
            out.append(F(f"{spec.name}{TRANSLATION_MARK}{other}", _("{field} ({language})").format(
                field=_(spec.label), language=tr.language_name(other))))
    return out


@contextmanager
def _errors_on_form_fields():
    """A refused translation (`title.en`) said under its form field (`title__en`)."""
    from planner.services.errors import ValidationError

    try:
        yield
    except ValidationError as exc:
        if not any("." in name for name in exc.errors):
            raise
        raise ValidationError({name.replace(".", TRANSLATION_MARK): message
                               for name, message in exc.errors.items()}) from None


def _translation_of(name: str) -> tuple[str, str] | None:
    field, mark, locale = name.rpartition(TRANSLATION_MARK)
    return (field, locale) if mark and field and locale else None


# --- saving ---------------------------------------------------------------------------------------------


def values_of(record, fields: list[F]) -> dict[str, Any]:
    from planner.services.translations import translation

    out = {}
    for spec in fields:
        translated = _translation_of(spec.name)
        out[spec.name] = translation(record, *translated) if translated else getattr(record, spec.name, None)
    return out


def adder(kind: str, links: tuple[str, ...] = (), **fixed):
    """A save function adding a new record of `kind` with `fixed` fields (bid_id, venue_id ...); the form's
    fields named in `links` (a task's "depends_on", a session's "speakers") are saved as its links."""
    from planner.services import records

    def save(ws, values: dict[str, Any]):
        values, linked = _split(values, links)
        with _errors_on_form_fields():
            return records.add(ws, kind, {**fixed, **_translated(values, None)}, links=linked)

    return save


@dataclass(frozen=True)
class Saved:
    """What an edit form's save returns: the record as saved and the edit, for undo (None: nothing changed)."""

    record: Any
    edit: Any


def updater(kind: str, key, version: int | None, links: tuple[str, ...] = (), translations: dict | None = None):
    """A save function changing the record `key` of `kind` (and its `links`), refused when it changed since
    `version` was read; the edit it returns can be undone. `translations`: the record's as the form read
    them, which the form's translation fields change."""
    from planner.services import records

    def save(ws, values: dict[str, Any]):
        values, linked = _split(values, links)
        values = _translated(values, translations)
        with _errors_on_form_fields():
            return Saved(*records.edit(ws, kind, key, values, expected_version=version, links=linked))

    return save


def _split(values: dict[str, Any], links: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, list[int]] | None]:
    """The form's values without its link fields, and the links ({name: ids}, or None when it has none)."""
    values = _clean(values)
    linked = {name: list(values.pop(name, None) or []) for name in links}
    return values, (linked or None)


def _translated(values: dict[str, Any], current: dict | None) -> dict[str, Any]:
    """The form's values with its translation fields folded into the record's `translations`."""
    from planner.services.translations import merged

    updates = {found: values[name] for name in values if (found := _translation_of(name))}
    if not updates:
        return values
    out = {name: value for name, value in values.items() if not _translation_of(name)}
    out["translations"] = merged(current, updates)
    return out


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("currency", "fee_currency", "travel_currency", "base_currency"):
        if isinstance(out.get(name), str):
            out[name] = out[name].upper()
    return out
