"""Recognise 预算管理一体化 exchange tables in any file and read them through the mapping.

A 一体化 export (or JiXiao's own) is a sheet whose header row names the standard's columns
(``LV3_PERF_IND_NAME``, ``KPI_VAL`` …), or the common Excel template whose starred headers
(``*三级绩效指标名称``, ``*指标值`` …) mark the required columns. The header row is found by
its cells alone, in whatever reader gave the lines (.xlsx, .xls, .csv, a web page), so the
same mechanism serves every format; the rows below it, up to the next header or sheet, are
that table's rows.
"""

from __future__ import annotations

from jixiao.core.documents import Document, Source
from jixiao.core.exchange import Mapping, Rows, Table, _key, from_tables, load_mapping
from jixiao.ingest.lines import Line, Lines

MIN_CODES = 3  # a header row names at least this many of a table's column codes
MIN_LABELS = 4  # the template is known by its labels, at least two of them starred


def read_exchange(lines: Lines, mapping: Mapping | None = None) -> Document | None:
    """The Document in exchange tables among ``lines``, or None when there are none."""
    mapping = mapping or load_mapping()
    tables: dict[str, Rows] = {}
    current: tuple[Table, list[str], str | None] | None = None
    for line in lines.lines:
        cells = [c.strip() for c in line.cells]
        table = header_table(cells, mapping, line.source.sheet)
        if table is not None:
            current = (table, cells, line.source.sheet)
            tables.setdefault(table.name, [])
        elif current and line.source.sheet == current[2] and _is_row(line, cells):
            tables[current[0].name].append(dict(zip(current[1], cells, strict=False)))
    if not tables:
        return None
    doc = from_tables(tables, mapping, lines.name)
    doc.source = Source(file=lines.name)
    doc.warnings[:0] = lines.warnings
    return doc


def _is_row(line: Line, cells: list[str]) -> bool:
    return line.table is not None and sum(bool(c) for c in cells) >= 2


def header_table(cells: list[str], mapping: Mapping, sheet: str | None = None) -> Table | None:
    """The table whose header row ``cells`` is, if any (the sheet's name breaks ties)."""
    keys = {_key(c) for c in cells if c}
    if len(keys) < MIN_CODES:
        return None
    best: tuple[int, int, Table] | None = None
    for table in mapping.tables:
        hits = _hits(table, keys, cells)
        if hits:
            rank = (hits, int(table.name == sheet), table)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


def _hits(table: Table, keys: set[str], cells: list[str]) -> int:
    if table.header == "label":
        found = sum(_key(c.label) in keys for c in table.columns)
        starred = sum(c.startswith("*") for c in cells)
        return found if found >= MIN_LABELS and starred >= 2 else 0
    found = sum(_key(c.name) in keys for c in table.columns)
    return found if found >= MIN_CODES else 0
