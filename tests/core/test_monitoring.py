from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.core.monitoring import (
    AMBER,
    GREEN,
    NONE,
    RED,
    Thresholds,
    elapsed_share,
    indicator_progress,
    is_cumulative,
    light_for,
    spending_progress,
    worst,
)
from jixiao.core.targets import parse_target

JUNE = date(2023, 6, 30)


def targets(text: str, direction: str | None = None) -> list:
    return parse_target(text, direction=direction)


@pytest.mark.parametrize(
    ("as_of", "share"),
    [
        (date(2023, 6, 30), "50.00"),
        (date(2023, 3, 31), "25.00"),
        (date(2023, 12, 31), "100.00"),
        (date(2023, 1, 31), "8.33"),
        (date(2023, 2, 14), "12.50"),
        (date(2022, 12, 31), "0"),
        (date(2024, 1, 1), "100"),
    ],
)
def test_elapsed_share_counts_twelfths_of_the_year(as_of: date, share: str) -> None:
    assert elapsed_share(as_of, 2023) == Decimal(share)


@pytest.mark.parametrize(
    ("relative", "light"),
    [("59.99", RED), ("60", AMBER), ("79.99", AMBER), ("80", GREEN), ("140", GREEN)],
)
def test_lights_follow_the_vendor_rule_60_and_80(relative: str, light: str) -> None:
    assert light_for(Decimal(relative)) == light


def test_thresholds_are_the_provinces_own() -> None:
    strict = Thresholds(red_below=Decimal(80), amber_below=Decimal(95))
    assert light_for(Decimal(85), strict) == AMBER
    assert light_for(Decimal(85)) == GREEN
    assert light_for(None) == NONE


def test_a_count_at_half_its_target_at_june_30_is_on_track() -> None:
    p = indicator_progress(targets("不少于300户次"), "150户次", JUNE, 2023)
    assert (p.status, p.progress, p.expected, p.relative) == (
        GREEN,
        Decimal("50.00"),
        Decimal("50.00"),
        Decimal("100.00"),
    )
    assert "时序进度应为50.00%" in p.explanation


def test_a_count_at_a_quarter_of_its_target_at_june_30_is_red() -> None:
    p = indicator_progress(targets("≥80家"), "20家", JUNE, 2023)
    assert p.status == RED and p.relative == Decimal("50.00")


def test_a_count_at_35_percent_at_june_30_is_amber() -> None:
    p = indicator_progress(targets("≥100件"), "35件", JUNE, 2023)
    assert p.status == AMBER and p.relative == Decimal("70.00")


def test_completion_is_capped_at_100_so_one_lead_cannot_hide_a_lag() -> None:
    p = indicator_progress(targets("≥10个"), "9个", JUNE, 2023)
    assert p.relative == Decimal("180.00") and p.completion == Decimal(100)


def test_units_are_converted_before_comparing() -> None:
    p = indicator_progress(targets("不少于1.1万批次"), "5500批次", JUNE, 2023)
    assert p.status == GREEN and p.progress == Decimal("50.00")


def test_a_rate_is_judged_against_the_full_target_whatever_the_date() -> None:
    ok = indicator_progress(targets("≥85%"), "86%", JUNE, 2023)
    behind = indicator_progress(targets("≥98%"), "50%", JUNE, 2023)
    assert ok.status == GREEN and ok.expected == Decimal(100)
    assert behind.status == RED and "非累计指标" in behind.explanation


def test_a_ceiling_met_is_green_and_exceeded_by_far_is_red() -> None:
    assert indicator_progress(targets("≤440元/人/天"), "400元/人/天", JUNE, 2023).status == GREEN
    assert indicator_progress(targets("≤440元/人/天"), "900元/人/天", JUNE, 2023).status == RED


def test_a_deadline_not_yet_due_is_on_track_and_a_missed_one_is_red() -> None:
    due = targets("2023年12月31日前")
    assert indicator_progress(due, "进行中", JUNE, 2023).status == GREEN
    done_late = indicator_progress(targets("2023年5月31日前"), "2023年6月20日完成", JUNE, 2023)
    assert done_late.status == RED


def test_qualitative_levels_map_to_the_three_lights() -> None:
    goal = targets("达成")
    assert indicator_progress(goal, "达成", JUNE, 2023).status == GREEN
    assert indicator_progress(goal, "部分达成", JUNE, 2023).status == AMBER
    assert indicator_progress(goal, "未达成", JUNE, 2023).status == RED


def test_no_result_or_no_target_gives_no_light_with_a_reason() -> None:
    missing = indicator_progress(targets("≥10个"), "  ", JUNE, 2023)
    assert missing.status == NONE and "未填报" in missing.explanation
    assert indicator_progress([], "3个", JUNE, 2023).status == NONE


def test_the_worst_of_several_targets_decides() -> None:
    two = targets("≥45家") + targets("≥4个")
    assert indicator_progress(two, "30家组织4个", JUNE, 2023).status == GREEN
    assert indicator_progress(two, "30家组织1个", JUNE, 2023).status == RED
    assert indicator_progress(two, "30家", JUNE, 2023).status == GREEN  # 个 not reported
    assert worst([GREEN, AMBER, RED]) == RED and worst([]) == NONE


def test_cumulative_means_a_growing_count_not_a_rate_or_ceiling() -> None:
    assert is_cumulative(targets("≥300户次")[0])
    assert not is_cumulative(targets("≥85%")[0])
    assert not is_cumulative(targets("≤90万元")[0])


def test_spending_at_june_30_is_judged_against_half_the_budget() -> None:
    on_track = spending_progress(Decimal(100), Decimal(45), JUNE, 2023)
    behind = spending_progress(Decimal(100), Decimal(20), JUNE, 2023)
    assert (on_track.status, on_track.progress, on_track.relative) == (
        GREEN,
        Decimal("45.00"),
        Decimal("90.00"),
    )
    assert behind.status == RED and "预算执行率20.00%" in behind.explanation


def test_spending_without_a_budget_or_figure_has_no_light() -> None:
    assert spending_progress(Decimal(0), Decimal(5), JUNE, 2023).status == NONE
    assert spending_progress(Decimal(10), None, JUNE, 2023).explanation == "未填报支出"


@pytest.mark.parametrize("words", ["未完成", "正在推进", "无", "已完成"])
def test_words_where_a_number_is_due_keep_the_light_red_and_ask_for_the_figure(words) -> None:
    """Typing 未完成 instead of 1次 against ≥6次 must not clear the red light (issue 16)."""
    with_number = indicator_progress(targets("≥6次"), "1次", JUNE, 2023)
    with_words = indicator_progress(targets("≥6次"), words, JUNE, 2023)
    assert with_number.status == RED and with_words.status == RED
    assert "不含数值" in with_words.explanation and "请填写" in with_words.explanation
    assert "定性" not in with_words.explanation


def test_a_negative_result_on_a_growth_rate_is_red() -> None:
    assert indicator_progress(targets("≥5%"), "-3%", JUNE, 2023).status == RED
    assert indicator_progress(targets("≥5%"), "负增长3%", JUNE, 2023).status == RED
