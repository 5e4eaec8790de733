"""Reading a CSV or XLSX file one row at a time, so memory does not grow with the file.

CSV goes through the csv module over a text stream; XLSX through openpyxl's read-only mode, which
parses the sheet XML as it goes instead of building every cell in memory."""

import codecs
import csv
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES


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
        if values and not _all_blank(values):
            yield number, values


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
            headings = next(reader)
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


@contextmanager
def _xlsx_sheet(path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError("The file could not be opened as an Excel (.xlsx) workbook.") from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            headings = list(next(rows))
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
