"""Scoring the fund block (预算执行率 × 分值) of a self-evaluation or a project table.

The block's score is 执行率 × 分值, capped at the weight (DOMAIN 2.2: 全年执行 ÷ 全年预算).
The rate is recomputed from the money, never taken from the printed 执行率 (002 prints
0.00% for rows that were fully spent). When the total row's spending disagrees with the sum
of the rows above it, the rows are trusted: they are the detail the total was meant to add up.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Budget, BudgetRow
from jixiao.core.money import execution_rate, round_half_up
from jixiao.core.scoring.rules import LinearOnRate, RuleResult, fmt

TOTAL_LABELS = ("合计", "总计", "年度资金总额", "资金总额")


def total_row(budget: Budget) -> BudgetRow | None:
    """The block's total row (合计 / 年度资金总额), else its only row."""
    for row in budget.rows:
        if any(label in row.source for label in TOTAL_LABELS):
            return row
    return budget.rows[0] if len(budget.rows) == 1 else None


def part_rows(budget: Budget) -> list[BudgetRow]:
    """The funding-source rows that the total row adds up."""
    total = total_row(budget)
    return [r for r in budget.rows if r is not total]


def column_sum(rows: list[BudgetRow], column: str) -> Decimal | None:
    """Sum a money column over ``rows``; None when no row prints it."""
    values = [getattr(r, column) for r in rows if getattr(r, column) is not None]
    return sum(values, Decimal(0)) if values else None


def budget_money(budget: Budget) -> tuple[Decimal | None, Decimal | None, str]:
    """Return (adjusted, spent, note) to score with: the parts' sums where the total disagrees."""
    total = total_row(budget)
    parts = part_rows(budget)
    adjusted = total.adjusted if total else column_sum(parts, "adjusted")
    spent = total.spent if total else column_sum(parts, "spent")
    note = ""
    for column, printed in (("adjusted", adjusted), ("spent", spent)):
        summed = column_sum(parts, column)
        if summed is not None and printed is not None and summed != printed:
            note += f"合计行{_label(column)}印为{fmt(printed)}，各行相加为{fmt(summed)}，按各行相加计；"
            adjusted, spent = (summed, spent) if column == "adjusted" else (adjusted, summed)
    return adjusted, spent, note


def _label(column: str) -> str:
    return {"adjusted": "全年预算", "spent": "全年执行"}[column]


def score_budget(budget: Budget, rule: LinearOnRate | None = None) -> RuleResult | None:
    """Score the block by its recomputed 执行率; None when the block has no weight."""
    weight = budget.weight
    total = total_row(budget)
    if weight is None and total is not None:
        weight = total.weight
    if weight is None:
        return None
    adjusted, spent, note = budget_money(budget)
    rate = execution_rate(spent, adjusted)
    result = (rule or LinearOnRate()).score(weight, rate)
    shown = "—" if rate is None else f"{fmt(round_half_up(rate))}%"
    how = f"执行率=全年执行{fmt(spent)}÷全年预算{fmt(adjusted)}={shown}；"
    return RuleResult(
        result.rule, result.points, weight, result.inputs, note + how + result.explanation
    )
