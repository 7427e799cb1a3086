from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import system_for, visible_systems
from jixiao.web.cycle.models import Evaluation
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.orgs.permissions import can, require, visible_orgs
from jixiao.web.outcomes import ledger
from jixiao.web.outcomes.access import InputError, latest_year, org_for, year_of
from jixiao.web.outcomes.models import ItemStatus, RectificationItem


def item_for(user: object, item_id: int, action: str = "view") -> RectificationItem:
    """The ledger item if its organisation is visible (404) and ``action`` allowed (403)."""
    item = get_object_or_404(
        RectificationItem.objects.select_related("organization").filter(
            organization__in=visible_orgs(user)
        ),
        pk=item_id,
    )
    require(user, action, item.organization)
    return item


def ledger_items(user: object, org: object, year: int, status: str, overdue: bool) -> list:
    """The year's items at and below ``org``, filtered, each with its overdue flag."""
    items = RectificationItem.objects.filter(
        organization__in=visible_orgs(user).filter(path__startswith=org.path), year=year
    ).select_related("organization")
    if status in ItemStatus.values:
        items = items.filter(status=status)
    today = timezone.localdate()
    rows = [(i, i.overdue_on(today)) for i in items]
    return [r for r in rows if r[1]] if overdue else rows


@login_required
def ledger_page(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.GET.get("org"))
    year = year_of(request.GET.get("year"), latest_year(org))
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    rows = ledger_items(request.user, org, year, status, overdue)
    sources = visible_systems(request.user).filter(
        organization__path__startswith=org.path, year=year
    )
    return render(
        request,
        "outcomes/ledger.html",
        {
            "nav": "outcomes",
            "tab": "ledger",
            "org": org,
            "year": year,
            "status": status,
            "overdue": overdue,
            "rows": rows,
            "statuses": ItemStatus.choices,
            "n_overdue": sum(1 for _, late in rows if late),
            "carried_rows": _carried(request.user, org, year),
            "systems": [
                s
                for s in _mentioning_problems(sources)
                if _has_problems(s) and ledger.may_register(request.user, s.organization)
            ],
            "evaluations": [
                e
                for e in Evaluation.objects.filter(system__in=sources).select_related(
                    "system__organization"
                )
                if ledger.may_register(request.user, e.system.organization)
            ],
            "can_edit": can(request.user, "edit", org),
            "can_register": ledger.may_register(request.user, org),
            "cannot_register": ledger.CANNOT_REGISTER,
        },
    )


def _made_message(count: int, source: str) -> str:
    """What pressing a 生成 button did; pressing it twice adds nothing and says so."""
    if not count:
        return f"{source}均已在台账中，没有新增整改事项。"
    return f"已从{source}生成 {count} 条整改事项。"


def _back(org_id: int, year: int) -> HttpResponse:
    return redirect(f"{reverse('outcomes_ledger')}?org={org_id}&year={year}")


@login_required
@require_POST
def from_system(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    ledger.require_register(request.user, system.organization)
    try:
        made = ledger.items_from_system(system, request.user)
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _made_message(len(made), f"「{system}」的存在问题"))
    return _back(system.organization_id, system.year)


@login_required
@require_POST
def from_evaluation(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("system__organization").filter(
            system__in=visible_systems(request.user)
        ),
        pk=evaluation_id,
    )
    system = evaluation.system
    ledger.require_register(request.user, system.organization)
    try:
        made = ledger.items_from_evaluation(evaluation, request.user)
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _made_message(len(made), "评价发现的问题"))
    return _back(system.organization_id, system.year)


@login_required
@require_POST
def add_item(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.POST.get("org"))
    ledger.require_register(request.user, org)
    year = year_of(request.POST.get("year"), latest_year(org))
    problem = request.POST.get("problem", "").strip()
    if not problem:
        messages.error(request, "请填写存在问题。")
        return _back(org.pk, year)
    try:
        deadline = ledger.parse_deadline(request.POST.get("deadline", ""))
    except InputError as exc:
        messages.error(request, str(exc))
        return _back(org.pk, year)
    fields = {f: request.POST.get(f, "") for f in ("area", "problem", "cause", "measure", "owner")}
    ledger.add_item(org, year, fields | {"deadline": deadline}, request.user)
    messages.success(request, "已登记整改事项。")
    return _back(org.pk, year)


@login_required
@require_POST
def update_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_for(request.user, item_id, "edit")
    values = {f: request.POST.get(f) for f in ledger.EDITABLE_FIELDS}
    try:
        upload = request.FILES.get("evidence")
        ledger.update_item(item, values, upload, request.user, posted_version(request))
    except InputError as exc:
        messages.error(request, f"整改事项 #{item.pk}：{exc}")
    else:
        messages.success(request, f"已更新整改事项 #{item.pk}。")
    return redirect(
        f"{reverse('outcomes_ledger')}?org={item.organization_id}&year={item.year}#item-{item.pk}"
    )


@login_required
def item_evidence(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_for(request.user, item_id)
    if not item.evidence:
        raise Http404
    name = item.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(item.evidence.open("rb"), as_attachment=True, filename=name)


@login_required
def carried(request: HttpRequest, system_id: int) -> HttpResponse:
    """Open items of earlier years, for the next year's evaluation page (an htmx fragment)."""
    system = system_for(request.user, system_id)
    rows = _carried(request.user, system.organization, system.year)
    return render(request, "outcomes/_carried.html", {"system": system, "carried_rows": rows})


def _mentioning_problems(systems: Any) -> Any:
    """The systems whose stored figures mention ``问题:`` anywhere, as the database finds them.

    A province-year has some 4,000 systems; reading each one's figures to test
    :func:`_has_problems` in Python made the ledger page grow with the province. The text
    test is a superset (SQLite may keep the JSON with unicode escapes, PostgreSQL not), so
    :func:`_has_problems` still decides.
    """
    text = systems.annotate(figures_text=Cast("figures", TextField()))
    escaped = json.dumps(PROBLEM)[1:-1]
    return text.filter(Q(figures_text__contains=PROBLEM) | Q(figures_text__contains=escaped))


PROBLEM = "问题:"


def _has_problems(system: object) -> bool:
    """True when an imported report kept a 存在的问题 section (``问题:`` figures)."""
    return any(str(f.get("name", "")).startswith(PROBLEM) for f in system.figures or [])


def _carried(user: object, org: object, year: int) -> list:
    """Earlier years' open items at and below ``org``, shown above this year's ledger."""
    today = timezone.localdate()
    items = ledger.carried_into(org.path, year).filter(organization__in=visible_orgs(user))
    return [(i, i.overdue_on(today)) for i in items.select_related("organization")]
