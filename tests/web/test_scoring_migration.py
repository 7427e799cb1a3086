"""Migrations performance 0007–0009: the indicators' scoring inputs and points move, as they
were, to the narrow ``Scoring`` rows, which then equal what the adapter derives."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jixiao.web.adapter import SCORING_FIELDS, score_row
from jixiao.web.imports.save import save_document
from jixiao.web.performance.models import Indicator

from .conftest import World, county_document

BEFORE = [("performance", "0006_fill_typed_scoring_inputs")]
AFTER = [("performance", "0009_remove_indicator_scoring_columns")]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_scoring_inputs_and_points_are_copied_to_the_scoring_rows(world: World) -> None:
    system = save_document(county_document(score="9"), world.county)
    expected = {i.pk: score_row(i) for i in system.indicators.select_related("system")}
    assert expected and any(s.points is not None for s in expected.values())
    _migrate(BEFORE)  # the columns are back on the indicator, the scoring rows gone
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    OldIndicator = old.get_model("performance", "Indicator")
    for pk, s in expected.items():
        typed = {f: getattr(s, f) for f in SCORING_FIELDS if f not in _NARROW_ONLY}
        OldIndicator.objects.filter(pk=pk).update(recomputed=s.points, **typed)
    try:
        _migrate(AFTER)
    finally:
        _migrate(executor_leaf())
    rows = Indicator.objects.filter(pk__in=expected).select_related("scoring", "system")
    assert rows.count() == len(expected)
    for row in rows:
        assert all(getattr(row.scoring, f) == getattr(expected[row.pk], f) for f in SCORING_FIELDS)
        assert row.recomputed == expected[row.pk].points
    assert any(r.recomputed is not None for r in rows)  # points came across, not just NULLs


#: What the scoring row holds beyond the columns the indicator had (points aside).
_NARROW_ONLY = {"points", "system_id", "position", "ref", "level1", "weight", "score", "reported"}


def executor_leaf() -> list[tuple[str, str]]:
    """Every app at its latest migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
