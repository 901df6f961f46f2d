"""Exchange rates in the database: fetched from the ECB, seeded for offline first runs, or set by hand.

The table holds every rate with its date and source. Which rate a figure uses is decided here, once:
a manual rate wins over fetched ones from its date on (a coordinator's agreed budget rate is not replaced by
the next fetch); before a currency's first manual rate, the latest ECB rate on or before the date counts,
then the shipped seed. `effective_rates` gives that series to the budget engine (planner.domain.fx).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from planner.domain.enums import RateSource
from planner.domain.fx import EUR, MissingRateError, Rate, RateTable, effective_series
from planner.i18n import _
from planner.interchange import messages as M
from planner.services.errors import PlannerError, ValidationError
from planner.services.validation import currency_error, rate_error
from planner.services.workspace import Workspace
from planner.store import models as m

if TYPE_CHECKING:  # the ECB client (and httpx) load only when rates are read from a file or fetched
    import httpx

    from planner.integrations import ecb



class RatesUpdateError(PlannerError):
    """A fetch that failed; the message is one line and says the stored rates were kept."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class UpdateResult:
    fetched: int  # rates in the answer
    stored: int  # rates new or changed in the table
    latest: date | None
    source_url: str


@dataclass(frozen=True)
class ShownRate:
    """The rate a figure on `asked` uses for `currency`: its value, the day it was published and its source."""

    currency: str
    per_eur: Decimal
    rate_date: date
    source: str
    asked: date

    @property
    def age_days(self) -> int:
        return (self.asked - self.rate_date).days


def _upsert(s: Session, rates: Iterable[ecb.EcbRate], source: RateSource) -> int:
    """Insert or correct rates of one source; returns how many rows were new or changed."""
    rates = list(rates)
    if not rates:
        return 0
    days = {r.day for r in rates}
    existing = {
        (row.rate_date, row.currency): row
        for row in s.exec(select(m.ExchangeRate).where(m.ExchangeRate.source == source)
                          .where(m.ExchangeRate.rate_date.in_(days))).all()
    }
    changed = 0
    for rate in rates:
        row = existing.get((rate.day, rate.currency))
        if row is None:
            s.add(m.ExchangeRate(rate_date=rate.day, currency=rate.currency, rate=rate.per_eur, source=source))
            changed += 1
        elif Decimal(row.rate) != rate.per_eur:
            row.rate = rate.per_eur
            row.fetched_at = m.utcnow()
            s.add(row)
            changed += 1
    s.flush()
    return changed


def seed_rates() -> list[ecb.EcbRate]:
    """The rates shipped in data/ for a first run without network."""
    from planner.integrations import ecb

    return ecb.seed_rates()


def ensure_seeded(ws: Workspace) -> int:
    """Fill an empty rate table from the shipped seed; returns how many rates were added (0 if not empty)."""
    if ws.db.read_only:
        return 0
    with ws.read_session() as s:  # the usual answer, found without waiting for the write lock
        if s.exec(select(m.ExchangeRate.id).limit(1)).first() is not None:
            return 0
    with ws.session() as s:
        if s.exec(select(m.ExchangeRate.id).limit(1)).first() is not None:
            return 0
        return _upsert(s, seed_rates(), RateSource.SEED)


def update_rates(
    ws: Workspace, *, since: int | None = None, base_url: str | None = None, client: httpx.Client | None = None,
    history: bool = True,
) -> UpdateResult:
    """Fetch the ECB's daily rates and the last 90 days (and, with `since`, its whole history from January of
    that year, one zip) and store them in one transaction; on any failure keep what is stored."""
    from planner.integrations import ecb
    from planner.integrations.http import IntegrationError

    ws.check_writable()
    ensure_seeded(ws)
    url = base_url or ecb.ecb_base_url()
    try:
        rates = ecb.fetch_daily(base_url=base_url, client=client)
        if history:
            rates += ecb.fetch_history_90d(base_url=base_url, client=client)
        if since is not None:
            rates += ecb.fetch_history(date(since, 1, 1), base_url=base_url, client=client)
    except IntegrationError as exc:
        latest = latest_rate_date(ws)
        kept = (_(M.RATES_KEPT).format(date=latest.isoformat()) if latest else _(M.RATES_NONE_STORED))
        raise RatesUpdateError(_(M.RATES_NOT_UPDATED).format(reason=exc, kept=kept),
                               kind=exc.kind) from None
    unique = list({(r.day, r.currency): r for r in rates}.values())
    with ws.session() as s:
        stored = _upsert(s, unique, RateSource.ECB)
    return UpdateResult(len(unique), stored, max(r.day for r in unique), url)


RETIRED_AFTER_DAYS = 30


def retired_currencies(ws: Workspace) -> dict[str, date]:
    """{currency: its last ECB rate} of currencies the ECB stopped publishing (RUB since March 2022, HRK
    since Croatia took the euro ...): their last rate is over a month older than the ECB's latest."""
    import sqlalchemy as sa

    with ws.read_session() as s:
        rows = s.exec(select(m.ExchangeRate.currency, sa.func.max(m.ExchangeRate.rate_date))
                      .where(m.ExchangeRate.source == RateSource.ECB)
                      .group_by(m.ExchangeRate.currency)).all()
    if not rows:
        return {}
    newest = max(day for _currency, day in rows)
    return {currency: day for currency, day in rows if (newest - day).days > RETIRED_AFTER_DAYS}


def latest_rate_date(ws: Workspace) -> date | None:
    with ws.read_session() as s:
        rows = s.exec(select(m.ExchangeRate.rate_date).order_by(m.ExchangeRate.rate_date.desc()).limit(1)).all()
    return rows[0] if rows else None


def parse_rate(text: str | Decimal) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal(0)
    if not value.is_finite() or value <= 0:
        raise ValidationError({"rate": _(M.RATE_NOT_A_RATE).format(value=str(text))})
    problem = rate_error(value, str(text).strip())
    if problem:
        raise ValidationError({"rate": problem})
    return value


def set_manual_rate(ws: Workspace, currency: str, rate: str | Decimal, on: date) -> m.ExchangeRate:
    """A rate typed by a person for `currency` from `on`; it wins over fetched rates (see module docstring)."""
    ws.check_writable()
    code = currency.strip().upper()
    problem = currency_error(code)
    if problem:
        raise ValidationError({"currency": problem})
    if code == EUR:
        raise ValidationError({"currency": _(M.RATE_EUR_IS_ONE)})
    value = parse_rate(rate)
    ensure_seeded(ws)
    with ws.session() as s:
        row = s.exec(select(m.ExchangeRate).where(m.ExchangeRate.source == RateSource.MANUAL)
                     .where(m.ExchangeRate.currency == code).where(m.ExchangeRate.rate_date == on)).first()
        if row is None:
            row = m.ExchangeRate(rate_date=on, currency=code, rate=value, source=RateSource.MANUAL)
        else:
            row.rate = value
            row.fetched_at = m.utcnow()
        s.add(row)
        s.flush()
        s.refresh(row)
        return row


def effective_rates(ws: Workspace) -> list[Rate]:
    """The rate series the budget uses, per currency: fetched/seeded rates before its first manual rate, then
    manual rates only; on a day with several sources the manual, else the ECB's, else the seed's."""
    with ws.read_session() as s:
        rows = s.exec(select(m.ExchangeRate)).all()
    return resolve(rows)


def resolve(rows: Iterable[m.ExchangeRate]) -> list[Rate]:
    """The stored rates (records, or the light read's rows) as the series the budget uses (`effective_series`)."""
    return effective_series(rows)


def rate_table(ws: Workspace, *, earliest_before_first: bool = False) -> RateTable:
    """The effective rates as the domain's RateTable (seeded first if the table is empty); with
    `earliest_before_first`, a day before a currency's first rate uses that first rate (see RateTable)."""
    ensure_seeded(ws)
    rates = effective_rates(ws)
    if not rates and ws.db.read_only:  # never seeded, and a read-only user may not store it: use it as shipped
        from planner.integrations import ecb

        rates = ecb.seed_series()
    return RateTable(rates, earliest_before_first=earliest_before_first)


def rates_on(ws: Workspace, on: date) -> list[ShownRate]:
    """For every currency with a rate, the rate a figure dated `on` uses, with that rate's own date."""
    ensure_seeded(ws)
    table = RateTable(effective_rates(ws))
    shown = []
    for currency in sorted(table.currencies() - {EUR}):
        try:
            rate = table.latest(currency, on)
        except MissingRateError:  # none on or before that day for this currency
            continue
        if rate is not None:
            shown.append(ShownRate(currency, Decimal(rate.per_eur), rate.on, rate.source, on))
    return shown


def cross_rate(ws: Workspace, source: str, target: str, on: date) -> tuple[Decimal, tuple[Rate, ...]]:
    """Units of `target` per unit of `source` on `on`, through the euro, with the rates used."""
    table = rate_table(ws)
    eur_per_source = Decimal(1) if source == EUR else 1 / Decimal(table.latest(source, on).per_eur)
    target_rate = None if target == EUR else table.latest(target, on)
    used = tuple(r for r in (None if source == EUR else table.latest(source, on), target_rate) if r is not None)
    value = eur_per_source * (Decimal(1) if target_rate is None else Decimal(target_rate.per_eur))
    return value, used
