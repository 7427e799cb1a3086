"""Chinese numerals as the bureaus write them, 万 and 亿 inside, financial numerals, 点 fractions.

The table is written in the manner of cn2an's public test suite (one numeral per row, the
value a careful reader gives it); every row is also read through ``parse_target`` inside a
target, as a clerk would type it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.quantities import chinese_to_decimal, chinese_to_int
from jixiao.core.targets import parse_target

NUMERALS = [
    ("零", "0"),  # alone, not in a target: 零件 is "parts"
    ("一", "1"),
    ("十", "10"),
    ("十一", "11"),
    ("一十一", "11"),
    ("二十", "20"),
    ("九十九", "99"),
    ("一百", "100"),
    ("一百零一", "101"),
    ("一百零五", "105"),
    ("一百一十", "110"),
    ("一百一十一", "111"),
    ("两百", "200"),
    ("两千", "2000"),
    ("一千零一", "1001"),
    ("一千零十", "1010"),
    ("一千零一十一", "1011"),
    ("一千零十一", "1011"),
    ("一千一百零一", "1101"),
    ("一万", "10000"),
    ("三万五千", "35000"),
    ("一万零一", "10001"),
    ("一万零一百一十一", "10111"),
    ("一万零百一十一", "10111"),
    ("一万一千一百一十一", "11111"),
    ("十万", "100000"),
    ("十万零一", "100001"),
    ("一十一万一千一百一十一", "111111"),
    ("一百万零一", "1000001"),
    ("一千零一万零一", "10010001"),
    ("一千一百一十一万一千一百一十一", "11111111"),
    ("一亿", "100000000"),
    ("一亿零一", "100000001"),
    ("一亿零三百万", "103000000"),
    ("一亿一千一百一十一万一千一百一十一", "111111111"),
    ("一千亿一千万一千零一", "100010001001"),
    ("一千零一亿一千零一万一千零一", "100110011001"),
    ("一万亿", "1000000000000"),
    ("一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", "1111111111111111"),
    ("壹", "1"),
    ("拾", "10"),
    ("拾壹", "11"),
    ("壹佰壹拾壹", "111"),
    ("壹仟壹佰壹拾壹", "1111"),
    ("壹万壹仟壹佰壹拾壹", "11111"),
    ("壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹", "1111111111"),
    ("贰佰叁拾肆万伍仟陆佰柒拾捌", "2345678"),
    ("玖仟捌佰柒拾陆", "9876"),
    ("壹佰万", "1000000"),
    ("三点五", "3.5"),
    ("零点五", "0.5"),
    ("零点零五", "0.05"),
    ("十二点三四", "12.34"),
    ("一千二", "1200"),
    ("三万五", "35000"),
    ("二〇二三", "2023"),
    ("廿三", "23"),
]


@pytest.mark.parametrize(("text", "value"), NUMERALS)
def test_each_numeral_of_the_table_is_read(text, value):
    assert chinese_to_decimal(text) == Decimal(value)


@pytest.mark.parametrize(("text", "value"), [row for row in NUMERALS if row[0] != "零"])
def test_each_numeral_reads_the_same_inside_a_target(text, value):
    [found] = parse_target(f"不少于{text}件")
    assert (found.op, found.value, found.unit) == (">=", Decimal(value), "件")


@pytest.mark.parametrize("text", ["万", "十百", "万万", "一亿二亿", "点五", "三点", "一二十", "五百六百"])
def test_what_is_not_one_numeral_reads_as_none(text):
    assert chinese_to_decimal(text) is None


def test_a_fraction_is_not_a_whole_number():
    assert chinese_to_int("三点五") is None
    assert chinese_to_int("一万一千一百一十一") == 11111


@pytest.mark.parametrize(
    ("text", "op", "value", "unit"),
    [
        ("不少于一万一千一百一十一件", ">=", "11111", "件"),
        ("人民币壹佰万元整", "=", "1000000", "元"),
        ("壹拾壹元整", "=", "11", "元"),
        ("百分之五十", "=", "50", "%"),
        ("百分之三点五以上", ">=", "3.5", "%"),
        ("三点五万元", "=", "35000", "元"),
        ("不超过一千二百万元", "<=", "12000000", "元"),
        ("两千家以上", ">=", "2000", "家"),
    ],
)
def test_numerals_in_targets_as_typed(text, op, value, unit):
    [found] = parse_target(text)
    assert (found.op, found.value, found.unit) == (op, Decimal(value), unit)


def test_wan_as_a_word_is_not_a_number():
    """万一 (in case) and 千万 (by all means) are words; they hold no quantity."""
    assert [t.op for t in parse_target("万一发生事故，千万及时上报")] == ["qualitative"]
