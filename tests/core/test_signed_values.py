"""Signed values keep their sign and are scored as met or not (issue 16)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.documents import Actual
from jixiao.core.scoring import score_indicator
from jixiao.core.targets import parse_target

from .builders import indicator


@pytest.mark.parametrize(
    ("text", "value", "unit", "relative"),
    [
        ("-3%", "-3", "%", None),
        ("-5", "-5", None, None),
        ("\u22125", "-5", None, None),  # − MINUS SIGN, as typed by some input methods
        ("－2.5%", "-2.5", "%", None),  # full-width hyphen-minus
        ("负3%", "-3", "%", None),
        ("负增长3%", "-3", "%", "yoy"),
        ("下降3%", "-3", "%", "yoy"),
        ("同比下降3%", "-3", "%", "yoy"),
        ("减少5", "-5", None, None),
        ("减少5起", "-5", "起", None),
    ],
)
def test_a_negative_value_keeps_its_sign(text, value, unit, relative):
    [found] = parse_target(text)
    assert (found.value, found.unit, found.relative) == (Decimal(value), unit, relative)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10-50万元/个", ("between", Decimal(100000), Decimal(500000))),
        ("5-8项", ("between", Decimal(5), Decimal(8))),
        ("≥-5%", (">=", Decimal(-5), None)),
        ("增长3%", (">=", Decimal(3), None)),
    ],
)
def test_a_dash_between_numbers_is_a_range_and_a_sign_after_an_operator_a_minus(text, expected):
    [found] = parse_target(text)
    assert (found.op, found.value, found.upper) == expected


def _growth(actual_text: str, target_text: str = "≥5%", weight: str = "7") -> Decimal | None:
    ind = indicator(
        "市场主体增长率",
        weight,
        None,
        targets=tuple(parse_target(target_text)),
        actual=Actual(actual_text, parse_target(actual_text)),
    )
    return score_indicator(ind).result.points


@pytest.mark.parametrize("result", ["-3%", "负增长3%", "下降3%", "\u22123%", "同比下降3%"])
def test_a_fall_scores_nothing_against_a_growth_target(result):
    assert _growth(result) == 0


def test_a_rise_still_scores_its_share():
    assert _growth("3%") == Decimal("4.2")
    assert _growth("增长6%") == 7


def test_a_fall_meets_a_ceiling_and_a_smaller_fall_misses_a_required_fall():
    assert _growth("-3%", "≤5%") == 7  # 投诉增长率 ≤ 5%: a fall is within it
    assert _growth("下降3%", "下降5%") == 0  # a fall of 5% was required
    assert _growth("下降6%", "下降5%") == 7
