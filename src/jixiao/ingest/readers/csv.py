"""Read ``.csv`` files: one table, exported from Excel or a web system.

Encoding as :func:`.txt.decode` (UTF-8 with or without BOM, else GB18030, which is what Excel
writes on a Chinese Windows). The delimiter is the one of comma, tab and semicolon that splits
the first rows most consistently into two or more fields (Excel in some locales writes
semicolons; "CSV" exports from web systems are often tab-separated). Quotes follow the csv
module (RFC 4180: a quoted field may hold delimiters and newlines).

The rows come out as :mod:`.xlsx` gives a sheet's: one Line per row holding any value, all as
wide as the widest row, ``Source.cell`` naming the row's first column (``A7``), and rows with a
single value above the first row of two or more values (the title block Excel exports as
``标题,,,,``) as one-cell text Lines.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from jixiao.core.documents import Source
from jixiao.ingest import IngestError
from jixiao.ingest.lines import Line, Lines
from jixiao.ingest.readers import MAX_CELLS
from jixiao.ingest.readers.txt import TextDecodeError, decode
from jixiao.ingest.readers.xlsx import mark_text_rows

DELIMITERS = (",", "\t", ";")
SAMPLE_ROWS = 50
SAMPLE_CHARS = 64 * 1024


class CsvError(IngestError):
    """The file is not a CSV table that can be read."""


def read_csv(path: Path) -> Lines:
    """Read a CSV file into Lines: its rows as one table (see the module docstring)."""
    try:
        text = decode(path.read_bytes())
    except TextDecodeError as exc:
        raise CsvError(f"{path.name}: 不是 CSV 文本文件（{exc}）") from exc
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[Line] = []
    cells = 0
    try:
        for number, row in enumerate(reader, start=1):
            values = [value.strip() for value in row]
            while values and not values[-1]:
                values.pop()
            cells += len(values)
            if cells > MAX_CELLS:
                raise CsvError(f"{path.name}: 表格超过 {MAX_CELLS} 个单元格，无法读取")
            if values:
                source = Source(file=path.name, line=reader.line_num, cell=f"A{number}")
                lines.append(Line(cells=values, source=source, table=1))
    except csv.Error as exc:
        # csv's own words are English ("field larger than field limit"): say it in Chinese.
        raise CsvError(
            f"{path.name} 第{reader.line_num}行: CSV 格式错误（引号不成对或单元格过长）"
        ) from exc
    mark_text_rows(lines, set())
    width = max((len(line.cells) for line in lines if line.table is not None), default=0)
    for line in lines:
        if line.table is not None:
            line.cells.extend([""] * (width - len(line.cells)))
    return Lines(name=path.name, lines=lines)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows most consistently into two or more fields.

    For each candidate, the rows of the sample are split and the most common field count
    (above one) is taken; the candidate whose common count covers the most rows wins, a wider
    split breaking ties. A file with no delimiter at all is one column (comma).
    """
    sample = text[:SAMPLE_CHARS]
    best, best_key = ",", (0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        counts: Counter[int] = Counter()
        try:
            for number, row in enumerate(reader):
                if number >= SAMPLE_ROWS:
                    break
                if len(row) > 1:
                    counts[len(row)] += 1
        except csv.Error:
            continue
        if not counts:
            continue
        width, rows = counts.most_common(1)[0]
        if (rows, width) > best_key:
            best, best_key = delimiter, (rows, width)
    return best
