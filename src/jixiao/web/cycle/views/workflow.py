"""Workflow steps from the pages: one POST per step, refusals shown in Chinese."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import system_for
from jixiao.web.cycle.models import Action
from jixiao.web.cycle.workflow import WorkflowError, errors_in, transition


@login_required
@require_POST
def take_step(request: HttpRequest, system_id: int, action: str) -> HttpResponse:
    system = system_for(request.user, system_id)
    if action not in Action.values:
        raise PermissionDenied(f"未知的操作：{action}")
    try:
        record = transition(
            system,
            action,
            request.user,
            comment=request.POST.get("comment", ""),
            reason=request.POST.get("reason", ""),
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("system_detail", system.pk)
    text = f"已{record.get_action_display()}：「{system}」现为「{record.system.get_status_display()}」。"
    errors = errors_in(record.findings)
    if errors and record.action == Action.SUBMIT:
        text += f"校验发现 {len(errors)} 项错误，审批时须说明理由。"
    messages.success(request, text)
    return redirect("system_detail", system.pk)
