"""API routes of the results app: rankings, incentive pools, next year's targets, 整改台账, 项目库.

They go through the same functions as the pages (``outcomes.access``, ``outcomes.pools``,
``outcomes.ledger``, ``outcomes.proposals``, ``outcomes.targets``), so a bureau sees and
changes through the API exactly what it may on the pages. Bad input answers 400 with the
same Chinese message the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from jixiao.web.api.paging import Mapped, Pages, RowId, Year, year_query
from jixiao.web.api.versions import if_match, tagged
from jixiao.web.cycle.access import indicator_for, system_for, visible_systems
from jixiao.web.cycle.models import Evaluation
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.outcomes import ledger, pools, proposals
from jixiao.web.outcomes.access import InputError, latest_year, org_for, year_of
from jixiao.web.outcomes.models import (
    IncentivePool,
    ProjectProposal,
    ProposalStatus,
    RectificationItem,
)
from jixiao.web.outcomes.targets import save_target, suggestion_for
from jixiao.web.outcomes.views.ledger import item_for, ledger_items
from jixiao.web.outcomes.views.pipeline import may_assess, proposal_for
from jixiao.web.outcomes.views.pools import pool_for
from jixiao.web.outcomes.views.rankings import standings
from jixiao.web.outcomes.views.targets import may_set

router = Router(tags=["结果应用"])
T = TypeVar("T")


def _checked(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a state change; bad input becomes 400 with its Chinese message."""
    try:
        return call(*args, **kwargs)
    except InputError as exc:
        raise HttpError(400, str(exc)) from exc


class StandingOut(Schema):
    org_id: int
    name: str
    place: int | None
    score: Decimal | None
    last_place: int | None
    last_score: Decimal | None
    change: Decimal | None
    level: str


@router.get("/outcomes/rankings", response=list[StandingOut], summary="得分排名与同比")
def get_rankings(
    request: HttpRequest, org: int | None = None, year: int | None = year_query(), level: str = ""
) -> Any:
    root = org_for(request.user, org)
    rows, _ = standings(request.user, root, year_of(year, latest_year(root)), level)
    return [
        {
            "org_id": int(r.key),
            "name": r.name,
            "place": r.place,
            "score": r.score,
            "last_place": r.last_place,
            "last_score": r.last_score,
            "change": r.change,
            "level": r.group,
        }
        for r in rows
    ]


class PoolIn(Schema):
    org: int
    name: str
    year: Year
    amount: str
    method: str = "fixed"
    city_amount: str = ""
    county_amount: str = ""
    min_score: str = ""
    listed_only: bool = False
    listed: list[RowId] = Field(default=[], max_length=10_000)


class ShareOut(Schema):
    org_id: int
    name: str
    score: Decimal | None
    qualifies: bool
    reason: str
    amount: Decimal


class PoolOut(Schema):
    version: int
    id: int
    organization_id: int
    year: int
    name: str
    amount: Decimal
    method: str
    rule: str
    status: str
    notes: list[str]
    shares: list[ShareOut]
    saved: bool


def _pool_out(pool: IncentivePool) -> dict[str, Any]:
    saved = pools.saved_rows(pool)
    if saved:
        shares = [
            {
                "org_id": s.organization_id,
                "name": s.organization.name,
                "score": s.score,
                "qualifies": s.qualifies,
                "reason": s.reason,
                "amount": s.amount,
            }
            for s in saved
        ]
    else:
        table = _checked(pools.compute, pool)
        shares = [
            {
                "org_id": int(s.key),
                "name": s.name,
                "score": s.score,
                "qualifies": s.qualifies,
                "reason": s.reason,
                "amount": s.amount,
            }
            for s in table.shares
        ]
    return {
        "version": pool.version,
        "id": pool.pk,
        "organization_id": pool.organization_id,
        "year": pool.year,
        "name": pool.name,
        "amount": pool.amount,
        "method": pool.method,
        "rule": pool.to_rule().describe(),
        "status": pool.status,
        "notes": pool.notes,
        "shares": shares,
        "saved": bool(saved),
    }


@router.get("/outcomes/pools", response=list[PoolOut], summary="激励资金池")
@paginate(Pages, page_size=20)
def list_pools(request: HttpRequest, org: int | None = None, year: int | None = year_query()) -> Any:
    root = org_for(request.user, org)
    found = IncentivePool.objects.filter(
        organization__in=visible_orgs(request.user).filter(path__startswith=root.path)
    ).select_related("organization")
    if year is not None:
        found = found.filter(year=year)
    return Mapped(found, _pool_out)


@router.post("/outcomes/pools", response={201: PoolOut}, summary="新建资金池（金额单位：万元）")
def create_pool(request: HttpRequest, body: PoolIn) -> Any:
    root = org_for(request.user, body.org, "approve")
    data = body.dict()
    data["listed_only"] = "1" if body.listed_only else ""
    listed = [str(x) for x in body.listed]
    pool = _checked(pools.define_pool, root, data, listed, request.user)
    return Status(201, _pool_out(pool))


@router.get("/outcomes/pools/{pool_id}", response=PoolOut, summary="资金池与分配表")
def get_pool(request: HttpRequest, response: HttpResponse, pool_id: int) -> Any:
    pool = pool_for(request.user, pool_id)
    return tagged(response, pool, _pool_out(pool))


@router.post("/outcomes/pools/{pool_id}/save", response=PoolOut, summary="保存分配结果")
def save_pool(request: HttpRequest, response: HttpResponse, pool_id: int) -> Any:
    pool = pool_for(request.user, pool_id, "approve")
    _checked(pools.save_allocation, pool, request.user, if_match(request))
    return tagged(response, pool, _pool_out(pool))


@router.post("/outcomes/pools/{pool_id}/approve", response=PoolOut, summary="审定分配结果")
def approve_pool(request: HttpRequest, response: HttpResponse, pool_id: int) -> Any:
    pool = pool_for(request.user, pool_id, "approve")
    _checked(pools.approve, pool, request.user, if_match(request))
    pool.refresh_from_db()
    return tagged(response, pool, _pool_out(pool))


class SuggestionOut(Schema):
    indicator_id: int
    name: str
    op: str
    unit: str | None
    suggested: Decimal | None
    average: Decimal | None
    basis: str


@router.get(
    "/outcomes/systems/{system_id}/targets",
    response=list[SuggestionOut],
    summary="下年目标建议",
)
def list_suggestions(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    out = []
    for ind in system.indicators.select_related("system"):
        s = suggestion_for(ind)
        out.append(
            {
                "indicator_id": ind.pk,
                "name": ind.name,
                "op": s.op,
                "unit": s.unit,
                "suggested": s.value,
                "average": s.baseline.average,
                "basis": s.basis,
            }
        )
    return out


class TargetIn(Schema):
    value: str
    reason: str = ""


class TargetOut(Schema):
    version: int
    indicator_id: int
    year: int
    value: Decimal | None
    suggested: Decimal | None
    reason: str


@router.put(
    "/outcomes/indicators/{indicator_id}/target",
    response=TargetOut,
    summary="确定下年目标（低于近三年平均值须说明理由）",
)
def put_target(
    request: HttpRequest, response: HttpResponse, indicator_id: int, body: TargetIn
) -> Any:
    indicator = indicator_for(request.user, indicator_id)
    if not may_set(request.user, indicator):
        raise PermissionDenied("您没有权限确定该指标的下年目标。")
    expected = if_match(request)
    row = _checked(save_target, indicator, body.value, body.reason, request.user, expected)
    return tagged(response, row, {"version": row.version}) | {
        "indicator_id": indicator.pk,
        "year": row.year,
        "value": row.value,
        "suggested": row.suggested,
        "reason": row.reason,
    }


class ItemOut(Schema):
    version: int
    id: int
    organization_id: int
    organization: str
    year: int
    area: str
    problem: str
    cause: str
    measure: str
    owner: str
    deadline: date | None
    status: str
    overdue: bool
    has_evidence: bool


class ItemIn(Schema):
    org: int
    year: Year
    problem: str
    area: str = ""
    cause: str = ""
    measure: str = ""
    owner: str = ""
    deadline: str = ""


class ItemPatch(Schema):
    measure: str | None = None
    owner: str | None = None
    deadline: str | None = None
    status: str | None = None


def _item_out(item: RectificationItem, today: date | None = None) -> dict[str, Any]:
    return {
        "version": item.version,
        "id": item.pk,
        "organization_id": item.organization_id,
        "organization": item.organization.name,
        "year": item.year,
        "area": item.area,
        "problem": item.problem,
        "cause": item.cause,
        "measure": item.measure,
        "owner": item.owner,
        "deadline": item.deadline,
        "status": item.status,
        "overdue": item.overdue_on(today or timezone.localdate()),
        "has_evidence": bool(item.evidence),
    }


@router.get("/outcomes/ledger", response=list[ItemOut], summary="整改台账")
@paginate(Pages, page_size=100)
def list_items(
    request: HttpRequest,
    org: int | None = None,
    year: int | None = year_query(),
    status: str = "",
    overdue: bool = False,
) -> Any:
    root = org_for(request.user, org)
    rows = ledger_items(request.user, root, year_of(year, latest_year(root)), status, overdue)
    return [_item_out(item) for item, _ in rows]


@router.post("/outcomes/ledger", response={201: ItemOut}, summary="登记整改事项")
def create_item(request: HttpRequest, body: ItemIn) -> Any:
    root = org_for(request.user, body.org)
    ledger.require_register(request.user, root)
    if not body.problem.strip():
        raise HttpError(400, "请填写存在问题。")
    deadline = _checked(ledger.parse_deadline, body.deadline)
    fields = body.dict(include={"area", "problem", "cause", "measure", "owner"})
    item = ledger.add_item(root, body.year, fields | {"deadline": deadline}, request.user)
    return Status(201, _item_out(item))


@router.post(
    "/outcomes/ledger/from-system/{system_id}",
    response={201: list[ItemOut]},
    summary="从评价报告的存在问题生成整改事项",
)
def items_from_system(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    ledger.require_register(request.user, system.organization)
    made = _checked(ledger.items_from_system, system, request.user)
    return Status(201, [_item_out(i) for i in made])


@router.post(
    "/outcomes/ledger/from-evaluation/{evaluation_id}",
    response={201: list[ItemOut]},
    summary="从评价发现的问题生成整改事项",
)
def items_from_evaluation(request: HttpRequest, evaluation_id: int) -> Any:
    evaluation = get_object_or_404(
        Evaluation.objects.filter(system__in=visible_systems(request.user)), pk=evaluation_id
    )
    ledger.require_register(request.user, evaluation.system.organization)
    made = _checked(ledger.items_from_evaluation, evaluation, request.user)
    return Status(201, [_item_out(i) for i in made])


@router.patch("/outcomes/ledger/{item_id}", response=ItemOut, summary="更新整改事项")
def patch_item(request: HttpRequest, response: HttpResponse, item_id: int, body: ItemPatch) -> Any:
    item = item_for(request.user, item_id, "edit")
    values = body.dict(exclude_unset=True)
    _checked(ledger.update_item, item, values, None, request.user, if_match(request))
    return tagged(response, item, _item_out(item))


@router.post("/outcomes/ledger/{item_id}/evidence", response=ItemOut, summary="上传整改佐证材料")
def upload_evidence(request: HttpRequest, item_id: int, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    item = item_for(request.user, item_id, "edit")
    _checked(ledger.update_item, item, {}, file, request.user, if_match(request))
    return _item_out(item)


class ProposalIn(Schema):
    org: int
    year: Year
    name: str
    amount: str
    department: str = ""
    summary: str = ""
    priority: int = 2
    readiness: str = "partial"


class ProposalOut(Schema):
    version: int
    id: int
    organization_id: int
    year: int
    name: str
    amount: Decimal
    priority: int
    readiness: str
    score: Decimal | None
    conclusion: str
    status: str
    position: int | None
    eligible: bool | None
    note: str
    project_id: int | None


def _proposal_out(p: ProjectProposal, ranked: Any = None) -> dict[str, Any]:
    return {
        "version": p.version,
        "id": p.pk,
        "organization_id": p.organization_id,
        "year": p.year,
        "name": p.name,
        "amount": p.amount,
        "priority": p.priority,
        "readiness": p.readiness,
        "score": p.score,
        "conclusion": p.conclusion,
        "status": p.status,
        "position": ranked.position if ranked else None,
        "eligible": ranked.eligible if ranked else None,
        "note": ranked.note if ranked else p.status_reason,
        "project_id": p.project_id,
    }


@router.get("/outcomes/proposals", response=list[ProposalOut], summary="项目库（按优先顺序）")
@paginate(Pages, page_size=100)
def list_proposals(request: HttpRequest, org: int | None = None, year: int | None = year_query()) -> Any:
    root = org_for(request.user, org)
    found = list(
        ProjectProposal.objects.filter(
            organization__in=visible_orgs(request.user).filter(path__startswith=root.path),
            year=year_of(year, latest_year(root) + 1),
        )
    )
    open_ones = [p for p in found if p.status == ProposalStatus.PROPOSED]
    rows = [_proposal_out(p, r) for r, p in proposals.ranking(open_ones)]
    return rows + [_proposal_out(p) for p in found if p.status != ProposalStatus.PROPOSED]


@router.post("/outcomes/proposals", response={201: ProposalOut}, summary="申报入库（万元）")
def create_proposal(request: HttpRequest, body: ProposalIn) -> Any:
    root = org_for(request.user, body.org, "edit")
    return Status(201, _proposal_out(_checked(proposals.propose, root, body.dict(), request.user)))


class AssessmentIn(Schema):
    necessity: str = ""
    economy: str = ""
    targets: str = ""
    feasibility: str = ""
    compliance: str = ""


@router.post(
    "/outcomes/proposals/{proposal_id}/assessment",
    response=ProposalOut,
    summary="事前绩效评估打分",
)
def assess_proposal(request: HttpRequest, proposal_id: int, body: AssessmentIn) -> Any:
    proposal = proposal_for(request.user, proposal_id)
    if not may_assess(request.user, proposal):
        require(request.user, "review", proposal.organization)
    expected = if_match(request)
    scored = _checked(proposals.score_assessment, proposal, body.dict(), request.user, expected)
    return _proposal_out(scored)


class DecisionIn(Schema):
    reason: str = ""


@router.post(
    "/outcomes/proposals/{proposal_id}/{action}",
    response=ProposalOut,
    summary="安排预算（fund）、滚动（roll）或退出（retire）",
)
def decide_proposal(request: HttpRequest, proposal_id: int, action: str, body: DecisionIn) -> Any:
    proposal = proposal_for(request.user, proposal_id, "approve")
    expected = if_match(request)
    if action == "fund":
        _checked(proposals.fund, proposal, request.user, expected)
    elif action == "roll":
        _checked(proposals.roll_forward, proposal, body.reason, request.user, expected)
    elif action == "retire":
        _checked(proposals.retire, proposal, body.reason, request.user, expected)
    else:
        raise HttpError(400, f"未知的操作：{action}")
    proposal.refresh_from_db()
    return _proposal_out(proposal)
