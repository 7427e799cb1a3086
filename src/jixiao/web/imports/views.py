"""Import: upload → preview → save, all or nothing.

The upload is checked and stored under MEDIA_ROOT/imports with a random name; the pending
import lives in the session (file, organisation, year, kind) until the user confirms the
preview, when the file is read again and saved by :func:`save_document` in one transaction.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.documents import Document
from jixiao.ingest import IngestError, extract_file
from jixiao.web.cycle.audit import log_change
from jixiao.web.imports.forms import KIND_LABELS, UploadForm
from jixiao.web.imports.save import SaveError, save_document
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can, require, visible_orgs
from jixiao.web.performance.models import IndicatorSystem

PENDING = "jixiao_pending_imports"


def importable_orgs(user: Any) -> Any:
    """The organisations the user may import into."""
    return Organization.objects.filter(
        pk__in=[o.pk for o in visible_orgs(user) if can(user, "import", o)]
    )


def store_upload(upload: Any, suffix: str) -> Path:
    """Keep the uploaded file under a random name (never the user's name: no path tricks)."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{secrets.token_hex(12)}{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def read_pending(request: HttpRequest, token: str) -> dict[str, Any]:
    """The pending import ``token`` of this session, or 404."""
    pending = request.session.get(PENDING, {}).get(token)
    if pending is None:
        raise Http404("导入任务不存在或已过期，请重新上传。")
    return pending


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    orgs = importable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("您没有导入数据的权限：须为填报员或绩效管理员。")
    form = UploadForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        path = store_upload(upload_file, "." + upload_file.name.rsplit(".", 1)[-1].lower())
        try:
            extract_file(path, data["kind"] or None)
        except IngestError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", f"无法读取此文件：{exc}")
        else:
            token = secrets.token_urlsafe(8)
            pending = request.session.get(PENDING, {})
            pending[token] = {
                "path": str(path),
                "name": Path(upload_file.name).name[:200],
                "org": data["organization"].pk,
                "year": data["year"],
                "kind": data["kind"] or None,
                "replace": data["replace"],
            }
            request.session[PENDING] = pending
            return redirect("import_preview", token)
    return render(request, "imports/upload.html", {"nav": "import", "form": form})


def _document(pending: dict[str, Any]) -> Document:
    doc = extract_file(pending["path"], pending["kind"])
    if doc.source is not None:
        doc.source.file = pending["name"]
    return doc


@login_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    pending = read_pending(request, token)
    org = Organization.objects.get(pk=pending["org"])
    require(request.user, "import", org)
    doc = _document(pending)
    year = pending["year"] or doc.year
    existing = IndicatorSystem.objects.filter(organization=org, year=year or 0).count()
    return render(
        request,
        "imports/preview.html",
        {
            "nav": "import",
            "token": token,
            "pending": pending,
            "doc": doc,
            "org": org,
            "year": year,
            "kind_label": KIND_LABELS.get(doc.kind, doc.kind),
            "indicators": doc.indicators[:300],
            "existing": existing,
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    pending = read_pending(request, token)
    org = Organization.objects.get(pk=pending["org"])
    require(request.user, "import", org)
    doc = _document(pending)
    try:
        system = save_document(doc, org, pending["year"], request.user, pending["replace"])
    except SaveError as exc:
        messages.error(request, str(exc))
        return redirect("import_preview", token)
    log_change(system, None, "导入", "", pending["name"], request.user, "导入文件")
    _forget(request, token)
    messages.success(request, f"已导入「{pending['name']}」：{system.indicators.count()} 个指标。")
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
    read_pending(request, token)
    _forget(request, token)
    messages.info(request, "已取消导入。")
    return redirect("import_upload")


def _forget(request: HttpRequest, token: str) -> None:
    pending = request.session.get(PENDING, {})
    item = pending.pop(token, None)
    request.session[PENDING] = pending
    if item:
        Path(item["path"]).unlink(missing_ok=True)
