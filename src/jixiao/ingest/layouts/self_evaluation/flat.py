"""A form flattened into one line of text (a .docx's text stored without its rows).

Some published copies keep a 自评表's text as a single line, cells separated by single spaces
and empty cells dropped (``项目资金 (万元) 年初预算数 … 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款
90 89.974 89.974 上年结转资金 其他资金 年度总体目标 …``). The blocks' labels and the fund rows'
labels are still there, so the line is cut before each of them and the usual block readers
work on the pieces: the prose blocks (预期目标, 实际完成情况) are read as text, and the
indicator block goes to the table stage (:mod:`jixiao.ingest.tables`), which rebuilds its rows
from the cell stream by the columns' meanings. A line is cut only when it holds at least two
block labels as words: an ordinary row never does.
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
    """Cut every flattened line before its block labels; other lines are kept as they are."""
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
    return [Line([" ".join(words)], line.source) for words in pieces]
