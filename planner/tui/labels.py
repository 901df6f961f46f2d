"""What the terminal UI calls each stored value (statuses, kinds, bases), marked here and translated when shown."""

from __future__ import annotations

from enum import Enum

from planner.domain import enums as e
from planner.i18n import N_, _

LABELS: dict[type[Enum], dict[str, str]] = {
    e.BidStatus: {"draft": N_("Draft"), "submitted": N_("Submitted"), "shortlisted": N_("Shortlisted"),
                  "won": N_("Won"), "lost": N_("Lost"), "withdrawn": N_("Withdrawn")},
    e.VenueStatus: {"candidate": N_("Candidate"), "option_held": N_("Option held"),
                    "contracted": N_("Contracted"), "rejected": N_("Rejected")},
    e.RoomKind: {"plenary": N_("Plenary"), "breakout": N_("Breakout"), "exhibition": N_("Exhibition"),
                 "catering": N_("Catering"), "other": N_("Other")},
    e.LineKind: {"income": N_("Income"), "expense": N_("Expense")},
    e.BudgetCategory: {
        "registration": N_("Registration fees"), "sponsorship": N_("Sponsorship"),
        "public_funding": N_("Public funding"), "partner_contribution": N_("Partner contributions"),
        "exhibition": N_("Exhibition"), "venue": N_("Venue"), "catering": N_("Catering"),
        "av_technology": N_("AV and technology"), "speakers": N_("Speakers"), "travel": N_("Travel"),
        "accommodation": N_("Accommodation"), "marketing": N_("Marketing"), "staff": N_("Staff"),
        "social_programme": N_("Social programme"), "printing": N_("Printing"), "insurance": N_("Insurance"),
        "contingency": N_("Contingency"), "other": N_("Other"),
    },
    e.Basis: {"fixed": N_("Fixed"), "per_attendee": N_("Per attendee"),
              "per_paying_attendee": N_("Per paying attendee"), "per_speaker": N_("Per speaker"),
              "per_day": N_("Per day"), "per_attendee_day": N_("Per attendee-day")},
    e.Scenario: {"low": N_("Low"), "expected": N_("Expected"), "high": N_("High")},
    e.SpeakerStatus: {"idea": N_("Idea"), "invited": N_("Invited"), "confirmed": N_("Confirmed"),
                      "declined": N_("Declined")},
    e.SessionKind: {"keynote": N_("Keynote"), "talk": N_("Talk"), "panel": N_("Panel"),
                    "workshop": N_("Workshop"), "break": N_("Break"), "social": N_("Social")},
    e.SessionStatus: {"draft": N_("Draft"), "confirmed": N_("Confirmed"), "cancelled": N_("Cancelled")},
    e.PartnerKind: {"municipality": N_("Municipality"), "region": N_("Region"), "company": N_("Company"),
                    "university": N_("University"), "incubator": N_("Incubator"), "network": N_("Network"),
                    "public_funder": N_("Public funder"), "association": N_("Association"), "other": N_("Other")},
    e.LetterStatus: {"none": N_("No letter"), "requested": N_("Letter requested"),
                     "received": N_("Letter received")},
    e.CommitmentKind: {"cash": N_("Cash"), "in_kind": N_("In kind"), "venue": N_("Venue"), "staff": N_("Staff"),
                       "marketing": N_("Marketing")},
    e.CommitmentStatus: {"prospect": N_("Prospect"), "contacted": N_("Contacted"), "pledged": N_("Pledged"),
                         "signed": N_("Signed"), "invoiced": N_("Invoiced"), "paid": N_("Paid"),
                         "declined": N_("Declined")},
    e.TaskKind: {"milestone": N_("Milestone"), "task": N_("Task")},
    e.TaskStatus: {"todo": N_("To do"), "in_progress": N_("In progress"), "done": N_("Done"),
                   "blocked": N_("Blocked"), "cancelled": N_("Cancelled")},
    e.Anchor: {"bid_deadline": N_("Bid deadline"), "decision_date": N_("Decision date"),
               "event_start": N_("Event start"), "event_end": N_("Event end")},
    e.Audience: {"committee": N_("Selection committee"), "partner": N_("Partner"), "internal": N_("Internal")},
}


def label(enum: type[Enum], value: object) -> str:
    """The translated name of a stored value; the raw value when it has no name."""
    if value is None:
        return ""
    raw = value.value if isinstance(value, Enum) else str(value)
    text = LABELS.get(enum, {}).get(raw)
    return _(text) if text else raw


def choices(enum: type[Enum]) -> list[tuple[str, str]]:
    """(shown name, stored value) pairs for a Select, in the enum's order."""
    return [(label(enum, member), member.value) for member in enum]
