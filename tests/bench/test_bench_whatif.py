"""Smoke test of the what-if benchmark on the tiny generated province: on data shaped like a
real province's, the preview re-runs the policy on every system's kept basis (none needs a
full re-score) and equals, system by system, what applying the policy then stores."""

from __future__ import annotations

from bench import bench_whatif
from jixiao.web.orgs.models import Organization
from jixiao.web.rules.models import ScoringVariant
from tests.bench.test_bench import tiny  # noqa: F401  (fixture)


def test_the_preview_equals_the_apply_on_a_generated_province(tiny: Organization) -> None:  # noqa: F811
    result = bench_whatif.measure(10, 2023, 1, with_apply=True)
    assert result["systems"] == 10 * 2
    assert result["rescored_in_full"] == 0
    assert result["changed_systems"] > 0  # the proposal moves something to compare
    assert result["preview_equals_apply"] == {"systems": 20, "mismatches": 0}
    assert not ScoringVariant.objects.exists()  # the apply was rolled back
    sampled = bench_whatif.measure(10, 2023, 1, with_apply=True, sample=5)
    assert sampled["preview_equals_apply"] == {"systems": 5, "mismatches": 0}
    assert sampled["seconds"]["apply_indicators"] < result["indicators"]
    assert not ScoringVariant.objects.exists()
