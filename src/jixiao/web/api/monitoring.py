"""API routes of in-year monitoring and the dashboards (运行监控、绩效看板).

They go through the same functions as the pages (``monitoring.records`` to write,
``monitoring.queries`` to read, ``orgs.permissions`` to check), so a county can read and
answer only its own checks and a bureau never sees another's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from jixiao.core.rollup import RANK_KEYS, Rollup, rank
from jixiao.web.api.paging import Mapped, Pages, year_query
from jixiao.web.api.schemas import Built
from jixiao.web.api.versions import if_match, tagged
from jixiao.web.monitoring.alerts import indicator_alerts, spending_alerts
from jixiao.web.monitoring.cache import cached_rollup, check_keys
from jixiao.web.monitoring.models import (
    IndicatorCheck,
    Light,
    Round,
    Schedule,
    SpendingCheck,
    thresholds_for,
)
from jixiao.web.monitoring.queries import latest_date, rounds_seen_by
from jixiao.web.monitoring.records import (
    FIELDS,
    MANAGE,
    MonitoringError,
    launch_round,
    record_indicator,
    record_spending,
    require_answer,
    respond,
    save_thresholds,
)
from jixiao.web.monitoring.schedules import (
    PLAN_FIELDS,
    planned,
    require_schedule,
    save_schedule,
    schedule_for,
)
from jixiao.web.monitoring.views.dashboard import parse_date
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.paging import INDICATOR_DOCUMENT, PROJECT_DOCUMENT, Fetched
from jixiao.web.performance.models import IndicatorSystem

router = Router(tags=["运行监控与绩效看板"])


class RoundIn(Schema):
    organization: int
    as_of: date


class RoundOut(Schema):
    id: int
    organization_id: int
    organization: str
    year: int
    as_of: date
    name: str
    note: str
    deadline: date | None
    scheduled: bool


class CheckIn(Schema):
    value: str | None = None
    reason: str | None = None
    measure: str | None = None
    likelihood: str | None = None


class SpendingIn(Schema):
    spent: Decimal | None = None
    reason: str | None = None
    measure: str | None = None
    likelihood: str | None = None


class AnswerOut(Built):
    id: int
    round_id: int
    as_of: str
    organization_id: int
    organization: str
    progress: Decimal | None
    expected: Decimal | None
    relative: Decimal | None
    status: str
    status_label: str
    explanation: str
    reason: str
    measure: str
    likelihood: str
    needs_response: bool
    version: int


class CheckOut(AnswerOut):
    indicator_id: int
    system_id: int
    indicator: str
    target_text: str
    value_text: str


class SpendingOut(AnswerOut):
    project_id: int
    system_id: int
    project: str
    budget: Decimal | None
    spent: Decimal | None


class ThresholdsIn(Schema):
    progress_red_below: Decimal
    progress_amber_below: Decimal
    spending_red_below: Decimal
    spending_amber_below: Decimal
    default_month: int = 6


def _round_out(r: Round) -> dict[str, Any]:
    return {
        "id": r.pk,
        "organization_id": r.organization_id,
        "organization": r.organization.name,
        "year": r.year,
        "as_of": r.as_of,
        "name": r.name,
        "note": r.note,
        "deadline": r.deadline,
        "scheduled": r.schedule_id is not None,
    }


def _answer_out(c: IndicatorCheck | SpendingCheck) -> dict[str, Any]:
    return {
        "id": c.pk,
        "version": c.version,
        "round_id": c.round_id,
        "as_of": c.round.as_of.isoformat(),
        "organization_id": c.organization_id,
        "organization": c.organization.name,
        "progress": c.progress,
        "expected": c.expected,
        "relative": c.relative,
        "status": c.status,
        "status_label": c.get_status_display(),
        "explanation": c.explanation,
        "reason": c.reason,
        "measure": c.measure,
        "likelihood": c.likelihood,
        "needs_response": c.needs_response,
    }


def _check_out(c: IndicatorCheck) -> dict[str, Any]:
    return _answer_out(c) | {
        "indicator_id": c.indicator_id,
        "system_id": c.indicator.system_id,
        "indicator": c.indicator.name,
        "target_text": c.indicator.target_text,
        "value_text": c.value_text,
    }


def _spending_out(c: SpendingCheck) -> dict[str, Any]:
    return _answer_out(c) | {
        "project_id": c.project_id,
        "system_id": c.project.system_id,
        "project": c.project.name,
        "budget": c.budget,
        "spent": c.spent,
    }


@router.get("/monitoring/rounds", response=list[RoundOut], summary="监控轮次")
@paginate(Pages, page_size=100)
def list_rounds(
    request: HttpRequest, year: int | None = year_query(), org: int | None = None
) -> Any:
    rounds = rounds_seen_by(request.user)
    if year is not None:
        rounds = rounds.filter(year=year)
    if org is not None:
        rounds = rounds.filter(organization_id=org)
    return Mapped(rounds.select_related("organization"), _round_out)


@router.post("/monitoring/rounds", response={201: RoundOut}, summary="发起监控轮次")
def post_round(request: HttpRequest, body: RoundIn) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=body.organization)
    require(request.user, MANAGE, org)
    try:
        rnd = launch_round(org, body.as_of.year, body.as_of, request.user)
    except MonitoringError as exc:
        raise HttpError(400, str(exc)) from exc
    return Status(201, _round_out(rnd))


def _scoped(request: HttpRequest, model: Any, org_id: int, as_of: str | None) -> Any:
    """Checks of ``org_id`` and below at ``as_of`` (``YYYY-MM-DD``; default the latest round).

    Paginated routes take the date as text: ninja resolves their annotations in its own module.
    """
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    when = parse_date(as_of) if as_of else _latest(org)
    if as_of and when is None:
        raise HttpError(400, f"日期“{as_of}”格式不对，应为 YYYY-MM-DD。")
    return model.objects.filter(round__as_of=when, organization__path__startswith=org.path)


def _latest(org: Any) -> date | None:
    years = IndicatorSystem.objects.filter(organization__path__startswith=org.path)
    year = years.order_by("-year").values_list("year", flat=True).first()
    return latest_date(org, year) if year else None


@router.get(
    "/monitoring/orgs/{org_id}/checks", response=list[CheckOut], summary="指标监控（本单位及下级）"
)
@paginate(Pages, page_size=200)
def list_checks(
    request: HttpRequest,
    org_id: int,
    as_of: str | None = None,
    status: str | None = None,
    system: int | None = None,
) -> Any:
    checks = _scoped(request, IndicatorCheck, org_id, as_of)
    status = status if status in Light.values else ""
    if status:
        checks = checks.filter(status=status)
    if system is not None:
        checks = checks.filter(indicator__system_id=system)
    scope = f"api:{org_id}:{parse_date(as_of) if as_of else ''}:{status}:{system}"
    keys = check_keys(checks, scope, ("indicator__position",))
    related = IndicatorCheck.objects.select_related("round", "organization", "indicator").defer(
        "parsed", *(f"indicator__{name}" for name in INDICATOR_DOCUMENT)
    )  # 200 rows a page: not the indicators' JSON, which the list does not return
    return Mapped(Fetched(keys, related), _check_out)


@router.get(
    "/monitoring/orgs/{org_id}/spending",
    response=list[SpendingOut],
    summary="资金监控（本单位及下级）",
)
@paginate(Pages, page_size=200)
def list_spending(
    request: HttpRequest, org_id: int, as_of: str | None = None, status: str | None = None
) -> Any:
    checks = _scoped(request, SpendingCheck, org_id, as_of)
    status = status if status in Light.values else ""
    if status:
        checks = checks.filter(status=status)
    scope = f"api-spending:{org_id}:{parse_date(as_of) if as_of else ''}:{status}"
    keys = check_keys(checks, scope, ("project__position",))
    related = SpendingCheck.objects.select_related("round", "organization", "project").defer(
        *(f"project__{name}" for name in PROJECT_DOCUMENT)
    )
    return Mapped(Fetched(keys, related), _spending_out)


def _visible(request: HttpRequest, model: Any, check_id: int) -> Any:
    check = get_object_or_404(
        model.objects.filter(organization__in=visible_orgs(request.user)).select_related(
            "round", "organization"
        ),
        pk=check_id,
    )
    require(request.user, "view", check.organization)
    return check


@router.get("/monitoring/checks/{check_id}", response=CheckOut, summary="一个指标的监控情况")
def get_check(request: HttpRequest, response: HttpResponse, check_id: int) -> Any:
    check = _visible(request, IndicatorCheck, check_id)
    return tagged(response, check, _check_out(check))


@router.put(
    "/monitoring/checks/{check_id}",
    response=CheckOut,
    summary="填报截至完成值、偏差原因和纠偏措施（本单位）",
)
def put_check(request: HttpRequest, response: HttpResponse, check_id: int, body: CheckIn) -> Any:
    check = _visible(request, IndicatorCheck, check_id)
    require_answer(request.user, check)
    answer = body.dict(exclude={"value"})
    try:
        if body.value is not None:
            record_indicator(check, body.value, request.user, if_match(request), **answer)
        else:
            plain = {k: v or "" for k, v in answer.items()}
            respond(check, request.user, **plain, expected=if_match(request))
    except MonitoringError as exc:
        raise HttpError(400, str(exc)) from exc
    return tagged(response, check, _check_out(check))


@router.get(
    "/monitoring/spending/{check_id}", response=SpendingOut, summary="一个项目的资金监控情况"
)
def get_spending(request: HttpRequest, response: HttpResponse, check_id: int) -> Any:
    check = _visible(request, SpendingCheck, check_id)
    return tagged(response, check, _spending_out(check))


@router.put(
    "/monitoring/spending/{check_id}", summary="填报截至支出、偏差原因和纠偏措施（本单位）"
)
def put_spending(
    request: HttpRequest, response: HttpResponse, check_id: int, body: SpendingIn
) -> Any:
    check = _visible(request, SpendingCheck, check_id)
    require_answer(request.user, check)
    answer = body.dict(exclude={"spent"})
    try:
        if body.spent is not None:
            record_spending(check, body.spent, request.user, if_match(request), **answer)
        else:
            plain = {k: v or "" for k, v in answer.items()}
            respond(check, request.user, **plain, expected=if_match(request))
    except MonitoringError as exc:
        raise HttpError(400, str(exc)) from exc
    return tagged(response, check, _spending_out(check))


@router.get("/monitoring/alerts", summary="本单位待说明的红灯预警")
def list_alerts(request: HttpRequest) -> Any:
    return {
        "indicators": [_check_out(c) for c in indicator_alerts(request.user)[:500]],
        "spending": [_spending_out(c) for c in spending_alerts(request.user)[:500]],
    }


@router.get("/monitoring/thresholds/{org_id}", summary="监控预警阈值")
def get_thresholds(request: HttpRequest, response: HttpResponse, org_id: int) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    t = thresholds_for(org)
    own = t if t.organization_id == org.pk else None  # inherited: this unit has none yet
    body = {name: getattr(t, name) for name in (*FIELDS, "default_month")}
    return tagged(response, own, body | {"organization_id": t.organization_id})


@router.put("/monitoring/thresholds/{org_id}", summary="设置监控预警阈值（绩效管理员）")
def put_thresholds(
    request: HttpRequest, response: HttpResponse, org_id: int, body: ThresholdsIn
) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, MANAGE, org)
    try:
        save_thresholds(org, body.dict(), request.user, if_match(request))
    except MonitoringError as exc:
        raise HttpError(400, str(exc)) from exc
    return get_thresholds(request, response, org_id)


class ScheduleIn(Schema):
    frequency: str = "quarterly"
    first_month: int = 1
    last_month: int = 12
    open_days: int = 0
    fill_workdays: int = 10
    active: bool = True


class PeriodOut(Schema):
    as_of: date
    opens_on: date
    due_on: date
    round_id: int | None


class ScheduleOut(ScheduleIn):
    organization_id: int
    year: int
    version: int
    periods: list[PeriodOut]


def _schedule_out(schedule: Schedule) -> dict[str, Any]:
    plan = {name: getattr(schedule, name) for name in PLAN_FIELDS}
    periods = [
        {
            "as_of": p.period.as_of,
            "opens_on": p.period.opens_on,
            "due_on": p.period.due_on,
            "round_id": p.round.pk if p.round else None,
        }
        for p in planned(schedule)
    ]
    ids = {"organization_id": schedule.organization_id, "year": schedule.year}
    return plan | ids | {"version": schedule.version, "periods": periods}


@router.get(
    "/monitoring/schedules/{org_id}/{year}",
    response=ScheduleOut,
    summary="监控计划（按月或按季自动发起监控轮次）",
)
def get_schedule(request: HttpRequest, response: HttpResponse, org_id: int, year: int) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    schedule = schedule_for(org, year)
    if schedule is None:
        raise HttpError(404, f"「{org.name}」尚未设定{year}年监控计划。")
    return tagged(response, schedule, _schedule_out(schedule))


@router.put(
    "/monitoring/schedules/{org_id}/{year}",
    response=ScheduleOut,
    summary="设定监控计划（省级绩效管理员）",
)
def put_schedule(
    request: HttpRequest, response: HttpResponse, org_id: int, year: int, body: ScheduleIn
) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require_schedule(request.user, org)
    try:
        schedule = save_schedule(org, year, body.dict(), request.user, if_match(request))
    except MonitoringError as exc:
        raise HttpError(400, str(exc)) from exc
    return tagged(response, schedule, _schedule_out(schedule))


def _rollup_out(r: Rollup, sort: str) -> dict[str, Any]:
    t = r.total
    return {
        "org_id": r.org_id,
        "name": r.name,
        "level": r.unit.level,
        "indicators": t.indicators,
        "judged": t.judged,
        "completion": r.completion,
        "score": r.score,
        "grade": r.grade,
        "weight": t.weight,
        "points": t.points,
        "budget": t.budget,
        "spent": t.spent,
        "rate": r.rate,
        "spending_status": r.spending_status,
        "red": t.red,
        "amber": t.amber,
        "green": t.green,
        "children": [
            _rollup_out(child, sort) | {"rank": position}
            for position, child in rank(r.children, sort)
        ],
    }


@router.get("/dashboard/{org_id}", summary="绩效看板：本单位及下级单位汇总、排名（可逐级下钻）")
def get_dashboard(
    request: HttpRequest,
    org_id: int,
    year: int = year_query(required=True),
    as_of: date | None = None,
    sort: str = "score",
) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    if sort not in RANK_KEYS:
        raise HttpError(400, f"排序只能是：{'、'.join(RANK_KEYS)}")
    when = latest_date(org, year, as_of)
    data = _rollup_out(cached_rollup(org, year, as_of), sort)
    return {"year": year, "as_of": when.isoformat() if when else None} | data
