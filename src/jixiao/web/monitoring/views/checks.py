"""The rows behind every dashboard figure, and where units enter figures and answer red lights.

``/monitoring/orgs/<org>/checks/`` lists the indicator (or spending) checks of an organisation
and everything below it at one monitoring date, filtered by light or system; the unit's own
users get an input per row. ``/monitoring/checks/<id>/`` is one indicator's check: target,
result, time-expected progress, how the light was reached, and the reason form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.library.adjust import in_force
from jixiao.web.monitoring.cache import check_keys
from jixiao.web.monitoring.models import IndicatorCheck, Light, Likelihood, Round, SpendingCheck
from jixiao.web.monitoring.queries import latest_date
from jixiao.web.monitoring.records import (
    MonitoringError,
    may_answer,
    record_indicator,
    record_spending,
    require_answer,
    respond,
)
from jixiao.web.monitoring.views.dashboard import parse_date, year_for
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.paging import other_pages, page_of
from jixiao.web.rows import id_link, short
from jixiao.web.security.redirects import safe_next

#: What the list shows of each row's item (and ``may_answer`` reads): not its texts and JSON.
ITEM_FIELDS = {
    "indicator": ("name", "target_text", "department_id", "system__title", "system__year",
                  "system__kind"),
    "project": ("name", "system__title", "system__year", "system__kind"),
}  # fmt: skip


#: The check's own columns the list does not show (the light's sentence, the parsed value).
UNSHOWN = ("explanation", "parsed")
#: Rows a page: each row renders a light, links and (for the unit) a form.
PAGE_SIZE = 50


def _shown(model: Any, item: str) -> Any:
    """The rows as the list reads them: the check, its unit and round, a few item columns."""
    own = [f.name for f in model._meta.concrete_fields if f.name not in UNSHOWN]
    return model.objects.select_related("organization", "round", f"{item}__system").only(
        *own,
        "organization__name",
        "organization__path",
        "round__as_of",
        "round__year",
        *(f"{item}__{name}" for name in ITEM_FIELDS[item]),
    )


def _org(request: HttpRequest, org_id: int) -> Any:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    return org


@login_required
def check_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    year = year_for(request, org)
    as_of = parse_date(request.GET.get("as_of")) or (latest_date(org, year) if year else None)
    what = "spending" if request.GET.get("what") == "spending" else "indicators"
    model = SpendingCheck if what == "spending" else IndicatorCheck
    rounds = Round.objects.filter(as_of=as_of).values("pk")
    below = Organization.objects.filter(path__startswith=org.path).values("pk")
    rows = model.objects.filter(round__in=rounds, organization__in=below)
    status = request.GET.get("status", "")
    status = status if status in Light.values else ""
    if status:
        rows = rows.filter(status=status)
    system = request.GET.get("system", "")
    system = system if system.isdigit() and len(system) < 12 else ""
    item = "project" if what == "spending" else "indicator"
    if system:
        rows = rows.filter(**{f"{item}__system_id": int(system)})
    scope = f"page:{what}:{org.pk}:{as_of}:{status}:{system}"
    keys = check_keys(rows, scope, (f"{item}__system_id", f"{item}__position"))
    page = page_of(request, keys, PAGE_SIZE, fetch=_shown(model, item))
    _prepare(page, request.user, what, format_html("?year={}&as_of={}", year, as_of))
    context = {
        "nav": "dashboard",
        "org": org,
        "year": year,
        "as_of": as_of,
        "what": what,
        "status": status,
        "system": system,
        "page": page,
        "lights": Light.choices,
        "query": other_pages(request),
    }
    return render(request, "monitoring/checks.html", context)


def _prepare(page: Any, user: Any, what: str, filters: SafeString) -> None:
    """Each row's links, labels and shortened texts, so the template only prints them.

    The list rendered 50 rows × four ``{% url %}`` tags and five filters; done here with one
    ``reverse`` per pattern (:func:`id_link`) it costs a fraction. ``filters`` is the year
    and date the system link keeps (HTML, as the template printed it).
    """
    org_link = id_link("dashboard_org")
    list_link = id_link("monitoring_checks")
    spending = what == "spending"
    detail = id_link("monitoring_spending" if spending else "monitoring_check")
    save = id_link("monitoring_save_spending" if spending else "monitoring_save")
    for c in page:
        c.answerable = may_answer(user, c)
        c.org_link, c.detail_link, c.save_link = (
            org_link(c.organization_id),
            detail(c.pk),
            save(c.pk),
        )
        c.status_label = c.get_status_display()
        c.reason_short, c.measure_short = short(c.reason, 60), short(c.measure, 60)
        if spending:
            continue
        s = c.indicator.system
        c.system_link = format_html("{}{}&system={}", list_link(c.organization_id), filters, s.pk)
        c.system_label = short(s.title, 24) if s.title else f"{s.year}年{s.get_kind_display()}"
        c.name_short, c.target_short = (
            short(c.indicator.name, 50),
            short(c.indicator.target_text, 30),
        )
        c.name_label = short(c.indicator.name, 30)


def _visible_ancestors(user: Any, org: Any) -> list[Any]:
    """The organisations above ``org`` that the user may open (for the breadcrumb)."""
    above = org.ancestors()
    seen = set(
        visible_orgs(user).filter(pk__in=[a.pk for a in above]).values_list("pk", flat=True)
    )
    return [a for a in above if a.pk in seen]


def _back(request: HttpRequest, fallback: str) -> str:
    return safe_next(request, fallback)


@login_required
def check_detail(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(
        IndicatorCheck.objects.select_related(
            "round", "organization", "indicator__system", "responded_by", "updated_by"
        ).filter(organization__in=visible_orgs(request.user)),
        pk=check_id,
    )
    require(request.user, "view", check.organization)
    context = {
        "nav": "dashboard",
        "check": check,
        "indicator": check.indicator,
        "org": check.organization,
        "answerable": may_answer(request.user, check),
        "target_in_force": in_force(check.indicator, check.round.as_of)[0],
        "likelihoods": Likelihood.choices,
        "ancestors": _visible_ancestors(request.user, check.organization),
        "history": check.indicator.monitoring_checks.select_related("round").order_by(
            "round__as_of"
        ),
    }
    return render(request, "monitoring/check_detail.html", context)


@login_required
def spending_detail(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(
        SpendingCheck.objects.select_related(
            "round", "organization", "project__system", "responded_by", "updated_by"
        ).filter(organization__in=visible_orgs(request.user)),
        pk=check_id,
    )
    require(request.user, "view", check.organization)
    context = {
        "nav": "dashboard",
        "check": check,
        "project": check.project,
        "org": check.organization,
        "answerable": may_answer(request.user, check),
        "likelihoods": Likelihood.choices,
    }
    return render(request, "monitoring/spending_detail.html", context)


def _answer(request: HttpRequest) -> dict[str, str]:
    return {k: request.POST.get(k, "") for k in ("reason", "measure", "likelihood")}


@login_required
@require_POST
def save_check(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(
        IndicatorCheck.objects.select_related("round", "organization", "indicator").filter(
            organization__in=visible_orgs(request.user)
        ),
        pk=check_id,
    )
    require_answer(request.user, check)
    back = _back(request, reverse("monitoring_check", args=[check.pk]))
    try:
        if "value" in request.POST:
            value = request.POST["value"]
            record_indicator(
                check, value, request.user, posted_version(request), **_answer(request)
            )
        else:
            respond(check, request.user, **_answer(request), expected=posted_version(request))
    except MonitoringError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request, f"已保存：{check.indicator.name[:30]}（{check.get_status_display()}）"
    )
    return redirect(back)


@login_required
@require_POST
def save_spending(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(
        SpendingCheck.objects.select_related("round", "organization", "project").filter(
            organization__in=visible_orgs(request.user)
        ),
        pk=check_id,
    )
    require_answer(request.user, check)
    back = _back(request, reverse("monitoring_spending", args=[check.pk]))
    try:
        if "spent" in request.POST:
            spent = request.POST["spent"]
            record_spending(
                check, spent, request.user, posted_version(request), **_answer(request)
            )
        else:
            respond(check, request.user, **_answer(request), expected=posted_version(request))
    except MonitoringError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, f"已保存：{check.project.name}（{check.get_status_display()}）")
    return redirect(back)
