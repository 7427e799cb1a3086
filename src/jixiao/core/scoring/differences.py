"""Differences between a document's printed scores and the recomputation, as findings.

Each finding says where, what was printed, what the rule gives and why (the rule's own
Chinese explanation). A total that differs is explained by the rows that make up the gap,
so an evaluator sees at once which scores to look at. Rounding is not a difference.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.core.documents import Document
from jixiao.core.findings import Finding
from jixiao.core.money import CENT
from jixiao.core.scoring.grades import GradeBand, grade_for
from jixiao.core.scoring.rules import fmt

if TYPE_CHECKING:
    from jixiao.core.scoring.scores import IndicatorScore, ScoreSheet


def slack(rows: list[IndicatorScore]) -> Decimal:
    """How far a sum of two-decimal scores may drift from its printed total by rounding alone."""
    return max(CENT, CENT * len(rows) / 2)


#: Rulings of the province's policy that change the total (:mod:`.policy`).
RULED = ("score.deviation", "score.cap")


def describe(row: IndicatorScore) -> str:
    """Where an indicator sits, in the documents' own words: 产出指标 · 数量指标 · name."""
    return " · ".join([*row.indicator.path, row.indicator.name])


def find_differences(
    doc: Document, sheet: ScoreSheet, bands: tuple[GradeBand, ...]
) -> list[Finding]:
    """All differences: per indicator, the fund block, the total and the grade."""
    found = [f for row in sheet.rows if (f := _row_difference(row)) is not None]
    budget = _budget_difference(doc, sheet)
    found += [budget] if budget else []
    ruled = [r for r in sheet.rulings if r.rule in RULED]
    total = _total_difference(doc, sheet, found + ruled)
    found += [total] if total else []
    grade = _grade_difference(sheet, bands)
    found += [grade] if grade else []
    return found


def _row_difference(row: IndicatorScore) -> Finding | None:
    points, printed = row.result.points, row.reported
    if points is None or printed is None or abs(points - printed) <= CENT:
        return None
    message = f"得分印为{fmt(printed)}，复核应为{fmt(points)}：{row.result.explanation}"
    return Finding("score.recomputed", "warning", describe(row), message, points, printed)


def _budget_difference(doc: Document, sheet: ScoreSheet) -> Finding | None:
    result = sheet.budget
    printed = doc.budget.score if doc.budget else None
    if result is None or result.points is None or printed is None:
        return None
    if abs(result.points - printed) <= CENT:
        return None
    message = f"预算执行得分印为{fmt(printed)}，复核应为{fmt(result.points)}：{result.explanation}"
    return Finding(
        "score.budget", "warning", "项目资金 · 预算执行率", message, result.points, printed
    )


def _total_difference(doc: Document, sheet: ScoreSheet, found: list[Finding]) -> Finding | None:
    printed, total = sheet.reported_total, sheet.recomputed_total
    if printed is None or total is None or abs(printed - total) <= slack(sheet.rows):
        return None
    parts = [f"{f.where} {fmt(_num(f.found))}→{fmt(_num(f.expected))}" for f in found]
    unexplained = (
        printed - total + sum((_num(f.expected) - _num(f.found) for f in found), Decimal(0))
    )
    unweighted = [i for i in doc.indicators if i.weight is None and i.score is not None]
    if unweighted:  # the recomputation could not count them: say so, not 复核无误
        reason = f"{len(unweighted)}项指标印有得分而未印分值，未计入复核"
    elif parts:
        reason = "差额来自：" + "；".join(parts)
    else:
        reason = "各项得分复核无误，差额来自总分的加总"
    if parts and not unweighted and abs(unexplained) > slack(sheet.rows):
        reason += f"；另有{fmt(unexplained)}分来自总分的加总"
    said = "各项得分合计为" if sheet.reported_summed else "总分印为"
    message = f"{said}{fmt(printed)}，复核为{fmt(total)}；{reason}"
    return Finding("score.total", "warning", "总分", message, total, printed)


def _grade_difference(sheet: ScoreSheet, bands: tuple[GradeBand, ...]) -> Finding | None:
    printed = sheet.reported_grade
    expected = grade_for(sheet.reported_total, bands)
    if not printed or expected is None or printed == expected:
        return None
    message = f"评价等级印为「{printed}」，按总分{fmt(sheet.reported_total)}应为「{expected}」"
    return Finding("grade.mismatch", "error", "评价结论", message, expected, printed)


def _num(value: Decimal | str | None) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0)
