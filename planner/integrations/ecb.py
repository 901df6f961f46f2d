"""The European Central Bank's euro reference rates: fetch the daily or 90-day XML and read it into records.

The address is `PLANNER_ECB_URL` (a folder holding `eurofxref-daily.xml`, `eurofxref-hist-90d.xml` and
`eurofxref-hist.zip`, the whole history since 1999 as one CSV file in a zip),
by default the ECB's own, so tests and mirrors can stand in for it. The XML is read with expat directly and
refused when it declares a DTD or entities (the ECB's files never do), so a hostile or broken answer cannot
expand into anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING
from xml.parsers import expat

from planner.i18n import _
from planner.integrations.errors import IntegrationError

if TYPE_CHECKING:  # the HTTP client loads only to fetch: parsing the shipped seed needs none
    import httpx

DEFAULT_ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/"
DAILY_FILE = "eurofxref-daily.xml"
HISTORY_90D_FILE = "eurofxref-hist-90d.xml"
HISTORY_FILE = "eurofxref-hist.zip"  # every rate since 1999, one CSV in a zip
MAX_CSV_BYTES = 64 * 1024 * 1024
SERVICE = "ECB"

_GESMES_NS = "http://www.gesmes.org/xml/2002-08-01"
_EUROFXREF_NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"
_SEP = "|"


@dataclass(frozen=True, slots=True, order=True)
class EcbRate:
    """How many units of `currency` one euro bought on `day` (the ECB's reference rate)."""

    day: date
    currency: str
    per_eur: Decimal


class _Refused(Exception):
    pass


def ecb_base_url() -> str:
    """The folder the rates are fetched from: PLANNER_ECB_URL, else the ECB's, always ending in '/'."""
    base = os.environ.get("PLANNER_ECB_URL", "").strip() or DEFAULT_ECB_URL
    return base if base.endswith("/") else base + "/"


def parse_rates(body: bytes, *, source: str = SERVICE) -> list[EcbRate]:
    """Read an ECB eurofxref XML document (daily or history) into rates, sorted by day and currency.

    Raises IntegrationError(kind="format") for anything that is not such a document.
    """
    rates: list[EcbRate] = []
    state = {"root": None, "day": None, "problem": None}

    def refuse(*_args: object) -> None:
        raise _Refused

    def start(name: str, attrs: dict[str, str]) -> None:
        if state["root"] is None:
            state["root"] = name
            if name != f"{_GESMES_NS}{_SEP}Envelope":
                raise _Refused
            return
        if name != f"{_EUROFXREF_NS}{_SEP}Cube":
            return
        if "time" in attrs:
            state["day"] = date.fromisoformat(attrs["time"])
        elif "currency" in attrs:
            if state["day"] is None:
                raise _Refused
            currency = attrs["currency"].strip().upper()
            rate = Decimal(attrs.get("rate", "").strip())
            if len(currency) != 3 or not currency.isalpha() or not rate.is_finite() or rate <= 0:
                raise _Refused
            rates.append(EcbRate(state["day"], currency, rate))

    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(body, True)
    except (_Refused, expat.ExpatError, ValueError, InvalidOperation, TypeError):
        rates = []
    if not rates:
        raise IntegrationError("format", _(
            "{source} did not send the expected euro reference rates (the answer is not the ECB's XML)."
        ).format(source=source))
    return sorted(rates)


def parse_history_zip(body: bytes, *, since: date | None = None, source: str = SERVICE) -> list[EcbRate]:
    """The rates in the ECB's `eurofxref-hist.zip` (one CSV: `Date,USD,JPY,...` then a row a day, `N/A`
    where a currency had no rate), from `since` on; sorted by day and currency."""
    import csv
    import io
    import zipfile

    def refused() -> IntegrationError:
        return IntegrationError("format", _(
            "{source} did not send the expected history of euro reference rates (a zip holding one CSV file)."
        ).format(source=source))

    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
            if len(members) != 1 or members[0].file_size > MAX_CSV_BYTES:
                raise refused()
            text = archive.read(members[0]).decode("utf-8-sig")
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError, RuntimeError):
        raise refused() from None
    rows = csv.reader(io.StringIO(text))
    header = [h.strip().upper() for h in next(rows, [])]
    if not header or header[0] != "DATE":
        raise refused()
    rates = []
    for row in rows:
        if not row or not row[0].strip():
            continue
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            raise refused() from None
        if since is not None and day < since:
            continue
        for currency, cell in zip(header[1:], row[1:], strict=False):
            cell = cell.strip()
            if not currency or not cell or cell.upper() == "N/A":
                continue
            try:
                rate = Decimal(cell)
            except InvalidOperation:
                raise refused() from None
            if len(currency) == 3 and currency.isalpha() and rate.is_finite() and rate > 0:
                rates.append(EcbRate(day, currency, rate))
    if not rates and since is None:
        raise refused()
    return sorted(rates)


def _download(filename: str, base_url: str | None, client: httpx.Client | None) -> bytes:
    url = (base_url if base_url is not None else ecb_base_url())
    url = (url if url.endswith("/") else url + "/") + filename
    own = client is None
    from planner.integrations.http import get, make_client

    client = client or make_client()
    try:
        response = get(client, url, service=SERVICE)
    except IntegrationError as exc:
        if exc.kind == "not_found":
            host = httpx_host(url)
            raise IntegrationError("not_found", _(
                "The ECB's server ({host}) has no {file} (HTTP 404). If PLANNER_ECB_URL is set, it must be a "
                "folder holding the ECB's eurofxref files; unset it to use the ECB's own."
            ).format(host=host, file=filename), status=404) from None
        raise
    finally:
        if own:
            client.close()
    return response.content


def httpx_host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url


def _fetch(filename: str, base_url: str | None, client: httpx.Client | None) -> list[EcbRate]:
    return parse_rates(_download(filename, base_url, client))


def fetch_daily(*, base_url: str | None = None, client: httpx.Client | None = None) -> list[EcbRate]:
    """Today's reference rates (the ECB publishes them around 16:00 CET on working days)."""
    return _fetch(DAILY_FILE, base_url, client)


def fetch_history_90d(*, base_url: str | None = None, client: httpx.Client | None = None) -> list[EcbRate]:
    """The reference rates of the last 90 days, for a rate on a given date."""
    return _fetch(HISTORY_90D_FILE, base_url, client)


def fetch_history(since: date, *, base_url: str | None = None, client: httpx.Client | None = None,
                  ) -> list[EcbRate]:
    """The reference rates from `since` on, out of the ECB's whole history (one download of a few MB)."""
    return parse_history_zip(_download(HISTORY_FILE, base_url, client), since=since)


SEED_FILE = "rates_seed.xml"  # the rates shipped in data/ for a first run without network


def seed_rates() -> list[EcbRate]:
    """The rates shipped in data/ (SEED_FILE), read as the service's answers are."""
    from planner.config import shipped_file

    return parse_rates(shipped_file(SEED_FILE).read_bytes(), source=SEED_FILE)


def seed_series() -> list:
    """The shipped seed as the rate series it becomes once stored (what a first opening seeds), as the domain's
    rates (planner.domain.fx.Rate), by currency and day."""
    from planner.domain.enums import RateSource
    from planner.domain.fx import Rate

    return sorted((Rate(r.currency, r.day, r.per_eur, RateSource.SEED.value) for r in seed_rates()),
                  key=lambda rate: (rate.currency, rate.on))
