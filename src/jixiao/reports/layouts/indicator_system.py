"""The annual indicator system table (绩效考核指标体系), as seed 000 prints it.

Columns: 一级指标 | 年度工作目标 | 目标制定依据 | 责任处室 | 责任人. The level-1 goal is merged down
over its indicators; an indicator's cell is ``<number> <sentence>`` (the sentence states the
target, so it is printed whole), with ``（N分）`` when it carries a weight. Departments and
persons go one per line. Notes under the table (``表注``) follow it. A chart of the weights
per goal is added when the system states weights.
"""

from __future__ import annotations

import re
from itertools import groupby

from jixiao.core.documents import Document, Indicator
from jixiao.reports.blocks import Chart, GridBuilder, Heading, Paragraph, Report
from jixiao.reports.layouts.common import notes, sum_of, with_weight
from jixiao.reports.numbers import points

HEADER = ("一级指标", "年度工作目标", "目标制定依据", "责任处室", "责任人")
WIDTHS = [2.2, 4.5, 5.0, 1.6, 1.0]


def build(doc: Document) -> Report:
    """The indicator system as a title, its table, its notes and a weights chart."""
    title = doc.title or "绩效考核指标体系"
    report = Report(title=title, blocks=[Paragraph("附件"), Heading(title, 0)])
    report.blocks.append(_table(doc))
    report.blocks += [Paragraph(text) for text in notes(doc)]
    chart = _chart(doc)
    if chart:
        report.blocks.append(chart)
    return report


def _goal(ind: Indicator) -> str:
    return ind.path[0] if ind.path else ""


def _table(doc: Document) -> object:
    grid = GridBuilder(len(HEADER), WIDTHS)
    grid.row(*((c, 1, text) for c, text in enumerate(HEADER)))
    grid.table.header_rows = 1
    for goal, members in groupby(doc.indicators, key=_goal):
        rows = list(members)
        first = len(grid.table.rows)
        for i, ind in enumerate(rows):
            label = with_weight(doc, [goal]) if goal and i == 0 else ""
            grid.row(
                (0, 1, label),
                (1, 1, _indicator_text(ind)),
                (2, 1, ind.basis),
                (3, 1, "\n".join(ind.departments)),
                (4, 1, "\n".join(ind.owners)),
            )
        grid.merge_down(first, first + len(rows) - 1, 0)
    return grid.table


def _indicator_text(ind: Indicator) -> str:
    numbered = bool(re.fullmatch(r"\d+(?:\.\d+)+", ind.id or ""))
    text = f"{ind.id} {ind.name}" if numbered and not ind.name.startswith(ind.id) else ind.name
    if ind.weight is not None:
        text += f"（{points(ind.weight)}分）"
    return text


def _chart(doc: Document) -> Chart | None:
    if not any(ind.weight is not None for ind in doc.indicators):
        return None
    labels, weights = [], []
    for goal, members in groupby(doc.indicators, key=_goal):
        labels.append(goal.split("，")[0])
        weights.append(sum_of([ind.weight for ind in members]))
    return Chart("各一级指标分值", labels, {"分值": weights}, "分")
