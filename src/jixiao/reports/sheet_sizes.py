"""How wide each column and how tall each row of a printed sheet must be to show its text.

A sheet printed from WPS or Excel shows a cell's text only inside the cell: a label longer
than its column wraps, and a row not tall enough for the wrapped lines cuts them off (#18:
"1.属于国家秘密" cut in table 三). So the columns are sized from their content (Chinese
characters count double, headers wrap at a few characters, long texts at ``BODY_CAP``), each
row is as tall as its most wrapped cell (a merged cell's text spread over the rows it spans),
and a sheet wider than a portrait A4 page prints landscape. Both xlsx writers use these sizes.

Units are Excel's: a column width counts the digit "0" of the default font, a row height is in
points. The constants fit 宋体 10 pt, the cells' font.
"""

from __future__ import annotations

import math
import re

from jixiao.reports.blocks import Table

WIDE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
MIN_WIDTH = 6.0
BODY_CAP = 30.0  # 15 Chinese characters, then the text wraps
HEADER_CAP = 8.0  # header cells wrap at 4 Chinese characters a line
PADDING = 1.5
LINE = 14.0  # points per line of 10 pt text
MAX_HEIGHT = 409.0  # Excel's largest row height
PORTRAIT_WIDTH = 90.0  # what fits across an A4 portrait page at 100 %
LANDSCAPE_WIDTH = 135.0  # and across a landscape one
SMALLEST_SCALE = 0.5  # fitting to the width shrinks no further; wider sheets span pages


def text_width(text: str) -> float:
    """The width of one line of ``text`` in column units (a Chinese character is two)."""
    return sum(2.0 if WIDE.match(ch) else 1.0 for ch in text)


def lines_in(text: str, width: float, scale: float = 1.0) -> int:
    """The lines ``text`` wraps into in a cell ``width`` units wide (``scale``: font size / 10)."""
    room = max(width - PADDING, 1.0)
    return sum(
        max(1, math.ceil(text_width(part) * scale / room)) for part in (text or "").split("\n")
    )


def column_widths(tables: list[Table], count: int) -> list[float]:
    """Column widths that show the longest single-column text of each column (capped).

    A sheet of text alone (a report's narrative) gets one column as wide as a portrait page.
    """
    if not tables:
        return [PORTRAIT_WIDTH - 2] * count
    widths = [MIN_WIDTH] * count
    for table in tables:
        spanned = _spanned(table)
        for r, row in enumerate(table.rows):
            cap = HEADER_CAP if r < table.header_rows else BODY_CAP
            for c, text in enumerate(row[:count]):
                if (r, c) in spanned or not text:
                    continue
                longest = max(text_width(part) for part in text.split("\n"))
                widths[c] = max(widths[c], min(longest, cap) + PADDING)
    return widths


def _spanned(table: Table) -> set[tuple[int, int]]:
    """Cells inside a merge that spans more than one column (they don't size a column)."""
    return {
        (r, c)
        for m in table.merges
        if m.right > m.left
        for r in range(m.top, m.bottom + 1)
        for c in range(m.left, m.right + 1)
    }


def table_heights(table: Table, widths: list[float]) -> list[float]:
    """Each row's height so that every cell's wrapped text fits (merged cells included)."""
    lines = [1] * len(table.rows)
    origins = {(m.top, m.left): m for m in table.merges}
    covered = {
        (r, c)
        for m in table.merges
        for r in range(m.top, m.bottom + 1)
        for c in range(m.left, m.right + 1)
        if (r, c) != (m.top, m.left)
    }
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            if (r, c) in covered or not text:
                continue
            merge = origins.get((r, c))
            bottom, right = (merge.bottom, merge.right) if merge else (r, c)
            needed = lines_in(text, sum(widths[c : right + 1]))
            share = math.ceil(needed / (bottom - r + 1))
            for spanned in range(r, bottom + 1):
                lines[spanned] = max(lines[spanned], share)
    return [min(LINE * n + 5, MAX_HEIGHT) for n in lines]


def text_height(text: str, width: float, size: float = 10.0) -> float:
    """The height of a heading or paragraph row merged across ``width`` units."""
    scale = size / 10.0
    return min(LINE * scale * lines_in(text, width, scale) + 6, MAX_HEIGHT)


def is_wide(widths: list[float]) -> bool:
    """True when the columns do not fit across an A4 portrait page: print landscape."""
    return sum(widths) > PORTRAIT_WIDTH


def pages_wide(widths: list[float]) -> int:
    """How many landscape pages across the sheet prints on ("fit to N pages wide").

    One, shrunk to fit, unless that would shrink it below ``SMALLEST_SCALE``: a 47-column
    attachment on one page would print at 3 pt.
    """
    return max(1, math.ceil(sum(widths) * SMALLEST_SCALE / LANDSCAPE_WIDTH))
