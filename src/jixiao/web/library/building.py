"""Building a year's system from the library: 指标推荐, 挑选指标 and 复制上年指标.

Every indicator added here goes through the same audit as the tree editor (``log_change``
"新增指标") and is linked to its library entry at once, so its reference values show beside
its target on the build page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, QuerySet

from jixiao.web.cycle.access import require_editable
from jixiao.web.cycle.audit import log_change
from jixiao.web.library.adapter import offer_system, province_of
from jixiao.web.library.models import LibraryIndicator
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import require
from jixiao.web.performance.models import Indicator, IndicatorSystem, SystemKind
from jixiao.web.performance.rescore import rescore

#: What is copied from last year's indicator (the target too: the clerk then raises it).
COPIED = (
    "path",
    "name",
    "nature",
    "direction",
    "target_text",
    "targets",
    "unit",
    "weight",
    "criteria",
    "departments",
    "owners",
    "department_id",
)


#: The kinds of system whose indicators carry targets (not the disclosure report or prose goals).
TARGET_KINDS = (SystemKind.OVERALL, SystemKind.PROJECT, SystemKind.BUSINESS)


class BuildError(Exception):
    """The system cannot be built this way (nothing to copy, already there); Chinese."""


def create_system(
    org: Organization, year: int, kind: str, user: Any, title: str = ""
) -> IndicatorSystem:
    """A new draft system of ``org`` for ``year`` (the clerk then fills it from the library)."""
    require(user, "edit", org)
    if kind not in SystemKind.values:
        raise BuildError(f"未知的指标体系类型：{kind}")
    if IndicatorSystem.objects.filter(organization=org, year=year, kind=kind).exists():
        raise BuildError(
            f"「{org.name}」{year}年已有{SystemKind(kind).label}绩效目标，请直接编辑。"
        )
    with transaction.atomic():
        system = IndicatorSystem.objects.create(
            organization=org,
            year=year,
            kind=kind,
            doc_kind="indicator_system",
            title=title or f"{org.name}{year}年度{SystemKind(kind).label}绩效目标",
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        log_change(system, None, "新建绩效目标", "", str(system), user)
    return system


def recommend(
    system: IndicatorSystem, function: str = "", fund_use: str = ""
) -> QuerySet[LibraryIndicator]:
    """指标推荐: the province's entries valid this year for the function and fund use.

    The 固化指标 come first (they must be set), then the entries of the same function or fund
    use, then the common ones; entries already in the system are left out.
    """
    year = system.year
    entries = (
        LibraryIndicator.objects.filter(organization=province_of(system.organization), active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=year))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year))
    )
    if function:
        entries = entries.filter(
            Q(function_class__icontains=function) | Q(function_class="") | Q(mandatory=True)
        )
    if fund_use:
        entries = entries.filter(
            Q(fund_use__icontains=fund_use) | Q(fund_use="") | Q(mandatory=True)
        )
    taken = system.indicators.filter(library_link__entry__isnull=False).values(
        "library_link__entry"
    )
    return entries.exclude(pk__in=taken).order_by("-mandatory", "kind", "path", "name")


def _next_position(system: IndicatorSystem) -> int:
    return (system.indicators.aggregate(m=Max("position"))["m"] or 0) + 1


def pick(
    system: IndicatorSystem, entries: Iterable[LibraryIndicator], user: Any
) -> list[Indicator]:
    """挑选指标: add the chosen entries to the system (target left for the clerk to set)."""
    require_editable(user, system)
    added = []
    with transaction.atomic():
        position = _next_position(system)
        for entry in entries:
            indicator = Indicator.objects.create(
                system=system,
                position=position,
                name=entry.name,
                path=list(entry.path),
                unit=entry.unit,
                direction=entry.direction,
                criteria=entry.criteria,
                nature="定量" if entry.unit else "",
                source={"library": entry.pk},
            )
            log_change(system, indicator, "新增指标", "", f"{entry.name}（指标库）", user)
            added.append(indicator)
            position += 1
        offer_system(system)
    return added


def last_year_system(system: IndicatorSystem) -> IndicatorSystem | None:
    """The unit's system a year earlier: of the same kind, else any other target table."""
    earlier = IndicatorSystem.objects.filter(
        organization=system.organization, year=system.year - 1, kind__in=TARGET_KINDS
    )
    same = earlier.filter(kind=system.kind).order_by("-pk").first()
    return same or earlier.order_by("-pk").first()


def copy_last_year(system: IndicatorSystem, user: Any) -> list[Indicator]:
    """复制上年指标: last year's indicators with their targets and weights, as a start."""
    require_editable(user, system)
    source = last_year_system(system)
    if source is None:
        raise BuildError(
            f"「{system.organization.name}」{system.year - 1}年没有绩效目标，无法复制。"
        )
    have = set(system.indicators.values_list("name", flat=True))
    added = []
    with transaction.atomic():
        position = _next_position(system)
        for old in source.indicators.exclude(name__in=have):
            values = {name: getattr(old, name) for name in COPIED}
            indicator = Indicator(
                system=system, position=position, source={"copied_from": old.pk}, **values
            )
            indicator.save()
            rescore(indicator)  # its points and the system's stored total
            log_change(
                system, indicator, "新增指标", "", f"{old.name}（复制{source.year}年）", user
            )
            added.append(indicator)
            position += 1
        offer_system(system)
    return added
