"""The what-if page of a province's scoring variants: edit, preview, apply (or discard).

The form posts the whole proposed policy each time, so a preview saves nothing and
"discard" is simply leaving (or reloading) the page; 应用 posts the same fields with the
version previewed against, and is refused when someone applied another change meanwhile.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from jixiao.core.scoring.policy import RATES, PolicyError, ScoringPolicy, policy_from_data
from jixiao.core.scoring.rules import QUALITATIVE_BANDS
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.rules import whatif
from jixiao.web.rules.access import scoring_org_for, scoring_orgs
from jixiao.web.rules.policies import policy_for, variant_for

#: Cap and grade rows on the form (blank rows are ignored).
CAP_ROWS = 4
GRADE_ROWS = 6


@login_required
def scoring(request: HttpRequest) -> HttpResponse:
    """Show the province-year's variants; preview (POST 试算) or apply (POST 应用) a change."""
    orgs = scoring_orgs(request.user)
    if not orgs:
        raise PermissionDenied("只有省级单位的绩效管理员可以试算和设定评分规则。")
    data = request.POST if request.method == "POST" else request.GET
    org = scoring_org_for(request.user, _int(data.get("org"), orgs[0].pk))
    year = _int(data.get("year"), _latest_year(org))
    variant = variant_for(org, year)
    own = variant if variant is not None and variant.organization_id == org.pk else None
    context: dict[str, Any] = {
        "nav": "rules",
        "orgs": orgs,
        "org": org,
        "year": year,
        "version": own.version if own else 0,
        "current": policy_for(org, year),
        "inherited": variant is not None and own is None,
    }
    if request.method != "POST":
        context.update(fields(form_values(policy_for(org, year))))
        return render(request, "rules/scoring.html", context)
    context.update(fields(request.POST))
    try:
        proposed = policy_from_data(posted_policy(request.POST))
    except PolicyError as exc:
        context["error"] = str(exc)
        return render(request, "rules/scoring.html", context, status=400)
    if request.POST.get("action") == "apply":
        whatif.apply(org, year, proposed, request.user, posted_version(request))
        messages.success(request, f"已应用{org.name}{year}年度评分规则，并重新计算了全部得分。")
        return redirect(f"{request.path}?org={org.pk}&year={year}")
    context["preview"] = whatif.preview(org, year, proposed)
    context["proposed"] = proposed
    return render(request, "rules/scoring.html", context)


def _int(text: Any, default: int) -> int:
    return int(text) if isinstance(text, str) and text.isdigit() and len(text) < 10 else default


def _latest_year(org: Any) -> int:
    latest = whatif.tree_systems(org).aggregate(y=Max("year"))["y"]
    return int(latest or date.today().year)


def fields(values: Any) -> dict[str, Any]:
    """The form's rows for the template, from stored values or the posted form."""

    def get(name: str) -> str:
        return str(values.get(name, "") or "")

    grades = [(i, get(f"grade_{i}"), get(f"minimum_{i}")) for i in range(GRADE_ROWS)]
    caps = [
        (
            i,
            get(f"cap_{i}_rate") or "执行率",
            *(get(f"cap_{i}_{k}") for k in ("at_least", "below", "cap")),
        )
        for i in range(CAP_ROWS)
    ]
    keys = ("basis", "q_met", "q_partial", "dev_on", "dev_threshold", "dev_points", "dev_reason")
    return {"grades": grades, "caps": caps, "form": {k: get(k) for k in keys}, "rates": RATES}


def form_values(policy: ScoringPolicy) -> dict[str, str]:
    """The form's fields for ``policy`` (the inverse of :func:`posted_policy`)."""
    data = policy.to_data()
    values = {"basis": data["basis"]}
    for i, band in enumerate(data["bands"]):
        values[f"grade_{i}"] = band["grade"]
        values[f"minimum_{i}"] = str(band["minimum"])
    met, partial = list(data["qualitative"].values())
    values.update(q_met=str(met), q_partial=str(partial))
    for i, cap in enumerate(data["caps"]):
        for key in ("rate", "at_least", "below", "cap"):
            values[f"cap_{i}_{key}"] = "" if cap[key] is None else str(cap[key])
    dev = data["deviation"] or {"threshold": 130, "points": 2, "reason_required": True}
    values.update(dev_threshold=str(dev["threshold"]), dev_points=str(dev["points"]))
    values["dev_on"] = "on" if data["deviation"] else ""
    values["dev_reason"] = "on" if dev["reason_required"] else ""
    return values


def posted_policy(post: QueryDict) -> dict[str, Any]:
    """The policy JSON from the form's fields (the core validates it, saying where)."""
    bands = [
        {"grade": post.get(f"grade_{i}", ""), "minimum": post.get(f"minimum_{i}", "")}
        for i in range(GRADE_ROWS)
        if post.get(f"grade_{i}", "").strip()
    ]
    caps = [
        {key: post.get(f"cap_{i}_{key}", "") for key in ("rate", "at_least", "below", "cap")}
        for i in range(CAP_ROWS)
        if post.get(f"cap_{i}_below", "").strip() or post.get(f"cap_{i}_cap", "").strip()
    ]
    met, partial = (b.label for b in QUALITATIVE_BANDS[:2])
    data: dict[str, Any] = {
        "bands": bands,
        "qualitative": {met: post.get("q_met", ""), partial: post.get("q_partial", "")},
        "caps": caps,
        "basis": post.get("basis", ""),
        "deviation": None,
    }
    if post.get("dev_on"):
        data["deviation"] = {
            "threshold": post.get("dev_threshold", ""),
            "points": post.get("dev_points", ""),
            "reason_required": bool(post.get("dev_reason")),
        }
    return data
