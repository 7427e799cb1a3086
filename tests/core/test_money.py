from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.money import (
    arrival_rate,
    execution_rate,
    quantize,
    round_half_up,
    same_when_rounded,
    tolerance,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("9.555"), 2, D("9.56")),
        (D("2.675"), 2, D("2.68")),  # banker's rounding would give 2.67
        (D("0.125"), 2, D("0.13")),
        (D("95.5432"), 2, D("95.54")),
        (D("-1.005"), 2, D("-1.01")),
        (D("4.5"), 0, D("5")),
    ],
)
def test_round_half_up_rounds_fives_up_as_the_documents_do(value, places, expected):
    assert round_half_up(value, places) == expected
    assert quantize(value, places) == expected


def test_execution_rate_is_spent_over_available_in_percent():
    assert round_half_up(execution_rate(D("31610.23"), D("33085.00"))) == D("95.54")
    assert round_half_up(execution_rate(D("74.52"), D("91.71"))) == D("81.26")


def test_arrival_rate_of_fully_arrived_money_is_100():
    assert arrival_rate(D("35014.75"), D("35014.75")) == D(100)


@pytest.mark.parametrize(("part", "whole"), [(D(5), D(0)), (None, D(3)), (D(1), None)])
def test_rates_without_a_base_or_a_figure_are_none_rather_than_an_error(part, whole):
    assert execution_rate(part, whole) is None


def test_tolerance_is_half_a_unit_of_the_last_printed_decimal():
    assert tolerance(D("0.27")) == D("0.005")
    assert tolerance(D("10")) == D("0.5")
    assert tolerance(D("95.5")) == D("0.05")


def test_a_weight_of_20_over_74_printed_as_0_27_is_the_same_when_rounded():
    assert same_when_rounded(D("0.27"), D(20) / D(74))
    assert not same_when_rounded(D("0.27"), D("0.30"))
