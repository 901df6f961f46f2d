"""The bid dossier use case: the bid's records and the planning engines' answers, filtered for one audience,
laid out as a PDF, saved and recorded in the export history.

Audience rules (the only place they are decided):
- committee: the bid as submitted: no contact details of speakers, partners or venues, no internal notes,
  no confidential amounts, speakers only when confirmed and consenting to be named;
- partner: the same, but for one named partner their own commitments in full (amount, conditions, due date);
  other partners are listed with their confidential amounts hidden;
- internal: everything: contacts, notes, every budget line with planned / committed / actual and variance,
  readiness, risks, declined commitments and non-consenting speakers.
The bid's own contact person (organiser, e-mail, phone) is printed for every audience: the committee needs
to know whom to call. What each audience may see of the money (budget and funding figures, confidential
amounts pooled or left out, the question when a pool cannot hide its one member) is decided in
`planner.services.disclosure`, the one place for it.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import select

from planner.domain.enums import (
    SECURED_STATUSES,
    Anchor,
    Audience,
    CommitmentStatus,
    Scenario,
    SessionKind,
    SessionStatus,
    SpeakerStatus,
    TaskKind,
    TaskStatus,
    TextKey,
    VenueStatus,
)
from planner.domain.money import Money
from planner.dossier import content as c
from planner.dossier import labels as msg
from planner.dossier.amounts import money as printed_money
from planner.i18n import _, normalise_locale, use_locale
from planner.i18n.format import format_percent
from planner.services.attachments import StoredFiles, stored_files
from planner.services.disclosure import ConfidentialityQuestion, Unhideable, money_view
from planner.services.errors import NotFound, PlannerError
from planner.services.files import check_target, free_name, private_folder, write_private
from planner.services.planning import Planning, PlanningError
from planner.services.planning import render as render_message
from planner.services.translations import localized, text_in
from planner.services.workspace import Workspace, load_bundle, resolve_bid
from planner.store import models as m

Progress = Callable[[str, int, int], None]


def _value(enum_or_str) -> str:
    return getattr(enum_or_str, "value", enum_or_str) or ""


def _km(metres: int | None) -> Decimal | None:
    return (Decimal(metres) / 1000).quantize(Decimal("0.1")) if metres else None


# -- content ---------------------------------------------------------------------------------------------------

# what a committee or partner sees of the support: given (signed, invoiced, paid) or promised (pledged)
PRESENTED_STATUSES = SECURED_STATUSES | {CommitmentStatus.PLEDGED}
# the milestones of the standard timeline a committee cares about: submission, decision, site inspection,
# contracts and the event; a milestone of the bid's own on a public date (the deadline, the decision, the
# event) counts as one of them
PUBLIC_MILESTONE_KEYS = frozenset({"submission", "decision", "site_inspection", "contracts", "event"})
PUBLIC_ANCHORS = frozenset({Anchor.BID_DEADLINE.value, Anchor.DECISION_DATE.value, Anchor.EVENT_START.value,
                            Anchor.EVENT_END.value})


def _with_city(address: str | None, city: str | None) -> str:
    """A venue's address and its city, the city named once: an address that already ends with it (`Kaserngatan
    5, Gävle`, `Kaserngatan 5, 802 50 Gävle`) is printed as it is, not as `…, Gävle, Gävle`."""
    address, city = (address or "").strip(), (city or "").strip()
    last = address.rsplit(",", 1)[-1].strip().casefold()
    if city and (last == city.casefold() or last.endswith(" " + city.casefold())):
        return address
    return ", ".join(x for x in (address, city) if x)


def is_public_milestone(task: m.Task) -> bool:
    """Whether a task belongs in the committee's timeline (the rest is the team's own planning)."""
    if task.template_key in PUBLIC_MILESTONE_KEYS:
        return True
    return (_value(task.kind) == TaskKind.MILESTONE.value and _value(task.anchor) in PUBLIC_ANCHORS
            and not task.offset_days)


class GuaranteeQuestion(PlannerError):
    """A committee edition of a budget in deficit with no guarantor: name one, or go ahead without."""

    exit_code = 1

    def __init__(self, message: str, deficit: Money) -> None:
        self.deficit = deficit
        super().__init__(message)



def find_partner(plan: Planning, name: str) -> m.Partner:
    """The partner a partner dossier is for, by name (case and spacing do not matter)."""
    wanted = " ".join(name.split()).casefold()
    for partner in plan.bundle.partners:
        if " ".join(partner.name.split()).casefold() == wanted:
            return partner
    names = ", ".join(p.name for p in plan.bundle.partners) or "–"
    raise NotFound(_(msg.MSG_PARTNER_NOT_FOUND).format(name=name, names=names))


def dossier_content(ws: Workspace, bid_id: int, *, audience: Audience | str, locale: str,
                    partner: str | None = None, today: date | None = None, omit_confidential: bool = False,
                    without_guarantee: bool = False) -> tuple[c.DossierContent, m.Partner | None, list[str]]:
    """(content, the partner it is for, warnings) for one bid, audience and language; refuses with a
    ConfidentialityQuestion (before anything is laid out) when a confidential amount cannot be hidden."""
    lang = normalise_locale(locale) or "en"
    with use_locale(lang):
        # every printed text of the records in the dossier's language, before anything reads them
        plan = Planning.load(ws, bid_id, today=today, bundle=localized(load_bundle(ws, bid_id), lang))
        chosen = find_partner(plan, partner) if partner else None
        builder = _Builder(plan, Audience(audience), lang, chosen, omit_confidential, without_guarantee,
                           files=stored_files(ws, plan.bid.id))
        builder.check()
        return builder.content(), chosen, builder.warnings


def confidentiality_questions(ws: Workspace, bid_id: int | None, *, audience: Audience | str, locale: str,
                              partner: str | None = None, today: date | None = None) -> list[Unhideable]:
    """The confidential amounts a dossier for this audience could not hide (empty: it can be made as it is)."""
    lang = normalise_locale(locale) or "en"
    bid = resolve_bid(ws, bid_id)
    with use_locale(lang):
        plan = Planning.load(ws, bid.id, today=today)
        chosen = find_partner(plan, partner) if partner else None
        view = money_view(plan, Audience(audience), chosen, omit=False)
        return list(view.problems) if view is not None else []


@dataclass
class _Builder:
    plan: Planning
    audience: Audience
    locale: str
    partner: m.Partner | None = None
    omit_confidential: bool = False
    without_guarantee: bool = False
    warnings: list[str] = field(default_factory=list)
    files: StoredFiles | None = None

    def __post_init__(self) -> None:
        self.money = money_view(self.plan, self.audience, self.partner, omit=self.omit_confidential)

    def check(self) -> None:
        """Refuse before anything is laid out when a confidential amount cannot be hidden, or when a committee
        edition would show a deficit with no guarantee behind it (unless told to go ahead)."""
        if self.money is not None and self.money.problems:
            raise ConfidentialityQuestion(self.money.problems)
        deficit = None if self.without_guarantee else self.deficit_without_guarantee()
        if deficit is not None:
            raise GuaranteeQuestion(_(msg.MSG_NO_GUARANTEE).format(deficit=_money(deficit)), deficit)

    @property
    def internal(self) -> bool:
        return self.audience == Audience.INTERNAL

    def content(self) -> c.DossierContent:
        plan, bid = self.plan, self.plan.bid
        return c.DossierContent(
            locale=self.locale, audience=self.audience, cover=self.cover(), texts=self.texts(),
            partner=self.partner.name if self.partner else "",
            date_options=[c.DateOption(o.start_date, o.end_date, o.preferred, o.note)
                          for o in sorted(plan.bundle.date_options, key=lambda o: (o.start_date, o.id))],
            venue=self.venue(), venue_scores=self.venue_scores(), accommodation=self.accommodation(),
            sessions=self.sessions(), speakers=self.speakers(), funding=self.funding(), budget=self.budget(),
            impact=self.impact(), timeline=self.timeline(), team=self.team(),
            inspection_days=self.inspection_days(),
            internal=self.internal_section() if self.internal else None, letters=self.letters(),
            signature=self.signature(), scores=self.score_comments() if self.internal else [],
            title=" – ".join(x for x in (f"{bid.conference} {bid.edition}".strip(), bid.host_city) if x),
        )

    def cover(self) -> c.Cover:
        bid = self.plan.bid
        files = self.files
        logo = files.logo.data if files is not None and files.logo is not None else None
        hero = files.hero.data if files is not None and files.hero is not None else None
        venue = self.proposed_venue()
        return c.Cover(conference=f"{bid.conference} {bid.edition}".strip(), host_city=bid.host_city,
                       organiser=bid.organiser, bid_date=bid.bid_deadline, region=bid.host_region, logo=logo,
                       hero=hero, promise=self.plan.bundle.text(TextKey.PROMISE.value, self.locale),
                       event_start=bid.event_start, event_end=bid.event_end, venue=venue.name if venue else "",
                       hero_caption=" ".join(text_in(files.hero, "caption", self.locale).split())
                       if hero is not None else "")

    def signature(self) -> c.Signature | None:
        bid = self.plan.bid
        if not bid.signatory_name.strip():
            return None
        image = self.files.signature.data if self.files is not None and self.files.signature is not None else None
        title = text_in(bid, "signatory_title", self.locale)  # the title in the dossier's language
        return c.Signature(bid.signatory_name.strip(), title.strip(), bid.organiser, image)

    def score_comments(self) -> list[str]:
        """Each score a person commented on: "venue, criterion: 8 (comment)"."""
        bundle = self.plan.bundle
        venues = {v.id: v.name for v in bundle.venues}
        criteria = {x.id: (x.name_sv if self.locale == "sv" else x.name_en) or x.key for x in bundle.criteria}
        return [_(msg.MSG_SCORE_COMMENT).format(venue=venues.get(x.venue_id, ""), criterion=criteria.get(
                    x.criterion_id, ""), score=x.score, comment=x.comment)
                for x in sorted(bundle.scores, key=lambda x: (x.venue_id, x.criterion_id)) if x.comment]

    def texts(self) -> c.Texts:
        text = self.plan.bundle.text
        return c.Texts(**{key.value: text(key.value, self.locale) for key in TextKey})

    # venues -----------------------------------------------------------------------------------------------
    def proposed_venue(self) -> m.Venue | None:
        venues = self.plan.bundle.venues
        for status in (VenueStatus.CONTRACTED, VenueStatus.OPTION_HELD):
            chosen = [v for v in venues if _value(v.status) == status.value]
            if chosen:
                return chosen[0]
        winner = self.ranking_winner()
        return next((v for v in venues if v.id == winner), None)

    def ranking_winner(self):
        try:
            best = self.plan.ranking.winner
        except PlanningError:
            return None
        return getattr(best, "venue_id", None)

    def venue(self) -> c.VenueFacts | None:
        venue = self.proposed_venue()
        if venue is None:
            return None
        rooms = sorted((r for r in self.plan.bundle.rooms if r.venue_id == venue.id),
                       key=lambda r: (-r.capacity_theatre, r.id))
        address = _with_city(venue.address, venue.city)
        return c.VenueFacts(
            name=venue.name, address=address, status=_value(venue.status),
            capacity=max((r.capacity_theatre for r in rooms), default=0) or None,
            rooms=[c.Room(r.name, _value(r.kind), r.capacity_theatre or r.capacity_classroom or r.capacity_banquet,
                          theatre=r.capacity_theatre, classroom=r.capacity_classroom, banquet=r.capacity_banquet)
                   for r in rooms],
            distance_centre_km=_km(venue.distance_centre_m),
            travel_centre_min=venue.travel_centre_min or None, travel_station_min=venue.travel_station_min or None,
            travel_airport_min=venue.travel_airport_min or None, description=venue.description,
            photos=self.photos(venue.id),
            accessibility=venue.accessibility, catering=venue.catering, av=venue.av,
            distance_station_km=_km(venue.distance_station_m),
            distance_airport_km=Decimal(venue.distance_airport_km) if venue.distance_airport_km else None,
            cost=Money(venue.cost_minor, venue.currency) if self.internal and venue.cost_minor else None,
            option_until=venue.option_until if self.internal else None,
            cost_note=venue.cost_note if self.internal else "",
            contact=" · ".join(x for x in (venue.contact_name, venue.contact_email, venue.contact_phone) if x)
            if self.internal else "")

    def photos(self, venue_id: int) -> list[c.Photo]:
        """The bid's own photos and the venue's, as attached, each captioned in the dossier's language."""
        found = self.files.photos if self.files is not None else ()
        return [c.Photo(p.data, " ".join(text_in(p, "caption", self.locale).split())) for p in found
                if p.venue_id is None or p.venue_id == venue_id]

    def venue_scores(self) -> list[c.VenueScore]:
        try:
            ranking = self.plan.ranking
        except PlanningError as exc:
            self.warnings.append(str(exc))
            return []
        rejected = {v.id for v in self.plan.bundle.venues if _value(v.status) == VenueStatus.REJECTED.value}
        rows = []
        for position, score in enumerate(ranking.venues, start=1):
            if score.venue_id in rejected and not self.internal:
                continue  # a venue the team turned down is no candidate the committee compares
            reasons = " ".join(render_message(r) for r in score.disqualified_by)  # each one a sentence
            rows.append(c.VenueScore(score.name, Decimal(score.total), score.rank or position,
                                     not score.qualified, reasons))
        return rows

    def accommodation(self) -> list[c.HotelBlock]:
        return [c.HotelBlock(h.hotel, h.rooms, Money(h.rate_minor, h.currency) if h.rate_minor else None,
                             _km(h.distance_m), h.note, stars=h.stars or None, nights=h.nights,
                             release=h.release_date)
                for h in sorted(self.plan.bundle.accommodation, key=lambda h: (h.distance_m or 10**9, h.id))]

    # programme --------------------------------------------------------------------------------------------
    def named(self, speaker: m.Speaker) -> bool:
        """Whether a speaker may appear by name for this audience."""
        if self.internal:
            return True
        return bool(speaker.consent_to_be_named) and _value(speaker.status) == SpeakerStatus.CONFIRMED.value

    def sessions(self) -> list[c.SessionItem]:
        bundle = self.plan.bundle
        rooms = {r.id: r for r in bundle.rooms}
        venues = {v.id: v.name for v in bundle.venues}
        speakers = {s.id: s for s in bundle.speakers}
        by_session: dict[int, list[str]] = {}
        for link in bundle.session_speakers:
            speaker = speakers.get(link.speaker_id)
            if speaker is not None and self.named(speaker):
                by_session.setdefault(link.session_id, []).append(speaker.display_name)
        out = []
        for s in sorted(bundle.sessions, key=lambda s: (s.day, s.start_time, s.id)):
            if not self.internal and _value(s.status) == SessionStatus.CANCELLED.value:
                continue
            room = rooms.get(s.room_id)
            capacity = max(room.capacity_theatre, room.capacity_classroom, room.capacity_banquet) if room else 0
            if room and _value(s.kind) == SessionKind.SOCIAL.value and room.capacity_banquet:
                capacity = room.capacity_banquet  # a dinner or reception: the seats at tables
            out.append(c.SessionItem(
                s.day, s.start_time, s.end_time, s.title, _value(s.kind), room.name if room else "",
                by_session.get(s.id, []), s.abstract, venue=venues.get(room.venue_id, "") if room else "",
                capacity=capacity or None,
                cost_per_head=Money(s.cost_per_head_minor, s.cost_per_head_currency) if s.cost_per_head_minor
                else None))
        return out

    def speakers(self) -> list[c.SpeakerItem]:
        out = []
        for s in sorted(self.plan.bundle.speakers, key=lambda s: (s.family_name or s.display_name, s.id)):
            if not self.named(s):
                continue
            if self.internal:
                out.append(c.SpeakerItem(s.display_name, s.organisation, _value(s.status), s.talk_title, s.email,
                                         s.phone, Money(s.fee_minor, s.fee_currency) if s.fee_minor else None))
            else:
                out.append(c.SpeakerItem(s.display_name, s.organisation, "", s.talk_title))
        return out

    # partners and funding: the money view decides what this audience sees ------------------------------------
    def shows_amount(self, commitment: m.Commitment) -> bool:
        return self.money.shows_amount(commitment) if self.money is not None else not commitment.confidential

    def funding(self) -> c.Funding | None:
        bundle = self.plan.bundle
        if not bundle.commitments:
            return None
        try:
            report = self.plan.funding
        except PlanningError as exc:
            self.warnings.append(str(exc))
            return None
        if self.money is None:
            return None
        counted = {line.commitment_id: line for line in report.commitments}
        partners = {p.id: p for p in bundle.partners}
        items: list[c.CommitmentItem] = []
        for row in sorted(bundle.commitments, key=lambda x: (partners[x.partner_id].name.casefold(), x.id)):
            status = _value(row.status)
            own = self.partner is not None and row.partner_id == self.partner.id
            if not (self.internal or CommitmentStatus(status) in PRESENTED_STATUSES or
                    (own and status != CommitmentStatus.DECLINED.value)):
                continue  # outside the team: support given or promised, not prospects, asks or refusals
            partner = partners[row.partner_id]
            line = counted.get(row.id)
            amount = line.amount if line is not None else Money(row.amount_minor, row.currency)
            contact = ""
            if self.internal:
                contact = " · ".join(x for x in (partner.contact_name, partner.contact_email, partner.contact_phone)
                                     if x)
            items.append(c.CommitmentItem(
                partner=partner.name, kind=_value(row.kind), status=status,
                amount=amount if self.shows_amount(row) else None,
                secured=CommitmentStatus(status) in SECURED_STATUSES, due=row.due_date,
                conditions=row.conditions if (self.internal or own) else "", letter=_value(partner.letter_status),
                highlighted=own, contact=contact, description=row.description,
                notes=row.internal_notes if self.internal else "",
                signatory=partner.letter_signatory if self.internal else ""))
        secured, pledged, in_kind, pooled, need, gap = self.money.funding_totals()
        label = self.money.pool_label_income() if pooled is not None else ""
        notes = [_(msg.MSG_FUNDING_HIDDEN)] if any(item.amount is None for item in items) else []
        notes += self.money.funding_notes() + self.gap_notes(gap)
        return c.Funding(items, secured=secured, pledged=pledged, in_kind=in_kind, target=need, gap=gap,
                         confidential=pooled, confidential_label=label, notes=notes)

    def gap_notes(self, gap: Money) -> list[str]:
        """What the gap is made of, so it does not seem to contradict the budget's result beside it."""
        if not gap.minor or not self.plan.bundle.budget_lines:
            return []
        try:
            result = self.money.presented.budget.scenarios[Scenario.EXPECTED].result
        except PlanningError:
            return []
        deficit = max(-result.minor, 0)
        rest = Money(gap.minor - deficit, gap.currency)
        if rest.minor < 0:
            return []
        if not deficit:
            return [_(msg.MSG_GAP_UNPLEDGED).format(rest=_money(rest))]
        if not rest.minor:
            return [_(msg.MSG_GAP_DEFICIT).format(deficit=_money(Money(deficit, gap.currency)))]
        return [_(msg.MSG_GAP_BOTH).format(deficit=_money(Money(deficit, gap.currency)), rest=_money(rest))]

    # budget -----------------------------------------------------------------------------------------------
    def budget(self) -> c.Budget | None:
        if not self.plan.bundle.budget_lines:
            return None
        if self.money is None:  # the engines refused the bid's money: say why, print none of it
            try:
                _refused = self.plan.budget
            except PlanningError as exc:
                self.warnings.append(str(exc))
            return None
        try:
            budget = self.money.budget()
        except PlanningError as exc:
            self.warnings.append(str(exc))
            return None
        bid = self.plan.bid
        changes: dict = {"guarantor": text_in(bid, "guarantor", self.locale).strip(),  # both in the dossier's language
                         "guarantee": text_in(bid, "guarantee_statement", self.locale).strip()}
        if not self.internal:
            changes["grid"] = None  # the price x attendance grid is working material
            largest = self.largest_hall()
            if budget.break_even_attendance is not None and largest and budget.break_even_attendance > largest:
                changes["break_even_attendance"] = None  # an attendance no hall of the bid could seat
        return replace(budget, **changes)

    def largest_hall(self) -> int | None:
        venue = self.proposed_venue()
        if venue is None:
            return None
        return max((r.capacity_theatre for r in self.plan.bundle.rooms if r.venue_id == venue.id), default=0) or None

    def deficit_without_guarantee(self) -> Money | None:
        """The committee edition's deficit when the bid names no guarantor (None: nothing to ask)."""
        if self.audience != Audience.COMMITTEE or self.money is None or not self.plan.bundle.budget_lines:
            return None
        if self.plan.bid.guarantor.strip():
            return None
        try:
            result = self.money.presented.budget.scenarios[Scenario.EXPECTED].result
        except PlanningError:
            return None
        return Money(-result.minor, result.currency) if result.minor < 0 else None

    def impact(self) -> c.Impact | None:
        try:
            found = self.plan.impact(Scenario.EXPECTED)
        except PlanningError:
            return None
        if not found.total.minor:
            return None
        per_attendee = Money(found.spend_per_delegate_day.minor * found.days, found.total.currency)
        assumption = found.assumption.render(_, _printed_value)  # amounts as the dossier prints them
        return c.Impact(found.total, assumption, per_attendee, found.delegates)

    # timeline, team, internal -----------------------------------------------------------------------------
    def timeline(self) -> list[c.TaskItem]:
        if not self.plan.bundle.tasks:
            return []
        try:
            check = self.plan.timeline
        except PlanningError as exc:
            self.warnings.append(str(exc))
            return []
        rows = {t.id: t for t in self.plan.bundle.tasks}
        out = []
        for task in check.tasks:
            end = task.due or task.start
            if end is None or (_value(task.status) == TaskStatus.CANCELLED.value and not self.internal):
                continue
            row = rows.get(task.task_id)
            if not self.internal and (row is None or not is_public_milestone(row)):
                continue  # the team's own tasks and internal milestones are working material
            out.append(c.TaskItem(task.title, min(task.start or end, end), end,
                                  _value(task.kind) == TaskKind.MILESTONE.value,
                                  _value(task.status) if self.internal else "", task.owner if self.internal else "",
                                  (row.note if row is not None else "") if self.internal else ""))
        return out

    def team(self) -> list[c.Contact]:
        """The bid's contact, then the team members shown in the dossier, in their order. A member's own e-mail
        and phone are personal data, printed in the internal edition only; the committee's contact is reached
        through the bid's contact details (the member of the same name carries them)."""
        bid = self.plan.bid
        contact = " ".join(bid.contact_name.split()).casefold()
        members = sorted(self.plan.bundle.team, key=lambda t: (t.position, t.id))
        out: list[c.Contact] = []
        has_contact = bool(bid.contact_name or bid.contact_email or bid.contact_phone)
        for member in members:
            if not (member.shown_in_dossier or self.internal):
                continue
            is_contact = has_contact and " ".join(member.name.split()).casefold() == contact
            if is_contact:
                role = ", ".join(x for x in (member.role, _(msg.MSG_BID_CONTACT).lower()) if x)
                # the internal edition also gives the member's own details where they differ
                email, phone = bid.contact_email, bid.contact_phone
                if self.internal:
                    email = " · ".join(dict.fromkeys(x for x in (email, member.email) if x))
                    phone = " · ".join(dict.fromkeys(x for x in (phone, member.phone) if x))
                out.insert(0, c.Contact(member.name, role, member.organisation or bid.organiser, email, phone))
                has_contact = False
            else:
                out.append(c.Contact(member.name, member.role, member.organisation,
                                     member.email if self.internal else "", member.phone if self.internal else ""))
        if has_contact:
            out.insert(0, c.Contact(bid.contact_name, _(msg.MSG_BID_CONTACT), bid.organiser, bid.contact_email,
                                    bid.contact_phone))
        return out

    def inspection_days(self) -> list[c.InspectionDay]:
        """The site-inspection milestones of the timeline: the days proposed to the committee."""
        tasks = {t.id: t for t in self.plan.bundle.tasks if t.template_key == "site_inspection"}
        if not tasks:
            return []
        try:
            check = self.plan.timeline
        except PlanningError:
            return []  # the timeline's own warning says why
        out = []
        for task in check.tasks:
            end = task.due or task.start
            if task.task_id not in tasks or end is None or _value(task.status) == TaskStatus.CANCELLED.value:
                continue
            out.append(c.InspectionDay(task.title, min(task.start or end, end), end))
        return sorted(out, key=lambda d: (d.start, d.title))

    def internal_section(self) -> c.Internal:
        plan, bundle = self.plan, self.plan.bundle
        notes = [plan.rate_warning] if plan.rate_warning else []
        notes += [plan.bid.internal_notes] if plan.bid.internal_notes else []
        for title, rows, name in ((msg.MSG_NOTE_VENUE, bundle.venues, "name"),
                                  (msg.MSG_NOTE_PARTNER, bundle.partners, "name"),
                                  (msg.MSG_NOTE_SPEAKER, bundle.speakers, "display_name")):
            notes += [_(title).format(name=getattr(r, name), note=r.internal_notes) for r in rows if r.internal_notes]
        partner_names = {p.id: p.name for p in bundle.partners}
        notes += [_(msg.MSG_NOTE_COMMITMENT).format(name=partner_names.get(x.partner_id, ""), note=x.internal_notes)
                  for x in bundle.commitments if x.internal_notes]
        notes += [_(msg.MSG_NOTE_LINE).format(name=x.label, note=x.note) for x in bundle.budget_lines if x.note]
        notes += [_(msg.MSG_NOTE_TASK).format(name=x.title, note=x.note) for x in bundle.tasks if x.note]
        readiness = plan.readiness
        items = [c.ReadinessItem(_(item.title), item.status == "pass", render_message(item.reason))
                 for item in readiness.items]
        risks = []
        if bundle.budget_lines:  # without a budget there is nothing to simulate
            try:
                risk = plan.risk()
                risks.append(c.Risk(_(msg.MSG_RISK_LOSS), _(msg.MSG_RISK_CHANCE).format(
                    share=format_percent(risk.probability_of_loss)),
                    _(msg.MSG_RISK_RANGE).format(p10=_money(risk.p10), p90=_money(risk.p90)), ""))
            except PlanningError:
                pass
        try:
            for task in plan.timeline.tasks:
                if task.overdue:
                    risks.append(c.Risk(_(msg.MSG_RISK_OVERDUE).format(task=task.title), "", "", ""))
        except PlanningError:
            pass
        return c.Internal(notes=notes, risks=risks, readiness=Decimal(readiness.score) / 100,
                          readiness_items=items)

    def letters(self) -> list[c.Letter]:
        """The stored letters of support, by partner; a path an older version kept is never opened."""
        stored = self.files.letters if self.files is not None else {}
        letters = []
        for p in self.plan.bundle.partners:
            if p.id in stored:
                letters.append(c.Letter(p.name, stored[p.id].data))
            elif p.letter_file:
                self.warnings.append(_(msg.MSG_LETTER_NOT_ATTACHED).format(partner=p.name, path=p.letter_file))
        return letters


def _printed_value(value) -> str:
    """A message's value in the dossier: amounts in whole units with the currency spaced, the rest as usual."""
    from planner.services.planning import format_value

    return printed_money(value) if isinstance(value, Money) else format_value(value)


def _money(value: Money) -> str:
    """An amount as the dossier prints it (whole units, the currency spaced)."""
    return printed_money(value)


# -- export ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    sha256: str
    size_bytes: int
    seconds: float
    export_id: int | None  # None: a read-only database records no export
    warnings: list[str]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "bid"


def default_filename(bid: m.Bid, audience: Audience, locale: str, partner: m.Partner | None, on: date) -> str:
    """`generator-2012-gavle-committee-sv-2011-11-07.pdf`: bid, audience (and partner), language, date."""
    parts = [_slug(f"{bid.conference} {bid.edition} {bid.host_city}"), Audience(audience).value]
    if partner is not None:
        parts.append(_slug(partner.name))
    return "-".join(parts + [locale, on.isoformat()]) + ".pdf"


def export_dossier(ws: Workspace, bid_id: int | None = None, *, audience: Audience | str = Audience.COMMITTEE,
                   locale: str = "en", partner: str | None = None, output: Path | None = None,
                   recipient: str = "", progress: Progress | None = None, today: date | None = None,
                   omit_confidential: bool = False, without_guarantee: bool = False,
                   overwrite: bool = False) -> ExportResult:
    """Build the dossier, write it (to `output` or the exports folder), and record the export. Before anything
    is written, refuses with a ConfidentialityQuestion when a confidential amount cannot be hidden, unless
    `omit_confidential` leaves such amounts out of every total they would reveal; refuses with a
    GuaranteeQuestion a committee edition in deficit with no guarantor unless `without_guarantee`. An
    existing `output` is replaced only with `overwrite`; the open database never."""
    from planner.dossier.render import render

    started = time.perf_counter()
    audience = Audience(audience)
    lang = normalise_locale(locale)
    if lang is None:
        raise PlannerError(_(msg.MSG_UNKNOWN_LANGUAGE).format(locale=locale))
    if audience == Audience.PARTNER and not partner:
        raise PlannerError(_(msg.MSG_PARTNER_NEEDED))
    if audience != Audience.PARTNER and partner:
        raise PlannerError(_(msg.MSG_PARTNER_ONLY))
    bid = resolve_bid(ws, bid_id)
    if output is not None:  # refuse a target that may not be written before the work of rendering
        check_target(Path(output), overwrite=overwrite, protected=ws.protected_files())
    dossier, chosen, warnings = dossier_content(ws, bid.id, audience=audience, locale=lang, partner=partner,
                                                today=today, omit_confidential=omit_confidential,
                                                without_guarantee=without_guarantee)
    result = render(dossier, progress=progress)
    settings = ws.settings
    if output is None:  # a name of our own in the exports folder (0700): never over an earlier dossier
        folder = private_folder(settings.export_dir if settings is not None else Path("exports"))
        output = free_name(folder / default_filename(bid, audience, lang, chosen, today or date.today()))
    output = write_private(Path(output), result.pdf, overwrite=overwrite, protected=ws.protected_files())
    digest = hashlib.sha256(result.pdf).hexdigest()
    options = {"audience": audience.value, "locale": lang, "partner": chosen.name if chosen else None}
    if omit_confidential:
        options["omit_confidential"] = True
    if without_guarantee:
        options["without_guarantee"] = True
    if ws.db.read_only:  # the PDF is made from what it reads; a read-only database keeps no history of it
        return ExportResult(output, result.pages, digest, len(result.pdf), time.perf_counter() - started, None,
                            warnings + result.warnings)
    with ws.session() as s:
        record = m.DossierExport(
            bid_id=bid.id, created_by=ws.user, locale=lang, audience=audience,
            recipient=recipient or (chosen.name if chosen else _recipient(audience, lang)),
            partner_id=chosen.id if chosen else None, pages=result.pages, size_bytes=len(result.pdf),
            sha256=digest, path=str(output.resolve()), options=json.dumps(options, ensure_ascii=False,
                                                                          sort_keys=True))
        s.add(record)
        s.flush()
        export_id = record.id
    return ExportResult(output, result.pages, digest, len(result.pdf), time.perf_counter() - started, export_id,
                        warnings + result.warnings)


def _recipient(audience: Audience, lang: str) -> str:
    from planner.i18n.labels import label

    with use_locale(lang):
        return label(audience)


@dataclass(frozen=True)
class ExportRecord:
    id: int
    bid_id: int
    bid_title: str
    created_at: object
    created_by: str
    audience: str
    locale: str
    recipient: str
    pages: int
    sha256: str
    path: str
    options: dict


def export_history(ws: Workspace, bid_id: int | None = None) -> list[ExportRecord]:
    """Every dossier made (of one bid, or of all), newest first."""
    with ws.read_session() as s:
        query = select(m.DossierExport, m.Bid).where(m.DossierExport.bid_id == m.Bid.id)
        if bid_id is not None:
            query = query.where(m.DossierExport.bid_id == bid_id)
        rows = s.exec(query.order_by(m.DossierExport.created_at.desc(), m.DossierExport.id.desc())).all()
        return [ExportRecord(e.id, e.bid_id, f"{b.conference} {b.edition}".strip(), e.created_at, e.created_by,
                             _value(e.audience), e.locale, e.recipient, e.pages, e.sha256, e.path,
                             json.loads(e.options or "{}")) for e, b in rows]
