"""Venue scoring: worked totals, must-haves, sensitivity, expiring options, and weight scaling."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.enums import VenueStatus
from planner.domain.venues import Criterion, VenueInput, load_criteria, rank_venues
from tests.domain.budget_fixtures import sek

DATA = Path(__file__).resolve().parents[2] / "data"
CRITERIA = load_criteria(json.loads((DATA / "venue_criteria.json").read_text(encoding="utf-8")))
KEYS = ["capacity_fit", "cost", "accessibility", "transport", "technical_av", "catering", "atmosphere",
        "availability"]


def scores(*values):
    return dict(zip(KEYS, values, strict=True))


VENUES = [
    VenueInput("a", "Gävle Konserthus", 800, scores(9, 6, 8, 8, 9, 7, 10, 8), frozenset({1, 2}), sek(300_000),
               option_expires=date(2011, 9, 1), status=VenueStatus.OPTION_HELD),
    VenueInput("b", "Högskolan i Gävle", 500, scores(7, 9, 7, 7, 7, 6, 5, 9), frozenset({2})),
    VenueInput("c", "Small hall", 200, scores(10, 10, 10, 10, 10, 10, 10, 10), frozenset({1})),
    VenueInput("d", "Busy arena", 2000, scores(10, 10, 10, 10, 10, 10, 10, 10), frozenset({9})),
    VenueInput("e", "Stairs only", 600, scores(10, 10, 2, 10, 10, 10, 10, 10), frozenset({1})),
]


def ranking():
    return rank_venues(VENUES, CRITERIA, high_attendance=450, expected_attendance=300, date_option_ids={1, 2},
                       decision_date=date(2011, 10, 15))


def test_default_criteria_weights_from_data():
    assert [c.key for c in CRITERIA] == KEYS
    assert sum(c.weight for c in CRITERIA) == 100


def test_worked_totals_and_ranking():
    result = ranking()
    a, b = result.venues[0], result.venues[1]
    # A: 20x9 + 20x6 + 10x8 + 15x8 + 10x9 + 10x7 + 5x10 + 10x8 = 790; 10 x 790 / 100 = 79.00
    assert (a.name, a.total, a.rank) == ("Gävle Konserthus", Decimal("79.00"), 1)
    # B: 140 + 180 + 70 + 105 + 70 + 60 + 25 + 90 = 740 -> 74.00
    assert (b.name, b.total, b.rank) == ("Högskolan i Gävle", Decimal("74.00"), 2)
    assert result.winner.venue_id == "a"
    # cost per attendee: 300 000 / 300 expected = 1 000 kr
    assert a.cost_per_attendee == sek(1_000)
    # strongest weighted criterion: capacity fit (20 x 9 = 180); weakest score: cost (6)
    assert [(r.params["criterion"], r.params["score"]) for r in a.reasons] == [("Capacity fit", 9), ("Cost", 6)]


def test_must_haves_disqualify_with_reasons():
    by_id = {v.venue_id: v for v in ranking().venues}
    assert by_id["c"].rank is None and "fewer than the high scenario" in by_id["c"].disqualified_by[0].text
    assert by_id["c"].disqualified_by[0].params == {"capacity": 200, "high": 450}
    assert "Not available" in by_id["d"].disqualified_by[0].text
    # accessibility has a minimum score of 4 in the default criteria
    assert by_id["e"].disqualified_by[0].params["minimum"] == 4
    assert [v.venue_id for v in ranking().venues[:2]] == ["a", "b"]


def test_option_expiring_before_the_decision_is_a_warning():
    a = ranking().venues[0]
    assert any("expires" in w.text for w in a.warnings)
    assert a.warnings[0].params == {"expires": date(2011, 9, 1), "decision": date(2011, 10, 15)}


def test_sensitivity_of_the_top_two():
    by_key = {s.criterion: s for s in ranking().sensitivity}
    # cost: (S_B - S_A) / (a - b) = (740 - 790) / (6 - 9) = 16.67 -> at weight 36.67 they tie
    assert by_key["cost"].change == Decimal("16.67")
    assert by_key["cost"].swap_weight == Decimal("36.67")
    # availability: -50 / (8 - 9) = +50
    assert by_key["availability"].change == Decimal("50.00")
    # capacity fit: -50 / (9 - 7) = -25 would take the weight of 20 below zero: they never swap
    assert by_key["capacity_fit"].change is None
    # atmosphere: -50 / (10 - 5) = -10 -> weight 5 - 10 < 0: never
    assert by_key["atmosphere"].change is None


def test_no_venues_and_no_date_options():
    result = rank_venues([], CRITERIA, 450, 300)
    assert result.winner is None and result.venues == ()
    assert any("no date options" in w.text for w in result.warnings)


venue_strategy = st.builds(
    VenueInput, id=st.uuids().map(str), name=st.text(min_size=1, max_size=5), capacity=st.just(1000),
    scores=st.fixed_dictionaries({k: st.integers(0, 10) for k in KEYS}))


@settings(max_examples=100, deadline=None)
@given(st.lists(venue_strategy, min_size=2, max_size=6),
       st.lists(st.integers(0, 50), min_size=len(KEYS), max_size=len(KEYS)),
       st.integers(1, 1000))
def test_scaling_all_weights_leaves_the_ranking_unchanged(venues, weights, factor):
    criteria = [Criterion(k, Decimal(w)) for k, w in zip(KEYS, weights, strict=True)]
    scaled = [Criterion(k, Decimal(w) * factor) for k, w in zip(KEYS, weights, strict=True)]
    one = rank_venues(venues, criteria, 100, 100)
    other = rank_venues(venues, scaled, 100, 100)
    assert [(v.venue_id, v.exact_total) for v in one.venues] == [(v.venue_id, v.exact_total) for v in other.venues]
