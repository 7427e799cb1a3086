"""Checks of fund tables (projects: money available and spent) and allocation tables.

- ``funds.execution_rate`` (error): a printed 执行率/资金使用率 differs from spent ÷ available
  for the same column (专项资金, 业务工作经费, 合计).
- ``funds.sum`` (error): a project's 合计 column is not 专项资金 + 业务工作经费.
- ``funds.expense_sum`` (error): the spending broken down by kind (办公费, 印刷费 …) does not
  add up to the project's total spending.
- ``funds.total_row`` (error): a 合计 project row is not the sum of the projects above it.
  (The ``合计:…`` figures of an evaluation report's fund table are checked against the
  projects by :mod:`jixiao.core.checks.report`, codes ``report.fund_total`` and
  ``report.expense_total``.)
- ``allocations.sum`` (error): an allocation row's 合计 is not the sum of its project cells
  (a warning when the reader reported a cell of that row it could not read).

Tables print money to two or four decimals, so sums are compared with half a cent of slack
per addend: a rounding difference is not reported.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Allocation, Document, Project
from jixiao.core.findings import Finding
from jixiao.core.money import CENT
from jixiao.core.scoring.rules import fmt

from .places import Ratio, differs, printed_rate

ZERO = Decimal(0)
PARTS = ("special", "business")
LABELS = {"special": "专项资金", "business": "业务工作经费", "total": "合计"}
TOTAL_NAMES = ("合计", "总计")


def check_funds(doc: Document) -> list[Finding]:
    """Rates and sums of every project row, the total row, and allocation rows."""
    found: list[Finding] = []
    for project in doc.projects:
        found += _rates(project) + _sums(project) + _expenses(project)
    found += _total_row(doc.projects)
    found += [f for a in doc.allocations if (f := _allocation(a, doc.warnings)) is not None]
    return found


def _where(project: Project, column: str | None = None) -> str:
    parts = [project.name, project.unit or "", LABELS.get(column or "", column or "")]
    return " · ".join(p for p in parts if p)


def _rates(project: Project) -> list[Finding]:
    found = []
    for key, printed in project.rates.items():
        spent, available = project.spent.get(key), project.available.get(key)
        if printed is None:
            continue
        where = _where(project, key)
        ratio = Ratio(spent, available, "支出/到位资金", money=True)
        finding = printed_rate("funds.execution_rate", "error", where, "执行率", printed, ratio)
        found += [finding] if finding else []
    return found


def _sums(project: Project) -> list[Finding]:
    found = []
    for side, label in ((project.available, "到位资金"), (project.spent, "支出")):
        total = side.get("total")
        parts = [side[k] for k in PARTS if side.get(k) is not None]
        if total is None or not parts:
            continue
        summed = sum(parts, ZERO)
        if differs(total, summed, CENT):
            message = f"{label}合计印为{fmt(total)}，专项资金与业务工作经费相加应为{fmt(summed)}"
            found.append(
                Finding("funds.sum", "error", _where(project, "total"), message, summed, total)
            )
    return found


def _expenses(project: Project) -> list[Finding]:
    total = project.spent.get("total")
    if not project.expenses or total is None:
        return []
    summed = sum(project.expenses.values(), ZERO)
    if not differs(total, summed, CENT * len(project.expenses) / 2 + CENT):
        return []
    message = f"支出合计印为{fmt(total)}，各项支出（{len(project.expenses)}项）相加为{fmt(summed)}"
    return [Finding("funds.expense_sum", "error", _where(project), message, summed, total)]


def _total_row(projects: list[Project]) -> list[Finding]:
    totals = [p for p in projects if p.name.strip() in TOTAL_NAMES]
    rows = [p for p in projects if p not in totals]
    if len(totals) != 1 or not rows:
        return []
    total, found = totals[0], []
    for side_name, label in (("available", "到位资金"), ("spent", "支出")):
        for key, printed in getattr(total, side_name).items():
            values = [getattr(p, side_name).get(key) for p in rows]
            values = [v for v in values if v is not None]
            if printed is None or not values:
                continue
            summed = sum(values, ZERO)
            if differs(printed, summed, CENT * len(values) / 2 + CENT):
                message = f"合计行{label}（{LABELS.get(key, key)}）印为{fmt(printed)}，{len(values)}个项目相加为{fmt(summed)}"
                found.append(
                    Finding(
                        "funds.total_row", "error", _where(total, key), message, summed, printed
                    )
                )
    return found


def _allocation(row: Allocation, warnings: list[str]) -> Finding | None:
    """A row whose cells were not all read is only a warning: the gap may be the unread cell."""
    if row.total is None or not row.by_project:
        return None
    summed = sum(row.by_project.values(), ZERO)
    if not differs(row.total, summed, CENT * len(row.by_project) / 2 + CENT):
        return None
    message = f"合计印为{fmt(row.total)}，各项目金额相加为{fmt(summed)}"
    unread = [w for w in warnings if f"「{row.unit}」" in w or row.unit in w.split("：")[0]]
    if unread:
        message += f"（该行有未能读取的单元格：{unread[0]}）"
        return Finding("allocations.sum", "warning", row.unit, message, summed, row.total)
    return Finding("allocations.sum", "error", row.unit, message, summed, row.total)
