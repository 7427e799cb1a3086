from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.incentives import (
    FIXED,
    SCORE_SHARE,
    Candidate,
    IncentiveError,
    IncentiveRule,
    allocate_pool,
    yuan_from_wan,
)

HUNAN = IncentiveRule(
    method=FIXED, amounts=(("city", D(1_000_000)), ("county", D(500_000))), listed_only=True
)


def _units():
    return [
        Candidate("1", "甲市", "city", D(92), listed=True),
        Candidate("2", "乙县", "county", D(88), listed=True),
        Candidate("3", "丙县", "county", D(95), listed=False),
        Candidate("4", "丁区", "county", D(70), listed=True),
    ]


def test_fixed_amounts_per_level_pay_100_wan_per_city_and_50_wan_per_county():
    table = allocate_pool(D(3_000_000), _units(), HUNAN)
    paid = {s.name: s.amount for s in table.shares}
    assert paid == {"甲市": D(1_000_000), "乙县": D(500_000), "丙县": 0, "丁区": D(500_000)}
    assert table.allocated == D(2_000_000) and table.unallocated == D(1_000_000)
    assert next(s for s in table.shares if s.name == "丙县").reason == "未列入表扬激励名单"


def test_a_score_threshold_excludes_units_below_it_and_says_why():
    rule = IncentiveRule(FIXED, HUNAN.amounts, min_score=D(80), listed_only=True)
    table = allocate_pool(D(3_000_000), _units(), rule)
    low = next(s for s in table.shares if s.name == "丁区")
    assert (low.qualifies, low.amount, low.reason) == (False, 0, "得分70低于80分")


def test_fixed_amounts_over_the_pool_are_cut_pro_rata_to_whole_yuan():
    table = allocate_pool(D(1_000_001), _units(), HUNAN)
    assert table.allocated == D(1_000_001)
    assert all(s.amount == s.amount.to_integral_value() for s in table.shares)
    assert "按比例核减" in table.notes[0]


def test_fixed_amounts_over_the_pool_can_be_refused():
    rule = IncentiveRule(FIXED, HUNAN.amounts, listed_only=True, over_pool="refuse")
    with pytest.raises(IncentiveError, match="超过资金池"):
        allocate_pool(D(1_000_000), _units(), rule)


def test_score_shares_split_the_whole_pool_and_place_the_odd_yuan_deterministically():
    units = [Candidate(str(i), f"县{i}", "county", D(90)) for i in range(3)]
    table = allocate_pool(D(100), units, IncentiveRule(SCORE_SHARE))
    amounts = [s.amount for s in table.shares]
    assert amounts == [D(34), D(33), D(33)]
    again = allocate_pool(D(100), list(reversed(units)), IncentiveRule(SCORE_SHARE))
    assert {s.key: s.amount for s in again.shares} == {s.key: s.amount for s in table.shares}


def test_score_shares_follow_the_scores():
    units = [Candidate("a", "甲", "city", D(90)), Candidate("b", "乙", "city", D(60))]
    table = allocate_pool(D(6_150_000), units, IncentiveRule(SCORE_SHARE))
    assert [s.amount for s in table.shares] == [D(3_690_000), D(2_460_000)]


def test_score_shares_leave_unscored_units_out():
    units = [Candidate("a", "甲", "city", None), Candidate("b", "乙", "city", D(60))]
    table = allocate_pool(D(1000), units, IncentiveRule(SCORE_SHARE))
    assert [s.amount for s in table.shares] == [0, D(1000)]
    assert table.shares[0].reason.startswith("无评价得分")


def test_no_qualifying_unit_leaves_the_pool_unallocated():
    table = allocate_pool(D(1000), [], IncentiveRule(SCORE_SHARE))
    assert table.unallocated == D(1000) and table.notes


def test_the_rule_describes_itself_in_chinese():
    assert HUNAN.describe() == "按层级定额，每个市州100万元，每个县市区50万元，须列入表扬激励名单"


@pytest.mark.parametrize(
    ("text", "yuan"), [("100", D(1_000_000)), ("3,600万元", D(36_000_000)), ("0.5", D(5000))]
)
def test_amounts_typed_in_wan_become_yuan(text, yuan):
    assert yuan_from_wan(text) == yuan


@pytest.mark.parametrize("text", ["一百", "", "nan", "inf"])
def test_amounts_that_are_not_numbers_are_refused(text):
    with pytest.raises(IncentiveError):
        yuan_from_wan(text)


def test_a_negative_pool_is_refused():
    with pytest.raises(IncentiveError):
        allocate_pool(D(-1), [], HUNAN)
