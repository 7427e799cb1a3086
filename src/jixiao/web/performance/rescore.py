"""Rescoring at write time: ``Indicator.recomputed`` holds the core's points for the row.

The roll-ups (dashboards, rankings, the incentive pool, the benchmark) read a province-year
of 170,000 indicators with one aggregate; rescoring every row in Python per request costs
seconds. So the score is recomputed where an indicator's inputs change (import, a final
result, a tree edit, an evaluation, ``jixiao rescore``), one core call per changed row, and
the database only sums ``COALESCE(recomputed, score)``.

``recomputed`` is :func:`jixiao.core.scoring.score_indicator`'s points: None when the rule
cannot compute (no comparable actual), so the printed score stands, exactly as the core's
``IndicatorScore.recomputed`` falls back to it. Only the rules written in a 评分标准 text need
the system's 到位率/执行率; those are read once per system, and only when a row needs them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.core import documents as core
from jixiao.core.scoring import score_indicator
from jixiao.core.scoring.criteria import document_rates, per_step_rule
from jixiao.web.performance.models import Indicator, IndicatorSystem

#: Rows written per ``bulk_update`` statement.
BATCH = 2000


def core_points(ind: core.Indicator, rates: dict[str, Decimal] | None = None) -> Decimal | None:
    """The core's points for one core indicator; None when unweighted or not computable."""
    if ind.weight is None:
        return None
    return score_indicator(ind, rates).result.points


def to_core_indicator(indicator: Indicator) -> core.Indicator:
    """The model row as the core's Indicator (the shape ``IndicatorSystem.to_core`` builds)."""
    return core_indicator(indicator.to_core_dict())


def core_indicator(data: dict[str, Any]) -> core.Indicator:
    """A core Indicator from ``Indicator.to_core_dict``'s shape (also what bench/ writes)."""
    doc = core.document_from_dict({"kind": "indicator_system", "indicators": [data]})
    return doc.indicators[0]


def needs_rates(indicator: Indicator) -> bool:
    """True when the 评分标准 states a per-step rule on the system's 到位率/执行率."""
    return per_step_rule(indicator.criteria) is not None


def system_rates(system: IndicatorSystem) -> dict[str, Decimal]:
    """The system's 到位率/执行率 as ``score_document`` reads them (figures, budget, projects)."""
    doc = core.document_from_dict(
        {
            "kind": system.doc_kind or "indicator_system",
            "figures": system.figures,
            "budget": system._budget_dict(),
            "projects": [p.to_core_dict() for p in system.projects.all()],
        }
    )
    return document_rates(doc)


def points_for(indicator: Indicator, rates: dict[str, Decimal] | None = None) -> Decimal | None:
    """The core's points for the model row; reads the system's rates only when needed."""
    if indicator.weight is None:
        return None
    if rates is None and needs_rates(indicator):
        rates = system_rates(indicator.system)
    return core_points(to_core_indicator(indicator), rates)


def rescore(indicator: Indicator, save: bool = True) -> Decimal | None:
    """Set ``indicator.recomputed`` from its current target, weight and actual (and save it)."""
    indicator.recomputed = points_for(indicator)
    if save and indicator.pk:
        Indicator.objects.filter(pk=indicator.pk).update(recomputed=indicator.recomputed)
        _rollups_stale()
    return indicator.recomputed


def rescore_many(indicators: Iterable[Indicator]) -> int:
    """Rescore rows (of any systems) and write the changed ones back in batches; how many changed."""
    by_system: dict[int, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        by_system[ind.system_id].append(ind)
    changed: list[Indicator] = []
    for rows in by_system.values():
        rates = system_rates(rows[0].system) if any(map(needs_rates, rows)) else {}
        for ind in rows:
            new = points_for(ind, rates)
            if new != ind.recomputed:
                ind.recomputed = new
                changed.append(ind)
    if changed:
        Indicator.objects.bulk_update(changed, ["recomputed"], batch_size=BATCH)
        _rollups_stale()
    return len(changed)


def _rollups_stale() -> None:
    """``update``/``bulk_update`` send no signals: tell the dashboards' roll-up cache directly."""
    from jixiao.web.monitoring.cache import bump  # monitoring builds on performance, not back

    bump()


def rescore_systems(systems: Any, batch: int = 200, log: Any = None) -> int:
    """Rescore every indicator of ``systems`` (a queryset), ``batch`` systems at a time."""
    ids = list(systems.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = Indicator.objects.filter(system_id__in=chunk)  # a system is read only if needed
        with transaction.atomic():
            changed += rescore_many(rows.order_by("system_id", "position"))
        if log is not None:
            log(min(start + batch, len(ids)), len(ids), changed)
    return changed
