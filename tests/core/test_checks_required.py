"""Required cells left blank (``required.blank``): reported with the cells named, never filled."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.checks import run_checks
from jixiao.core.checks.required import check_required
from jixiao.core.documents import Figure

from .builders import actual, document, fund_block, indicator, target


def _columns(*labels: str) -> list[Figure]:
    return [Figure(f"栏目:{label}", None) for label in labels]


def test_a_row_without_target_and_result_in_a_form_that_prints_both_is_one_warning_naming_both():
    done = indicator("药品抽检完成率", None, None, targets=(target("=", "100", "%"),))
    done.actual = actual("100%")
    blank = indicator("不合格产品处置率", None, None, path=("质量指标",))
    doc = document(indicators=[done, blank])
    doc.figures = _columns("指标值", "完成值")
    (finding,) = check_required(doc)
    assert finding.rule == "required.blank" and finding.severity == "warning"
    assert finding.where == "质量指标 · 不合格产品处置率 · 指标值、完成值"
    assert "「不合格产品处置率」的指标值、完成值未填写" in finding.message
    assert (finding.expected, finding.found) == (None, None)
    assert blank.targets == [] and blank.actual is None  # never filled in


def test_a_column_the_form_does_not_print_is_not_asked_for():
    ind = indicator("培训费", "3", None, targets=(target("=", "320"),))
    doc = document(indicators=[ind])
    doc.figures = _columns("指标值", "分值")  # a 绩效目标表: no 完成值, no 得分
    assert check_required(doc) == []


def test_without_column_figures_a_column_counts_as_printed_when_another_row_fills_it():
    scored = indicator("召开会议", "10", "10", targets=(target(">=", "2"),))
    unscored = indicator("开展培训", "10", None, targets=(target(">=", "1"),))
    (finding,) = check_required(document(indicators=[scored, unscored]))
    assert finding.where.endswith("开展培训 · 得分")


def test_a_blank_weight_in_an_indicator_system_is_reported_but_results_are_not_asked_for():
    weighted = indicator("检出率", "5", None, targets=(target(">=", "95", "%"),))
    unweighted = indicator("通报率", None, None, targets=(target(">=", "90", "%"),))
    doc = document(kind="indicator_system", indicators=[weighted, unweighted])
    doc.figures = _columns("指标值", "分值", "完成值", "得分")
    (finding,) = check_required(doc)
    assert finding.where.endswith("通报率 · 分值")


def test_a_fund_block_with_a_weight_and_no_score_in_a_scored_form():
    ind = indicator("发放覆盖率", "90", None, targets=(target("=", "100"),))
    budget = fund_block(("总额", "238.93", "251.89", "251.89", "100"), weight="10", score=None)
    doc = document(indicators=[ind], budget=budget)
    doc.figures = _columns("指标值", "完成值", "分值", "得分")
    findings = check_required(doc)
    assert [f.where for f in findings] == [
        "产出指标 · 数量指标 · 发放覆盖率 · 完成值、得分",
        "项目资金 · 总额 · 得分",
    ]
    assert "分值为10，得分未填写" in findings[1].message


def test_a_blank_budget_weight_in_the_head_says_what_the_other_weights_leave_for_it():
    inds = [indicator(f"指标{n}", w, None, id=str(n)) for n, w in enumerate(("50", "30", "10"))]
    doc = document(indicators=inds)
    doc.figures = [Figure("预算执行率权重", None, "%", "预算执行率权重(%)")]
    (finding,) = check_required(doc)
    assert finding.where == "预算执行率权重(%)"
    assert "各指标权重合计90，余下10应为预算执行率的权重" in finding.message
    assert (finding.expected, finding.found) == (D(10), None)


def test_a_filled_budget_weight_and_other_kinds_are_not_reported():
    inds = [indicator("指标", "90", None)]
    filled = document(indicators=inds)
    filled.figures = [Figure("预算执行率权重", D(10), "%", "预算执行率权重(%)")]
    assert check_required(filled) == []
    report = document(kind="evaluation_report", indicators=[indicator("指标", None, None)])
    assert check_required(report) == []


def test_run_checks_includes_the_blank_cells():
    doc = document(indicators=[indicator("指标", "10", "10"), indicator("另一", "10", None)])
    assert "required.blank" in {f.rule for f in run_checks(doc)}


def test_a_row_named_by_a_value_is_a_reading_slip_and_not_asked_for():
    filled = indicator("培训率", None, None, targets=(target("=", "100", "%"),))
    filled.actual = actual("100%")
    strays = [indicator(n, None, None) for n in ("100%", "已完成", "5", "0次", "2021年12月31日")]
    doc = document(indicators=[filled, *strays, indicator("完成时限", None, None)])
    doc.figures = _columns("指标值", "完成值")
    (finding,) = check_required(doc)
    assert "完成时限" in finding.where


def test_a_table_of_which_no_value_was_read_says_nothing_about_blanks():
    doc = document(indicators=[indicator("培训", None, None), indicator("查办率", None, None)])
    doc.figures = _columns("指标值", "完成值")
    assert check_required(doc) == []


def test_a_blank_score_in_an_evaluation_report_s_score_sheet():
    rows = [indicator("预算执行率", "10", "9"), indicator("资金使用合规性", "10", None)]
    for row in rows:
        row.criteria = "按执行率计分"
    target_row = indicator("检查企业户数", None, None)  # 附件4 绩效目标: no score to ask for
    doc = document(kind="evaluation_report", indicators=[*rows, target_row])
    (finding,) = check_required(doc)
    assert (finding.rule, finding.severity, finding.found) == ("required.blank", "warning", None)
    assert finding.where.endswith("资金使用合规性 · 得分")
    rows[1].score = D(10)
    assert check_required(doc) == []
