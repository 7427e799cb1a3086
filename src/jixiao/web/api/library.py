"""API routes of the 指标库, 绩效目标审核 and 绩效目标调整.

They call the same functions as the pages (``library.curation``, ``library.building``,
``library.reviews``, ``library.adjust``), with the same rights and organisation scoping.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from jixiao.web.api.paging import Mapped, RowId
from jixiao.web.api.schemas import ErrorOut
from jixiao.web.cycle.access import indicator_for, system_for
from jixiao.web.library import curation
from jixiao.web.library.adapter import check_dicts, province_of, references, run_review
from jixiao.web.library.adjust import AdjustmentError, decide, request_adjustment
from jixiao.web.library.building import BuildError, copy_last_year, pick
from jixiao.web.library.models import (
    IndicatorLink,
    LibraryIndicator,
    LinkStatus,
    TargetAdjustment,
    TargetReview,
)
from jixiao.web.library.reviews import record_review
from jixiao.web.orgs.permissions import visible_orgs

router = Router(tags=["指标库、目标审核与调整"])


class EntryOut(Schema):
    id: int
    organization_id: int
    kind: str
    name: str
    path: list[str]
    function_class: str
    industry: str
    field: str
    fund_use: str
    definition: str
    formula: str
    criteria: str
    unit: str
    direction: str
    data_source: str
    valid_from: int | None
    valid_to: int | None
    mandatory: bool
    reference_value: str
    reference_basis: str
    active: bool


class EntryPatch(Schema):
    name: str | None = None
    kind: str | None = None
    function_class: str | None = None
    industry: str | None = None
    field: str | None = None
    fund_use: str | None = None
    definition: str | None = None
    formula: str | None = None
    criteria: str | None = None
    unit: str | None = None
    direction: str | None = None
    data_source: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None
    mandatory: bool | None = None
    reference_value: str | None = None
    reference_basis: str | None = None
    active: bool | None = None


class OfferOut(Schema):
    id: int
    indicator_id: int
    name: str
    organization: str
    year: int
    key: str
    status: str
    entry_id: int | None


class OfferDecision(Schema):
    action: str  # merge | add | reject
    entry: int | None = None


class DistributionOut(Schema):
    count: int
    median: Decimal
    low: Decimal
    high: Decimal
    rank: int | None
    explanation: str


class ReferenceOut(Schema):
    indicator_id: int
    entry_id: int | None
    reference_value: str
    reference_basis: str
    last_year: Decimal | None
    year_before: Decimal | None
    targets: DistributionOut | None
    results: DistributionOut | None


class CheckOut(Schema):
    code: str
    title: str
    passed: bool
    severity: str
    message: str
    problems: list[dict]


class PickIn(Schema):
    entries: list[RowId] = Field(max_length=500)


class ReviewIn(Schema):
    result: str  # pass | amend | reject
    opinion: str = ""


class ReviewOut(Schema):
    id: int
    system_id: int
    result: str
    result_label: str
    opinion: str
    reviewer: str
    at: str
    checks: list[dict]


class AdjustmentIn(Schema):
    after: str
    reason: str


class DecisionIn(Schema):
    approve: bool
    opinion: str = ""
    approved_on: date | None = None


class AdjustmentOut(Schema):
    id: int
    indicator_id: int
    organization_id: int
    before_text: str
    after_text: str
    reason: str
    status: str
    requested_at: str
    effective_on: date | None
    opinion: str


def entry_out(entry: LibraryIndicator) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in EntryOut.model_fields} | {"id": entry.pk}


def offer_out(link: IndicatorLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "indicator_id": link.indicator_id,
        "name": link.indicator.name,
        "organization": link.organization.name,
        "year": link.year,
        "key": link.key,
        "status": link.status,
        "entry_id": link.entry_id,
    }


def review_out(review: TargetReview) -> dict[str, Any]:
    return {
        "id": review.pk,
        "system_id": review.system_id,
        "result": review.result,
        "result_label": review.get_result_display(),
        "opinion": review.opinion,
        "reviewer": review.reviewer.username if review.reviewer else "",
        "at": review.at.isoformat(),
        "checks": review.checks,
    }


def adjustment_out(item: TargetAdjustment) -> dict[str, Any]:
    return {
        "id": item.pk,
        "indicator_id": item.indicator_id,
        "organization_id": item.organization_id,
        "before_text": item.before_text,
        "after_text": item.after_text,
        "reason": item.reason,
        "status": item.status,
        "requested_at": item.requested_at.isoformat(),
        "effective_on": item.effective_on,
        "opinion": item.opinion,
    }


def _entry(request: HttpRequest, entry_id: int) -> LibraryIndicator:
    return get_object_or_404(curation.readable_entries(request.user), pk=entry_id)


@router.get("/library", response=list[EntryOut], summary="指标库（本省）")
@paginate(PageNumberPagination, page_size=100)
def list_entries(
    request: HttpRequest,
    province: int | None = None,
    q: str = "",
    function_class: str = "",
    fund_use: str = "",
    kind: str = "",
    mandatory: bool | None = None,
) -> Any:
    entries = LibraryIndicator.objects.filter(
        organization=curation.library_province(request.user, province)
    )
    if q:
        entries = entries.filter(Q(name__icontains=q[:100]) | Q(definition__icontains=q[:100]))
    if function_class:
        entries = entries.filter(function_class__icontains=function_class[:100])
    if fund_use:
        entries = entries.filter(fund_use__icontains=fund_use[:100])
    if kind:
        entries = entries.filter(kind=kind)
    if mandatory is not None:
        entries = entries.filter(mandatory=mandatory)
    return Mapped(entries, entry_out)


@router.get("/library/offers", response=list[OfferOut], summary="待归并的报送指标")
@paginate(PageNumberPagination, page_size=100)
def list_offers(request: HttpRequest, province: int | None = None) -> Any:
    found = curation.library_province(request.user, province)
    curation.require_curator(request.user, found)
    links = IndicatorLink.objects.filter(
        status=LinkStatus.OFFERED, organization__path__startswith=found.path
    ).select_related("indicator", "organization")
    return Mapped(links.order_by("key", "pk"), offer_out)


@router.post(
    "/library/offers/{link_id}", response={200: dict, 400: ErrorOut}, summary="归并、入库或不入库"
)
def decide_offer(request: HttpRequest, link_id: int, body: OfferDecision) -> Any:
    link = get_object_or_404(
        IndicatorLink.objects.filter(organization__in=visible_orgs(request.user)), pk=link_id
    )
    try:
        if body.action == "merge":
            count = curation.merge(link, _entry(request, body.entry or 0), request.user)
            return {"merged": count}
        if body.action == "add":
            return {"entry_id": curation.add_entry(link, request.user).pk}
        if body.action == "reject":
            return {"rejected": curation.reject(link, request.user)}
    except curation.CurationError as exc:
        raise HttpError(400, str(exc)) from exc
    raise HttpError(400, "action 应为 merge、add 或 reject。")


@router.get("/library/{entry_id}", response=EntryOut, summary="库内指标")
def get_entry(request: HttpRequest, entry_id: int) -> Any:
    return entry_out(_entry(request, entry_id))


@router.patch(
    "/library/{entry_id}", response={200: EntryOut, 400: ErrorOut}, summary="修改库内指标"
)
def patch_entry(request: HttpRequest, entry_id: int, body: EntryPatch) -> Any:
    entry = _entry(request, entry_id)
    values = body.dict(exclude_unset=True)
    if "kind" in values and values["kind"] not in ("common", "specific"):
        raise HttpError(400, "kind 应为 common（共性指标）或 specific（个性指标）。")
    try:
        curation.save_entry(entry, values, request.user)
    except curation.CurationError as exc:
        raise HttpError(400, str(exc)) from exc
    return entry_out(entry)


def _distribution(found: Any) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "count": found.count,
        "median": found.median,
        "low": found.low,
        "high": found.high,
        "rank": found.rank,
        "explanation": found.explanation,
    }


@router.get(
    "/systems/{system_id}/references", response=list[ReferenceOut], summary="各指标的参考值"
)
def system_references(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    return [
        {
            "indicator_id": pk,
            "entry_id": ref.entry.pk if ref.entry else None,
            "reference_value": ref.entry.reference_value if ref.entry else "",
            "reference_basis": ref.entry.reference_basis if ref.entry else "",
            "last_year": ref.last_year,
            "year_before": ref.year_before,
            "targets": _distribution(ref.targets),
            "results": _distribution(ref.results),
        }
        for pk, ref in references(system).items()
    ]


@router.get("/systems/{system_id}/target-checks", response=list[CheckOut], summary="目标自动审核")
def target_checks(request: HttpRequest, system_id: int) -> Any:
    return check_dicts(run_review(system_for(request.user, system_id)))


@router.post(
    "/systems/{system_id}/library-picks",
    response={201: list[int], 400: ErrorOut},
    summary="从指标库挑选指标",
)
def pick_entries(request: HttpRequest, system_id: int, body: PickIn) -> Any:
    system = system_for(request.user, system_id, "edit")
    entries = LibraryIndicator.objects.filter(
        organization=province_of(system.organization), pk__in=body.entries[:500]
    )
    if not entries:
        raise HttpError(400, "没有可挑选的库内指标（编号不在本省指标库中）。")
    return Status(201, [i.pk for i in pick(system, entries, request.user)])


@router.post(
    "/systems/{system_id}/copy-last-year",
    response={201: list[int], 400: ErrorOut},
    summary="复制上年指标",
)
def copy_previous(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id, "edit")
    try:
        return Status(201, [i.pk for i in copy_last_year(system, request.user)])
    except BuildError as exc:
        raise HttpError(400, str(exc)) from exc


@router.get("/systems/{system_id}/target-reviews", response=list[ReviewOut], summary="审核记录")
def list_reviews(request: HttpRequest, system_id: int) -> Any:
    system = system_for(request.user, system_id)
    return [review_out(r) for r in system.target_reviews.select_related("reviewer")]


@router.post(
    "/systems/{system_id}/target-reviews", response={201: ReviewOut}, summary="提交审核结论"
)
def add_review(request: HttpRequest, system_id: int, body: ReviewIn) -> Any:
    system = system_for(request.user, system_id)
    return Status(201, review_out(record_review(system, request.user, body.result, body.opinion)))


@router.get("/adjustments", response=list[AdjustmentOut], summary="目标调整申请")
@paginate(PageNumberPagination, page_size=100)
def list_adjustments(request: HttpRequest, status: str | None = None) -> Any:
    items = TargetAdjustment.objects.filter(organization__in=visible_orgs(request.user))
    return Mapped(items.filter(status=status) if status else items, adjustment_out)


@router.post(
    "/indicators/{indicator_id}/adjustments",
    response={201: AdjustmentOut, 400: ErrorOut},
    summary="申请调整目标",
)
def add_adjustment(request: HttpRequest, indicator_id: int, body: AdjustmentIn) -> Any:
    indicator = indicator_for(request.user, indicator_id, "edit")
    try:
        item = request_adjustment(
            indicator, request.user, body.after[:500], body.reason[:2000], timezone.localdate()
        )
    except AdjustmentError as exc:
        raise HttpError(400, str(exc)) from exc
    return Status(201, adjustment_out(item))


@router.post(
    "/adjustments/{adjustment_id}/decision",
    response={200: AdjustmentOut, 400: ErrorOut},
    summary="审批目标调整",
)
def decide_adjustment(request: HttpRequest, adjustment_id: int, body: DecisionIn) -> Any:
    item = get_object_or_404(
        TargetAdjustment.objects.filter(organization__in=visible_orgs(request.user)),
        pk=adjustment_id,
    )
    today = timezone.localdate()
    try:
        item = decide(
            item, request.user, body.approve, body.opinion[:2000], body.approved_on or today, today
        )
    except AdjustmentError as exc:
        raise HttpError(400, str(exc)) from exc
    return adjustment_out(item)
