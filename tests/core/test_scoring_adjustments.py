"""Evaluators' adjustments: bounded by the 分值, with a reason, counted in the one total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.documents import (
    Actual,
    Adjustment,
    Document,
    Indicator,
    Target,
    document_from_dict,
    document_to_dict,
)
from jixiao.core.scoring import score_document
from jixiao.core.scoring.adjustments import AdjustmentError, check_adjustment, read_points

D = Decimal


def indicator(n: int, weight: str = "8", actual: str = "300件") -> Indicator:
    got = [] if actual == "不适用" else [Target(actual, "=", D(actual[:-1]), unit="件")]
    return Indicator(
        id=str(n),
        name=f"检查事项{n}",
        path=["产出指标", "数量指标"],
        targets=[Target("不少于300件", ">=", D(300), unit="件")],
        actual=Actual(actual, got),
        weight=D(weight),
        score=D(weight),
    )


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("99", "「检查事项1」的调整后得分99分超出范围：应在0至8分（该指标分值）之间"),
        ("8.01", "超出范围"),
        ("-0.5", "超出范围"),
    ],
)
def test_an_adjustment_beyond_the_weight_is_refused_naming_the_indicator(
    points: str, message: str
) -> None:
    with pytest.raises(AdjustmentError, match=message):
        check_adjustment(indicator(1), D(points), "核查")


@pytest.mark.parametrize("points", ["0", "3.25", "8"])
def test_an_adjustment_within_0_and_the_weight_is_kept_with_its_reason(points: str) -> None:
    assert check_adjustment(indicator(1), D(points), " 佐证不全 ") == Adjustment(
        D(points), "佐证不全"
    )


def test_an_adjustment_needs_a_reason_and_a_weight() -> None:
    with pytest.raises(AdjustmentError, match="须填写理由"):
        check_adjustment(indicator(1), D(4), "  ")
    unweighted = indicator(1)
    unweighted.weight = None
    with pytest.raises(AdjustmentError, match="没有分值"):
        check_adjustment(unweighted, D(4), "x")


@pytest.mark.parametrize(
    ("typed", "points"), [("7.5", D("7.5")), (" 6分 ", D(6)), ("", None), ("  ", None)]
)
def test_typed_points_are_read_blank_meaning_no_adjustment(typed: str, points: object) -> None:
    assert read_points(typed, "检查事项1") == points


@pytest.mark.parametrize(
    "typed", ["abc", "1e999999999", "Infinity", "NaN", "１２", "1" * 5000, "3.1.4"]
)
def test_typed_points_that_are_not_a_plain_number_are_refused_by_name(typed: str) -> None:
    with pytest.raises(AdjustmentError, match=r"「检查事项1」的调整后得分.*不是数字"):
        read_points(typed, "检查事项1")


def test_an_adjustment_counts_in_the_levels_the_total_and_the_grade() -> None:
    doc = Document(kind="self_evaluation", indicators=[indicator(n, "50") for n in (1, 2)])
    assert score_document(doc).recomputed_total == 100
    doc.adjustments = {"2": Adjustment(D(20), "佐证不全")}
    sheet = score_document(doc)
    assert sheet.recomputed_total == 70 and sheet.grade == "中"
    assert [lv.recomputed for lv in sheet.levels] == [D(70)]
    row = sheet.to_dict()["indicators"][1]
    assert (row["computed"], row["recomputed"]) == (50, 20)
    assert row["adjustment"] == {"points": 20, "reason": "佐证不全"}


def test_an_adjusted_total_is_rebased_like_any_other_when_an_indicator_does_not_apply() -> None:
    doc = Document(
        kind="self_evaluation",
        indicators=[indicator(1, "40"), indicator(2, "40"), indicator(3, "20", "不适用")],
        adjustments={"1": Adjustment(D(20), "现场核查")},
    )
    sheet = score_document(doc)
    assert sheet.recomputed_total == D("75.00") and sheet.weight == 100  # 60 of 80, on 100


def test_adjustments_survive_the_json_round_trip_and_are_left_out_when_none() -> None:
    doc = Document(kind="self_evaluation", indicators=[indicator(1)])
    assert "adjustments" not in document_to_dict(doc)
    doc.adjustments = {"1": Adjustment(D("7.5"), "佐证不全")}
    again = document_from_dict(document_to_dict(doc))
    assert again.adjustments == doc.adjustments
    assert score_document(again).recomputed_total == D("7.5")


def test_a_grade_is_read_on_the_100_point_scale() -> None:
    doc = Document(kind="self_evaluation", indicators=[indicator(1, "20")])
    sheet = score_document(doc)
    assert (sheet.recomputed_total, sheet.weight, sheet.grade) == (20, 20, "优")
