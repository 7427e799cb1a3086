"""Pages of the disclosure register: fetch, check permission, call the core, render."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.core import disclosure as std
from jixiao.core import disclosure_register as reg
from jixiao.core import workdays
from jixiao.core.documents import Document, document_to_dict
from jixiao.web.cycle.audit import expected_version
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.disclosure import register as access
from jixiao.web.disclosure.forms import InfoRequestForm, ReviewCaseForm
from jixiao.web.disclosure.models import (
    AnnualReport,
    Channel,
    InfoRequest,
    ProactiveCount,
    ReviewCase,
)
from jixiao.web.orgs.permissions import visible_orgs

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
STATE_LABELS = {
    "overdue": "已逾期",
    "soon": "即将到期",
    "open": "办理中",
    "done": "已办结",
    "late": "逾期办结",
}


def _today() -> date:
    return date.today()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where the menu leads: the user's own register for this year, or a list to pick from."""
    org = access.own_org(request.user)
    if org is not None and "all" not in request.GET:
        return redirect("disclosure_register", org.pk, access.default_year(org, _today()))
    orgs = visible_orgs(request.user).order_by("path")
    context = {"nav": "disclosure", "orgs": orgs, "this_year": _today().year}
    return render(request, "disclosure/index.html", context)


def _context(request: HttpRequest, org: Any, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "nav": "disclosure",
        "org": org,
        "year": year,
        "years": range(_today().year, 2018, -1),
        "editable": access.may_edit(request.user, org),
        **extra,
    }


@login_required
def register(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    """The year's requests with filters, deadlines highlighted, and the overdue/soon lists."""
    org = access.org_for(request.user, org_id)
    today = _today()
    rows = [_row(r, today, year) for r in _filtered(access.requests_touching(org, year), request)]
    state = request.GET.get("state", "")
    if state:
        rows = [r for r in rows if r["state"] == state or (state == "carried" and r["carried"])]
    lists = access.deadline_lists(org, today)
    context = _context(
        request,
        org,
        year,
        rows=rows,
        overdue=[_row(r, today, year) for r in lists["overdue"]],
        soon=[_row(r, today, year) for r in lists["soon"]],
        filters=request.GET,
        applicants=std.APPLICANT_COLUMNS,
        channels=Channel.choices,
        states=STATE_LABELS.items(),
        calendar_missing=_calendar_missing(year, rows),
    )
    return render(request, "disclosure/register.html", context)


def _calendar_missing(year: int, rows: list[dict[str, Any]]) -> list[int]:
    """The years, of the register's own and every due date shown, the holiday calendar lacks.

    A request received late in December is due in the next year, which the calendar package
    may not cover yet; the warning names exactly the years missing (#18: it named 2026 when
    2027 was the one).
    """
    years = {year} | {row["due"].year for row in rows if row["due"]}
    return sorted(y for y in years if not workdays.calendar_known(date(y, 1, 1)))


def _filtered(qs: Any, request: HttpRequest) -> Any:
    if request.GET.get("applicant"):
        qs = qs.filter(applicant_type=request.GET["applicant"])
    if request.GET.get("channel"):
        qs = qs.filter(channel=request.GET["channel"])
    if request.GET.get("q"):
        qs = qs.filter(content__icontains=request.GET["q"]) | qs.filter(
            applicant_name__icontains=request.GET["q"]
        )
    return qs.order_by("received", "pk")


def _row(r: InfoRequest, today: date, year: int) -> dict[str, Any]:
    state = r.state(today)
    return {
        "r": r,
        "due": r.due,
        "state": state,
        "state_label": STATE_LABELS[state],
        "carried": r.received.year < year,
        "carry_out": year < today.year
        and not (r.outcome and r.replied and r.replied.year <= year),
    }


@login_required
def request_edit(request: HttpRequest, org_id: int, pk: int | None = None) -> HttpResponse:
    """Add (pk None) or edit a request; only the bureau itself may."""
    org = access.org_for(request.user, org_id)
    access.require_edit(request.user, org)
    instance = get_object_or_404(InfoRequest, pk=pk, organization=org) if pk else None
    form = InfoRequestForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = access.save_request(form, org, request.user, posted_version(request))
        messages.success(request, f"已保存，法定答复期限：{saved.due:%Y年%m月%d日}。")
        return redirect("disclosure_register", org.pk, saved.received.year)
    due = instance.due if instance else None
    context = _context(
        request,
        org,
        instance.received.year if instance else _today().year,
        form=form,
        instance=instance,
        due=due,
        notice_due=workdays.correction_notice_due(instance.received) if instance else None,
    )
    return render(request, "disclosure/request_form.html", context)


@login_required
def proactive(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    """Table 二 counts in the format of the year's report (one form, saved at once)."""
    org = access.org_for(request.user, org_id)
    cells = {
        (c.item, c.column): c for c in ProactiveCount.objects.filter(organization=org, year=year)
    }
    blocks = reg.proactive_blocks(year)
    if request.method == "POST":
        access.require_edit(request.user, org)
        error = _save_proactive(org, year, blocks, request.POST, request.user)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, "主动公开数量已保存。")
            return redirect("disclosure_proactive", org.pk, year)
    grid = [
        {
            "block": b.block,
            "columns": b.columns,
            "items": [
                {
                    "item": item,
                    "cells": [
                        {"name": f"v|{item}|{col}", "cell": cells.get((item, col))}
                        for col in b.columns
                    ],
                }
                for item in b.items
            ],
        }
        for b in blocks
    ]
    return render(request, "disclosure/proactive.html", _context(request, org, year, grid=grid))


@transaction.atomic
def _save_proactive(org: Any, year: int, blocks: Any, post: Any, user: Any) -> str:
    """Save every cell or none; the first bad number is named."""
    for block in blocks:
        for item in block.items:
            for col in block.columns:
                text = (post.get(f"v|{item}|{col}") or "0").strip().replace(",", "")
                try:
                    value = Decimal(text)
                except InvalidOperation:
                    transaction.set_rollback(True)
                    return f"“{item} · {col}”应填数字，收到“{text}”，未保存。"
                seen = expected_version(post.get(f"ver|{item}|{col}"))
                access.save_proactive_cell(org, year, item, col, value, user, seen)
    return ""


@login_required
def reviews(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    """Review and litigation cases of the year, and a form to add one."""
    org = access.org_for(request.user, org_id)
    form = ReviewCaseForm(request.POST or None)
    if request.method == "POST":
        access.require_edit(request.user, org)
        if form.is_valid():
            access.add_review(form, org, year, request.user)
            messages.success(request, "已登记。")
            return redirect("disclosure_reviews", org.pk, year)
    cases = ReviewCase.objects.filter(organization=org, year=year)
    table = reg.count_reviews([c.to_core() for c in cases])
    context = _context(request, org, year, form=form, cases=cases, table=_review_rows(table))
    return render(request, "disclosure/reviews.html", context)


@login_required
@require_POST
def review_delete(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    org = access.org_for(request.user, org_id)
    access.require_edit(request.user, org)
    case = get_object_or_404(ReviewCase, pk=pk, organization=org)
    access.remove_review(case, request.user, posted_version(request))
    messages.success(request, "已删除（删除记录保留在修改记录中）。")
    return redirect("disclosure_reviews", org.pk, case.year)


def _review_rows(table: dict) -> list[dict[str, Any]]:
    return [
        {"group": g.replace("/", " · "), "cells": [table[g][c] for c in std.REVIEW_COLUMNS]}
        for g in std.REVIEW_GROUPS
    ]


def request_rows(requests: dict) -> list[dict[str, Any]]:
    """Table 三 rows for the page: label parts and the seven counts."""
    rows = []
    for key, counts in requests.items():
        group, _, item = key.partition("/")
        rows.append(
            {
                "key": key,
                "group": group,
                "item": item,
                "is_result": key not in (std.NEW, std.CARRIED, std.CARRY_OVER),
                "cells": [counts.get(c) for c in std.REQUEST_COLUMNS],
            }
        )
    return rows


@login_required
def report(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    """The annual report generated from the register: tables, checks, comparison, issue."""
    org = access.org_for(request.user, org_id)
    doc, blockers, problems = access.annual_report(org, year)
    filed = access.filed_report(org, year)
    diffs = reg.same_tables(doc.disclosure, filed[1]) if filed and doc.disclosure else None
    issued = AnnualReport.objects.filter(organization=org, year=year).first()
    context = _context(
        request,
        org,
        year,
        doc=doc,
        requests=request_rows(doc.disclosure.requests) if doc.disclosure else [],
        reviews=_review_rows(doc.disclosure.reviews) if doc.disclosure else [],
        proactive=doc.disclosure.proactive if doc.disclosure else [],
        columns=std.REQUEST_COLUMNS,
        blockers=blockers,
        problems=problems,
        filed=filed,
        diffs=diffs,
        issued=issued,
        formats=CONTENT_TYPES,
        report_format=reg.report_format(year),
    )
    return render(request, "disclosure/report.html", context)


@login_required
@require_POST
def issue(request: HttpRequest, org_id: int, year: int, fmt: str) -> HttpResponse:
    """Issue the report as ``fmt``: refused, with the cells named, when the rule is broken."""
    from jixiao.reports import ExportError

    org = access.org_for(request.user, org_id)
    access.require_edit(request.user, org)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的导出格式。")
    doc, blockers, _ = access.annual_report(org, year)
    if blockers:
        messages.error(request, "不能出具年度报告：" + "；".join(blockers))
        return redirect("disclosure_report", org.pk, year)
    try:
        data = _export(doc, fmt)
    except ExportError as exc:
        messages.error(request, f"不能出具年度报告：{exc}")
        return redirect("disclosure_report", org.pk, year)
    access.record_issue(org, year, document_to_dict(doc)["disclosure"], request.user, fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = _disposition(f"{doc.title}.{fmt}")
    return response


def _export(doc: Document, fmt: str) -> bytes:
    from jixiao.reports import export_document

    out = io.BytesIO()
    export_document(doc, fmt, out)  # to memory: no temporary file
    return out.getvalue()


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"report\"; filename*=UTF-8''{quote(name)}"
