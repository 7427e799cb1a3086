"""Each unit's score and grade for a year, for rankings and score-based incentive pools.

The monitoring app's ``province_rollup(root, year)`` (task B) is the one place that rolls
scores up the tree; when it is installed we read it. Until then a unit's score is its own
latest evaluation (自评, 部门评价 or 第三方评价) of that year's systems, the simplest reading
of ``cycle.Evaluation`` and the same figure the evaluation page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.web.cycle.models import Evaluation
from jixiao.web.orgs.models import Organization


@dataclass(frozen=True)
class UnitScore:
    """A unit's score for one year and where the figure came from."""

    org_id: int
    score: Decimal | None
    grade: str
    source: str
    evaluation_id: int | None = None


def unit_scores(root: Organization, year: int) -> dict[int, UnitScore]:
    """Scores of ``root`` and every unit below it for ``year``, keyed by organisation id."""
    rolled = _from_rollup(root, year)
    return rolled if rolled is not None else _from_evaluations(root, year)


def _from_rollup(root: Organization, year: int) -> dict[int, UnitScore] | None:
    try:
        from jixiao.web.monitoring.queries import province_rollup  # type: ignore[import-not-found]
    except ImportError:
        return None
    found: dict[int, UnitScore] = {}
    stack: list[Any] = [province_rollup(root, year)]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        org_id = node.unit.org_id
        found[org_id] = UnitScore(org_id, node.score, node.grade or "", "运行监控汇总")
        stack.extend(node.children)
    return found if any(s.score is not None for s in found.values()) else None


def _from_evaluations(root: Organization, year: int) -> dict[int, UnitScore]:
    latest = (
        Evaluation.objects.filter(
            system__organization__path__startswith=root.path,
            system__year=year,
            total__isnull=False,
        )
        .select_related("system")
        .order_by("system__organization_id", "-created_at", "-pk")
    )
    found: dict[int, UnitScore] = {}
    for e in latest:
        org_id = e.system.organization_id
        if org_id not in found:
            label = f"{e.get_kind_display()}（{e.system}）"
            found[org_id] = UnitScore(org_id, e.total, e.grade, label, e.pk)
    return found
