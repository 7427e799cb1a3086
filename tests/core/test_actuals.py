"""A typed result against its indicator's target: text on a number, and units that differ."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.actuals import check_actual
from jixiao.core.documents import Target
from jixiao.core.targets import parse_target

COUNT = [Target("不少于300次", ">=", Decimal(300), unit="次")]
MONEY = [Target("≥3万元", ">=", Decimal(3), unit="万元")]


@pytest.mark.parametrize("text", ["abc", "已完成", "良好"])
def test_text_on_a_numeric_indicator_is_warned_about(text: str) -> None:
    (warning,) = check_actual(COUNT, text, parse_target(text))
    assert f"「{text}」不是数字" in warning and "如“300次”" in warning


def test_a_percent_on_an_indicator_counted_in_times_is_warned_about() -> None:
    (warning,) = check_actual(COUNT, "95%", parse_target("95%"))
    assert "单位「%」" in warning and "「次」" in warning


@pytest.mark.parametrize(
    ("targets", "text"),
    [(COUNT, "320次"), (COUNT, "320"), (MONEY, "35000元"), (COUNT, ""), ([], "已完成")],
)
def test_a_fitting_result_or_no_numeric_target_gives_no_warning(
    targets: list[Target], text: str
) -> None:
    assert check_actual(targets, text, parse_target(text) if text else []) == []


def test_a_qualitative_target_takes_words() -> None:
    targets = parse_target("良好以上")
    assert check_actual(targets, "已完成", parse_target("已完成")) == []
