"""Write small real .docx, .xlsx and .pdf files in code, for reader and layout tests.

Every layout test can build the binary forms of a table it already reads from .txt and check
the parser gives the same result. The signatures here are stable; other tests depend on them.

A *block* is a paragraph (``str``), a table (``list`` of rows, each a ``list`` of cells), or
:data:`PAGE_BREAK`. A *cell* is a string (``"\\n"`` inside makes separate paragraphs in the cell),
or, in xlsx only, a number / date / :class:`Formatted` value. Merged cells are written with two
markers in the grid positions the merge covers:

- :data:`LEFT` — this grid cell is part of the cell to its left (horizontal merge, gridSpan);
- :data:`UP` — this grid cell is part of the cell above (vertical merge, vMerge).

Example: ``[["一级指标", "二级指标", LEFT], ["产出", "数量", "质量"], [UP, "时效", "成本"]]``
has a header cell spanning two columns and "产出" spanning two rows. Readers give a merged
cell's text once, in its top-left grid cell, and ``""`` in the cells it covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any


class _Merge(str):
    """A marker cell: the grid position belongs to a neighbouring cell."""

    __slots__ = ()


LEFT = _Merge("\x00LEFT")
UP = _Merge("\x00UP")
PAGE_BREAK = "\x00PAGE_BREAK"


@dataclass(frozen=True)
class Formatted:
    """An xlsx cell value with an Excel number format, e.g. ``Formatted(0.9554, "0.00%")``."""

    value: Any
    number_format: str


Cell = Any
Row = Sequence[Cell]
Table = Sequence[Row]
Block = str | Table


def _is_table(block: Block) -> bool:
    return not isinstance(block, str)


def _spans(table: Table) -> list[tuple[int, int, int, int]]:
    """Return the merged ranges as (row, col, last_row, last_col), 0-based, of ``table``."""
    ranges = []
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            if isinstance(cell, _Merge):
                continue
            last_c = c
            while last_c + 1 < len(row) and row[last_c + 1] is LEFT:
                last_c += 1
            last_r = r
            while last_r + 1 < len(table) and _cell(table, last_r + 1, c) is UP:
                last_r += 1
            if (last_r, last_c) != (r, c):
                ranges.append((r, c, last_r, last_c))
    return ranges


def _cell(table: Table, r: int, c: int) -> Cell:
    row = table[r]
    return row[c] if c < len(row) else ""


def _width(table: Table) -> int:
    return max((len(row) for row in table), default=0)


# --------------------------------------------------------------------------- docx


def write_docx(path: Path, blocks: Sequence[Block]) -> Path:
    """Write ``blocks`` as a Word document: paragraphs and (merged) tables in order."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    for block in blocks:
        if block == PAGE_BREAK:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif _is_table(block):
            _docx_table(document, block)  # type: ignore[arg-type]
        else:
            document.add_paragraph(str(block))
    document.save(str(path))
    return path


def _docx_table(document: Any, table: Table) -> None:
    width = _width(table)
    grid = document.add_table(rows=len(table), cols=width)
    grid.style = "Table Grid"
    # table.cell(r, c) walks the whole grid on every call; take the cells once, before merging
    cells = [cell for row in grid.rows for cell in row.cells]
    for r in range(len(table)):
        for c in range(width):
            cell = _cell(table, r, c)
            if not isinstance(cell, _Merge):
                _docx_text(cells[r * width + c], "" if cell is None else str(cell))
    for r, c, last_r, last_c in _spans(table):
        cells[r * width + c].merge(cells[last_r * width + last_c])


def _docx_text(cell: Any, text: str) -> None:
    first, *rest = text.split("\n")
    cell.paragraphs[0].text = first
    for more in rest:
        cell.add_paragraph(more)


# --------------------------------------------------------------------------- xlsx


def write_xlsx(path: Path, sheets: dict[str, Table]) -> Path:
    """Write one worksheet per ``{name: rows}``; merged ranges from LEFT/UP markers."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, table in sheets.items():
        sheet = book.create_sheet(title=name)
        for r, row in enumerate(table, start=1):
            for c, cell in enumerate(row, start=1):
                if not isinstance(cell, _Merge) and cell not in (None, ""):
                    _xlsx_value(sheet.cell(row=r, column=c), cell)
        for r, c, last_r, last_c in _spans(table):
            sheet.merge_cells(
                start_row=r + 1, start_column=c + 1, end_row=last_r + 1, end_column=last_c + 1
            )
    book.save(str(path))
    return path


def _xlsx_value(target: Any, cell: Cell) -> None:
    if isinstance(cell, Formatted):
        target.value = cell.value
        target.number_format = cell.number_format
    elif isinstance(cell, Decimal):
        target.value = float(cell)
    elif isinstance(cell, dt.date | int | float | str):
        target.value = cell
    else:
        target.value = str(cell)


# --------------------------------------------------------------------------- pdf

def _register_font() -> str:
    """The product's PDF font (the system's CJK face, else STSong-Light): one source of fonts."""
    from jixiao.reports.fonts import register_pdf_font

    return register_pdf_font()


def write_pdf(
    path: Path,
    blocks: Sequence[Block],
    *,
    header: str | None = None,
    page_numbers: bool = True,
) -> Path:
    """Write ``blocks`` as a PDF with ruled tables, an optional running header and "- n -" footers.

    Table cells wrap inside their column, so long text comes out over several lines in the
    cell, as in the bureaus' PDFs.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    font = _register_font()
    story = []
    for block in blocks:
        if block == PAGE_BREAK:
            story.append(PageBreak())
        elif _is_table(block):
            story.append(_pdf_table(block))  # type: ignore[arg-type]
        else:
            story.append(_pdf_paragraph(str(block), 11))

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 30, header)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, 25, f"- {doc.page} -")
        canvas.restoreState()

    template = SimpleDocTemplate(str(path), pagesize=A4, topMargin=50, bottomMargin=50)
    template.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def _pdf_paragraph(text: str, size: float) -> Any:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("cjk", fontName=_register_font(), fontSize=size, leading=size * 1.4)
    style.wordWrap = "CJK"
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def _pdf_table(table: Table) -> Any:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    width = _width(table)
    data = [
        [
            "" if isinstance(cell, _Merge) or cell is None else _pdf_paragraph(str(cell), 8)
            for cell in (list(row) + [""] * (width - len(row)))
        ]
        for row in table
    ]
    col = (A4[0] - 80) / max(width, 1)
    styles = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    styles += [("SPAN", (c, r), (lc, lr)) for r, c, lr, lc in _spans(table)]
    pdf_table = PdfTable(data, colWidths=[col] * width, repeatRows=0)
    pdf_table.setStyle(TableStyle(styles))
    return pdf_table


def write_blank_pdf(path: Path, pages: int = 1) -> Path:
    """Write a PDF whose pages hold only a drawn shape and no text (like a scanned file)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        canvas.rect(100, 100, 200, 300, fill=1)
        canvas.showPage()
    canvas.save()
    return path


# --------------------------------------------------------------------------- html

PAGE_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_福建省市场监督管理局</title>
<style>.nav li {{ float: left }}</style><script>var _hmt = _hmt || [];</script></head>
<body>
<div class="header"><div class="top">无障碍 | 长者模式 | 登录 | 注册</div>
<img src="logo.png" alt="">
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
&gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<table width="1000" class="layout"><tr>
<td class="left" width="220"><div class="side"><h3>栏目导航</h3><ul>
<li><a href="/a">机构职能</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">财政资金</a></li>
</ul></div></td>
<td class="right">
<div class="xl_title">{title}</div>
<div class="xl_info">发布时间：2023-06-30 09:12 来源：规划财务处 浏览次数：<span>1024</span>
字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
<div class="xl_con"><div id="zoom"><div class="TRS_Editor">
{body}
</div></div></div>
<div class="bshare">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="sxp"><p>上一篇：<a href="/p1">关于开展2023年“双随机、一公开”监管工作的通知</a></p>
<p>下一篇：<a href="/p2">2023年第二季度产品质量监督抽查结果公告</a></p></div>
<div class="print">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
</td></tr></table>
<div class="footer"><p>主办单位：福建省市场监督管理局 网站标识码：3500000049</p>
<p>闽ICP备05019871号 闽公网安备 35010202000123号</p></div>
<script>document.write("统计代码");</script>
</body></html>
"""


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html_table(table: Table) -> str:
    """A table with rowspan/colspan from the LEFT/UP markers (cells a merge covers left out)."""
    spans = {(r, c): (lr - r + 1, lc - c + 1) for r, c, lr, lc in _spans(table)}
    rows = []
    for r, _row in enumerate(table):
        cells = []
        for c in range(_width(table)):
            cell = _cell(table, r, c)
            if isinstance(cell, _Merge):
                continue
            down, across = spans.get((r, c), (1, 1))
            attributes = (f' rowspan="{down}"' if down > 1 else "") + (
                f' colspan="{across}"' if across > 1 else ""
            )
            text = "<br/>".join(_html_escape(part) for part in str(cell or "").split("\n"))
            cells.append(f'<td{attributes} valign="middle"><p align="center">{text}</p></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0" style="width:100%">\n<tbody>\n' + (
        "\n".join(rows) + "\n</tbody></table>"
    )


def write_html(path: Path, blocks: Sequence[Block], *, charset: str = "utf-8") -> Path:
    """Write ``blocks`` as a saved government web page (TRS-style, with all its page chrome).

    The first paragraph is the page title, printed above the article as such pages do; the
    other blocks are the article: paragraphs and tables with rowspan/colspan. The page sits
    in a layout table beside a menu, between a header with navigation, a breadcrumb, a share
    bar, 上一篇/下一篇 and a footer. ``charset`` is declared in the meta tag and used to write
    the bytes (``gb2312`` is written as GB18030, as browsers read it).
    """
    blocks = [b for b in blocks if b != PAGE_BREAK]
    title = str(blocks[0]) if blocks and not _is_table(blocks[0]) else ""
    body = [
        _html_table(block)  # type: ignore[arg-type]
        if _is_table(block)
        else f'<p style="text-indent:2em">{_html_escape(str(block))}</p>'
        for block in (blocks[1:] if title else blocks)
    ]
    page = PAGE_HEAD.format(charset=charset, title=_html_escape(title), body="\n".join(body))
    encoding = "gb18030" if charset.lower() in ("gb2312", "gbk") else charset
    path.write_bytes(page.encode(encoding))
    return path


# --------------------------------------------------------------------------- csv


def write_csv(
    path: Path, table: Table, *, delimiter: str = ",", encoding: str = "utf-8-sig"
) -> Path:
    """Write one table as CSV, as Excel exports it: merged cells empty, titles as ``x,,,``."""
    import csv

    width = _width(table)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in table:
            cells = ["" if isinstance(c, _Merge) or c is None else str(c) for c in row]
            writer.writerow(cells + [""] * (width - len(cells)))
    return path


# --------------------------------------------------------------------------- old Office


def convert_with_soffice(paths: Sequence[Path], suffix: str, folder: Path) -> list[Path]:
    """Convert files to an old format (``doc``, ``xls``) with LibreOffice, in one run.

    The tests build .docx/.xlsx in code and convert them, since nothing maintained writes
    the binary formats; callers skip when LibreOffice is absent.
    """
    import shutil
    import subprocess

    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice is not installed"
    command = [program, "--headless", "--norestore", "--nolockcheck"]
    command += [f"-env:UserInstallation={(folder / 'profile').as_uri()}"]
    command += ["--convert-to", suffix, "--outdir", str(folder), *map(str, paths)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    return [folder / f"{path.stem}.{suffix}" for path in paths]
