"""API routes of imports: the same background job as the upload page (``imports.jobs``).

``POST /api/imports`` checks the file and queues its reading (202 with the job); the client
polls ``GET /api/imports/{id}`` until ``finished``, reads the summary (and ``other_bureau``
when the document names another bureau), then confirms (201 with the saved system) or
deletes the job. Jobs are the caller's own: nobody else sees them, not even a superuser.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from jixiao.web.api.schemas import ErrorOut, SystemOut
from jixiao.web.orgs.permissions import require, visible_orgs

router = Router(tags=["导入"])


class ImportJobOut(Schema):
    id: str
    file_name: str
    organization_id: int
    status: str
    status_label: str
    stage: str
    stage_label: str
    done: int
    total: int
    unit: str
    percent: int
    message: str
    other_bureau: str
    system_id: int | None
    finished: bool
    document: dict[str, Any] | None = None


class ConfirmIn(Schema):
    acknowledge_other_bureau: bool = False


def _out(job: Any) -> dict[str, Any]:
    from jixiao.web.imports import jobs

    data = jobs.state(job)
    data.pop("preview")
    data["document"] = _summary(job.document) if job.document else None
    return data


def _summary(document: dict[str, Any]) -> dict[str, Any]:
    """What the preview shows: kind, title, organisation, year, counts and warnings."""
    return {
        "kind": document.get("kind"),
        "title": document.get("title"),
        "organization": (document.get("organization") or {}).get("name"),
        "year": document.get("year"),
        "indicators": len(document.get("indicators") or []),
        "projects": len(document.get("projects") or []),
        "warnings": document.get("warnings") or [],
    }


def _job(request: HttpRequest, job_id: str) -> Any:
    from jixiao.web.imports import jobs

    job = jobs.job_for(request.user, job_id)
    require(request.user, "import", job.organization)
    return job


@router.post(
    "/imports",
    response={202: ImportJobOut, 400: ErrorOut},
    summary="上传文件并在后台读取（读取完成后再确认导入）",
)
def start_import(
    request: HttpRequest,
    file: File[UploadedFile],
    organization: Form[int],
    year: Form[int | None] = None,
    kind: Form[str | None] = None,
    replace: Form[bool] = False,
) -> Any:
    from jixiao.core.documents import KINDS
    from jixiao.web.imports import jobs
    from jixiao.web.imports.forms import check_upload

    org = get_object_or_404(visible_orgs(request.user), pk=organization)
    require(request.user, "import", org)
    if kind and kind not in KINDS:
        raise HttpError(400, f"未知的文件类型 {kind}，可选：{'、'.join(KINDS)}")
    if year is not None and not 2000 <= year <= 2100:
        raise HttpError(400, f"年度 {year} 不在 2000–2100 之间")
    try:
        check_upload(file)
        job = jobs.start(file, request.user, org, year=year, kind=kind or "", replace=replace)
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    except jobs.ImportRefused as exc:
        raise HttpError(400, str(exc)) from exc
    return Status(202, _out(job))


@router.get("/imports/{job_id}", response=ImportJobOut, summary="导入任务的进度与识别结果")
def get_import(request: HttpRequest, job_id: str) -> Any:
    return _out(_job(request, job_id))


@router.post(
    "/imports/{job_id}/confirm",
    response={201: SystemOut, 400: ErrorOut},
    summary="确认导入（整份保存，失败则不保存）",
)
def confirm_import(request: HttpRequest, job_id: str, body: ConfirmIn | None = None) -> Any:
    from jixiao.web.api.schemas import system_out
    from jixiao.web.imports import jobs
    from jixiao.web.imports.save import SaveError

    job = _job(request, job_id)
    acknowledged = bool(body and body.acknowledge_other_bureau)
    try:
        system = jobs.confirm(job, request.user, acknowledged, "接口导入")
    except (jobs.ImportRefused, SaveError) as exc:
        raise HttpError(400, str(exc)) from exc
    return Status(201, system_out(system))


@router.delete("/imports/{job_id}", response={204: None}, summary="取消导入任务")
def cancel_import(request: HttpRequest, job_id: str) -> Any:
    from jixiao.web.imports import jobs

    jobs.cancel(_job(request, job_id))
    return Status(204, None)
