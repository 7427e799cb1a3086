"""The indicator block (一级/二级/三级指标 … 分值 / 得分 / 偏差原因) → ``Document.indicators``.

Columns are found from the header row by their words, never by position: forms differ
(指标性质/指标方向/目标值/计量单位 on the 部门整体 form; 年度指标值/实际完成值 on the 项目 form).
A real table row is read cell by cell through those positions; PDF text goes through
:mod:`.wrapped`. The 一级 (and 二级) cell is printed once per group: it is carried down.
A printed total row (总分/合计 …) is kept as the figures ``合计:分值`` and ``合计:得分``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice, takewhile

from jixiao.core.documents import Figure, Indicator
from jixiao.ingest.cells import (
    cell_at,
    compact,
    fragments,
    is_grid,
    lost_lead,
    place,
    to_number,
)
from jixiao.ingest.layouts.self_evaluation.rows import (
    TARGETS_MISSING,
    Row,
    build_indicator,
    name_and_method,
    parse_target,
)
from jixiao.ingest.layouts.self_evaluation.wrapped import (
    DIRECTION,
    NATURES,
    Layout,
    Levels,
    is_header_line,
    is_total_line,
    text_rows,
)
from jixiao.ingest.lines import Line
from jixiao.ingest.tables import SELF_EVALUATION_INDICATORS

# The layout's field for each column of the table stage's schema (the one list of header words).
FIELDS_OF = {
    "序号": "number",
    "一级指标": "l1",
    "二级指标": "l2",
    "三级指标": "name",
    "指标性质": "nature",
    "指标方向": "direction",
    "实际完成值": "actual",
    "目标值": "target",
    "计量单位": "unit",
    "分值": "weight",
    "得分": "score",
    "偏差原因": "deviation",
}
COLUMNS = tuple((FIELDS_OF[c.name], c.synonyms) for c in SELF_EVALUATION_INDICATORS.columns)
VALUE_KEYS = ("nature", "direction", "target", "actual", "unit", "weight", "score", "deviation")


@dataclass
class Block:
    """What the indicator block gives the document."""

    indicators: list[Indicator] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def columns_named(text: str) -> list[tuple[int, str]]:
    """(position, column) for each column the text names, the first match of each."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for key, pattern in COLUMNS:
        for match in re.finditer(pattern, text):
            if all(match.end() <= a or match.start() >= b for a, b in taken):
                taken.append(match.span())
                found.append((match.start(), key))
                break
    return sorted(found)


def layout_of(header: str) -> Layout:
    """Which value columns the header names (the 部门整体 form's when it names none)."""
    keys = [key for _, key in columns_named(header)]
    if "target" not in keys:
        return Layout()
    actual_first = "actual" in keys and keys.index("actual") < keys.index("target")
    return Layout(
        actual="actual" in keys,
        unit="unit" in keys,
        actual_first=actual_first,
        number="number" in keys,
        score="score" in keys or "weight" not in keys,
        weight="weight" in keys or "score" in keys,
    )


def grid_index(line: Line) -> dict[str, int]:
    """Column positions of a real header row; empty unless it names at least three columns."""
    index: dict[str, int] = {}
    for i, cell in enumerate(line.cells):
        for _, key in columns_named(compact(cell))[:1]:
            index.setdefault(key, i)
    return index if len(index) >= 3 else {}


def read_indicators(lines: list[Line], warnings: list[str]) -> Block:
    """Read the indicator block (its label line first) into indicators and figures."""
    block = Block()
    levels = Levels()
    headers = [grid_index(line) for line in lines if is_grid(line)]
    if any(headers):
        rows, totals = _grid_rows(lines, levels)
        # a 总分 row the table stage left as text after it, when it says both 分值 and 得分
        # (one number alone could be either, with the other cell blank)
        totals += [t for t in _text_totals(lines) if len(_numbers(t)) >= TOTAL_NUMBERS]
        printed = set(next(h for h in headers if h))
    else:
        head_text = compact("".join("".join(fragments(x)) for x in _header_lines(lines)))
        printed = {key for _, key in columns_named(head_text)}
        rows, leftover = text_rows(lines, layout_of(head_text), levels)
        totals = _text_totals(lines, grid=True)
        warnings.extend(
            f"绩效指标{place(x.source)}未能读取：{' '.join(x.filled)}" for x in leftover
        )
    block.indicators = [build_indicator(row, n, warnings) for n, row in enumerate(rows, start=1)]
    if rows and parse_target is None:
        warnings.append(TARGETS_MISSING)
    block.figures = _level_figures(levels) + _total_figures(totals)
    if rows:
        block.figures += column_figures(printed)
    return block


BLOCK_HEADING = re.compile(
    r"^(绩效指标|年度绩效指标|年度绩效目标|绩效目标|预算执行情况|预算执行率|项目资金|预算执行)"
    r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]"
)


def block_heading(lines: list[Line]) -> list[Figure]:
    """The points a block's label line states: ``绩效指标(90分)`` → ``标题分值:绩效指标`` 90.

    The fund block's label (预算执行情况(10分)) becomes ``标题分值:预算执行``; the checks hold
    the indicators' (or the fund block's) 分值 against it.
    """
    for line in lines[:1]:
        parts = fragments(line)
        match = BLOCK_HEADING.match(compact(parts[0])) if parts else None
        if match:
            name = (
                "绩效指标" if "指标" in match.group(1) or "目标" in match.group(1) else "预算执行"
            )
            value = Decimal(match.group(2))
            return [Figure(f"标题分值:{name}", value, "分", match.group(0), line.source)]
    return []


COLUMN_LABELS = (("target", "指标值"), ("actual", "完成值"), ("weight", "分值"), ("score", "得分"))


def column_figures(printed: set[str]) -> list[Figure]:
    """``栏目:<label>`` for each value column the header prints (no value).

    The checks tell a blank cell the form asks for (``required.blank``) from a column the
    form does not have only by knowing which columns were printed.
    """
    return [Figure(f"栏目:{label}", None) for key, label in COLUMN_LABELS if key in printed]


def _header_lines(lines: list[Line]) -> list[Line]:
    """The header lines at the top of the block (label and column names, however broken)."""
    out = []
    for line in lines:
        parts = fragments(line)
        if parts and not is_header_line(parts):
            break
        out.append(line)
    return out


def _cell(line: Line, index: dict[str, int], key: str) -> str | None:
    """The cell of a column, its own line breaks removed; None when empty."""
    i = index.get(key)
    if i is None or i >= len(line.cells):
        return None
    return cell_at(line, i) or None


@dataclass
class Header:
    """The column positions of the latest header row, and the table and width it came from."""

    index: dict[str, int]
    table: int | None = None
    width: int = 0
    line: Line | None = None

    def shifted(self, line: Line) -> dict[str, int]:
        """Positions for a row, moved where its table differs from the header's.

        A row of another table (the next page) is aligned on the right edge; a row that lost
        its block's merged label cell (:func:`lost_lead`) is one cell left.
        """
        offset = len(line.cells) - self.width
        if line.table == self.table or offset == 0:
            offset = -lost_lead(self.line, line) if self.line is not None else 0
        return {key: i + offset for key, i in self.index.items() if i + offset >= 0}


def _grid_rows(lines: list[Line], levels: Levels) -> tuple[list[Row], list[Line]]:
    """Rows of a real table: cells by header position, levels carried down."""
    rows: list[Row] = []
    totals: list[Line] = []
    header = Header({})
    for line in lines:
        found = grid_index(line) if is_grid(line) else {}
        if found:
            header = Header(found, line.table, len(line.cells), line)
        if not is_grid(line) or found or not header.index:
            continue
        if is_total_line(fragments(line)):
            totals.append(line)
            continue
        row = _grid_row(line, header.shifted(line), levels)
        if row is not None:
            rows.append(row)
    return rows, totals


def _grid_row(line: Line, index: dict[str, int], levels: Levels) -> Row | None:
    """One table row: set the levels it names; a Row unless it names nothing else."""
    for key in ("l1", "l2"):
        text = _cell(line, index, key)
        if text:
            levels.take_as(text, 1 if key == "l1" else 2)
    name = _cell(line, index, "name")
    values = {key: _cell(line, index, key) for key in VALUE_KEYS}
    if not name:  # a level's own row, or a row of another block (项目名称 …) under the header
        return None
    number = _cell(line, index, "number")
    nature = values["nature"]
    if nature and nature not in NATURES and DIRECTION.match(nature) and not values["direction"]:
        values["direction"], values["nature"] = nature, None  # 指标性质 printed as ≥ / =
    name, method = name_and_method(name or "")
    return Row(
        name=name, path=levels.path, source=line.source, number=number, basis=method, **values
    )


def _level_figures(levels: Levels) -> list[Figure]:
    return [Figure(name=f"分值:{path}", value=weight) for path, weight in levels.weights.items()]


def _text_totals(lines: list[Line], grid: bool = False) -> list[Line]:
    """The 总分 rows printed as text; a label alone on its line takes the numbers after it.

    Text copied a cell a line prints ``总分`` / ``100`` / ``92`` on three lines: the row is one.
    Rows of a real table (grid rows) are the table's own, left to it unless ``grid``.
    """
    out = []
    for n, line in enumerate(lines):
        parts = fragments(line)
        if (is_grid(line) and not grid) or not is_total_line(parts):
            continue
        filled = (x for x in lines[n + 1 :] if fragments(x))  # blank lines between cells
        after = takewhile(_number_only, islice(filled, TOTAL_NUMBERS))
        numbers = [c for x in after for c in x.filled] if len(parts) == 1 else []
        out.append(Line([*line.cells, *numbers], line.source, line.table))
    return out


TOTAL_NUMBERS = 2  # a total row's 分值 and 得分


def _numbers(line: Line) -> list[Decimal]:
    """The numbers of a total row after its label."""
    return [n for n in (to_number(p) for p in fragments(line)[1:]) if n is not None]


def _number_only(line: Line) -> bool:
    parts = fragments(line)
    return not is_grid(line) and len(parts) == 1 and to_number(parts[0]) is not None


def _total_figures(totals: list[Line]) -> list[Figure]:
    """``合计:分值`` and ``合计:得分`` from the first printed total row (one number: the score)."""
    for line in totals:
        numbers = _numbers(line)
        if not numbers:
            continue
        figures = []
        if len(numbers) >= 2:
            figures.append(
                Figure("合计:分值", numbers[-2], text=" ".join(line.filled), source=line.source)
            )
        figures.append(
            Figure("合计:得分", numbers[-1], text=" ".join(line.filled), source=line.source)
        )
        return figures
    return []
