"""The same indicator across units: folded names, base units, dimensions, suggestions."""

from __future__ import annotations

import pytest

from jixiao.core.library import dimension_of, match_key, normalise_name, suggest_matches


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("1.监督抽查食品经营企业户次", "监督抽查食品经营企业户次"),
        ("（一）监督抽查 食品经营企业户次", "监督抽查食品经营企业户次"),
        ("监督抽查食品经营企业（户次）", "监督抽查食品经营企业"),
        ("“双随机”抽查覆盖率", "双随机抽查覆盖率"),
        ("3、投诉举报按时办结率。", "投诉举报按时办结率"),
    ],
)
def test_names_fold_numbering_brackets_spaces_and_punctuation(written: str, folded: str) -> None:
    assert normalise_name(written) == folded


def test_money_in_yuan_and_wan_yuan_is_the_same_unit() -> None:
    a = match_key("办公经费", "万元", ["产出指标", "成本指标"])
    b = match_key("办公经费", "元", ["产出指标", "成本指标"])
    assert a == b


def test_the_same_words_under_another_dimension_are_another_indicator() -> None:
    count = match_key("检验检测", "批次", ["产出指标", "数量指标"])
    timely = match_key("检验检测", "批次", ["产出指标", "时效指标"])
    assert count != timely
    assert suggest_matches(count, [timely]) == []


def test_satisfaction_is_recognised_before_benefit() -> None:
    assert dimension_of(["效益指标", "服务对象满意度指标"], "群众满意度") == "满意度"
    assert dimension_of(["效益指标", "社会效益指标"], "投诉办结率") == "效益"
    assert dimension_of(["一、优化营商环境"], "新增市场主体") == ""


def test_near_names_are_suggested_best_first_with_a_reason() -> None:
    offered = match_key("监督抽查食品经营企业户次", "户次", ["产出指标", "数量指标"])
    entries = [
        match_key("药品抽检批次", "批次", ["产出指标", "数量指标"]),
        match_key("监督抽查食品经营企业的户次", "户次", ["产出指标", "数量指标"]),
        match_key("监督抽查食品经营企业户次", "户次", ["产出指标", "数量指标"]),
    ]
    found = suggest_matches(offered, entries)
    assert [s.index for s in found] == [2, 1]
    assert found[0].reason == "名称、计量单位和指标类别均相同"
    assert "名称相似度" in found[1].reason


def test_a_very_long_name_is_cut_and_still_keyed() -> None:
    key = match_key("抽查" * 50_000, "户次")
    assert len(key.name) == 200
    assert len(key.text()) <= 255
