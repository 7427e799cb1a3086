"""The results grid (完成情况填报): a spreadsheet-like page, one row per indicator.

Each cell saves itself when it changes (htmx, see static/jixiao/grid.js); what was typed is
parsed by the core and shown back structured, so a clerk sees at once whether “不少于33件”
was understood as ≥ 33 件.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import indicator_for, may_edit, require_editable, system_for
from jixiao.web.cycle.audit import log_change
from jixiao.web.cycle.models import ReportingPeriod, Result, periods_for
from jixiao.web.cycle.parsing import ValueRefused, describe_target, parse_text, refuse_value
from jixiao.web.imports.files import FileRefused, check_evidence
from jixiao.web.performance.models import Indicator
from jixiao.web.performance.rescore import rescore


def parsed_view(text: str, direction: str = "", unit: str = "") -> dict[str, object]:
    """The template context that shows ``text`` parsed (or why it could not be)."""
    if not text.strip():
        return _shown(text, [])
    try:
        targets = parse_text(text, direction or None, unit or None)
    except Exception as exc:  # a parser problem must not lose the typed text
        return {"text": text, "targets": [], "note": f"无法解析：{exc}"}
    return _shown(text, targets)


def stored_view(result: Result | None) -> dict[str, object]:
    """What ``parsed_view`` shows, from what was parsed when the result was saved.

    The grid shows every row's parse on each visit; reading the stored parse instead of
    parsing each cell again keeps the page cheap at province scale (docs/benchmarks.md).
    """
    if result is None:
        return _shown("", [])
    return _shown(result.value_text, result.parsed)


def _shown(text: str, targets: list[dict]) -> dict[str, object]:
    """Targets in words, or a note when a non-empty text held none."""
    return {
        "text": text,
        "targets": [{**t, "words": describe_target(t)} for t in targets],
        "note": "" if targets or not text.strip() else "未识别出目标值",
    }


@login_required
def results_grid(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    periods = periods_for(system.year)
    period = next(
        (p for p in periods if str(p.pk) == request.GET.get("period")),
        next((p for p in periods if p.is_final), periods[-1]),
    )
    indicators = list(system.indicators.all())
    results = {
        r.indicator_id: r for r in Result.objects.filter(period=period, indicator__system=system)
    }
    rows = [
        {
            "indicator": i,
            "result": results.get(i.pk),
            "editable": may_edit(request.user, system, i),
            "parsed": stored_view(results.get(i.pk)),
        }
        for i in indicators
    ]
    context = {"nav": "systems", "system": system, "org": system.organization}
    context |= {"periods": periods, "period": period, "rows": rows}
    context["can_edit"] = may_edit(request.user, system)
    return render(request, "cycle/results.html", context)


@login_required
@require_POST
def save_result(request: HttpRequest, indicator_id: int, period_id: int) -> HttpResponse:
    indicator = indicator_for(request.user, indicator_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, year=indicator.system.year)
    require_editable(request.user, indicator.system, indicator)
    value = request.POST.get("value", "")
    comment = request.POST.get("comment")
    evidence = request.FILES.get("evidence")
    try:
        refuse_value(value)
    except ValueRefused as exc:
        if request.headers.get("HX-Request"):
            return render(request, "cycle/_parsed.html", {"parsed": _refused(value, exc)})
        messages.error(request, str(exc))
        return redirect("indicator_detail", indicator.pk)
    if evidence is not None:
        try:
            check_evidence(evidence)
        except FileRefused as exc:  # nothing is saved: the value comes again with the file
            messages.error(request, str(exc))
            return redirect("indicator_detail", indicator.pk)
    save_result_values(indicator, period, value, comment, request.user, evidence)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "cycle/_parsed.html",
            {"parsed": parsed_view(value, "", indicator.unit), "saved": True},
        )
    return redirect("indicator_detail", indicator.pk)


def _refused(text: str, exc: ValueRefused) -> dict[str, object]:
    """What the grid cell shows for a value that was not saved, and why."""
    return {"text": text[:60], "targets": [], "note": f"未保存：{exc}"}


def save_result_values(
    indicator: Indicator,
    period: ReportingPeriod,
    value: str,
    comment: str | None,
    user: object,
    evidence: object = None,
) -> Result:
    """Store one result, log what changed and, for the final period, set the actual.

    Raises :class:`ValueRefused` (nothing saved) for a value no column can keep.
    """
    refuse_value(value)
    system = indicator.system
    with transaction.atomic():
        result, _ = Result.objects.get_or_create(indicator=indicator, period=period)
        label = f"完成值（{period.name}）"
        log_change(system, indicator, label, result.value_text, value, user)
        result.value_text = value
        result.parsed = parsed_view(value, "", indicator.unit)["targets"]
        if comment is not None:
            log_change(system, indicator, f"说明（{period.name}）", result.comment, comment, user)
            result.comment = comment
        if evidence is not None:
            log_change(
                system,
                indicator,
                f"佐证材料（{period.name}）",
                result.evidence.name.rsplit("/", 1)[-1],  # the file, not the storage folder
                evidence.name,
                user,
            )
            result.evidence = evidence
        result.updated_by = user if getattr(user, "is_authenticated", False) else None
        result.save()
        if period.is_final:
            targets = [{k: v for k, v in t.items() if k != "words"} for t in result.parsed]
            indicator.actual_text = value
            indicator.actual = {"raw": value, "targets": targets} if value.strip() else None
            rescore(indicator, save=False)
            indicator.save(update_fields=["actual_text", "actual", "recomputed"])
    return result


@login_required
@require_POST
def parse_preview(request: HttpRequest) -> HttpResponse:
    """Parse-as-you-type: whatever field posted ``value`` gets its targets shown back."""
    text = request.POST.get("value", "")
    return render(
        request,
        "cycle/_parsed.html",
        {
            "parsed": parsed_view(
                text, request.POST.get("direction", ""), request.POST.get("unit", "")
            )
        },
    )


@login_required
def evidence(request: HttpRequest, result_id: int) -> HttpResponse:
    """Serve an evidence file to whoever may see its indicator (never by a public URL)."""
    result = get_object_or_404(Result, pk=result_id)
    indicator_for(request.user, result.indicator_id)
    if not result.evidence:
        raise Http404("没有佐证材料。")
    name = result.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(result.evidence.open("rb"), as_attachment=True, filename=name)
