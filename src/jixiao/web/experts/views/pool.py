"""Pages of the pools: experts and the combining rule, agencies and their record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.experts.access import (
    agency_for,
    expert_for,
    managed_orgs,
    may_manage,
    my_sheets,
    visible_agencies,
    visible_experts,
)
from jixiao.web.experts.agencies import recent_projects
from jixiao.web.experts.models import AgencyNature, CombineMethod
from jixiao.web.experts.pool import (
    PoolError,
    add_agency,
    add_expert,
    edit_agency,
    edit_expert,
    records_text,
    rules_for,
    save_rule,
)

FIELDS = ("name", "employer_name", "title", "phone", "specialties", "employer")
AGENCY_FIELDS = ("name", "nature", "business_scope", "contact", "bad_records")


def _posted(request: HttpRequest, names: tuple[str, ...]) -> dict[str, str]:
    return {n: request.POST.get(n, "")[:20000] for n in names if n in request.POST}


@login_required
def expert_index(request: HttpRequest) -> HttpResponse:
    orgs = list(managed_orgs(request.user)[:200])
    if request.method == "POST":
        org = get_object_or_404(managed_orgs(request.user), pk=request.POST.get("org") or 0)
        try:
            expert = add_expert(org, _posted(request, FIELDS), request.user)
        except PoolError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已将{expert.name}加入专家库。")
            return redirect("expert_index")
    rules = rules_for(orgs[:20])
    context = {
        "nav": "experts",
        "experts": visible_experts(request.user)[:500],
        "orgs": orgs,
        "rules": rules,
        "methods": CombineMethod.choices,
        "sheets": my_sheets(request.user)[:200],
        "posted": request.POST,
    }
    return render(request, "experts/index.html", context)


@login_required
def expert_detail(request: HttpRequest, expert_id: int) -> HttpResponse:
    expert = expert_for(request.user, expert_id)
    editable = may_manage(request.user, expert.organization)
    if request.method == "POST":
        expert = expert_for(request.user, expert_id, edit=True)
        values = _posted(request, FIELDS) | {"is_active": request.POST.get("is_active", "")}
        try:
            edit_expert(expert, values, request.user, posted_version(request))
        except PoolError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("expert_detail", expert_id=expert.pk)
    context = {
        "nav": "experts",
        "expert": expert,
        "obj": expert,
        "editable": editable,
        "orgs": managed_orgs(request.user)[:200],
        "sheets": expert.sheets.select_related("draw__system__organization")[:100],
    }
    return render(request, "experts/expert.html", context)


@login_required
@require_POST
def save_panel_rule(request: HttpRequest) -> HttpResponse:
    org = get_object_or_404(managed_orgs(request.user), pk=request.POST.get("org") or 0)
    values = {k: request.POST.get(k, "")[:20] for k in ("method", "spread_percent")}
    try:
        save_rule(org, values, request.user, posted_version(request))
    except PoolError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已保存「{org.name}」的专家评分合成规则。")
    return redirect("expert_index")


@login_required
def agency_index(request: HttpRequest) -> HttpResponse:
    orgs = list(managed_orgs(request.user)[:200])
    if request.method == "POST":
        org = get_object_or_404(managed_orgs(request.user), pk=request.POST.get("org") or 0)
        try:
            agency = add_agency(org, _posted(request, AGENCY_FIELDS), request.user)
        except PoolError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已将「{agency.name}」加入中介机构库。")
            return redirect("agency_index")
    context = {
        "nav": "experts",
        "agencies": visible_agencies(request.user)[:500],
        "orgs": orgs,
        "natures": AgencyNature.choices,
        "posted": request.POST,
    }
    return render(request, "experts/agencies.html", context)


@login_required
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = agency_for(request.user, agency_id)
    if request.method == "POST":
        agency = agency_for(request.user, agency_id, edit=True)
        values = _posted(request, AGENCY_FIELDS) | {"is_active": request.POST.get("is_active")}
        try:
            edit_agency(agency, values, request.user, posted_version(request))
        except PoolError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("agency_detail", agency_id=agency.pk)
    context = {
        "nav": "experts",
        "agency": agency,
        "obj": agency,
        "editable": may_manage(request.user, agency.organization),
        "natures": AgencyNature.choices,
        "records": records_text(agency),
        "recent": recent_projects(agency),
    }
    return render(request, "experts/agency.html", context)
