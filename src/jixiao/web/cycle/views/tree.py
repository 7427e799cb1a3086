"""Editing the indicator tree: add, move, re-weight, retarget — every change logged.

The editor shows each level's weights with their sum beside the level's stated weight
(the ``分值:<level>`` figures), recomputed live in the browser as weights are typed, so an
officer sees at once whether a level still adds up.
"""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_POST

from jixiao.core.bounds import WEIGHT, digits_problem
from jixiao.web.cycle.access import indicator_for, may_edit, require_editable, system_for
from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.cycle.parsing import targets_of
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.performance.models import Indicator, IndicatorSystem
from jixiao.web.performance.rescore import rescore
from jixiao.web.security.redirects import safe_next


def stated_weights(system: IndicatorSystem) -> dict[str, Any]:
    """The weights the document states per level (``分值:产出指标`` → 产出指标)."""
    return {
        f["name"].split(":", 1)[1]: f.get("value")
        for f in system.figures or []
        if str(f.get("name", "")).startswith("分值:")
    }


def levels(system: IndicatorSystem) -> list[dict[str, Any]]:
    """Indicators grouped under their level path, with the level's stated weight."""
    stated = stated_weights(system)
    groups: OrderedDict[str, list[Indicator]] = OrderedDict()
    for indicator in system.indicators.all():
        groups.setdefault("/".join(indicator.path), []).append(indicator)
    return [
        {
            "key": key,
            "names": key.split("/") if key else [],
            "stated": stated.get(key),
            "rows": rows,
        }
        for key, rows in groups.items()
    ]


@login_required
def tree_editor(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    return render(
        request,
        "cycle/tree.html",
        {
            "nav": "systems",
            "system": system,
            "org": system.organization,
            "levels": levels(system),
            "editable": may_edit(request.user, system),
        },
    )


PLACES = 4  # the decimal places the points columns keep


class WeightError(ValueError):
    """A typed weight or score is not a usable number; the message is Chinese."""


def parse_weight(text: str) -> Decimal | None:
    """A weight typed by a user; empty means none. Refuses what is not a number in 0–100."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise WeightError(f"「{text[:20]}」不是数字，请输入分值（如 10 或 2.5）。") from None
    if problem := WEIGHT.problem(value):
        raise WeightError(problem)
    if value.as_tuple().exponent < -PLACES:  # type: ignore[operator]
        raise WeightError(f"分值最多保留 {PLACES} 位小数。")
    return value


def posted_values(request: HttpRequest, indicator: Indicator) -> dict[str, Any]:
    """The fields the edit form posted, converted to what the model stores."""
    values: dict[str, Any] = {}
    if "weight" in request.POST:
        values["weight"] = parse_weight(request.POST["weight"])
    for name in ("name", "direction", "unit", "criteria", "deviation"):
        if name in request.POST:
            values[name] = request.POST[name].strip()
    if "target_text" in request.POST:
        text = request.POST["target_text"].strip()
        if problem := digits_problem(text, "目标值"):
            raise WeightError(problem)
        values["target_text"] = text
        values["targets"] = targets_of(text, indicator.direction, indicator.unit)
    if "path" in request.POST:
        values["path"] = [p.strip() for p in request.POST["path"].split("/") if p.strip()]
    return values


@login_required
@require_POST
def edit_indicator(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = indicator_for(request.user, indicator_id)
    require_editable(request.user, indicator.system, indicator)
    try:
        values = posted_values(request, indicator)
    except WeightError as exc:
        if request.headers.get("HX-Request"):
            return HttpResponse(f'<span class="err">{escape(str(exc))}</span>')
        messages.error(request, str(exc))
        return redirect("indicator_detail", indicator.pk)
    reason = request.POST.get("reason", "").strip()
    changes = update_fields(indicator, values, request.user, reason, posted_version(request))
    if request.headers.get("HX-Request"):  # the row's hidden version moves on with the save
        version = f'<input type="hidden" name="version" id="version-{indicator.pk}" '
        version += f'value="{indicator.version}" hx-swap-oob="true">'
        return HttpResponse(f'<span class="ok">已保存（{len(changes)} 项修改）</span>{version}')
    messages.success(request, f"已保存「{indicator.name[:30]}」，{len(changes)} 项修改已记录。")
    return redirect(safe_next(request, reverse("indicator_detail", args=[indicator.pk])))


@login_required
@require_POST
def move_indicator(request: HttpRequest, indicator_id: int, direction: str) -> HttpResponse:
    indicator = indicator_for(request.user, indicator_id)
    system = indicator.system
    require_editable(request.user, system)
    siblings = system.indicators.all()
    neighbour = (
        siblings.filter(position__lt=indicator.position).order_by("-position").first()
        if direction == "up"
        else siblings.filter(position__gt=indicator.position).order_by("position").first()
    )
    if neighbour is not None:
        with transaction.atomic():  # both rows move, each logged, or neither
            mine, theirs = indicator.position, neighbour.position
            update_fields(indicator, {"position": theirs}, request.user)
            update_fields(neighbour, {"position": mine}, request.user)
    return redirect("tree_editor", system.pk)


@login_required
@require_POST
def add_indicator(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    require_editable(request.user, system)
    name = request.POST.get("name", "").strip()
    if not name:
        messages.error(request, "请填写指标名称。")
        return redirect("tree_editor", system.pk)
    try:
        weight = parse_weight(request.POST.get("weight", ""))
    except WeightError as exc:
        messages.error(request, str(exc))
        return redirect("tree_editor", system.pk)
    with transaction.atomic():
        last = system.indicators.aggregate(m=Max("position"))["m"] or 0
        indicator = Indicator.objects.create(
            system=system,
            position=last + 1,
            path=[p.strip() for p in request.POST.get("path", "").split("/") if p.strip()],
            name=name,
            weight=weight,
        )
        record_created(indicator, request.user, request.POST.get("reason", ""), name)
        rescore(indicator)
    messages.success(request, f"已新增指标「{name[:30]}」。")
    return redirect("tree_editor", system.pk)
