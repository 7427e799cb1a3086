"""Expert draws respect 回避 and replay from their seed; sheets combine by the province's rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.panels import (
    MEAN,
    TRIMMED,
    Candidate,
    PanelError,
    PanelRule,
    combine_scores,
    combine_sheets,
    draw_experts,
    replay,
)

D = Decimal
COUNTY = (23, "乙县市场监督管理局")


def pool() -> list[Candidate]:
    law = frozenset({"财务", "法律"})
    return [
        Candidate(1, "张一", frozenset({"财务"})),
        Candidate(2, "李二", law, frozenset({23, 5, 1}), ("乙县局", "甲市局", "省局")),
        Candidate(3, "王三", frozenset({"财务"})),
        Candidate(4, "赵四", frozenset({"食品"})),
        Candidate(5, "钱五", law),
        Candidate(6, "孙六", frozenset({"财务"}), frozenset({5, 1})),
    ]


def test_a_draw_excludes_an_expert_whose_own_unit_is_the_one_scored_and_says_why() -> None:
    draw = draw_experts(pool(), "财务", 2, COUNTY, seed=7)
    assert 2 not in draw.eligible and 4 not in draw.eligible
    assert [e.id for e in draw.excluded] == [2]
    assert "须回避「乙县市场监督管理局」" in draw.excluded[0].reason
    assert set(draw.drawn) <= set(draw.eligible) and len(set(draw.drawn)) == 2


def test_an_expert_at_a_unit_below_may_score_the_unit_above_only_if_not_in_their_chain() -> None:
    draw = draw_experts(pool(), "财务", 4, COUNTY, seed=1)
    assert 6 in draw.eligible  # 孙六 avoids the city and province, not the county


def test_the_same_seed_and_candidates_give_the_same_draw_again() -> None:
    first = draw_experts(pool(), "财务", 2, COUNTY, seed=20261207)
    again = draw_experts(list(reversed(pool())), "财务", 2, COUNTY, seed=20261207)
    assert first == again
    assert replay(first) == first.drawn
    seen = {draw_experts(pool(), "财务", 2, COUNTY, seed=s).drawn for s in range(40)}
    assert len(seen) > 1  # the seed really decides


def test_too_few_eligible_experts_is_refused_in_chinese() -> None:
    with pytest.raises(PanelError, match="回避后只有4位专家可抽取，不足5位"):
        draw_experts(pool(), "财务", 5, COUNTY, seed=1)
    with pytest.raises(PanelError, match="抽取人数须为正整数"):
        draw_experts(pool(), "财务", 0, COUNTY, seed=1)


@pytest.mark.parametrize(
    ("points", "method", "combined", "words"),
    [
        (["8", "9", "10"], MEAN, "9.00", "3位专家评分：8、9、10；取平均，得9分"),
        (["6", "8", "9", "10"], TRIMMED, "8.50", "去掉一个最高分10和一个最低分6后平均，得8.5分"),
        (["8", "9"], TRIMMED, "8.50", "不足3位专家，不去最高最低分，取平均"),
        (["7", "8", "8"], MEAN, "7.67", "得7.67分"),
    ],
)
def test_scores_combine_by_mean_or_trimmed_mean(
    points: list[str], method: str, combined: str, words: str
) -> None:
    result = combine_scores([D(p) for p in points], D(10), PanelRule(method))
    assert result.points == D(combined)
    assert words in result.explanation


def test_a_spread_above_the_share_of_the_weight_is_flagged_with_the_threshold_explained() -> None:
    calm = combine_scores([D(8), D(10)], D(10))
    assert not calm.disagreement and calm.warning == ""
    wide = combine_scores([D(5), D(9), D(10)], D(10), PanelRule(MEAN, D(30)))
    assert wide.disagreement and wide.spread == D(5)
    assert "极差5分" in wide.warning and "超过分值10分的30%（3分）" in wide.warning


def test_out_of_range_points_and_bad_rules_are_refused() -> None:
    with pytest.raises(PanelError, match="须在0～10分之间"):
        combine_scores([D(11)], D(10))
    with pytest.raises(PanelError, match="没有专家评分"):
        combine_scores([], D(10))
    with pytest.raises(PanelError, match="分歧阈值"):
        PanelRule(MEAN, D(0))
    with pytest.raises(PanelError, match="未知的专家评分合成方法"):
        PanelRule("median")


def test_whole_sheets_combine_per_indicator_and_a_gap_names_the_expert() -> None:
    weights = {"抽检": D(10), "满意度": D(5)}
    sheets = {"张一": {"抽检": D(8), "满意度": D(5)}, "王三": {"抽检": D(10), "满意度": D(1)}}
    result = combine_sheets(sheets, weights)
    assert result.rows["抽检"].points == D(9) and result.totals == {"张一": D(13), "王三": D(11)}
    assert result.warnings == [f"「满意度」{result.rows['满意度'].warning}"]
    sheets["王三"].pop("满意度")
    with pytest.raises(PanelError, match="王三的评分表未给「满意度」打分"):
        combine_sheets(sheets, weights)
