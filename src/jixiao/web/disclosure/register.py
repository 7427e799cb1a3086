"""Fetch a bureau's register for a year, check who may see or edit it, hand it to the core.

Views and the API both go through these functions, so the permission rule cannot drift: a
bureau sees and edits only its own register; a membership above it (city, province) may view.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jixiao.core import disclosure as std
from jixiao.core import disclosure_register as reg
from jixiao.core.documents import Disclosure, Document, document_from_dict
from jixiao.web.cycle.audit import record, record_created, record_removed, update_fields
from jixiao.web.disclosure.models import AnnualReport, InfoRequest, ProactiveCount, ReviewCase
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import memberships, require, visible_orgs


def org_for(user: Any, org_id: int) -> Organization:
    """The organisation if the user may view it; 404 otherwise (no hint that it exists)."""
    org = get_object_or_404(visible_orgs(user), pk=org_id)
    require(user, "view", org)
    return org


def may_edit(user: Any, org: Organization) -> bool:
    """Only the bureau's own members with an editing role (or a superuser) edit its register."""
    if getattr(user, "is_superuser", False):
        return True
    return any(m.organization_id == org.pk and m.allows("edit") for m in memberships(user))


def require_edit(user: Any, org: Organization) -> None:
    if not may_edit(user, org):
        raise PermissionDenied(f"只有「{org.name}」本单位的人员可以修改其信息公开登记。")


def own_org(user: Any) -> Organization | None:
    """The user's first organisation (where the register link of the menu leads)."""
    found = memberships(user)
    if found:
        return found[0].organization
    return visible_orgs(user).first()


def default_year(org: Organization, today: date) -> int:
    """This year, or the latest year the register holds requests for when this year has none."""
    latest = InfoRequest.objects.filter(organization=org).order_by("-received").first()
    if latest is None or latest.received.year >= today.year:
        return today.year
    return latest.received.year


def requests_touching(org: Organization, year: int) -> QuerySet[InfoRequest]:
    """Requests counted in ``year``: received by its end and not closed before it began."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    open_then = Q(replied__isnull=True) | Q(replied__gte=first) | Q(outcome="")
    return InfoRequest.objects.filter(organization=org, received__lte=last).filter(open_then)


def open_requests(org: Organization) -> QuerySet[InfoRequest]:
    """Requests not yet answered with an outcome, whatever their year."""
    return InfoRequest.objects.filter(organization=org).filter(
        Q(replied__isnull=True) | Q(outcome="")
    )


def deadline_lists(org: Organization, today: date) -> dict[str, list[InfoRequest]]:
    """Open requests past their due date and those due within five working days."""
    lists: dict[str, list[InfoRequest]] = {"overdue": [], "soon": []}
    for r in open_requests(org):
        state = r.state(today)
        if state in lists:
            lists[state].append(r)
    for rows in lists.values():
        rows.sort(key=lambda r: r.due)
    return lists


def filed_report(org: Organization, year: int) -> tuple[str, Disclosure] | None:
    """The report filed for ``year``: issued from the register, else an imported one."""
    from jixiao.web.performance.models import IndicatorSystem, SystemKind

    issued = AnnualReport.objects.filter(organization=org, year=year).first()
    if issued is not None:
        return "登记簿出具", _disclosure(issued.disclosure)
    imported = (
        IndicatorSystem.objects.filter(organization=org, year=year, kind=SystemKind.DISCLOSURE)
        .exclude(disclosure=None)
        .order_by("-pk")
        .first()
    )
    if imported is not None:
        return "导入的年度报告", _disclosure(imported.disclosure)
    return None


def _disclosure(data: dict[str, Any]) -> Disclosure:
    doc = document_from_dict({"kind": "disclosure_report", "disclosure": data})
    return doc.disclosure or Disclosure()


def carried_in(org: Organization, year: int) -> dict[str, Decimal] | None:
    """Last year's filed 四、结转下年度继续办理, by column, or None to count from records."""
    filed = filed_report(org, year - 1)
    if filed is None:
        return None
    row = filed[1].requests.get(std.CARRY_OVER)
    return {c: row.get(c, Decimal(0)) for c in std.APPLICANT_COLUMNS} if row else None


def register_year(org: Organization, year: int) -> reg.RegisterYear:
    """The core's view of the register for ``year``."""
    values: dict[str, dict[str, Decimal]] = {}
    units: dict[str, dict[str, str]] = {}
    for cell in ProactiveCount.objects.filter(organization=org, year=year):
        values.setdefault(cell.item, {})[cell.column] = cell.value
        if cell.unit:
            units.setdefault(cell.item, {})[cell.column] = cell.unit
    return reg.RegisterYear(
        year=year,
        requests=[r.to_core() for r in requests_touching(org, year)],
        proactive=values,
        proactive_units=units,
        reviews=[c.to_core() for c in ReviewCase.objects.filter(organization=org, year=year)],
        carried_in=carried_in(org, year),
    )


def annual_report(org: Organization, year: int) -> tuple[Document, list[str], list[str]]:
    """The report built from the register, what blocks issuing it, record problems."""
    register = register_year(org, year)
    doc = reg.register_document(org.name, register)
    problems = reg.validate_requests(register.requests)
    return doc, reg.issue_blockers(doc, problems), problems


def save_request(form: Any, org: Any, user: Any, expected: int | None = None) -> InfoRequest:
    """Store a validated request form (page or API), audited.

    A new one is logged as created; an edit field by field under the row lock, refused when
    stale (``expected``).
    """
    instance = form.instance
    if instance.pk is None:
        saved = form.save(commit=False)
        saved.organization, saved.created_by = org, user
        saved.save()
        record_created(saved, user)
        return saved
    values = {name: form.cleaned_data[name] for name in form.fields if name in form.cleaned_data}
    update_fields(instance, values, user, expected=expected)
    return instance


def save_proactive_cell(
    org: Any,
    year: int,
    item: str,
    column: str,
    value: Decimal,
    user: Any,
    expected: int | None = None,
) -> None:
    """Store one count of table 二 (logged when it changes).

    ``expected`` is the cell's version the form showed (0: none yet); a cell saved by someone
    else since refuses the whole form (:class:`~jixiao.web.cycle.audit.Stale`).
    """
    cell, created = ProactiveCount.objects.get_or_create(
        organization=org, year=year, item=item, column=column, defaults={"value": value}
    )
    label = f"主动公开·{item}·{column}"
    if created:
        record(cell, label, "", value, user)
    elif cell.value != value:  # unchanged cells are left alone, whatever their version
        update_fields(cell, {"value": value}, user, expected=expected, labels={"value": label})


def add_review(form: Any, org: Any, year: int, user: Any) -> ReviewCase:
    """Register a review or lawsuit case, logged as created."""
    case = form.save(commit=False)
    case.organization, case.year = org, year
    case.save()
    record_created(case, user)
    return case


def remove_review(case: ReviewCase, user: Any, expected: int | None = None) -> None:
    """Remove a case entered by mistake: kept (with its log), no longer counted or listed."""
    with transaction.atomic():
        update_fields(
            case, {"removed_at": timezone.now()}, user, expected=expected, quiet=["removed_at"]
        )
        record_removed(case, user)


def record_issue(org: Any, year: int, disclosure: Any, user: Any, fmt: str) -> None:
    """Keep what was issued as the year's report, and log the issue."""
    with transaction.atomic():
        report, _ = AnnualReport.objects.get_or_create(
            organization=org, year=year, defaults={"disclosure": disclosure}
        )
        values = {"disclosure": disclosure, "issued_by": user}
        update_fields(report, values, user, quiet=list(values))
        record(report, "出具年度报告", "", fmt, user)
