"""The dashboards grade each unit with the bands its own systems are graded with.

A province that sets its own grade bands (优 ≥ 98 here) sees its counties graded by them on
the dashboard and in the rankings, as their systems' grades are; a province without bands
of its own keeps the finance ministry's (优 ≥ 90). One definition: the rollup and the system
score both grade through ``core.scoring.grades.grade_for`` with the binding policy's bands.
"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.queries import province_rollup
from jixiao.web.outcomes.scores import unit_scores
from jixiao.web.performance.models import IndicatorSystem
from tests.web.conftest import World, login
from tests.web.test_whatif import api, self_evaluation

pytestmark = pytest.mark.django_db

#: The province's own bands: 97.5 is 良 here, 优 by the ministry's.
STRICT = {
    "bands": [
        {"grade": "优", "minimum": 98},
        {"grade": "良", "minimum": 90},
        {"grade": "中", "minimum": 60},
        {"grade": "差", "minimum": 0},
    ],
    "basis": "省绩效评价等级划分办法",
}


@pytest.fixture
def scored(world: World) -> World:
    """The county at 97.5 points (执行率75%), and a county of another province alike."""
    save_document(self_evaluation("乙县", "75", "100"), world.county)
    save_document(self_evaluation("丁省", "75", "100"), world.other_province)
    return world


def grade_cell(page: str, org_id: int) -> str:
    """The 等级 cell of one unit's row in the dashboard's ranking."""
    row = re.search(rf'<tr data-org="{org_id}">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return re.sub(r"<[^>]+>", "", cells[6]).strip()


def test_a_province_with_its_own_bands_sees_its_units_graded_by_them(
    client: Client, scored: World
) -> None:
    world = scored
    county = IndicatorSystem.objects.get(organization=world.county)
    assert county.score_total == D("97.5") and county.score_grade == "优"  # ministry bands
    city_page = reverse("dashboard_org", args=[world.city.pk])
    login(client, "officer")
    assert (
        grade_cell(client.get(city_page, {"year": 2024}).content.decode(), world.county.pk) == "优"
    )

    url = f"/scoring-policies/{world.province.pk}/2024"
    assert api(world, "officer", "put", url, {"policy": STRICT}).status_code == 200

    county.refresh_from_db()
    assert county.score_grade == "良"  # the system, graded by the province's bands
    rollup = province_rollup(world.province, 2024)
    assert rollup.find(world.county.pk).grade == county.score_grade
    assert rollup.find(world.county.pk).score == D("97.50")
    assert unit_scores(world.province, 2024)[world.county.pk].grade == "良"  # rankings, pools
    # the cached dashboard is dropped with the change of bands
    assert (
        grade_cell(client.get(city_page, {"year": 2024}).content.decode(), world.county.pk) == "良"
    )

    other = IndicatorSystem.objects.get(organization=world.other_province)
    assert other.score_total == D("97.5")
    assert province_rollup(world.other_province, 2024).grade == other.score_grade == "优"
