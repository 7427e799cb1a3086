"""Results against targets, as read from real seed cells (003: 年度指标值 beside 实际完成值)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.compare import compare, level_of
from jixiao.core.targets import parse_target


def one(text: str):
    return parse_target(text)[0]


@pytest.mark.parametrize(
    ("target", "actual", "met", "ratio"),
    [
        ("≥95%", "100%", True, "1.052631578947368421052631579"),
        ("≥90%", "90%", True, "1"),
        ("≥2次", "2次", True, "1"),
        ("≥160户次", "160户次", True, "1"),
        ("≥10%", "12.18%", True, "1.218"),
        (">1亿元", "2.47亿元", True, "2.47"),
        ("不少于5万元", "3万元", False, "0.6"),
        ("≥3 期", "0", False, "0"),
        ("≥53 套/台", "40套/台", False, "0.7547169811320754716981132075"),
    ],
)
def test_more_is_better_targets_give_result_over_target(target, actual, met, ratio):
    result = compare(one(target), actual)
    assert result.met is met
    assert result.ratio == Decimal(ratio)


def test_money_units_are_converted_before_comparing():
    assert compare(one("≥50000元"), "5万元").met is True
    assert compare(one("≤518万元"), "0.0600亿元").met is False


def test_less_is_better_targets_give_target_over_result():
    assert compare(one("≤440元/人/天"), "400元/人/天").ratio == 1
    late = compare(one("≤2 小时"), "4小时")
    assert (late.met, late.ratio) == (False, Decimal("0.5"))


def test_a_range_is_met_inside_and_not_outside():
    target = one("10-50万元/个")
    assert compare(target, "30万元/个").met is True
    assert compare(target, "60万元/个").met is False


def test_deadlines_compare_the_completion_date():
    target = one("2023 年 12 月 31 日前")
    assert compare(target, "2023 年 11 月 30 日完成").met is True
    assert compare(target, "2024年1月15日完成").met is False


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [
        ("良好以上", "优秀", True),
        ("良好以上", "合格", False),
        ("达成", "部分达成", False),
        ("合格", "中", True),
    ],
)
def test_qualitative_levels_sit_on_an_ordered_scale(target, actual, met):
    assert compare(one(target), actual).met is met


def test_level_words_are_ranked_longest_first():
    assert level_of("部分达成") < level_of("达成")
    assert level_of("无评价") is None


def test_relative_targets_need_the_previous_value():
    target = one("较上年度增加 10%")
    assert compare(target, "110万元").met is None
    assert compare(target, "110", previous=Decimal(100)).met is True
    assert compare(one("提升1个百分点"), "93.5", previous=Decimal("92.8")).met is False


def test_a_missing_result_cannot_be_judged():
    assert compare(one("≥2次"), "").met is None
