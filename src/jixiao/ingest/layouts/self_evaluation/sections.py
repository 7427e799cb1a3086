"""Cut a self-evaluation table into its blocks by their row labels.

The 部门整体 and 项目 self-evaluation forms are one big table whose blocks are introduced by
a label in the first column: 年度主要任务, 年度总体目标 / 预期目标, 目标实际完成情况, 项目资金
(or 年度资金总额), 绩效指标 (or directly the 一级指标 header); notes and signatures (注：, 填表人)
close the table. Blocks come in different orders on
different forms, so each is found by its label, not by its position. A label only counts when
it is short (a label cell, not a sentence of prose that happens to start with the same words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.ingest.cells import fragments, is_grid
from jixiao.ingest.lines import Line

MARKERS = (
    ("tasks", re.compile(r"^年度主要任务")),
    ("goals", re.compile(r"^(年度总体目标|总体目标|整体目标|年度绩效目标|预期目标)")),
    ("outcomes", re.compile(r"^(目标实际完成情况|实际完成情况|总体目标完成情况)")),
    (
        "budget",
        re.compile(
            r"^(项目资金|年度资金|资金情况|部门预算资金|预算资金|预算执行情况|"
            r"\S{0,8}预算数\s*[（(]A[)）])"  # 转移支付预算数(A): the transfer-payment form
        ),
    ),
    ("indicators", re.compile(r"^(绩效指标|一级指标)")),
    (
        "notes",
        re.compile(
            r"^(注\d?[:：]|说明[:：]|填表人|填报人|联系人|联系电话|单位负责人|财务负责人|审核人)"
        ),
    ),
)
MAX_LABEL = 16


@dataclass
class Section:
    """A block of the table: its kind and its lines, the label line first."""

    kind: str
    lines: list[Line] = field(default_factory=list)


def marker_of(line: Line) -> str | None:
    """Return the block a line opens, or None when it is not a block label."""
    parts = fragments(line)
    if not parts or len(parts[0]) > MAX_LABEL:
        return None
    if "一级指标" in parts[1:4] and any(p in parts for p in ("二级指标", "三级指标")):
        return "indicators"  # a header row with a 序号 column before 一级指标
    if parts[0] == "二级指标" and "三级指标" in parts[1:3]:
        return "indicators"  # the 一级指标 cell broken over the lines above (一级 / 指标)
    if parts[0] == "三级指标" and len(parts) >= 3 and is_grid(line):
        return "indicators"  # a header of the third level only (levels printed elsewhere)
    for kind, pattern in MARKERS:
        if pattern.match(parts[0]):
            return kind
    return None


def split_sections(lines: list[Line]) -> list[Section]:
    """Split lines into the head (before any label) and one Section per labelled block.

    A label repeated at a page break (绩效指标 again inside the indicator block) continues
    the current block instead of opening a new one; so does a row of the indicator table
    whose name begins like a label (预算资金执行率).
    """
    sections = [Section("head")]
    table = None  # the table whose header opened the indicator block
    for line in lines:
        kind = marker_of(line)
        if sections[-1].kind == "indicators" and line.table is not None and line.table == table:
            kind = None  # a row of the indicator table (预算资金执行率 is an indicator's name)
        if kind is not None and kind != sections[-1].kind:
            sections.append(Section(kind))
            table = line.table if kind == "indicators" else None
        sections[-1].lines.append(line)
    return sections
