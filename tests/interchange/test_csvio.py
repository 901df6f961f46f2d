"""CSV reading and writing: dialects, formula neutralising both ways, bad encodings and broken rows."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.interchange import csvio
from planner.interchange.csvio import EXCEL_SV, STANDARD, CsvError


def test_standard_file_is_utf8_with_header_and_crlf():
    data = csvio.to_csv_bytes(["Namn", "Belopp", "Datum"], [["Gävle Konserthus", Decimal("1234.50"), date(2012, 5, 10)]])
    assert data == "Namn,Belopp,Datum\r\nGävle Konserthus,1234.50,2012-05-10\r\n".encode()


def test_swedish_excel_dialect_has_bom_semicolons_and_decimal_comma():
    data = csvio.to_csv_bytes(["Namn", "Belopp"], [["Hotell; Gävle", Decimal("-99.5")], ["Ö", 12]], EXCEL_SV)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text == 'Namn;Belopp\r\n"Hotell; Gävle";-99,5\r\nÖ;12\r\n'
    table = csvio.read_csv(data)
    assert table.dialect == EXCEL_SV
    assert [dict(r.values) for r in table.rows] == [{"Namn": "Hotell; Gävle", "Belopp": "-99,5"}, {"Namn": "Ö", "Belopp": "12"}]
    assert csvio.parse_decimal(table.rows[0].values["Belopp"], table.dialect) == Decimal("-99.5")


@pytest.mark.parametrize("typed", ["=SUM(A1:A9)", "+46 26 17 80 00", "-not a number", "@import", "\tindented",
                                   "\rcarriage", "=1+2;'", "'=already quoted", "''=twice"])
def test_formulas_are_neutralised_on_export_and_read_back_as_typed(typed):
    data = csvio.to_csv_bytes(["Anteckning"], [[typed]], EXCEL_SV)
    cell = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1][0]
    assert cell.startswith("'")  # what a spreadsheet sees is text, never a formula
    assert csvio.read_csv(data).rows[0].values["Anteckning"] == typed


@pytest.mark.parametrize("plain", ["O'Brien", "'t Hooft", "Gävle", "", "a=b", "100 %"])
def test_ordinary_text_is_left_alone(plain):
    assert csvio.neutralise(plain) == plain
    assert csvio.restore(plain) == plain


@given(st.text())
def test_neutralise_and_restore_are_inverse(text):
    assert csvio.restore(csvio.neutralise(text)) == text
    assert not csvio.neutralise(text).startswith(csvio.FORMULA_TRIGGERS)


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), min_size=3, max_size=3),
                max_size=5))
def test_any_text_round_trips_in_both_dialects(rows):
    for dialect in (STANDARD, EXCEL_SV):
        data = csvio.to_csv_bytes(["a", "b", "c"], rows, dialect)
        table = csvio.read_csv(data, dialect=dialect)
        non_blank = [r for r in rows if any(csvio.neutralise(v).strip() for v in r)]  # blank lines are skipped
        assert [[row.values[h] for h in "abc"] for row in table.rows] == non_blank
        assert table.problems == []


def test_numbers_are_not_neutralised():
    data = csvio.to_csv_bytes(["x"], [[Decimal("-5.25")], [-3]])
    assert data == b"x\r\n-5.25\r\n-3\r\n"


def test_wrong_encoding_names_the_line_and_what_to_do():
    data = "Förnamn,Efternamn\r\nAnna,Lindqvist\r\nÖrjan,Åkesson\r\n".encode("cp1252")
    with pytest.raises(CsvError) as caught:
        csvio.read_csv(data)
    message = str(caught.value)
    assert "line 1" in message and "UTF-8" in message and "cp1252" in message
    assert "\n" not in message
    assert csvio.read_csv(data, encoding="cp1252").rows[1].values["Förnamn"] == "Örjan"


def test_wrong_encoding_later_in_the_file_points_at_that_line():
    data = b"name\r\nAnna\r\nBo\r\n" + "Åsa\r\n".encode("latin-1")
    with pytest.raises(CsvError, match="line 4"):
        csvio.read_csv(data)


def test_broken_rows_are_reported_with_their_spreadsheet_rows_and_good_rows_kept():
    text = (
        "name,city,amount\r\n"
        "Anna,Gävle,10\r\n"
        "Bo,Gävle, Sweden,20\r\n"           # an unquoted comma: one field too many
        "Cissi,Sandviken\r\n"               # one field too few
        '"Multi\nline name",Falun,30\r\n'   # a quoted newline: one row over two lines
        "Dan,Ockelbo,40,,\r\n"              # trailing empty fields: harmless
        "\r\n"
        '"Eva,Bollnäs,50\r\n'               # quote never closed
    )
    table = csvio.read_csv(text.encode())
    # rows as a spreadsheet numbers them: the two-line cell is one row, the blank line one row
    assert [r.line for r in table.rows] == [2, 5, 6]
    assert table.rows[1].values["name"] == "Multi\nline name"
    assert [p.line for p in table.problems] == [3, 4, 8]
    assert "4 fields where the header has 3" in str(table.problems[0])
    assert str(table.problems[0]).startswith("row 3:")
    assert table.problems[0].fields == ("Bo", "Gävle", " Sweden", "20")


def test_header_problems_are_errors():
    with pytest.raises(CsvError, match="twice"):
        csvio.read_csv(b"name,name\r\nA,B\r\n")
    with pytest.raises(CsvError, match="without a name"):
        csvio.read_csv(b"name,,city\r\nA,B,C\r\n")
    with pytest.raises(CsvError, match="empty"):
        csvio.read_csv(b"\xef\xbb\xbf\r\n")


@pytest.mark.parametrize(("text", "dialect", "value"), [
    ("1234.50", STANDARD, Decimal("1234.50")),
    ("1,234.50", STANDARD, Decimal("1234.50")),
    ("-7", STANDARD, Decimal("-7")),
    ("1 234,50", EXCEL_SV, Decimal("1234.50")),
    ("1\u00a0234,5", EXCEL_SV, Decimal("1234.5")),
    ("1.234,50", EXCEL_SV, Decimal("1234.50")),
    ("1.234.567", EXCEL_SV, Decimal("1234567")),
    ("1,234,567", STANDARD, Decimal("1234567")),
    ("1 500.50", STANDARD, Decimal("1500.50")),
    ("\u22125,25", EXCEL_SV, Decimal("-5.25")),
])
def test_numbers_as_each_dialect_writes_them(text, dialect, value):
    assert csvio.parse_decimal(text, dialect) == value


@pytest.mark.parametrize(("text", "dialect"), [("12,5", STANDARD), ("12,5O", EXCEL_SV), ("NaN", STANDARD),
                                               ("1e5", STANDARD), ("", EXCEL_SV), ("1.2.3", EXCEL_SV)])
def test_not_numbers(text, dialect):
    with pytest.raises(ValueError):
        csvio.parse_decimal(text, dialect)


def test_column_mapping_is_guessed_from_swedish_and_english_headers():
    swedish = ["Förnamn", "Efternamn", "Organisation", "E-post", "Föredragets titel", "Telefon", "Övrigt"]
    assert csvio.guess_mapping(swedish) == {
        "given_name": "Förnamn", "family_name": "Efternamn", "organisation": "Organisation",
        "email": "E-post", "talk_title": "Föredragets titel", "phone": "Telefon",
    }
    english = ["First Name", "Last name", "Company name", "E-mail address", "Talk title", "Bio", "Photo"]
    assert csvio.guess_mapping(english) == {
        "given_name": "First Name", "family_name": "Last name", "organisation": "Company name",
        "email": "E-mail address", "talk_title": "Talk title", "bio": "Bio", "avatar_url": "Photo",
    }
    assert csvio.guess_mapping(["Namn", "Talarens förnamn", "EPOST"]) == {
        "display_name": "Namn", "given_name": "Talarens förnamn", "email": "EPOST"}


def test_bools_and_dates():
    assert csvio.parse_bool("Ja") is True and csvio.parse_bool("nej") is False
    with pytest.raises(ValueError):
        csvio.parse_bool("kanske")
    assert csvio.parse_date(" 2012-05-10 ") == date(2012, 5, 10)
    assert csvio.format_cell(True) == "true" and csvio.format_cell(None) == ""


@pytest.mark.parametrize(("text", "dialect", "says"), [
    ("1.5", EXCEL_SV, "write 1,5"),
    ("12.50", EXCEL_SV, "write 12,50"),
    ("1.500", EXCEL_SV, "or 1500 for the whole number"),
    ("-1.500", EXCEL_SV, "or -1500 for the whole number"),
    ("1,500", STANDARD, "or 1500 for the whole number"),
    ("1,5", STANDARD, "write 1.5"),
])
def test_a_number_the_other_convention_reads_differently_is_refused_saying_what_to_write(text, dialect, says):
    with pytest.raises(csvio.AmbiguousNumber) as caught:
        csvio.parse_decimal(text, dialect)
    assert says in str(caught.value) and "\n" not in str(caught.value)
    assert text in str(caught.value)


def test_typed_values_keep_reading_either_mark():
    # the command line tries both languages' marks; only files are strict
    assert csvio.parse_decimal("12.5", EXCEL_SV, strict=False) == Decimal("12.5")
    assert csvio.parse_decimal("1.500", EXCEL_SV, strict=False) == Decimal("1500")


def test_a_sep_line_names_the_separator_and_is_no_row():
    data = b'sep=;\r\nNamn;Belopp\r\n"Anna\nLind";1 500,50\r\nBo;2\r\n'
    table = csvio.read_csv(data)
    assert table.header == ["Namn", "Belopp"]
    assert (table.dialect.delimiter, table.dialect.decimal) == (";", ",")
    assert [(r.line, r.values["Namn"]) for r in table.rows] == [(2, "Anna\nLind"), (3, "Bo")]
    with_bom = csvio.read_csv(b"\xef\xbb\xbfsep=,\r\nname,amount\r\nA,1.5\r\n")
    assert with_bom.header == ["name", "amount"] and with_bom.dialect.decimal == "."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excel_unicode_text_is_utf16_with_tabs(codec):
    text = "Namn\tBelopp\r\nŁukasz Ćwik\t1 234,50\r\nÅsa\t12,5\r\n"
    bom = {"utf-16": "", "utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}[codec]
    table = csvio.read_csv((bom + text).encode(codec))  # whatever --encoding says: the BOM decides
    assert table.header == ["Namn", "Belopp"]
    assert table.dialect.delimiter == "\t" and table.dialect.decimal == ","
    assert [r.values["Namn"] for r in table.rows] == ["Łukasz Ćwik", "Åsa"]
    assert csvio.parse_decimal(table.rows[0].values["Belopp"], table.dialect) == Decimal("1234.50")
    english = csvio.read_csv("name\tamount\r\nA\t12.50\r\n".encode("utf-16"))
    assert english.dialect.decimal == "."
