"""The stored totals of many systems at once, from their rows' stored points.

A full rescore has just written every row's points (``Indicator.recomputed``); scoring each
indicator again to add up the totals would cost what the set-based rescore saved. So the
rows are summed in the database per system, level-1 name, applicability and 分值 (one
grouped query), the sums become the core's level parts (:func:`jixiao.web.adapter.
stored_parts`), and each system's total and grade come from the core's one definition
(:func:`jixiao.core.scoring.scores.sum_parts`), the function ``score_document`` and so
:func:`jixiao.web.adapter.store_score` reach too. ``tests/web/test_rescore_sets.py`` checks
the two agree for every system, adjustments included.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from jixiao.core.scoring.scores import sum_parts
from jixiao.web.adapter import latest_evaluations, scoring_frame, stored_parts
from jixiao.web.cycle.models import EvaluationScore
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import BudgetLine, Indicator, IndicatorSystem

FIELDS = ["score_total", "score_weight", "score_grade"]
#: Systems summed at a time: bounded memory, and bounded IN lists, on a whole province.
CHUNK = 1000
POINTS = DecimalField(max_digits=20, decimal_places=4)


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
    groups = _groups(ids)
    lines: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in BudgetLine.objects.filter(system_id__in=ids).order_by("system_id", "position"):
        lines[line.system_id].append(line)
    changed = []
    for system in IndicatorSystem.all_objects.filter(pk__in=ids):
        doc = scoring_frame(system, lines[system.pk])
        sheet = sum_parts(doc, stored_parts(groups.get(system.pk, [])))
        new = (sheet.recomputed_total, sheet.weight, sheet.grade or "")
        if (system.score_total, system.score_weight, system.score_grade) != new:
            system.score_total, system.score_weight, system.score_grade = new
            changed.append(system)
    IndicatorSystem.all_objects.bulk_update(changed, FIELDS, batch_size=500)
    return len(changed)


def _groups(ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Each system's weighted rows summed by level-1 name, applicability and 分值."""
    adjusted = _adjusted(ids)
    counted = Coalesce(adjusted, "recomputed", "score", Value(Decimal(0)), output_field=POINTS)
    result = Q(actual__raw__isnull=False) | Q(recomputed__isnull=False) | Q(score__isnull=False)
    if adjusted is not None:
        result |= Q(adjusted__isnull=False)
    rows = (
        Indicator.objects.filter(system_id__in=ids, weight__isnull=False)
        .annotate(level1=KT("path__0"), adjusted=adjusted or Value(None, output_field=POINTS))
        .values("system_id", "level1", "applicable", "weight")
        .annotate(
            first=Min("position"),
            count=Count("id"),
            reported=Sum("score", output_field=POINTS),
            points=Sum(counted),
            results=Max(Case(When(result, then=1), default=0, output_field=IntegerField())),
        )
        .order_by()
    )
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    columns = ("level1", "applicable", "weight", "first", "count", "reported", "points", "results")
    for row in rows:
        found[row["system_id"]].append(tuple(row[c] for c in columns))
    return found


def _adjusted(ids: list[int]) -> Subquery | None:
    """Each row's adjusted score in its system's latest evaluation; None when there is none."""
    latest = list(latest_evaluations(ids).values())
    scores = EvaluationScore.objects.filter(evaluation_id__in=latest, adjusted__isnull=False)
    if not latest or not scores.exists():
        return None
    mine = scores.filter(indicator_id=OuterRef("pk")).values("adjusted")[:1]
    return Subquery(mine, output_field=POINTS)
