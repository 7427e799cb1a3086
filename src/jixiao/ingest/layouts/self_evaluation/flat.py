"""A table flattened into one line of text (a .docx's text stored without its rows).

Some published copies keep a 自评表's text as a single line, cells separated by single spaces
and empty cells dropped (``项目资金 (万元) 年初预算数 … 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款
90 89.974 89.974 上年结转资金 其他资金 年度总体目标 …``). The blocks' labels and the fund rows'
labels are still there, so the line is cut before each of them and the usual block readers
work on the pieces. A line is cut only when it holds at least two block labels as words: an
ordinary row never does.
"""

from __future__ import annotations

import re

from jixiao.ingest.lines import Line

BREAK_BEFORE = re.compile(
    r"^(项目资金|年度资金总额[:：]?|其中[:：]\S*|上年结转资金|其他资金|年度总体目标|"
    r"预期目标|实际完成情况|绩效指标|注\d?[:：]|填表人[:：]?)$|^(年度资金总额[:：]|其中[:：])"
)
BLOCKS = re.compile(r"^(项目资金|年度总体目标|绩效指标|年度资金总额[:：]?)$")


def unflatten(lines: list[Line]) -> list[Line]:
    """Cut every flattened line before its labels; other lines are kept as they are."""
    out: list[Line] = []
    for line in lines:
        out.extend(_cut(line) if _is_flat(line) else [line])
    return out


def _is_flat(line: Line) -> bool:
    words = line.text.split()
    return line.table is None and len({w for w in words if BLOCKS.match(w)}) >= 2


def _cut(line: Line) -> list[Line]:
    pieces: list[list[str]] = [[]]
    for word in line.text.split():
        if BREAK_BEFORE.match(word) and pieces[-1]:
            pieces.append([])
        pieces[-1].append(word)
    out: list[Line] = []
    for words in pieces:
        if words[0] == "绩效指标":
            out.extend(_indicator_lines(words, line))
        else:
            out.append(Line([" ".join(words)], line.source))
    return out


NUMBER = re.compile(r"^-?\d+(?:\.\d+)?%?$")
HEADER_END = re.compile(r"(偏差原因|改进措施|得分)")
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def _indicator_lines(words: list[str], line: Line) -> list[Line]:
    """The indicator block as table rows: the label, the header, one row per indicator.

    Empty cells were dropped, so a row is known by its end: a run of two or more numbers
    (完成值 分值 得分, or 分值 得分) before the next row's words. Its cells are then placed
    from the right: 得分, 分值, 完成值, 指标值, 三级指标, 二级指标, 一级指标 (the level cells
    are printed only on a group's first row).
    """
    ends = [i for i, w in enumerate(words[:16]) if HEADER_END.search(w)]
    start = ends[-1] + 1 if ends else 1
    out = [Line([words[0]], line.source), Line(HEADER, line.source, table=0)]
    row: list[str] = []
    run = 0
    for word in [*words[start:], ""]:
        if run >= 2 and not NUMBER.match(word):
            out.append(Line(_placed(row), line.source, table=0))
            row = []
        if word:
            row.append(word)
        run = run + 1 if NUMBER.match(word) else 0
    if row:
        out.append(Line([" ".join(row)], line.source))  # no 分值 得分: not an indicator row
    return out


def _placed(row: list[str]) -> list[str]:
    """A row's words in the header's cells, from the right."""
    numbers = 0
    while numbers < min(3, len(row) - 1) and NUMBER.match(row[-1 - numbers]):
        numbers += 1
    words, values = row[: len(row) - numbers], row[len(row) - numbers :]
    weight, score = values[-2], values[-1]
    actual = values[0] if len(values) == 3 else (words.pop() if len(words) >= 3 else "")
    target = words.pop() if len(words) >= 2 else ""
    name = words.pop() if words else ""
    levels = ["", "", *words][-2:]
    return [*levels, name, target, actual, weight, score]
