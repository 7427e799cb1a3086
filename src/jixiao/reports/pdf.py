"""Render a Report as a PDF with the CJK font embedded, page numbers and repeated headers.

reportlab's platypus lays the blocks out: tables are ruled grids (so a reader finds them from
their lines, as pdfplumber does), merged cells are spans, and the header rows repeat on every
page; a row too tall for one page is split inside the row instead of failing.

The page follows the issued-document format (公文, GB/T 9704-2012) as far as one embedded
font allows: margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; title 22 pt (二号),
body 16 pt (三号) on a 28.95 pt line pitch with a two-character first-line indent; page
numbers in 14 pt (四号) as "— 1 —", on the right of odd pages and the left of even ones, one
character in. Tables keep a small size so attachments stay readable.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

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
from jixiao.reports.fonts import register_pdf_font

MM = 72 / 25.4
MARGINS = {"topMargin": 37 * MM, "bottomMargin": 35 * MM, "leftMargin": 28 * MM}
MARGINS["rightMargin"] = 26 * MM
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, LINE_PITCH = 16, 22, 14, 28.95


def write_pdf(report: Report, out: Output) -> None:
    """Write ``report`` to ``out`` (a path or a binary stream) as an A4 PDF.

    Landscape unless the report says otherwise.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    font = register_pdf_font()
    size = landscape(A4) if report.landscape else A4
    template = SimpleDocTemplate(
        sink(out),
        pagesize=size,
        **MARGINS,
        title=report.title,
        author="JiXiao",
    )
    styles = _styles(font)
    story = _story(report, styles, template.width)
    for flowable in story:
        _split_tall_rows(flowable, template.width, template.height)
    template.build(story, onFirstPage=_footer(font), onLaterPages=_footer(font))


def _split_tall_rows(flowable: Any, width: float, height: float) -> None:
    """Let a table split inside a row only when one of its rows is taller than a page.

    Otherwise rows stay whole (moved to the next page), so each printed row is one row for
    a reader; a row that cannot fit anywhere must be split or the layout would fail.
    """
    if not hasattr(flowable, "splitInRow"):
        return
    flowable.wrap(width, height)
    heights = [h or 0 for h in flowable._rowHeights or []]
    if max(heights, default=0) > height - 30:
        flowable.splitInRow = 1


def _story(report: Report, styles: dict[str, Any], width: float) -> list[Any]:
    story: list[Any] = []
    for block in report.blocks:
        flowable = _flowable(block, styles, width)
        story += flowable if isinstance(flowable, list) else [flowable]
    return story


def _footer(font: str) -> Any:
    """The page number "— N —", 7 mm below the text block, outside edge, one character in."""

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, PAGE_NUMBER_PT)
        text, y = f"— {doc.page} —", MARGINS["bottomMargin"] - 7 * MM - PAGE_NUMBER_PT
        if doc.page % 2:
            right = doc.pagesize[0] - MARGINS["rightMargin"] - PAGE_NUMBER_PT
            canvas.drawRightString(right, y, text)
        else:
            canvas.drawString(MARGINS["leftMargin"] + PAGE_NUMBER_PT, y, text)
        canvas.restoreState()

    return draw


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=BODY_PT,
        leading=LINE_PITCH,
        firstLineIndent=2 * BODY_PT,
        wordWrap="CJK",
    )
    return {
        "body": base,
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=TITLE_PT,
            leading=2 * LINE_PITCH / 1.6,
            alignment=1,
            firstLineIndent=0,
            spaceAfter=LINE_PITCH,
        ),
        "heading": ParagraphStyle("heading", parent=base),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, firstLineIndent=0),
        "head": ParagraphStyle(
            "head", parent=base, fontSize=8.5, leading=11, alignment=1, firstLineIndent=0
        ),
        "centre": ParagraphStyle("centre", parent=base, alignment=1, firstLineIndent=0),
    }


def _title_style(text: str, style: Any, width: float) -> Any:
    """二号 for the title, smaller only as far as needed to keep a one-line title on one line.

    Readers (and the round trip) take the title from its line; a title broken over two
    lines would be read cut.
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if "\n" in text:
        return style
    needed = stringWidth(text, style.fontName, style.fontSize)
    if needed <= width:
        return style
    size = style.fontSize * width / needed * 0.97
    return ParagraphStyle("title-fit", parent=style, fontSize=size, leading=size * 1.4)


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _flowable(block: Any, styles: dict[str, Any], width: float) -> Any:
    from reportlab.platypus import PageBreak as Break
    from reportlab.platypus import Paragraph as Para

    if isinstance(block, Heading) and block.level == 0:
        return Para(_markup(block.text), _title_style(block.text, styles["title"], width))
    if isinstance(block, Heading):
        return Para(_markup(block.text), styles["heading"])
    if isinstance(block, Paragraph):
        return Para(_markup(block.text), styles["centre" if block.align == "center" else "body"])
    if isinstance(block, Table):
        return [_table(part, styles, width) for part in block.split() if part.rows and part.width]
    if isinstance(block, Chart):
        return fit_image(chart_png(block), width * 0.8, width * 0.4)
    if isinstance(block, PageBreak):
        return Break()
    raise TypeError(type(block).__name__)


def fit_image(png: bytes, width: float, height: float) -> Any:
    """A chart that shrinks (down to 40 %) to fit the rest of the page.

    A chart that moved to a page of its own would leave a page without text, which a reader
    of the PDF reports as a possibly scanned page; shrinking keeps it beside the text.
    """
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Flowable

    class FitImage(Flowable):  # type: ignore[misc]
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            room = avail_height - 60  # leave a few lines for the text that follows
            scale = min(1.0, room / height) if room >= height * 0.4 else 1.0
            self.size = (width * scale, height * scale)
            return self.size

        def draw(self) -> None:
            self.canv.drawImage(ImageReader(io.BytesIO(png)), 0, 0, *self.size)

    return FitImage()


def _table(table: Table, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import Table as Grid

    data = [
        [Para(_markup(text), styles["head" if r < table.header_rows else "cell"]) for text in row]
        for r, row in enumerate(table.rows)
    ]
    widths = table.column_widths()
    total = sum(widths) or 1.0
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 11),  # CJK punctuation may hang past the line end
    ]
    if table.header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, table.header_rows - 1), colors.whitesmoke))
    commands += _spans(table)
    return Grid(
        data,
        colWidths=[width * w / total for w in widths],
        repeatRows=table.header_rows,
        style=commands,
        spaceAfter=8,
    )


def _spans(table: Table) -> list[tuple[Any, ...]]:
    """Spans for the merges: header merges as they are, body merges one row at a time.

    A body cell merged down (a 一级指标 over its indicators) would be cut where the table
    breaks across pages, and reportlab then misplaces its text; so below the header its
    text stands in the group's first row and the rows under it are left empty — the shape
    of a merged cell in the reading model, whatever page each row lands on.
    """
    spans = []
    for m in table.merges:
        if m.bottom < table.header_rows:
            spans.append(("SPAN", (m.left, m.top), (m.right, m.bottom)))
        elif m.right > m.left:
            spans += [("SPAN", (m.left, r), (m.right, r)) for r in range(m.top, m.bottom + 1)]
    return spans
