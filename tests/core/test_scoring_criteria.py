from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.documents import Project
from jixiao.core.scoring import score_document, score_indicator
from jixiao.core.scoring.criteria import document_rates, per_step_rule

from .builders import document, fund_block, indicator

ARRIVAL = "资金到位率=(实际到位资金/预算资金)*100%。到位率100%计4分，每下降1%扣0.2分，扣完为止。"
EXECUTION = (
    "预算执行率=(实际支出资金/实际到位资金)*100%。预算执行率95%计3分，每下降1%扣0.3分，扣完为止。"
)


def test_per_step_rules_are_read_from_the_scoring_text():
    rule = per_step_rule(ARRIVAL)
    assert (rule.label, rule.start, rule.full, rule.step, rule.penalty) == (
        "到位率",
        D(100),
        D(4),
        D(1),
        D("0.2"),
    )
    assert per_step_rule(EXECUTION).label == "预算执行率"
    assert per_step_rule("是计1分，否计0分") is None


def test_the_execution_rate_is_recomputed_from_the_fund_block_not_taken_as_printed():
    doc = document(
        budget=fund_block(("年度资金总额", "33085.00", "33085.00", "31610.23", "90")),
        figures={"资金到位率": "100"},
    )
    rates = document_rates(doc)
    assert rates["到位率"] == D(100)
    assert round(rates["执行率"], 2) == D("95.54")


def test_the_execution_rate_can_come_from_the_total_project_row():
    total = Project("合计", available={"total": D("35014.75")}, spent={"total": D("33454.63")})
    assert round(
        document_rates(document(kind="evaluation_report", projects=[total]))["执行率"], 2
    ) == D("95.54")


def test_common_indicators_are_scored_by_their_stated_per_step_rules():
    doc = document(
        kind="evaluation_report",
        indicators=[
            indicator(
                "资金到位率", "4", "4.00", path=("过程", "资金管理"), criteria=ARRIVAL, id="1"
            ),
            indicator(
                "预算执行率", "3", "3.00", path=("过程", "资金管理"), criteria=EXECUTION, id="2"
            ),
        ],
        budget=fund_block(
            ("年度资金总额", "33085.00", "33085.00", "31610.23", "95.54"), score="9.55"
        ),
        figures={"资金到位率": "100"},
    )
    sheet = score_document(doc)
    assert [r.result.rule for r in sheet.rows] == ["deduct_per_step", "deduct_per_step"]
    assert [r.recomputed for r in sheet.rows] == [D(4), D(3)]
    assert sheet.budget.points == D("9.55")
    assert sheet.differences == []


def test_a_per_step_rule_without_its_rate_falls_back_to_the_printed_score():
    ind = indicator("资金到位率", "4", "3.8", criteria=ARRIVAL)
    row = score_indicator(ind, {})
    assert (row.result.rule, row.recomputed) == ("as_printed", D("3.8"))


def test_checklist_scores_are_the_weight_less_the_stated_deductions():
    ind = indicator(
        "立项程序规范性",
        "4",
        "3.60",
        criteria="①…是计1分，否计0分；",
        deviation="2023年省级市场监督管理专项资金未建设项目库，扣0.4分。",
    )
    row = score_indicator(ind)
    assert (row.result.rule, row.recomputed) == ("checklist", D("3.6"))
    wrong = indicator(
        "制度执行有效性", "4", "3.00", deviation="个别单位项目实施进度偏缓，扣0.5分。"
    )
    assert score_indicator(wrong).result.points == D("3.5")


def test_a_full_checklist_with_no_deduction_is_every_criterion_met():
    ind = indicator(
        "立项依据充分性", "5", "5.00", criteria="①是否符合国家相关法律法规；是计1分，否计0分；"
    )
    row = score_indicator(ind)
    assert (row.result.rule, row.recomputed) == ("checklist", D(5))
    short = indicator(
        "资金使用合规性",
        "5",
        "4.00",
        criteria="①是否符合；是计1分，否计0分；",
        deviation="个别单位资金使用欠规范",
    )
    assert score_indicator(short).result.rule == "as_printed"
