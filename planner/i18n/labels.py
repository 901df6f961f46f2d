"""Names people read for the stored enumeration values (statuses, kinds, bases), in the current language.

    label(BidStatus.DRAFT)   -> "Draft" / "Utkast"
    label("per_attendee")    -> "Per attendee" / "Per deltagare"
"""

from __future__ import annotations

from enum import Enum

from planner.i18n import N_, _

LABELS: dict[str, str] = {
    # bid status
    "draft": N_("Draft"), "submitted": N_("Submitted"), "shortlisted": N_("Shortlisted"), "won": N_("Won"),
    "lost": N_("Lost"), "withdrawn": N_("Withdrawn"),
    # texts
    "invitation": N_("Invitation"), "summary": N_("Summary"), "motivation": N_("Motivation"),
    "legacy": N_("Legacy"), "host_city": N_("The host city"), "access": N_("Access"), "bid_team": N_("Bid team"),
    # venues and rooms
    "candidate": N_("Candidate"), "option_held": N_("Option held"), "contracted": N_("Contracted"),
    "rejected": N_("Rejected"), "plenary": N_("Plenary"), "breakout": N_("Breakout"),
    "exhibition": N_("Exhibition"), "catering": N_("Catering"), "other": N_("Other"),
    # budget
    "income": N_("Income"), "expense": N_("Expense"), "registration": N_("Registration fees"),
    "sponsorship": N_("Sponsorship"), "public_funding": N_("Public funding"),
    "partner_contribution": N_("Partner contributions"), "venue": N_("Venue"),
    "av_technology": N_("AV and technology"), "speakers": N_("Speakers"), "travel": N_("Travel"),
    "accommodation": N_("Accommodation"), "marketing": N_("Marketing"), "staff": N_("Staff"),
    "social_programme": N_("Social programme"), "printing": N_("Printing"), "insurance": N_("Insurance"),
    "contingency": N_("Contingency"),
    "fixed": N_("Fixed"), "per_attendee": N_("Per attendee"), "per_paying_attendee": N_("Per paying attendee"),
    "per_speaker": N_("Per speaker"), "per_day": N_("Per day"), "per_attendee_day": N_("Per attendee-day"),
    "low": N_("Low"), "expected": N_("Expected"), "high": N_("High"),
    # speakers and programme
    "idea": N_("Idea"), "invited": N_("Invited"), "confirmed": N_("Confirmed"), "declined": N_("Declined"),
    "keynote": N_("Keynote"), "talk": N_("Talk"), "panel": N_("Panel"), "workshop": N_("Workshop"),
    "break": N_("Break"), "social": N_("Social event"), "cancelled": N_("Cancelled"),
    "manual": N_("Typed in"), "pretalx": N_("pretalx"), "sessionize": N_("Sessionize"), "csv": N_("CSV file"),
    # partners and commitments
    "municipality": N_("Municipality"), "region": N_("Region"), "company": N_("Company"),
    "university": N_("University"), "incubator": N_("Incubator"), "network": N_("Network"),
    "public_funder": N_("Public funder"), "association": N_("Association"),
    "none": N_("None"), "requested": N_("Requested"), "received": N_("Received"),
    "cash": N_("Cash"), "in_kind": N_("In kind"), "prospect": N_("Prospect"),
    "contacted": N_("Contacted"), "pledged": N_("Pledged"), "signed": N_("Signed"), "invoiced": N_("Invoiced"),
    "paid": N_("Paid"),
    # timeline
    "milestone": N_("Milestone"), "task": N_("Task"), "todo": N_("To do"), "in_progress": N_("In progress"),
    "done": N_("Done"), "blocked": N_("Blocked"),
    "bid_deadline": N_("Bid deadline"), "decision_date": N_("Decision date"), "event_start": N_("Event start"),
    "event_end": N_("Event end"),
    # dossier audiences, rate sources
    "committee": N_("Selection committee"), "partner": N_("Partner"), "internal": N_("Internal"),
    "ecb": N_("European Central Bank"), "seed": N_("Shipped seed"),
}


def label(value: Enum | str | None) -> str:
    """The translated name of an enumeration value; unknown values are shown as they are."""
    if value is None:
        return ""
    key = value.value if isinstance(value, Enum) else str(value)
    message = LABELS.get(key)
    return _(message) if message else key
