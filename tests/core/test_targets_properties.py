"""Generated target expressions read back to what generated them; random text never crashes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.targets import TargetError, find_targets, parse_target

UNITS = [
    "家",
    "批次",
    "次",
    "件",
    "个",
    "人次",
    "元/批次",
    "元/人/天",
    "个工作日",
    "%",
    "项",
    "户",
]
OPS = {
    "不少于": ">=",
    "至少": ">=",
    "≥": ">=",
    "不超过": "<=",
    "≤": "<=",
    "大于": ">",
    "低于": "<",
    "": "=",
}
AMOUNTS = st.decimals(
    min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)


def _written(value: Decimal) -> str:
    return format(value.normalize(), "f")


@given(amount=AMOUNTS, unit=st.sampled_from(UNITS), word=st.sampled_from(sorted(OPS)))
@settings(max_examples=300)
def test_a_generated_target_reads_back_to_its_operator_value_and_unit(amount, unit, word):
    [target] = parse_target(f"{word}{_written(amount)}{unit}")
    assert (target.op, target.value, target.unit) == (OPS[word], amount, unit)


@given(amount=AMOUNTS, unit=st.sampled_from(["元", "批次", "条", "元/个"]), spaced=st.booleans())
@settings(max_examples=200)
def test_wan_and_yi_are_folded_into_the_value(amount, unit, spaced):
    gap = " " if spaced else ""
    [wan] = parse_target(f"{_written(amount)}{gap}万{unit}")
    [yi] = parse_target(f"≥{_written(amount)}亿{gap}{unit}")
    assert (wan.value, wan.unit) == (amount * 10000, unit)
    assert (yi.op, yi.value, yi.unit) == (">=", amount * 100000000, unit)


@given(
    low=st.integers(min_value=0, max_value=999),
    span=st.integers(min_value=0, max_value=999),
    unit=st.sampled_from(UNITS[:-2]),
)
def test_a_generated_range_reads_back_to_its_bounds(low, span, unit):
    [target] = parse_target(f"{low}-{low + span}{unit}")
    assert (target.op, target.value, target.upper, target.unit) == (
        "between",
        low,
        low + span,
        unit,
    )


@given(
    year=st.integers(min_value=2000, max_value=2099),
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=28),
    tail=st.sampled_from(["前", "之前", "以前", "前完成"]),
)
def test_a_generated_deadline_reads_back_to_its_date(year, month, day, tail):
    [target] = parse_target(f"{year}年{month}月{day}日{tail}")
    assert (target.op, target.date) == ("by_date", f"{year}-{month:02d}-{day:02d}")


@given(st.text(max_size=200))
@settings(max_examples=500)
def test_random_text_never_raises_anything_but_the_modules_own_error(text):
    try:
        targets = parse_target(text) + [t for t, _ in find_targets(text)]
    except TargetError:
        return
    assert all(
        t.op in {">=", ">", "<=", "<", "=", "between", "by_date", "qualitative"} for t in targets
    )


@given(
    st.text(
        alphabet="不少于至多以上内万亿元%-～０１２３４５６７８９0123456789.年月日前个家（）()，、 ",
        max_size=60,
    )
)
@settings(max_examples=500)
def test_random_target_like_text_never_crashes(text):
    try:
        targets = parse_target(text)
    except TargetError as exc:  # a number of more digits than any amount: said in Chinese
        assert "位" in str(exc)
        return
    for target in targets:
        assert target.op != "between" or target.value <= target.upper
