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
from jixiao.web.cycle.audit import copy_into, etag, lock, update_fields
from jixiao.web.cycle.models import ReportingPeriod, Result, periods_for
from jixiao.web.cycle.parsing import (
    ValueRefused,
    describe_target,
    parse_text,
    refusal,
    targets_of,
)
from jixiao.web.cycle.views.conflict import posted_version
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


def result_warnings(indicator: Indicator, text: str, parsed: list[dict]) -> list[str]:
    """What the grid warns about a result: text on a numeric indicator, a unit that differs.

    The core decides (``core.actuals.check_actual``); the value is still saved.
    """
    from jixiao.core.actuals import check_actual
    from jixiao.core.documents import target_from_dict

    targets = [target_from_dict(t) for t in indicator.targets or []]
    results = [target_from_dict(t) for t in parsed]
    return check_actual(targets, text, results)


def checked_view(indicator: Indicator, text: str) -> dict[str, object]:
    """``parsed_view`` of a result typed for ``indicator``, with its warnings."""
    shown = parsed_view(text, "", indicator.unit)
    return shown | {"warnings": result_warnings(indicator, text, shown["targets"])}


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
            "parsed": _stored_with_warnings(i, results.get(i.pk)),
        }
        for i in indicators
    ]
    context = {"nav": "systems", "system": system, "org": system.organization}
    context |= {"periods": periods, "period": period, "rows": rows}
    context["can_edit"] = may_edit(request.user, system)
    return render(request, "cycle/results.html", context)


def _stored_with_warnings(indicator: Indicator, result: Result | None) -> dict[str, object]:
    shown = stored_view(result)
    if result is None:
        return shown
    return shown | {"warnings": result_warnings(indicator, result.value_text, result.parsed)}


@login_required
@require_POST
def save_result(request: HttpRequest, indicator_id: int, period_id: int) -> HttpResponse:
    indicator = indicator_for(request.user, indicator_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, year=indicator.system.year)
    require_editable(request.user, indicator.system, indicator)
    value = request.POST.get("value", "")
    comment = request.POST.get("comment")
    evidence = request.FILES.get("evidence")
    problem = refusal(value, indicator.unit)
    if problem:  # nothing is saved; htmx swaps only a 2xx, so the grid cell gets the note
        if request.headers.get("HX-Request"):
            note = {"text": value, "targets": [], "note": problem}
            return render(request, "cycle/_parsed.html", {"parsed": note})
        messages.error(request, problem)
        return redirect("indicator_detail", indicator.pk)
    if evidence is not None:
        try:
            check_evidence(evidence)
        except FileRefused as exc:  # nothing is saved: the value comes again with the file
            messages.error(request, str(exc))
            return redirect("indicator_detail", indicator.pk)
    result = save_result_values(
        indicator, period, value, comment, request.user, evidence, posted_version(request)
    )
    shown = checked_view(indicator, value)
    if request.headers.get("HX-Request"):
        response = render(request, "cycle/_parsed.html", {"parsed": shown, "saved": True})
    else:
        for warning in shown["warnings"]:
            messages.warning(request, f"「{indicator.name}」{period.name}：{warning}")
        response = redirect("indicator_detail", indicator.pk)
    response["ETag"] = etag(result)  # the grid keeps the new version for its next save
    return response


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
    expected: int | None = None,
) -> Result:
    """Store one result, log what changed and, for the final period, set the actual.

    The grid's path is parse → score → store: the value is parsed once by the core, its
    targets stored with the result (and, for the final period, as the indicator's actual),
    then the row and the system are rescored in the same transaction.

    Raises :class:`ValueRefused` (nothing saved) for a value no column can keep.

    ``expected`` is the result's version the person saw (0: none saved yet); a newer stored
    version refuses the save (:class:`~jixiao.web.cycle.audit.Stale`), nothing is written.
    """
    if problem := refusal(value, indicator.unit):
        raise ValueRefused(problem)
    values: dict[str, object] = {"value_text": value}
    labels = {"value_text": f"完成值（{period.name}）"}
    if comment is not None:
        values["comment"], labels["comment"] = comment, f"说明（{period.name}）"
    if evidence is not None:
        values["evidence"], labels["evidence"] = evidence, f"佐证材料（{period.name}）"
    values["parsed"] = targets_of(value, unit=indicator.unit)  # parsed once, stored as is
    values["updated_by"] = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        result, _ = Result.objects.get_or_create(
            indicator=indicator, period=period, defaults={"version": 0}
        )
        result.indicator = indicator
        update_fields(result, values, user, "", expected, labels, quiet=("parsed", "updated_by"))
        if period.is_final:
            _set_actual(indicator, value, result.parsed)
    return result


def _set_actual(indicator: Indicator, value: str, parsed: list[dict[str, object]]) -> None:
    """The final period's value is the indicator's 实际完成值 (rescored; under the row lock)."""
    current = lock(Indicator, pk=indicator.pk)
    targets = [{k: v for k, v in t.items() if k != "words"} for t in parsed]
    current.actual_text = value
    current.actual = {"raw": value, "targets": targets} if value.strip() else None
    current.save(update_fields=["actual_text", "actual"])
    rescore(current)  # the row's points and the system's stored total
    copy_into(indicator, current)


@login_required
@require_POST
def parse_preview(request: HttpRequest) -> HttpResponse:
    """Parse-as-you-type: whatever field posted ``value`` gets its targets shown back.

    With ``indicator`` (a result cell of the grid), the result is also checked against that
    indicator's target, so a warning shows while typing.
    """
    text = request.POST.get("value", "")
    if request.POST.get("indicator", "").isdigit():
        indicator = indicator_for(request.user, int(request.POST["indicator"]))
        return render(request, "cycle/_parsed.html", {"parsed": checked_view(indicator, text)})
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
