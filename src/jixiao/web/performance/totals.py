"""The stored totals of many systems at once, from their rows' stored points.

A full rescore has just written every row's points (``Indicator.recomputed``); scoring each
indicator again to add up the totals would cost what the set-based rescore saved. So the
systems' indicator rows are read in one query of plain values, and each system's total and
grade come from the core's one definition (:func:`jixiao.core.scoring.scores.sum_up`) over
those points: the same function :func:`jixiao.web.adapter.store_score` reaches through
``score_document``. ``tests/web/test_rescore_sets.py`` checks the two agree for every system.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from jixiao.core.scoring.scores import stored_rows, sum_up
from jixiao.web.adapter import STORED_COLUMNS, adjustments_by_system, stored_document
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import BudgetLine, Indicator, IndicatorSystem

FIELDS = ["score_total", "score_weight", "score_grade"]
#: Systems whose rows are read at a time: bounded memory on a whole province.
CHUNK = 1000


def store_totals(systems: QuerySet) -> int:
    """Store the total, weight and grade of each of ``systems``; how many changed."""
    changed = 0
    ids = list(systems.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        changed += _store_chunk(ids[start : start + CHUNK])
    if changed:
        bump()  # ``bulk_update`` sends no signals
    return changed


def _store_chunk(ids: list[int]) -> int:
    rows = _by_system(
        Indicator.objects.filter(system_id__in=ids).order_by("system_id", "position"),
        ["system_id", *STORED_COLUMNS],
    )
    lines: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in BudgetLine.objects.filter(system_id__in=ids).order_by("system_id", "position"):
        lines[line.system_id].append(line)
    adjustments = adjustments_by_system(ids)
    changed = []
    for system in IndicatorSystem.all_objects.filter(pk__in=ids).select_related("organization"):
        doc, points = stored_document(
            system, rows.get(system.pk, []), lines[system.pk], adjustments.get(system.pk, {})
        )
        sheet = sum_up(doc, stored_rows(doc, points))
        new = (sheet.recomputed_total, sheet.weight, sheet.grade or "")
        if (system.score_total, system.score_weight, system.score_grade) != new:
            system.score_total, system.score_weight, system.score_grade = new
            changed.append(system)
    IndicatorSystem.all_objects.bulk_update(changed, FIELDS, batch_size=500)
    return len(changed)


def _by_system(rows: QuerySet, columns: list[str]) -> dict[int, list[tuple[Any, ...]]]:
    """The rows' ``columns`` (the system's id first), grouped by system."""
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for system_id, *values in rows.values_list(*columns):
        found[system_id].append(tuple(values))
    return found
