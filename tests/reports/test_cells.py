"""Formula injection: exported text is never a live formula (OWASP CSV injection)."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from jixiao.core.exchange import unquote
from jixiao.reports.cells import csv_text, keep_sheet_text, looks_like_formula


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ('=HYPERLINK("http://evil","点我")', True),
        ("+1+cmd|' /C calc'!A0", True),
        ("-2+3", True),
        ("@SUM(A1:A9)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("-5", False),
        ("+3.2%", False),
        ("-1,234.50", False),
        ("不少于300户次", False),
        ("≥98%", False),
        ("", False),
    ],
)
def test_formula_like_text_is_recognised(text: str, formula: bool) -> None:
    assert looks_like_formula(text) is formula
    assert csv_text(text) == ("'" + text if formula else text)
    assert unquote(csv_text(text)) == text  # the exchange import reads back what was typed


@pytest.mark.parametrize("typed", ["'-5", "'abc", "'", "''=1"])
def test_an_apostrophe_the_export_did_not_add_is_kept(typed: str) -> None:
    assert unquote(csv_text(typed)) == typed


def test_a_sheets_formula_like_text_is_stored_as_text() -> None:
    sheet = Workbook().active
    sheet.append(["=1+1", "@x", 5, "正常"])
    keep_sheet_text(sheet.iter_rows())
    assert [c.data_type for c in sheet[1]] == ["s", "s", "n", "s"]
    assert sheet["A1"].value == "=1+1"


def test_control_characters_are_left_out_of_a_sheet() -> None:
    from jixiao.reports.cells import printable

    assert printable("食品\x00抽检\x1b户次") == "食品抽检户次"
    assert printable(5) == 5
