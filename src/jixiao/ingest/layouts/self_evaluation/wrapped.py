"""Indicator rows from PDF text, where one table row is broken over several lines.

In text pulled out of a PDF a row's single-line cells share one line (the data line:
``数量指标 食品安全监督抽检 定量 大于 4500批次 批次 2 2 无``) while a cell that wraps is spread
over the lines around it: the 三级 name usually starts on lines above, a 目标值 or 计量单位
goes on below (``不少于19.44万批`` / ``次``, ``县（市、`` / ``区）``). A row is therefore read as a
*record*: lines up to and including the one that ends with the row's 分值 and 得分 (two bare
numbers, then at most the 偏差原因 text). Inside a record:
- leading level words (产出指标, 数量指标 …) set the 一级/二级 and are carried down;
- everything before the first 指标性质/指标方向 word is the 三级 name;
- after it come the 目标值 (and 实际完成值) and 计量单位, glued back where a cell was broken
  (an unclosed bracket, or a lone one- or two-character line);
- a repeated page header (绩效指标, 产出指标, the column header) creates no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.ingest.cells import (
    compact,
    fragments,
    is_number,
    join_wrapped,
    unbalanced,
)
from jixiao.ingest.layouts.self_evaluation.rows import NO_DEVIATION, Row
from jixiao.ingest.levels import level_of, split_weight
from jixiao.ingest.lines import Line

NATURES = ("定量", "定性")
DIRECTION = re.compile(
    r"^((大于|小于|等于|不等于|高于|低于|不低于|不高于|或|及|且)+|[≥≤=<>＞＜＝]{1,2}|正向|反向|"
    r"正向指标|反向指标)$"
)
HEADER_CHARS = set(
    "一二三级指标性质方向目标值计量单位分值得分偏差原因分析及改进措施注定量或者定性大于小于等"
    "年度实际完成权重名称绩效内容序号编()（）:：、，,/ 度%％"
)
TOTAL = re.compile(r"^(总分|合计|总计|自评得分|综合得分|自评总分|总得分|得分合计)")
OP_WORDS = re.compile(
    r"(不少于|不低于|不超过|不高于|以上|以内|以下|达到|力争|至少|良好|明显|提升|有效|完成)"
)


@dataclass
class Layout:
    """Which value columns the table has between the 三级 name and the 分值 (from its header)."""

    actual: bool = False
    unit: bool = True
    actual_first: bool = False
    number: bool = False
    # A target table (绩效目标表) has 分值/权重 but no 得分 column; a transfer-payment table
    # (区域绩效目标自评表) has neither, and prints one row a line.
    score: bool = True
    weight: bool = True


@dataclass
class Levels:
    """The 一级/二级 carried down from row to row, with any ``(50分)`` weights seen."""

    l1: str | None = None
    l2: str | None = None
    weights: dict[str, Decimal] = field(default_factory=dict)

    def take(self, word: str) -> bool:
        """Consume ``word`` if it names a level; return whether it did."""
        level = level_of(word, self.l1)
        if level is None:
            return False
        self.take_as(word, level)
        return True

    def take_as(self, word: str, level: int) -> None:
        """Set the 一级 (level 1) or 二级 (level 2) from a cell known to hold it."""
        found = split_weight(word)
        if level == 1:
            if found.name != self.l1:
                self.l2 = None
            self.l1 = found.name
        else:
            self.l2 = found.name
        if found.weight is not None:  # a 一级 label repeated on each row keeps the 二级 above
            key = found.name if level == 1 else "/".join(self.path)
            self.weights[key] = found.weight

    @property
    def path(self) -> list[str]:
        """The current ancestors of a 三级 indicator."""
        return [p for p in (self.l1, self.l2) if p]


def is_anchor(part: str) -> bool:
    """Whether a fragment is a 指标性质 or 指标方向 word (where a row's values begin)."""
    return part in NATURES or bool(DIRECTION.match(part))


def is_header_line(parts: list[str]) -> bool:
    """Whether a line is (part of) the column header or the 绩效指标 label, repeated or not."""
    text = compact("".join(parts))
    if not text or any(is_anchor(p) for p in parts) or level_of(parts[0], None) is not None:
        return False
    # A note alone (（%）) has no header word: it is the end of a wrapped name.
    return set(text) <= HEADER_CHARS and re.search(r"[\u4e00-\u9fff]", text) is not None


def is_total_line(parts: list[str]) -> bool:
    """Whether a line is the printed total (总分, 合计 …) of the indicator block."""
    return bool(parts) and bool(TOTAL.match(parts[0])) and len(parts[0]) <= 8


def tail_at(parts: list[str], layout: Layout | None = None) -> int | None:
    """Index of the 分值 in a line ending ``分值 得分 [偏差原因…]``, else None.

    The last two bare numbers of the line, unless a 性质/方向 word follows them (then they
    belong to a name, and the row's scores are still to come). A table without a 得分
    column (a 绩效目标表) ends its rows in the 分值 alone: the line's last piece, a number.
    """
    if layout is not None and not layout.weight:
        return len(parts)
    if layout is not None and not layout.score:
        last = len(parts) - 1
        return last if last >= 0 and is_number(parts[last]) else None
    for i in range(len(parts) - 2, -1, -1):
        if is_number(parts[i]) and is_number(parts[i + 1]):
            return None if any(is_anchor(p) for p in parts[i + 2 :]) else i
    return None


def text_rows(lines: list[Line], layout: Layout, levels: Levels) -> tuple[list[Row], list[Line]]:
    """Read the indicator lines into Rows; return them with the lines no row could take."""
    rows: list[Row] = []
    record: list[tuple[Line, list[str]]] = []
    for line in lines:
        parts = fragments(line)
        if not parts or is_header_line(parts) or is_total_line(parts):
            continue
        if not layout.weight and _levels_only(parts, levels):
            continue
        started = _anchor(record)
        if started is not None and any(is_anchor(p) for p in parts):
            rows.append(_unfinished(record[: started[0] + 1], layout, levels))
            record = record[started[0] + 1 :]
        record.append((line, parts))
        if tail_at(parts, layout) is not None:
            row, orphans = read_record(record, layout, levels)
            if orphans and rows and has_reason(rows[-1].deviation):
                rows[-1].deviation = join_wrapped([rows[-1].deviation or "", *orphans])
            elif orphans and rows:
                rows[-1].name = join_wrapped([rows[-1].name, *orphans])
            elif orphans:
                row.problems.append(f"行前文字「{join_wrapped(orphans)}」未能归入任何指标")
            rows.append(row)
            record = []
    leftover = [line for line, parts in record if not all(levels.take(p) for p in parts)]
    return rows, leftover


def _levels_only(parts: list[str], levels: Levels) -> bool:
    """A line holding only level words (taken), or the tail of one broken over lines (指标)."""
    if len(parts) == 1 and len(parts[0]) <= 2 and not re.search(r"\d", parts[0]):
        return True
    if all(level_of(p, levels.l1) is not None for p in parts):
        return all(levels.take(p) for p in parts)
    return False


def _unfinished(record: list[tuple[Line, list[str]]], layout: Layout, levels: Levels) -> Row:
    """A row whose 分值 and 得分 never came (the next row's data line came first)."""
    row, _ = read_record(record, layout, levels)
    row.problems.append("未读到得分（该行分值、得分不全）")
    return row


def _anchor(record: list[tuple[Line, list[str]]]) -> tuple[int, int] | None:
    """(line, fragment) of the first 指标性质/指标方向 word of a record."""
    for n, (_, parts) in enumerate(record):
        for i, part in enumerate(parts):
            if is_anchor(part):
                return n, i
    return None


def _value_count(layout: Layout) -> int:
    return 1 + int(layout.actual) + int(layout.unit)


def _values_before(before: list[str], layout: Layout, name_above: bool) -> int:
    """How many pieces before the 分值 are values, in a table without 性质/方向 columns.

    Counted from the right: a 计量单位 (only right before the 分值), then pieces holding a
    number, a % or a sign; the name keeps at least one piece unless it began on a line above.
    """
    limit = min(_value_count(layout), len(before) - (0 if name_above else 1))
    k = 0
    while k < limit:
        part = before[-1 - k]
        if not (
            re.search(r"[\d%％≥≤<>＞＜]", part) or (k == 0 and layout.unit and unit_like(part))
        ):
            break
        k += 1
    return k


def unit_like(part: str) -> bool:
    """Whether a fragment can be a 计量单位 (家, 批次, 县（市、区）, %) rather than a target."""
    if part in ("%", "％"):
        return True
    return len(part) <= 8 and not re.search(r"[\d%％]", part) and not OP_WORDS.search(part)


def _split_record(
    record: list[tuple[Line, list[str]]], layout: Layout
) -> tuple[list[list[str]], list[tuple[str, bool]], int]:
    """Cut a record into name lines, value fragments (with 'alone on its line') and the tail line."""
    tail_line = len(record) - 1
    tail_parts = record[tail_line][1]
    found = tail_at(tail_parts, layout)
    cut = len(tail_parts) if found is None else found
    anchor = _anchor(record)
    if anchor is None:
        anchor = (tail_line, cut - _values_before(tail_parts[:cut], layout, tail_line > 0))
    line_no, index = anchor
    names = [parts for _, parts in record[:line_no]] + [record[line_no][1][:index]]
    values: list[tuple[str, bool]] = []
    for n in range(line_no, tail_line + 1):
        parts = record[n][1]
        start = index if n == line_no else 0
        stop = cut if n == tail_line else len(parts)
        alone = len(parts) == 1
        values.extend((p, alone) for p in parts[start:stop])
    return names, values, cut


def _take_number(names: list[list[str]]) -> str | None:
    """Take the 序号 printed at the start of a row's first line, when the table has one."""
    for n, parts in enumerate(names):
        if parts:
            if parts[0].isdigit() and len(parts[0]) <= 3:
                names[n] = parts[1:]
                return parts[0]
            return None
    return None


def _names(names: list[list[str]], levels: Levels) -> tuple[list[str], list[str]]:
    """Strip leading level words (setting the levels); return (name parts, orphan parts).

    Name text that comes before a level word belongs to the previous row (its name went on
    below its data line): those parts are returned as orphans.
    """
    found: list[str] = []
    orphans: list[str] = []
    taken: list[str] = []
    for parts in names:
        for i, part in enumerate(parts):
            if (not found or i == 0) and _is_level_here(part, found, taken, levels):
                if found and not taken:
                    orphans, found = found, []
                taken.append(part)
                continue
            found.extend(parts[i:])
            break
    if not found and taken:  # the 三级 name repeats its 二级 (服务对象满意度)
        found = [split_weight(taken[-1]).name]
    return found, orphans


def _is_level_here(part: str, found: list[str], taken: list[str], levels: Levels) -> bool:
    """A level word opens a record; after its 二级 the next words are the 三级 name."""
    if found and taken:
        return False
    if any(level_of(word, None) == 2 or level_of(word, levels.l1) == 2 for word in taken[-1:]):
        return False
    return levels.take(part)


def _glue(values: list[tuple[str, bool]]) -> list[str]:
    """Put back together cells broken over lines (an unclosed bracket, a lone short piece)."""
    out: list[str] = []
    for part, alone in values:
        short_tail = alone and len(part) <= 2 and not re.search(r"\d", part)
        if out and (unbalanced(out[-1]) or short_tail):
            out[-1] = join_wrapped([out[-1], part])
        else:
            out.append(part)
    return out


def read_record(
    record: list[tuple[Line, list[str]]], layout: Layout, levels: Levels
) -> tuple[Row, list[str]]:
    """Read one record (see the module docstring) into a Row; also return orphan name parts."""
    names, values, cut = _split_record(record, layout)
    data_line = record[len(names) - 1][0]  # the line the row's values start on
    tail = record[-1][1][cut:]
    reason = _reason_beside_names(names, tail[2 if layout.score else 1 :])
    number = _take_number(names) if layout.number else None
    found, orphans = _names(names, levels)
    row = Row(name=join_wrapped(found), path=levels.path, source=data_line.source, number=number)
    row.weighted = layout.weight
    while values and _fills_anchor(row, values[0][0]):
        values.pop(0)
    _place_values(row, _glue(values), layout)
    scored = 2 if layout.score else 1
    if len(tail) >= scored:
        row.weight, row.score = tail[0], (tail[1] if layout.score else None)
    row.deviation = join_wrapped(reason + tail[scored:]) or None
    if not row.name:
        row.problems.append("未读到三级指标名称")
    return row, orphans


def _fills_anchor(row: Row, part: str) -> bool:
    """Put a 指标性质 or 指标方向 word in its empty slot; False when it is not one.

    A second direction sign is not the column either: it starts the 目标值 (``≥ 95%``).
    """
    if part in NATURES and row.nature is None:
        row.nature = part
        return True
    if part not in NATURES and DIRECTION.match(part) and row.direction is None:
        row.direction = part
        return True
    return False


def has_reason(deviation: str | None) -> bool:
    """Whether a 偏差原因 cell says something (not empty, not 无)."""
    return bool(deviation) and not NO_DEVIATION.match(deviation or "")


def _reason_beside_names(names: list[list[str]], reason: list[str]) -> list[str]:
    """Take the pieces of a wrapped 偏差原因 cell printed on the name lines above the data line.

    Only when the row states a reason: then a name line holding two pieces besides its level
    words ends with a piece of the reason (the name column sits far left of it).
    """
    if not has_reason(join_wrapped(reason)):
        return []
    pulled = []
    for n, parts in enumerate(names):
        if len([p for p in parts if level_of(p, None) is None]) >= 2:
            names[n] = parts[:-1]
            pulled.append(parts[-1])
    return pulled


def _place_values(row: Row, middle: list[str], layout: Layout) -> None:
    """Share the fragments between the 分值 and the name among 目标值, 实际完成值, 计量单位."""
    if layout.unit and len(middle) >= 2 and unit_like(middle[-1]):
        row.unit = middle.pop()
    if not middle:
        return
    if layout.actual and len(middle) >= 2:
        first, rest = middle[0], join_wrapped(middle[1:])
        row.target, row.actual = (rest, first) if layout.actual_first else (first, rest)
        return
    row.target = join_wrapped(middle)
