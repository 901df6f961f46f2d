"""CSV files as organisers and partners use them: UTF-8 with a header, or the dialect Swedish Excel opens.

Writing neutralises text a spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`, tab or CR gets
an apostrophe in front, as Excel itself does for typed text); reading takes that apostrophe off again, so a
value reads back exactly as it was typed. Reading never guesses silently past a problem: a file that is not
in the expected encoding fails with the line of the first bad byte, and rows with the wrong number of fields
are reported by their row while the good rows are kept for the caller to decide.

Rows are numbered as a spreadsheet numbers them: the header is row 1 and each record is one row, also when a
quoted cell (a three-line biography) spans several lines of the file. What Excel writes is recognised: a
first line `sep=;` (it names the separator and is not a row), and "Unicode text" (UTF-16 with its byte
order mark, tab-separated; its decimal mark is read from the numbers in it).

Numbers follow the file's decimal convention, and a number that would read differently in the other one is
refused rather than guessed. In a decimal-comma file (Swedish Excel, `;`) a dot is taken only as a thousands
separator where it cannot be a decimal point: with a decimal comma after it (`1.234,50`) or in two or more
groups (`1.234.567`); `1.5` and `1.500` are refused, saying to write `1,5` or `1500`. Likewise in a
decimal-point file a comma is a thousands separator only in `1,234.50` or `1,234,567`; `1,500` and `1,5`
are refused. Spaces (also no-break spaces) always group thousands: `1 500,50`, `1 500.50`.

Reading is bounded: a file over `MAX_BYTES` is refused before it is read, and rows are streamed and counted,
so a file of more than `MAX_ROWS` data rows is refused at the first row over the limit, before any record is
built from them (the README states both limits).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from planner.i18n import _

BOM = "\ufeff"
MAX_ROWS = 50_000  # data rows in one file: ten times a large conference's speakers, budget lines or tasks
MAX_BYTES = 20 * 1024 * 1024  # 20 MB
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")


@dataclass(frozen=True, slots=True)
class CsvDialect:
    """How a file separates fields and writes decimals."""

    name: str
    delimiter: str
    decimal: str
    bom: bool


STANDARD = CsvDialect("standard", ",", ".", False)
EXCEL_SV = CsvDialect("excel-sv", ";", ",", True)  # what Swedish Excel opens with a double-click

Cell = str | int | Decimal | date | bool | None


class CsvError(ValueError):
    """A file that cannot be read at all (encoding, no header); the message is one line for the user."""


def _too_big(size: int) -> CsvError:
    from planner.i18n.format import format_number

    return CsvError(_("The file is {size} MB; planner reads CSV files of at most {limit} MB and {rows} rows. "
                      "Split it into smaller files and import them one by one.")
                    .format(size=format_number(Decimal(size) / 1024 / 1024, digits=1),
                            limit=format_number(MAX_BYTES // 1024 // 1024), rows=format_number(MAX_ROWS)))


def _too_many_rows() -> CsvError:
    from planner.i18n.format import format_number

    return CsvError(_("The file has more than {rows} rows; planner reads CSV files of at most {rows} rows and "
                      "{limit} MB. Split it into smaller files and import them one by one.")
                    .format(rows=format_number(MAX_ROWS), limit=format_number(MAX_BYTES // 1024 // 1024)))


def read_file(path) -> bytes:
    """The bytes of a CSV file, refusing what is not a regular file or is over the size limit before reading it
    (a FIFO, /dev/zero or a 4 GB export are never read)."""
    import os
    import stat

    try:
        info = os.stat(path)
    except OSError as exc:
        raise CsvError(_("{path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise CsvError(_("{path} is not a file that can be imported (a folder, device or pipe).").format(path=path))
    if info.st_size > MAX_BYTES:
        raise _too_big(info.st_size)
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)  # a file that grew meanwhile is still cut off at the limit
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    return data


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """Something wrong with one row: its row as a spreadsheet shows it (the header is row 1) and why; `fields`
    are the row's cells as read, for naming the record in the message."""

    line: int
    message: str
    column: str = ""
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.column:
            return _("row {line}, column {column}: {message}").format(line=self.line, column=self.column, message=self.message)
        return _("row {line}: {message}").format(line=self.line, message=self.message)


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # the row as a spreadsheet numbers it (the header is row 1)
    values: Mapping[str, str]

    def get(self, column: str | None, default: str = "") -> str:
        if not column:
            return default
        return self.values.get(column, default)


@dataclass(slots=True)
class CsvTable:
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)
    dialect: CsvDialect = STANDARD


# -- formulas -------------------------------------------------------------------------------------------------

def neutralise(text: str) -> str:
    """Text a spreadsheet would take for a formula gets a leading apostrophe ('=SUM(A1)' -> "'=SUM(A1)")."""
    return "'" + text if _NEUTRALISED.match(text) else text


def restore(text: str) -> str:
    """Undo `neutralise`: "'=SUM(A1)" -> '=SUM(A1)'; other text is left alone ("'t Hooft" stays)."""
    return text[1:] if text.startswith("'") and _NEUTRALISED.match(text) else text


# -- writing --------------------------------------------------------------------------------------------------

def format_decimal(value: Decimal | int, dialect: CsvDialect) -> str:
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", dialect.decimal) if dialect.decimal != "." else text


def format_cell(value: Cell, dialect: CsvDialect = STANDARD) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return format_decimal(value, dialect)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def to_csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: CsvDialect = STANDARD) -> str:
    """The whole file as text (BOM included when the dialect wants one)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([format_cell(v, dialect) for v in row])
    return (BOM if dialect.bom else "") + out.getvalue()


def to_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: CsvDialect = STANDARD) -> bytes:
    return to_csv_text(header, rows, dialect).encode("utf-8")


# -- reading --------------------------------------------------------------------------------------------------

def decode(data: bytes, encoding: str = "utf-8") -> str:
    """Bytes to text, BOM removed; a bad byte is a CsvError naming its line. A UTF-16 byte order mark (Excel's
    "Unicode text") decides the encoding whatever `encoding` says."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").removeprefix(BOM)
        except UnicodeDecodeError:
            raise CsvError(_("The file starts as UTF-16 text but is cut off or damaged; save it again as "
                             "\"Unicode text\" or as \"CSV UTF-8\" and try again.")) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvError(_(
            "The file is not {encoding} text: line {line} has a byte ({byte}) that does not belong. "
            "Save it as \"CSV UTF-8\" in Excel, or give its encoding (for example cp1252) and try again."
        ).format(encoding=encoding.upper(), line=line, byte=f"0x{data[exc.start]:02X}")) from None
    except LookupError:
        raise CsvError(_("{encoding} is not a text encoding this program knows.").format(encoding=encoding)) from None
    return text[1:] if text.startswith(BOM) else text


_SEP_LINE = re.compile(r"^sep=(.)[ \t]*\r?(\n|$)", re.IGNORECASE)
_COMMA_DECIMALS = re.compile(r"(?:^|[\t;])\s*-?\d{1,3}(?:[ \u00a0]?\d{3})*,\d{1,2}\s*(?=$|[\t;\r\n])", re.MULTILINE)
_POINT_DECIMALS = re.compile(r"(?:^|[\t,])\s*-?\d{1,3}(?:[ \u00a0,]?\d{3})*\.\d{1,2}\s*(?=$|[\t,\r\n])", re.MULTILINE)


def split_sep_line(text: str) -> tuple[str | None, str]:
    """(the separator a first line `sep=;` names, the text after that line); (None, text) without one."""
    found = _SEP_LINE.match(text)
    if not found:
        return None, text
    return found.group(1), text[found.end():]


def _decimal_mark(text: str) -> str:
    """The decimal mark a tab-separated file writes, from its numbers (`12,50` or `12.50`); a point when
    nothing says (a number that is ambiguous is then refused, not guessed)."""
    sample = text[:200_000]
    return "," if len(_COMMA_DECIMALS.findall(sample)) > len(_POINT_DECIMALS.findall(sample)) else "."


def dialect_for_separator(separator: str, text: str) -> CsvDialect:
    if separator == ";":
        return CsvDialect("excel-sv", ";", ",", False)
    if separator == ",":
        return STANDARD
    return CsvDialect("tab" if separator == "\t" else "separated", separator, _decimal_mark(text), False)


def sniff_dialect(text: str) -> CsvDialect:
    """Semicolons in the header line mean the Swedish Excel dialect, tabs a tab-separated file (Excel's
    "Unicode text"), otherwise the standard one."""
    first = text.split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    if outside.count(";") > outside.count(","):
        return EXCEL_SV
    if outside.count("\t") > max(outside.count(","), 0):
        return dialect_for_separator("\t", text)
    return STANDARD


def read_csv(data: bytes | str, *, dialect: CsvDialect | None = None, encoding: str = "utf-8") -> CsvTable:
    """Read a CSV file with a header row; values come back restored (see `restore`) and stripped of nothing.

    Rows are numbered as a spreadsheet shows them (header row 1; a quoted cell over several lines is one row;
    a `sep=` first line is no row). Rows with the wrong number of fields, or broken quoting, become problems
    with their rows. More than `MAX_ROWS` data rows, or more than `MAX_BYTES`, is a CsvError saying the limits.
    """
    if len(data) > MAX_BYTES:
        raise _too_big(len(data.encode("utf-8")) if isinstance(data, str) else len(data))
    text = decode(data, encoding) if isinstance(data, bytes) else (data[1:] if data.startswith(BOM) else data)
    separator, text = split_sep_line(text)
    if not text.strip():
        raise CsvError(_("The file is empty: it needs a header row naming the columns."))
    if dialect is None:
        dialect = dialect_for_separator(separator, text) if separator else sniff_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter, strict=True)
    table = CsvTable(header=[], dialect=dialect)
    header_done = False
    rows_read = 0
    row_number = 0  # the spreadsheet's row: every record the reader gives, blank ones too
    while True:
        start = reader.line_num + 1
        row_number += 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rows_read += 1
            if rows_read > MAX_ROWS + 1:
                raise _too_many_rows() from None
            table.problems.append(CsvProblem(row_number, _("broken quoting ({detail}); check the quotes in this row")
                                             .format(detail=exc)))
            if reader.line_num < start:  # the reader cannot move on
                break
            continue
        if not any(f.strip() for f in fields):
            continue
        rows_read += 1
        if rows_read > MAX_ROWS + 1:  # the header and MAX_ROWS data rows
            raise _too_many_rows()
        if not header_done:
            table.header = _check_header(fields, row_number)
            header_done = True
            row_number = 1  # blank lines above the header are not rows of the table
            continue
        width = len(table.header)
        if len(fields) > width and not any(f.strip() for f in fields[width:]):
            fields = fields[:width]
        if len(fields) != width:
            table.problems.append(CsvProblem(row_number, _(
                "{found} fields where the header has {expected}; a separator ({delimiter}) inside a value needs quotes"
            ).format(found=len(fields), expected=width, delimiter=_separator_name(dialect.delimiter)),
                fields=tuple(restore(f) for f in fields)))
            continue
        table.rows.append(CsvRow(row_number, {h: restore(v) for h, v in zip(table.header, fields, strict=True)}))
    if not header_done:
        raise CsvError(_("The file has no header row naming the columns."))
    return table


def _separator_name(delimiter: str) -> str:
    return _("tab") if delimiter == "\t" else delimiter


def _check_header(fields: list[str], line: int) -> list[str]:
    header = [restore(f.strip()) for f in fields]
    while header and not header[-1]:
        header.pop()
    seen: set[str] = set()
    for name in header:
        if not name:
            raise CsvError(_("Row {line}: the header has a column without a name.").format(line=line))
        if name in seen:
            raise CsvError(_("Row {line}: the header names the column {column!r} twice.").format(line=line, column=name))
        seen.add(name)
    return header


# -- cells to values ------------------------------------------------------------------------------------------

_STANDARD_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")
_SWEDISH_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")
_PLAIN_DOT_NUMBER = re.compile(r"^[+-]?\d+\.\d+$")
_ONE_SEPARATOR = re.compile(r"^[+-]?\d+[.,]\d+$")  # 1.5, 1.500, 1,5, 1,500: one mark and no other


class AmbiguousNumber(ValueError):
    """A number that reads differently in the two decimal conventions; the message says what to write."""


def _ambiguous(text: str, compact: str, dialect: CsvDialect) -> AmbiguousNumber:
    sign = compact[0] if compact[0] in "+-" else ""
    whole, _mark, part = compact.lstrip("+-").partition("." if dialect.decimal == "," else ",")
    decimal = f"{sign}{whole}{dialect.decimal}{part}"
    if len(part) == 3:
        return AmbiguousNumber(_(
            "{value!r} can be read two ways in this file, whose decimal mark is {mark!r}: write {decimal} for the "
            "decimal number or {whole} for the whole number, without the {other!r}").format(
            value=text.strip(), mark=dialect.decimal, decimal=decimal, whole=f"{sign}{whole}{part}",
            other="." if dialect.decimal == "," else ","))
    return AmbiguousNumber(_(
        "{value!r} has {other!r} as its decimal mark, but this file writes decimals with {mark!r}: write {decimal}")
        .format(value=text.strip(), mark=dialect.decimal, decimal=decimal,
                other="." if dialect.decimal == "," else ","))


def parse_decimal(text: str, dialect: CsvDialect = STANDARD, *, strict: bool = True) -> Decimal:
    """A number as the dialect writes it ('1 234,50' in Swedish Excel, '1234.50' otherwise); ValueError if not.

    `strict` (files): a number with one dot or comma that is not the dialect's decimal mark (`1.5`, `1.500`
    in a decimal-comma file) is an AmbiguousNumber saying what to write; without it (a value typed on the
    command line, where either language's mark is tried) `12.5` reads as 12,5 and `1.500` as 1 500.
    """
    compact = re.sub(r"[\s\u00a0\u202f]", "", text).replace("\u2212", "-")
    foreign = "." if dialect.decimal == "," else ","
    if strict and foreign in compact and _ONE_SEPARATOR.match(compact):
        raise _ambiguous(text, compact, dialect)
    if dialect.decimal == ",":
        if _SWEDISH_NUMBER.match(compact):
            normal = compact.replace(".", "").replace(",", ".")
        elif not strict and _PLAIN_DOT_NUMBER.match(compact):  # typed with a dot
            normal = compact
        else:
            raise ValueError(text)
    elif _STANDARD_NUMBER.match(compact):
        normal = compact.replace(",", "")
    else:
        raise ValueError(text)
    try:
        value = Decimal(normal)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_date(text: str) -> date:
    """An ISO date (2012-05-10), the way Swedish Excel shows dates too; ValueError if not."""
    return date.fromisoformat(text.strip())


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "yes", "ja", "sant", "1", "x"):
        return True
    if value in ("false", "no", "nej", "falskt", "0", ""):
        return False
    raise ValueError(text)


# -- column mapping -------------------------------------------------------------------------------------------

SPEAKER_COLUMNS: dict[str, tuple[str, ...]] = {
    "source_id": ("id", "speaker id", "talar id", "code", "kod"),
    "given_name": ("förnamn", "tilltalsnamn", "first name", "firstname", "given name", "forename"),
    "family_name": ("efternamn", "last name", "lastname", "surname", "family name"),
    "display_name": ("namn", "name", "full name", "fullständigt namn", "visningsnamn", "display name", "talare", "speaker"),
    "organisation": ("organisation", "organization", "företag", "company", "arbetsgivare", "affiliation", "employer",
                     "organisation/företag"),
    "email": ("e-post", "epost", "e-postadress", "mejl", "mail", "email", "e-mail", "email address", "mejladress"),
    "phone": ("telefon", "mobil", "telefonnummer", "phone", "mobile", "tel"),
    "talk_title": ("titel", "föredrag", "föredragets titel", "talk", "talk title", "title", "session", "session title"),
    "bio": ("biografi", "bio", "om talaren", "biography", "about", "beskrivning av talaren"),
    "avatar_url": ("bild", "foto", "porträtt", "photo", "avatar", "avatar url", "picture", "profile picture"),
    "state": ("status", "state"),
}


def _normal(header: str) -> str:
    text = unicodedata.normalize("NFC", header.replace(BOM, "")).strip().lower()
    return " ".join(re.sub(r"[-_./:()*]+", " ", text).split())


def _compact(header: str) -> str:
    return _normal(header).replace(" ", "")


def guess_mapping(headers: Sequence[str], columns: Mapping[str, Sequence[str]] = SPEAKER_COLUMNS) -> dict[str, str]:
    """{field: header} guessed from header names in Swedish or English; each header serves one field at most.

    An exact name ('E-post', 'Förnamn', 'Last name') wins; then a header containing a known name as a word
    ('Talarens förnamn'), the longest known name deciding ('Company name' is the organisation).
    """
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:  # exact names first
        key = _compact(header)
        for fieldname, aliases in columns.items():
            if fieldname not in mapping and key in {_compact(a) for a in aliases}:
                mapping[fieldname] = header
                used.add(header)
                break
    for header in headers:
        if header in used:
            continue
        words = f" {_normal(header)} "
        best: tuple[int, str] | None = None
        for fieldname, aliases in columns.items():
            if fieldname in mapping:
                continue
            for alias in aliases:
                alias_n = _normal(alias)
                if len(alias_n) >= 3 and f" {alias_n} " in words and (best is None or len(alias_n) > best[0]):
                    best = (len(alias_n), fieldname)
        if best:
            mapping[best[1]] = header
            used.add(header)
    return mapping
