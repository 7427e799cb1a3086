"""The drafted 绩效自评报告: drafted from the system's data, edited in the page, issued.

The draft comes from :func:`jixiao.core.drafting.draft_report` over the system's core
document, its one score sheet and its checks, so its figures are the system's figures. The
unit edits the words; a save is refused (409, both texts shown) when someone else saved in
between, and every save is logged with the old and new text.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jixiao.core.drafting import MAX_DRAFT_CHARS, DraftError, draft_report, parse_draft
from jixiao.web.adapter import document_of, sheet_of
from jixiao.web.cycle.access import may_edit, require_editable, system_for
from jixiao.web.cycle.audit import record
from jixiao.web.cycle.exports import CONTENT_TYPES, disposition
from jixiao.web.cycle.models import ReportDraft
from jixiao.web.performance.models import IndicatorSystem


def fresh_draft(system: IndicatorSystem) -> str:
    """The report drafted anew from the system as it stands."""
    from jixiao.core.checks import run_checks

    doc = document_of(system)
    return draft_report(doc, sheet_of(system), run_checks(doc)).to_text()


@login_required
def report_draft(request: HttpRequest, system_id: int) -> HttpResponse:
    """Show the saved report (or a fresh draft); save an edit, or draft again."""
    system = system_for(request.user, system_id)
    saved = ReportDraft.objects.filter(system=system).first()
    if request.method == "POST":
        return _save(request, system, saved)
    text = saved.text if saved else fresh_draft(system)
    return _page(request, system, saved, text)


def _page(
    request: HttpRequest,
    system: IndicatorSystem,
    saved: ReportDraft | None,
    text: str,
    theirs: ReportDraft | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "system": system,
        "org": system.organization,
        "saved": saved,
        "text": text,
        "theirs": theirs,
        "editable": may_edit(request.user, system),
        "max_chars": MAX_DRAFT_CHARS,
    }
    return render(request, "cycle/report_draft.html", context, status=status)


def _save(
    request: HttpRequest, system: IndicatorSystem, saved: ReportDraft | None
) -> HttpResponse:
    require_editable(request.user, system)
    if request.POST.get("action") == "redraft":
        return _page(request, system, saved, fresh_draft(system))
    text = request.POST.get("text", "")
    try:
        parse_draft(text)
    except DraftError as exc:
        messages.error(request, f"未保存：{exc}")
        return _page(request, system, saved, text[:MAX_DRAFT_CHARS], status=400)
    with transaction.atomic():
        current = ReportDraft.objects.select_for_update().filter(system=system).first()
        if _stale(request.POST.get("version", ""), current):
            messages.error(
                request,
                "未保存：在您编辑期间，他人已保存了这份报告。下面是两份正文，请合并后再保存。",
            )
            return _page(request, system, current, text, theirs=current, status=409)
        old = current.text if current else ""
        draft = current or ReportDraft(system=system, version=0)
        draft.text, draft.version, draft.updated_by = text, draft.version + 1, request.user
        draft.save()
        record(draft, "自评报告", old, text, request.user)  # filed under the draft itself
    messages.success(request, "报告已保存。")
    return redirect("report_draft", system.pk)


def _stale(posted: str, current: ReportDraft | None) -> bool:
    """True when the page was opened on another version than the one stored now."""
    return posted != str(current.version if current else 0)


@login_required
def report_download(request: HttpRequest, system_id: int, fmt: str) -> HttpResponse:
    """The saved report (or a fresh draft) as .docx or .pdf, portrait, as filed."""
    from jixiao.reports import write_report
    from jixiao.reports.drafted import draft_to_report

    system = system_for(request.user, system_id)
    if fmt not in ("docx", "pdf"):
        raise Http404("不支持的格式。")
    saved = ReportDraft.objects.filter(system=system).first()
    draft = parse_draft(saved.text if saved else fresh_draft(system))
    out = io.BytesIO()  # written to memory: no temporary file
    write_report(draft_to_report(draft), fmt, out)
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = disposition(f"{draft.title}.{fmt}")
    return response
