"""The one table of names people read for stored values (statuses, kinds, bases), keyed by the enum member.

Every front end (terminal UI, command line, dossier, CSV, workbook) names a stored value through `label`:

    label(BidStatus.DRAFT)              -> "Draft" / "Utkast"
    label("per_attendee", Basis)        -> "Per attendee" / "Per deltagare"
    label("pledged")                    -> "Pledged" / "Utlovat" (a value only one enum has, or all agree on)

A name that means something else elsewhere carries a gettext context (`PN_`): the budget category
"Accommodation" is "Logi", the dossier's heading "Accommodation" (the hotels) is "Boende".
"""

from __future__ import annotations

from enum import Enum

from planner.domain import enums as e
from planner.i18n import N_, PN_, _

LABELS: dict[type[Enum], dict[Enum, str]] = {
    e.BidStatus: {
        e.BidStatus.DRAFT: N_("Draft"), e.BidStatus.SUBMITTED: N_("Submitted"),
        e.BidStatus.SHORTLISTED: N_("Shortlisted"), e.BidStatus.WON: N_("Won"), e.BidStatus.LOST: N_("Lost"),
        e.BidStatus.WITHDRAWN: N_("Withdrawn"),
    },
    e.TextKey: {
        e.TextKey.INVITATION: N_("Invitation"), e.TextKey.SUMMARY: N_("Summary"),
        e.TextKey.MOTIVATION: N_("Motivation"), e.TextKey.LEGACY: N_("Legacy"),
        e.TextKey.HOST_CITY: N_("Host city"), e.TextKey.ACCESS: N_("Access"), e.TextKey.BID_TEAM: N_("Bid team"),
        e.TextKey.PROMISE: N_("Promise"), e.TextKey.PRACTICAL: N_("Practical information"),
        e.TextKey.SOCIAL_PROGRAMME: N_("Social programme"), e.TextKey.SITE_INSPECTION: N_("Site inspection"),
    },
    e.VenueStatus: {
        e.VenueStatus.CANDIDATE: N_("Candidate"), e.VenueStatus.OPTION_HELD: N_("Option held"),
        e.VenueStatus.CONTRACTED: N_("Contracted"), e.VenueStatus.REJECTED: N_("Rejected"),
    },
    e.RoomKind: {
        e.RoomKind.PLENARY: N_("Plenary"), e.RoomKind.BREAKOUT: N_("Breakout"),
        e.RoomKind.EXHIBITION: N_("Exhibition"), e.RoomKind.CATERING: N_("Catering"), e.RoomKind.OTHER: N_("Other"),
    },
    e.LineKind: {
        e.LineKind.INCOME: PN_("budget line kind", "Income"), e.LineKind.EXPENSE: N_("Expense"),
    },
    e.BudgetCategory: {
        e.BudgetCategory.REGISTRATION: N_("Registration fees"), e.BudgetCategory.SPONSORSHIP: N_("Sponsorship"),
        e.BudgetCategory.PUBLIC_FUNDING: N_("Public funding"),
        e.BudgetCategory.PARTNER_CONTRIBUTION: N_("Partner contributions"),
        e.BudgetCategory.EXHIBITION: N_("Exhibition"), e.BudgetCategory.VENUE: N_("Venue"),
        e.BudgetCategory.CATERING: N_("Catering"), e.BudgetCategory.AV_TECHNOLOGY: N_("AV and technology"),
        e.BudgetCategory.SPEAKERS: N_("Speakers"), e.BudgetCategory.TRAVEL: N_("Travel"),
        e.BudgetCategory.ACCOMMODATION: PN_("budget category", "Accommodation"),
        e.BudgetCategory.MARKETING: N_("Marketing"), e.BudgetCategory.STAFF: N_("Staff"),
        e.BudgetCategory.SOCIAL_PROGRAMME: N_("Social programme"), e.BudgetCategory.PRINTING: N_("Printing"),
        e.BudgetCategory.INSURANCE: N_("Insurance"), e.BudgetCategory.CONTINGENCY: N_("Contingency"),
        e.BudgetCategory.OTHER: N_("Other"),
    },
    e.Basis: {
        e.Basis.FIXED: N_("Fixed"), e.Basis.PER_ATTENDEE: N_("Per attendee"),
        e.Basis.PER_PAYING_ATTENDEE: N_("Per paying attendee"), e.Basis.PER_SPEAKER: N_("Per speaker"),
        e.Basis.PER_DAY: N_("Per day"), e.Basis.PER_ATTENDEE_DAY: N_("Per attendee-day"),
    },
    e.Scenario: {e.Scenario.LOW: N_("Low"), e.Scenario.EXPECTED: N_("Expected"), e.Scenario.HIGH: N_("High")},
    e.SpeakerStatus: {
        e.SpeakerStatus.IDEA: N_("Idea"), e.SpeakerStatus.INVITED: N_("Invited"),
        e.SpeakerStatus.CONFIRMED: N_("Confirmed"), e.SpeakerStatus.DECLINED: N_("Declined"),
    },
    e.SessionKind: {
        e.SessionKind.KEYNOTE: N_("Keynote"), e.SessionKind.TALK: N_("Talk"), e.SessionKind.PANEL: N_("Panel"),
        e.SessionKind.WORKSHOP: N_("Workshop"), e.SessionKind.BREAK: N_("Break"),
        e.SessionKind.SOCIAL: N_("Social event"),
    },
    e.SessionStatus: {
        e.SessionStatus.DRAFT: N_("Draft"), e.SessionStatus.CONFIRMED: N_("Confirmed"),
        e.SessionStatus.CANCELLED: N_("Cancelled"),
    },
    e.ImportSource: {
        e.ImportSource.MANUAL: N_("Typed in"), e.ImportSource.PRETALX: N_("pretalx"),
        e.ImportSource.SESSIONIZE: N_("Sessionize"), e.ImportSource.CSV: N_("CSV file"),
    },
    e.PartnerKind: {
        e.PartnerKind.MUNICIPALITY: N_("Municipality"), e.PartnerKind.REGION: N_("Region"),
        e.PartnerKind.COMPANY: N_("Company"), e.PartnerKind.UNIVERSITY: N_("University"),
        e.PartnerKind.INCUBATOR: N_("Incubator"), e.PartnerKind.NETWORK: N_("Network"),
        e.PartnerKind.PUBLIC_FUNDER: N_("Public funder"), e.PartnerKind.ASSOCIATION: N_("Association"),
        e.PartnerKind.OTHER: N_("Other"),
    },
    e.LetterStatus: {
        e.LetterStatus.NONE: N_("No letter"), e.LetterStatus.REQUESTED: N_("Requested"),
        e.LetterStatus.RECEIVED: N_("Received"),
    },
    e.CommitmentKind: {
        e.CommitmentKind.CASH: N_("Cash"), e.CommitmentKind.IN_KIND: N_("In kind"),
        e.CommitmentKind.VENUE: N_("Venue"), e.CommitmentKind.STAFF: N_("Staff"),
        e.CommitmentKind.MARKETING: N_("Marketing"),
    },
    e.CommitmentStatus: {
        e.CommitmentStatus.PROSPECT: N_("Prospect"), e.CommitmentStatus.CONTACTED: N_("Contacted"),
        e.CommitmentStatus.PLEDGED: N_("Pledged"), e.CommitmentStatus.SIGNED: N_("Signed"),
        e.CommitmentStatus.INVOICED: N_("Invoiced"), e.CommitmentStatus.PAID: N_("Paid"),
        e.CommitmentStatus.DECLINED: N_("Declined"),
    },
    e.TaskKind: {e.TaskKind.MILESTONE: N_("Milestone"), e.TaskKind.TASK: N_("Task")},
    e.TaskStatus: {
        e.TaskStatus.TODO: N_("To do"), e.TaskStatus.IN_PROGRESS: N_("In progress"), e.TaskStatus.DONE: N_("Done"),
        e.TaskStatus.BLOCKED: N_("Blocked"), e.TaskStatus.CANCELLED: N_("Cancelled"),
    },
    e.Anchor: {
        e.Anchor.BID_DEADLINE: N_("Bid deadline"), e.Anchor.DECISION_DATE: N_("Decision date"),
        e.Anchor.EVENT_START: N_("Event start"), e.Anchor.EVENT_END: N_("Event end"),
    },
    e.Audience: {
        e.Audience.COMMITTEE: N_("Selection committee"), e.Audience.PARTNER: N_("Partner"),
        e.Audience.INTERNAL: N_("Internal"),
    },
    e.RateSource: {
        e.RateSource.ECB: N_("European Central Bank"), e.RateSource.MANUAL: N_("Typed in"),
        e.RateSource.SEED: N_("Shipped seed"),
    },
}


def _by_value() -> dict[str, tuple[str, ...]]:
    """Stored value -> the names the enums holding it give it (one name unless enums disagree)."""
    found: dict[str, dict[tuple[str | None, str], str]] = {}
    for names in LABELS.values():
        for member, message in names.items():
            key = (getattr(message, "context", None), str(message))
            found.setdefault(member.value, {})[key] = message
    return {value: tuple(messages.values()) for value, messages in found.items()}


# A StrEnum member hashes and compares as its value, so these dicts answer a member and a plain string alike.
_BY_VALUE = _by_value()


class AmbiguousValueError(LookupError):
    """A stored value that two enums name differently was asked for without saying which enum it is from."""


def message(value: Enum | str, enum: type[Enum] | None = None) -> str | None:
    """The marked English name of a stored value (translate it with `_` or `translate`); None if it has none."""
    if enum is None and isinstance(value, Enum):
        enum = type(value)
    if enum is not None:
        return LABELS.get(enum, {}).get(value)  # type: ignore[call-overload]
    names = _BY_VALUE.get(value)  # type: ignore[call-overload]
    if names is None:
        return None
    if len(names) > 1:
        raise AmbiguousValueError(f"{value!r} has several names ({', '.join(names)}): pass its enum to label()")
    return names[0]


def label(value: Enum | str | None, enum: type[Enum] | None = None) -> str:
    """The translated name of a stored value, a member or its string (then `enum` says whose, where two enums
    share the value); a value with no name is shown as it is."""
    if value is None:
        return ""
    text = message(value, enum)
    if text is None:
        return value.value if isinstance(value, Enum) else str(value)
    return _(text)


def choices(enum: type[Enum]) -> list[tuple[str, str]]:
    """(shown name, stored value) pairs for a select box, in the enum's order."""
    return [(label(member), member.value) for member in enum]  # type: ignore[attr-defined]
