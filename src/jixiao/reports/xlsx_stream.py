"""Render Reports into a streaming (write-only) workbook: big exports in seconds.

:mod:`jixiao.reports.xlsx` builds a whole workbook in memory, which is right for one
document. A province-wide export writes a hundred and more sheets; there openpyxl's in-memory
cells, its per-cell style look-ups and its merged-range bookkeeping cost more than the
figures themselves. This writer produces the same sheets (same cells, merges, number
formats, frozen header, print titles, A4 fitted to width, sizes, page numbers) through openpyxl's
write-only mode: every row goes to disk as it is written, and each (style, number format)
pair is looked up once per workbook and then shared by every cell that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.reports.blocks import Heading, Paragraph, Report, Table
from jixiao.reports.sheet_sizes import (
    column_widths,
    is_wide,
    pages_wide,
    table_heights,
    text_height,
)
from jixiao.reports.xlsx import TEXT_SIZES, add_styles, cell_value, text_style, title_rows

Cell = tuple[Any, str, str | None]  # value, named style, number format


class StyleCache:
    """One style array per (named style, number format), shared by all cells of a workbook.

    openpyxl resolves a named style and a number format into a small ``StyleArray`` each
    time a cell is styled; doing that once per pair instead of once per cell is most of
    the speed of this module. Cells never change their style after being written, so
    sharing the array is safe.
    """

    def __init__(self) -> None:
        """Start with no resolved styles."""
        self.ids: dict[tuple[str, str | None], str] = {}

    def style_id(self, sheet: Any, style: str, fmt: str | None) -> str:
        """The workbook's style index of (``style``, ``fmt``), resolved on first use."""
        found = self.ids.get((style, fmt))
        if found is None:
            from openpyxl.cell import WriteOnlyCell

            probe = WriteOnlyCell(sheet)
            probe.style = style
            if fmt:
                probe.number_format = fmt
            found = self.ids[(style, fmt)] = str(probe.style_id)
        return found


class RowWriter:
    """Writes a planned row as one XML element into the sheet's stream.

    It stands in for openpyxl's own ``write_row``, which builds a Cell object per value and
    writes it through nested element contexts; here a row is a handful of lxml SubElement
    calls. The XML is the same: ``<c r s t="inlineStr"><is><t>`` for text, ``t="n"`` with
    ``<v>`` for numbers, styled empty cells for the covered parts of merged ranges.
    """

    def __init__(self, sheet: Any, styles: StyleCache, heights: list[float]) -> None:
        """Write rows of ``sheet`` with the workbook's ``styles``, row ``n`` ``heights[n-1]`` high."""
        self.sheet = sheet
        self.styles = styles
        self.heights = heights
        self.letters: list[str] = []

    def __call__(self, xf: Any, cells: list[Cell], number: int) -> None:
        """Write row ``number`` (the signature of ``WorksheetWriter.write_row``)."""
        from openpyxl.xml.functions import Element, SubElement

        attrs = {"r": str(number)}
        if number <= len(self.heights):
            attrs.update(ht=str(self.heights[number - 1]), customHeight="1")
        row = Element("row", attrs)
        for letter, (value, style, fmt) in zip(self._letters(len(cells)), cells, strict=False):
            cell = SubElement(row, "c", r=f"{letter}{number}")
            cell.set("s", self.styles.style_id(self.sheet, style, fmt))
            if isinstance(value, str):
                cell.set("t", "inlineStr")
                _text(SubElement(SubElement(cell, "is"), "t"), value)
            elif value is not None:
                cell.set("t", "n")
                SubElement(cell, "v").text = repr(value)
        xf.write(row)

    def _letters(self, count: int) -> list[str]:
        while len(self.letters) < count:
            self.letters.append(_letter(len(self.letters) + 1))
        return self.letters


def _text(element: Any, value: str) -> None:
    """Set a cell's text, as Excel reads it: no control characters, spaces kept."""
    from openpyxl.xml.functions import XML_NS

    from jixiao.reports.cells import printable

    element.text = printable(value)
    if value != value.strip():
        element.set(f"{{{XML_NS}}}space", "preserve")


def new_workbook() -> Any:
    """A write-only workbook with the report styles of :mod:`jixiao.reports.xlsx`."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    add_styles(book)
    return book


@dataclass
class SheetPlan:
    """Everything about one sheet that must be known before its first row is streamed."""

    rows: list[list[Cell]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    freeze: int | None = None
    titles: str | None = None
    width: int = 1
    widths: list[float] = field(default_factory=list)
    tables: int = 0
    landscape: bool = True


def plan_sheet(report: Report) -> SheetPlan:
    """Lay out ``report``'s headings, paragraphs and tables as rows (charts are left out)."""
    tables = [b for b in report.blocks if isinstance(b, Table)]
    plan = SheetPlan(width=max((t.width for t in tables), default=1), tables=len(tables))
    plan.widths = column_widths(tables, plan.width)
    plan.landscape = report.landscape or is_wide(plan.widths)
    for block in report.blocks:
        if isinstance(block, Heading | Paragraph):
            _plan_text(plan, block)
        elif isinstance(block, Table):
            _plan_table(plan, block)
    return plan


def _plan_text(plan: SheetPlan, block: Heading | Paragraph) -> None:
    style = text_style(block)
    plan.rows.append([(block.text, style, None)])
    if plan.width > 1:
        row = len(plan.rows)
        plan.merges.append(f"A{row}:{_letter(plan.width)}{row}")
    plan.heights.append(text_height(block.text, sum(plan.widths), TEXT_SIZES[style]))


def _plan_table(plan: SheetPlan, table: Table) -> None:
    top = len(plan.rows) + 1
    plan.heights += table_heights(table, plan.widths)
    for r, texts in enumerate(table.rows):
        header = r < table.header_rows
        plan.rows.append([_cell(text, header) for text in texts])
    for m in table.merges:
        plan.merges.append(
            f"{_letter(m.left + 1)}{top + m.top}:{_letter(m.right + 1)}{top + m.bottom}"
        )
    if plan.freeze is None:
        _plan_freeze(plan, table, top)
    plan.rows.append([])
    plan.heights.append(15)


def _plan_freeze(plan: SheetPlan, table: Table, top: int) -> None:
    """Freeze below the first table's header; repeat that header (or the last block's)."""
    plan.titles = title_rows(table, top, plan.tables) or None
    plan.freeze = top + (table.header_rows or 0)


def _cell(text: str, header: bool) -> Cell:
    if header:
        return (text or None, "jx_head", None)
    value, fmt = cell_value(text)
    return (value if value != "" else None, "jx_cell", fmt)


def write_plan(book: Any, title: str, plan: SheetPlan, styles: StyleCache) -> Any:
    """Stream ``plan`` into a new sheet ``title`` of ``book``; return the sheet."""
    sheet = book.create_sheet(title)
    fill_sheet(sheet, plan, styles)
    return sheet


def fill_sheet(sheet: Any, plan: SheetPlan, styles: StyleCache) -> None:
    """Stream ``plan`` into an empty write-only ``sheet`` (sizes and panes first, then rows)."""
    from openpyxl.worksheet.cell_range import MultiCellRange

    for c, width in enumerate(plan.widths, start=1):
        sheet.column_dimensions[_letter(c)].width = round(width, 1)
    if plan.freeze:
        sheet.freeze_panes = f"A{plan.freeze}"
    if plan.titles:
        sheet.print_title_rows = plan.titles
    print_setup(sheet, landscape=plan.landscape, across=pages_wide(plan.widths))
    # Rows go to RowWriter as planned (value, style, format) triples, past openpyxl's
    # per-value Cell objects; both hooks are the write-only sheet's own row path.
    sheet._values_to_row = _planned
    sheet._get_writer()
    sheet._writer.write_row = RowWriter(sheet, styles, plan.heights)
    for row in plan.rows:
        sheet.append(row)
    # One constructor call: adding range by range tests each against all the others.
    sheet.merged_cells = MultiCellRange(" ".join(plan.merges))


def _planned(cells: list[Cell], number: int) -> list[Cell]:
    return cells


def print_setup(sheet: Any, landscape: bool, across: int = 1) -> None:
    """A4, fitted to ``across`` pages' width, page numbers in the footer (as bureaus print)."""
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack the constant)
    setup.fitToWidth, setup.fitToHeight = across, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.print_options.horizontalCentered = True


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
