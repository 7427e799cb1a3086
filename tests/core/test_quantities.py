"""Numbers as written by the bureaus: Chinese numerals, 万/亿, full width, unit conversion."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.quantities import chinese_to_int, convert, normalize, split_multiplier, to_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二百零五", 205),
        ("一千二百", 1200),
        ("两", 2),
        ("二〇二三", 2023),
    ],
)
def test_chinese_numerals_are_read(text, value):
    assert chinese_to_int(text) == value


def test_a_word_that_is_not_a_numeral_reads_as_none():
    assert chinese_to_int("万台") is None


@pytest.mark.parametrize(
    ("number", "multiplier", "value"),
    [
        ("19.44", "万", "194400"),
        ("45", "亿", "4500000000"),
        ("12000", "万", "120000000"),
        ("33,085.00", None, "33085"),
    ],
)
def test_multipliers_are_folded_without_exponent_noise(number, multiplier, value):
    assert str(to_decimal(number, multiplier)) == value


def test_full_width_forms_and_spaces_are_folded():
    assert normalize("≥ １９．４４万 批次（次）") == "≥19.44万批次(次)"
    assert normalize("百分之九十") == "九十%"


@pytest.mark.parametrize(
    ("value", "unit", "to_unit", "result"),
    [
        ("3", "万元", "元", "30000"),
        ("0.5", "亿元", "万元", "5000"),
        ("120", "万条", "条", "1200000"),
        ("5", "元", "元", "5"),
    ],
)
def test_money_and_count_units_convert_through_wan_and_yi(value, unit, to_unit, result):
    assert convert(Decimal(value), unit, to_unit) == Decimal(result)


def test_units_of_different_kinds_do_not_convert():
    assert convert(Decimal(3), "万元", "家") is None
    assert split_multiplier("家") == (Decimal(1), "家")
