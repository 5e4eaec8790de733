"""Turning one spreadsheet cell into a Python value, or a reason a person can act on.

Cells come from the csv module (always text) or from openpyxl (text, numbers, dates and datetimes).
A blank cell is ``None``: in an import, blank means "nothing to record", never "erase"."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from . import columns


class CellError(ValueError):
    """A cell that cannot be used; the message names the column and says what is wrong."""


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
EARLIEST_YEAR = 1990


def is_blank(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw):
    """Numbers typed into a spreadsheet arrive as floats: 100234.0 is the text '100234'."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def parse_date(raw, column, today):
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = as_text(raw)
        match = _ISO.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
        else:
            match = _DAY_FIRST.match(text)
            if not match:
                raise CellError(
                    f"{column.name} '{text}' is not a date: "
                    "use YYYY-MM-DD (2026-03-31) or DD/MM/YYYY (31/03/2026)"
                )
            day, month, year = (int(part) for part in match.groups())
        try:
            value = date(year, month, day)
        except ValueError as error:
            raise CellError(f"{column.name} '{text}' is not a real date ({error})") from error
    if value.year < EARLIEST_YEAR:
        raise CellError(f"{column.name} {value:%Y-%m-%d} is before {EARLIEST_YEAR}: check the year")
    if not column.may_be_future and value > today:
        raise CellError(f"{column.name} {value:%Y-%m-%d} is in the future: it must be a date that has passed")
    return value


def parse_choice(raw, column):
    text = as_text(raw)
    value = column.choices.get(text.lower())
    if value is None:
        allowed = ", ".join(sorted(set(column.choices.values())))
        raise CellError(f"{column.name} '{text}' is not one of: {allowed}")
    return value


def parse_text(raw, column):
    text = as_text(raw)
    if column.max_length and len(text) > column.max_length:
        raise CellError(
            f"{column.name} is {len(text)} characters long; the most allowed is {column.max_length}"
        )
    return text


def parse_email(raw, column):
    text = parse_text(raw, column).lower()
    try:
        validate_email(text)
    except ValidationError as error:
        raise CellError(f"{column.name} '{text}' is not an email address") from error
    return text


def parse_year(raw, column):
    text = as_text(raw)
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise CellError(f"{column.name} '{text}' is not a year like 2027")
    return int(text)


PARSERS = {
    columns.TEXT: lambda raw, column, today: parse_text(raw, column),
    columns.DATE: parse_date,
    columns.CHOICE: lambda raw, column, today: parse_choice(raw, column),
    columns.EMAIL: lambda raw, column, today: parse_email(raw, column),
    columns.YEAR: lambda raw, column, today: parse_year(raw, column),
}


def parse(raw, column, today):
    """The cell's value, ``None`` when blank; raises CellError."""
    if is_blank(raw):
        return None
    return PARSERS[column.kind](raw, column, today)
