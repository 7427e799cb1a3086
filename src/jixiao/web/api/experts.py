"""API routes of the 专家库 and 中介机构库: experts, draws, sheets, agencies, entrustments.

They go through the same functions as the pages (``experts.access`` for rights,
``experts.pool``, ``experts.panels`` and ``experts.agencies`` for every change), so the
API checks, logs and refuses exactly as the pages do. Bad input answers 400 with the same
Chinese message; a stale ``If-Match`` answers 409 with both values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from jixiao.core.panels import PanelError
from jixiao.web.api.paging import Mapped, Pages
from jixiao.web.api.versions import if_match, tagged
from jixiao.web.cycle.access import system_for
from jixiao.web.experts import agencies, panels, pool
from jixiao.web.experts.access import (
    agency_for,
    chain_of,
    draw_for,
    entrustment_for,
    expert_for,
    managed_orgs,
    my_sheets,
    require_manage,
    sheet_for,
    visible_agencies,
    visible_experts,
)
from jixiao.web.experts.models import Agency, Entrustment, Expert, ExpertDraw, ExpertSheet

router = Router(tags=["专家库与中介机构库"])
T = TypeVar("T")
REFUSED = (PanelError, pool.PoolError, agencies.EntrustError)


def _checked(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a change; bad input becomes 400 with its Chinese message."""
    try:
        return call(*args, **kwargs)
    except REFUSED as exc:
        raise HttpError(400, str(exc)) from exc


@dataclass(frozen=True)
class Register:
    """A register kept like the others (专家库, 中介机构库): find, add, change, show a record.

    Both registers answer add, get and patch through one path each (``_add``, ``_get``,
    ``_patch``), so they check, audit and refuse alike.
    """

    find: Callable[..., Any]  # (user, id, edit=False) → the record, 404 when not visible
    add: Callable[..., Any]  # (organisation, values, user) → the new record
    edit: Callable[..., Any]  # (record, values, user, expected version)
    out: Callable[[Any], dict[str, Any]]


def _add(register: Register, request: HttpRequest, body: Schema) -> Any:
    """A new record in a register the user keeps: 201 with the record."""
    org = get_object_or_404(managed_orgs(request.user), pk=body.organization)
    values = body.dict(exclude={"organization"})
    return Status(201, register.out(_checked(register.add, org, values, request.user)))


def _get(register: Register, request: HttpRequest, response: HttpResponse, pk: int) -> Any:
    """One visible record, tagged with its version for a later If-Match."""
    record = register.find(request.user, pk)
    return tagged(response, record, register.out(record))


def _patch(
    register: Register, request: HttpRequest, response: HttpResponse, pk: int, body: Schema
) -> Any:
    """Change the fields sent (If-Match: a stale version is 409), audited as on the pages."""
    record = register.find(request.user, pk, edit=True)
    values = body.dict(exclude_unset=True)
    _checked(register.edit, record, values, request.user, if_match(request))
    record.refresh_from_db()
    return tagged(response, record, register.out(record))


class ExpertOut(Schema):
    id: int
    version: int
    organization_id: int
    name: str
    specialties: list[str]
    employer_id: int | None
    employer_name: str
    title: str
    phone: str
    username: str | None
    is_active: bool


class ExpertIn(Schema):
    organization: int
    name: str
    specialties: list[str]
    employer: int | None = None
    employer_name: str = ""
    title: str = ""
    phone: str = ""


class ExpertPatch(Schema):
    name: str | None = None
    specialties: list[str] | None = None
    employer: int | None = None
    employer_name: str | None = None
    title: str | None = None
    phone: str | None = None
    is_active: bool | None = None


def expert_out(e: Expert) -> dict[str, Any]:
    return {
        "id": e.pk,
        "version": e.version,
        "organization_id": e.organization_id,
        "name": e.name,
        "specialties": list(e.specialties or []),
        "employer_id": e.employer_id,
        "employer_name": e.employer_name,
        "title": e.title,
        "phone": e.phone,
        "username": e.user.username if e.user_id else None,
        "is_active": e.is_active,
    }


@router.get("/experts", response=list[ExpertOut], summary="专家库（绩效管理员）")
@paginate(Pages, page_size=100)
def list_experts(request: HttpRequest, specialty: str | None = None) -> Any:
    experts = visible_experts(request.user).order_by("pk")
    if specialty:
        # JSON "contains" is not portable to SQLite: match in Python, page in the database
        ids = [e.pk for e in experts if specialty in (e.specialties or [])]
        experts = experts.filter(pk__in=ids)
    return Mapped(experts, expert_out)


EXPERTS = Register(expert_for, pool.add_expert, pool.edit_expert, expert_out)


@router.post("/experts", response={201: ExpertOut}, summary="添加专家")
def add_expert(request: HttpRequest, body: ExpertIn) -> Any:
    return _add(EXPERTS, request, body)


@router.get("/experts/{expert_id}", response=ExpertOut, summary="专家")
def get_expert(request: HttpRequest, response: HttpResponse, expert_id: int) -> Any:
    return _get(EXPERTS, request, response, expert_id)


@router.patch("/experts/{expert_id}", response=ExpertOut, summary="修改专家信息（If-Match）")
def patch_expert(
    request: HttpRequest, response: HttpResponse, expert_id: int, body: ExpertPatch
) -> Any:
    return _patch(EXPERTS, request, response, expert_id, body)


class RuleOut(Schema):
    organization_id: int
    method: str
    spread_percent: Decimal
    version: int


class RuleIn(Schema):
    method: str
    spread_percent: Decimal


@router.get("/expert-rules/{org_id}", response=RuleOut, summary="专家评分合成规则")
def get_rule(request: HttpRequest, response: HttpResponse, org_id: int) -> Any:
    org = get_object_or_404(managed_orgs(request.user), pk=org_id)
    rule = pool.rule_for(org)
    row = org.panel_settings if hasattr(org, "panel_settings") else None
    body = {"organization_id": org.pk, "method": rule.method}
    body |= {"spread_percent": rule.spread_percent, "version": row.version if row else 0}
    return tagged(response, row, body)


@router.put("/expert-rules/{org_id}", response=RuleOut, summary="设置专家评分合成规则")
def put_rule(request: HttpRequest, response: HttpResponse, org_id: int, body: RuleIn) -> Any:
    org = get_object_or_404(managed_orgs(request.user), pk=org_id)
    _checked(pool.save_rule, org, body.dict(), request.user, if_match(request))
    org.refresh_from_db()
    return get_rule(request, response, org_id)


class ExclusionOut(Schema):
    id: int
    name: str
    reason: str


class CombinedOut(Schema):
    indicator: int
    code: str
    name: str
    weight: str
    points: str
    explanation: str
    warning: str


class DrawOut(Schema):
    id: int
    version: int
    system_id: int
    kind: str
    specialty: str
    count: int
    seed: int
    eligible: list[int]
    excluded: list[ExclusionOut]
    drawn: list[int]
    drawn_by: str
    drawn_at: datetime
    replay_matches: bool
    status: str
    sheets: list[int]
    evaluation_id: int | None
    method: str | None
    combined: list[CombinedOut]


class DrawIn(Schema):
    specialty: str
    count: int


def draw_out(d: ExpertDraw) -> dict[str, Any]:
    return {
        "id": d.pk,
        "version": d.version,
        "system_id": d.system_id,
        "kind": d.kind,
        "specialty": d.specialty,
        "count": d.count,
        "seed": d.seed,
        "eligible": d.eligible,
        "excluded": d.excluded,
        "drawn": d.drawn,
        "drawn_by": d.drawn_by_name,
        "drawn_at": d.drawn_at,
        "replay_matches": panels.replays(d),
        "status": d.status,
        "sheets": [s.pk for s in d.sheets.order_by("pk")],
        "evaluation_id": d.evaluation_id,
        "method": (d.result or {}).get("method"),
        "combined": (d.result or {}).get("rows", []),
    }


@router.get("/systems/{system_id}/expert-draws", response=list[DrawOut], summary="专家抽取记录")
def list_draws(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    require_manage(request.user, system.organization)
    return [draw_out(d) for d in system.expert_draws.all()[:100]]


@router.post(
    "/systems/{system_id}/expert-draws", response={201: DrawOut}, summary="按专业随机抽取专家"
)
def add_draw(request: HttpRequest, system_id: int, body: DrawIn) -> Any:
    system = system_for(request.user, system_id)
    draw = _checked(panels.draw_panel, system, body.specialty, body.count, request.user)
    return Status(201, draw_out(draw))


@router.get("/expert-draws/{draw_id}", response=DrawOut, summary="专家抽取（含复核结果）")
def get_draw(request: HttpRequest, response: HttpResponse, draw_id: int) -> Any:
    draw = draw_for(request.user, draw_id)
    return tagged(response, draw, draw_out(draw))


@router.post(
    "/expert-draws/{draw_id}/combine", response=DrawOut, summary="合成专家评分，计入部门评价"
)
def combine_draw(request: HttpRequest, response: HttpResponse, draw_id: int) -> Any:
    draw = draw_for(request.user, draw_id)
    _checked(panels.combine, draw, request.user, if_match(request))
    return tagged(response, draw, draw_out(draw))


class SheetRowOut(Schema):
    indicator: int
    name: str
    weight: Decimal
    score: str | None


class SheetOut(Schema):
    id: int
    version: int
    draw_id: int
    system_id: int
    system: str
    expert: str
    status: str
    opinion: str
    submitted_at: datetime | None
    rows: list[SheetRowOut]


class SheetIn(Schema):
    scores: dict[str, str]
    opinion: str = ""
    submit: bool = False


def sheet_out(s: ExpertSheet) -> dict[str, Any]:
    system = s.draw.system
    rows = [
        {"indicator": i.pk, "name": i.name, "weight": i.weight, "score": s.scores.get(str(i.pk))}
        for i in panels.weighted(system)
    ]
    return {
        "id": s.pk,
        "version": s.version,
        "draw_id": s.draw_id,
        "system_id": system.pk,
        "system": str(system),
        "expert": s.expert.name,
        "status": s.status,
        "opinion": s.opinion,
        "submitted_at": s.submitted_at,
        "rows": rows,
    }


@router.get("/expert-sheets", response=list[SheetOut], summary="我的专家评分表")
def list_my_sheets(request: HttpRequest) -> Any:
    return [sheet_out(s) for s in my_sheets(request.user)[:200]]


@router.get("/expert-sheets/{sheet_id}", response=SheetOut, summary="专家评分表")
def get_sheet(request: HttpRequest, response: HttpResponse, sheet_id: int) -> Any:
    sheet, _ = sheet_for(request.user, sheet_id)
    return tagged(response, sheet, sheet_out(sheet))


@router.put("/expert-sheets/{sheet_id}", response=SheetOut, summary="填写或提交本人评分表")
def put_sheet(request: HttpRequest, response: HttpResponse, sheet_id: int, body: SheetIn) -> Any:
    sheet, _ = sheet_for(request.user, sheet_id)
    if len(body.scores) > 1000:
        raise HttpError(400, "评分项过多。")
    args = (body.scores, body.opinion, body.submit, request.user, if_match(request))
    _checked(panels.fill_sheet, sheet, *args)
    return tagged(response, sheet, sheet_out(sheet))


class AgencyOut(Schema):
    id: int
    version: int
    organization_id: int
    name: str
    nature: str
    nature_label: str
    business_scope: str
    credit: str
    credit_note: str
    evaluations_count: int
    bad_records: list[dict[str, str]]
    recent_projects: list[dict[str, Any]]
    contact: str
    is_active: bool


class AgencyIn(Schema):
    organization: int
    name: str
    nature: str
    business_scope: str = ""
    contact: str = ""
    bad_records: list[dict[str, str]] = []


class AgencyPatch(Schema):
    name: str | None = None
    nature: str | None = None
    business_scope: str | None = None
    contact: str | None = None
    bad_records: list[dict[str, str]] | None = None
    is_active: bool | None = None


def agency_out(a: Agency) -> dict[str, Any]:
    recent = [
        {
            "entrustment_id": e.pk,
            "entrusted_at": e.entrusted_at.isoformat(),
            "organization": e.system.organization.name,
            "system": str(e.system),
            "quality_score": str(e.quality_score) if e.quality_score is not None else None,
        }
        for e in agencies.recent_projects(a)
    ]
    return {
        "id": a.pk,
        "version": a.version,
        "organization_id": a.organization_id,
        "name": a.name,
        "nature": a.nature,
        "nature_label": a.get_nature_display(),
        "business_scope": a.business_scope,
        "credit": a.credit,
        "credit_note": a.credit_note,
        "evaluations_count": a.evaluations_count,
        "bad_records": a.bad_records or [],
        "recent_projects": recent,
        "contact": a.contact,
        "is_active": a.is_active,
    }


@router.get("/agencies", response=list[AgencyOut], summary="中介机构库")
@paginate(Pages, page_size=100)
def list_agencies(request: HttpRequest) -> Any:
    return Mapped(visible_agencies(request.user).order_by("pk"), agency_out)


AGENCIES = Register(agency_for, pool.add_agency, pool.edit_agency, agency_out)


@router.post("/agencies", response={201: AgencyOut}, summary="添加中介机构")
def add_agency(request: HttpRequest, body: AgencyIn) -> Any:
    return _add(AGENCIES, request, body)


@router.get("/agencies/{agency_id}", response=AgencyOut, summary="中介机构（含近三年项目）")
def get_agency(request: HttpRequest, response: HttpResponse, agency_id: int) -> Any:
    return _get(AGENCIES, request, response, agency_id)


@router.patch("/agencies/{agency_id}", response=AgencyOut, summary="修改中介机构（If-Match）")
def patch_agency(
    request: HttpRequest, response: HttpResponse, agency_id: int, body: AgencyPatch
) -> Any:
    return _patch(AGENCIES, request, response, agency_id, body)


class EntrustmentOut(Schema):
    id: int
    version: int
    system_id: int
    agency_id: int
    agency: str
    task: str
    entrusted_at: datetime
    evaluation_id: int | None
    evaluation_done: bool
    quality_score: Decimal | None
    quality_grade: str
    rating_opinion: str
    rated_at: datetime | None


class EntrustIn(Schema):
    agency: int
    task: str = ""


class RatingIn(Schema):
    score: Decimal
    opinion: str


def entrustment_out(e: Entrustment) -> dict[str, Any]:
    return {
        "id": e.pk,
        "version": e.version,
        "system_id": e.system_id,
        "agency_id": e.agency_id,
        "agency": e.agency.name,
        "task": e.task,
        "entrusted_at": e.entrusted_at,
        "evaluation_id": e.evaluation_id,
        "evaluation_done": agencies.evaluation_after(e) is not None,
        "quality_score": e.quality_score,
        "quality_grade": e.quality_grade,
        "rating_opinion": e.rating_opinion,
        "rated_at": e.rated_at,
    }


@router.get(
    "/systems/{system_id}/entrustments", response=list[EntrustmentOut], summary="委托评价记录"
)
def list_entrustments(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    require_manage(request.user, system.organization)
    return [entrustment_out(e) for e in system.entrustments.select_related("agency")[:100]]


@router.post(
    "/systems/{system_id}/entrustments",
    response={201: EntrustmentOut},
    summary="委托中介机构开展第三方评价",
)
def add_entrustment(request: HttpRequest, system_id: int, body: EntrustIn) -> Any:
    system = system_for(request.user, system_id)
    require_manage(request.user, system.organization)
    agency = get_object_or_404(
        Agency.objects.filter(organization__in=chain_of(system.organization)), pk=body.agency
    )
    made = _checked(agencies.entrust, system, agency, body.task, request.user)
    return Status(201, entrustment_out(made))


@router.get("/entrustments/{entrustment_id}", response=EntrustmentOut, summary="委托评价")
def get_entrustment(request: HttpRequest, response: HttpResponse, entrustment_id: int) -> Any:
    entrustment = entrustment_for(request.user, entrustment_id)
    return tagged(response, entrustment, entrustment_out(entrustment))


@router.post(
    "/entrustments/{entrustment_id}/rating",
    response=EntrustmentOut,
    summary="执业质量评价（更新机构评价累计数和信用等级）",
)
def rate_entrustment(
    request: HttpRequest, response: HttpResponse, entrustment_id: int, body: RatingIn
) -> Any:
    entrustment = entrustment_for(request.user, entrustment_id)
    args = (body.score, body.opinion, request.user, if_match(request))
    _checked(agencies.rate, entrustment, *args)
    return tagged(response, entrustment, entrustment_out(entrustment))
