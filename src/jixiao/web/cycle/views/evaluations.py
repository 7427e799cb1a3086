"""Evaluation pages: start one on a system, read its sheet, adjust a row with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import system_for, visible_systems
from jixiao.web.cycle.evaluations import adjust, evaluate, may_evaluate
from jixiao.web.cycle.models import Evaluation, EvaluationScore
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.cycle.workflow import WorkflowError
from jixiao.web.outcomes.ledger import may_register


@login_required
@require_POST
def start_evaluation(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    try:
        evaluation = evaluate(system, request.POST.get("kind", ""), request.user)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("system_detail", system.pk)
    return redirect("evaluation_detail", evaluation.pk)


def _evaluation(request: HttpRequest, evaluation_id: int) -> Evaluation:
    return get_object_or_404(
        Evaluation.objects.select_related("system__organization", "evaluator").filter(
            system__in=visible_systems(request.user)
        ),
        pk=evaluation_id,
    )


@login_required
def evaluation_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = _evaluation(request, evaluation_id)
    system = evaluation.system
    return render(
        request,
        "cycle/evaluation.html",
        {
            "nav": "systems",
            "evaluation": evaluation,
            "system": system,
            "org": system.organization,
            "rows": evaluation.scores.select_related("indicator").order_by("indicator__position"),
            "can_adjust": may_evaluate(request.user, evaluation.kind, system),
            "can_register": may_register(request.user, system.organization),
        },
    )


@login_required
@require_POST
def adjust_score(request: HttpRequest, evaluation_id: int, row_id: int) -> HttpResponse:
    evaluation = _evaluation(request, evaluation_id)
    row = get_object_or_404(EvaluationScore, pk=row_id, evaluation=evaluation)
    try:
        adjust(
            row,
            request.POST.get("adjusted", ""),
            request.POST.get("reason", ""),
            request.user,
            posted_version(request),
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已调整「{row.indicator.name[:30]}」的得分。")
    return redirect("evaluation_detail", evaluation.pk)
