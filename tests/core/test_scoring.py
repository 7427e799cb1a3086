from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.scoring import score_document, score_indicator
from jixiao.core.scoring.grades import MOF_BANDS, GradeBand, bands_from_data, grade_for

from .builders import actual, document, fund_block, indicator, target


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (D(100), "优"),
        (D(90), "优"),
        (D("89.99"), "良"),
        (D(80), "良"),
        (D("79.9"), "中"),
        (D(60), "中"),
        (D("59.99"), "差"),
        (D(0), "差"),
    ],
)
def test_grades_follow_the_finance_ministry_bands(total, grade):
    assert grade_for(total) == grade


def test_grade_bands_are_data_a_province_can_replace():
    local = bands_from_data(
        [
            {"grade": "优", "minimum": 80},
            {"grade": "良", "minimum": 70},
            {"grade": "中", "minimum": 60},
            {"grade": "差", "minimum": 0},
        ]
    )
    assert grade_for(D(85), local) == "优"
    assert grade_for(D(85), MOF_BANDS) == "良"
    assert grade_for(None) is None
    assert grade_for(D(-5), (GradeBand("合格", D(0)),)) == "合格"


def _scored(ind):
    row = score_indicator(ind)
    return row.result.rule, row.recomputed


def test_a_count_target_met_scores_full_by_proportion_capped():
    ind = indicator(
        "监督抽查",
        "0.27",
        "0.27",
        targets=(target(">=", "160", "户次"),),
        actual=actual("165户次", target("=", "165", "户次")),
    )
    assert _scored(ind) == ("proportional", D("0.27"))


def test_a_missed_count_target_scores_its_share():
    ind = indicator(
        "舆情监测",
        "0.27",
        "0",
        targets=(target(">=", "3", "期"),),
        actual=actual("1期", target("=", "1", "期")),
    )
    assert _scored(ind) == ("proportional", D("0.09"))


def test_an_equals_count_is_all_or_nothing_and_overshoot_is_no_failure():
    hit = indicator(
        "应急演练",
        "0.27",
        "0.27",
        targets=(target("=", "7", "次"),),
        actual=actual("9 次", target("=", "9", "次")),
    )
    miss = indicator(
        "应急演练",
        "0.27",
        "0.27",
        targets=(target("=", "7", "次"),),
        actual=actual("6 次", target("=", "6", "次")),
    )
    assert _scored(hit) == ("all_or_nothing", D("0.27"))
    assert _scored(miss) == ("all_or_nothing", D(0))


def test_an_equals_rate_is_scored_proportionally():
    ind = indicator(
        "覆盖率",
        "2",
        "2",
        targets=(target("=", "100", "%"),),
        actual=actual("95%", target("=", "95", "%")),
    )
    assert _scored(ind) == ("proportional", D("1.9"))


def test_reverse_indicators_score_target_over_actual():
    cost = indicator(
        "抽检成本",
        "0.42",
        "0.42",
        targets=(target("<=", "2500", "元/批次"),),
        actual=actual("平均1588元/批次", target("=", "1588", "元/批次")),
    )
    over = indicator(
        "抽检成本",
        "1",
        "1",
        targets=(target("<=", "2000", "元/批次"),),
        actual=actual("2500元/批次", target("=", "2500", "元/批次")),
    )
    assert _scored(cost) == ("proportional", D("0.42"))
    assert _scored(over) == ("proportional", D("0.8"))


def test_a_zero_target_is_met_only_by_zero():
    zero = indicator(
        "事故次数",
        "0.91",
        "0.91",
        targets=(target("=", "0", "次"),),
        actual=actual("0次", target("=", "0", "次")),
    )
    one = indicator(
        "事故次数",
        "0.91",
        "0.91",
        targets=(target("=", "0", "次"),),
        actual=actual("1次", target("=", "1", "次")),
    )
    assert _scored(zero)[1] == D("0.91")
    assert _scored(one)[1] == D(0)


def test_deadlines_compare_dates():
    due = target("by_date", None, raw="2023 年 12 月 31 日前", date="2023-12-31")
    early = indicator(
        "抽检任务完成时间",
        "0.67",
        "0.67",
        targets=(due,),
        actual=actual("2023 年 11 月 30 日完成", target("by_date", None, date="2023-11-30")),
    )
    late = indicator(
        "抽检任务完成时间",
        "0.67",
        "0.67",
        targets=(due,),
        actual=actual("2024 年 1 月 15 日完成", target("by_date", None, date="2024-01-15")),
    )
    assert _scored(early) == ("all_or_nothing", D("0.67"))
    assert _scored(late) == ("all_or_nothing", D(0))


def test_a_result_that_repeats_the_target_words_is_met():
    ind = indicator(
        "响应及时性",
        "0.19",
        "0.19",
        targets=(target("<=", "2", "小时", raw="≤2 小时"),),
        actual=actual("≤2 小时"),
    )
    assert _scored(ind) == ("all_or_nothing", D("0.19"))


def test_qualitative_results_fall_in_bands():
    good = indicator(
        "普法效果",
        "0.19",
        "0.19",
        nature="定性",
        targets=(target("qualitative", raw="良好以上"),),
        actual=actual("优秀，已完成"),
    )
    part = indicator(
        "普法效果",
        "1",
        "0.7",
        nature="定性",
        targets=(target("qualitative", raw="良好以上"),),
        actual=actual("部分完成"),
    )
    assert _scored(good) == ("bands", D("0.19"))
    assert _scored(part) == ("bands", D("0.7"))


def test_a_qualitative_result_in_unknown_words_keeps_its_printed_score():
    ind = indicator(
        "协调发展",
        "3.33",
        "3.33",
        nature="定性",
        targets=(target("qualitative", raw="明显增强"),),
        actual=actual("有所增强"),
    )
    rule, points = _scored(ind)
    assert (rule, points) == ("bands", D("3.33"))
    assert score_indicator(ind).result.points is None


def test_several_numbers_in_one_target_must_all_be_reached():
    targets = (target("=", "6", "个"), target("=", "12", "个"), target("=", "40", "个"))
    hit = indicator(
        "获评先进数量",
        "0.27",
        "0.27",
        targets=targets,
        actual=actual(
            "6个、12个、41个",
            target("=", "6", "个"),
            target("=", "12", "个"),
            target("=", "41", "个"),
        ),
    )
    miss = indicator(
        "获评先进数量",
        "0.27",
        "0.27",
        targets=targets,
        actual=actual(
            "6个、11个、40个",
            target("=", "6", "个"),
            target("=", "11", "个"),
            target("=", "40", "个"),
        ),
    )
    assert _scored(hit)[1] == D("0.27")
    assert _scored(miss)[1] == D(0)


def test_without_an_actual_a_full_score_reads_as_met_and_anything_else_is_kept_as_printed():
    full = indicator("抽检批次", "2", "2", targets=(target(">=", "4500", "批次"),))
    part = indicator("抽检批次", "2", "1.5", targets=(target(">=", "4500", "批次"),))
    assert _scored(full) == ("all_or_nothing", D(2))
    assert "未印实际完成值" in score_indicator(full).result.explanation
    assert _scored(part) == ("as_printed", D("1.5"))


def _self_evaluation(budget_score="9", total=99):
    inds = [
        indicator(
            "甲",
            "45",
            "45",
            id="1",
            targets=(target(">=", "10", "家"),),
            actual=actual("12家", target("=", "12", "家")),
        ),
        indicator(
            "乙",
            "45",
            "45",
            id="2",
            path=("效益指标", "社会效益"),
            targets=(target(">=", "90", "%"),),
            actual=actual("90%", target("=", "90", "%")),
        ),
    ]
    budget = fund_block(("合计", None, "100", "100", "100"), score=budget_score)
    return document(
        indicators=inds, budget=budget, totals={"weight": 100, "reported_score": total}
    )


def test_a_consistent_sheet_has_no_differences_and_a_grade():
    sheet = score_document(_self_evaluation(budget_score="10", total=100))
    data = sheet.to_dict()
    assert (data["reported_total"], data["recomputed_total"], data["grade"]) == (100, 100, "优")
    assert data["levels"] == {"产出指标": 45, "效益指标": 45}
    assert data["differences"] == []
    assert data["indicators"][0]["trace"]["explanation"]


def test_a_wrong_budget_score_is_a_difference_that_explains_the_total():
    data = score_document(_self_evaluation()).to_dict()
    assert [d["rule"] for d in data["differences"]] == ["score.budget", "score.total"]
    total = data["differences"][1]
    assert (total["expected"], total["found"]) == (100, 99)
    assert "项目资金 · 预算执行率 9→10" in total["message"]


def test_a_wrong_indicator_score_is_a_difference_with_the_rule_explanation():
    doc = _self_evaluation(budget_score="10", total=100)
    doc.indicators[0].actual = actual("5家", target("=", "5", "家"))
    (row, total) = score_document(doc).differences
    assert row.rule == "score.recomputed"
    assert (row.expected, row.found) == (D("22.5"), D(45))
    assert "实际5÷目标10×分值45" in row.message
    assert total.expected == D("77.5")


def test_a_total_the_reader_added_up_is_not_called_printed():
    doc = _self_evaluation()
    doc.totals["reported_score_summed"] = True  # no 合计 row: 45 + 45 + 9 added by the reader
    total = score_document(doc).differences[-1]
    assert total.rule == "score.total" and (total.expected, total.found) == (100, 99)
    assert total.message.startswith("各项得分合计为99，复核为100")
    assert "印为99" not in total.message


def test_a_total_over_scores_printed_without_weights_says_they_were_not_recomputed():
    doc = _self_evaluation(budget_score="10", total=100)
    doc.indicators[1].weight = None  # a form with no 分值 column: the score alone is printed
    total = score_document(doc).differences[-1]
    assert total.rule == "score.total"
    assert "1项指标印有得分而未印分值，未计入复核" in total.message
    assert "复核无误" not in total.message


def test_an_indicator_that_does_not_apply_is_dropped_and_the_total_rebased():
    doc = _self_evaluation(budget_score="10", total=100)
    doc.indicators[1].actual = actual("不适用")
    doc.indicators[0].actual = actual("9家", target("=", "9", "家"))
    sheet = score_document(doc)
    # (40.5 + 10) / (45 + 10) × 100
    assert sheet.recomputed_total == D("91.82")
    assert not sheet.rows[1].applicable


def test_a_printed_grade_that_does_not_fit_the_printed_total_is_an_error():
    doc = _self_evaluation(budget_score="10", total=100)
    doc.totals["grade"] = "良"
    (finding,) = score_document(doc).differences
    assert (finding.rule, finding.severity, finding.expected) == ("grade.mismatch", "error", "优")


def test_a_document_without_weights_gives_an_empty_sheet():
    doc = document(kind="work_goals", indicators=[indicator("目标", None, None)])
    data = score_document(doc).to_dict()
    assert data["recomputed_total"] is None
    assert data["levels"] == {}
    assert data["differences"] == []


def _targets_only():
    """A 绩效目标表: weighted targets, no 实际完成值, no 得分, no fund block."""
    inds = [
        indicator("抽检批次", "60", None, id="1", targets=(target(">=", "470", "批次"),)),
        indicator(
            "群众满意度",
            "40",
            None,
            id="2",
            path=("满意度指标", "服务对象满意度指标"),
            targets=(target("qualitative", raw="高中低"),),
        ),
    ]
    return document(indicators=inds, totals={"weight": 100})


def test_a_table_of_targets_with_nothing_reported_is_not_graded_and_says_why():
    data = score_document(_targets_only()).to_dict()
    assert (data["recomputed_total"], data["grade"], data["reported_total"]) == (None, None, None)
    assert data["levels"] == {"产出指标": None, "满意度指标": None}
    assert data["differences"] == []
    (note,) = data["notes"]
    assert "未印实际完成值和得分" in note and "不定等级" in note


@pytest.mark.parametrize(
    "report",
    [
        lambda doc: setattr(
            doc.indicators[0], "actual", actual("480批次", target("=", "480", "批次"))
        ),
        lambda doc: setattr(doc.indicators[1], "score", D(40)),
        lambda doc: doc.totals.update(reported_score=D(100)),
    ],
    ids=["one actual", "one printed score", "a printed total"],
)
def test_one_reported_result_is_enough_to_score_and_grade_the_table(report):
    doc = _targets_only()
    report(doc)
    sheet = score_document(doc)
    assert sheet.recomputed_total is not None and sheet.grade is not None
    assert all(lv.recomputed is not None for lv in sheet.levels)


def test_small_rounding_differences_are_not_differences():
    doc = _self_evaluation(budget_score="10", total=100)
    doc.budget.rows[0].spent = D("99.96")  # 9.996 → 10.00
    assert score_document(doc).differences == []


def _report():
    """003's shape: narrative levels 决策 22 / 过程 18 / 产出 35 / 效益 25, attachment 4 on its own weights."""
    inds = [
        indicator(
            "立项依据充分性",
            "22",
            "20.1",
            path=("决策（22分）", "项目立项"),
            deviation="扣1.9分",
            id="1",
        ),
        indicator(
            "资金到位率",
            "18",
            "16.5",
            path=("过程(18分)", "资金管理"),
            deviation="扣1.5分",
            id="2",
        ),
        indicator(
            "抽检批次",
            "50",
            "50",
            path=("产出指标", "数量指标"),
            targets=(target(">=", "10", "批"),),
            actual=actual("10批", target("=", "10", "批")),
            id="3",
        ),
        indicator(
            "满意度",
            "30",
            "30",
            path=("效益指标", "社会效益"),
            targets=(target(">=", "90", "%"),),
            actual=actual("95%", target("=", "95", "%")),
            id="4",
        ),
    ]
    figures = {
        "分值:项目决策": "22",
        "得分:项目决策": "20.1",
        "分值:项目过程": "18",
        "得分:项目过程": "16.5",
        "分值:项目产出": "35",
        "得分:项目产出": "33.49",
        "分值:项目效益": "25",
        "得分:项目效益": "25",
    }
    return document(
        kind="evaluation_report",
        indicators=inds,
        figures=figures,
        totals={"weight": 100, "reported_score": "95.09", "grade": "优"},
    )


def test_a_report_adds_up_its_own_stated_levels_and_recomputes_those_it_can():
    sheet = score_document(_report())
    assert sheet.recomputed_total == D("95.09")
    assert sheet.to_dict()["levels"] == {
        "项目决策": 20.1,
        "项目过程": 16.5,
        "项目产出": 33.49,
        "项目效益": 25,
    }
    notes = {lv.name: lv.note for lv in sheet.levels}
    assert notes["项目决策"] == "按指标复核"
    assert "口径不同" in notes["项目产出"]
    assert sheet.differences == []


def test_a_report_level_recomputed_differently_from_its_printed_score_shows_in_the_total():
    doc = _report()
    doc.indicators[0].deviation = "扣2.9分"
    sheet = score_document(doc)
    assert sheet.recomputed_total == D("94.09")
    assert [d.rule for d in sheet.differences] == ["score.recomputed", "score.total"]


def test_a_cost_target_without_a_direction_is_read_as_a_ceiling():
    ind = indicator(
        "知识产权项目立项评审及验收",
        "0.42",
        "0.42",
        path=("产出指标", "成本指标"),
        targets=(target("=", "600000", "元", raw="60万元"),),
        actual=actual("43万元", target("=", "430000", "元")),
    )
    assert _scored(ind) == ("proportional", D("0.42"))


def test_several_targets_with_a_zero_result_are_missed():
    targets = (target("=", "4", "次"), target("=", "12", "次"))
    ind = indicator(
        "推送服务",
        "0.27",
        "0",
        targets=targets,
        actual=actual("0", target("=", "0", None)),
        deviation="系统未建成",
    )
    assert _scored(ind) == ("all_or_nothing", D(0))


def test_the_sheet_says_in_words_how_it_was_recomputed():
    doc = _self_evaluation(budget_score="10", total=100)
    doc.indicators[1].actual = None
    notes = score_document(doc).notes
    assert notes[0] == "共复核2项指标：按比例1项，全部或零分1项"
    assert "1项指标未印实际完成值" in notes[1]
    assert score_document(document(kind="work_goals")).notes == ["文件中没有分值，无需评分"]


def test_a_rate_target_against_a_count_result_is_not_compared():
    ind = indicator(
        "覆盖率",
        "2",
        "1",
        targets=(target(">=", "20", "%"),),
        actual=actual("33家", target("=", "33", "家")),
        deviation="略",
    )
    assert _scored(ind) == ("as_printed", D(1))


def test_a_report_stating_both_its_own_and_its_attachments_levels_adds_up_its_own():
    doc = _report()
    doc.figures += document(figures={"分值:产出指标": "50", "分值:效益指标": "30"}).figures
    assert score_document(doc).recomputed_total == D("95.09")


def test_a_range_on_a_count_is_met_from_its_lower_end_and_on_a_cost_up_to_its_upper_end():
    count = indicator(
        "中国专利奖",
        "0.19",
        "0.19",
        path=("产出指标", "质量指标"),
        targets=(target("between", "5", "项", upper=D(8)),),
        actual=actual("22 项", target("=", "22", "项")),
    )
    short = indicator(
        "中国专利奖",
        "0.19",
        "0.19",
        path=("产出指标", "质量指标"),
        targets=(target("between", "5", "项", upper=D(8)),),
        actual=actual("3 项", target("=", "3", "项")),
    )
    cost = indicator(
        "标准化项目平均补助资金额",
        "0.42",
        "0.42",
        path=("产出指标", "成本指标"),
        targets=(target("between", "20000", "元/个", upper=D(200000)),),
        actual=actual("7.91万元", target("=", "79100", "元")),
    )
    dear = indicator(
        "标准化项目平均补助资金额",
        "0.42",
        "0.42",
        path=("产出指标", "成本指标"),
        targets=(target("between", "20000", "元/个", upper=D(200000)),),
        actual=actual("25万元", target("=", "250000", "元")),
    )
    assert [_scored(i)[1] for i in (count, short, cost, dear)] == [
        D("0.19"),
        D(0),
        D("0.42"),
        D(0),
    ]
