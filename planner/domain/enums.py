"""The closed vocabularies of a bid: statuses, kinds and bases, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


def N_(message: str) -> str:
    """Mark a message for translation without translating it (the domain knows no locale)."""
    return message


class BidStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    WON = "won"
    LOST = "lost"
    WITHDRAWN = "withdrawn"


class TextKey(StrEnum):
    """The texts a dossier carries, each kept in Swedish and English."""

    INVITATION = "invitation"
    SUMMARY = "summary"
    MOTIVATION = "motivation"
    LEGACY = "legacy"
    HOST_CITY = "host_city"
    ACCESS = "access"
    BID_TEAM = "bid_team"
    PROMISE = "promise"  # the cover's one line: what the conference will find here
    PRACTICAL = "practical"  # visas, local transport, climate, money: the facts a delegate asks
    SOCIAL_PROGRAMME = "social_programme"  # the evenings and the partners' programme, as prose
    SITE_INSPECTION = "site_inspection"  # the offer to the committee to come and see


class VenueStatus(StrEnum):
    CANDIDATE = "candidate"
    OPTION_HELD = "option_held"
    CONTRACTED = "contracted"
    REJECTED = "rejected"


class RoomKind(StrEnum):
    PLENARY = "plenary"
    BREAKOUT = "breakout"
    EXHIBITION = "exhibition"
    CATERING = "catering"
    OTHER = "other"


class LineKind(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"


class BudgetCategory(StrEnum):
    # income
    REGISTRATION = "registration"
    SPONSORSHIP = "sponsorship"
    PUBLIC_FUNDING = "public_funding"
    PARTNER_CONTRIBUTION = "partner_contribution"
    EXHIBITION = "exhibition"
    # expenses
    VENUE = "venue"
    CATERING = "catering"
    AV_TECHNOLOGY = "av_technology"
    SPEAKERS = "speakers"
    TRAVEL = "travel"
    ACCOMMODATION = "accommodation"
    MARKETING = "marketing"
    STAFF = "staff"
    SOCIAL_PROGRAMME = "social_programme"
    PRINTING = "printing"
    INSURANCE = "insurance"
    CONTINGENCY = "contingency"
    OTHER = "other"


class Basis(StrEnum):
    """How a budget line scales with the event."""

    FIXED = "fixed"
    PER_ATTENDEE = "per_attendee"
    PER_PAYING_ATTENDEE = "per_paying_attendee"
    PER_SPEAKER = "per_speaker"
    PER_DAY = "per_day"
    PER_ATTENDEE_DAY = "per_attendee_day"


class Scenario(StrEnum):
    LOW = "low"
    EXPECTED = "expected"
    HIGH = "high"


class SpeakerStatus(StrEnum):
    IDEA = "idea"
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class SessionKind(StrEnum):
    KEYNOTE = "keynote"
    TALK = "talk"
    PANEL = "panel"
    WORKSHOP = "workshop"
    BREAK = "break"
    SOCIAL = "social"


class SessionStatus(StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class ImportSource(StrEnum):
    MANUAL = "manual"
    PRETALX = "pretalx"
    SESSIONIZE = "sessionize"
    CSV = "csv"


class PartnerKind(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    COMPANY = "company"
    UNIVERSITY = "university"
    INCUBATOR = "incubator"
    NETWORK = "network"
    PUBLIC_FUNDER = "public_funder"
    ASSOCIATION = "association"
    OTHER = "other"


class LetterStatus(StrEnum):
    NONE = "none"
    REQUESTED = "requested"
    RECEIVED = "received"


class CommitmentKind(StrEnum):
    CASH = "cash"
    IN_KIND = "in_kind"
    VENUE = "venue"
    STAFF = "staff"
    MARKETING = "marketing"


class CommitmentStatus(StrEnum):
    PROSPECT = "prospect"
    CONTACTED = "contacted"
    PLEDGED = "pledged"
    SIGNED = "signed"
    INVOICED = "invoiced"
    PAID = "paid"
    DECLINED = "declined"


SECURED_STATUSES = frozenset({CommitmentStatus.SIGNED, CommitmentStatus.INVOICED, CommitmentStatus.PAID})


class TaskKind(StrEnum):
    MILESTONE = "milestone"
    TASK = "task"


class TaskStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


class Anchor(StrEnum):
    """Dates a relative task hangs from; moving the anchor moves the task."""

    BID_DEADLINE = "bid_deadline"
    DECISION_DATE = "decision_date"
    EVENT_START = "event_start"
    EVENT_END = "event_end"


class Audience(StrEnum):
    COMMITTEE = "committee"
    PARTNER = "partner"
    INTERNAL = "internal"


class RateSource(StrEnum):
    ECB = "ecb"
    MANUAL = "manual"
    SEED = "seed"
