"""Render a Report as an Excel workbook (.xlsx): one sheet per report.

What a bureau expects of its Excel table: merged header cells, numbers stored as numbers with
their format (``#,##0.00`` money, ``0.00%`` rates), the header frozen and repeated on every
printed page, A4 fitted to the page width (landscape when the table is wide), columns as wide
and rows as tall as their text needs (:mod:`.sheet_sizes`). Headings and paragraphs are rows
merged across the table's width; charts are images placed below the tables.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from jixiao.reports.blocks import (
    Chart,
    Heading,
    Output,
    PageBreak,
    Paragraph,
    Report,
    Table,
    sink,
)
from jixiao.reports.cells import keep_text, printable
from jixiao.reports.charts import chart_png
from jixiao.reports.sheet_sizes import (
    column_widths,
    is_wide,
    pages_wide,
    table_heights,
    text_height,
)

NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.(\d+))?(%?)$")
#: Font sizes of the text rows (points), as ``add_styles`` sets them.
TEXT_SIZES = {"jx_title": 16.0, "jx_heading": 11.0, "jx_text": 10.0}
FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def write_xlsx(reports: list[Report], out: Output) -> None:
    """Write the reports to ``out`` (a path or a binary stream), each on its own sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    add_styles(book)
    used: set[str] = set()
    for report in reports:
        for part in sheets_of(report):
            sheet = book.create_sheet(sheet_name(part.title, used))
            SheetWriter(sheet, part).write()
    book.save(sink(out))


def sheets_of(report: Report) -> list[Report]:
    """A report cut at its page breaks: each attachment of a report gets its own sheet.

    A sheet is one table for a reader of the workbook, so two attachments on one sheet would
    read as one table; a sheet after the first is named by its first line (``附件 1``).
    """
    parts: list[Report] = [Report(report.title, [], report.landscape)]
    for block in report.blocks:
        if isinstance(block, PageBreak):
            parts.append(Report("", [], report.landscape))
        else:
            parts[-1].blocks.append(block)
    for part in parts[1:]:
        first = next((b for b in part.blocks if isinstance(b, Heading | Paragraph)), None)
        part.title = first.text if first else report.title
    return [part for part in parts if part.blocks]


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of the forbidden ones)."""
    base = FORBIDDEN.sub("", title).strip()[:28] or "Sheet"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:26]}-{n}"
    used.add(name)
    return name


def cell_value(text: str) -> tuple[Any, str | None]:
    """The value to store for a printed text, and its number format (None: keep text)."""
    match = NUMBER.match(text.strip())
    if not match:
        return text, None
    places, pct = len(match.group(1) or ""), match.group(2)
    number = Decimal(text.strip().rstrip("%").replace(",", ""))
    decimals = "." + "0" * places if places else ""
    if pct:
        return float(number / 100), f"0{decimals}%"
    if "," in text:
        return float(number), f"#,##0{decimals}"
    return (int(number) if not places else float(number)), f"0{decimals}"


class SheetWriter:
    """Writes one report's blocks down a sheet, keeping the current row."""

    def __init__(self, sheet: Any, report: Report) -> None:
        """Prepare to write ``report`` on ``sheet``."""
        self.sheet = sheet
        self.report = report
        self.row = 1
        self.tables = [b for b in report.blocks if isinstance(b, Table)]
        self.width = max((t.width for t in self.tables), default=1)
        self.widths = column_widths(self.tables, self.width)
        self.frozen = False

    def write(self) -> None:
        """Write every block, then the column widths and the print setup."""
        for block in self.report.blocks:
            if isinstance(block, Heading | Paragraph):
                self._text(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Chart):
                self._chart(block)
        self._columns()
        self._print_setup()

    def _text(self, block: Heading | Paragraph) -> None:
        cell = self.sheet.cell(row=self.row, column=1, value=printable(block.text))
        keep_text(cell)
        cell.style = text_style(block)
        if self.width > 1:
            self._merge(self.row, 1, self.row, self.width)
        height = text_height(block.text, sum(self.widths), TEXT_SIZES[cell.style])
        self.sheet.row_dimensions[self.row].height = height
        self.row += 1

    def _table(self, table: Table) -> None:
        top = self.row
        heights = table_heights(table, self.widths)
        for r, cells in enumerate(table.rows):
            header = r < table.header_rows
            for c, text in enumerate(cells):
                self._cell(top + r, c + 1, text, header)
            self.sheet.row_dimensions[top + r].height = heights[r]
        for m in table.merges:
            self._merge(top + m.top, m.left + 1, top + m.bottom, m.right + 1)
        if not self.frozen:
            self._freeze(table, top)
        self.row = top + len(table.rows) + 1

    def _freeze(self, table: Table, top: int) -> None:
        """Freeze the table's header and repeat it on printed pages.

        A form made of blocks (``parts``) has no header at its top: the header repeated on
        printed pages is then its last block's (the indicator block's column header), and
        the panes freeze below the title. A sheet of several tables repeats none: the first
        table's header over the others' pages would mislabel them.
        """
        titles = title_rows(table, top, len(self.tables))
        if titles:
            self.sheet.print_title_rows = titles
        self.sheet.freeze_panes = self.sheet.cell(row=top + (table.header_rows or 0), column=1)
        self.frozen = True

    def _merge(self, top: int, left: int, bottom: int, right: int) -> None:
        """Record a merged range without openpyxl's per-cell rewrite (slow on big exports).

        The covered cells are already empty and bordered, which is all a merged range needs;
        Excel, WPS and openpyxl itself read the range from the sheet's mergeCells list.
        """
        from openpyxl.worksheet.merge import MergedCellRange

        self.sheet.merged_cells.add(
            MergedCellRange(self.sheet, f"{_letter(left)}{top}:{_letter(right)}{bottom}")
        )

    def _cell(self, row: int, column: int, text: str, header: bool) -> None:
        value, fmt = (text, None) if header else cell_value(text)
        cell = self.sheet.cell(
            row=row, column=column, value=None if value == "" else printable(value)
        )
        keep_text(cell)
        cell.style = "jx_head" if header else "jx_cell"
        if fmt:
            cell.number_format = fmt

    def _chart(self, chart: Chart) -> None:
        from openpyxl.drawing.image import Image

        image = Image(io.BytesIO(chart_png(chart)))
        image.width, image.height = 700, 350
        self.sheet.add_image(image, f"A{self.row + 1}")
        self.row += 20

    def _columns(self) -> None:
        from openpyxl.utils import get_column_letter

        for c, width in enumerate(self.widths, start=1):
            self.sheet.column_dimensions[get_column_letter(c)].width = round(width, 1)

    def _print_setup(self) -> None:
        setup = self.sheet.page_setup
        wide = self.report.landscape or is_wide(self.widths)
        setup.orientation = "landscape" if wide else "portrait"
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = pages_wide(self.widths), 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
        self.sheet.print_options.horizontalCentered = True


def text_style(block: Heading | Paragraph) -> str:
    """The named style of a heading or paragraph row."""
    if isinstance(block, Heading):
        return "jx_title" if block.level == 0 else "jx_heading"
    return "jx_text"


def title_rows(table: Table, top: int, tables: int) -> str:
    """The rows repeated atop each printed page (``"5:6"``), or "" when none should be.

    Only a sheet of one table repeats its header; a form of blocks repeats its last
    block's header (the indicator block, the longest).
    """
    start, count = 0, table.header_rows
    if not count and table.parts:
        start, count = max(table.parts, key=lambda part: (part[1] > 0, part[0]))
    if not count or tables > 1:
        return ""
    return f"{top + start}:{top + start + count - 1}"


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def add_styles(book: Any) -> None:
    """Register the report's cell styles once per workbook (named styles are fast to assign)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    for name, font, alignment, edge in (
        ("jx_title", Font(name="宋体", size=16, bold=True), centre, Border()),
        ("jx_heading", Font(name="宋体", size=11, bold=True), wrap, Border()),
        ("jx_text", Font(name="宋体", size=10), wrap, Border()),
        ("jx_head", Font(name="宋体", size=10, bold=True), centre, border),
        ("jx_cell", Font(name="宋体", size=10), wrap, border),
    ):
        book.add_named_style(NamedStyle(name=name, font=font, alignment=alignment, border=edge))
