"""Rescoring: ``Indicator.recomputed`` with its typed inputs, and the systems' stored totals.

The roll-ups (dashboards, rankings, the incentive pool, the benchmark) read each system's
stored total (``IndicatorSystem.score_total``) and each row's stored points; rescoring every
row in Python per request costs seconds. So both are recomputed where an indicator's inputs
change (import, a final result, a tree edit, an evaluation), through the adapter
(:mod:`jixiao.web.adapter`), the one place models meet the core, which also stores the row's
scoring inputs as typed columns (``Indicator.rule_kind``, ``target_value`` …).

A full rescore (:func:`rescore_all`: ``jixiao rescore``, a change of the scoring rules) is
set-based over those columns: one ``UPDATE … CASE`` per rule kind the columns express
(:mod:`.rescore_sql`), the core for the rest (checklists, per-step deductions, figures the
columns cannot hold exactly), then the totals by the core's one definition
(:func:`jixiao.core.scoring.scores.sum_up`) from the stored points (:mod:`.totals`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from jixiao.core.scoring.criteria import per_step_rule
from jixiao.web.adapter import SCORING_FIELDS, rates_of, score_row, store_score
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import Indicator, IndicatorSystem, RuleKind
from jixiao.web.performance.rescore_sql import IN_SQL, INTEGER_KINDS, MAX_WEIGHT, statements
from jixiao.web.performance.totals import store_totals

#: Rows written per ``bulk_update`` statement.
BATCH = 2000


def rescore(indicator: Indicator) -> None:
    """Set the row's points and typed inputs from its current fields, save them, store the total.

    The caller has saved the row's other fields; run inside the caller's transaction.
    """
    values = score_row(indicator)
    Indicator.objects.filter(pk=indicator.pk).update(**values)
    store_score(indicator.system)


def rescore_many(indicators: Iterable[Indicator]) -> int:
    """Rescore rows (of any systems) with the core and write the changed ones back; how many.

    The per-row way: each row becomes a core object and is scored. :func:`rescore_all` calls
    it only for the rows the typed columns cannot score.
    """
    by_system: dict[int, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        by_system[ind.system_id].append(ind)
    changed: list[Indicator] = []
    for rows in by_system.values():
        needs = any(per_step_rule(r.criteria) is not None for r in rows)
        rates = rates_of(rows[0].system) if needs else {}
        for ind in rows:
            before = {name: getattr(ind, name) for name in SCORING_FIELDS}
            if score_row(ind, rates) != before:
                changed.append(ind)
    if changed:
        Indicator.objects.bulk_update(changed, list(SCORING_FIELDS), batch_size=BATCH)
        bump()  # ``bulk_update`` sends no signals
    return len(changed)


def rescore_systems(systems: QuerySet, batch: int = 200, log: Any = None) -> int:
    """The per-row full rescore of ``systems``, in batches of systems; rows changed.

    Kept as the reference the set-based :func:`rescore_all` is measured and tested against.
    """
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


def rescore_all(systems: QuerySet) -> dict[str, int]:
    """Rescore every indicator of ``systems`` set-based, then store their totals; counts.

    One transaction: readers see the old scores or the new ones, never a mixture. Returns
    the rows written by each rule kind's statement, by the core (``core``) and the totals
    that changed (``totals``).
    """
    ids = systems.order_by().values("pk")
    counts: dict[str, int] = {}
    with transaction.atomic():
        scope, params = ids.query.sql_with_params()
        with connection.cursor() as cur:
            table = connection.ops.quote_name(Indicator._meta.db_table)
            for kind, sql, extra in statements(table, IN_SQL % scope):
                cur.execute(sql, [*extra, *params])
                counts[kind] = max(cur.rowcount, 0)
        rest = Indicator.objects.filter(system_id__in=ids).filter(by_core())
        counts[RuleKind.CORE] = rescore_many(rest.select_related("system").order_by("pk"))
        counts["totals"] = store_totals(IndicatorSystem.objects.filter(pk__in=ids))
        bump()  # raw statements send no signals: the dashboards' roll-ups must go
    return counts


def by_core() -> Q:
    """The weighted rows no statement scores: kind ``core``, not yet typed, or odd weights."""
    return Q(weight__isnull=False) & (
        Q(rule_kind__in=["", RuleKind.CORE])
        | Q(rule_kind__in=INTEGER_KINDS, weight__gt=MAX_WEIGHT)
    )
