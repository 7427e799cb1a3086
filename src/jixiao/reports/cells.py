"""Exported text stays text: no formula injection in spreadsheets or CSV, no unwritable text.

A name or reason typed as ``=HYPERLINK("http://…","点击")`` or ``@SUM(…)`` must not run when
a bureau opens the export in Excel or WPS (OWASP, "CSV Injection"). One rule for every writer:

- .xlsx: openpyxl stores any text starting with ``=`` as a formula; :func:`keep_text` stores
  it as a string instead, so the cell shows exactly what was typed (and reads back the same).
  The streamed writer (``xlsx_stream``) writes every text as an inline string already.
- .csv: a cell is only text, so a field that a spreadsheet would read as a formula (starting
  with ``= + - @``, a tab or a carriage return) gets a leading ``'`` (:func:`csv_text`). Plain
  signed numbers (``-5``, ``+3.2%``) are left as they are: they are values, not formulas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jixiao.core.exchange import looks_like_formula


def csv_text(value: Any) -> Any:
    """A CSV field that a spreadsheet shows as typed and never evaluates."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def printable(value: Any) -> Any:
    """Text without the control characters a worksheet cannot hold (openpyxl refuses them).

    A name typed with a stray control character (pasted from another system) must not make
    the whole export fail.
    """
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def keep_text(cell: Any) -> None:
    """Store an openpyxl cell that holds formula-like text as a string, not a formula."""
    if cell.data_type == "f":
        cell.data_type = "s"


def keep_sheet_text(rows: Iterable[Iterable[Any]]) -> None:
    """:func:`keep_text` on every cell of a sheet (``sheet.iter_rows()``)."""
    for row in rows:
        for cell in row:
            keep_text(cell)
