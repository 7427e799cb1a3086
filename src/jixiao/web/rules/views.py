"""Pages of users' rules: list, add (validated live with htmx), try on a system, switch off."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.formulas import FormulaError
from jixiao.web.cycle.access import visible_systems
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.performance.models import SystemKind
from jixiao.web.rules import changes
from jixiao.web.rules.access import (
    manageable_orgs,
    may_manage,
    readable_rules,
    require_manage,
    rule_for,
    scoring_orgs,
)
from jixiao.web.rules.checks import problems_of, trial, vocabulary
from jixiao.web.rules.forms import RuleForm
from jixiao.web.rules.models import UserRule

NAMES_SHOWN = 300


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = readable_rules(request.user)
    org = request.GET.get("org")
    if org and org.isdigit():
        rules = rules.filter(organization_id=int(org))
    state = request.GET.get("state", "")
    if state in ("on", "off"):
        rules = rules.filter(is_active=state == "on")
    rows = [{"rule": r, "manage": may_manage(request.user, r.organization)} for r in rules]
    context = {
        "nav": "rules",
        "rows": rows,
        "state": state,
        "can_add": manageable_orgs(request.user).exists(),
        "can_score": bool(scoring_orgs(request.user)),
    }
    return render(request, "rules/list.html", context)


@login_required
def rule_add(request: HttpRequest) -> HttpResponse:
    orgs = manageable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("只有绩效管理员可以添加校验规则。")
    initial = {"organization": request.GET.get("org") or orgs.first()}
    form = RuleForm(request.POST or None, orgs=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        rule = changes.add_rule(form, request.user, lambda org: require_manage(request.user, org))
        messages.success(request, f"已添加校验规则「{rule.name}」：提交、审批和导入时将一并校验。")
        return redirect("rule_detail", rule.pk)
    return render(request, "rules/form.html", {"nav": "rules", "form": form})


@login_required
@require_POST
def rule_validate(request: HttpRequest) -> HttpResponse:
    """The htmx check of the two sides while the user types (no save)."""
    orgs = manageable_orgs(request.user)
    org_id = request.POST.get("organization", "")
    org = orgs.filter(pk=int(org_id)).first() if org_id.isdigit() else orgs.first()
    if org is None:
        raise PermissionDenied("只有绩效管理员可以添加校验规则。")
    kind = request.POST.get("system_kind", "")
    known = vocabulary(org, kind if kind in SystemKind.values else "")
    left, right = request.POST.get("left", ""), request.POST.get("right", "")
    problems = problems_of(left, request.POST.get("operator", ""), right, known)
    context = {
        "problems": problems,
        "empty": not (left.strip() or right.strip()),
        "names": known[:NAMES_SHOWN],
        "more": max(0, len(known) - NAMES_SHOWN),
        "org": org,
    }
    return render(request, "rules/_validation.html", context)


@login_required
def rule_detail(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = rule_for(request.user, rule_id)
    systems = _trial_systems(request.user, rule)
    chosen = request.GET.get("system", "")
    system = systems.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    context: dict[str, Any] = {
        "nav": "rules",
        "rule": rule,
        "manage": may_manage(request.user, rule.organization),
        "systems": systems[:200],
        "system": system,
    }
    if system is not None:
        try:
            context["trial"] = trial(rule, system)
        except FormulaError as exc:
            context["trial_error"] = str(exc)
    return render(request, "rules/detail.html", context)


def _trial_systems(user: Any, rule: UserRule) -> Any:
    """Systems the rule applies to that this user may see."""
    systems = visible_systems(user).filter(organization__path__startswith=rule.organization.path)
    return systems.filter(kind=rule.system_kind) if rule.system_kind else systems


@login_required
@require_POST
def rule_toggle(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = rule_for(request.user, rule_id, manage=True)
    changes.set_active(rule, not rule.is_active, request.user, posted_version(request))
    state = "启用" if rule.is_active else "停用"
    messages.success(request, f"已{state}校验规则「{rule.name}」。")
    return redirect("rule_detail", rule.pk)
