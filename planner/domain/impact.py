"""Economic impact for the host region: delegates x days x spend per delegate-day, with its assumption."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.enums import N_
from planner.domain.fx import exact_to_money
from planner.domain.messages import DomainError, Message
from planner.domain.money import Money

# Swedish Network of Convention Bureaux (2016): about 3 500 kr a day for a national congress delegate.
DEFAULT_SPEND_PER_DELEGATE_DAY = Money(350_000, "SEK")
DEFAULT_ASSUMPTION = N_("About {amount} per delegate and day (Swedish Network of Convention Bureaux, 2016, "
                        "national congress delegate).")
CONVERTED_ASSUMPTION = N_("About {amount} per delegate and day: {source} converted at the exchange rate of {date} "
                          "(Swedish Network of Convention Bureaux, 2016, national congress delegate).")
OWN_ASSUMPTION = N_("{amount} per delegate and day, the bid's own estimate.")


@dataclass(frozen=True)
class EconomicImpact:
    delegates: int
    days: int
    spend_per_delegate_day: Money
    total: Money
    assumption: Message


def economic_impact(delegates: int, days: int,
                    spend_per_delegate_day: Money = DEFAULT_SPEND_PER_DELEGATE_DAY,
                    assumption: str | None = None, **params) -> EconomicImpact:
    """`assumption` names the figure as `{amount}`; `params` fill its other placeholders (a conversion's source
    and date)."""
    if delegates < 0 or days < 0:
        raise DomainError(N_("Delegates and days cannot be negative (now {delegates} and {days})."),
                          delegates=delegates, days=days)
    total = exact_to_money(spend_per_delegate_day.minor * delegates * days, spend_per_delegate_day.currency,
                           (N_("the economic impact"),))
    text = assumption if assumption else DEFAULT_ASSUMPTION
    return EconomicImpact(delegates, days, spend_per_delegate_day, total,
                          Message(text, {"amount": spend_per_delegate_day, **params}))
