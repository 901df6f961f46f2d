"""The SQLModel tables of a bid workspace: one bid and everything that belongs to it, plus exchange rates.

Rules every table follows:
- money is a BIGINT count of minor units next to a three-letter ISO 4217 code (`*_minor` + `*currency`);
  nothing here is a float or SQL REAL;
- every record of a bid carries `bid_id` (directly or through its parent) and goes when the bid goes;
- enumerations are stored as their string values, with a CHECK constraint the database enforces;
- editable records carry `version` (bumped on each save, for conflict detection) and `updated_at`/`updated_by`.

Each table also says what the rest of the program needs to know about it, so nobody writes it down again:
its parent (`__parent__`, the column pointing at the row it belongs to; a table with a `bid_id` column belongs
to the bid unless it says otherwise), the field that names one of its rows to a person (`__names__`), and for a
table linking its parent to other rows, the name that link is saved under (`__links__`). Children,
references and housekeeping columns are read from the table metadata (`children_of`, `references`,
`housekeeping`) at the end of this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from planner.domain.attachments import MAX_BYTES as ATTACHMENT_MAX_BYTES
from planner.domain.enums import (
    Anchor,
    Audience,
    Basis,
    BidStatus,
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    ImportSource,
    LetterStatus,
    LineKind,
    PartnerKind,
    RateSource,
    RoomKind,
    SessionKind,
    SessionStatus,
    SpeakerStatus,
    TaskKind,
    TaskStatus,
    TextKey,
    VenueStatus,
)
from planner.errors import PlannerError

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING

# Column info of the columns the program keeps itself (versions, edit times), never a person's input.
KEPT = {"housekeeping": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    """A record's own identity across databases and bid files (an iCalendar UID is made of it)."""
    import uuid

    return str(uuid.uuid4())


def uuid_field():
    """The `uuid` column of a record exported to calendars: given once when the record is made, carried by the
    bid file, never typed by a person."""
    return Field(default_factory=new_uuid, max_length=36, sa_column_kwargs={"info": KEPT})


class DamagedValue(PlannerError):
    """A stored value that no save of planner's could have written (the file was changed outside it)."""


def stored_decimal(value) -> Decimal:
    """A decimal stored as text, as a Decimal; DamagedValue, in words, for text that is not a number."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        number = None
    if number is None or not number.is_finite():
        from planner.i18n import _

        raise DamagedValue(_("The database holds {value} where an exchange rate belongs, which is not a number: the "
                             "file was changed outside planner. Restore it from a backup.").format(
                                 value=repr(str(value))[:60]))
    return number


class DecimalText(TypeDecorator):
    """An exact decimal stored as text, so no database turns it into a binary float (exchange rates)."""

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return format(Decimal(value), "f")

    def process_result_value(self, value, dialect):
        return None if value is None else stored_decimal(value)


def enum_column(enum: type[Enum], *, default: Enum | None = None, nullable: bool = False) -> sa.Column:
    return sa.Column(
        sa.Enum(
            enum,
            native_enum=False,
            create_constraint=True,
            length=32,
            name=enum.__name__.lower(),
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
        ),
        nullable=nullable,
        default=default,
        server_default=default.value if default is not None else None,
    )


def money_column(*, nullable: bool = False, default: int | None = 0) -> sa.Column:
    return sa.Column(
        sa.BigInteger, nullable=nullable, default=default,
        server_default=str(default) if default is not None else None,
    )


def currency_column() -> sa.Column:
    return sa.Column(sa.String(3), nullable=False)


def fk(target: str, *, ondelete: str = "CASCADE", nullable: bool = False, index: bool = True) -> sa.Column:
    return sa.Column(sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


def text_column(nullable: bool = False, default: str | None = "") -> sa.Column:
    return sa.Column(sa.Text, nullable=nullable, default=default, server_default=default if default is not None else None)


def no_translations() -> dict:
    return {}


def translations_column() -> sa.Column:
    """The texts of a record's translatable fields in other languages: {field: {locale: text}} (JSON)."""
    return sa.Column(sa.JSON, nullable=False, default=no_translations, server_default="{}")


def currency_check(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(
        f"length({column}) = 3 AND upper({column}) = {column}", name=f"{column}_iso"
    )


class Editable(SQLModel):
    """Fields every editable record carries."""

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1", "info": KEPT})
    created_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"info": KEPT})
    updated_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"info": KEPT})
    updated_by: str = Field(default="", max_length=120, sa_column_kwargs={"info": KEPT})


# --- the bid ----------------------------------------------------------------------------------------------


class Bid(Editable, table=True):
    __tablename__ = "bid"
    __names__ = "conference"
    __translatable__ = ("guarantor", "signatory_title", "guarantee_statement")
    __table_args__ = (
        sa.CheckConstraint("attendance_low >= 0", name="attendance_low_nonneg"),
        sa.CheckConstraint("attendance_low <= attendance_expected", name="attendance_low_le_expected"),
        sa.CheckConstraint("attendance_expected <= attendance_high", name="attendance_expected_le_high"),
        sa.CheckConstraint("complimentary_attendees >= 0", name="complimentary_nonneg"),
        sa.CheckConstraint("event_days >= 1", name="event_days_positive"),
        sa.CheckConstraint("event_end IS NULL OR event_start IS NULL OR event_end >= event_start",
                           name="event_dates_ordered"),
        sa.CheckConstraint("spend_per_delegate_day_minor >= 0", name="spend_nonneg"),
        currency_check("base_currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conference: str = Field(max_length=200)
    edition: str = Field(default="", max_length=60)
    host_city: str = Field(max_length=120)
    host_region: str = Field(default="", max_length=120)
    organiser: str = Field(default="", max_length=200)
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=60)
    bid_deadline: date | None = None
    decision_date: date | None = None
    event_start: date | None = None
    event_end: date | None = None
    event_days: int = Field(default=1)
    attendance_low: int = Field(default=0)
    attendance_expected: int = Field(default=0)
    attendance_high: int = Field(default=0)
    complimentary_attendees: int = Field(default=0)
    base_currency: str = Field(default="SEK", sa_column=currency_column())
    vat_deductible: bool = Field(default=True)
    # the day whose exchange rates the budget converts at; None: the bid's deadline (see services.planning)
    rate_date: date | None = None
    status: BidStatus = Field(default=BidStatus.DRAFT, sa_column=enum_column(BidStatus, default=BidStatus.DRAFT))
    # 0: the published default, converted into the base currency at the stored rate (see services.planning);
    # the column's server default stays the 350 000 of revision 0001, which no insert relies on
    spend_per_delegate_day_minor: int = Field(default=0, sa_column=money_column(default=0))
    logo_path: str = Field(default="", max_length=500)
    # the financial guarantee printed with the budget: who stands behind a deficit, and what they promise
    guarantor: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    guarantee_statement: str = Field(default="", sa_column=text_column())
    signatory_name: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    signatory_title: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    internal_notes: str = Field(default="", sa_column=text_column())
    # the language the bid's records are written in; their translations are in the other one
    content_locale: str = Field(default="sv", max_length=2, sa_column_kwargs={"server_default": "sv"})
    last_opened_at: datetime | None = Field(default=None, sa_column_kwargs={"info": KEPT})
    # a deleted bid is archived: out of the lists, its records and audit history kept until it is purged
    archived_at: datetime | None = Field(default=None, sa_column_kwargs={"info": KEPT})
    # the signatory's title in the other language of the records (the bid's own printed texts are bid_text rows)
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())

    @property
    def title(self) -> str:
        parts = [self.conference, self.edition]
        return " ".join(p for p in parts if p) + (f", {self.host_city}" if self.host_city else "")


class BidText(SQLModel, table=True):
    """A dossier text (motivation, legacy ...) in one language."""

    __tablename__ = "bid_text"
    __names__ = "key"
    __table_args__ = (
        sa.UniqueConstraint("bid_id", "key", "locale", name="bid_text_key_locale"),
        sa.CheckConstraint("locale IN ('sv', 'en')", name="locale_supported"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    key: TextKey = Field(sa_column=enum_column(TextKey))
    locale: str = Field(max_length=2)
    body: str = Field(default="", sa_column=text_column())
    version: int = Field(default=1, sa_column_kwargs={"info": KEPT})


class DateOption(SQLModel, table=True):
    """One of the two or three date ranges the bid offers; one is preferred."""

    __tablename__ = "date_option"
    __translatable__ = ('note',)
    __table_args__ = (sa.CheckConstraint("end_date >= start_date", name="dates_ordered"),)

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    uuid: str = uuid_field()
    start_date: date
    end_date: date
    preferred: bool = Field(default=False)
    note: str = Field(default="", max_length=500)
    version: int = Field(default=1, sa_column_kwargs={"info": KEPT})


# --- venues -----------------------------------------------------------------------------------------------
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class Venue(Editable, table=True):
    __tablename__ = "venue"
    __translatable__ = ('description', 'accessibility', 'catering', 'av')
    __names__ = "name"
    __table_args__ = (
        currency_check("currency"),
        sa.CheckConstraint("distance_centre_m >= 0 AND distance_station_m >= 0", name="distances_nonneg"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    uuid: str = uuid_field()
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=300)
    city: str = Field(default="", max_length=120)
    status: VenueStatus = Field(
        default=VenueStatus.CANDIDATE, sa_column=enum_column(VenueStatus, default=VenueStatus.CANDIDATE)
    )
    cost_minor: int = Field(default=0, sa_column=money_column())
    currency: str = Field(default="SEK", sa_column=currency_column())
    cost_note: str = Field(default="", max_length=500)
    distance_centre_m: int = Field(default=0)
    distance_station_m: int = Field(default=0)
    distance_airport_km: int = Field(default=0)
    travel_centre_min: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    travel_station_min: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    travel_airport_min: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    accessibility: str = Field(default="", sa_column=text_column())
    catering: str = Field(default="", sa_column=text_column())
    av: str = Field(default="", sa_column=text_column())
    description: str = Field(default="", sa_column=text_column())
    option_until: date | None = None
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=60)
    internal_notes: str = Field(default="", sa_column=text_column())
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class Room(Editable, table=True):
    __tablename__ = "room"
    __parent__ = "venue_id"
    __names__ = "name"
    __table_args__ = (
        sa.CheckConstraint("capacity_theatre >= 0 AND capacity_classroom >= 0 AND capacity_banquet >= 0",
                           name="capacities_nonneg"),
        currency_check("currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(sa_column=fk("venue.id"))
    name: str = Field(max_length=200)
    kind: RoomKind = Field(default=RoomKind.BREAKOUT, sa_column=enum_column(RoomKind, default=RoomKind.BREAKOUT))
    capacity_theatre: int = Field(default=0)
    capacity_classroom: int = Field(default=0)
    capacity_banquet: int = Field(default=0)
    cost_per_day_minor: int = Field(default=0, sa_column=money_column())
    currency: str = Field(default="SEK", sa_column=currency_column())


class VenueAvailability(SQLModel, table=True):
    """Whether a venue can host the event on one of the bid's date options."""

    __tablename__ = "venue_availability"
    __parent__ = "venue_id"

    venue_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("venue.id", ondelete="CASCADE"),
                                              primary_key=True))
    date_option_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("date_option.id", ondelete="CASCADE"),
                                                    primary_key=True))
    available: bool = Field(default=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1", "info": KEPT})


class Criterion(Editable, table=True):
    """A weighted venue criterion (capacity fit, cost, accessibility ...)."""

    __tablename__ = "criterion"
    __names__ = "key"
    __table_args__ = (
        sa.UniqueConstraint("bid_id", "key", name="criterion_key"),
        sa.CheckConstraint("weight >= 0 AND weight <= 100", name="weight_range"),
        sa.CheckConstraint("min_score IS NULL OR (min_score >= 0 AND min_score <= 10)", name="min_score_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    key: str = Field(max_length=60)
    name_sv: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    weight: int = Field(default=10)
    min_score: int | None = Field(default=None)
    position: int = Field(default=0)


class VenueScore(SQLModel, table=True):
    __tablename__ = "venue_score"
    __parent__ = "venue_id"
    __table_args__ = (sa.CheckConstraint("score >= 0 AND score <= 10", name="score_range"),)

    venue_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("venue.id", ondelete="CASCADE"),
                                              primary_key=True))
    criterion_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("criterion.id", ondelete="CASCADE"),
                                                  primary_key=True))
    score: int = Field(default=0)
    comment: str = Field(default="", max_length=500)
    version: int = Field(default=1, sa_column_kwargs={"info": KEPT})


class AccommodationBlock(Editable, table=True):
    """Hotel rooms held for delegates near the venue."""

    __tablename__ = "accommodation_block"
    __translatable__ = ('note',)
    __names__ = "hotel"
    __table_args__ = (
        sa.CheckConstraint("rooms >= 0 AND nights >= 0 AND distance_m >= 0", name="counts_nonneg"),
        currency_check("currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    uuid: str = uuid_field()
    hotel: str = Field(max_length=200)
    stars: int | None = Field(default=None)
    rooms: int = Field(default=0)
    nights: int = Field(default=1)
    rate_minor: int = Field(default=0, sa_column=money_column())
    currency: str = Field(default="SEK", sa_column=currency_column())
    distance_m: int = Field(default=0)
    release_date: date | None = None
    note: str = Field(default="", max_length=500)


# --- budget -----------------------------------------------------------------------------------------------
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class BudgetLine(Editable, table=True):
    """An income or expense line that scales with its basis; amounts in the line's own currency."""

    __tablename__ = "budget_line"
    __names__ = "label"
    __table_args__ = (
        sa.CheckConstraint("quantity >= 0", name="quantity_nonneg"),
        sa.CheckConstraint("vat_rate_percent >= 0 AND vat_rate_percent <= 100", name="vat_range"),
        currency_check("currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    kind: LineKind = Field(sa_column=enum_column(LineKind))
    category: BudgetCategory = Field(sa_column=enum_column(BudgetCategory))
    label: str = Field(max_length=300)
    basis: Basis = Field(default=Basis.FIXED, sa_column=enum_column(Basis, default=Basis.FIXED))
    unit_minor: int = Field(default=0, sa_column=money_column())
    quantity: int = Field(default=1)
    currency: str = Field(default="SEK", sa_column=currency_column())
    vat_rate_percent: int = Field(default=25)
    amounts_include_vat: bool = Field(default=False)
    committed_minor: int = Field(default=0, sa_column=money_column())
    actual_minor: int = Field(default=0, sa_column=money_column())
    confidential: bool = Field(default=False)
    # the owner agreed that a dossier which cannot hide this confidential line may reveal it (audited)
    disclosure_consent: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    note: str = Field(default="", sa_column=text_column())
    position: int = Field(default=0)


class BudgetBaseline(SQLModel, table=True):
    """An approved budget, frozen to compare the working budget against."""

    __tablename__ = "budget_baseline"
    __names__ = "name"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    name: str = Field(max_length=200)
    frozen_at: datetime = Field(default_factory=utcnow)
    frozen_by: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=500)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1", "info": KEPT})


class BaselineLine(SQLModel, table=True):
    """One line as it stood when the baseline was frozen, in the bid's base currency."""

    __tablename__ = "baseline_line"
    __parent__ = "baseline_id"
    __names__ = "label"
    __table_args__ = (currency_check("currency"),)

    id: int | None = Field(default=None, primary_key=True)
    baseline_id: int = Field(sa_column=fk("budget_baseline.id"))
    line_id: int | None = Field(default=None, sa_column=fk("budget_line.id", ondelete="SET NULL", nullable=True))
    kind: LineKind = Field(sa_column=enum_column(LineKind))
    category: BudgetCategory = Field(sa_column=enum_column(BudgetCategory))
    label: str = Field(max_length=300)
    planned_low_minor: int = Field(default=0, sa_column=money_column())
    planned_expected_minor: int = Field(default=0, sa_column=money_column())
    planned_high_minor: int = Field(default=0, sa_column=money_column())
    currency: str = Field(sa_column=currency_column())


# --- speakers and programme -------------------------------------------------------------------------------


class Speaker(Editable, table=True):
    __tablename__ = "speaker"
    __translatable__ = ('talk_title', 'bio')
    __names__ = "display_name"
    __table_args__ = (
        sa.CheckConstraint("nights >= 0", name="nights_nonneg"),
        sa.CheckConstraint("fee_minor >= 0 AND travel_minor >= 0", name="costs_nonneg"),
        currency_check("fee_currency"),
        currency_check("travel_currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    given_name: str = Field(default="", max_length=200)
    family_name: str = Field(default="", max_length=200)
    display_name: str = Field(max_length=400)
    organisation: str = Field(default="", max_length=300)
    role: str = Field(default="", max_length=300)
    email: str = Field(default="", max_length=254, index=True)
    phone: str = Field(default="", max_length=60)
    country: str = Field(default="", max_length=2)
    bio: str = Field(default="", sa_column=text_column())
    talk_title: str = Field(default="", max_length=500)
    consent_to_be_named: bool = Field(default=False)
    fee_minor: int = Field(default=0, sa_column=money_column())
    fee_currency: str = Field(default="SEK", sa_column=currency_column())
    travel_minor: int = Field(default=0, sa_column=money_column())
    travel_currency: str = Field(default="SEK", sa_column=currency_column())
    nights: int = Field(default=0)
    status: SpeakerStatus = Field(default=SpeakerStatus.IDEA,
                                  sa_column=enum_column(SpeakerStatus, default=SpeakerStatus.IDEA))
    source: ImportSource = Field(default=ImportSource.MANUAL,
                                 sa_column=enum_column(ImportSource, default=ImportSource.MANUAL))
    source_id: str = Field(default="", max_length=200, index=True)
    avatar_url: str = Field(default="", max_length=1000)
    internal_notes: str = Field(default="", sa_column=text_column())
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class ProgrammeSession(Editable, table=True):
    """A slot in the programme: a day, a time, a room, and its speakers."""

    __tablename__ = "programme_session"
    __translatable__ = ('title', 'abstract')
    __names__ = "title"
    __table_args__ = (
        sa.CheckConstraint("end_time > start_time", name="times_ordered"),
        sa.CheckConstraint("expected_audience >= 0", name="audience_nonneg"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    title: str = Field(max_length=500)
    kind: SessionKind = Field(default=SessionKind.TALK, sa_column=enum_column(SessionKind, default=SessionKind.TALK))
    status: SessionStatus = Field(default=SessionStatus.DRAFT,
                                  sa_column=enum_column(SessionStatus, default=SessionStatus.DRAFT))
    day: date
    start_time: time
    end_time: time
    room_id: int | None = Field(default=None, sa_column=fk("room.id", ondelete="SET NULL", nullable=True))
    expected_audience: int = Field(default=0)
    abstract: str = Field(default="", sa_column=text_column())
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())
    # what one guest of a social event costs (a dinner, a study visit); 0: nothing to say
    cost_per_head_minor: int = Field(default=0, sa_column=money_column())
    cost_per_head_currency: str = Field(default="SEK", sa_column=sa.Column(sa.String(3), nullable=False,
                                                                            server_default="SEK"))


class SessionSpeaker(SQLModel, table=True):
    __tablename__ = "session_speaker"
    __parent__ = "session_id"
    __links__ = "speakers"

    session_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("programme_session.id", ondelete="CASCADE"),
                                                primary_key=True))
    speaker_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("speaker.id", ondelete="CASCADE"),
                                                primary_key=True))
    role: str = Field(default="speaker", max_length=40)


# --- partners and commitments -----------------------------------------------------------------------------


class Partner(Editable, table=True):
    __tablename__ = "partner"
    __names__ = "name"
    __table_args__ = (sa.UniqueConstraint("bid_id", "name", name="partner_name"),)

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    name: str = Field(max_length=300)
    kind: PartnerKind = Field(default=PartnerKind.OTHER, sa_column=enum_column(PartnerKind, default=PartnerKind.OTHER))
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=60)
    website: str = Field(default="", max_length=500)
    letter_status: LetterStatus = Field(default=LetterStatus.NONE,
                                        sa_column=enum_column(LetterStatus, default=LetterStatus.NONE))
    letter_received_on: date | None = None
    letter_signatory: str = Field(default="", max_length=300)
    letter_file: str = Field(default="", max_length=1000)
    internal_notes: str = Field(default="", sa_column=text_column())


class TeamMember(Editable, table=True):
    """A person of the bid team, with the role the dossier's team chapter gives them."""

    __tablename__ = "team_member"
    __names__ = "name"
    __translatable__ = ("role",)

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=300)
    organisation: str = Field(default="", max_length=300)
    # personal data: printed only in the internal edition (the committee's contact is the bid's own contact)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=60)
    shown_in_dossier: bool = Field(default=True)
    position: int = Field(default=0)
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class Attachment(SQLModel, table=True):
    """A file kept in the database, read once when it was attached: a partner's letter of support (PDF, PNG or
    JPEG), the bid's logo and pictures, or a photo of one venue (`venue_id`; a photo without one is the bid's),
    with an optional caption the dossier prints. The older path fields (`letter_file`, `logo_path`) are text
    nothing opens."""

    __tablename__ = "attachment"
    __translatable__ = ('caption',)
    __names__ = "filename"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('letter', 'logo', 'hero', 'signature', 'photo')", name="kind"),
        sa.CheckConstraint("(kind = 'letter') = (partner_id IS NOT NULL)", name="letter_of_a_partner"),
        sa.CheckConstraint(f"size_bytes > 0 AND size_bytes <= {ATTACHMENT_MAX_BYTES}", name="size"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    partner_id: int | None = Field(default=None, sa_column=fk("partner.id", nullable=True))
    kind: str = Field(max_length=10)
    filename: str = Field(default="", max_length=255)
    media_type: str = Field(max_length=40)
    size_bytes: int
    sha256: str = Field(max_length=64)
    data: bytes = Field(sa_column=sa.Column(sa.LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=120)
    # a photo of one venue (it goes when the venue goes); None for the bid's own pictures
    venue_id: int | None = Field(default=None, sa_column=fk("venue.id", nullable=True))
    caption: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())
    # one step per change of the row (caption, translation, file): a save made on an older one is refused
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1", "info": KEPT})


class Commitment(Editable, table=True):
    """What a partner commits: cash, in kind, venue, staff or marketing, with its status."""

    __tablename__ = "commitment"
    __translatable__ = ('description',)
    __names__ = "description"
    __table_args__ = (
        sa.CheckConstraint("amount_minor >= 0", name="amount_nonneg"),
        currency_check("currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    # RESTRICT: deleting a partner with commitments must be confirmed and done explicitly by the service.
    partner_id: int = Field(sa_column=fk("partner.id", ondelete="RESTRICT"))
    kind: CommitmentKind = Field(default=CommitmentKind.CASH,
                                 sa_column=enum_column(CommitmentKind, default=CommitmentKind.CASH))
    description: str = Field(default="", max_length=500)
    amount_minor: int = Field(default=0, sa_column=money_column())
    currency: str = Field(default="SEK", sa_column=currency_column())
    status: CommitmentStatus = Field(default=CommitmentStatus.PROSPECT,
                                     sa_column=enum_column(CommitmentStatus, default=CommitmentStatus.PROSPECT))
    due_date: date | None = None
    conditions: str = Field(default="", sa_column=text_column())
    confidential: bool = Field(default=False)
    # the partner agreed that a dossier which cannot hide this confidential amount may reveal it (audited)
    disclosure_consent: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    budget_line_id: int | None = Field(default=None,
                                       sa_column=fk("budget_line.id", ondelete="SET NULL", nullable=True))
    internal_notes: str = Field(default="", sa_column=text_column())


# --- timeline ---------------------------------------------------------------------------------------------
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class Task(Editable, table=True):
    """A milestone or task; its due date is fixed, or an offset in days from an anchor date of the bid."""

    __tablename__ = "task"
    __translatable__ = ('title',)
    __names__ = "title"
    __table_args__ = (
        sa.CheckConstraint("duration_days >= 0", name="duration_nonneg"),
        sa.CheckConstraint("(anchor IS NULL) OR (offset_days IS NOT NULL)", name="relative_has_offset"),
        sa.CheckConstraint("(anchor IS NOT NULL) OR (due_date IS NOT NULL)", name="has_a_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    uuid: str = uuid_field()
    title: str = Field(max_length=300)
    kind: TaskKind = Field(default=TaskKind.TASK, sa_column=enum_column(TaskKind, default=TaskKind.TASK))
    owner: str = Field(default="", max_length=200)
    status: TaskStatus = Field(default=TaskStatus.TODO, sa_column=enum_column(TaskStatus, default=TaskStatus.TODO))
    due_date: date | None = None
    anchor: Anchor | None = Field(default=None, sa_column=enum_column(Anchor, nullable=True))
    offset_days: int | None = None
    duration_days: int = Field(default=0)
    template_key: str = Field(default="", max_length=60)
    note: str = Field(default="", sa_column=text_column())
    position: int = Field(default=0)
    translations: dict = Field(default_factory=no_translations, sa_column=translations_column())


class TaskDependency(SQLModel, table=True):
    """`task_id` cannot finish before `depends_on_id` has."""

    __tablename__ = "task_dependency"
    __parent__ = "task_id"
    __links__ = "depends_on"
    __table_args__ = (sa.CheckConstraint("task_id <> depends_on_id", name="not_self"),)

    task_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("task.id", ondelete="CASCADE"),
                                             primary_key=True))
    depends_on_id: int = Field(sa_column=sa.Column(sa.Integer, sa.ForeignKey("task.id", ondelete="CASCADE"),
                                                   primary_key=True))


# --- shared reference data and records --------------------------------------------------------------------


class ExchangeRate(SQLModel, table=True):
    """Units of `currency` per one euro on `rate_date` (the ECB's convention), with where it came from."""

    __tablename__ = "exchange_rate"
    __table_args__ = (
        sa.UniqueConstraint("rate_date", "currency", "source", name="rate_date_currency_source"),
        currency_check("currency"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rate_date: date = Field(index=True)
    currency: str = Field(sa_column=currency_column())
    rate: Decimal = Field(sa_column=sa.Column(DecimalText(), nullable=False))
    source: RateSource = Field(sa_column=enum_column(RateSource))
    fetched_at: datetime = Field(default_factory=utcnow)


class DossierExport(SQLModel, table=True):
    """A record of each dossier PDF made: when, for whom, what it contained."""

    __tablename__ = "dossier_export"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int = Field(sa_column=fk("bid.id"))
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=120)
    locale: str = Field(max_length=2)
    audience: Audience = Field(sa_column=enum_column(Audience))
    recipient: str = Field(default="", max_length=300)
    partner_id: int | None = Field(default=None, sa_column=fk("partner.id", ondelete="SET NULL", nullable=True))
    pages: int = Field(default=0)
    size_bytes: int = Field(default=0)
    sha256: str = Field(max_length=64)
    path: str = Field(max_length=1000)
    options: str = Field(default="{}", sa_column=text_column(default="{}"))


class AuditEntry(SQLModel, table=True):
    """Who changed what, when: what was and what became (JSON)."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    bid_id: int | None = Field(default=None, sa_column=fk("bid.id", nullable=True))
    at: datetime = Field(default_factory=utcnow, index=True)
    who: str = Field(max_length=120)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=60)
    entity_id: str = Field(default="", max_length=60)
    before: str = Field(default="", sa_column=text_column())
    after: str = Field(default="", sa_column=text_column())


# Tables of one bid, parents before children: the order export, import and deletion follow.
BID_TABLES = (
    Bid, BidText, DateOption, Venue, Room, VenueAvailability, Criterion, VenueScore, AccommodationBlock,
    BudgetLine, BudgetBaseline, BaselineLine, Speaker, ProgrammeSession, SessionSpeaker, Partner, Attachment,
    Commitment, Task, TeamMember, TaskDependency, DossierExport, AuditEntry,
)

SHARED_TABLES = (ExchangeRate,)
TABLES: dict[str, type[SQLModel]] = {model.__tablename__: model for model in (*BID_TABLES, *SHARED_TABLES)}


# --- what the tables say about themselves -------------------------------------------------------------------


def table_named(name: str) -> type[SQLModel]:
    """The model of a table name (`"venue"` -> Venue); KeyError for a name that is not one of ours."""
    return TABLES[name]


def _target(column: sa.Column) -> sa.ForeignKey | None:
    return next(iter(column.foreign_keys), None)


@cache
def parent_of(model: type[SQLModel]) -> tuple[type[SQLModel], str] | None:
    """(the parent's model, the column pointing at it) of a table's rows; None for the bid and shared tables."""
    column = getattr(model, "__parent__", None)
    if column is None:
        column = "bid_id" if "bid_id" in model.__table__.columns else None
    if column is None:
        return None
    return TABLES[_target(model.__table__.columns[column]).column.table.name], column


@cache
def bid_path(model: type[SQLModel]) -> tuple[tuple[type[SQLModel], str], ...]:
    """The steps from a table up to the bid: ((model, column pointing up) ...), empty for the bid itself."""
    steps: list[tuple[type[SQLModel], str]] = []
    current = model
    while (parent := parent_of(current)) is not None:
        steps.append((current, parent[1]))
        current = parent[0]
    return tuple(steps)


def name_field(model: type[SQLModel]) -> str | None:
    """The field that names one row to a person (a venue's `name`, a task's `title`), if the table has one."""
    return getattr(model, "__names__", None)


def translatable(model: type[SQLModel]) -> tuple[str, ...]:
    """The fields of a table the dossier prints that carry translations in `translations` (none: empty)."""
    return getattr(model, "__translatable__", ())


@cache
def housekeeping(model: type[SQLModel]) -> tuple[str, ...]:
    """The columns the program keeps itself (version, edit times), never set from a person's input."""
    return tuple(c.name for c in model.__table__.columns if c.info.get("housekeeping"))


HOUSEKEEPING: tuple[str, ...] = tuple(dict.fromkeys(name for model in TABLES.values() for name in housekeeping(model)))


@cache
def references(model: type[SQLModel]) -> dict[str, str]:
    """{column: the table it points at} for every foreign key of a table."""
    return {c.name: fk.column.table.name for c in model.__table__.columns if (fk := _target(c)) is not None}


@dataclass(frozen=True)
class Child:
    """Rows of `model` whose `column` points at a row of another table, and what its deletion does to them."""

    model: type[SQLModel]
    column: str
    ondelete: str  # CASCADE: they go with it; RESTRICT: they go only when the deletion is confirmed; SET NULL

    @property
    def asks(self) -> bool:
        """True when deleting the row they point at must be confirmed first (they go with it too)."""
        return self.ondelete == "RESTRICT"

    @property
    def goes_with_it(self) -> bool:
        return self.ondelete in ("CASCADE", "RESTRICT")


@cache
def children_of(model: type[SQLModel]) -> tuple[Child, ...]:
    """Every table pointing at `model`, in parent-before-child order, with what deleting a row does to them."""
    out = []
    for child in BID_TABLES:
        for column in child.__table__.columns:
            fk = _target(column)
            if fk is not None and fk.column.table is model.__table__:
                out.append(Child(child, column.name, (fk.ondelete or "NO ACTION").upper()))
    return tuple(out)


@dataclass(frozen=True)
class Link:
    """A table linking a record (`owner`, through `own`) to other records (`target`, through `other`)."""

    name: str  # what the link is saved under: "depends_on", "speakers"
    table: type[SQLModel]
    owner: type[SQLModel]
    own: str
    target: type[SQLModel]
    other: str


@cache
def links_of(model: type[SQLModel]) -> dict[str, Link]:
    """{link name: Link} of the links a record of `model` is saved with (a task's `depends_on`)."""
    out = {}
    for table in BID_TABLES:
        name = getattr(table, "__links__", None)
        parent = parent_of(table)
        if name is None or parent is None or parent[0] is not model:
            continue
        other = next(c for c in references(table) if c != parent[1])
        out[name] = Link(name, table, model, parent[1], TABLES[references(table)[other]], other)
    return out
