"""绩效目标审核 page: the automatic checks, earlier reviews, and the coded result form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jixiao.web.cycle.access import system_for
from jixiao.web.cycle.models import Action
from jixiao.web.cycle.workflow import WorkflowError, available_actions, held_back
from jixiao.web.library.adapter import run_review
from jixiao.web.library.models import ReviewResult
from jixiao.web.library.reviews import record_review


@login_required
def target_review(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    if request.method == "POST":
        try:
            review = record_review(
                system,
                request.user,
                request.POST.get("result", ""),
                request.POST.get("opinion", ""),
            )
        except (WorkflowError, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"审核结果「{review.get_result_display()}」已记录。")
            return redirect("library_review", system.pk)
    actions = available_actions(request.user, system)
    context = {
        "nav": "systems",
        "tab": "review",
        "system": system,
        "org": system.organization,
        "checks": run_review(system),
        "reviews": system.target_reviews.select_related("reviewer"),
        "may_review": Action.REVIEW in actions,
        "held_back": held_back(request.user, system),
        "results": ReviewResult.choices,
        "posted": request.POST,
    }
    return render(request, "library/review.html", context)
