"""Each unit's score and grade for a year, for rankings and score-based incentive pools.

The figures are the dashboards' own: :func:`jixiao.web.monitoring.cache.cached_rollup`, which
sums the systems' stored totals (``IndicatorSystem.score_total``, the core's one definition
with evaluators' adjustments) up the tree. A ranking, a pool and a dashboard therefore never
disagree about a unit, and a unit with one system scores exactly that system's total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.web.monitoring.cache import cached_rollup
from jixiao.web.orgs.models import Organization

#: Where every unit score comes from, as the rankings page says it.
SOURCE = "各指标体系总分汇总"


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
    return {
        node.org_id: UnitScore(node.org_id, node.score, node.grade or "", SOURCE)
        for node in cached_rollup(root, year).walk()
    }
