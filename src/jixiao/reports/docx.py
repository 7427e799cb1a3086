"""Render a Report as a Word document (.docx) that opens unchanged in WPS and Word.

Tables are real Word tables (merged cells through ``gridSpan``/``vMerge``, header rows marked
``tblHeader`` so they repeat on every page); headings use Word's heading styles; the East-Asian
font is named explicitly (``w:eastAsia``) because WPS falls back to a Latin font otherwise.

The page is laid out as an issued document (公文, GB/T 9704-2012): A4, margins 37 mm top,
35 mm bottom, 28 mm left, 26 mm right; title in 二号小标宋 (22 pt), body in 三号仿宋 (16 pt)
on a grid of 22 lines a page (28.95 pt exactly), first lines indented two characters,
headings 一、 in 黑体 and （一） in 楷体; page numbers in 四号宋体 as "— 1 —", odd pages on the
right and even pages on the left, one character in from the edge. Tables keep 五号宋体 and
single spacing so that attachments stay readable.
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

BODY_FONT, HEADING_FONT, SUBHEADING_FONT, TABLE_FONT = "仿宋", "黑体", "楷体", "宋体"
TITLE_FONT = "方正小标宋简体"  # 小标宋; Word and WPS substitute a Song face where it is absent
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 14, 10.5
LINE_PITCH_PT = 28.95  # 22 lines on the 225 mm text block
MARGINS_CM = {"top_margin": 3.7, "bottom_margin": 3.5, "left_margin": 2.8, "right_margin": 2.6}


def write_docx(report: Report, out: Output) -> None:
    """Write ``report`` to ``out`` (a path or a binary stream) as a .docx."""
    from docx import Document

    document = Document()
    turn = _turns_at_first_break(report)
    _page_setup(document, report.landscape and not turn)
    _fonts(document)
    for block in report.blocks:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            if block.align == "center":
                paragraph.alignment = 1
                paragraph.paragraph_format.first_line_indent = 0
        elif isinstance(block, Table) and block.rows and block.width:
            _table(document, block)
        elif isinstance(block, Chart):
            from docx.shared import Cm

            document.add_picture(io.BytesIO(chart_png(block)), width=Cm(15.6))
            _single_spaced(document.paragraphs[-1], centre=True)
        elif isinstance(block, PageBreak) and turn:
            _landscape_section(document)
            turn = False
        elif isinstance(block, PageBreak):
            document.add_page_break()
    document.core_properties.title = report.title
    document.save(sink(out))


def _turns_at_first_break(report: Report) -> bool:
    """True for a landscape report whose text comes before its first break.

    A report with wide attachments: its text prints portrait, as an issued document, and the
    attachments landscape.
    """
    if not report.landscape or not any(isinstance(b, PageBreak) for b in report.blocks):
        return False
    first = report.blocks[: [isinstance(b, PageBreak) for b in report.blocks].index(True)]
    return not any(isinstance(b, Table) for b in first)


def _landscape_section(document: Any) -> None:
    """Start a new page in a landscape section (margins, grid and footers carried over)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    if section.page_width < section.page_height:
        section.page_width, section.page_height = section.page_height, section.page_width


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
    normal.font.size = Pt(BODY_PT)
    _on_grid(normal.paragraph_format, indent=True)
    for level, font in ((1, HEADING_FONT), (2, SUBHEADING_FONT), (3, BODY_FONT)):
        style = document.styles[f"Heading {level}"]
        _set_east_asian(style, font)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.size = Pt(BODY_PT)
        style.font.bold = level == 3 or None
        style.font.italic = False
        _on_grid(style.paragraph_format, indent=True)
    title = document.styles["Title"]
    _set_east_asian(title, TITLE_FONT)
    title.font.size = Pt(TITLE_PT)
    title.font.bold = False
    title.font.color.rgb = RGBColor(0, 0, 0)
    _on_grid(title.paragraph_format, indent=False, pitch=2 * LINE_PITCH_PT / 1.6)
    _no_rule(title)


def _on_grid(fmt: Any, *, indent: bool, pitch: float = LINE_PITCH_PT) -> None:
    """Exact line spacing on the 22-line grid, no extra space, two characters' indent."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * BODY_PT) if indent else Pt(0)


def _no_rule(style: Any) -> None:
    """Drop the bottom border Word's built-in Title style draws under the title."""
    from docx.oxml.ns import qn

    ppr = style.element.find(qn("w:pPr"))
    border = ppr.find(qn("w:pBdr")) if ppr is not None else None
    if border is not None:
        ppr.remove(border)


def _single_spaced(paragraph: Any, *, centre: bool = False) -> None:
    """A paragraph off the grid (a picture, a table cell): single spacing, no indent."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(0)
    if centre:
        paragraph.alignment = 1


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
    for side, cm in MARGINS_CM.items():
        setattr(section, side, Cm(cm))
    section.footer_distance = Cm(2.5)  # the number 7 mm below the text block
    _line_grid(section)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _line_grid(section: Any) -> None:
    """The section's document grid: lines every 28.95 pt (22 a page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))


def _page_number(paragraph: Any, *, odd: bool) -> None:
    """The page number as 公文 print it: "— 1 —" in 四号宋体, outer side, one character in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = 2 if odd else 0
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    setattr(fmt, "right_indent" if odd else "left_indent", Pt(PAGE_NUMBER_PT))
    runs = [paragraph.add_run("— "), paragraph.add_run(), paragraph.add_run(" —")]
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        runs[1]._r.append(element)
    for run in runs:
        _set_east_asian(run, TABLE_FONT)
        run.font.size = Pt(PAGE_NUMBER_PT)


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
    _single_spaced(document.add_paragraph())


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
    """A cell's text as Word paragraphs, one per line, in the table font and size (公文: 宋体)."""
    spacing = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    centre = '<w:jc w:val="center"/>' if bold else ""
    ppr = f"<w:pPr>{spacing}{centre}</w:pPr>"
    font = f'<w:rFonts w:eastAsia="{TABLE_FONT}"/>'
    size = f'<w:sz w:val="{round(TABLE_PT * 2)}"/><w:szCs w:val="{round(TABLE_PT * 2)}"/>'
    rpr = f'<w:rPr>{font}{"<w:b/>" if bold else ""}{size}</w:rPr>'
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
