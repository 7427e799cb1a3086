"""Render a Report as a Word document (.docx) that opens unchanged in WPS and Word.

Tables are real Word tables (merged cells through ``gridSpan``/``vMerge``, header rows marked
``tblHeader`` so they repeat on every page); headings use Word's heading styles; the East-Asian
font is named explicitly (``w:eastAsia``: 仿宋 for text, 黑体 for headings) because WPS falls
back to a Latin font otherwise. Page numbers are a PAGE field in the footer.
"""

from __future__ import annotations

import io
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
from jixiao.reports.charts import chart_png

BODY_FONT, HEADING_FONT, TABLE_FONT = "仿宋", "黑体", "宋体"


def write_docx(report: Report, out: Output) -> None:
    """Write ``report`` to ``out`` (a path or a binary stream) as a .docx."""
    from docx import Document

    document = Document()
    _page_setup(document, report.landscape)
    _fonts(document)
    for block in report.blocks:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            if block.align == "center":
                paragraph.alignment = 1
        elif isinstance(block, Table) and block.rows and block.width:
            _table(document, block)
        elif isinstance(block, Chart):
            from docx.shared import Cm

            document.add_picture(io.BytesIO(chart_png(block)), width=Cm(16))
        elif isinstance(block, PageBreak):
            document.add_page_break()
    document.core_properties.title = report.title
    document.save(sink(out))


def _set_east_asian(style_or_run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _fonts(document: Any) -> None:
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    _set_east_asian(normal, BODY_FONT)
    normal.font.size = Pt(12)
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        _set_east_asian(style, HEADING_FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.size = Pt(16 - 2 * level)
    title = document.styles["Title"]
    _set_east_asian(title, "宋体")
    title.font.size = Pt(20)
    title.font.color.rgb = RGBColor(0, 0, 0)


def _page_setup(document: Any, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    short, long = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long, short
    else:
        section.page_width, section.page_height = short, long
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    _page_number(section.footer.paragraphs[0])


def _page_number(paragraph: Any) -> None:
    """A centred ``第 N 页`` footer with a PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = 1
    paragraph.add_run("第 ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" 页")


def _heading(document: Any, block: Heading) -> None:
    if block.level == 0:
        paragraph = document.add_paragraph(block.text, style="Title")
        paragraph.alignment = 1
        return
    document.add_heading(block.text, level=min(block.level, 3))


def _table(document: Any, table: Table) -> None:
    from docx.shared import Cm, Pt

    grid = document.add_table(rows=len(table.rows), cols=table.width)
    grid.style = "Table Grid"
    covered = _covered(table)
    rows = grid.rows
    for m in table.merges:
        rows[m.top].cells[m.left].merge(rows[m.bottom].cells[m.right])
    widths = table.column_widths()
    total = sum(widths) or 1.0
    for r, row in enumerate(rows):
        cells = row.cells
        for c, text in enumerate(table.rows[r]):
            if (r, c) in covered:
                continue
            _fill(cells[c], text, bold=r < table.header_rows, size=Pt(9))
            cells[c].width = Cm(25.7 * widths[c] / total)
        if r < table.header_rows:
            _repeat_header(row)
    document.add_paragraph()


def _covered(table: Table) -> set[tuple[int, int]]:
    """Grid cells inside a merge other than its top-left (they keep no text)."""
    return {
        (r, c)
        for m in table.merges
        for r in range(m.top, m.bottom + 1)
        for c in range(m.left, m.right + 1)
        if (r, c) != (m.top, m.left)
    }


def _fill(cell: Any, text: str, *, bold: bool, size: Any) -> None:
    """Write ``text`` into a cell, one Word paragraph per printed line."""
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = size
        run.bold = bold or None
        if bold:
            paragraph.alignment = 1


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)
