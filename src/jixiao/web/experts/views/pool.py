"""Pages of the pools: experts and the combining rule, agencies and their record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Register:
    """What differs between the 专家库 and the 中介机构库 pages; the rest is one path.

    Adding (on the list page) and editing (on a record's page) take the posted fields, go
    through ``experts.pool`` (checked, audited, versioned) and either redirect with a
    success message or show the refusal on the same page.
    """

    fields: tuple[str, ...]
    find: Callable[..., Any]  # (user, id, edit=False) → the record, 404 when not visible
    add: Callable[..., Any]  # (organisation, values, user) → the new record
    edit: Callable[..., Any]  # (record, values, user, expected version)
    index: str  # URL name of the list page
    detail: tuple[str, str]  # URL name of a record's page and its argument
    added: str  # the success message, formatted with the new record's name


EXPERTS = Register(
    ("name", "employer_name", "title", "phone", "specialties", "employer"),
    expert_for,
    add_expert,
    edit_expert,
    "expert_index",
    ("expert_detail", "expert_id"),
    "已将{name}加入专家库。",
)
AGENCIES = Register(
    ("name", "nature", "business_scope", "contact", "bad_records"),
    agency_for,
    add_agency,
    edit_agency,
    "agency_index",
    ("agency_detail", "agency_id"),
    "已将「{name}」加入中介机构库。",
)


def _posted(request: HttpRequest, names: tuple[str, ...]) -> dict[str, str]:
    return {n: request.POST.get(n, "")[:20000] for n in names if n in request.POST}


def _add(request: HttpRequest, register: Register) -> HttpResponse | None:
    """Add the posted record to a register the user keeps; None when refused (message shown)."""
    org = get_object_or_404(managed_orgs(request.user), pk=request.POST.get("org") or 0)
    try:
        made = register.add(org, _posted(request, register.fields), request.user)
    except PoolError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, register.added.format(name=made.name))
    return redirect(register.index)


def _edit(request: HttpRequest, register: Register, pk: int) -> HttpResponse | None:
    """Save the posted fields of a record; None when refused (message shown)."""
    record = register.find(request.user, pk, edit=True)
    values = _posted(request, register.fields) | {"is_active": request.POST.get("is_active", "")}
    try:
        register.edit(record, values, request.user, posted_version(request))
    except PoolError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, "已保存。")
    name, argument = register.detail
    return redirect(name, **{argument: record.pk})


@login_required
def expert_index(request: HttpRequest) -> HttpResponse:
    orgs = list(managed_orgs(request.user)[:200])
    if request.method == "POST" and (done := _add(request, EXPERTS)):
        return done
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
    if request.method == "POST" and (done := _edit(request, EXPERTS, expert_id)):
        return done
    expert = expert_for(request.user, expert_id)
    context = {
        "nav": "experts",
        "expert": expert,
        "obj": expert,
        "editable": may_manage(request.user, expert.organization),
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
    if request.method == "POST" and (done := _add(request, AGENCIES)):
        return done
    context = {
        "nav": "experts",
        "agencies": visible_agencies(request.user)[:500],
        "orgs": list(managed_orgs(request.user)[:200]),
        "natures": AgencyNature.choices,
        "posted": request.POST,
    }
    return render(request, "experts/agencies.html", context)


@login_required
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    if request.method == "POST" and (done := _edit(request, AGENCIES, agency_id)):
        return done
    agency = agency_for(request.user, agency_id)
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
