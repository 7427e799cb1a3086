from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.web.cycle.evaluations import adjust, evaluate
from jixiao.web.cycle.models import EvaluationKind
from jixiao.web.imports.save import save_document
from jixiao.web.monitoring.queries import latest_date, province_rollup
from jixiao.web.monitoring.records import launch_round, record_indicator, record_spending
from jixiao.web.orgs.models import Level, Organization
from tests.web.conftest import World
from tests.web.monitoring.conftest import Monitored, county_plan


def fill(m: Monitored) -> None:
    record_indicator(m.check(m.county_system, 1), "60户次")  # red
    record_indicator(m.check(m.county_system, 2), "50批次")  # green
    record_indicator(m.check(m.county_system, 3), "99%")  # green
    record_indicator(m.check(m.other_system, 1), "120户次")  # 40 % done, 80 % of expected: green
    record_spending(m.spending(m.county_system), "8")  # 10 % of 80: red
    record_spending(m.spending(m.other_system), "40")  # 50 %: green


def test_rollup_sums_counties_into_city_and_province(world: World, monitored: Monitored) -> None:
    fill(monitored)
    top = province_rollup(world.province, 2024)
    county, other, city = (
        top.find(world.county.pk),
        top.find(world.other_county.pk),
        top.find(world.city.pk),
    )
    assert county.total.indicators == 3 and county.total.judged == 3
    assert county.total.red == 2 and county.total.green == 2  # indicator and spending lights
    assert county.completion == Decimal("80.00")  # (40 + 100 + 100) / 3
    assert county.rate == Decimal("10.00") and county.spending_status == "red"
    assert city.total.indicators == 6 and city.total.judged == 4
    assert city.total.budget == Decimal(160) and city.rate == Decimal("30.00")
    assert top.total == city.total  # the province itself has no systems
    assert other.total.budget == Decimal(80)


def test_scores_are_the_systems_stored_totals_with_the_evaluators_adjustments(
    world: World, monitored: Monitored
) -> None:
    top = province_rollup(world.province, 2024)
    assert top.find(world.county.pk).score == Decimal("87.50")  # 70 of 80
    assert top.find(world.county.pk).grade == "良"
    evaluator = world.users["evaluator"]
    evaluation = evaluate(monitored.county_system, EvaluationKind.THIRD_PARTY, evaluator)
    assert evaluation.total == Decimal(70)
    row = evaluation.scores.get(indicator__code="1")  # 40 of 50 as printed
    adjust(row, "48", "佐证材料证明已完成", evaluator)
    top = province_rollup(world.province, 2024)
    assert top.find(world.county.pk).score == Decimal("97.50")  # 78 of 80
    assert top.find(world.city.pk).score == Decimal("92.50")  # (78 + 70) / (80 + 80)
    evaluation.refresh_from_db()
    monitored.county_system.refresh_from_db()
    assert evaluation.total == monitored.county_system.score_total == Decimal(78)


def test_no_round_means_year_totals_and_no_lights(world: World) -> None:
    save_document(county_plan("乙县"), world.county)
    top = province_rollup(world.province, 2024)
    assert top.completion is None and top.total.red == 0
    assert top.total.budget == Decimal(80) and top.spending_status == "none"
    assert latest_date(world.province, 2024) is None


def test_as_of_picks_the_round_up_to_that_date(world: World, monitored: Monitored) -> None:
    fill(monitored)
    launch_round(world.province, 2024, date(2024, 9, 30))
    assert latest_date(world.county, 2024) == date(2024, 9, 30)
    assert province_rollup(world.province, 2024).total.judged == 0
    assert province_rollup(world.province, 2024, date(2024, 7, 1)).total.judged == 4


def test_the_query_count_does_not_grow_with_the_tree(world: World, monitored: Monitored) -> None:
    fill(monitored)
    with CaptureQueriesContext(connection) as small:
        province_rollup(world.province, 2024)
    for n in range(6):
        county = Organization.objects.create(
            name=f"新{n}县", level=Level.COUNTY, parent=world.city
        )
        save_document(county_plan(county.name), county)
    launch_round(world.province, 2024, date(2024, 7, 31))
    with CaptureQueriesContext(connection) as large:
        top = province_rollup(world.province, 2024)
    assert len(large) == len(small) <= 10
    assert top.total.indicators == 24 and len(top.find(world.city.pk).children) == 8
