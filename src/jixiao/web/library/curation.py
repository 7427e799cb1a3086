"""Growing the library: a curator merges offered indicators into entries, adds or rejects them.

Each decision is one transaction and one audit row (``cycle.Change``: who, when, old → new).
An offer merged into an entry takes every other offer with the same key along, so a curator
decides once per indicator, not once per unit.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jixiao.core.library import match_key, suggest_matches
from jixiao.web.cycle.audit import record, record_created
from jixiao.web.library.adapter import province_of
from jixiao.web.library.models import EntryKind, IndicatorLink, LibraryIndicator, LinkStatus
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can, memberships, visible_orgs

#: The entry fields a curator edits on the library page, in form order.
ENTRY_FIELDS = (
    "name",
    "kind",
    "function_class",
    "industry",
    "field",
    "fund_use",
    "definition",
    "formula",
    "criteria",
    "unit",
    "direction",
    "data_source",
    "valid_from",
    "valid_to",
    "mandatory",
    "reference_value",
    "reference_basis",
    "active",
)


def library_roots(user: Any) -> set[int]:
    """The provinces whose libraries the user reads: those of every membership.

    A county's clerk reads its province's library without seeing the province's own data.
    """
    return {int(m.organization.path.strip("/").split("/")[0]) for m in memberships(user)}


def readable_entries(user: Any) -> QuerySet[LibraryIndicator]:
    """Library entries of the provinces the user sees or belongs to."""
    return LibraryIndicator.objects.filter(
        Q(organization__in=visible_orgs(user)) | Q(organization_id__in=library_roots(user))
    )


def library_province(user: Any, chosen: str | int | None = None) -> Organization:
    """The province whose library the user works with: ``chosen`` if readable, else their own."""
    roots = Organization.objects.filter(parent=None).filter(
        Q(pk__in=visible_orgs(user)) | Q(pk__in=library_roots(user))
    )
    if chosen is not None and str(chosen).isdigit():
        return get_object_or_404(roots, pk=int(chosen))
    own = memberships(user)
    if own:
        return province_of(own[0].organization)
    first = roots.first()
    if first is None:
        raise PermissionDenied("您没有可查看的单位。")
    return first


class CurationError(Exception):
    """A curation step is not possible (bad input); the message is Chinese."""


def may_curate(user: Any, province: Organization) -> bool:
    """Curators are the province's 绩效管理员: the approve right held at the province itself."""
    if getattr(user, "is_superuser", False):
        return can(user, "approve", province)
    return any(m.allows("approve") and m.organization_id == province.pk for m in memberships(user))


def require_curator(user: Any, province: Organization) -> None:
    """Raise PermissionDenied (Chinese) unless the user curates ``province``'s library."""
    if not may_curate(user, province):
        raise PermissionDenied(f"只有「{province.name}」的绩效管理员可以维护指标库。")


def _decide(links: Any, entry: LibraryIndicator | None, status: str, user: Any) -> int:
    return links.update(
        entry=entry,
        status=status,
        decided_by=user if getattr(user, "is_authenticated", False) else None,
        decided_at=timezone.now(),
    )


def merge(link: IndicatorLink, entry: LibraryIndicator, user: Any) -> int:
    """Merge the offer (and every offer with its key) into ``entry``; how many were merged."""
    province = province_of(link.organization)
    require_curator(user, province)
    if entry.organization_id != province.pk:
        raise CurationError("只能归并到本省指标库中的指标。")
    with transaction.atomic():
        same = IndicatorLink.objects.filter(
            key=link.key, status=LinkStatus.OFFERED, organization__path__startswith=province.path
        )
        count = _decide(same, entry, LinkStatus.MERGED, user)
        record(link, "归并入指标库", "待归并", f"{entry.name}（{count}个单位报送）", user)
    return count


def add_entry(link: IndicatorLink, user: Any) -> LibraryIndicator:
    """Make the offered indicator a new library entry and merge its offers into it."""
    province = province_of(link.organization)
    require_curator(user, province)
    if LibraryIndicator.objects.filter(organization=province, key=link.key).exists():
        raise CurationError(f"指标库中已有「{link.indicator.name}」，请归并到该指标。")
    with transaction.atomic():
        entry = new_entry(link, province, user)
        record_created(entry, user)
        merge(link, entry, user)
    return entry


def new_entry(link: IndicatorLink, province: Organization, user: Any = None) -> LibraryIndicator:
    """The library entry an offer becomes: common when two or more units offered its key."""
    ind = link.indicator
    units = (
        IndicatorLink.objects.filter(key=link.key, organization__path__startswith=province.path)
        .values("organization")
        .distinct()
        .count()
    )
    return LibraryIndicator.objects.create(
        organization=province,
        kind=EntryKind.COMMON if units > 1 else EntryKind.SPECIFIC,
        name=ind.name[:255],
        key=link.key,
        path=ind.path[:2],
        criteria=ind.criteria,
        unit=ind.unit or _target_unit(ind.targets),
        direction=ind.direction,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def _target_unit(targets: list[dict[str, Any]]) -> str:
    return next((t.get("unit") for t in targets if t.get("unit")), "") or ""


def reject(link: IndicatorLink, user: Any) -> int:
    """Keep the offer (and its key's other offers) out of the library."""
    province = province_of(link.organization)
    require_curator(user, province)
    with transaction.atomic():
        same = IndicatorLink.objects.filter(key=link.key, status=LinkStatus.OFFERED)
        count = _decide(
            same.filter(organization__path__startswith=province.path),
            None,
            LinkStatus.REJECTED,
            user,
        )
        record(link, "不入库", "待归并", "不入库", user)
    return count


def suggestions(
    links: list[IndicatorLink], limit: int = 3
) -> dict[int, list[tuple[LibraryIndicator, str]]]:
    """Per offer id: library entries that may be the same indicator, with the reason.

    The entries' keys are built once for all the offers of a page.
    """
    found: dict[int, list[tuple[LibraryIndicator, str]]] = {}
    by_province: dict[int, tuple[list[LibraryIndicator], list[Any]]] = {}
    for link in links:
        root = int(link.organization.path.strip("/").split("/")[0])
        if root not in by_province:
            entries = list(LibraryIndicator.objects.filter(organization_id=root, active=True))
            by_province[root] = (entries, [match_key(e.name, e.unit, e.path) for e in entries])
        entries, keys = by_province[root]
        unit = link.key.split("|")[1] if link.key.count("|") == 2 else ""
        offered = match_key(link.indicator.name, unit, link.indicator.path)
        found[link.pk] = [
            (entries[s.index], s.reason) for s in suggest_matches(offered, keys, limit)
        ]
    return found


def save_entry(entry: LibraryIndicator, values: dict[str, Any], user: Any) -> int:
    """Set ``values`` on the entry, auditing each changed field; how many changed."""
    province = entry.organization
    require_curator(user, province)
    changed = 0
    with transaction.atomic():
        for name, value in values.items():
            old = getattr(entry, name)
            if old != value:
                label = str(LibraryIndicator._meta.get_field(name).verbose_name)
                record(entry, label, old, value, user)
                setattr(entry, name, value)
                changed += 1
        entry.key = match_key(entry.name, entry.unit, entry.path).text()
        if (
            LibraryIndicator.objects.filter(organization=province, key=entry.key)
            .exclude(pk=entry.pk)
            .exists()
        ):
            raise CurationError(f"指标库中已有同名、同计量单位的指标「{entry.name}」。")
        entry.save()
    return changed
