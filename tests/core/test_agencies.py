"""An agency's 信用等级 follows from its ratings and bad records by one written rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.agencies import RatingError, credit_level, in_window, quality_grade

D = Decimal


@pytest.mark.parametrize(
    ("score", "grade"),
    [("95", "优秀"), ("90", "优秀"), ("85", "良好"), ("60", "合格"), ("59.9", "不合格")],
)
def test_a_rating_is_graded_by_the_bands(score: str, grade: str) -> None:
    assert quality_grade(D(score)) == grade


def test_a_rating_outside_0_to_100_is_refused() -> None:
    with pytest.raises(RatingError, match="0～100"):
        quality_grade(D(101))


@pytest.mark.parametrize(
    ("ratings", "bad", "level", "words"),
    [
        ([], 0, "未评级", "没有执业质量评价"),
        (["92", "88"], 0, "A", "2次执业质量评价平均90分，对应A级"),
        (["95"], 0, "A", "信用等级A级"),
        (["95"], 1, "B", "不良记录1条、不合格评价0次，降1级"),
        (["95", "50"], 0, "D", "对应C级；不良记录0条、不合格评价1次，降1级，信用等级D级"),
        (["70"], 5, "D", "降5级，信用等级D级"),
    ],
)
def test_the_credit_level_reads_the_mean_and_drops_a_level_per_bad_record(
    ratings: list[str], bad: int, level: str, words: str
) -> None:
    credit = credit_level([D(r) for r in ratings], bad)
    assert credit.level == level
    assert words in credit.explanation


def test_the_window_is_this_year_and_the_two_before() -> None:
    assert [y for y in range(2020, 2027) if in_window(y, 2026)] == [2024, 2025, 2026]
