"""Readiness: each checklist item passes, warns or fails with a reason and a fix; the overall figure."""

from datetime import date
from decimal import Decimal

from planner.domain.budget import BudgetModel
from planner.domain.enums import Anchor, LetterStatus, TaskStatus, TextKey
from planner.domain.funding import funding_report
from planner.domain.readiness import FAIL, PASS, WARNING, ReadinessInputs, readiness
from planner.domain.timeline import TaskInput, check_timeline
from tests.domain.budget_fixtures import worked_inputs
from tests.domain.test_venues import ranking

ALL_TEXTS = {(k.value, lang): "text" for k in TextKey for lang in ("sv", "en")}


def ready_inputs(**changes):
    model = BudgetModel(worked_inputs(complimentary=0, attendance=worked_inputs().attendance))
    expected = model.scenario("expected")
    timeline = check_timeline([TaskInput("s", "Submit", fixed_date=date(2011, 11, 1), status=TaskStatus.DONE)],
                              {Anchor.BID_DEADLINE: date(2011, 11, 1)}, date(2011, 10, 1), holidays={})
    values = dict(
        ranking=ranking(), chosen_venue_ids=frozenset({"a"}), expected_result=expected.result,
        expected_funding=funding_report(model)["expected"], letters=(("Region", LetterStatus.RECEIVED),),
        date_options=2, has_preferred_option=True, named_speakers=(("Ada", True),), timeline=timeline,
        bid_deadline=date(2011, 11, 1), texts=ALL_TEXTS)
    values.update(changes)
    return ReadinessInputs(**values)


def statuses(result):
    return {item.key: item.status for item in result.items}


def test_items_and_overall_figure():
    result = readiness(ready_inputs())
    assert list(statuses(result)) == ["venue", "budget", "letters", "date_options", "speaker_consent",
                                      "milestones", "texts"]
    # the worked budget runs a deficit at the expected scenario with nothing secured: budget fails
    assert statuses(result)["budget"] == FAIL
    assert all(v == PASS for k, v in statuses(result).items() if k != "budget")
    # 6 passes of 7 -> 6 / 7 = 85.7 -> 86
    assert result.score == Decimal(86)
    assert not result.ready


def test_warnings_and_fails_carry_reason_and_fix():
    result = readiness(ready_inputs(
        chosen_venue_ids=frozenset(), letters=(("Region", LetterStatus.RECEIVED), ("Sandvik", LetterStatus.REQUESTED)),
        date_options=1, named_speakers=(("Ada", True), ("Grace", False)),
        texts={k: v for k, v in ALL_TEXTS.items() if k != ("legacy", "sv")}))
    items = {item.key: item for item in result.items}
    assert items["venue"].status == WARNING and items["venue"].reason.params["venue"] == "Gävle Konserthus"
    assert items["letters"].status == WARNING and items["letters"].reason.params["partners"] == "Sandvik"
    assert items["date_options"].status == WARNING
    assert items["speaker_consent"].status == FAIL and items["speaker_consent"].reason.params["names"] == "Grace"
    assert items["texts"].status == WARNING
    assert items["texts"].reason.render() == "Printed texts not in Swedish: legacy."
    assert all(item.fix is not None for item in result.items if item.status != PASS)
    # 2 fails (budget, consent) 0, 4 warnings x 1/2 = 2, 1 pass (milestones) = 3 of 7 -> 42.9 -> 43
    assert result.score == Decimal(43)


def test_empty_bid_fails_everything_it_can():
    result = readiness(ReadinessInputs())
    assert statuses(result) == {"venue": FAIL, "budget": FAIL, "letters": FAIL, "date_options": FAIL,
                                "speaker_consent": PASS, "milestones": WARNING, "texts": FAIL}


def test_overdue_milestone_before_the_deadline_fails():
    timeline = check_timeline([TaskInput("l", "Letters", fixed_date=date(2011, 9, 1))],
                              {Anchor.BID_DEADLINE: date(2011, 11, 1)}, date(2011, 10, 1), holidays={})
    item = readiness(ready_inputs(timeline=timeline)).items[5]
    assert item.status == FAIL and item.reason.params["tasks"] == "Letters"


def test_untranslated_record_texts_are_counted_per_language_and_the_first_few_named():
    names = ("Session “Welcome”: title", "Task “Book”: title", "Venue “Hall”: catering", "Speaker “Ada”: bio")
    result = readiness(ReadinessInputs(texts=ALL_TEXTS, untranslated={"sv": names, "en": ()}))
    item = {i.key: i for i in result.items}["texts"]
    assert item.status == WARNING
    assert item.reason.render() == ("Printed texts not in Swedish: 4 texts of the records (Session “Welcome”: "
                                    "title, Task “Book”: title, Venue “Hall”: catering …).")
    done = readiness(ReadinessInputs(texts=ALL_TEXTS, untranslated={"sv": (), "en": ()}))
    assert {i.key: i for i in done.items}["texts"].status == PASS
