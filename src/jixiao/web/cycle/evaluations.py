"""Evaluations (自评, 部门评价, 第三方评价): the core's score sheet frozen with who and when.

Scores come only from ``core.scoring.score_document`` on the system as it stands; an
evaluator may then adjust one indicator's score, which needs a reason and is logged like
every other change. Who may start which evaluation: the unit itself for 自评, the level above
for 部门评价, an evaluator for 第三方评价.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.cycle.models import Evaluation, EvaluationKind, EvaluationScore
from jixiao.web.cycle.workflow import WorkflowError, run_system_checks
from jixiao.web.orgs.permissions import can, can_above
from jixiao.web.performance.models import Indicator, IndicatorSystem, decimal_or_none


def may_evaluate(user: Any, kind: str, system: IndicatorSystem) -> bool:
    """True when the user may run an evaluation of ``kind`` on ``system``."""
    org = system.organization
    if kind == EvaluationKind.SELF:
        return can(user, "edit", org)
    if kind == EvaluationKind.DEPARTMENT:
        return can_above(user, "review", org) or can_above(user, "approve", org)
    return can(user, "evaluate", org)


def evaluate(system: IndicatorSystem, kind: str, user: Any) -> Evaluation:
    """Score the system now and keep the sheet, one row per weighted indicator."""
    from jixiao.core.scoring import score_document

    if kind not in EvaluationKind.values:
        raise WorkflowError(f"未知的评价类型：{kind}")
    if not may_evaluate(user, kind, system):
        raise PermissionDenied(
            f"您没有权限对「{system.organization.name}」开展{EvaluationKind(kind).label}。"
        )
    sheet = score_document(system.to_core()).to_dict()
    by_id = {i.code or str(i.position): i for i in system.indicators.all()}
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            system=system,
            kind=kind,
            evaluator=user,
            total=decimal_or_none(sheet.get("recomputed_total")),
            grade=sheet.get("grade") or "",
            sheet=sheet,
            findings=run_system_checks(system),
        )
        record_created(evaluation, user, what=f"{evaluation.total} {evaluation.grade}".strip())
        EvaluationScore.objects.bulk_create(
            EvaluationScore(
                evaluation=evaluation,
                indicator=by_id[row["id"]],
                computed=decimal_or_none(row.get("recomputed")),
                trace=(row.get("trace") or {}).get("explanation", ""),
            )
            for row in sheet.get("indicators", [])
            if row.get("id") in by_id
        )
        _keep_recomputed(sheet, by_id)
    return evaluation


def _keep_recomputed(sheet: dict[str, Any], by_id: dict[str, Indicator]) -> None:
    """The evaluation rescored every row anyway: store its points where they moved."""
    changed = []
    for row in sheet.get("indicators", []):
        indicator = by_id.get(row.get("id"))
        points = decimal_or_none((row.get("trace") or {}).get("points"))
        if indicator is not None and indicator.recomputed != points:
            indicator.recomputed = points
            changed.append(indicator)
    Indicator.objects.bulk_update(changed, ["recomputed"])


def adjust(
    row: EvaluationScore,
    value: Decimal | None,
    reason: str,
    user: Any,
    expected: int | None = None,
) -> None:
    """Set a manual score for one indicator; a reason is required and the change is logged."""
    evaluation = row.evaluation
    if not may_evaluate(user, evaluation.kind, evaluation.system):
        raise PermissionDenied("您没有权限调整此次评价的得分。")
    if not reason.strip():
        raise WorkflowError("手工调整得分须填写理由。")
    label = f"{evaluation.get_kind_display()}调整得分"
    values = {"adjusted": value, "reason": reason.strip()}
    labels = {"adjusted": label}
    update_fields(row, values, user, reason.strip(), expected, labels, quiet=("reason",))
