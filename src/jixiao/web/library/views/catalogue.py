"""The library pages: browse and filter, curate offers, edit an entry, start a year's system."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.core.scoring.criteria import per_step_rule
from jixiao.web.library import curation
from jixiao.web.library.adapter import province_of
from jixiao.web.library.building import BuildError, create_system
from jixiao.web.library.models import EntryKind, IndicatorLink, LibraryIndicator, LinkStatus
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import memberships, visible_orgs
from jixiao.web.performance.models import SystemKind

FILTERS = ("function_class", "fund_use", "industry", "field", "kind")


def user_province(request: HttpRequest) -> Organization:
    """The province whose library the user works with (?province= to choose)."""
    chosen = request.GET.get("province") or request.POST.get("province")
    return curation.library_province(request.user, chosen)


def _filtered(request: HttpRequest, province: Organization) -> Any:
    entries = LibraryIndicator.objects.filter(organization=province)
    for name in FILTERS:
        value = request.GET.get(name, "").strip()
        if value:
            entries = entries.filter(**{f"{name}__icontains" if name != "kind" else name: value})
    if request.GET.get("mandatory"):
        entries = entries.filter(mandatory=True)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        entries = entries.filter(Q(name__icontains=query) | Q(definition__icontains=query))
    return entries.annotate(units=Count("links__organization", distinct=True))


def _editable_orgs(request: HttpRequest) -> list[Organization]:
    if request.user.is_superuser:
        return list(Organization.objects.all()[:200])
    return [m.organization for m in memberships(request.user) if m.allows("edit")]


@login_required
def library_index(request: HttpRequest) -> HttpResponse:
    province = user_province(request)
    curator = curation.may_curate(request.user, province)
    offers = IndicatorLink.objects.filter(
        status=LinkStatus.OFFERED, organization__path__startswith=province.path
    )
    context = {
        "nav": "library",
        "province": province,
        "entries": _filtered(request, province)[:500],
        "filters": {name: request.GET.get(name, "") for name in (*FILTERS, "q", "mandatory")},
        "kinds": EntryKind.choices,
        "curator": curator,
        "offer_count": offers.values("key").distinct().count() if curator else 0,
        "orgs": _editable_orgs(request),
        "system_kinds": SystemKind.choices[:3],
        "next_year": timezone.localdate().year + 1,
    }
    return render(request, "library/index.html", context)


@login_required
@require_POST
def new_system(request: HttpRequest) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=request.POST.get("org") or 0)
    try:
        year = _year(request.POST.get("year", ""), "年度") or 0
        if not year:
            raise ValueError("请填写年度（四位数字，如2025）。")
        system = create_system(org, year, request.POST.get("kind", ""), request.user)
    except (ValueError, BuildError) as exc:
        messages.error(request, str(exc))
        return redirect("library_index")
    messages.success(request, f"已新建「{system}」，请从指标库挑选指标或复制上年指标。")
    return redirect("library_build", system.pk)


@login_required
def offers(request: HttpRequest) -> HttpResponse:
    province = user_province(request)
    curation.require_curator(request.user, province)
    groups = (
        IndicatorLink.objects.filter(
            status=LinkStatus.OFFERED, organization__path__startswith=province.path
        )
        .values("key")
        .annotate(first=Min("pk"), units=Count("organization", distinct=True), rows=Count("pk"))
        .order_by("-units", "key")[:100]
    )
    firsts = IndicatorLink.objects.select_related("indicator", "organization").in_bulk(
        [g["first"] for g in groups]
    )
    suggested = curation.suggestions(list(firsts.values()))
    rows = [
        {
            "link": firsts[g["first"]],
            "units": g["units"],
            "rows": g["rows"],
            "suggestions": suggested[g["first"]],
        }
        for g in groups
    ]
    return render(
        request, "library/offers.html", {"nav": "library", "province": province, "rows": rows}
    )


@login_required
@require_POST
def decide_offer(request: HttpRequest, link_id: int) -> HttpResponse:
    link = get_object_or_404(
        IndicatorLink.objects.select_related("indicator", "organization").filter(
            organization__in=visible_orgs(request.user)
        ),
        pk=link_id,
    )
    action = request.POST.get("action", "")
    try:
        if action == "merge":
            entry = get_object_or_404(LibraryIndicator, pk=request.POST.get("entry") or 0)
            count = curation.merge(link, entry, request.user)
            messages.success(
                request, f"已将「{link.indicator.name[:30]}」归并到「{entry.name}」（{count}条）。"
            )
        elif action == "add":
            entry = curation.add_entry(link, request.user)
            messages.success(request, f"已将「{entry.name}」加入指标库。")
        elif action == "reject":
            curation.reject(link, request.user)
            messages.success(request, f"「{link.indicator.name[:30]}」不入库。")
        else:
            messages.error(request, "未知的操作。")
    except curation.CurationError as exc:
        messages.error(request, str(exc))
    return redirect(f"{_offers_url()}?province={province_of(link.organization).pk}")


def _offers_url() -> str:
    from django.urls import reverse

    return reverse("library_offers")


@login_required
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(curation.readable_entries(request.user), pk=entry_id)
    curator = curation.may_curate(request.user, entry.organization)
    if request.method == "POST":
        try:
            changed = curation.save_entry(entry, posted_entry(request), request.user)
        except (curation.CurationError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已保存「{entry.name}」，{changed}项修改已记录。")
            return redirect("library_entry", entry.pk)
    rule = per_step_rule(entry.criteria)
    context = {
        "nav": "library",
        "entry": entry,
        "curator": curator,
        "kinds": EntryKind.choices,
        "rule": rule,
        "links": entry.links.select_related("organization", "indicator__system").order_by(
            "-year", "organization__path"
        )[:50],
    }
    return render(request, "library/entry.html", context)


def _year(text: str, label: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise ValueError(f"{label}应为四位年份（如2025），现为「{text[:10]}」。")
    return int(text)


def posted_entry(request: HttpRequest) -> dict[str, Any]:
    """The entry's fields from the form, checked (years, kind); bounded lengths."""
    post = request.POST
    values: dict[str, Any] = {}
    for name in curation.ENTRY_FIELDS:
        if name in ("valid_from", "valid_to"):
            label = "适用起始年度" if name == "valid_from" else "适用截止年度"
            values[name] = _year(post.get(name, ""), label)
        elif name in ("mandatory", "active"):
            values[name] = post.get(name) == "on"
        else:
            values[name] = post.get(name, "").strip()[:2000]
    if values["kind"] not in EntryKind.values:
        raise ValueError("请选择指标类型：共性指标或个性指标。")
    if not values["name"]:
        raise ValueError("请填写指标名称。")
    values["name"] = values["name"][:255]
    return values
