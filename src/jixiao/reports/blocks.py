"""The abstract report: a list of blocks every format renders the same way.

A layout (``layouts/<kind>.py``) turns a Document into blocks ONCE; ``xlsx.py``, ``docx.py`` and
``pdf.py`` only draw them. So the column order, headings and printed numbers of a bureau's
table are decided in one place and the three files of one document always agree.

Tables are full grids: ``rows[r][c]`` is the text of grid cell (r, c); a merged range keeps its
text in its top-left cell and ``""`` in the cells it covers — the shape the readers of
:mod:`jixiao.ingest` give back, which is what makes an export read back as it was written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import IO

#: Where a writer puts its file: a path, or a binary stream (e.g. a web response's body, so
#: an export needs no temporary file).
Output = str | os.PathLike[str] | IO[bytes]


def sink(out: Output) -> str | IO[bytes]:
    """What the writing libraries take: a path as a string, a stream as it is."""
    return os.fspath(out) if isinstance(out, str | os.PathLike) else out


@dataclass
class Heading:
    """A title (level 0) or a section heading (1, 2 …)."""

    text: str
    level: int = 1


@dataclass
class Paragraph:
    """A paragraph of prose, printed as one line of the reading model."""

    text: str
    align: str = "left"


@dataclass(frozen=True)
class Merge:
    """A merged range of grid cells, inclusive on both ends."""

    top: int
    left: int
    bottom: int
    right: int


@dataclass
class Table:
    """A grid table with merged cells; the first ``header_rows`` repeat on every page.

    ``widths`` are relative column widths (they decide the printed wrapping, not the data).
    ``title`` names the sheet part for readers of the workbook and the PDF bookmarks.
    """

    rows: list[list[str]]
    header_rows: int = 1
    merges: list[Merge] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    parts: list[tuple[int, int]] = field(default_factory=list)

    def split(self) -> list[Table]:
        """The table cut into its parts (blocks with their own header rows).

        ``parts`` lists ``(first row, header rows)`` of each block of one big form (a
        self-evaluation's tasks, funds, indicators). Word and Excel keep the form as one
        table; the PDF prints one table per part so that a block's header repeats on every
        page it runs over and a reader finds the same columns on each page.
        """
        if not self.parts:
            return [self.compact()]
        bounds = [*self.parts, (len(self.rows), 0)]
        tables = []
        for (start, header), (end, _) in pairwise(bounds):
            merges = [
                Merge(m.top - start, m.left, m.bottom - start, m.right)
                for m in self.merges
                if start <= m.top < end
            ]
            part = Table(self.rows[start:end], header, merges, self.column_widths())
            tables.append(part.compact())
        return tables

    def compact(self) -> Table:
        """The same table without grid columns that no row starts a cell in.

        A block whose rows all merge columns 1–2 prints them as one column. A PDF reader
        finds a table's columns from its drawn lines, page by page; with no line that only
        some pages draw, every page of the block reads with the same columns.
        """
        kept = sorted(set(range(self.width)) - self._covered_columns())
        index = {c: i for i, c in enumerate(kept)}
        widths = self.column_widths()
        new_widths = [sum(widths[c : [*kept, self.width][i + 1]]) for i, c in enumerate(kept)]
        merges = []
        for m in self.merges:
            left = index[m.left]
            right = max(i for c, i in index.items() if c <= m.right)
            if (left, m.top) != (right, m.bottom):
                merges.append(Merge(m.top, left, m.bottom, right))
        rows = [[row[c] if c < len(row) else "" for c in kept] for row in self.rows]
        return Table(rows, self.header_rows, merges, new_widths)

    def _covered_columns(self) -> set[int]:
        """Columns that are inside a horizontal merge (not its first column) in every row."""
        covered_by_row: list[set[int]] = [set() for _ in self.rows]
        for m in self.merges:
            for r in range(m.top, m.bottom + 1):
                covered_by_row[r].update(range(m.left + 1, m.right + 1))
        return set.intersection(*covered_by_row) if covered_by_row else set()

    @property
    def width(self) -> int:
        """The number of grid columns."""
        return max((len(row) for row in self.rows), default=0)

    def column_widths(self) -> list[float]:
        """Relative widths, one per column (equal when the layout gave none)."""
        if len(self.widths) == self.width:
            return self.widths
        return [1.0] * self.width


@dataclass
class Chart:
    """A bar chart of one or two series (e.g. 分值 and 得分 per 一级指标)."""

    title: str
    labels: list[str]
    series: dict[str, list[Decimal]]
    unit: str = ""


@dataclass
class PageBreak:
    """Start a new page (an attachment of a report)."""


Block = Heading | Paragraph | Table | Chart | PageBreak


@dataclass
class Report:
    """A rendered-to-be document: its title (file metadata, sheet name) and blocks."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = True


class GridBuilder:
    """Build a table row by row, placing merged cells by (column, span) without index sums."""

    def __init__(self, width: int, widths: list[float] | None = None) -> None:
        """Start an empty grid of ``width`` columns."""
        self.width = width
        self.table = Table(rows=[], header_rows=0, widths=list(widths or []))

    def row(self, *cells: tuple[int, int, str]) -> int:
        """Add a row of ``(column, span, text)`` cells; return the row's index."""
        index = len(self.table.rows)
        grid = [""] * self.width
        for column, span, text in cells:
            grid[column] = text
            if span > 1:
                self.table.merges.append(Merge(index, column, index, column + span - 1))
        self.table.rows.append(grid)
        return index

    def part(self, header_rows: int) -> None:
        """Start a new block of the form here, whose first ``header_rows`` rows are its header."""
        self.table.parts.append((len(self.table.rows), header_rows))

    def merge_down(self, top: int, bottom: int, left: int, right: int | None = None) -> None:
        """Merge a column range vertically over rows ``top..bottom`` (no-op for one row)."""
        right = left if right is None else right
        if bottom <= top:
            return
        self.table.merges = [
            m
            for m in self.table.merges
            if not (top <= m.top <= bottom and m.left == left and m.right == right)
        ]
        self.table.merges.append(Merge(top, left, bottom, right))
