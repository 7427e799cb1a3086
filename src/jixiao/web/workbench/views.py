"""The workbench (工作台, everyone's home page), the notices list and the deadline settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import visible_systems
from jixiao.web.cycle.audit import expected_version
from jixiao.web.cycle.models import periods_for
from jixiao.web.orgs.permissions import memberships, visible_orgs
from jixiao.web.paging import indicator_counts
from jixiao.web.workbench import deadlines, notices
from jixiao.web.workbench.models import Notice
from jixiao.web.workbench.waiting import desks

NOTICES_SHOWN = 200


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "nav": "home",
        "today": today,
        "desks": desks(request.user, today),
        "recent": notices.unread(request.user).select_related("organization")[:5],
        "orgs": visible_orgs(request.user).annotate(n=Count("systems"))[:200],
        "systems": indicator_counts(visible_systems(request.user)[:20]),
        "deadline_orgs": _deadline_orgs(request.user),
    }
    return render(request, "workbench/home.html", context)


def _deadline_orgs(user: object) -> list:
    """The provinces whose deadlines this user sets (for the link on the workbench)."""
    return [m.organization for m in memberships(user) if deadlines.may_set(user, m.organization)]


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    only_unread = request.GET.get("unread") == "1"
    rows = Notice.objects.filter(user=request.user).select_related("organization")
    if only_unread:
        rows = rows.filter(read_at__isnull=True)
    context = {"nav": "notices", "notices": rows[:NOTICES_SHOWN], "only_unread": only_unread}
    return render(request, "workbench/notices.html", context)


@login_required
@require_POST
def notice_open(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Mark the notice read and go where it says to act (only within this site)."""
    notice = get_object_or_404(Notice, pk=notice_id, user=request.user)
    notices.mark_read(notice, request.user)
    target = notice.link
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notice_list")
    return redirect(target or reverse("notice_list"))


@login_required
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    n = notices.mark_all_read(request.user)
    messages.success(request, f"已将{n}条通知标为已读。")
    return redirect("notice_list")


@login_required
def deadline_edit(request: HttpRequest) -> HttpResponse:
    """A province's 填报截止 and 审核时限 for each step of a year."""
    today = timezone.localdate()
    orgs = _deadline_orgs(request.user)
    if not orgs:
        raise PermissionDenied("填报截止和审核时限由省级绩效管理员设定。")
    org = _chosen(request.GET.get("org"), orgs)
    year = deadlines.year_of(request.GET.get("year"), today)
    if request.method == "POST":
        saved = _save_all(request, org, year)
        if saved:
            return redirect(f"{reverse('deadline_edit')}?org={org.pk}&year={year}")
    steps = deadlines.steps_for(org, year)
    context = {"nav": "home", "org": org, "orgs": orgs, "year": year, "steps": steps}
    return render(request, "workbench/deadlines.html", context)


def _chosen(asked: str | None, orgs: list) -> object:
    """The province asked for, which must be one the user sets deadlines for."""
    if not asked:
        return orgs[0]
    found = next((o for o in orgs if str(o.pk) == asked), None)
    if found is None:
        raise PermissionDenied("填报截止和审核时限由省级绩效管理员设定；您不能设定该单位的时限。")
    return found


def _save_all(request: HttpRequest, org: object, year: int) -> bool:
    """Save each step of the form in one transaction; on a bad date, nothing is saved."""
    try:
        with transaction.atomic():
            for period in periods_for(year):
                days = tuple(
                    deadlines.parse_day(request.POST.get(f"{name}_{period.pk}", ""), label, period)
                    for name, label in (("submit_by", "填报截止"), ("review_by", "审核时限"))
                )
                version = expected_version(request.POST.get(f"version_{period.pk}"))
                deadlines.save_deadline(org, period, days, request.user, version)
    except deadlines.DeadlineError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, f"已保存{org}{year}年各环节的填报截止和审核时限。")
    return True
