"""The ranges every kept number must lie in, and their Chinese messages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.bounds import (
    MONEY,
    WEIGHT,
    YEAR,
    digits_problem,
    longest_digit_run,
    score_problem,
    short_number,
    year_from,
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal(10), None),
        (Decimal(0), None),
        (Decimal(100), None),
        (Decimal("100.5"), "分值须在 0 到 100 之间，收到 100.5。"),
        (Decimal(-1), "分值须在 0 到 100 之间，收到 -1。"),
        (Decimal("1e30"), "分值须在 0 到 100 之间，收到 1E+30。"),
        (Decimal("NaN"), "分值须为有限的数字。"),
        (Decimal("Infinity"), "分值须为有限的数字。"),
    ],
)
def test_a_weight_must_lie_between_0_and_100(value: Decimal, message: str | None) -> None:
    assert WEIGHT.problem(value) == message


def test_a_score_lies_between_0_and_its_weight() -> None:
    assert score_problem(Decimal(4), Decimal(5)) is None
    assert score_problem(Decimal(6), Decimal(5)) == "得分须在 0 到 5 之间，收到 6。"
    assert score_problem(Decimal(101), None) == "得分须在 0 到 100 之间，收到 101。"


def test_money_fits_the_money_columns() -> None:
    assert MONEY.problem(Decimal("999999999999")) is None
    assert "金额须在 0 到 999999999999 之间" in str(MONEY.problem(Decimal("1e12")))


@pytest.mark.parametrize(
    ("text", "year"),
    [("2024", 2024), (" 1990 ", 1990), ("2100", 2100), ("1989", None), ("2101", None),
     ("0", None), ("-1", None), ("9" * 30, None), ("２０２４", None), ("", None), (None, None)],
)
def test_a_year_from_a_query_is_kept_only_within_the_range(text: object, year: int | None) -> None:
    assert year_from(text) == year


def test_a_year_outside_the_range_is_named() -> None:
    assert YEAR.problem(-1) == "年度须在 1990 到 2100 之间，收到 -1。"


def test_long_numbers_are_refused_with_their_length() -> None:
    assert digits_problem("9" * 5000) == "数值中的数字过长（5000 位），最多 30 位。"
    assert digits_problem("不少于300户次，2023年12月31日前") is None
    assert longest_digit_run("12a３４５b") == 3
    assert short_number(Decimal("9" * 40)) == "1E+40"
    assert short_number(Decimal("0." + "1" * 30)) == "0.111111111111111111…（共 30 位）"
