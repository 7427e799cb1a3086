"""Write exchange tables: one sheet per table in an .xlsx, or one CSV per table in a .zip.

Cells are written as text exactly as the mapping renders them, so the file round-trips.
Text that a spreadsheet would run as a formula (leading ``= + - @``) is stored as a string
cell in .xlsx and prefixed with an apostrophe in CSV; the reader removes that apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from jixiao.core.exchange import Rows

FORMULA_LEAD = re.compile(r"^[=+@]|^-(?![\d.])")
NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")


def write_tables(tables: dict[str, Rows], headings: dict[str, list[str]], out: Path) -> None:
    """Write ``tables`` to ``out``: ``.xlsx`` (one sheet each) or ``.zip`` (one CSV each)."""
    with out.open("wb") as stream:
        if out.suffix.lower() == ".zip":
            write_csv_zip(tables, headings, stream)
        else:
            write_xlsx(tables, headings, stream)


def write_xlsx(tables: dict[str, Rows], headings: dict[str, list[str]], stream: BinaryIO) -> None:
    """One sheet per table, named by the table, header row first; numbers stay numbers."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append(headings[name])
        for row in rows:
            sheet.append([_cell_value(row.get(h, "")) for h in headings[name]])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.data_type == "f":
                    cell.data_type = "s"  # formula-leading text stays text
        for column, heading in zip(sheet.columns, headings[name], strict=False):
            width = max([len(heading)] + [len(str(c.value or "")) for c in column])
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    book.save(stream)


def _cell_value(text: str) -> str | float | int:
    if NUMERIC.match(text) and len(text) < 16:
        return int(text) if "." not in text else float(text)
    return text


def write_csv_zip(
    tables: dict[str, Rows], headings: dict[str, list[str]], stream: BinaryIO
) -> None:
    """One UTF-8 (with BOM, for Excel) CSV per table, named ``<table>.csv``."""
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(headings[name])
            for row in rows:
                writer.writerow([_neutral(row.get(h, "")) for h in headings[name]])
            archive.writestr(f"{name}.csv", "\ufeff" + buffer.getvalue())


def _neutral(text: str) -> str:
    return "'" + text if FORMULA_LEAD.match(text) else text
