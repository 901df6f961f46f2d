"""What a dossier says: plain dataclasses with already-computed figures, filtered for one audience.

The service layer (`planner.services.dossier`) fills these from the database and applies the audience rules;
the renderer (`planner.dossier.render`) only lays them out. Amounts are `Money`, counts `int`, days `date`,
shares `Decimal` fractions; nothing here is formatted yet, so the renderer can format in the dossier's
language. A section left empty (None or an empty list) is omitted, or marked "to come" in internal drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from planner.domain.enums import Audience
from planner.domain.money import Money


@dataclass(frozen=True)
class Cover:
    conference: str
    host_city: str
    organiser: str
    bid_date: date | None = None
    edition: str = ""
    region: str = ""
    logo: bytes | None = None  # the stored logo's bytes (PNG or JPEG); never a path
    hero: bytes | None = None  # the cover's picture (PNG or JPEG bytes)
    promise: str = ""  # one sentence: what the conference will find here
    event_start: date | None = None
    event_end: date | None = None
    venue: str = ""  # the proposed venue's name
    hero_caption: str = ""  # printed small under the hero picture, in the dossier's language


@dataclass(frozen=True)
class DateOption:
    start: date
    end: date
    preferred: bool = False
    note: str = ""


@dataclass(frozen=True)
class Room:
    name: str
    kind: str  # a RoomKind value
    capacity: int
    area_m2: int | None = None
    theatre: int = 0  # seats by set-up
    classroom: int = 0
    banquet: int = 0


@dataclass(frozen=True)
class Photo:
    """A picture printed with the venue: its PNG or JPEG bytes and its caption in the dossier's language."""

    data: bytes
    caption: str = ""


@dataclass(frozen=True)
class VenueFacts:
    name: str
    address: str = ""
    status: str = ""  # a VenueStatus value
    capacity: int | None = None
    rooms: list[Room] = field(default_factory=list)
    accessibility: str = ""
    catering: str = ""
    av: str = ""
    distance_station_km: Decimal | None = None
    distance_airport_km: Decimal | None = None
    cost: Money | None = None
    option_until: date | None = None
    cost_note: str = ""  # internal audience only
    contact: str = ""  # internal audience only: name, e-mail, phone
    distance_centre_km: Decimal | None = None
    travel_centre_min: int | None = None  # minutes from the venue
    travel_station_min: int | None = None
    travel_airport_min: int | None = None
    description: str = ""
    photos: list[Photo | bytes] = field(default_factory=list)  # the bid's photos, then the venue's own


@dataclass(frozen=True)
class VenueScore:
    name: str
    score: Decimal  # 0..100
    rank: int
    disqualified: bool = False
    reason: str = ""


@dataclass(frozen=True)
class HotelBlock:
    hotel: str
    rooms: int  # held each night
    rate: Money | None = None
    distance_km: Decimal | None = None
    note: str = ""
    stars: int | None = None
    nights: int = 1
    release: date | None = None  # the day rooms not booked go back to the hotel


@dataclass(frozen=True)
class SessionItem:
    day: date
    start: time | None
    end: time | None
    title: str
    kind: str = ""  # a SessionKind value
    room: str = ""
    speakers: list[str] = field(default_factory=list)
    abstract: str = ""
    venue: str = ""  # the room's venue
    capacity: int | None = None  # the room's largest set-up
    cost_per_head: Money | None = None  # a social event's cost for one guest


@dataclass(frozen=True)
class SpeakerItem:
    name: str
    organisation: str = ""
    status: str = ""  # a SpeakerStatus value
    topic: str = ""
    email: str = ""  # internal audience only
    phone: str = ""  # internal audience only
    fee: Money | None = None  # internal audience only


@dataclass(frozen=True)
class CommitmentItem:
    partner: str
    kind: str  # a CommitmentKind value
    status: str  # a CommitmentStatus value
    amount: Money | None  # None: confidential, hidden for this audience
    secured: bool = False
    due: date | None = None
    conditions: str = ""
    letter: str = ""  # a LetterStatus value
    highlighted: bool = False  # the partner a partner dossier is made for
    contact: str = ""  # internal audience only: name, e-mail, phone
    description: str = ""  # what the commitment is ("the concert hall for two days")
    notes: str = ""  # internal audience only
    signatory: str = ""  # internal audience only: who signed the letter of support


@dataclass(frozen=True)
class Funding:
    commitments: list[CommitmentItem]
    secured: Money
    pledged: Money
    in_kind: Money
    target: Money | None = None
    gap: Money | None = None
    confidential: Money | None = None  # pooled confidential contributions, for readers outside the team
    confidential_label: str = ""  # "Further partner contributions under confidentiality, 3 partners"
    notes: list[str] = field(default_factory=list)  # what the figures leave out, in the dossier's language


@dataclass(frozen=True)
class CategoryAmount:
    category: str  # a BudgetCategory value ("" for a pooled row)
    kind: str  # a LineKind value
    amount: Money
    label: str = ""  # a pooled row's own label: "Further costs under confidentiality, 2 items"


@dataclass(frozen=True)
class ScenarioFigures:
    scenario: str  # a Scenario value
    attendance: int
    income: Money
    expense: Money
    result: Money


@dataclass(frozen=True)
class ResultGrid:
    """The result for each ticket price (columns) and attendance (rows)."""

    prices: list[Money]
    attendances: list[int]
    results: list[list[Money]]  # results[row][column]


@dataclass(frozen=True)
class BudgetLineItem:
    category: str
    description: str
    kind: str
    planned: Money
    committed: Money | None = None
    actual: Money | None = None
    variance: Money | None = None
    note: str = ""  # internal audience only


@dataclass(frozen=True)
class Budget:
    currency: str
    by_category: list[CategoryAmount]
    income_total: Money
    expense_total: Money
    result: Money
    scenarios: list[ScenarioFigures] = field(default_factory=list)
    break_even_attendance: int | None = None
    grid: ResultGrid | None = None
    lines: list[BudgetLineItem] = field(default_factory=list)  # internal audience: every line
    notes: list[str] = field(default_factory=list)  # what the figures pool or leave out
    guarantor: str = ""  # who stands behind a deficit
    guarantee: str = ""  # what the guarantor promises, in the guarantor's words


@dataclass(frozen=True)
class Impact:
    total: Money
    assumption: str  # names the figure used, and its source when it is the published default
    per_attendee: Money | None = None
    attendees: int | None = None
    nights: int | None = None


@dataclass(frozen=True)
class TaskItem:
    name: str
    start: date
    end: date
    milestone: bool = False
    status: str = ""  # a TaskStatus value
    owner: str = ""
    note: str = ""  # internal audience only


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class InspectionDay:
    """A day proposed for the committee's site inspection (a site-inspection milestone of the timeline)."""

    title: str
    start: date
    end: date


@dataclass(frozen=True)
class Risk:
    title: str
    likelihood: str = ""
    consequence: str = ""
    mitigation: str = ""


@dataclass(frozen=True)
class ReadinessItem:
    label: str
    done: bool
    detail: str = ""


@dataclass(frozen=True)
class Internal:
    """What only the internal audience sees."""

    notes: list[str] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    readiness: Decimal | None = None  # a fraction 0..1
    readiness_items: list[ReadinessItem] = field(default_factory=list)


@dataclass(frozen=True)
class Letter:
    """A letter of support: its PDF pages, or a scan (PNG or JPEG) on a page of its own (the stored file's bytes,
    never a path), are appended as an appendix."""

    partner: str
    data: bytes


@dataclass(frozen=True)
class Texts:
    """The prose of the bid, in the dossier's language."""

    invitation: str = ""
    summary: str = ""
    motivation: str = ""
    legacy: str = ""
    host_city: str = ""
    access: str = ""
    bid_team: str = ""
    promise: str = ""
    practical: str = ""
    social_programme: str = ""
    site_inspection: str = ""


@dataclass(frozen=True)
class Signature:
    """Who signs the invitation, with an optional picture of the signature."""

    name: str
    title: str = ""
    organisation: str = ""
    image: bytes | None = None


@dataclass(frozen=True)
class DossierContent:
    locale: str
    audience: Audience
    cover: Cover
    texts: Texts = field(default_factory=Texts)
    partner: str = ""  # the partner a partner dossier is made for
    date_options: list[DateOption] = field(default_factory=list)
    venue: VenueFacts | None = None
    venue_scores: list[VenueScore] = field(default_factory=list)
    accommodation: list[HotelBlock] = field(default_factory=list)
    sessions: list[SessionItem] = field(default_factory=list)
    speakers: list[SpeakerItem] = field(default_factory=list)
    funding: Funding | None = None
    budget: Budget | None = None
    impact: Impact | None = None
    timeline: list[TaskItem] = field(default_factory=list)
    team: list[Contact] = field(default_factory=list)
    inspection_days: list[InspectionDay] = field(default_factory=list)
    internal: Internal | None = None
    letters: list[Letter] = field(default_factory=list)
    signature: Signature | None = None
    scores: list[str] = field(default_factory=list)  # internal audience: "venue, criterion: score (comment)"
    title: str = ""  # PDF metadata; defaults to the conference and host city

    @property
    def is_internal(self) -> bool:
        return self.audience == Audience.INTERNAL
