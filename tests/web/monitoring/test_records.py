from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.web.monitoring.models import IndicatorCheck, Light, SpendingCheck, Thresholds
from jixiao.web.monitoring.records import (
    MonitoringError,
    launch_round,
    may_answer,
    parse_money,
    record_indicator,
    record_spending,
    respond,
    save_thresholds,
)
from tests.web.conftest import World
from tests.web.monitoring.conftest import JUNE, Monitored


def test_launching_a_round_creates_a_check_per_target_and_per_budgeted_project(
    world: World, monitored: Monitored
) -> None:
    assert IndicatorCheck.objects.filter(round=monitored.round).count() == 6
    assert SpendingCheck.objects.filter(round=monitored.round).count() == 2
    check = monitored.check(monitored.county_system, 1)
    assert check.organization == world.county and check.status == Light.NONE
    assert monitored.spending(monitored.county_system).budget == Decimal(80)


def test_a_round_below_at_the_same_date_does_not_check_a_target_twice(
    world: World, monitored: Monitored
) -> None:
    city_round = launch_round(world.city, 2024, JUNE)
    assert city_round.checks.count() == 0 and city_round.spending.count() == 0
    with pytest.raises(MonitoringError, match="已存在"):
        launch_round(world.province, 2024, JUNE)
    with pytest.raises(MonitoringError, match="不在 2024 年度内"):
        launch_round(world.city, 2024, date(2023, 6, 30))


def test_recording_a_value_lights_the_check_by_the_calendar(monitored: Monitored) -> None:
    check = record_indicator(monitored.check(monitored.county_system, 1), "60户次")
    check.refresh_from_db()
    assert check.status == Light.RED
    assert (check.progress, check.expected, check.relative) == (
        Decimal("20.00"),
        Decimal("50.00"),
        Decimal("40.00"),
    )
    assert check.parsed[0]["value"] == 60 and "时序进度应为50.00%" in check.explanation
    assert check.needs_response


def test_a_red_light_needs_both_reason_and_measure(world: World, monitored: Monitored) -> None:
    check = record_indicator(monitored.check(monitored.county_system, 1), "60户次")
    with pytest.raises(MonitoringError, match="必须填写偏差原因和纠偏措施"):
        respond(check, world.users["clerk"], "资金未到位", "")
    respond(check, world.users["clerk"], "资金未到位", "三季度集中开展", "possible")
    check.refresh_from_db()
    assert not check.needs_response and check.responded_by == world.users["clerk"]


def test_spending_is_judged_against_the_time_expected_rate(monitored: Monitored) -> None:
    check = record_spending(monitored.spending(monitored.county_system), "12万元")
    assert check.status == Light.RED and check.progress == Decimal("15.00")
    check = record_spending(check, "36")
    assert check.status == Light.GREEN and check.relative == Decimal("90.00")


@pytest.mark.parametrize("text", ["十二", "abc", "-3"])
def test_bad_money_gives_a_chinese_message(text: str) -> None:
    with pytest.raises(MonitoringError, match="支出金额"):
        parse_money(text)


def test_thresholds_are_set_per_province_and_apply_below(
    world: World, monitored: Monitored
) -> None:
    data = {
        "progress_red_below": "30",
        "progress_amber_below": "50",
        "spending_red_below": "60",
        "spending_amber_below": "80",
        "default_month": "7",
    }
    save_thresholds(world.province, data, world.users["officer"])
    check = record_indicator(monitored.check(monitored.county_system, 1), "60户次")
    assert check.status == Light.AMBER  # 40 % of expected: red under 60, amber under 30–50
    assert Thresholds.objects.get(organization=world.province).default_month == 7


def test_thresholds_must_be_ordered_percentages(world: World) -> None:
    bad = {
        "progress_red_below": "90",
        "progress_amber_below": "80",
        "spending_red_below": "60",
        "spending_amber_below": "80",
    }
    with pytest.raises(MonitoringError, match="红灯阈值不能高于黄灯阈值"):
        save_thresholds(world.province, bad, None)
    with pytest.raises(MonitoringError, match="0到100"):
        save_thresholds(world.province, bad | {"progress_red_below": "x"}, None)


def test_only_the_units_own_editors_may_answer(world: World, monitored: Monitored) -> None:
    check = monitored.check(monitored.county_system, 1)
    assert may_answer(world.users["clerk"], check)
    for name in ("officer", "city_officer", "other_clerk", "readonly", "outsider"):
        assert not may_answer(world.users[name], check), name
