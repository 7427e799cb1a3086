"""Checks of a self-evaluation's fund block (项目资金): rates, column sums, the block's score.

- ``budget.execution_rate`` (error): a row's printed 执行率 differs from 全年执行 ÷ 全年预算.
- ``budget.column_sum`` (error): the total row (合计 / 年度资金总额) differs from the sum of
  the funding-source rows above it, column by column.
- ``budget.score_exceeds_weight`` (error): the block's 得分 is above its 分值.
- ``budget.adjustment_reason`` (warning): the form's note asks that a mid-year adjustment
  (年初预算 ≠ 调整后预算) be explained and the 原因 cells say nothing.
- ``budget.low_execution_reason`` (note): 执行率 below 90% needs a stated reason
  (DOMAIN 2.1); the fund block has no cell for it, so this is a reminder, not a fault.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Budget, BudgetRow, Document
from jixiao.core.findings import Finding
from jixiao.core.money import execution_rate, round_half_up
from jixiao.core.scoring.budget import column_sum, part_rows, total_row
from jixiao.core.scoring.rules import fmt

from .places import Ratio, differs, percent, printed_rate

COLUMNS = (("initial", "年初预算"), ("adjusted", "全年预算"), ("spent", "全年执行"))


def check_budget(doc: Document) -> list[Finding]:
    """All fund-block checks; nothing when the document has no fund block."""
    budget = doc.budget
    if budget is None:
        return []
    found = [f for row in budget.rows if (f := _row_rate(row)) is not None]
    found += _column_sums(budget)
    found += _block_score(budget)
    found += _adjustment_reason(doc, budget)
    return found


ADJUSTMENT_RULE = "表注:预算调整须说明理由"


def _adjustment_reason(doc: Document, budget: Budget) -> list[Finding]:
    """The form's rule that a mid-year adjustment be explained, against the 原因 cells."""
    rule = next((f for f in doc.figures if f.name == ADJUSTMENT_RULE), None)
    reasons = [f for f in doc.figures if f.name.startswith("项目资金:原因/")]
    row = total_row(budget) or (budget.rows[0] if budget.rows else None)
    if rule is None or reasons or row is None:
        return []
    if row.initial is None or row.adjusted is None or row.initial == row.adjusted:
        return []
    message = (
        f"{row.source}年初预算{fmt(row.initial)}调整为{fmt(row.adjusted)}，"
        f"表注要求“{rule.text}”，原因栏未说明"
    )
    where = f"项目资金 · {row.source} · 年初预算/调整后预算 · 原因"
    return [Finding("budget.adjustment_reason", "warning", where, message, None, row.adjusted)]


def _row_rate(row: BudgetRow) -> Finding | None:
    """A row's printed 执行率 against 全年执行 ÷ 全年预算 (86% for 86.20% is rounding)."""
    if row.rate is None:
        return None
    where = f"项目资金 · {row.source}"
    ratio = Ratio(row.spent, row.adjusted, "全年执行/全年预算", money=True)
    return printed_rate("budget.execution_rate", "error", where, "执行率", row.rate, ratio)


def _column_sums(budget: Budget) -> list[Finding]:
    total, parts = total_row(budget), part_rows(budget)
    if total is None or not parts:
        return []
    found = []
    for column, label in COLUMNS:
        printed, summed = getattr(total, column), column_sum(parts, column)
        if printed is None or summed is None or not differs(printed, summed):
            continue
        names = "＋".join(r.source for r in parts if getattr(r, column) is not None)
        message = f"{total.source}行{label}印为{fmt(printed)}，{names}相加应为{fmt(summed)}"
        where = f"项目资金 · {total.source} · {label}"
        found.append(Finding("budget.column_sum", "error", where, message, summed, printed))
    return found


def _block_score(budget: Budget) -> list[Finding]:
    weight, score = budget.weight, budget.score
    found = []
    if weight is not None and score is not None and score > weight:
        message = f"预算执行得分{fmt(score)}超过分值{fmt(weight)}"
        found.append(
            Finding(
                "budget.score_exceeds_weight", "error", "项目资金 · 得分", message, weight, score
            )
        )
    total = total_row(budget)
    rate = execution_rate(total.spent, total.adjusted) if total else None
    if rate is not None and rate < Decimal(90) and weight is not None:
        message = f"预算执行率{percent(rate)}低于90%，应说明原因"
        found.append(
            Finding(
                "budget.low_execution_reason",
                "note",
                "项目资金 · 执行率",
                message,
                Decimal(90),
                round_half_up(rate),
            )
        )
    return found
