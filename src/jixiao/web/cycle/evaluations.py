"""Evaluations (自评, 部门评价, 第三方评价): the core's score sheet frozen with who and when.

Scores come only from ``core.scoring.score_document`` on the system as it stands (through
``jixiao.web.adapter``); an evaluator may then adjust one indicator's score within its 分值,
which needs a reason, is logged like every other change and counts in the evaluation's and
the system's stored totals. Who may start which evaluation: the unit itself for 自评, the level above
for 部门评价, an evaluator for 第三方评价.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core.documents import Adjustment
from jixiao.core.scoring import ScoreSheet
from jixiao.core.scoring.adjustments import AdjustmentError, check_adjustment, read_points
from jixiao.web.adapter import (
    indicator_id,
    indicator_of,
    keep_points,
    latest_evaluation,
    store_score,
)
from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.cycle.models import Evaluation, EvaluationKind, EvaluationScore
from jixiao.web.cycle.workflow import WorkflowError, run_system_checks
from jixiao.web.orgs.permissions import can, can_above
from jixiao.web.performance.models import Indicator, IndicatorSystem


def may_evaluate(user: Any, kind: str, system: IndicatorSystem) -> bool:
    """True when the user may run an evaluation of ``kind`` on ``system``."""
    org = system.organization
    if kind == EvaluationKind.SELF:
        return can(user, "edit", org)
    if kind == EvaluationKind.DEPARTMENT:
        return can_above(user, "review", org) or can_above(user, "approve", org)
    return can(user, "evaluate", org)


def evaluate(system: IndicatorSystem, kind: str, user: Any) -> Evaluation:
    """Score the system now and keep the sheet, one row per weighted indicator.

    A new evaluation starts without adjustments, so the system's stored total becomes the
    rules' total again (the adjustments of an earlier evaluation stay on its own sheet).
    """
    if kind not in EvaluationKind.values:
        raise WorkflowError(f"未知的评价类型：{kind}")
    if not may_evaluate(user, kind, system):
        raise PermissionDenied(
            f"您没有权限对「{system.organization.name}」开展{EvaluationKind(kind).label}。"
        )
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            system=system, kind=kind, evaluator=user, findings=run_system_checks(system)
        )
        sheet = store_score(system)
        _keep_sheet(evaluation, sheet)
        by_id = {indicator_id(i): i for i in system.indicators.all()}
        record_created(evaluation, user, what=f"{evaluation.total} {evaluation.grade}".strip())
        EvaluationScore.objects.bulk_create(
            EvaluationScore(
                evaluation=evaluation,
                indicator=by_id[row.indicator.id],
                computed=row.computed,
                trace=row.result.explanation,
            )
            for row in sheet.rows
            if row.indicator.id in by_id
        )
        _keep_points(sheet, by_id)
    return evaluation


def _keep_sheet(evaluation: Evaluation, sheet: ScoreSheet) -> None:
    """The evaluation's frozen sheet, total and grade: the system's stored ones at this moment."""
    evaluation.sheet = sheet.to_dict()
    evaluation.total = sheet.recomputed_total
    evaluation.grade = sheet.grade or ""
    evaluation.save(update_fields=["sheet", "total", "grade"])


def _keep_points(sheet: ScoreSheet, by_id: dict[str, Indicator]) -> None:
    """The evaluation rescored every row anyway: store the rules' points where they moved."""
    keep_points(
        {
            by_id[row.indicator.id].pk: row.result.points
            for row in sheet.rows
            if row.indicator.id in by_id
        }
    )


def adjust(
    row: EvaluationScore, text: str, reason: str, user: Any, expected: int | None = None
) -> None:
    """Set an evaluator's score for one indicator of the latest evaluation, or clear it.

    The score must lie within 0 … the indicator's 分值 and have a reason; the change is
    logged, and the evaluation's and the system's totals are recomputed in the same
    transaction, so the dashboards, rankings and pools count it at once. ``expected`` is the
    version the evaluator saw; a stale one raises ``Stale`` and nothing is saved.

    Raises:
        PermissionDenied: when the user may not run this kind of evaluation.
        WorkflowError: with a Chinese message when the score or the reason is not acceptable.
    """
    evaluation = row.evaluation
    system = evaluation.system
    if not may_evaluate(user, evaluation.kind, system):
        raise PermissionDenied("您没有权限调整此次评价的得分。")
    if latest_evaluation(system) != evaluation:
        raise WorkflowError("只能调整该指标体系最近一次评价的得分；请在最近一次评价中调整。")
    adjustment = _checked(row, text, reason)
    with transaction.atomic():
        label = f"{evaluation.get_kind_display()}调整得分"
        value = adjustment.points if adjustment else None
        values = {"adjusted": value, "reason": adjustment.reason if adjustment else reason.strip()}
        labels = {"adjusted": label}
        update_fields(row, values, user, reason.strip(), expected, labels, quiet=("reason",))
        _keep_sheet(evaluation, store_score(system))


def _checked(row: EvaluationScore, text: str, reason: str) -> Adjustment | None:
    """The adjustment typed for ``row`` (None to clear it), checked against the 分值."""
    ind = indicator_of(row.indicator)
    try:
        points = read_points(text, ind.name)
        if points is None:
            if not reason.strip():
                raise AdjustmentError(f"取消「{ind.name}」的得分调整须填写理由。")
            return None
        return check_adjustment(ind, points, reason)
    except AdjustmentError as exc:
        raise WorkflowError(str(exc)) from exc
