from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.scoring.rules import (
    AllOrNothing,
    Bands,
    Checklist,
    DeductPerStep,
    LinearOnRate,
    Proportional,
)


def test_all_or_nothing_gives_the_full_weight_when_met_and_nothing_otherwise():
    assert AllOrNothing().score(D("0.27"), True).points == D("0.27")
    missed = AllOrNothing().score(D("0.27"), False)
    assert missed.points == 0
    assert "未完成" in missed.explanation


def test_all_or_nothing_with_an_unknown_result_cannot_score():
    result = AllOrNothing().score(D(2), None)
    assert result.points is None
    assert "缺少" in result.explanation


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (D(160), D(160), D("0.27")),
        (D(80), D(160), D("0.14")),  # 0.135 rounds half up
        (D(0), D(1), D(0)),
        (D(4537), D(4030), D("0.27")),  # overshoot is capped at the weight
    ],
)
def test_proportional_scores_actual_over_target_times_weight_capped(actual, target, expected):
    assert Proportional().score(D("0.27"), actual, target).points == expected


def test_proportional_without_cap_rewards_overshoot():
    assert Proportional(cap=False).score(D(2), D(3), D(2)).points == D(3)


def test_proportional_explains_the_arithmetic_in_chinese():
    result = Proportional().score(D(2), D(1), D(2))
    assert result.points == D(1)
    assert "实际1÷目标2×分值2" in result.explanation
    assert result.inputs["实际完成值"] == D(1)


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (D(1588), D(2500), D(2)),  # cost under its ceiling: full marks
        (D(3000), D(2500), D("1.67")),  # 2500/3000 × 2
        (D(0), D(0), D(2)),  # 0 accidents against 0: met
        (D(1), D(0), D(0)),  # 1 accident against 0: nothing
    ],
)
def test_reverse_indicators_score_target_over_actual(actual, target, expected):
    assert Proportional(reverse=True).score(D(2), actual, target).points == expected


@pytest.mark.parametrize(("actual", "expected"), [(D(0), D(2)), (D(5), D(2))])
def test_a_zero_target_on_a_positive_indicator_is_met_by_any_actual(actual, expected):
    assert Proportional().score(D(2), actual, D(0)).points == expected


def test_proportional_with_a_missing_actual_cannot_score():
    assert Proportional().score(D(2), None, D(5)).points is None


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(D(100), D(4)), (D(98), D("3.6")), (D("99.5"), D("3.9")), (D(70), D(0)), (D(0), D(0))],
)
def test_deduct_per_step_takes_0_2_per_missing_percent_of_arrival(rate, expected):
    rule = DeductPerStep(full=D(4), start=D(100), step=D(1), penalty=D("0.2"), label="到位率")
    assert rule.score(rate).points == expected


def test_deduct_per_step_for_execution_starts_at_95_percent():
    rule = DeductPerStep(full=D(3), start=D(95), penalty=D("0.3"), label="预算执行率")
    assert rule.score(D("95.54")).points == D(3)
    low = rule.score(D(93))
    assert low.points == D("2.4")
    assert low.explanation == "预算执行率93%，每低1%扣0.3分，得2.4分"


def test_deduct_per_step_can_count_whole_steps_only():
    rule = DeductPerStep(full=D(4), start=D(100), penalty=D("0.2"), whole_steps=True)
    assert rule.score(D("98.5")).points == D("3.8")


def test_deduct_per_step_with_no_rate_cannot_score():
    assert DeductPerStep(full=D(4), start=D(100)).score(None).points is None


def test_checklist_adds_the_points_of_the_criteria_met():
    rule = Checklist(points=(D(1), D(1), D(1), D(1), D(1)))
    assert rule.score(D(5), [True] * 5).points == D(5)
    assert rule.score(D(5), [True, True, False, True, True]).points == D(4)


def test_checklist_counts_partial_criteria_by_their_share():
    # 003 立项程序规范性: two criteria of 1 point, a third of five 0.4-point steps (2 points)
    rule = Checklist(points=(D(1), D(1), D(2)))
    result = rule.score(D(4), [True, True, D("0.8")])
    assert result.points == D("3.6")
    assert "第3项1.6分" in result.explanation


def test_checklist_with_a_missing_criterion_cannot_score():
    assert Checklist(points=(D(1), D(1))).score(D(2), [True]).points is None
    assert Checklist(points=(D(1), D(1))).score(D(2), [True, None]).points is None


def test_checklist_is_capped_at_the_weight():
    assert Checklist(points=(D(3), D(3))).score(D(5), [True, True]).points == D(5)


@pytest.mark.parametrize(
    ("level", "printed", "expected"),
    [
        ("达成年度指标", None, D(10)),
        ("达成年度指标", D(9), D(9)),
        ("达成年度指标", D(5), D(8)),  # below the band: pulled up to its floor
        ("部分达成年度指标并具有一定效果", None, D(8)),
        ("部分达成", D(7), D(7)),
        ("未达成年度指标且效果较差", D(9), D(6)),
    ],
)
def test_qualitative_bands_keep_scores_inside_the_level_range(level, printed, expected):
    assert Bands().score(D(10), level, printed).points == expected


def test_qualitative_bands_without_a_level_cannot_score():
    assert Bands().score(D(10), "不知所云").points is None


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(D("95.5432"), D("9.55")), (D(100), D(10)), (D(120), D(10)), (D(0), D(0))],
)
def test_linear_on_rate_is_execution_rate_times_weight_capped(rate, expected):
    assert LinearOnRate().score(D(10), rate).points == expected


def test_linear_on_rate_with_a_floor_gives_zero_below_it():
    rule = LinearOnRate(full_at=D(100), zero_at=D(60))
    assert rule.score(D(10), D(80)).points == D(5)
    assert rule.score(D(10), D(50)).points == D(0)


def test_linear_on_rate_without_a_rate_cannot_score():
    assert LinearOnRate().score(D(10), None).points is None


def test_every_rule_result_serialises_its_trace_for_the_web():
    data = LinearOnRate().score(D(10), D("95.54")).to_dict()
    assert data["rule"] == "linear_on_rate"
    assert data["points"] == 9.55
    assert data["inputs"]["执行率"] == 95.54
