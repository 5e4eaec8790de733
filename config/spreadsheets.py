"""Spreadsheet downloads that cannot run a formula (CSV injection).

A cell that starts with ``= + - @`` (or a tab or carriage return, which some programs skip before
reading one of those) is a formula to Excel and LibreOffice: ``=HYPERLINK(...)`` typed into page
feedback would run on the computer of whoever opens the yearly report. Such a cell is written with a
leading apostrophe, which spreadsheet programs show as plain text (OWASP's advice). Wagtail already
turns formulas into text in its XLSX downloads; its CSV ones go through ``SafeExportIndexView``."""

from django.utils.encoding import force_str
from wagtail.admin.views.generic.models import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value):
    """``value`` as a CSV cell that a spreadsheet program shows as text, never runs."""
    if not isinstance(value, str):
        return value
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def text_row(row):
    return [text_cell(value) for value in row]


class SafeExportIndexView(IndexView):
    """A ModelViewSet listing whose CSV download neutralises formula cells (Wagtail's documented
    ``custom_value_preprocess`` hook)."""

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: lambda value: text_cell(force_str(value))},
    }
