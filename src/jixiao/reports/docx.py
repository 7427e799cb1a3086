"""Render a Report as a Word document (.docx) that opens unchanged in WPS and Word.

Tables are real Word tables (merged cells through ``gridSpan``/``vMerge``, header rows marked
``tblHeader`` so they repeat on every page); headings use Word's heading styles; the East-Asian
font is named explicitly (``w:eastAsia``: 仿宋 for text, 黑体 for headings) because WPS falls
back to a Latin font otherwise. Page numbers are a PAGE field in the footer.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax.saxutils import escape

from jixiao.reports.blocks import (
    Chart,
    Heading,
    Merge,
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
    """Append ``table`` as one ``w:tbl`` element written directly, then an empty paragraph.

    python-docx's ``merge()`` rescans the table for every merge and its cell objects are
    slow (0.6 ms a cell: 6 s for a 1,200-row attachment); the XML written here is what those
    calls produce (``gridSpan`` across, ``vMerge`` down, ``tblHeader`` on header rows), built
    as text in one pass and parsed once (bench/bench_docx.py).
    """
    from docx.oxml import parse_xml

    body = document.element.body
    body.insert(len(body) - 1, parse_xml(table_xml(table)))  # before the section properties
    document.add_paragraph()


#: Twips across the printed width a table shares out (25.7 cm, as the landscape page gives).
TABLE_TWIPS = round(25.7 * 567)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Characters XML 1.0 cannot hold (control characters pasted from other systems).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def table_xml(table: Table) -> str:
    """The ``w:tbl`` of ``table`` as text: grid, rows, merged cells, header rows."""
    widths = table.column_widths()
    total = sum(widths) or 1.0
    twips = [round(TABLE_TWIPS * w / total) for w in widths]
    starts = {(m.top, m.left): m for m in table.merges}
    below = {(r, m.left): m for m in table.merges for r in range(m.top + 1, m.bottom + 1)}
    covered = _covered(table)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    rows = "".join(
        _row_xml(table, r, twips, starts, below, covered) for r in range(len(table.rows))
    )
    return (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:val="04A0" w:firstRow="1" '
        'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def _row_xml(
    table: Table,
    r: int,
    twips: list[int],
    starts: dict[tuple[int, int], Merge],
    below: dict[tuple[int, int], Merge],
    covered: set[tuple[int, int]],
) -> str:
    """One ``w:tr``: a cell per merge or free grid cell, covered cells left out."""
    header = r < table.header_rows
    cells = []
    for c, text in enumerate(table.rows[r]):
        merge = starts.get((r, c)) or below.get((r, c))
        if merge is None and (r, c) in covered:
            continue
        span = merge.right - merge.left + 1 if merge else 1
        width = sum(twips[c : c + span])
        props = f'<w:tcW w:type="dxa" w:w="{width}"/>'
        props += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        if merge is not None and merge.bottom > merge.top:
            props += '<w:vMerge w:val="restart"/>' if r == merge.top else "<w:vMerge/>"
        content = _paragraphs_xml(text, bold=header) if (r, c) not in covered else "<w:p/>"
        cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
    head = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else ""
    return f"<w:tr>{head}{''.join(cells)}</w:tr>"


def _paragraphs_xml(text: str, *, bold: bool) -> str:
    """A cell's text as Word paragraphs, one per printed line, 9 pt (bold, centred in headers)."""
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if bold else ""
    rpr = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="18"/></w:rPr>'
    lines = escape(NOT_XML.sub("", text)).split("\n")
    return "".join(
        f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in lines
    )


def _covered(table: Table) -> set[tuple[int, int]]:
    """Grid cells inside a merge other than its top-left (they keep no text)."""
    return {
        (r, c)
        for m in table.merges
        for r in range(m.top, m.bottom + 1)
        for c in range(m.left, m.right + 1)
        if (r, c) != (m.top, m.left)
    }
