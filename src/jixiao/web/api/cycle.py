"""API routes of the year's work: results, workflow, audit log, scores (imports: ``api.imports``).

They go through the same functions as the pages (``cycle.access``, ``cycle.workflow``,
``cycle.audit``, ``imports.save``), so the permission rules cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from jixiao.core.documents import plain
from jixiao.web.adapter import stored_sheet
from jixiao.web.api.paging import Mapped, Pages, year_query
from jixiao.web.api.schemas import (
    ChangeOut,
    IndicatorOut,
    IndicatorPatch,
    ParseTargetIn,
    PeriodOut,
    ResultIn,
    ResultOut,
    StepIn,
    TransitionOut,
)
from jixiao.web.api.versions import if_match, tagged
from jixiao.web.cycle.access import indicator_for, require_editable, system_for, visible_systems
from jixiao.web.cycle.audit import update_fields, version_of
from jixiao.web.cycle.evaluations import adjust
from jixiao.web.cycle.models import (
    Change,
    Evaluation,
    ReportingPeriod,
    Result,
    Transition,
)
from jixiao.web.cycle.parsing import ValueRefused, refusal, targets_of
from jixiao.web.cycle.views.results import parsed_view, result_warnings, save_result_values
from jixiao.web.cycle.workflow import WorkflowError, run_system_checks, transition
from jixiao.web.orgs.permissions import visible_orgs

router = Router(tags=["填报、流转与修改记录"])


def _who(user: Any) -> str | None:
    return (user.get_full_name() or user.username) if user else None


def _result_out(r: Result) -> dict[str, Any]:
    return {
        "indicator_id": r.indicator_id,
        "period_id": r.period_id,
        "value_text": r.value_text,
        "parsed": r.parsed,
        "comment": r.comment,
        "updated_at": r.updated_at.isoformat() if r.updated_at else None,
        "version": version_of(r),
    }


@router.get("/periods", response=list[PeriodOut], summary="填报期")
def list_periods(request: HttpRequest, year: int = year_query(required=True)) -> Any:
    """The year's stored periods; a read never creates them (a system's import does)."""
    return ReportingPeriod.objects.filter(year=year)


@router.get("/systems/{system_id}/results", response=list[ResultOut], summary="完成情况")
@paginate(Pages, page_size=200)
def list_results(request: HttpRequest, system_id: int, period: int | None = None) -> Any:
    system = system_for(request.user, system_id)
    results = Result.objects.filter(indicator__system=system).order_by("indicator__position")
    if period is not None:
        results = results.filter(period_id=period)
    return Mapped(results.order_by("indicator__position", "pk"), _result_out)


@router.put(
    "/indicators/{indicator_id}/results/{period_id}", response=ResultOut, summary="填报完成值"
)
def put_result(
    request: HttpRequest,
    response: HttpResponse,
    indicator_id: int,
    period_id: int,
    body: ResultIn,
) -> Any:
    indicator = indicator_for(request.user, indicator_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, year=indicator.system.year)
    require_editable(request.user, indicator.system, indicator)
    problem = refusal(body.value, indicator.unit)
    if problem:  # too long, or an absurd number: nothing is saved
        raise HttpError(422, problem)
    try:
        result = save_result_values(
            indicator, period, body.value, body.comment, request.user, expected=if_match(request)
        )
    except ValueRefused as exc:
        raise HttpError(422, f"未保存：{exc}") from exc
    warnings = result_warnings(indicator, result.value_text, result.parsed)
    return tagged(response, result, _result_out(result) | {"warnings": warnings})


@router.get(
    "/indicators/{indicator_id}/results/{period_id}", response=ResultOut, summary="一项完成值"
)
def get_result(
    request: HttpRequest, response: HttpResponse, indicator_id: int, period_id: int
) -> Any:
    indicator = indicator_for(request.user, indicator_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, year=indicator.system.year)
    result = Result.objects.filter(indicator=indicator, period=period).first()
    shown = result or Result(indicator=indicator, period=period, version=0)
    return tagged(response, result, _result_out(shown))


@router.get("/indicators/{indicator_id}", response=IndicatorOut, summary="指标")
def get_indicator(request: HttpRequest, response: HttpResponse, indicator_id: int) -> Any:
    indicator = indicator_for(request.user, indicator_id)
    return tagged(response, indicator, indicator)


@router.patch("/indicators/{indicator_id}", response=IndicatorOut, summary="修改指标")
def patch_indicator(
    request: HttpRequest, response: HttpResponse, indicator_id: int, body: IndicatorPatch
) -> Any:
    indicator = indicator_for(request.user, indicator_id)
    require_editable(request.user, indicator.system, indicator)
    values = body.dict(exclude_unset=True)
    reason = values.pop("reason", "") or ""
    # An explicit null clears a weight; the text fields cannot be null, so null leaves them be.
    values = {k: v for k, v in values.items() if v is not None or k == "weight"}
    if "target_text" in values:
        if problem := refusal(values["target_text"], indicator.unit, "目标值"):
            raise HttpError(400, problem)
        values["targets"] = targets_of(values["target_text"], indicator.direction, indicator.unit)
    update_fields(indicator, values, request.user, reason, if_match(request))
    return tagged(response, indicator, indicator)


@router.get("/systems/{system_id}/transitions", response=list[TransitionOut], summary="流转记录")
def list_transitions(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    return [_transition_out(t) for t in system.transitions.select_related("user")]


def _transition_out(t: Transition) -> dict[str, Any]:
    return {
        "id": t.pk,
        "action": t.action,
        "from_status": t.from_status,
        "to_status": t.to_status,
        "user": t.user_name or _who(t.user),
        "comment": t.comment,
        "reason": t.reason,
        "findings": t.findings,
        "at": t.at.isoformat(),
    }


@router.post(
    "/systems/{system_id}/transitions",
    response={201: TransitionOut},
    summary="流转操作：submit 提交、review 审核、approve 审批、lock 锁定、return 退回、unlock 解锁",
)
def post_transition(request: HttpRequest, system_id: int, body: StepIn) -> Any:
    system = system_for(request.user, system_id)
    record = transition(system, body.action, request.user, body.comment, body.reason)
    return Status(201, _transition_out(record))


@router.get("/systems/{system_id}/findings", summary="勾稽关系校验（当前数据）")
def get_findings(request: HttpRequest, system_id: int) -> Any:
    return run_system_checks(system_for(request.user, system_id))


@router.get("/systems/{system_id}/score", summary="总分、等级和计分过程（含评价调整）")
def get_score(request: HttpRequest, system_id: int) -> Any:
    return stored_sheet(system_for(request.user, system_id))


class AdjustIn(Schema):
    adjusted: str
    reason: str = ""


@router.put(
    "/evaluations/{evaluation_id}/scores/{indicator_id}",
    summary="评价人员调整某项指标得分（0至分值之间，须填理由；留空并填理由即取消）",
)
def put_adjustment(
    request: HttpRequest, evaluation_id: int, indicator_id: int, body: AdjustIn
) -> Any:
    evaluation = get_object_or_404(
        Evaluation.objects.filter(system__in=visible_systems(request.user)), pk=evaluation_id
    )
    row = get_object_or_404(evaluation.scores, indicator_id=indicator_id)
    try:
        adjust(row, body.adjusted, body.reason, request.user)
    except WorkflowError as exc:
        raise HttpError(400, str(exc)) from exc
    evaluation.refresh_from_db()
    return {
        "evaluation_id": evaluation.pk,
        "indicator_id": indicator_id,
        "computed": plain(row.computed),
        "adjusted": plain(row.adjusted),
        "reason": row.reason,
        "total": plain(evaluation.total),
        "grade": evaluation.grade,
    }


@router.get("/systems/{system_id}/export", summary="按原格式导出（xlsx、docx、pdf）")
def get_export(request: HttpRequest, system_id: int, fmt: str = "xlsx") -> Any:
    from django.http import HttpResponse

    from jixiao.reports import ExportError
    from jixiao.web.cycle.exports import CONTENT_TYPES, export_bytes

    system = system_for(request.user, system_id)
    if fmt not in CONTENT_TYPES:
        raise HttpError(400, f"不支持的导出格式 {fmt}，可选：xlsx、docx、pdf")
    try:
        data = export_bytes(system, fmt)
    except ExportError as exc:
        raise HttpError(400, f"无法导出：{exc}") from exc
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="system-{system.pk}.{fmt}"'
    return response


@router.get("/changes", response=list[ChangeOut], summary="修改记录")
@paginate(Pages, page_size=100)
def list_changes(
    request: HttpRequest,
    org: int | None = None,
    system: int | None = None,
    indicator: int | None = None,
) -> Any:
    changes = Change.objects.filter(organization__in=visible_orgs(request.user))
    if org is not None:
        found = get_object_or_404(visible_orgs(request.user), pk=org)
        changes = changes.filter(organization__path__startswith=found.path)
    if system is not None:
        changes = changes.filter(system=system_for(request.user, system))
    if indicator is not None:
        changes = changes.filter(indicator=indicator_for(request.user, indicator))
    return Mapped(changes, _change_out)


def _change_out(c: Change) -> dict[str, Any]:
    return {
        "id": c.pk,
        "organization_id": c.organization_id,
        "system_id": c.system_id,
        "indicator_id": c.indicator_id,
        "subject": c.subject,
        "field": c.field,
        "old": c.old,
        "new": c.new,
        "reason": c.reason,
        "user": c.user_name or None,
        "at": c.at.isoformat(),
    }


@router.post("/parse-target", summary="解析目标值文字")
def parse_target_text(request: HttpRequest, body: ParseTargetIn) -> Any:
    return parsed_view(body.text, body.direction or "", body.unit or "")["targets"]
