"""The self-evaluation table (部门整体支出绩效自评表), as seed 002 prints it.

One big table, blocks introduced by a label in the first column, in the seed's order:
部门名称及编码 | 业务处室名称 | 年度主要任务 (任务名称 / 主要内容 / 完成情况) | 预期目标 / 目标实际完成情况 |
项目资金（万元） (年初预算 / 全年预算 / 全年执行 / 执行率 / 分值 / 得分, money with thousand
separators and two decimals, rates with %) | 绩效指标 (一级 / 二级 / 三级指标, 指标性质, 指标方向,
目标值, [实际完成值,] 计量单位, 分值, 得分, 偏差原因分析及改进措施; 一级 and 二级 merged down over
their rows). A 合计 row and 自评等级 are printed only when the document states them. A chart
compares 分值 and 得分 per 一级指标.
"""

from __future__ import annotations

from itertools import groupby

from jixiao.core.documents import Budget, Document, Indicator
from jixiao.reports.blocks import Chart, GridBuilder, Heading, Paragraph, Report, Table
from jixiao.reports.layouts.common import figure, notes, sum_of, target_text, with_weight
from jixiao.reports.numbers import money, percent, points

INDICATOR_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质(注:定量或者定性)",
    "指标方向(注:大于、小于或等于)",
    "目标值",
    "计量单位",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
WIDTHS = [1.3, 1.3, 3.2, 1.0, 1.2, 1.6, 0.9, 0.7, 0.7, 2.2]
FUND_HEADER = (
    "年初预算（万元）",
    "全年预算（万元）(注:调整预算数)",
    "全年执行（万元）(注:实际支出数)",
    "执行率",
    "分值",
    "得分",
)


def build(doc: Document) -> Report:
    """The whole table with its title, notes and a score chart."""
    title = doc.title or "部门整体支出绩效自评表"
    report = Report(title=title, blocks=[Heading(title, 0)])
    report.blocks.append(self_evaluation_table(doc))
    report.blocks += [Paragraph(text) for text in notes(doc)]
    if doc.indicators:
        report.blocks.append(score_chart(doc))
    return report


def _header(doc: Document) -> tuple[str, ...]:
    if any(ind.actual is not None for ind in doc.indicators):
        return (*INDICATOR_HEADER[:6], "实际完成值", *INDICATOR_HEADER[6:])
    return INDICATOR_HEADER


def self_evaluation_table(doc: Document) -> Table:
    """The table itself (also what a province-wide workbook puts on each unit's sheet)."""
    header = _header(doc)
    widths = WIDTHS if len(header) == len(WIDTHS) else [*WIDTHS[:6], 1.4, *WIDTHS[6:]]
    grid = GridBuilder(len(header), widths)
    grid.part(0)
    _head(grid, doc)
    _tasks(grid, doc)
    _prose(grid, doc)
    if doc.budget is not None:
        _fund(grid, doc.budget)
    _indicators(grid, doc, header)
    _total(grid, doc)
    return grid.table


def _head(grid: GridBuilder, doc: Document) -> None:
    w = grid.width
    org = doc.organization
    grid.row((0, 2, "部门名称及编码"), (2, w - 4, org.name or ""), (w - 2, 2, org.code or ""))
    office = figure(doc, "业务处室名称")
    if office is not None:
        grid.row((0, 2, "业务处室名称"), (2, w - 2, office.text))
    for name in ("项目名称", "实施单位"):
        stated = figure(doc, name)
        if stated is not None:
            grid.row((0, 2, name), (2, w - 2, stated.text))


def _tasks(grid: GridBuilder, doc: Document) -> None:
    if not doc.tasks:
        return
    w = grid.width
    grid.part(0)  # not repeated: the tasks reader takes a repeated header row for a task
    first = grid.row(
        (0, 1, "年度主要任务"), (1, 2, "任务名称"), (3, 3, "主要内容"), (6, w - 6, "完成情况")
    )
    for task in doc.tasks:
        grid.row((1, 2, task.name), (3, 3, task.content), (6, w - 6, task.result))
    grid.merge_down(first, len(grid.table.rows) - 1, 0)


def _prose(grid: GridBuilder, doc: Document) -> None:
    goals, results = figure(doc, "预期目标"), figure(doc, "目标实际完成情况")
    if goals is None and results is None:
        return
    half = grid.width // 2
    grid.part(1)
    grid.row((0, half, "预期目标"), (half, grid.width - half, "目标实际完成情况"))
    grid.row(
        (0, half, goals.text if goals else ""),
        (half, grid.width - half, results.text if results else ""),
    )


def _fund(grid: GridBuilder, budget: Budget) -> None:
    w = grid.width
    grid.part(1)
    first = grid.row(
        (0, 1, f"项目资金（{budget.unit_of_money}）"),
        (1, 2, ""),
        *((3 + i, 1, text) for i, text in enumerate(FUND_HEADER[:-1])),
        (8, w - 8, FUND_HEADER[-1]),
    )
    last = len(budget.rows) - 1
    for i, row in enumerate(budget.rows):
        label = (
            row.source if i or row.source in ("合计", "年度资金总额") else f"其中：{row.source}"
        )
        weight = row.weight if row.weight is not None or i < last else budget.weight
        score = row.score if row.score is not None or i < last else budget.score
        grid.row(
            (1, 2, label),
            (3, 1, money(row.initial)),
            (4, 1, money(row.adjusted)),
            (5, 1, money(row.spent)),
            (6, 1, percent(row.rate)),
            (7, 1, points(weight)),
            (8, w - 8, points(score)),
        )
    grid.merge_down(first, len(grid.table.rows) - 1, 0)


def _level(ind: Indicator, depth: int) -> str:
    return ind.path[depth] if len(ind.path) > depth else ""


def _indicators(grid: GridBuilder, doc: Document, header: tuple[str, ...]) -> None:
    if not doc.indicators:
        return
    grid.part(0)
    grid.row((0, grid.width, "绩效指标"))
    grid.part(1)
    grid.row(*((c, 1, text) for c, text in enumerate(header)))
    actual = len(header) > len(INDICATOR_HEADER)
    for level1, group in groupby(doc.indicators, key=lambda i: _level(i, 0)):
        top = len(grid.table.rows)
        for level2, members in groupby(group, key=lambda i: _level(i, 1)):
            start = len(grid.table.rows)
            for n, ind in enumerate(members):
                _indicator_row(grid, doc, ind, actual, (len(grid.table.rows) == top, n == 0))
            grid.merge_down(start, len(grid.table.rows) - 1, 1) if level2 else None
        grid.merge_down(top, len(grid.table.rows) - 1, 0) if level1 else None


def _indicator_row(
    grid: GridBuilder, doc: Document, ind: Indicator, actual: bool, first: tuple[bool, bool]
) -> None:
    level1 = with_weight(doc, ind.path[:1]) if first[0] and ind.path else ""
    level2 = with_weight(doc, ind.path[:2]) if first[1] and len(ind.path) > 1 else ""
    cells = [level1, level2, ind.name, ind.nature or "", ind.direction or "", target_text(ind)]
    if actual:
        cells.append(ind.actual.raw if ind.actual else "")
    cells += [ind.unit or "", points(ind.weight), points(ind.score), ind.deviation or "无"]
    grid.row(*((c, 1, text) for c, text in enumerate(cells)))


def _total(grid: GridBuilder, doc: Document) -> None:
    weight, score = figure(doc, "合计:分值"), figure(doc, "合计:得分")
    if weight is None and score is None:
        return
    at = grid.width - 3
    grid.part(0)
    grid.row(
        (0, at, "合计"),
        (at, 1, points(weight.value) if weight else ""),
        (at + 1, 1, points(score.value) if score else ""),
        (at + 2, 1, ""),
    )
    if doc.totals.get("grade"):
        grid.row((0, at, "自评等级"), (at, 3, str(doc.totals["grade"])))


def score_chart(doc: Document) -> Chart:
    """分值 and 得分 per 一级指标 (the fund block as its own bar when present)."""
    labels, weights, scores = [], [], []
    if doc.budget is not None and doc.budget.weight is not None:
        labels.append("预算执行率")
        weights.append(doc.budget.weight)
        scores.append(doc.budget.score or sum_of([]))
    for level1, group in groupby(doc.indicators, key=lambda i: _level(i, 0)):
        members = list(group)
        labels.append(level1 or "其他")
        weights.append(sum_of([i.weight for i in members]))
        scores.append(sum_of([i.score for i in members]))
    return Chart("各一级指标分值与得分", labels, {"分值": weights, "得分": scores}, "分")
