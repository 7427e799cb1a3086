"""The one place where the library's models meet the core (library, distribution, review).

Peers are found through :class:`IndicatorLink`: the same match key or the same library entry,
in the same year, in other units of the same province. Last year's and the year before's values
come from the unit's own linked indicators (their actuals), or from the history the imported
document printed. All lookups for a system are batched: a few queries whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q

from jixiao.core.distribution import Distribution, distribute
from jixiao.core.documents import target_from_dict
from jixiao.core.library import MatchKey, match_key
from jixiao.core.quantities import convert
from jixiao.core.target_review import (
    CheckResult,
    ReviewInput,
    ReviewRow,
    numeric_target,
    reversed_direction,
    review_targets,
)
from jixiao.web.adapter import indicator_of as to_core_indicator
from jixiao.web.library.models import IndicatorLink, LibraryIndicator, LinkStatus
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import Indicator, IndicatorSystem


def province_of(org: Organization) -> Organization:
    """The root of ``org``'s tree: whose library (and 固化指标) the unit uses."""
    root_id = int(org.path.strip("/").split("/")[0]) if org.path.strip("/") else org.pk
    return org if root_id == org.pk else Organization.objects.get(pk=root_id)


def key_of(indicator: Indicator) -> MatchKey:
    """The indicator's match key (name, the unit of the column or of its target, dimension)."""
    unit = indicator.unit or next((t.get("unit") for t in indicator.targets if t.get("unit")), "")
    return match_key(indicator.name, unit, indicator.path)


def unoffered_links(system: IndicatorSystem) -> list[IndicatorLink]:
    """Unsaved links for the indicators of ``system`` that the library has not seen yet.

    A key already in the library joins that entry (merged); the rest wait for a curator.
    """
    province = province_of(system.organization)
    rows = list(system.indicators.filter(library_link__isnull=True))
    keys = {ind.pk: key_of(ind).text() for ind in rows}
    entries = {
        entry.key: entry
        for entry in LibraryIndicator.objects.filter(
            organization=province, key__in=set(keys.values())
        )
    }
    return [
        IndicatorLink(
            indicator=ind,
            organization_id=system.organization_id,
            year=system.year,
            key=keys[ind.pk],
            entry=entries.get(keys[ind.pk]),
            status=LinkStatus.MERGED if keys[ind.pk] in entries else LinkStatus.OFFERED,
        )
        for ind in rows
    ]


def offer_system(system: IndicatorSystem) -> int:
    """Offer every indicator of ``system`` to its province's library; how many were offered.

    Offering twice changes nothing. Called by the writes that bring indicators in (import,
    building from the library), never by a page that only shows them.
    """
    links = unoffered_links(system)
    IndicatorLink.objects.bulk_create(links, batch_size=1000)
    return len(links)


def first_number(targets: Iterable[dict[str, Any]], base: str) -> Decimal | None:
    """The first comparable number of stored targets, in the key's base unit."""
    for data in targets or []:
        target = target_from_dict(data)
        if target.op in ("qualitative", "by_date") or target.value is None:
            continue
        if not base or not target.unit:
            return target.value
        return convert(target.value, target.unit, base)
    return None


def _actual_number(indicator: Indicator, base: str) -> Decimal | None:
    return first_number((indicator.actual or {}).get("targets") or [], base)


@dataclass
class Reference:
    """What the build and review pages show beside one target."""

    entry: LibraryIndicator | None = None
    last_year: Decimal | None = None
    year_before: Decimal | None = None
    targets: Distribution | None = None
    results: Distribution | None = None
    own: Decimal | None = None
    notes: list[str] = field(default_factory=list)


def _matching(links: Iterable[IndicatorLink]) -> Q:
    keys = {link.key for link in links}
    entries = {link.entry_id for link in links if link.entry_id}
    return Q(key__in=keys) | Q(entry_id__in=entries)


def _bucket(link: IndicatorLink, by_key: dict[str, list], by_entry: dict[int, list]) -> list:
    seen = {id(x): x for x in by_key.get(link.key, [])}
    seen.update({id(x): x for x in by_entry.get(link.entry_id or 0, [])})
    return list(seen.values())


def _index(links: Iterable[IndicatorLink]) -> tuple[dict[str, list], dict[int, list]]:
    by_key: dict[str, list] = defaultdict(list)
    by_entry: dict[int, list] = defaultdict(list)
    for link in links:
        by_key[link.key].append(link)
        if link.entry_id:
            by_entry[link.entry_id].append(link)
    return by_key, by_entry


def references(system: IndicatorSystem) -> dict[int, Reference]:
    """Per indicator id: library entry, last two years' values and the peers' distributions.

    Read-only (a GET never writes): indicators added since the last offer are matched by
    their key in memory, as if offered.
    """
    own_links = list(
        IndicatorLink.objects.filter(indicator__system=system).select_related("entry", "indicator")
    )
    own_links += unoffered_links(system)
    if not own_links:
        return {}
    province = province_of(system.organization)
    others = (
        IndicatorLink.objects.filter(_matching(own_links))
        .filter(organization__path__startswith=province.path)
        .select_related("indicator")
    )
    peers = _index(others.filter(year=system.year).exclude(organization=system.organization))
    history = _index(
        others.filter(
            organization=system.organization, year__in=(system.year - 1, system.year - 2)
        )
    )
    return {link.indicator_id: _reference(link, system.year, peers, history) for link in own_links}


def _reference(link: IndicatorLink, year: int, peers: tuple, history: tuple) -> Reference:
    indicator = link.indicator
    base = link.key.split("|")[1] if "|" in link.key else ""
    ref = Reference(entry=link.entry, own=first_number(indicator.targets, base))
    earlier = {other.year: other.indicator for other in _bucket(link, *history)}
    ref.last_year = _past(indicator, earlier.get(year - 1), year - 1, base)
    ref.year_before = _past(indicator, earlier.get(year - 2), year - 2, base)
    higher = _higher_is_better(indicator)
    rows = [other.indicator for other in _bucket(link, *peers)]
    targets = [v for r in rows if (v := first_number(r.targets, base)) is not None]
    results = [v for r in rows if (v := _actual_number(r, base)) is not None]
    ref.targets = distribute(targets, ref.own, higher) if targets else None
    ref.results = distribute(results, None, higher) if results else None
    return ref


def _past(indicator: Indicator, earlier: Indicator | None, year: int, base: str) -> Decimal | None:
    if earlier is not None:
        value = _actual_number(earlier, base)
        if value is not None:
            return value
    printed = (indicator.history or {}).get(str(year))
    return Decimal(str(printed)) if printed not in (None, "") else None


def _higher_is_better(indicator: Indicator) -> bool:
    core = to_core_indicator(indicator)
    target = numeric_target(core)
    return not (target is not None and reversed_direction(core, target))


def mandatory_for(system: IndicatorSystem) -> tuple[tuple[str, MatchKey], ...]:
    """The province's 固化指标 valid in the system's year, as (name, key)."""
    entries = LibraryIndicator.objects.filter(
        organization=province_of(system.organization), mandatory=True, active=True
    )
    return tuple(
        (e.name, match_key(e.name, e.unit, e.path)) for e in entries if e.valid_in(system.year)
    )


def budget_yuan(system: IndicatorSystem) -> Decimal | None:
    """The system's 全年预算 (adjusted, else initial) in 元, from its budget block or projects."""
    rows = list(system.budget_lines.all())
    total = next((r for r in rows if "合计" in r.source_name), None)
    chosen = [total] if total else rows
    amounts = [r.adjusted if r.adjusted is not None else r.initial for r in chosen]
    amounts = [a for a in amounts if a is not None]
    if amounts:
        return sum(amounts, Decimal(0)) * 10000
    projects = [p.available_total for p in system.projects.all() if p.available_total is not None]
    return sum(projects, Decimal(0)) * 10000 if projects else None


def expected_weight(system: IndicatorSystem) -> Decimal | None:
    """100, less the budget block's 分值 when the form scores the money separately."""
    if not system.indicators.exclude(weight=None).exists():
        return None
    return Decimal(100) - (system.budget_weight or Decimal(0))


def review_input(system: IndicatorSystem) -> ReviewInput:
    """The core's review input for ``system``: rows with last year's actual and the peers."""
    refs = references(system)
    rows = tuple(
        ReviewRow(
            to_core_indicator(ind),
            last_actual=refs.get(ind.pk, Reference()).last_year,
            peers=refs.get(ind.pk, Reference()).targets,
        )
        for ind in system.indicators.all()
    )
    return ReviewInput(
        rows,
        mandatory=mandatory_for(system),
        budget_yuan=budget_yuan(system),
        expected_weight=expected_weight(system),
        min_quantified=Decimal(settings.REVIEW_MIN_QUANTIFIED),
    )


def run_review(system: IndicatorSystem) -> list[CheckResult]:
    """The automatic checks of the system's targets."""
    return review_targets(review_input(system))


def check_dicts(results: Iterable[CheckResult]) -> list[dict[str, Any]]:
    """The results as stored with a review (JSON)."""
    return [
        {
            "code": r.code,
            "title": r.title,
            "passed": r.passed,
            "severity": r.severity,
            "message": r.message,
            "problems": [p.to_dict() for p in r.problems],
        }
        for r in results
    ]
