"""The columns of each record type in CSV files: header names, value types and how rows are matched.

One description per kind serves both the export and the import, so a file written here reads back as the
same records. Venues, budget, speakers, partners, commitments and the timeline have the descriptions below,
with headers in the user's language; on import the English and Swedish header, the column key and common
names from other programs ('Förnamn', 'E-post', 'Company') are all recognised. Every other kind of record
is described from its fields as `planner add KIND` knows them (planner.services.csvkinds), headed by the
fields' names in the user's language and read back by the English or Swedish name or the field's own.

A file may also carry an Action column (`Action`/`Åtgärd`): a row with `delete` (`ta bort`) there removes
the record it matches instead of writing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from planner.domain.enums import (
    Anchor,
    Basis,
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    ImportSource,
    LetterStatus,
    LineKind,
    PartnerKind,
    SpeakerStatus,
    TaskKind,
    TaskStatus,
    VenueStatus,
)
from planner.i18n import N_, translate
from planner.interchange.csvio import SPEAKER_COLUMNS

# value types
TEXT, INT, BOOL, DATE, ENUM, MONEY, CURRENCY, ID, PARTNER = (
    "text", "int", "bool", "date", "enum", "money", "currency", "id", "partner")
REFERENCE, TIME, MOMENT, DECIMAL = "reference", "time", "moment", "decimal"  # the kinds described from fields


@dataclass(frozen=True)
class Column:
    key: str  # the column key, also the model field unless `field` says otherwise
    label: str  # N_-marked header text
    type: str = TEXT
    enum: type[Enum] | None = None
    currency_key: str = ""  # for MONEY: the key of the column that holds its currency
    required: bool = False
    nullable: bool = False  # an empty cell means None (dates, anchors, offsets)
    aliases: tuple[str, ...] = ()
    field: str = ""
    target: str = ""  # for REFERENCE: the kind of record its number points at

    @property
    def attr(self) -> str:
        return self.field or self.key

    def names(self) -> tuple[str, ...]:
        """Every header this column is recognised by."""
        return (self.key, translate("en", self.label), translate("sv", self.label), *self.aliases)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model_name: str  # the table class in planner.store.models
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]  # column keys that identify a record when no id matches
    extra_match: tuple[tuple[str, ...], ...] = field(default=())  # further keys tried in turn (speakers)
    name_key: str = ""  # the column that names a record to a person (default: the natural key's first)
    table: str = ""  # the kind of record as the records service names it (`budget_line`)

    @property
    def naming(self) -> str:
        return self.name_key or (self.natural_key[0] if self.natural_key else "")

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def aliases(self) -> Mapping[str, tuple[str, ...]]:
        return {c.key: c.names() for c in self.columns}


# Our own record id, under a name no other program's "ID" column is mistaken for.
ID_COLUMN = Column("id", N_("Planner ID"), ID, aliases=("planner id", "planner-id"))

VENUES = Kind("venues", N_("Venues"), "Venue", (
    ID_COLUMN,
    Column("name", N_("Venue"), required=True, aliases=("namn", "name", "lokal", "anläggning")),
    Column("address", N_("Address"), aliases=("adress",)),
    Column("city", N_("City"), aliases=("ort", "stad")),
    Column("status", N_("Status"), ENUM, VenueStatus),
    Column("cost", N_("Cost"), MONEY, currency_key="currency", field="cost_minor", aliases=("kostnad", "pris")),
    Column("currency", N_("Currency"), CURRENCY, aliases=("valuta",)),
    Column("cost_note", N_("Cost note")),
    Column("distance_centre_m", N_("Distance to the centre (m)"), INT),
    Column("distance_station_m", N_("Distance to the station (m)"), INT),
    Column("distance_airport_km", N_("Distance to the airport (km)"), INT),
    Column("travel_centre_min", N_("Minutes to the centre"), INT),
    Column("travel_station_min", N_("Minutes to the station"), INT),
    Column("travel_airport_min", N_("Minutes to the airport"), INT),
    Column("option_until", N_("Option held until"), DATE, nullable=True),
    Column("contact_name", N_("Contact"), aliases=("kontaktperson",)),
    Column("contact_email", N_("Contact e-mail"), aliases=("e-post", "email")),
    Column("contact_phone", N_("Contact phone"), aliases=("telefon", "phone")),
    Column("accessibility", N_("Accessibility")),
    Column("catering", N_("Catering"), aliases=("förtäring",)),
    Column("av", N_("AV")),
    Column("description", N_("Description")),
), natural_key=("name",), table="venue")

BUDGET = Kind("budget", N_("Budget lines"), "BudgetLine", (
    ID_COLUMN,
    Column("kind", N_("Income or expense"), ENUM, LineKind, required=True, aliases=("typ",)),
    Column("category", N_("Category"), ENUM, BudgetCategory, required=True, aliases=("kategori",)),
    Column("label", N_("Line"), required=True, aliases=("post", "budgetpost", "benämning", "description")),
    Column("basis", N_("Basis"), ENUM, Basis),
    Column("unit_amount", N_("Unit amount"), MONEY, currency_key="currency", field="unit_minor",
           aliases=("belopp", "amount", "à-pris")),
    Column("quantity", N_("Quantity"), INT, aliases=("antal",)),
    Column("currency", N_("Currency"), CURRENCY, aliases=("valuta",)),
    Column("vat_rate_percent", N_("VAT rate (%)"), INT, aliases=("moms", "vat")),
    Column("amounts_include_vat", N_("Amounts include VAT"), BOOL),
    Column("committed", N_("Committed"), MONEY, currency_key="currency", field="committed_minor",
           aliases=("bundet",)),
    Column("actual", N_("Actual"), MONEY, currency_key="currency", field="actual_minor"),
    Column("confidential", N_("Confidential"), BOOL),
    Column("note", N_("Note"), aliases=("anteckning", "kommentar")),
), natural_key=("kind", "category", "label"), name_key="label", table="budget_line")

SPEAKERS = Kind("speakers", N_("Speakers"), "Speaker", (
    ID_COLUMN,
    Column("given_name", N_("Given name"), aliases=SPEAKER_COLUMNS["given_name"]),
    Column("family_name", N_("Family name"), aliases=SPEAKER_COLUMNS["family_name"]),
    Column("display_name", N_("Display name"), aliases=SPEAKER_COLUMNS["display_name"]),
    Column("organisation", N_("Organisation"), aliases=SPEAKER_COLUMNS["organisation"]),
    Column("role", N_("Role"), aliases=("roll", "titel/roll", "job title")),
    Column("email", N_("E-mail"), aliases=SPEAKER_COLUMNS["email"]),
    Column("phone", N_("Phone"), aliases=SPEAKER_COLUMNS["phone"]),
    Column("country", N_("Country"), aliases=("land",)),
    Column("talk_title", N_("Talk title"), aliases=SPEAKER_COLUMNS["talk_title"]),
    Column("status", N_("Status"), ENUM, SpeakerStatus, aliases=SPEAKER_COLUMNS["state"]),
    Column("consent_to_be_named", N_("May be named in the dossier"), BOOL),
    Column("fee", N_("Fee"), MONEY, currency_key="fee_currency", field="fee_minor", aliases=("arvode",)),
    Column("fee_currency", N_("Fee currency"), CURRENCY),
    Column("travel", N_("Travel"), MONEY, currency_key="travel_currency", field="travel_minor", aliases=("resa",)),
    Column("travel_currency", N_("Travel currency"), CURRENCY),
    Column("nights", N_("Nights"), INT, aliases=("nätter",)),
    Column("source", N_("Source"), ENUM, ImportSource),
    Column("source_id", N_("Source id")),
    Column("avatar_url", N_("Picture"), aliases=SPEAKER_COLUMNS["avatar_url"]),
    Column("bio", N_("Biography"), aliases=SPEAKER_COLUMNS["bio"]),
), natural_key=("display_name",), extra_match=(("source", "source_id"), ("email",)), table="speaker")

PARTNERS = Kind("partners", N_("Partners"), "Partner", (
    ID_COLUMN,
    Column("name", N_("Partner"), required=True, aliases=("namn", "name", "organisation", "företag")),
    Column("kind", N_("Kind"), ENUM, PartnerKind, aliases=("typ",)),
    Column("contact_name", N_("Contact"), aliases=("kontaktperson",)),
    Column("contact_email", N_("Contact e-mail"), aliases=("e-post", "email")),
    Column("contact_phone", N_("Contact phone"), aliases=("telefon", "phone")),
    Column("website", N_("Website"), aliases=("webbplats", "hemsida")),
    Column("letter_status", N_("Letter of support"), ENUM, LetterStatus),
    Column("letter_received_on", N_("Letter received on"), DATE, nullable=True),
    Column("letter_signatory", N_("Letter signed by")),
), natural_key=("name",), table="partner")

COMMITMENTS = Kind("commitments", N_("Commitments"), "Commitment", (
    ID_COLUMN,
    Column("partner", N_("Partner"), PARTNER, required=True, field="partner_id"),
    Column("kind", N_("Kind"), ENUM, CommitmentKind, aliases=("typ",)),
    Column("description", N_("Description"), aliases=("beskrivning",)),
    Column("amount", N_("Amount"), MONEY, currency_key="currency", field="amount_minor", aliases=("belopp",)),
    Column("currency", N_("Currency"), CURRENCY, aliases=("valuta",)),
    Column("status", N_("Status"), ENUM, CommitmentStatus),
    Column("due_date", N_("Due date"), DATE, nullable=True, aliases=("förfallodag",)),
    Column("conditions", N_("Conditions"), aliases=("villkor",)),
    Column("confidential", N_("Confidential"), BOOL),
), natural_key=("partner", "kind", "description"), name_key="description", table="commitment")

TIMELINE = Kind("timeline", N_("Timeline"), "Task", (
    ID_COLUMN,
    Column("title", N_("Task"), required=True, aliases=("uppgift", "aktivitet", "title", "titel")),
    Column("kind", N_("Milestone or task"), ENUM, TaskKind, aliases=("typ",)),
    Column("owner", N_("Owner"), aliases=("ansvarig",)),
    Column("status", N_("Status"), ENUM, TaskStatus),
    Column("due_date", N_("Due date"), DATE, nullable=True, aliases=("datum", "date", "deadline")),
    Column("anchor", N_("Anchor"), ENUM, Anchor, nullable=True),
    Column("offset_days", N_("Days from the anchor"), INT, nullable=True),
    Column("duration_days", N_("Duration (days)"), INT),
    Column("note", N_("Note"), aliases=("anteckning",)),
), natural_key=("title",), table="task")

KINDS: dict[str, Kind] = {k.key: k for k in (VENUES, BUDGET, SPEAKERS, PARTNERS, COMMITMENTS, TIMELINE)}


# The column that marks a row for removal, and its words.
ACTION_LABEL = N_("Action")
ACTION_NAMES = ("action", "åtgärd", "atgard")
DELETE_WORDS = ("delete", "remove", "ta bort", "radera")
