"""The indicator table as a stream of cells, the same for PDF text and real tables.

In PDF-extracted ``.txt`` each table cell starts on a line of its own after a tab, and a cell's
text broken over lines continues on the following lines *without* a leading tab (often after
blank lines: ``⇥信用监督`` ``""`` ``管理处``). Empty cells are dropped, so columns shift. In a
.docx, .xlsx or .pdf the same table comes as rows of cells. Both become one flat list of
:class:`Cell` in reading order; the layout then groups cells by what they say (a goal
``一、…``, a numbered indicator ``1.1 …``, names, departments), not by column position, which
is what makes the two forms give the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.core.documents import Source
from jixiao.ingest.cells import PAGE_FOOTER
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.tables import INDICATOR_SYSTEM

# The role each of the table stage's columns plays here; the header words are the stage's.
ROLES = {
    "序号": "serial",
    "一级指标": "goal",
    "年度工作目标": "indicator",
    "目标制定依据": "basis",
    "责任处室": "departments",
    "责任人": "owners",
    "分值": "weight",
}


@dataclass
class Cell:
    """One table cell (or free paragraph): its text fragments as printed and where it starts."""

    parts: list[str] = field(default_factory=list)
    source: Source | None = None
    in_table: bool = True
    role: str | None = None

    @property
    def text(self) -> str:
        """The cell's text with line breaks inside words and sentences closed up."""
        return join_wrapped(self.parts)

    @property
    def fragments(self) -> list[str]:
        """The non-empty printed lines of the cell (each line of each part), stripped."""
        return [f.strip() for part in self.parts for f in part.split("\n") if f.strip()]


def join_wrapped(parts: list[str]) -> str:
    """Join text broken over lines: Chinese needs no space, so lines are simply closed up.

    Spaces inside a line are kept but runs of them shrink to one; full-width spaces become
    plain ones.
    """
    lines = [p.strip() for part in parts for p in part.split("\n")]
    return re.sub(r"[ \u3000\xa0]+", " ", "".join(line for line in lines if line)).strip()


def read_cells(lines: Lines) -> list[Cell]:
    """The document's cells in reading order (see the module docstring)."""
    if any(line.table is not None for line in lines.lines):
        return _table_cells(lines.lines)
    return _text_cells(lines.lines)


def _table_cells(lines: list[Line]) -> list[Cell]:
    """Rows of real tables: every non-empty cell, and every paragraph, is one Cell.

    Under a header row (一级指标 / 年度工作目标 / 目标制定依据 / 责任处室 / 责任人 …) each cell
    also gets the role of its column; header rows repeated on later pages are dropped.
    """
    cells: list[Cell] = []
    roles: dict[int, str] = {}
    width = 0
    for line in lines:
        header = header_roles(line.cells) if line.table is not None else {}
        if len(header) >= 3:
            roles, width = header, len(line.cells)
            continue
        # a table continued on the next page has the same columns and no header of its own
        known = line.table is not None and len(line.cells) == width
        for column, text in enumerate(line.cells):
            if text and text.strip():
                cell = Cell(parts=[text], source=line.source, in_table=line.table is not None)
                cell.role = roles.get(column) if known else None
                cells.append(cell)
    return cells


def header_roles(cells: list[str]) -> dict[int, str]:
    """The role of each column named by a header row (empty unless it is one)."""
    roles = {}
    for column, text in enumerate(cells):
        named = INDICATOR_SYSTEM.named(text)
        if named is not None:
            roles[column] = ROLES[named.name]
    return roles


PAGE_NUMBER = re.compile(rf"^\s*(?:{PAGE_FOOTER}|\d+\s*/\s*\d+)\s*$")


def _is_page_noise(text: str, head: set[str], *, in_table: bool) -> bool:
    """A page number, or the title block printed again at the top of a later page."""
    if not in_table or not text.strip():
        return False
    return bool(PAGE_NUMBER.match(text)) or re.sub(r"\s+", "", text) in head


def _text_cells(lines: list[Line]) -> list[Cell]:
    """PDF text: a tab opens a cell; a line without one continues the open cell.

    A line with tabs that does not start with one is a whole row: its first text is a cell.
    Lines before the first tab (the title block) are cells of their own, and are skipped when
    printed again at the top of a later page, as are page numbers.
    """
    cells: list[Cell] = []
    in_table = False
    head: set[str] = set()
    for line in lines:
        first, *rest = line.cells
        if _is_page_noise(first, head, in_table=in_table):
            first = ""
        if first.strip() and not in_table and not rest:
            head.add(re.sub(r"\s+", "", first))
        if first.strip() and in_table and not rest:
            cells[-1].parts.append(first)
        elif first.strip():
            cells.append(Cell(parts=[first], source=line.source, in_table=bool(rest)))
        for text in rest:
            cells.append(Cell(parts=[text] if text.strip() else [], source=line.source))
            in_table = True
    return [cell for cell in cells if cell.fragments]
