"""Table 二 (主动公开政府信息情况): blocks of 第二十条 items, each with its own header row.

Each block opens with its 第二十条第（X）项 line, then a header row (信息内容 | column …), then
one row per item. A row becomes ``{"block": …, "item": …, <column>: value}``, so the 2019 and
2021 formats (different columns, see :mod:`jixiao.core.disclosure`) read alike. Columns are
known by meaning (the table stage's ``DISCLOSURE_PROACTIVE``): a header printed with another
note, or wrapped, is named as the format names it; a bureau's own column keeps its header.
Text renderings that lost the row breaks (a cell a line, one line) reach here rebuilt as grid
rows; a grid row's values are read by position, so an empty cell is no value, not a shift.
Values are numbers: ``42 项`` → 42, ``增 1`` → 1, ``减 1`` → -1, ``13989.54 万元`` → 13989.54;
a unit printed with a value or in its header (``（单位：万元）``) goes to the row's ``units``
(``{column: unit}``). A value that is not a number is kept as printed, with a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from jixiao.core.disclosure import normalise_label
from jixiao.ingest.layouts.disclosure_report.sections import where
from jixiao.ingest.lines import Line
from jixiao.ingest.tables import BLOCK_MARK, DISCLOSURE_PROACTIVE, FIGURE_TEXT, TABLE_NUMBER

TABLE = "表二（主动公开政府信息情况）"
BLOCK = re.compile(normalise_label(BLOCK_MARK))
HEADER_UNIT = re.compile(r"（单位：([^）]+)）")


def read_proactive(lines: list[Line], warnings: list[str]) -> list[dict[str, Any]]:
    """Read every item row of table 二 under its block and header."""
    rows: list[dict[str, Any]] = []
    block: str | None = None
    headers: list[str] = []
    in_header = False
    for line in lines:
        cells = [normalise_label(c) for c in line.filled]
        if not cells:
            continue
        found = BLOCK.search(cells[0])
        if found:
            block, headers = found.group(0), _headers(cells[1:])
            in_header = bool(headers)
        elif cells[0].startswith("信息内容"):
            headers, in_header = [_named(c) for c in cells[1:]], True
        elif in_header and _continues(headers, cells):
            headers = [_named(h + m) for h, m in zip(headers, cells, strict=True)]
        elif block and headers and len(cells) > 1:
            rows.append(_row(block, headers, _values(line, cells), line, warnings))
            in_header = False
    return rows


def _named(header: str) -> str:
    """The column a printed header names (by the table stage's schema), else as printed."""
    column = DISCLOSURE_PROACTIVE.named(header)
    return header if column is None or column.name == "信息内容" else column.name


def _values(line: Line, filled: list[str]) -> list[str]:
    """A row's item and values: a rebuilt row's cells by position (an empty cell is '').

    The table stage gives one cell per column. Other rows give their filled cells in order:
    text does not print an empty cell, and real reports' grids put a value's cell apart from
    its header's (a header cell merged over two grid columns, the value in the second).
    """
    if line.table is None or line.table < TABLE_NUMBER:
        return filled
    cells = [normalise_label(c) for c in line.cells]
    first = next(n for n, c in enumerate(cells) if c)
    last = max(n for n, c in enumerate(cells) if c)  # cells merged over the rest are no values
    return cells[first : last + 1]


def _continues(headers: list[str], cells: list[str]) -> bool:
    """A header broken over lines (本年新 / 制作数量): one more word per column, no value."""
    return len(cells) == len(headers) and not any(_value(c)[0] is not None for c in cells)


def _headers(rest: list[str]) -> list[str]:
    """Headers printed on the block's own line (信息内容 right after the block name)."""
    if rest and rest[0].startswith("信息内容"):
        return [_named(c) for c in rest[1:]]
    return []


def _row(
    block: str, headers: list[str], cells: list[str], line: Line, warnings: list[str]
) -> dict[str, Any]:
    row: dict[str, Any] = {"block": block, "item": cells[0]}
    units: dict[str, str] = {}
    values = cells[1:]
    if len(values) > len(headers):
        warnings.append(f"{TABLE}{where(line)}“{cells[0]}”：数值多于表头，多出的未读入")
    for header, text in zip(headers, values, strict=False):
        if not text:
            continue  # an empty cell of a grid row: no value printed
        value, unit = _value(text)
        if value is None:
            warnings.append(f"{TABLE}{where(line)}“{cells[0]} · {header}”：“{text}”不是数字")
        row[header] = text if value is None else value
        unit = unit or _header_unit(header)
        if unit:
            units[header] = unit
    if units:
        row["units"] = units
    return row


def _value(text: str) -> tuple[Decimal | None, str | None]:
    """Read ``42项`` / ``增1`` / ``减1`` / ``13989.54万元`` into a number and its unit."""
    match = FIGURE_TEXT.match(text)
    if not match:
        return None, None
    sign, number, unit = match.groups()
    value = Decimal(number)
    if sign in ("减", "-"):
        value = -value
    return value, unit or None


def _header_unit(header: str) -> str | None:
    match = HEADER_UNIT.search(header)
    return match.group(1) if match else None
