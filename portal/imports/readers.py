"""Reading a CSV or XLSX file one row at a time, so memory does not grow with the file.

CSV goes through the csv module over a text stream; XLSX through openpyxl's read-only mode, which
parses the sheet XML as it goes instead of building every cell in memory."""

import codecs
import csv
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES

# Limits well above any council's caseload sheet (a few thousand rows, the template's columns), so
# that a wrong or hostile file is refused with a reason instead of filling memory. An XLSX file is a
# zip: a small one can unpack to gigabytes, so its uncompressed size is checked before it is opened.
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# What a damaged workbook raises from inside openpyxl, the zip reader or the XML parser.
BROKEN_XLSX = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, OSError, ValueError, TypeError)


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; nothing in it is imported."""


@dataclass
class Sheet:
    headings: list
    # (spreadsheet row number, tuple of cell values) for every row after the headings that is not blank.
    rows: object


def _all_blank(values):
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _numbered(rows, first_number=2):
    for number, values in enumerate(rows, start=first_number):
        if number - first_number >= MAX_ROWS:
            raise SpreadsheetError(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.")
        if values and len(values) > MAX_COLUMNS:
            raise SpreadsheetError(
                f"Row {number} has more than {MAX_COLUMNS} columns. Use the template's columns only."
            )
        if values and not _all_blank(values):
            yield number, values


def _check_columns(headings):
    if len(headings) > MAX_COLUMNS:
        raise SpreadsheetError(
            f"The file has more than {MAX_COLUMNS} columns. Use the template's columns only."
        )
    return headings


def detect_encoding(path, chunk_size=1 << 20):
    """UTF-8 (with or without Excel's byte-order mark) when the whole file decodes as UTF-8;
    otherwise Windows-1252, which is what Excel's plain "CSV" export writes in the UK."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            while chunk := handle.read(chunk_size):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


@contextmanager
def _csv_sheet(path):
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, newline="", errors="replace") as handle:
        sample = handle.read(64 * 1024)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        try:
            headings = _check_columns(next(reader))
        except StopIteration as error:
            raise SpreadsheetError("The file is empty.") from error
        except csv.Error as error:
            raise SpreadsheetError(f"The file could not be read as CSV: {error}") from error

        def rows():
            try:
                yield from _numbered(tuple(row) for row in reader)
            except csv.Error as error:
                raise SpreadsheetError(
                    f"The file could not be read as CSV at line {reader.line_num}: {error}."
                ) from error

        yield Sheet(headings=headings, rows=rows())


def _check_unpacked_size(path):
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError("The file could not be opened as an Excel (.xlsx) workbook.") from error
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError(
            f"The workbook unpacks to more than {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB. "
            "Save it again from Excel with only the sheet to import, or as CSV."
        )


@contextmanager
def _xlsx_sheet(path):
    from openpyxl import load_workbook

    _check_unpacked_size(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (*BROKEN_XLSX, ParseError) as error:
        raise SpreadsheetError("The file could not be opened as an Excel (.xlsx) workbook.") from error
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("The workbook has no sheets.")
        sheet = workbook.worksheets[0]

        def damaged():
            return SpreadsheetError(
                "The workbook is damaged and could not be read to the end. Save it again from Excel "
                "(or as CSV) and upload it again."
            )

        def values():
            try:
                yield from sheet.iter_rows(values_only=True)
            except (*BROKEN_XLSX, ParseError) as error:
                raise damaged() from error

        rows = values()
        try:
            headings = _check_columns(list(next(rows)))
        except StopIteration as error:
            raise SpreadsheetError("The first sheet of the workbook is empty.") from error
        yield Sheet(headings=headings, rows=_numbered(rows))
    finally:
        workbook.close()


@contextmanager
def open_sheet(path, name=None):
    """The rows of the CSV or XLSX file at ``path``; ``name`` (the uploaded file's name) picks the kind."""
    suffix = Path(name or str(path)).suffix.lower()
    if suffix in CSV_SUFFIXES:
        opener = _csv_sheet
    elif suffix in XLSX_SUFFIXES:
        opener = _xlsx_sheet
    else:
        raise SpreadsheetError("Choose a CSV (.csv) or Excel (.xlsx) file.")
    with opener(path) as sheet:
        yield sheet
