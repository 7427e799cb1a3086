"""Import: upload → read in the background (a progress bar) → preview → save, all or nothing.

The upload is checked (type by extension and content, size, zip directory) and handed to a
background job (:mod:`jixiao.web.imports.jobs`); the job's page shows its progress, polling
``status.json`` (``static/jixiao/imports.js``), and becomes the preview once the file is read.
The preview and the save use the document kept with the job: the file is read once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.imports import jobs
from jixiao.web.imports.forms import KIND_LABELS, UploadForm
from jixiao.web.imports.models import ImportJob
from jixiao.web.imports.save import SaveError
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can, require, visible_orgs
from jixiao.web.performance.models import IndicatorSystem

PREVIEW_ROWS = 300


def importable_orgs(user: Any) -> Any:
    """The organisations the user may import into."""
    return Organization.objects.filter(
        pk__in=[o.pk for o in visible_orgs(user) if can(user, "import", o)]
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    orgs = importable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("您没有导入数据的权限：须为填报员或绩效管理员。")
    form = UploadForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = jobs.start(
                data["file"],
                request.user,
                data["organization"],
                year=data["year"],
                kind=data["kind"],
                replace=data["replace"],
            )
        except jobs.ImportRefused as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("import_preview", job.token)
    recent = (
        ImportJob.objects.filter(user=request.user)
        .exclude(status__in=[ImportJob.Status.SAVED, ImportJob.Status.CANCELLED])
        .select_related("organization")[:10]
    )
    context = {"form": form, "recent": recent, "keep_hours": settings.IMPORT_KEEP_HOURS}
    return render(request, "imports/upload.html", {"nav": "import", **context})


def _job(request: HttpRequest, token: str) -> ImportJob:
    job = jobs.job_for(request.user, token)
    require(request.user, "import", job.organization)
    return job


@login_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """The job's page: its progress while it is read, its result once it is."""
    job = _job(request, token)
    if job.status != ImportJob.Status.READY:
        return render(
            request,
            "imports/progress.html",
            {"nav": "import", "job": job, "state": jobs.state(job)},
        )
    doc = jobs.document(job)
    year = job.year or doc.year
    existing = IndicatorSystem.objects.filter(organization=job.organization, year=year or 0)
    return render(
        request,
        "imports/preview.html",
        {
            "nav": "import",
            "job": job,
            "doc": doc,
            "org": job.organization,
            "year": year,
            "kind_label": KIND_LABELS.get(doc.kind, doc.kind),
            "indicators": doc.indicators[:PREVIEW_ROWS],
            "existing": existing.count(),
        },
    )


@login_required
def status(request: HttpRequest, token: str) -> JsonResponse:
    """How far the job is, for the progress page's script (and anyone polling)."""
    return JsonResponse(jobs.state(_job(request, token)))


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    job = _job(request, token)
    try:
        system = jobs.confirm(job, request.user, bool(request.POST.get("acknowledge")))
    except (jobs.ImportRefused, SaveError) as exc:
        messages.error(request, str(exc))
        return redirect("import_preview", token)
    messages.success(request, f"已导入「{job.file_name}」：{system.indicators.count()} 个指标。")
    _report_checks(request, system)
    return redirect("system_detail", system.pk)


def _report_checks(request: HttpRequest, system: IndicatorSystem) -> None:
    """Run the checks (built-in and users' rules) on the import and say what they found."""
    from jixiao.web.cycle.workflow import errors_in, run_system_checks

    findings = run_system_checks(system)
    if findings:
        errors = errors_in(findings)
        messages.warning(
            request,
            f"导入校验：{len(errors)} 项错误、{len(findings) - len(errors)} 项提示"
            f"（{'；'.join(f['where'] + '：' + f['message'] for f in errors[:8])}）；提交时将再次校验。",
        )


@login_required
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    jobs.cancel(_job(request, token))
    messages.info(request, "已取消导入。")
    return redirect("import_upload")
