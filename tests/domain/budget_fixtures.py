"""A small hand-checked bid budget shared by the budget tests (arithmetic in test_budget.py)."""

from datetime import date
from decimal import Decimal

from planner.domain.budget import Attendance, BudgetInputs, LineInput, SpeakerCostInput
from planner.domain.enums import Basis, LineKind, SpeakerStatus
from planner.domain.fx import Rate, RateTable
from planner.domain.money import Money

RATES = RateTable([Rate("SEK", date(2012, 1, 2), Decimal("8.8"))])


def sek(kronor) -> Money:
    return Money.from_decimal(Decimal(str(kronor)), "SEK")


def worked_inputs(**changes) -> BudgetInputs:
    lines = (
        LineInput("tickets", LineKind.INCOME, "registration", "Conference fee", Basis.PER_PAYING_ATTENDEE,
                  sek(2500), vat_rate_percent=25, amounts_include_vat=True),
        LineInput("venue", LineKind.EXPENSE, "venue", "Venue hire", Basis.FIXED, sek(200_000),
                  vat_rate_percent=25),
        LineInput("catering", LineKind.EXPENSE, "catering", "Lunch and coffee", Basis.PER_ATTENDEE_DAY,
                  sek(450), vat_rate_percent=12),
        LineInput("av", LineKind.EXPENSE, "av_technology", "AV crew", Basis.FIXED, Money(1_000_000, "EUR")),
    )
    values = dict(
        currency="SEK", vat_deductible=False, attendance=Attendance(150, 300, 450), event_days=2,
        complimentary=20, lines=lines,
        speakers=(SpeakerCostInput("s1", "Ada Lovelace", SpeakerStatus.CONFIRMED, sek(15_000), sek(4_000), 2),
                  SpeakerCostInput("s2", "No Show", SpeakerStatus.DECLINED, sek(99_000), sek(1), 5)),
        accommodation_rate=sek(1_200), rates=RATES, rate_date=date(2012, 3, 1),
    )
    values.update(changes)
    return BudgetInputs(**values)
