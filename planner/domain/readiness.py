"""Readiness: the checklist a submittable bid must pass, each item pass / warning / fail with reason and fix.

Items (in this order): a chosen venue meeting the must-haves; the budget balanced at the expected scenario
or its gap covered by secured funding; letters of support collected; date options set; every speaker named
in the dossier has consented; no task or milestone due before the deadline overdue; the dossier texts in
both languages. The overall figure counts a pass as 1, a warning as 1/2 and a fail as 0, as a share of all
items (0-100).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from planner.domain.enums import N_, LetterStatus, TextKey
from planner.domain.funding import ScenarioFunding
from planner.domain.messages import Message
from planner.domain.money import Money
from planner.domain.timeline import TimelineCheck
from planner.domain.venues import VenueRanking

PASS = "pass"
WARNING = "warning"
FAIL = "fail"
LANGUAGES = ("sv", "en")

ITEM_TITLES = {
    "venue": N_("Venue chosen that meets the must-haves"),
    "budget": N_("Budget balanced at the expected scenario"),
    "letters": N_("Letters of support collected"),
    "date_options": N_("Date options set"),
    "speaker_consent": N_("Speakers named in the dossier have consented"),
    "milestones": N_("No milestone before the deadline overdue"),
    "texts": N_("Printed texts in Swedish and English"),
}


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    status: str  # pass | warning | fail
    reason: Message
    fix: Message | None = None

    @property
    def title(self) -> str:
        return ITEM_TITLES[self.key]


@dataclass(frozen=True)
class Readiness:
    items: tuple[ReadinessItem, ...]

    @property
    def score(self) -> Decimal:
        """0-100: passes count fully, warnings half."""
        if not self.items:
            return Decimal(0)
        points = sum(Decimal(1) if i.status == PASS else Decimal("0.5") if i.status == WARNING else 0
                     for i in self.items)
        return (points * 100 / len(self.items)).quantize(Decimal(1))

    @property
    def ready(self) -> bool:
        return all(i.status != FAIL for i in self.items)


@dataclass(frozen=True)
class ReadinessInputs:
    ranking: VenueRanking | None = None
    chosen_venue_ids: frozenset = frozenset()  # venues with an option held or a contract
    expected_result: Money | None = None
    expected_funding: ScenarioFunding | None = None
    letters: tuple[tuple[str, LetterStatus], ...] = ()  # (partner, letter status) per partner
    date_options: int = 0
    has_preferred_option: bool = False
    named_speakers: tuple[tuple[str, bool], ...] = ()  # (name, consent) for speakers the dossier names
    timeline: TimelineCheck | None = None
    bid_deadline: date | None = None
    texts: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (text key, language) -> text
    # language -> the records' printed texts not in it, each named for a person ("Session “Welcome”: title")
    untranslated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _m(text: str, **params) -> Message:
    return Message(text, params)


def _venue(inputs: ReadinessInputs) -> ReadinessItem:
    ranking = inputs.ranking
    qualified = [v for v in ranking.venues if v.qualified] if ranking else []
    chosen = [v for v in (ranking.venues if ranking else ()) if v.venue_id in inputs.chosen_venue_ids]
    good = [v for v in chosen if v.qualified]
    if good:
        return ReadinessItem("venue", PASS, _m(N_("{venue} is chosen and meets the must-haves."), venue=good[0].name))
    if chosen:
        return ReadinessItem("venue", FAIL, _m(N_("The chosen venue {venue} fails a must-have."), venue=chosen[0].name),
                             _m(N_("Choose a venue that meets the must-haves (see the venue ranking).")))
    if qualified:
        return ReadinessItem("venue", WARNING, _m(N_("No venue is chosen yet; {venue} ranks first."),
                                                  venue=qualified[0].name),
                             _m(N_("Hold an option at the venue you choose.")))
    return ReadinessItem("venue", FAIL, _m(N_("No venue meets the must-haves.")),
                         _m(N_("Add a venue that holds the high scenario and is free on a date option.")))


def _budget(inputs: ReadinessInputs) -> ReadinessItem:
    result, funding = inputs.expected_result, inputs.expected_funding
    if result is None or funding is None:
        return ReadinessItem("budget", FAIL, _m(N_("The budget is empty.")), _m(N_("Enter the budget lines.")))
    if funding.unsecured.minor == 0:
        return ReadinessItem("budget", PASS, _m(N_("Expenses are covered by earned income and secured funding.")))
    if result.minor >= 0:
        return ReadinessItem("budget", WARNING,
                             _m(N_("The budget balances, but {amount} of the funding it needs is not yet secured."),
                                amount=funding.unsecured),
                             _m(N_("Get the pledges signed.")))
    return ReadinessItem("budget", FAIL, _m(N_("The expected scenario shows a deficit of {amount}."), amount=-result),
                         _m(N_("Cut costs, raise income or secure more funding.")))


def _letters(inputs: ReadinessInputs) -> ReadinessItem:
    received = [p for p, s in inputs.letters if LetterStatus(s) == LetterStatus.RECEIVED]
    waiting = [p for p, s in inputs.letters if LetterStatus(s) == LetterStatus.REQUESTED]
    if not received:
        return ReadinessItem("letters", FAIL, _m(N_("No letter of support has been received.")),
                             _m(N_("Ask the partners for letters of support.")))
    if waiting:
        return ReadinessItem("letters", WARNING,
                             _m(N_("{received} received, {waiting} still awaited ({partners})."),
                                received=len(received), waiting=len(waiting), partners=", ".join(waiting)),
                             _m(N_("Remind the partners who have not sent their letter.")))
    return ReadinessItem("letters", PASS, _m(N_("{received} letters of support received."), received=len(received)))


def _date_options(inputs: ReadinessInputs) -> ReadinessItem:
    if inputs.date_options == 0:
        return ReadinessItem("date_options", FAIL, _m(N_("The bid has no date options.")),
                             _m(N_("Add two or three date options and mark one preferred.")))
    if not inputs.has_preferred_option:
        return ReadinessItem("date_options", WARNING, _m(N_("No date option is marked preferred.")),
                             _m(N_("Mark the preferred date option.")))
    if inputs.date_options == 1:
        return ReadinessItem("date_options", WARNING, _m(N_("Only one date option.")),
                             _m(N_("Offer a second date option to the committee.")))
    return ReadinessItem("date_options", PASS, _m(N_("{count} date options, one preferred."), count=inputs.date_options))


def _consent(inputs: ReadinessInputs) -> ReadinessItem:
    missing = [name for name, consent in inputs.named_speakers if not consent]
    if missing:
        return ReadinessItem("speaker_consent", FAIL,
                             _m(N_("Named without consent: {names}."), names=", ".join(missing)),
                             _m(N_("Get their consent or leave them out of the dossier.")))
    if not inputs.named_speakers:
        return ReadinessItem("speaker_consent", PASS, _m(N_("The dossier names no speaker yet.")))
    return ReadinessItem("speaker_consent", PASS,
                         _m(N_("All {count} named speakers have consented."), count=len(inputs.named_speakers)))


def _milestones(inputs: ReadinessInputs) -> ReadinessItem:
    timeline = inputs.timeline
    if timeline is None:
        return ReadinessItem("milestones", WARNING, _m(N_("The bid has no timeline.")),
                             _m(N_("Generate the standard bid timeline.")))
    before = [t for t in timeline.tasks
              if t.due is not None and (inputs.bid_deadline is None or t.due <= inputs.bid_deadline)]
    overdue = [t.title for t in before if t.overdue]
    if overdue:
        return ReadinessItem("milestones", FAIL, _m(N_("Overdue before the deadline: {tasks}."), tasks=", ".join(overdue)),
                             _m(N_("Finish them or move their dates.")))
    at_risk = [t.title for t in before if t.at_risk]
    if at_risk:
        return ReadinessItem("milestones", WARNING, _m(N_("At risk: {tasks}."), tasks=", ".join(at_risk)),
                             _m(N_("Start them or reassign them.")))
    return ReadinessItem("milestones", PASS, _m(N_("Nothing due before the deadline is overdue.")))


# how many untranslated texts a readiness reason names; the rest it counts
NAMED_UNTRANSLATED = 3
LANGUAGE_NAMES = {"sv": N_("Swedish"), "en": N_("English")}


def _texts(inputs: ReadinessInputs) -> ReadinessItem:
    """The dossier texts must exist; every printed text (dossier texts and the records' texts) should be in
    both languages: a warning counts what is missing per language and names the first few."""
    present = {k for k, v in inputs.texts.items() if v and v.strip()}
    absent_both: list[TextKey] = []
    missing: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for key in TextKey:
        have = [lang for lang in LANGUAGES if (key.value, lang) in present]
        if not have:
            absent_both.append(key)
        for lang in LANGUAGES:
            if have and lang not in have:
                missing[lang].append(key)
    if absent_both:
        return ReadinessItem("texts", FAIL, _m(N_("Missing texts: {texts}."), texts=tuple(absent_both)),
                             _m(N_("Write the missing dossier texts in Swedish and English.")))
    parts = []
    for lang in LANGUAGES:
        texts = tuple(missing[lang])
        records = tuple(inputs.untranslated.get(lang, ()))
        if not texts and not records:
            continue
        named = ", ".join(records[:NAMED_UNTRANSLATED]) + (" …" if len(records) > NAMED_UNTRANSLATED else "")
        if texts and records:
            parts.append(_m(N_("not in {language}: {texts}, and {count} texts of the records ({names})"),
                            language=(LANGUAGE_NAMES[lang],), texts=texts, count=len(records), names=named))
        elif texts:
            parts.append(_m(N_("not in {language}: {texts}"), language=(LANGUAGE_NAMES[lang],), texts=texts))
        else:
            parts.append(_m(N_("not in {language}: {count} texts of the records ({names})"),
                            language=(LANGUAGE_NAMES[lang],), count=len(records), names=named))
    if parts:
        return ReadinessItem("texts", WARNING, _m(N_("Printed texts {parts}."), parts=tuple(parts)),
                             _m(N_("Translate them (each form has a field for the other language).")))
    return ReadinessItem("texts", PASS, _m(N_("All printed texts are in both languages.")))


def texts_item(texts: Mapping[tuple[str, str], str]) -> ReadinessItem:
    """The readiness item of the dossier texts alone, for texts still being written ((key, language) -> text)."""
    return _texts(ReadinessInputs(texts=texts))


def readiness(inputs: ReadinessInputs) -> Readiness:
    return Readiness(tuple(check(inputs) for check in (
        _venue, _budget, _letters, _date_options, _consent, _milestones, _texts)))
