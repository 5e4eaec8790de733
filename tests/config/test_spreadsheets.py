"""Formula cells in every CSV download are written as text (config/spreadsheets.py)."""

import pytest

from config.spreadsheets import text_cell, text_row


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+1", "@A1", "\t=1", "\r=1"])
def test_a_formula_is_kept_as_text(value):
    assert text_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Northmere Primary", "a=b", "", 12, -3, 4.5, None])
def test_anything_else_is_left_alone(value):
    assert text_cell(value) == value


def test_a_dashboard_row_with_a_school_named_like_a_formula():
    assert text_row(["settings", "=cmd|' /C calc'!A0", 3]) == ["settings", "'=cmd|' /C calc'!A0", 3]
