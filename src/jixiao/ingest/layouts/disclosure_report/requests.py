"""Tables 三 (收到和处理政府信息公开申请情况) and 四 (行政复议、行政诉讼情况).

Table 三 is read row by row by the *meaning* of each row's label (予以公开, 属于国家秘密, 总计,
结转下年度 …, see :func:`jixiao.core.disclosure.match_request_row`) and the numbers that end the
row: the last seven are the six applicant columns and 总计. Position is useless here: PDF text
breaks 三、本年度办理结果 into one character per line, moves the group headers (（三）不予公开)
into the middle of their rows, drops empty leading cells and wraps long labels. A row printed
with only six numbers is read as the six applicant columns; its 总计 is then their sum, with a
warning. Table 四 is the fifteen numbers that end its data row(s) (one row of fifteen, or three rows of
five), in the standard order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.disclosure import (
    APPLICANT_COLUMNS,
    OTHER_HANDLING,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    TOTAL,
    match_request_row,
    sum_columns,
)
from jixiao.core.documents import Source
from jixiao.ingest.layouts.disclosure_report.sections import (
    BLANK_AS_ZERO,
    NUMBER,
    grid_numbers,
    table_width,
    trailing_numbers,
    where,
)
from jixiao.ingest.lines import Line

TABLE = "表三（收到和处理政府信息公开申请情况）"
REVIEWS = "表四（行政复议、行政诉讼情况）"
PENDING_LINES = 2


@dataclass
class _Open:
    """A recognised row whose numbers may still continue on the next lines."""

    key: str
    numbers: list[Decimal]
    line: Line


def read_requests(
    lines: list[Line], warnings: list[str]
) -> tuple[dict[str, dict[str, Decimal]], dict[str, Source]]:
    """Read table 三 into ``{row key: {column: count}}`` and each row's source.

    A row's numbers usually end its own line; text extracted cell by cell puts them on the
    lines below instead, so number-only lines continue the row above until it has seven.
    A row that keeps its grid and leaves cells blank is read by position (blank = 0).
    """
    table: dict[str, dict[str, Decimal]] = {}
    sources: dict[str, Source] = {}
    pending: list[str] = []
    row: _Open | None = None
    width, blanks = table_width(lines), 0
    for line in lines:
        label, numbers = trailing_numbers(line)
        grid = _grid_row(line, width)
        if grid is not None and len(numbers) < len(APPLICANT_COLUMNS):
            (label, numbers), blanks = grid, blanks + 1
        if not numbers:
            pending = [*pending, label][-PENDING_LINES:]
            continue
        if not label and row is not None and len(row.numbers) < len(REQUEST_COLUMNS):
            row.numbers += numbers
            continue
        _close(row, table, sources, warnings)
        key = match_request_row(label) or match_request_row("".join(pending) + label)
        pending, row = [], None
        if key is None:
            warnings.append(f"{TABLE}{where(line)}：未能识别的行“{label}”，数字未读入")
        else:
            row = _Open(key, numbers, line)
    _close(row, table, sources, warnings)
    if blanks:
        warnings.append(f"{TABLE}：{blanks}行有空白单元格，{BLANK_AS_ZERO}")
    if lines and table:
        _warn_missing(table, warnings)
    return table, sources


def _grid_row(line: Line, width: int) -> tuple[str, list[Decimal]] | None:
    """A row read by position (see ``grid_numbers``), blank counts as 0.

    A blank 总计 is not printed: the six applicant columns are returned and 总计 becomes their
    sum, with a warning. A row with every cell blank counts only when its label names a row.
    """
    grid = grid_numbers(line, len(REQUEST_COLUMNS), width)
    if grid is None:
        return None
    label, cells = grid
    if not any(c is not None for c in cells) and match_request_row(label) is None:
        return None
    numbers = [c if c is not None else Decimal(0) for c in cells]
    return label, numbers if cells[-1] is not None else numbers[:-1]


def _close(
    row: _Open | None,
    table: dict[str, dict[str, Decimal]],
    sources: dict[str, Source],
    warnings: list[str],
) -> None:
    """Store a finished row (its numbers complete) in the table."""
    if row is None:
        return
    counts = _counts(row.numbers, row.key, row.line, warnings)
    if counts is not None and _keep(table, row.key, counts, row.line, warnings):
        table[row.key], sources[row.key] = counts, row.line.source


def _counts(
    numbers: list[Decimal], key: str, line: Line, warnings: list[str]
) -> dict[str, Decimal] | None:
    """Map a row's trailing numbers onto the columns, or warn and give None."""
    place = f"{TABLE}{where(line)}“{key}”"
    if len(numbers) >= len(REQUEST_COLUMNS):
        if len(numbers) > len(REQUEST_COLUMNS):
            warnings.append(f"{place}：数字多于7个，只取最后7个")
        return dict(zip(REQUEST_COLUMNS, numbers[-len(REQUEST_COLUMNS) :], strict=True))
    if len(numbers) == len(APPLICANT_COLUMNS):
        counts = dict(zip(APPLICANT_COLUMNS, numbers, strict=True))
        counts[TOTAL] = sum_columns(counts)
        warnings.append(f"{place}：未印总计，按六类申请人之和计为{counts[TOTAL]}")
        return counts
    warnings.append(f"{place}：只有{len(numbers)}个数字（应为7个），该行未读入")
    return None


def _keep(
    table: dict[str, dict[str, Decimal]],
    key: str,
    counts: dict[str, Decimal],
    line: Line,
    warnings: list[str],
) -> bool:
    """A row met twice (a page printed twice) is kept once; differing copies are reported."""
    if key not in table:
        return True
    if table[key] != counts:
        warnings.append(f"{TABLE}{where(line)}：“{key}”行重复出现且数字不同，保留第一次的数字")
    return False


def _warn_missing(table: dict[str, dict[str, Decimal]], warnings: list[str]) -> None:
    """Name every standard row the table lacks (（六）其他处理 may be one row or three)."""
    has_other = any(k.startswith(OTHER_HANDLING) for k in table)
    for row in REQUEST_ROWS:
        if row.key.startswith(OTHER_HANDLING):
            continue
        if row.key not in table:
            warnings.append(f"{TABLE}：未找到“{row.key}”行")
    if not has_other:
        warnings.append(f"{TABLE}：未找到“{OTHER_HANDLING}”行")


def read_reviews(lines: list[Line], warnings: list[str]) -> dict[str, dict[str, Decimal]]:
    """Read table 四: its fifteen numbers, five per group, in the standard column order."""
    numbers: list[Decimal] = []
    for line in lines:
        numbers += trailing_numbers(line)[1]
    expected = len(REVIEW_GROUPS) * len(REVIEW_COLUMNS)
    if numbers and len(numbers) != expected:
        numbers = _grid_reviews(lines, expected) or numbers
        if len(numbers) == expected:
            warnings.append(f"{REVIEWS}：{BLANK_AS_ZERO}")
    if not numbers:
        if lines:
            warnings.append(f"{REVIEWS}：未找到数字")
        return {}
    if len(numbers) != expected:
        warnings.append(f"{REVIEWS}：读到{len(numbers)}个数字（应为{expected}个），未读入")
        return {}
    size = len(REVIEW_COLUMNS)
    return {
        group: dict(zip(REVIEW_COLUMNS, numbers[i * size : (i + 1) * size], strict=True))
        for i, group in enumerate(REVIEW_GROUPS)
    }


def _grid_reviews(lines: list[Line], expected: int) -> list[Decimal]:
    """Table 四's data cells read by position when blanks stand for 0 (one row of fifteen).

    The data row is the one whose cells in the table's width are all numbers or blank.
    """
    width = table_width(lines)
    for line in lines:
        cells = [c.strip() for c in line.cells[:width]]
        numeric = all(not c or NUMBER.match(c) for c in cells)
        if len(cells) == expected and any(cells) and numeric:
            return [Decimal(c) if c else Decimal(0) for c in cells]
    return []
