"""The REST API (django-ninja): same permission checks and scoping as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Router
from ninja.pagination import paginate

from jixiao.core.documents import document_to_dict
from jixiao.web.adapter import document_of
from jixiao.web.api.auth import AUTH
from jixiao.web.api.cycle import router as cycle_router
from jixiao.web.api.disclosure import router as disclosure_router
from jixiao.web.api.errors import install as install_error_handlers
from jixiao.web.api.experts import router as experts_router
from jixiao.web.api.imports import router as imports_router
from jixiao.web.api.library import router as library_router
from jixiao.web.api.monitoring import router as monitoring_router
from jixiao.web.api.outcomes import router as outcomes_router
from jixiao.web.api.paging import Mapped, Pages, year_query
from jixiao.web.api.province import router as province_router
from jixiao.web.api.rules import router as rules_router
from jixiao.web.api.schemas import IndicatorOut, OrgOut, SystemOut, system_out
from jixiao.web.api.workbench import router as workbench_router
from jixiao.web.cycle.access import visible_systems
from jixiao.web.cycle.audit import Stale, etag
from jixiao.web.cycle.workflow import WorkflowError
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.performance.models import IndicatorSystem

api = NinjaAPI(
    title="JiXiao 绩效管理 API",
    version="1",
    description="市场监管部门预算绩效管理系统接口。认证：`Authorization: Bearer <令牌>`（系统对接）"
    "或已登录浏览器会话。每个接口只返回调用者有权查看的单位的数据。",
    auth=AUTH,
    urls_namespace="api",
)
install_error_handlers(api)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> Any:
    return api.create_response(request, {"detail": str(exc) or "无权访问"}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> Any:
    return api.create_response(request, {"detail": "数据不存在，或您无权查看。"}, status=404)


@api.exception_handler(Stale)
def stale(request: HttpRequest, exc: Stale) -> Any:
    """409: someone saved since the caller's If-Match; both values, nothing saved."""
    response = api.create_response(request, exc.as_dict(), status=409)
    response["ETag"] = etag(exc.obj)
    return response


@api.exception_handler(WorkflowError)
def workflow_refused(request: HttpRequest, exc: WorkflowError) -> Any:
    return api.create_response(request, {"detail": str(exc)}, status=409)


router = Router(tags=["组织与指标体系"])


@router.get("/orgs", response=list[OrgOut], summary="可查看的单位")
@paginate(Pages, page_size=100)
def list_orgs(request: HttpRequest, level: str | None = None) -> Any:
    orgs = visible_orgs(request.user)
    return orgs.filter(level=level) if level else orgs


@router.get("/systems", response=list[SystemOut], summary="指标体系列表")
@paginate(Pages, page_size=50)
def list_systems(
    request: HttpRequest,
    year: int | None = year_query(),
    org: int | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> Any:
    systems = visible_systems(request.user)
    for field, value in (
        ("year", year),
        ("organization_id", org),
        ("kind", kind),
        ("status", status),
    ):
        if value is not None:
            systems = systems.filter(**{field: value})
    ordered = systems.order_by(*IndicatorSystem._meta.ordering, "pk")
    return Mapped(ordered, system_out)


def _system(request: HttpRequest, system_id: int) -> IndicatorSystem:
    system = get_object_or_404(visible_systems(request.user), pk=system_id)
    require(request.user, "view", system.organization)
    return system


@router.get("/systems/{system_id}", response=SystemOut, summary="指标体系")
def get_system(request: HttpRequest, system_id: int) -> Any:
    return system_out(_system(request, system_id))


@router.get("/systems/{system_id}/indicators", response=list[IndicatorOut], summary="指标")
@paginate(Pages, page_size=200)
def list_indicators(request: HttpRequest, system_id: int) -> Any:
    return _system(request, system_id).indicators.select_related("scoring")


@router.get("/systems/{system_id}/document", summary="按 jixiao/v1 格式导出整个文档")
def get_document(request: HttpRequest, system_id: int) -> Any:
    return document_to_dict(document_of(_system(request, system_id)))


api.add_router("/", router)
api.add_router("/", cycle_router)
api.add_router("/", imports_router)
api.add_router("/", monitoring_router)
api.add_router("/", outcomes_router)
api.add_router("/", disclosure_router)
api.add_router("/", rules_router)
api.add_router("/", province_router)
api.add_router("/", library_router)
api.add_router("/", experts_router)
api.add_router("/", workbench_router)
