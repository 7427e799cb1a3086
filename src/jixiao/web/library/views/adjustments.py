"""绩效目标调整 pages: a unit's request, the level above's decision, the window and reminder."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import indicator_for
from jixiao.web.library.adjust import (
    ADJUSTABLE,
    AdjustmentError,
    decide,
    may_decide,
    reminders,
    request_adjustment,
    window_for,
)
from jixiao.web.library.models import AdjustmentWindow, TargetAdjustment
from jixiao.web.orgs.permissions import memberships, require, visible_orgs


@login_required
def request_form(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = indicator_for(request.user, indicator_id, "edit")
    today = timezone.localdate()
    if request.method == "POST":
        try:
            request_adjustment(
                indicator,
                request.user,
                request.POST.get("after", "")[:500],
                request.POST.get("reason", "")[:2000],
                today,
            )
        except AdjustmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已提交目标调整申请，待上级单位审批。")
            return redirect("adjustment_list")
    system = indicator.system
    context = {
        "nav": "adjust",
        "indicator": indicator,
        "system": system,
        "org": system.organization,
        "adjustable": system.status in ADJUSTABLE,
        "window": window_for(system.organization, system.year),
        "history": indicator.adjustments.select_related("requested_by", "decided_by"),
        "reminders": reminders(request.user, today),
        "posted": request.POST,
    }
    return render(request, "library/adjust_request.html", context)


@login_required
def adjustment_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = TargetAdjustment.objects.filter(
        organization__in=visible_orgs(request.user)
    ).select_related("indicator__system", "organization", "requested_by", "decided_by")[:300]
    rows = [(a, may_decide(request.user, a)) for a in items]
    context = {
        "nav": "adjust",
        "rows": rows,
        "today": today,
        "reminders": reminders(request.user, today),
        "window_orgs": [m.organization for m in memberships(request.user) if m.allows("approve")],
        "windows": AdjustmentWindow.objects.filter(organization__in=visible_orgs(request.user))
        .filter(Q(year=today.year) | Q(year=today.year + 1))
        .select_related("organization"),
    }
    return render(request, "library/adjustments.html", context)


def _date(text: str, label: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AdjustmentError(
            f"{label}应为日期（如2025-07-15），现为「{text.strip()[:20]}」。"
        ) from None


@login_required
@require_POST
def decide_adjustment(request: HttpRequest, adjustment_id: int) -> HttpResponse:
    adjustment = get_object_or_404(
        TargetAdjustment.objects.filter(
            organization__in=visible_orgs(request.user)
        ).select_related("indicator__system", "organization"),
        pk=adjustment_id,
    )
    approve = request.POST.get("decision") == "approve"
    today = timezone.localdate()
    try:
        approved_on = _date(request.POST.get("approved_on") or today.isoformat(), "批复日期")
        decide(
            adjustment,
            request.user,
            approve,
            request.POST.get("opinion", "")[:2000],
            approved_on,
            today,
        )
    except (AdjustmentError, PermissionDenied) as exc:
        messages.error(request, str(exc))
    else:
        word = (
            f"已批准，自{approved_on:%Y年%m月%d日}起按调整后目标监控和评分"
            if approve
            else "未批准"
        )
        messages.success(request, f"「{adjustment.indicator.name[:30]}」的目标调整{word}。")
    return redirect("adjustment_list")


@login_required
@require_POST
def set_window(request: HttpRequest) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=request.POST.get("org") or 0)
    require(request.user, "approve", org)
    try:
        closes = _date(request.POST.get("closes_on", ""), "截止日期")
        opens = (
            _date(request.POST["opens_on"], "开始日期") if request.POST.get("opens_on") else None
        )
        days = int(request.POST.get("remind_days") or 7)
        if opens and opens > closes:
            raise AdjustmentError("开始日期不能晚于截止日期。")
        if not 0 <= days <= 60:
            raise AdjustmentError("提前提醒天数应在0至60天之间。")
    except (AdjustmentError, ValueError) as exc:
        messages.error(
            request, str(exc) if isinstance(exc, AdjustmentError) else "提前提醒天数应为整数。"
        )
        return redirect("adjustment_list")
    before = AdjustmentWindow.objects.filter(organization=org, year=closes.year).first()
    window, _ = AdjustmentWindow.objects.update_or_create(
        organization=org,
        year=closes.year,
        defaults={
            "opens_on": opens,
            "closes_on": closes,
            "remind_days": days,
            "updated_by": request.user,
        },
    )
    from jixiao.web.cycle.audit import record

    record(window, "调整时间", _span_text(before), _span_text(window), request.user)
    messages.success(
        request, f"已设定{window.year}年绩效目标调整截止日期为{closes:%Y年%m月%d日}。"
    )
    return redirect("adjustment_list")


def _span_text(window: AdjustmentWindow | None) -> str:
    """A window as the audit log shows it: dates and the reminder lead time."""
    if window is None:
        return ""
    start = f"{window.opens_on}至" if window.opens_on else "截至"
    return f"{start}{window.closes_on}，提前{window.remind_days}天提醒"
