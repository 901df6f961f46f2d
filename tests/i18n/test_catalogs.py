"""The catalogs load (babel would silently fall back to English), Swedish is complete, formats per language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.domain.money import Money
from planner.i18n import LOCALES_DIR, SUPPORTED_LOCALES, _, catalog, set_locale, translate, use_locale
from planner.i18n.format import AmountError, format_date, format_money, format_percent, parse_amount
from planner.i18n.labels import label
from planner.i18n.sync import sync


@pytest.mark.parametrize("lang", SUPPORTED_LOCALES)
def test_catalog_files_exist_and_load(lang):
    assert list((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po"))
    assert catalog(lang).gettext("Bids") == {"sv": "Kandidaturer", "en": "Bids"}[lang]


def test_swedish_is_really_used():
    assert translate("sv", "Draft") == "Utkast"
    set_locale("sv")
    assert _("Bids") == "Kandidaturer"
    set_locale("en")
    assert _("Bids") == "Bids"
    with use_locale("sv"):
        assert label("pledged") == "Utlovat"
    assert label("pledged") == "Pledged"


def test_no_swedish_translation_is_missing():
    problems = sync(check=True)
    assert problems == [], "\n".join(problems[:20])


def test_swedish_and_english_formats():
    amount = Money(123456750, "SEK")
    assert format_money(amount, "sv") == "1\u00a0234\u00a0567,50\u00a0kr"
    assert format_money(amount, "sv", decimals=False) == "1\u00a0234\u00a0568\u00a0kr"
    assert format_money(Money(-1999, "EUR"), "sv") == "−19,99\u00a0€" or format_money(Money(-1999, "EUR"), "sv") == "-19,99\u00a0€"
    assert format_money(amount, "en") == "SEK1,234,567.50"
    assert format_date(date(2025, 3, 7), "sv") == "7 mars 2025"
    assert format_date(date(2012, 3, 7), "en") == "7 March 2012"
    assert format_percent(Decimal("0.425"), "sv", digits=1) == "42,5\u00a0%"
    assert format_money(Money(12345678901234567, "SEK"), "sv").startswith("123\u00a0456\u00a0789\u00a0012\u00a0345,67")


@pytest.mark.parametrize("text, lang, minor", [
    ("12,50", "sv", 1250), ("1 234,5", "sv", 123450), ("12.50", "sv", 1250), ("1,234.50", "en", 123450),
    ("-19,99", "sv", -1999), ("15 000 kr", "sv", 1500000),
])
def test_parse_amount(text, lang, minor):
    assert parse_amount(text, "SEK", lang) == Money(minor, "SEK")


@pytest.mark.parametrize("text", ["12,5O", "", "abc", "1,2,3", "12,505", "NaN", "Infinity"])
def test_parse_amount_refuses(text):
    with pytest.raises(AmountError):
        parse_amount(text, "SEK", "sv")
