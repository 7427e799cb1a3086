"""API of the disclosure register: requests, deadlines, the annual report's tables and checks.

Same access functions as the pages (``web.disclosure.register``): a bureau reads and writes
only its own register, a membership above it reads; another bureau's gets 404. Writes are
validated by the page's own form, so the messages are the same.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from jixiao.core.documents import document_to_dict
from jixiao.web.api.paging import Pages, year_in_path
from jixiao.web.api.versions import if_match, tagged
from jixiao.web.disclosure import register as access
from jixiao.web.disclosure.forms import InfoRequestForm
from jixiao.web.disclosure.models import InfoRequest
from jixiao.web.orgs.permissions import visible_orgs

router = Router(tags=["政府信息公开"])


class RequestOut(Schema):
    id: int
    version: int
    organization_id: int
    ref: str
    received: date
    channel: str
    applicant_type: str
    applicant_name: str
    content: str
    extension_days: int
    correction_sent: date | None
    correction_received: date | None
    consult_start: date | None
    consult_end: date | None
    outcome: str
    replied: date | None
    due: date
    state: str


class RequestIn(Schema):
    received: date
    channel: str
    applicant_type: str
    ref: str = ""
    applicant_name: str = ""
    content: str = ""
    extension_days: int = 0
    correction_sent: date | None = None
    correction_received: date | None = None
    consult_start: date | None = None
    consult_end: date | None = None
    outcome: str = ""
    replied: date | None = None
    note: str = ""


class RequestPatch(Schema):
    received: date | None = None
    channel: str | None = None
    applicant_type: str | None = None
    ref: str | None = None
    applicant_name: str | None = None
    content: str | None = None
    extension_days: int | None = None
    correction_sent: date | None = None
    correction_received: date | None = None
    consult_start: date | None = None
    consult_end: date | None = None
    outcome: str | None = None
    replied: date | None = None
    note: str | None = None


def _out(r: InfoRequest) -> dict[str, Any]:
    data = {name: getattr(r, name) for name in RequestOut.model_fields if hasattr(r, name)}
    data["due"] = r.due
    data["state"] = r.state(date.today())
    return data


@router.get(
    "/disclosure/{org_id}/{year}/requests", response=list[RequestOut], summary="依申请公开登记"
)
@paginate(Pages, page_size=100)
def list_requests(
    request: HttpRequest,
    org_id: int,
    year: int = year_in_path(),
    applicant: str | None = None,
    channel: str | None = None,
    state: str | None = None,
) -> Any:
    org = access.org_for(request.user, org_id)
    rows = access.requests_touching(org, year).order_by("received", "pk")
    if applicant:
        rows = rows.filter(applicant_type=applicant)
    if channel:
        rows = rows.filter(channel=channel)
    out = [_out(r) for r in rows]
    return [r for r in out if r["state"] == state] if state else out


@router.get("/disclosure/{org_id}/deadlines", summary="已逾期和5个工作日内到期的申请")
def deadlines(request: HttpRequest, org_id: int) -> Any:
    org = access.org_for(request.user, org_id)
    lists = access.deadline_lists(org, date.today())
    return {name: [_out(r) for r in rows] for name, rows in lists.items()}


def _save(form: InfoRequestForm, org: Any, user: Any, expected: int | None = None) -> InfoRequest:
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[k].label if k in form.fields else ''}{' '.join(v)}"
            for k, v in form.errors.items()
        )
        raise HttpError(400, errors)
    return access.save_request(form, org, user, expected)


@router.post("/disclosure/{org_id}/requests", response={201: RequestOut}, summary="登记新申请")
def create_request(request: HttpRequest, org_id: int, body: RequestIn) -> Any:
    org = access.org_for(request.user, org_id)
    access.require_edit(request.user, org)
    form = InfoRequestForm(data=_form_data(body.dict()))
    return Status(201, _out(_save(form, org, request.user)))


@router.patch("/disclosure/requests/{request_id}", response=RequestOut, summary="修改申请")
def patch_request(
    request: HttpRequest, response: HttpResponse, request_id: int, body: RequestPatch
) -> Any:
    found = get_object_or_404(
        InfoRequest.objects.filter(organization__in=visible_orgs(request.user)),
        pk=request_id,
    )
    org = access.org_for(request.user, found.organization_id)
    access.require_edit(request.user, org)
    current = {name: getattr(found, name) for name in InfoRequestForm.Meta.fields}
    current.update(body.dict(exclude_unset=True))
    form = InfoRequestForm(data=_form_data(current), instance=found)
    saved = _save(form, org, request.user, if_match(request))
    return tagged(response, saved, _out(saved))


def _form_data(values: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in values.items()}


@router.get(
    "/disclosure/{org_id}/{year}/report", summary="年度报告表格（由登记生成）及勾稽关系校验"
)
def get_report(request: HttpRequest, org_id: int, year: int = year_in_path()) -> Any:
    org = access.org_for(request.user, org_id)
    doc, blockers, problems = access.annual_report(org, year)
    return {
        "document": document_to_dict(doc),
        "can_issue": not blockers,
        "blockers": blockers,
        "problems": problems,
    }
