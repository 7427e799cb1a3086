"""The four attachments of an evaluation report (seed 003), one table each.

1. 资金使用结构明细表 — 项目名称 | 单位名称 | 资金到位情况 (专项资金, 业务工作经费, 合计) | 资金使用(支出)情况
   (one column per economic category) | 支出情况 (same three) | 资金使用率 (same three), a 合计 row
   from the ``合计:<group>/<column>`` figures; money with two decimals (more when stated).
2. 现场评价明细表 — 单位 (code or city, name) | 合计 | one column per project.
3. 绩效评价指标评分表 — 一级 | 二级 | 三级 | 分值 | 指标解释 | 评分标准 | 得分 | 扣分因素, levels printed with
   their weights ``决策（22分）``, the 合计 row.
4. 绩效目标完成情况汇总表 — the fund block (项目资金: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 |
   得分), 年度总体目标, then 绩效指标: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 自评得分 | 偏差原因,
   levels printed ``产出指标 (50分)`` as the seed does, and the 总分 row.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Document, Indicator
from jixiao.reports.blocks import GridBuilder, Table
from jixiao.reports.layouts.common import figure, target_text
from jixiao.reports.numbers import percent, plain, points

MONEY_KEYS = ("special", "business", "total")


def amount(value: Decimal | None) -> str:
    """Money as attachment 1 prints it: two decimals, or all the decimals stated."""
    if value is None:
        return ""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return plain(value) if isinstance(exponent, int) and exponent < -2 else f"{value:.2f}"


def _group_names(doc: Document, group: str, default: tuple[str, ...]) -> list[str]:
    prefix = f"合计:{group}/"
    names = [f.name[len(prefix) :] for f in doc.figures if f.name.startswith(prefix)]
    return names or list(default)


def funds_table(doc: Document) -> Table:
    """Attachment 1, the fund-use table."""
    money = _group_names(doc, "资金到位情况", ("专项资金", "业务工作经费", "合计"))[:3]
    spent_names = _group_names(doc, "支出情况", tuple(money))[:3]
    rate_names = _group_names(doc, "资金使用率", tuple(money))[:3]
    categories = _group_names(doc, "支出明细", ())
    for project in doc.projects:
        categories += [c for c in project.expenses if c not in categories]
    width = 2 + 3 + len(categories) + 6
    grid = GridBuilder(width, [2.0, 1.6] + [0.9] * (width - 2))
    c = 2 + 3 + len(categories)
    grid.row(
        (0, 1, "项目名称"),
        (1, 1, "单位名称"),
        (2, 3, "资金到位情况"),
        (5, len(categories), "资金使用(支出)情况"),
        (c, 3, "支出情况"),
        (c + 3, 3, "资金使用率"),
    )
    grid.row(
        *((2 + i, 1, n) for i, n in enumerate([*money, *categories, *spent_names, *rate_names]))
    )
    grid.merge_down(0, 1, 0)
    grid.merge_down(0, 1, 1)
    grid.table.header_rows = 2
    for p in doc.projects:
        cells = [p.name, p.unit or ""]
        cells += [amount(p.available.get(k)) for k in MONEY_KEYS]
        cells += [amount(p.expenses.get(name)) for name in categories]
        cells += [amount(p.spent.get(k)) for k in MONEY_KEYS]
        cells += [
            percent(p.rates.get(k)) if p.rates.get(k) is not None else "/" for k in MONEY_KEYS
        ]
        grid.row(*((i, 1, text) for i, text in enumerate(cells)))
    _funds_total(grid, doc, [money, categories, spent_names, rate_names])
    return grid.table


def _funds_total(grid: GridBuilder, doc: Document, columns: list[list[str]]) -> None:
    groups = ("资金到位情况", "支出明细", "支出情况", "资金使用率")
    cells: list[str] = []
    for group, names in zip(groups, columns, strict=True):
        for name in names:
            stated = figure(doc, f"合计:{group}/{name}")
            value = stated.value if stated else None
            cells.append(
                percent(value) if group == "资金使用率" and value is not None else amount(value)
            )
    if any(cells):
        grid.row((0, 2, "合计"), *((2 + i, 1, text) for i, text in enumerate(cells)))


def allocations_table(doc: Document) -> Table:
    """Attachment 2, the on-site evaluation table (one column per project)."""
    projects: list[str] = []
    for alloc in doc.allocations:
        projects += [p for p in alloc.by_project if p not in projects]
    grid = GridBuilder(3 + len(projects), [1.0, 2.0, 1.0] + [0.8] * len(projects))
    grid.row((0, 2, "单位"), (2, 1, "合计"), *((3 + i, 1, p) for i, p in enumerate(projects)))
    grid.table.header_rows = 1
    for alloc in doc.allocations:
        if alloc.is_subtotal and alloc.unit == "合计":
            first, second = "", "合计"
        elif alloc.is_subtotal:
            first, second = alloc.parent or alloc.unit.removesuffix("小计"), "小计(万元)"
        else:
            first, second = alloc.code or "", alloc.unit
        values = [plain(alloc.by_project.get(p)) for p in projects]
        grid.row(
            (0, 1, first),
            (1, 1, second),
            (2, 1, plain(alloc.total)),
            *((3 + i, 1, v) for i, v in enumerate(values)),
        )
    return grid.table


def split_sheets(doc: Document) -> tuple[list[Indicator], list[Indicator]]:
    """Attachment 3's indicators (first, with criteria or explanations) and attachment 4's.

    The score sheet's rows carry 评分标准 or 指标解释; the target table's rows carry targets
    and results instead. The leading run of the former is attachment 3.
    """
    for i, ind in enumerate(doc.indicators):
        if not (ind.criteria or ind.basis):
            return doc.indicators[:i], doc.indicators[i:]
    return doc.indicators, []


def _level(doc: Document, ind: Indicator, depth: int, style: str) -> str:
    if len(ind.path) <= depth:
        return ""
    stated = figure(doc, "分值:" + "/".join(ind.path[: depth + 1]))
    if stated is None or stated.value is None:
        return ind.path[depth]
    return style.format(name=ind.path[depth], w=points(stated.value))


def _levels(doc: Document, rows: list[Indicator], style: str) -> list[tuple[str, str]]:
    """Level cells printed once per group (the reader carries them down)."""
    out, previous = [], ([], [])
    for ind in rows:
        one = _level(doc, ind, 0, style) if ind.path[:1] != previous[0] else ""
        two = _level(doc, ind, 1, style) if ind.path[:2] != previous[1] else ""
        previous = (ind.path[:1], ind.path[:2])
        out.append((one, two))
    return out


def scores_table(doc: Document, rows: list[Indicator], sheet: str) -> Table:
    """Attachment 3, the score sheet with criteria."""
    header = (
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "指标解释",
        "评分标准",
        "得分",
        "扣分因素",
    )
    grid = GridBuilder(len(header), [1.1, 1.2, 1.4, 0.6, 3.0, 4.0, 0.6, 2.0])
    grid.row(*((c, 1, t) for c, t in enumerate(header)))
    grid.table.header_rows = 1
    for ind, (one, two) in zip(rows, _levels(doc, rows, "{name}（{w}分）"), strict=True):
        cells = [
            one,
            two,
            ind.name,
            points(ind.weight),
            ind.basis,
            ind.criteria or "",
            points(ind.score),
            ind.deviation or "",
        ]
        grid.row(*((c, 1, t) for c, t in enumerate(cells)))
    weight, score = figure(doc, f"合计:{sheet}/分值"), figure(doc, f"合计:{sheet}/得分")
    if weight or score:
        grid.row(
            (0, 3, "合计"),
            (3, 1, points(weight.value) if weight else ""),
            (6, 1, points(score.value) if score else ""),
        )
    return grid.table


def targets_table(doc: Document, rows: list[Indicator]) -> Table:
    """Attachment 4: fund block, overall goals, then the indicator table and its 总分."""
    grid = GridBuilder(9, [1.0, 1.2, 1.2, 3.0, 1.6, 1.6, 0.7, 0.7, 2.0])
    _targets_fund(grid, doc)
    goals, done = figure(doc, "年度总体目标:预期目标"), figure(doc, "年度总体目标:实际完成情况")
    if goals or done:
        grid.part(0)
        top = grid.row((0, 1, "年度总体目标"), (1, 4, "预期目标"), (5, 4, "实际完成情况"))
        grid.row((1, 4, goals.text if goals else ""), (5, 4, done.text if done else ""))
        grid.merge_down(top, top + 1, 0)
    header = (
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "自评得分",
        "偏差原因分析及改进措施",
    )
    grid.part(1)
    grid.row(*((c, 1, t) for c, t in enumerate(header)))
    for ind, (one, two) in zip(rows, _levels(doc, rows, "{name} ({w}分)"), strict=True):
        cells = [
            "",
            one,
            two,
            ind.name,
            target_text(ind),
            ind.actual.raw if ind.actual else "",
            points(ind.weight),
            points(ind.score),
            ind.deviation or "",
        ]
        grid.row(*((c, 1, t) for c, t in enumerate(cells)))
    weight, score = figure(doc, "合计:绩效目标/分值"), figure(doc, "合计:绩效目标/得分")
    if weight or score:
        grid.part(0)
        grid.row(
            (0, 1, ""),
            (1, 5, "总分"),
            (6, 1, points(weight.value) if weight else ""),
            (7, 1, points(score.value) if score else ""),
        )
    return grid.table


def _targets_fund(grid: GridBuilder, doc: Document) -> None:
    budget = doc.budget
    if budget is None:
        return
    grid.part(1)
    heads = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    top = grid.row(
        (0, 2, f"项目资金 ({budget.unit_of_money})"), *((2 + i, 1, h) for i, h in enumerate(heads))
    )
    for i, row in enumerate(budget.rows):
        label = f"其中：{row.source}" if i == 1 and row.source.startswith("当年") else row.source
        cells = [
            f"{row.initial:,.2f}" if row.initial is not None else "",
            f"{row.adjusted:,.2f}" if row.adjusted is not None else "",
            f"{row.spent:,.2f}" if row.spent is not None else "",
            points(row.weight),
            percent(row.rate),
            points(row.score),
        ]
        grid.row((1, 1, label), *((2 + c, 1, t) for c, t in enumerate(cells)))
    grid.merge_down(top + 1, len(grid.table.rows) - 1, 0)
