"""Read ``.xlsx`` files: every sheet, one Line per row that holds any value.

Values are rendered as the bureau sees them, so that layouts parse the same text whatever
the format: integral numbers without ``.0``, float noise trimmed (``95.53999999`` → ``95.54``),
cells with a percent number format as ``95.54%``, dates as ``YYYY-MM-DD``. Formulas give their
cached value (``data_only``); a formula never calculated (a file written by a program and
not opened in Excel since) has no value and is reported as a warning.

Merged ranges: openpyxl already leaves the covered cells empty, so a merged cell's text stands
once in its top-left cell, as in the other readers. ``Line.cells[k]`` is column ``k + 1`` and
``Source.cell`` names the row's first column (``"A7"``), so a layout can name any cell.

Text rows: a sheet holds its captions (``附件 2``, the table's title, ``单位：万元``) and notes as
rows too, but they are paragraphs, not table rows. A row with a single value that is merged
across several columns, or that stands above the sheet's first row of two or more values (the
title block), becomes a one-cell Line with ``table`` None — what the other readers give for a
paragraph — so layouts see captions the same way in every format. A lone value below or inside
a table stays a table row (a row whose other cells are blank is still a row).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.documents import Source
from jixiao.ingest import IngestError
from jixiao.ingest.lines import Line, Lines

logger = logging.getLogger(__name__)


class XlsxError(IngestError):
    """The file is not an Excel (.xlsx) workbook."""


def read_xlsx(path: Path) -> Lines:
    """Read every sheet of a workbook into Lines (sheet order, then row order)."""
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise XlsxError(
            f"{path.name}: 不是有效的 Excel (.xlsx) 文件（文件已损坏，或是旧版 .xls 改了扩展名）"
        )
    try:
        book = load_workbook(str(path), data_only=True)
    except MemoryError:
        raise
    except Exception as exc:
        logger.warning("cannot open %s as .xlsx", path, exc_info=True)
        raise XlsxError(
            f"{path.name}: 不是有效的 Excel (.xlsx) 文件（文件已损坏或格式不符）"
        ) from exc
    result = Lines(name=path.name)
    for number, sheet in enumerate(book.worksheets, start=1):
        result.lines.extend(_sheet_lines(sheet, path.name, number))
    result.warnings.extend(_uncalculated(path, book))
    return result


def _sheet_lines(sheet: Any, name: str, number: int) -> list[Line]:
    """The non-empty rows of a sheet: table rows as wide as the widest row, text rows as one cell.

    ``Line.table`` is the sheet's number for table rows (see the module docstring).
    """
    lines = []
    for row in sheet.iter_rows():
        cells = [render_value(cell.value, cell.number_format) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if any(c.strip() for c in cells):
            source = Source(file=name, sheet=sheet.title, cell=f"A{row[0].row}")
            lines.append(Line(cells=cells, source=source, table=number))
    mark_text_rows(lines, _wide_merges(sheet))
    width = max((len(line.cells) for line in lines if line.table is not None), default=0)
    for line in lines:
        if line.table is not None:
            line.cells.extend([""] * (width - len(line.cells)))
    return lines


def _wide_merges(sheet: Any) -> set[tuple[int, int]]:
    """(row, column) of the top-left cells of merged ranges two or more columns wide."""
    return {
        (merged.min_row, merged.min_col)
        for merged in sheet.merged_cells.ranges
        if merged.max_col > merged.min_col
    }


def _single(line: Line) -> int | None:
    """The 0-based column of a row's only value, or None when it has several."""
    used = [k for k, c in enumerate(line.cells) if c.strip()]
    return used[0] if len(used) == 1 else None


def mark_text_rows(lines: list[Line], merges: set[tuple[int, int]]) -> None:
    """Turn captions and notes (see the module docstring) into one-cell text Lines."""
    first = next((n for n, line in enumerate(lines) if _single(line) is None), 0)
    for n, line in enumerate(lines):
        column = _single(line)
        if column is None:
            continue
        row = int((line.source.cell or "A0")[1:])
        if n < first or (row, column + 1) in merges:
            line.cells = [line.cells[column]]
            line.table = None


def render_value(value: Any, number_format: str = "General") -> str:
    """Render a cell value as text the way the sheet shows it (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return _render_number(value, number_format or "General")
    return str(value).replace("\u3000", " ").replace("\xa0", " ").replace("\r\n", "\n").strip()


def _render_number(value: float | int | Decimal, number_format: str) -> str:
    if "%" in number_format:
        places = _decimal_places(number_format)
        number = Decimal(_plain(value)) * 100
        return f"{number:.{places}f}%"
    return _plain(value)


def _plain(value: float | int | Decimal) -> str:
    """A number without float noise and without a trailing ``.0``."""
    if isinstance(value, float):
        value = Decimal(f"{value:.15g}")
    text = format(Decimal(value).normalize(), "f")
    return text


def _decimal_places(number_format: str) -> int:
    match = re.search(r"\.(0+)", number_format.split(";", maxsplit=1)[0])
    return len(match.group(1)) if match else 0


def _uncalculated(path: Path, book: Any) -> list[str]:
    """Warnings for formula cells that have no cached value (never calculated)."""
    from openpyxl import load_workbook

    empty = {
        (sheet.title, cell.coordinate)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is None
    }
    if not empty or not _has_formulas(path):
        return []
    formulas = load_workbook(str(path), data_only=False)
    missing = [
        f"{title}!{coordinate}"
        for title, coordinate in sorted(empty)
        if str(formulas[title][coordinate].value or "").startswith("=")
    ]
    if not missing:
        return []
    shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
    return [
        f"{path.name}: {len(missing)} 个公式单元格没有计算结果（{shown}），请在 Excel 中打开并保存后再导入"
    ]


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet XML holds a formula (``<f>``), without a second full load."""
    with zipfile.ZipFile(path) as archive:
        return any(
            b"<f>" in archive.read(name) or b"<f " in archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
