"""A province's scoring variants (#19 item 4) run inside the one definition of a score."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.scoring import score_document
from jixiao.core.scoring.policy import (
    DEFAULT_POLICY,
    PolicyError,
    apply_policy,
    basis_from_data,
    deviation_reach,
    policy_from_data,
)

from .builders import actual, document, fund_block, indicator, target

#: The variants issue #19 quotes from provincial manuals.
MANUAL = {
    "caps": [
        {"rate": "执行率", "at_least": 70, "below": 80, "cap": 89},
        {"rate": "执行率", "below": 50, "cap": 59},
    ],
    "deviation": {"threshold": 130, "points": 2, "reason_required": True},
    "basis": "省财政厅绩效自评操作手册",
}


def _doc(spent: str, result: str = "100", reason: str | None = None):
    """90 points of indicators (one count target of 100) and a 10-point fund block."""
    rows = [
        indicator(
            "培训人次",
            "45",
            None,
            id="a",
            targets=(target(">=", "100", "人次"),),
            actual=actual(f"{result}人次", target("=", result, "人次")),
            deviation=reason,
        ),
        indicator(
            "检查户次",
            "45",
            None,
            id="b",
            targets=(target(">=", "50", "户"),),
            actual=actual("50户", target("=", "50", "户")),
        ),
    ]
    block = fund_block(("年度资金总额", "100", "100", spent, None), weight="10", score=None)
    return document(indicators=rows, budget=block)


def test_without_a_policy_the_ministry_rules_hold():
    sheet = score_document(_doc("75"))
    assert sheet.recomputed_total == D("97.50")  # 90 + 7.5 for 执行率 75%
    assert sheet.grade == "优"
    assert sheet.rulings == []


def test_an_execution_rate_of_70_to_80_caps_the_total_at_89_and_says_why():
    policy = policy_from_data(MANUAL)
    sheet = score_document(_doc("75"), policy)
    assert sheet.recomputed_total == D("89.00")
    assert sheet.grade == "良"
    cap = next(r for r in sheet.rulings if r.rule == "score.cap")
    assert "执行率75%" in cap.message and "总分最高89分" in cap.message
    assert "97.5分封顶为89分" in cap.message
    assert any("封顶" in note for note in sheet.notes)


def test_below_50_caps_at_59_and_between_the_bands_nothing_is_capped():
    policy = policy_from_data(MANUAL)
    assert score_document(_doc("40"), policy).recomputed_total == D("59.00")
    middle = score_document(_doc("60"), policy)
    assert middle.recomputed_total == D("96.00")
    assert not middle.rulings


def test_a_result_at_130_percent_loses_2_points_and_needs_a_reason():
    policy = policy_from_data(MANUAL)
    sheet = score_document(_doc("100", result="140"), policy)
    assert sheet.deductions == {"a": D(2)}
    assert sheet.recomputed_total == D("98.00")
    codes = [r.rule for r in sheet.rulings]
    assert codes == ["score.deviation", "score.deviation_reason"]
    assert "目标值的140%" in sheet.rulings[0].message
    with_reason = score_document(_doc("100", "140", reason="上年基数低，超计划较大"), policy)
    assert [r.rule for r in with_reason.rulings] == ["score.deviation"]


def test_a_result_below_the_threshold_is_no_deviation():
    sheet = score_document(_doc("100", result="129"), policy_from_data(MANUAL))
    assert sheet.deductions == {}
    assert sheet.recomputed_total == D("100.00")


def test_grade_boundaries_and_partial_credit_bands_are_data():
    policy = policy_from_data(
        {
            "bands": [
                {"grade": "优", "minimum": 95},
                {"grade": "良", "minimum": 80},
                {"grade": "差", "minimum": 0},
            ],
            "qualitative": {"达成年度指标": 90, "部分达成年度指标并具有一定效果": 50},
        }
    )
    assert score_document(_doc("75"), policy).grade == "优"  # 97.5
    assert score_document(_doc("40"), policy).grade == "良"  # 90 + 4 = 94 < 95
    assert score_document(_doc("40")).grade == "优"  # the ministry's 优 starts at 90
    partial = indicator(
        "群众满意",
        "10",
        None,
        nature="定性",
        targets=(target("qualitative", raw="基本满意"),),
        actual=actual("部分达成，效果一般"),
    )
    ministry = score_document(document(indicators=[partial]))
    province = score_document(document(indicators=[partial]), policy)
    assert ministry.rows[0].recomputed == D("8.00")  # the top of 60%–80%
    assert province.rows[0].recomputed == D("9.00")  # the top of 50%–90%


def test_the_policy_stage_reruns_on_the_basis_alone():
    """A what-if re-applies the policy to the stored basis: same total as a full re-score."""
    doc = _doc("75", result="140")
    before = score_document(doc)
    stored = basis_from_data(before.basis.to_data())
    policy = policy_from_data(MANUAL)
    after = apply_policy(stored, policy)
    assert after.total == score_document(doc, policy).recomputed_total
    assert after.grade == score_document(doc, policy).grade
    assert apply_policy(stored, DEFAULT_POLICY).total == before.recomputed_total


@pytest.mark.parametrize("result", ["101", "128.9", "129.99", "130", "130.01", "140"])
def test_a_basis_read_for_a_what_if_leaves_out_only_overshoots_no_rule_reaches(result: str):
    """Reading only the overshoots a deviation rule can reach gives the same outcome."""
    doc = _doc("75", result=result)
    data = score_document(doc).basis.to_data()
    policy = policy_from_data(MANUAL)
    reach = deviation_reach(DEFAULT_POLICY, policy)
    assert reach is not None and deviation_reach(DEFAULT_POLICY) is None
    full, read = basis_from_data(data), basis_from_data(data, reach)
    assert full.overshoots and len(read.overshoots) == (D(result) >= 129)
    assert apply_policy(read, policy) == apply_policy(full, policy)
    assert basis_from_data(data, None).overshoots == []


def test_a_policy_survives_its_own_json():
    policy = policy_from_data(MANUAL)
    assert policy_from_data(policy.to_data()) == policy
    assert policy_from_data({}) == DEFAULT_POLICY


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"caps": [{"rate": "执行率", "below": 80, "cap": 189}]}, "封顶规则第1条「最高分」"),
        ({"caps": [{"rate": "完成率", "below": 80, "cap": 89}]}, "比率须为执行率或到位率"),
        (
            {"caps": [{"rate": "执行率", "at_least": 80, "below": 70, "cap": 89}]},
            "「不低于」80%须小于「低于」70%",
        ),
        ({"caps": [{"rate": "执行率", "below": "八十", "cap": 89}]}, "「八十」不是数"),
        ({"deviation": {"threshold": 90, "points": 2}}, "指标偏离「达到目标值的%」"),
        ({"bands": [{"grade": "优", "minimum": 90}, {"grade": "差", "minimum": 10}]}, "须为0"),
        ({"bands": [{"grade": "优", "minimum": 90}, {"grade": "优", "minimum": 0}]}, "名称重复"),
        ({"qualitative": {"达成年度指标": 50, "部分达成年度指标并具有一定效果": 60}}, "须高于"),
        ({"caps": [{"below": 80, "cap": 89}] * 11}, "最多10条"),
        ({"basis": "依" * 501}, "最多500字"),
        ([1, 2], "须为一个对象"),
    ],
)
def test_bad_policies_are_refused_in_chinese_saying_where(data, words):
    with pytest.raises(PolicyError, match=words):
        policy_from_data(data)
