"""API routes of users' rules (自定义校验规则): list, add, validate, try, switch on and off.

They go through the same functions as the pages (``rules.access`` for rights, ``RuleForm``
for validation, ``rules.checks`` for the trial), so the two cannot drift apart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from jixiao.core.formulas import FormulaError
from jixiao.core.scoring.policy import PolicyError, ScoringPolicy, policy_from_data
from jixiao.web.api.paging import Mapped, Pages
from jixiao.web.api.schemas import ErrorOut
from jixiao.web.api.versions import if_match, tagged
from jixiao.web.cycle.access import system_for
from jixiao.web.orgs.models import Organization
from jixiao.web.rules import changes, whatif
from jixiao.web.rules.access import (
    manageable_orgs,
    org_for,
    readable_rules,
    rule_for,
    scoring_org_for,
)
from jixiao.web.rules.checks import problems_of, trial, vocabulary
from jixiao.web.rules.forms import RuleForm
from jixiao.web.rules.models import ScoringVariant, UserRule
from jixiao.web.rules.policies import policy_for, variant_for

router = Router(tags=["自定义校验规则"])


class RuleOut(Schema):
    id: int
    version: int
    code: str
    organization_id: int
    organization: str
    name: str
    system_kind: str
    left: str
    operator: str
    right: str
    severity: str
    missing: str
    tolerance: Decimal
    description: str
    is_active: bool


class RuleIn(Schema):
    organization: int
    name: str
    left: str
    operator: str
    right: str
    severity: str = "error"
    missing: str = "skip_if_any"
    system_kind: str = ""
    tolerance: Decimal = Decimal("0.01")
    description: str = ""


class ValidateIn(Schema):
    organization: int
    left: str
    operator: str
    right: str
    system_kind: str = ""


class ValidateOut(Schema):
    valid: bool
    problems: list[str]


class TrialOut(Schema):
    rule_id: int
    system_id: int
    evaluated: bool
    passed: bool
    left: Decimal | None
    right: Decimal | None
    values: dict[str, Decimal | None]
    findings: list[dict]


def rule_out(rule: UserRule) -> dict[str, Any]:
    return {
        "id": rule.pk,
        "version": rule.version,
        "code": rule.code,
        "organization_id": rule.organization_id,
        "organization": rule.organization.name,
        "name": rule.name,
        "system_kind": rule.system_kind,
        "left": rule.left,
        "operator": rule.operator,
        "right": rule.right,
        "severity": rule.severity,
        "missing": rule.missing,
        "tolerance": rule.tolerance,
        "description": rule.description,
        "is_active": rule.is_active,
    }


@router.get("/rules", response=list[RuleOut], summary="自定义校验规则列表")
@paginate(Pages, page_size=100)
def list_rules(request: HttpRequest, org: int | None = None, active: bool | None = None) -> Any:
    rules = readable_rules(request.user)
    if org is not None:
        rules = rules.filter(organization_id=org)
    if active is not None:
        rules = rules.filter(is_active=active)
    return Mapped(rules, rule_out)


@router.post("/rules/validate", response=ValidateOut, summary="检查规则公式（不保存）")
def validate_rule(request: HttpRequest, body: ValidateIn) -> Any:
    org = org_for(request.user, body.organization)
    problems = problems_of(body.left, body.operator, body.right, vocabulary(org, body.system_kind))
    return {"valid": not problems, "problems": problems}


@router.get("/rules/{rule_id}", response=RuleOut, summary="自定义校验规则")
def get_rule(request: HttpRequest, rule_id: int) -> Any:
    return rule_out(rule_for(request.user, rule_id))


@router.post("/rules", response={201: RuleOut, 400: ErrorOut}, summary="添加校验规则")
def add_rule(request: HttpRequest, body: RuleIn) -> Any:
    orgs = manageable_orgs(request.user)
    org = org_for(request.user, body.organization)
    if not orgs.filter(pk=org.pk).exists():
        raise PermissionDenied(f"只有「{org.name}」的绩效管理员可以管理其校验规则。")
    form = RuleForm(data=body.dict(), orgs=orgs)
    if not form.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors]
        raise HttpError(400, "；".join(problems))
    return Status(201, rule_out(changes.add_rule(form, request.user)))


@router.post("/rules/{rule_id}/active", response=RuleOut, summary="启用或停用校验规则")
def set_active(request: HttpRequest, response: HttpResponse, rule_id: int, active: bool) -> Any:
    rule = rule_for(request.user, rule_id, manage=True)
    changes.set_active(rule, active, request.user, if_match(request))
    return tagged(response, rule, rule_out(rule))


@router.get("/rules/{rule_id}/trial", response=TrialOut, summary="在一个指标体系上试运行规则")
def trial_rule(request: HttpRequest, rule_id: int, system: int) -> Any:
    rule = rule_for(request.user, rule_id)
    found = system_for(request.user, system)
    try:
        result = trial(rule, found)
    except FormulaError as exc:
        raise HttpError(400, str(exc)) from exc
    return {
        "rule_id": rule.pk,
        "system_id": found.pk,
        "evaluated": result.evaluated,
        "passed": result.passed,
        "left": result.sides[0] if result.sides else None,
        "right": result.sides[1] if result.sides else None,
        "values": result.values,
        "findings": [f.to_dict() for f in result.findings],
    }


# ------------------------------------------------------------ a province's scoring variants


class PolicyIn(Schema):
    """A proposed policy (the JSON of ``ScoringPolicy.to_data``) and why it is applied."""

    policy: dict[str, Any]
    reason: str = ""


class PolicyOut(Schema):
    organization_id: int
    year: int
    version: int
    inherited: bool
    policy: dict[str, Any]
    description: str


class UnitChangeOut(Schema):
    org_id: int
    name: str
    level: str
    old_score: Decimal | None
    new_score: Decimal | None
    old_grade: str
    new_grade: str
    old_place: int | None
    new_place: int | None


class SystemChangeOut(Schema):
    system_id: int
    org_id: int
    title: str
    old_total: Decimal | None
    new_total: Decimal | None
    old_grade: str
    new_grade: str


class MoverOut(Schema):
    system_id: int
    org_name: str
    name: str
    old: Decimal
    new: Decimal
    why: str


class PreviewOut(Schema):
    description: str
    systems: int
    rescored: int
    untouched: int
    units: list[UnitChangeOut]
    changed_systems: list[SystemChangeOut]
    movers: list[MoverOut]


def _proposed(body: PolicyIn) -> ScoringPolicy:
    try:
        return policy_from_data(body.policy)
    except PolicyError as exc:
        raise HttpError(400, str(exc)) from exc


def policy_out(org: Organization, year: int) -> tuple[ScoringVariant | None, dict[str, Any]]:
    """The variants binding the organisation's year, as the API shows them."""
    variant = variant_for(org, year)
    policy = policy_for(org, year)
    own = variant if variant is not None and variant.organization_id == org.pk else None
    return own, {
        "organization_id": org.pk,
        "year": year,
        "version": own.version if own else 0,
        "inherited": variant is not None and own is None,
        "policy": policy.to_data(),
        "description": policy.describe(),
    }


@router.get(
    "/scoring-policies/{org_id}/{year}", response=PolicyOut, summary="省定评分规则（某年度）"
)
def get_policy(request: HttpRequest, response: HttpResponse, org_id: int, year: int) -> Any:
    org = scoring_org_for(request.user, org_id)
    own, body = policy_out(org, year)
    return tagged(response, own, body)


@router.post(
    "/scoring-policies/{org_id}/{year}/preview",
    response={200: PreviewOut, 400: ErrorOut},
    summary="试算评分规则修改（不保存）",
)
def preview_policy(request: HttpRequest, org_id: int, year: int, body: PolicyIn) -> Any:
    org = scoring_org_for(request.user, org_id)
    proposed = _proposed(body)
    found = whatif.preview(org, year, proposed)
    return {
        "description": proposed.describe(),
        "systems": len(found.systems),
        "rescored": found.rescored,
        "untouched": found.untouched,
        "units": found.units,
        "changed_systems": found.changed_systems,
        "movers": found.movers,
    }


@router.put(
    "/scoring-policies/{org_id}/{year}",
    response={200: PolicyOut, 400: ErrorOut},
    summary="应用评分规则并重新计算本年度全部得分",
)
def apply_policy(
    request: HttpRequest, response: HttpResponse, org_id: int, year: int, body: PolicyIn
) -> Any:
    org = scoring_org_for(request.user, org_id)
    whatif.apply(org, year, _proposed(body), request.user, if_match(request), body.reason)
    own, out = policy_out(org, year)
    return tagged(response, own, out)
