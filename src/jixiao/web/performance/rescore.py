"""Rescoring at write time: ``Indicator.recomputed`` and the system's stored total.

The roll-ups (dashboards, rankings, the incentive pool, the benchmark) read each system's
stored total (``IndicatorSystem.score_total``) and each row's stored points; rescoring every
row in Python per request costs seconds. So both are recomputed where an indicator's inputs
change (import, a final result, a tree edit, an evaluation, ``jixiao rescore``), through the
adapter (:mod:`jixiao.web.adapter`), the one place models meet the core.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from jixiao.core.scoring.criteria import per_step_rule
from jixiao.web.adapter import points_of, policy_of, rates_of, store_score
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import Indicator, IndicatorSystem

#: Rows written per ``bulk_update`` statement.
BATCH = 2000


def rescore(indicator: Indicator) -> None:
    """Set ``indicator.recomputed`` from its current inputs, save it, store the system's total.

    The caller has saved the row's other fields; run inside the caller's transaction.
    """
    indicator.recomputed = points_of(indicator)
    Indicator.objects.filter(pk=indicator.pk).update(recomputed=indicator.recomputed)
    store_score(indicator.system)


def rescore_many(indicators: Iterable[Indicator]) -> int:
    """Rescore rows (of any systems) and write the changed ones back in batches; how many changed.

    The systems whose rows changed get their stored totals recomputed too.
    """
    by_system: dict[int, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        by_system[ind.system_id].append(ind)
    changed: list[Indicator] = []
    for rows in by_system.values():
        needs = any(per_step_rule(r.criteria) is not None for r in rows)
        rates = rates_of(rows[0].system) if needs else {}
        policy = policy_of(rows[0].system)  # the province's partial-credit bands
        for ind in rows:
            new = points_of(ind, rates, policy)
            if new != ind.recomputed:
                ind.recomputed = new
                changed.append(ind)
    if changed:
        Indicator.objects.bulk_update(changed, ["recomputed"], batch_size=BATCH)
        bump()  # ``bulk_update`` sends no signals
    return len(changed)


def rescore_systems(systems: Any, batch: int = 200, log: Any = None) -> int:
    """Rescore every indicator and the stored total of ``systems`` (a queryset), in batches."""
    ids = list(systems.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = Indicator.objects.filter(system_id__in=chunk)  # a system is read only if needed
        with transaction.atomic():
            changed += rescore_many(rows.order_by("system_id", "position"))
            for system in IndicatorSystem.objects.filter(pk__in=chunk).select_related(
                "organization"
            ):
                store_score(system)
        if log is not None:
            log(min(start + batch, len(ids)), len(ids), changed)
    return changed
