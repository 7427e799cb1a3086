"""Read old Excel workbooks (``.xls``, Excel 97–2003) with xlrd, as :mod:`.xlsx` reads a sheet.

xlrd is the maintained reader of the binary BIFF format (it reads ``.xls`` only, which is
what it is kept for). With ``formatting_info`` it gives the merged ranges (the value stands in
the range's top-left cell, the covered cells are empty, as openpyxl gives them) and each
cell's number format, so values render exactly as :func:`.xlsx.render_value` renders an
``.xlsx`` cell: ``95.54%``, dates as ``YYYY-MM-DD``, integral numbers without ``.0``. The row
shape, text rows and sources are those of :mod:`.xlsx`.

Many systems save other things under ``.xls``: an ``.xlsx`` (a zip) is read as one, a web
page table (HTML, what "导出 Excel" often writes) as a web page, and anything else goes to
LibreOffice (:mod:`.office`) where it is installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.core.documents import Source
from jixiao.ingest import IngestError
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.readers import MAX_CELLS
from jixiao.ingest.readers.xlsx import mark_text_rows, render_value

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class XlsError(IngestError):
    """The file is not an Excel 97–2003 workbook that can be read."""


def read_xls(path: Path) -> Lines:
    """Read every sheet of an ``.xls`` workbook into Lines (see the module docstring)."""
    head = path.read_bytes()[:2048]
    if not head.startswith(OLE2):
        from jixiao.ingest.readers.office import read_disguised

        return read_disguised(path, head, "xlsx")
    book = _open(path)
    result = Lines(name=path.name)
    cells = sum(sheet.nrows * sheet.ncols for sheet in book.sheets())
    if cells > MAX_CELLS:
        raise XlsError(f"{path.name}: 表格超过 {MAX_CELLS} 个单元格，无法读取")
    for number, sheet in enumerate(book.sheets(), start=1):
        result.lines.extend(_sheet_lines(book, sheet, path.name, number))
    return result


def _open(path: Path) -> Any:
    import xlrd

    try:
        return xlrd.open_workbook(str(path), formatting_info=True)
    except NotImplementedError:  # formatting records xlrd cannot read: values only
        return xlrd.open_workbook(str(path))
    except Exception as exc:
        raise XlsError(
            f"{path.name}: 不是有效的 Excel 97-2003 (.xls) 文件（文件已损坏或格式不符）"
        ) from exc


def _sheet_lines(book: Any, sheet: Any, name: str, number: int) -> list[Line]:
    """The non-empty rows of a sheet, as :mod:`.xlsx` gives them."""
    lines = []
    for r in range(sheet.nrows):
        cells = [_render(book, sheet.cell(r, c)) for c in range(sheet.ncols)]
        while cells and not cells[-1]:
            cells.pop()
        if any(c.strip() for c in cells):
            source = Source(file=name, sheet=sheet.name, cell=f"A{r + 1}")
            lines.append(Line(cells=cells, source=source, table=number))
    wide = {(lo + 1, clo + 1) for lo, _hi, clo, chi in sheet.merged_cells if chi - clo > 1}
    mark_text_rows(lines, wide)
    width = max((len(line.cells) for line in lines if line.table is not None), default=0)
    for line in lines:
        if line.table is not None:
            line.cells.extend([""] * (width - len(line.cells)))
    return lines


def _render(book: Any, cell: Any) -> str:
    """A cell as the sheet shows it (:func:`.xlsx.render_value`)."""
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return render_value(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return render_value(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return render_value(cell.value)
    return render_value(cell.value, _number_format(book, cell))


def _number_format(book: Any, cell: Any) -> str:
    """The cell's number format string, "General" when the file does not say."""
    try:
        xf = book.xf_list[cell.xf_index]
        return book.format_map[xf.format_key].format_str or "General"
    except (AttributeError, IndexError, KeyError, TypeError):
        return "General"
