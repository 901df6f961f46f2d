"""Venue scoring: weighted criteria on a 0-100 scale, must-haves that disqualify, ranking and sensitivity.

    total = 10 x sum(weight x score) / sum(weight)      (scores 0-10, so totals run 0-100)
computed exactly with fractions, so scaling every weight by the same factor never changes a total or the
ranking. A missing score counts as 0 and is warned about. Must-haves: the largest room holds the high
attendance scenario; the venue is available on at least one date option; every score is at or above its
criterion's minimum (when one is set); the venue is not rejected.

Sensitivity: for the top two qualified venues A (first) and B, changing criterion i's weight by d gives
    total_A = total_B  when  d = (S_B - S_A) / (a_i - b_i)
where S = sum(weight x score) and a_i, b_i the two scores. A change beyond d swaps them; None means no
change of that weight alone (keeping weights >= 0) makes them swap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from planner.domain.enums import N_, VenueStatus
from planner.domain.messages import DomainError, Message
from planner.domain.money import Money, round_minor

# The default criteria's labels, here so they are translated (data/venue_criteria.json holds the weights).
CRITERION_LABELS = {
    "capacity_fit": N_("Capacity fit"),
    "cost": N_("Cost"),
    "accessibility": N_("Accessibility"),
    "transport": N_("Transport"),
    "technical_av": N_("Technical / AV"),
    "catering": N_("Catering"),
    "atmosphere": N_("Atmosphere"),
    "availability": N_("Availability on the date options"),
}


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: Decimal
    label: str = ""
    min_score: int | None = None

    @property
    def display_label(self) -> str:
        return self.label or CRITERION_LABELS.get(self.key, self.key)


@dataclass(frozen=True)
class VenueInput:
    id: int | str
    name: str
    capacity: int  # the largest room (plenary), people
    scores: Mapping[str, int] = field(default_factory=dict)
    available_on: frozenset = frozenset()  # ids of the date options the venue can do
    cost: Money | None = None  # total venue cost for the event, base currency
    option_expires: date | None = None
    status: VenueStatus = VenueStatus.CANDIDATE


@dataclass(frozen=True)
class VenueScore:
    venue_id: int | str
    name: str
    total: Decimal  # 0-100, exact to two decimals
    exact_total: Fraction
    rank: int | None  # None when disqualified
    disqualified_by: tuple[Message, ...]
    reasons: tuple[Message, ...]
    warnings: tuple[Message, ...]
    cost_per_attendee: Money | None
    contributions: Mapping[str, Decimal]  # points each criterion adds to the total

    @property
    def qualified(self) -> bool:
        return not self.disqualified_by


@dataclass(frozen=True)
class WeightSensitivity:
    criterion: str
    weight: Decimal
    change: Decimal | None  # weight change at which the top two tie; beyond it they swap
    swap_weight: Decimal | None


@dataclass(frozen=True)
class VenueRanking:
    venues: tuple[VenueScore, ...]  # qualified by rank, then disqualified
    sensitivity: tuple[WeightSensitivity, ...]
    warnings: tuple[Message, ...]

    @property
    def winner(self) -> VenueScore | None:
        return self.venues[0] if self.venues and self.venues[0].qualified else None


def load_criteria(template: Mapping) -> list[Criterion]:
    """Criteria from the parsed data/venue_criteria.json (`{"criteria": [{"key", "weight", ...}]}`)."""
    criteria = []
    for i, item in enumerate(template.get("criteria", []), start=1):
        try:
            criteria.append(Criterion(str(item["key"]), Decimal(str(item["weight"])), str(item.get("label", "")),
                                      item.get("min_score")))
        except (KeyError, ArithmeticError) as exc:
            raise DomainError(N_("Venue criterion number {number} needs a key and a numeric weight."),
                              number=i) from exc
    return criteria


def _sums(venue: VenueInput, criteria: list[Criterion]) -> Fraction:
    return sum((Fraction(c.weight) * venue.scores.get(c.key, 0) for c in criteria), Fraction(0))


def rank_venues(
    venues: Iterable[VenueInput],
    criteria: list[Criterion],
    high_attendance: int,
    expected_attendance: int,
    date_option_ids: Iterable = (),
    decision_date: date | None = None,
) -> VenueRanking:
    criteria = list(criteria)
    venues = list(venues)
    for c in criteria:
        if c.weight < 0:
            raise DomainError(N_("The weight of criterion {criterion} cannot be negative."),
                              criterion=c.display_label)
    weight_sum = sum((Fraction(c.weight) for c in criteria), Fraction(0))
    options = set(date_option_ids)
    general: list[Message] = []
    if weight_sum == 0:
        general.append(Message(N_("All criterion weights are zero, so every venue scores 0. Give the criteria "
                                  "weights.")))
    if not options:
        general.append(Message(N_("The bid has no date options, so venue availability is not checked. Add the "
                                  "date options.")))
    scored = []
    for venue in venues:
        scored.append(_score(venue, criteria, weight_sum, high_attendance, expected_attendance, options,
                             decision_date))
    qualified = sorted((s for s in scored if s.qualified), key=lambda s: (-s.exact_total, s.name, str(s.venue_id)))
    others = sorted((s for s in scored if not s.qualified), key=lambda s: (-s.exact_total, s.name, str(s.venue_id)))
    ranked = [_with_rank(s, i) for i, s in enumerate(qualified, start=1)]
    sensitivity = ()
    if len(ranked) >= 2:
        by_id = {v.id: v for v in venues}
        sensitivity = _sensitivity(by_id[ranked[0].venue_id], by_id[ranked[1].venue_id], criteria)
    return VenueRanking(tuple(ranked + others), sensitivity, tuple(general))


def _with_rank(score: VenueScore, rank: int) -> VenueScore:
    return VenueScore(score.venue_id, score.name, score.total, score.exact_total, rank, score.disqualified_by,
                      score.reasons, score.warnings, score.cost_per_attendee, score.contributions)


def _score(venue, criteria, weight_sum, high, expected, options, decision_date) -> VenueScore:
    disqualified: list[Message] = []
    warnings: list[Message] = []
    for key, value in venue.scores.items():
        if not 0 <= value <= 10:
            raise DomainError(N_("Venue {venue}: the score for {criterion} must be between 0 and 10 (now "
                                 "{score})."), venue=venue.name, criterion=key, score=value)
    if VenueStatus(venue.status) == VenueStatus.REJECTED:
        disqualified.append(Message(N_("Rejected.")))
    if venue.capacity < high:
        disqualified.append(Message(N_("Holds {capacity} people, fewer than the high scenario's {high}."),
                                    {"capacity": venue.capacity, "high": high}))
    if options and not (set(venue.available_on) & options):
        disqualified.append(Message(N_("Not available on any of the date options.")))
    contributions: dict[str, Decimal] = {}
    total = Fraction(0)
    for c in criteria:
        score = venue.scores.get(c.key)
        if score is None:
            warnings.append(Message(N_("No score for {criterion}; counted as 0."), {"criterion": c.display_label}))
            score = 0
        if c.min_score is not None and score < c.min_score:
            disqualified.append(Message(N_("Scores {score} for {criterion}, below the minimum of {minimum}."),
                                        {"score": score, "criterion": c.display_label, "minimum": c.min_score}))
        if weight_sum:
            part = Fraction(c.weight) * score * 10 / weight_sum
            total += part
            contributions[c.key] = _dec(part)
    if venue.option_expires is not None and decision_date is not None and venue.option_expires < decision_date:
        warnings.append(Message(N_("The option expires on {expires}, before the decision on {decision}. Ask the "
                                   "venue to extend it."),
                                {"expires": venue.option_expires, "decision": decision_date}))
    reasons = _reasons(venue, criteria)
    cost_per_attendee = None
    if venue.cost is not None and expected > 0:
        cost_per_attendee = Money(round_minor(Decimal(venue.cost.minor) / expected), venue.cost.currency)
    return VenueScore(venue.id, venue.name, _dec(total), total, None, tuple(disqualified), reasons,
                      tuple(warnings), cost_per_attendee, contributions)


def _reasons(venue: VenueInput, criteria: list[Criterion]) -> tuple[Message, ...]:
    """The strongest and weakest weighted criteria, in words."""
    weighted = [(Fraction(c.weight) * venue.scores.get(c.key, 0), c) for c in criteria if c.weight > 0]
    if not weighted:
        return ()
    weighted.sort(key=lambda wc: (-wc[0], wc[1].key))
    best = weighted[0][1]
    worst = min(criteria, key=lambda c: (venue.scores.get(c.key, 0), -c.weight, c.key))
    reasons = [Message(N_("Strongest on {criterion} ({score}/10)."),
                       {"criterion": best.display_label, "score": venue.scores.get(best.key, 0)})]
    if worst.key != best.key:
        reasons.append(Message(N_("Weakest on {criterion} ({score}/10)."),
                               {"criterion": worst.display_label, "score": venue.scores.get(worst.key, 0)}))
    return tuple(reasons)


def _sensitivity(first: VenueInput, second: VenueInput, criteria: list[Criterion]) -> tuple[WeightSensitivity, ...]:
    s_a, s_b = _sums(first, criteria), _sums(second, criteria)
    out = []
    for c in criteria:
        a, b = first.scores.get(c.key, 0), second.scores.get(c.key, 0)
        change = None
        if a != b:
            d = (s_b - s_a) / (a - b)
            if Fraction(c.weight) + d >= 0:
                change = d
        out.append(WeightSensitivity(c.key, c.weight, None if change is None else _dec(change),
                                     None if change is None else _dec(Fraction(c.weight) + change)))
    return tuple(out)


def _dec(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
