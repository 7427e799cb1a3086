"""Totals against their parts at every level, and the form's own rules (notes, footnotes)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.checks.budget import check_budget
from jixiao.core.checks.weights import check_weights
from jixiao.core.documents import Figure

from .builders import document, fund_block, indicator


def _inds() -> list:
    """产出 50 (数量 30 + 质量 20), 效益 30, 满意度 10."""
    return [
        indicator("检查企业", "30", None, path=("产出指标", "数量指标"), id="1"),
        indicator("整改率", "20", None, path=("产出指标", "质量指标"), id="2"),
        indicator("安全状况", "30", None, path=("效益指标", "社会效益指标"), id="3"),
        indicator("满意度", "10", None, path=("满意度指标", "服务对象满意度"), id="4"),
    ]


def _fig(name: str, value: str, text: str = "") -> Figure:
    return Figure(name, D(value), text=text)


def test_consistent_headings_at_every_level_give_no_finding():
    doc = document(indicators=_inds(), budget=fund_block(("合计", "10", "10", "10", "100")))
    doc.figures = [
        _fig("分值:产出指标", "50"),
        _fig("分值:产出指标/数量指标", "30"),
        _fig("分值:产出指标/质量指标", "20"),
        _fig("标题分值:绩效指标", "90", "绩效指标(90分)"),
        _fig("标题分值:预算执行", "10", "预算执行情况(10分)"),
        _fig("合计:分值", "100"),
        _fig("规定分值:产出指标", "50"),
        _fig("规定分值:预算资金执行率", "10"),
    ]
    assert check_weights(doc) == []


def test_a_parent_heading_is_held_against_its_child_headings_and_each_child_against_its_rows():
    doc = document(indicators=_inds())
    doc.figures = [
        _fig("分值:产出指标", "60"),  # children say 30 + 20
        _fig("分值:产出指标/数量指标", "30"),
        _fig("分值:产出指标/质量指标", "25"),  # its one row says 20
    ]
    findings = {(f.where, f.expected, f.found) for f in check_weights(doc)}
    assert findings == {("产出指标", D(55), D(60)), ("产出指标 · 质量指标", D(20), D(25))}


def test_a_block_label_that_prints_more_points_than_its_levels_hold():
    doc = document(indicators=_inds(), budget=fund_block(("合计", "10", "10", "10", "100")))
    doc.figures = [
        _fig("分值:产出指标", "50"),
        _fig("标题分值:绩效指标", "80", "年度绩效目标(80分)"),
        _fig("标题分值:预算执行", "20", "预算执行情况(20分)"),
    ]
    found = {(f.rule, f.where, f.expected, f.found) for f in check_weights(doc)}
    assert found == {
        ("weights.level_sum", "年度绩效目标(80分)", D(90), D(80)),
        ("weights.level_sum", "预算执行情况(20分)", D(10), D(20)),
    }


def test_a_printed_total_of_100_over_parts_that_add_up_to_110():
    inds = [*_inds(), indicator("时效", "10", None, path=("产出指标", "时效指标"), id="5")]
    doc = document(indicators=inds, budget=fund_block(("合计", "10", "10", "10", "100")))
    doc.figures = [_fig("合计:分值", "100")]
    doc.totals = {"weight": D(110)}  # what the extractor sums; the printed 100 is what counts
    (finding,) = check_weights(doc)
    assert (finding.rule, finding.expected, finding.found) == ("weights.total", D(110), D(100))


def test_a_note_fixing_the_weights_against_the_table():
    doc = document(indicators=_inds(), budget=fund_block(("合计", "10", "10", "10", "100")))
    note = "一级指标分值为产出指标50分、效益指标40分、满意度指标10分、预算资金执行率20分"
    doc.figures = [
        _fig("规定分值:产出指标", "50", note),
        _fig("规定分值:效益指标", "40", note),
        _fig("规定分值:满意度指标", "10", note),
        _fig("规定分值:预算资金执行率", "20", note),
    ]
    found = {(f.rule, f.severity, f.where, f.expected, f.found) for f in check_weights(doc)}
    assert found == {
        ("weights.note", "error", "效益指标", D(40), D(30)),
        ("weights.note", "error", "预算资金执行率", D(20), D(10)),
    }


def test_a_mid_year_adjustment_without_a_reason_where_the_form_asks_for_one():
    budget = fund_block(("总额", "238.93", "251.89", "251.89", "100"))
    rule = Figure(
        "表注:预算调整须说明理由", None, text="年中发生预算调整的(追加或调减),应单独说明理由"
    )
    doc = document(budget=budget)
    assert check_budget(doc) == []  # no rule printed: nothing asked
    doc.figures = [rule]
    (finding,) = check_budget(doc)
    assert (finding.rule, finding.severity, finding.found) == (
        "budget.adjustment_reason",
        "warning",
        D("251.89"),
    )
    assert "年初预算238.93调整为251.89" in finding.message
    doc.figures = [rule, Figure("项目资金:原因/总额", None, text="年中追加人员经费")]
    assert check_budget(doc) == []


def test_child_headings_that_agree_keep_the_parent_s_rounding_note():
    # 20 ÷ 74 printed 0.27: 74 rows add up to 19.98 under a 二级 heading of 20, and the 一级
    # heading of 20 agrees with its one child heading: the rounding is still said, once per level
    inds = [indicator(f"指标{n}", "0.27", None, id=str(n)) for n in range(74)]
    doc = document(indicators=inds)
    doc.figures = [_fig("分值:产出指标", "20"), _fig("分值:产出指标/数量指标", "20")]
    found = [(f.rule, f.where) for f in check_weights(doc)]
    assert found == [("weights.rounded", "产出指标"), ("weights.rounded", "产出指标 · 数量指标")]


@pytest.mark.parametrize("kind", ["self_evaluation", "indicator_system"])
def test_the_weight_note_and_the_headings_in_every_kind_that_prints_weights(kind):
    doc = document(kind=kind, indicators=_inds())
    note = "一级指标分值为产出指标50分、效益指标30分、满意度指标20分"
    doc.figures = [
        _fig("分值:产出指标", "50"),
        _fig("分值:产出指标/数量指标", "35"),
        _fig("规定分值:满意度指标", "20", note),
    ]
    found = {(f.rule, f.where) for f in check_weights(doc)}
    assert found == {
        ("weights.level_sum", "产出指标"),  # 50 against 35 + 20
        ("weights.level_sum", "产出指标 · 数量指标"),  # 35 against its row's 30
        ("weights.note", "满意度指标"),  # 20 by the note, 10 in the table
    }


def _weighted_levels(l1: dict[str, str], l2: dict[str, str]) -> list[Figure]:
    """The 出入境 form: 一级 by 权重 (50/25/25), each 一级's 二级 分值 on a scale of its own."""
    return [_fig(f"一级指标权重:{k}", v, k) for k, v in l1.items()] + [
        _fig(f"分值:{k}", v) for k, v in l2.items()
    ]


LEVEL_ONE = {"预算绩效": "50", "项目产出": "25", "项目效果": "25"}
LEVEL_TWO = {"预算绩效/预算管理": "75", "预算绩效/财务管理": "25", "项目产出/产出数量": "20"}


def test_level_weights_that_make_100_give_no_finding_whatever_the_scale_of_their_children():
    doc = document(kind="indicator_system")
    doc.figures = _weighted_levels(LEVEL_ONE, LEVEL_TWO)
    assert check_weights(doc) == []


def test_level_weights_against_the_printed_total_or_else_100():
    doc = document(kind="indicator_system")
    doc.figures = _weighted_levels({**LEVEL_ONE, "项目效果": "35"}, LEVEL_TWO)
    found = [(f.rule, f.severity, f.where, f.expected, f.found) for f in check_weights(doc)]
    assert found == [("weights.total", "warning", "一级指标权重", D(100), D(110))]  # unprinted
    doc.figures.append(_fig("合计:分值", "100"))
    (total,) = check_weights(doc)
    assert total.severity == "error" and "总分值印为100" in total.message
