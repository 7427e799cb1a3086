from __future__ import annotations

from decimal import Decimal as D

from jixiao.core.checks import CHECKS, run_checks
from jixiao.core.checks.budget import check_budget
from jixiao.core.checks.funds import check_funds
from jixiao.core.checks.scores import check_score_sums, check_scores
from jixiao.core.checks.weights import check_weights
from jixiao.core.documents import Allocation, Project

from .builders import document, fund_block, indicator


def _rules(findings):
    return [f.rule for f in findings]


def test_checks_are_an_immutable_tuple_of_functions():
    assert isinstance(CHECKS, tuple)
    assert all(callable(c) for c in CHECKS)


def test_a_document_with_nothing_to_check_gives_no_findings():
    assert run_checks(document(kind="work_goals")) == []


def test_a_printed_execution_rate_of_zero_for_a_spent_row_is_an_error_in_the_contract_style():
    doc = document(budget=fund_block(("财政拨款", "8761.28", "11789.83", "11789.83", "0.00")))
    (finding,) = check_budget(doc)
    assert finding.to_dict() == {
        "rule": "budget.execution_rate",
        "severity": "error",
        "where": "项目资金 · 财政拨款",
        "message": "执行率印为0.00%，按全年执行/全年预算应为100.00%",
        "expected": 100,
        "found": 0,
    }


def test_a_rate_that_matches_within_rounding_is_not_reported():
    doc = document(budget=fund_block(("合计", None, "33085.00", "31610.23", "95.54")))
    assert check_budget(doc) == []


def test_a_rate_printed_in_whole_percent_is_compared_at_that_precision():
    """37.24 / 43.2 is 86.20%: printed 86% is rounding; 87% is 进一 (a rounding slip, a note);
    88% is an error; 86.00% is an error (two decimals printed: 86.20 expected)."""

    def rules(printed: str) -> list[str]:
        return _rules(
            check_budget(document(budget=fund_block(("合计", None, "43.2", "37.24", printed))))
        )

    assert "budget.execution_rate" not in rules("86")
    assert rules("86") == ["budget.low_execution_reason"]
    assert rules("87") == ["rounding.slip", "budget.low_execution_reason"]
    assert "budget.execution_rate" in rules("88")
    assert "budget.execution_rate" in rules("86.00")  # two decimals printed: 86.20 expected


def test_a_total_row_that_is_not_the_sum_of_its_rows_is_reported_per_column():
    doc = document(
        budget=fund_block(
            ("财政拨款", "10", "20", "20", "100"),
            ("其他资金", "0", "5", "4", "80"),
            ("合计", "10", "25", "25", "100"),
        )
    )
    (finding,) = check_budget(doc)
    assert finding.rule == "budget.column_sum"
    assert finding.where == "项目资金 · 合计 · 全年执行"
    assert (finding.expected, finding.found) == (D(24), D(25))


def test_a_low_execution_rate_is_a_note_asking_for_a_reason():
    doc = document(budget=fund_block(("合计", None, "100", "80", "80")))
    (finding,) = check_budget(doc)
    assert (finding.rule, finding.severity) == ("budget.low_execution_reason", "note")


def test_a_budget_score_above_its_weight_is_an_error():
    doc = document(budget=fund_block(("合计", None, "100", "100", "100"), weight="10", score="11"))
    assert "budget.score_exceeds_weight" in _rules(check_budget(doc))


def test_weights_rounded_to_two_decimals_are_a_note_not_an_error():
    inds = [indicator(f"指标{i}", "0.27", "0.27", id=str(i)) for i in range(74)]
    doc = document(indicators=inds, figures={"分值:产出指标/数量指标": "20"})
    (finding,) = check_weights(doc)
    assert (finding.rule, finding.severity) == ("weights.rounded", "note")
    assert finding.found == D("19.98")


def test_weights_that_do_not_add_up_to_their_level_are_an_error():
    inds = [indicator("甲", "2", "2"), indicator("乙", "2", "2")]
    doc = document(indicators=inds, figures={"分值:产出指标": "5"})
    (finding,) = check_weights(doc)
    assert (finding.rule, finding.expected, finding.found) == ("weights.level_sum", D(4), D(5))


def test_weights_plus_the_fund_block_must_make_the_total_weight():
    inds = [indicator("甲", "45", "45"), indicator("乙", "45", "45", path=("效益指标",))]
    ok = document(
        indicators=inds, budget=fund_block(("合计", None, "1", "1", "100")), totals={"weight": 100}
    )
    assert check_weights(ok) == []
    short = document(
        indicators=inds[:1],
        budget=fund_block(("合计", None, "1", "1", "100")),
        totals={"weight": 100},
    )
    assert _rules(check_weights(short)) == ["weights.total"]


def test_a_score_above_its_weight_is_an_error():
    (finding,) = check_scores(document(indicators=[indicator("甲", "2", "2.5")]))
    assert finding.rule == "score.exceeds_weight"
    assert finding.severity == "error"


def test_a_score_below_its_weight_needs_a_deviation_reason():
    missing = document(indicators=[indicator("甲", "0.27", "0", deviation="无")])
    assert _rules(check_scores(missing)) == ["score.missing_deviation"]
    stated = document(
        indicators=[indicator("甲", "0.27", "0", deviation="因省局前一期项目尚未验收，未能报建")]
    )
    assert check_scores(stated) == []


def test_a_negative_score_is_an_error():
    assert _rules(check_scores(document(indicators=[indicator("甲", "2", "-1")]))) == [
        "score.negative"
    ]


def test_a_stated_level_score_must_be_the_sum_of_its_scores():
    inds = [indicator("甲", "5", "5", path=("决策",)), indicator("乙", "4", "3.6", path=("决策",))]
    assert check_score_sums(document(indicators=inds, figures={"得分:决策": "8.6"})) == []
    (finding,) = check_score_sums(document(indicators=inds, figures={"得分:决策": "9.6"}))
    assert (finding.rule, finding.expected) == ("totals.level_score", D("8.6"))


def test_the_printed_total_must_be_the_sum_of_printed_scores_and_the_fund_block():
    inds = [indicator("甲", "45", "45"), indicator("乙", "45", "44", deviation="略")]
    budget = fund_block(("合计", None, "1", "1", "100"), score="9")
    assert (
        check_score_sums(document(indicators=inds, budget=budget, totals={"reported_score": 98}))
        == []
    )
    (finding,) = check_score_sums(
        document(indicators=inds, budget=budget, totals={"reported_score": 99})
    )
    assert (finding.rule, finding.expected, finding.found) == ("totals.sum", D(98), D(99))


def _project(name, available, spent, rates, expenses=None):
    keys = ("special", "business", "total")
    return Project(
        name=name,
        available={
            k: D(v) if v is not None else None for k, v in zip(keys, available, strict=True)
        },
        spent={k: D(v) if v is not None else None for k, v in zip(keys, spent, strict=True)},
        rates={k: D(v) if v is not None else None for k, v in zip(keys, rates, strict=True)},
        expenses={k: D(v) for k, v in (expenses or {}).items()},
    )


def test_project_rates_and_sums_that_agree_give_no_findings():
    project = _project(
        "企业信用及双随机一公开监管",
        ("95.00", "60.00", "155.00"),
        ("95.00", "49.11", "144.11"),
        ("100.00", "81.85", "92.97"),
        {
            "印刷费": "2.4129",
            "差旅费": "2.37815",
            "会议费": "1.651",
            "劳务费": "0.09",
            "委托业务费": "125.3318",
            "其他": "12.24615",
        },
    )
    assert check_funds(document(kind="evaluation_report", projects=[project])) == []


def test_a_project_rate_or_sum_that_disagrees_is_an_error():
    project = _project(
        "法治建设", ("196", "0", "200"), ("164.61", "0", "164.61"), ("90", None, "83.99")
    )
    rules = _rules(check_funds(document(kind="evaluation_report", projects=[project])))
    assert rules == ["funds.execution_rate", "funds.execution_rate", "funds.sum"]


def test_expenses_must_add_up_to_the_spending():
    project = _project(
        "甲",
        ("10", "0", "10"),
        ("10", "0", "10"),
        ("100", None, "100"),
        {"办公费": "3", "印刷费": "5"},
    )
    (finding,) = check_funds(document(kind="evaluation_report", projects=[project]))
    assert (finding.rule, finding.expected) == ("funds.expense_sum", D(8))


def test_the_total_project_row_must_add_up_the_projects():
    rows = [
        _project("甲", ("10", "0", "10"), ("9", "0", "9"), ("90", None, "90")),
        _project("乙", ("20", "0", "20"), ("20", "0", "20"), ("100", None, "100")),
        _project("合计", ("30", "0", "30"), ("30", "0", "30"), ("100", None, "100")),
    ]
    rules = _rules(check_funds(document(kind="evaluation_report", projects=rows)))
    assert rules.count("funds.total_row") == 2  # special and total spending


def test_an_allocation_row_must_add_up_its_projects():
    ok = Allocation("长沙市", total=D(89), by_project={"法治建设": D(10), "质量强省": D(79)})
    bad = Allocation("株洲市", total=D(90), by_project={"法治建设": D(10), "质量强省": D(79)})
    found = check_funds(document(kind="evaluation_report", allocations=[ok, bad]))
    assert [(f.rule, f.where) for f in found] == [("allocations.sum", "株洲市")]


def test_a_document_with_its_own_level_frame_is_not_held_to_its_attachments_weights():
    inds = [
        indicator("立项依据充分性", "22", "20.1", path=("决策",), deviation="扣分", id="1"),
        indicator("抽检批次", "50", "50", path=("产出指标", "数量指标"), id="2"),
    ]
    figures = {
        "分值:项目决策": "22",
        "得分:项目决策": "20.1",
        "分值:项目产出": "78",
        "得分:项目产出": "74.99",
    }
    doc = document(
        kind="self_evaluation",
        indicators=inds,
        figures=figures,
        totals={"weight": 100, "reported_score": "95.09"},
    )
    assert [f for f in run_checks(doc) if f.severity == "error"] == []
    doc.totals["reported_score"] = "96.09"
    assert [f.rule for f in run_checks(doc) if f.severity == "error"] == ["totals.sum"]


def test_an_evaluation_reports_sums_are_left_to_the_report_checks():
    inds = [indicator("甲", "22", "20.1", path=("决策",), deviation="扣分")]
    doc = document(
        kind="evaluation_report",
        indicators=inds,
        figures={"分值:决策": "100", "得分:决策": "20.1"},
        totals={"weight": 100, "reported_score": "99"},
    )
    assert check_score_sums(doc) == []


def test_a_result_far_above_its_target_without_a_reason_is_a_note():
    from jixiao.core.checks.scores import check_overshoot

    from .builders import actual, target

    far = indicator(
        "知识产权密集型产业培育",
        "0.27",
        "0.27",
        targets=(target(">=", "50", "个"),),
        actual=actual("81 个", target("=", "81", "个")),
    )
    (finding,) = check_overshoot(document(indicators=[far]))
    assert (finding.rule, finding.severity, finding.found) == (
        "score.overshoot_reason",
        "note",
        D(81),
    )
    assert "162%" in finding.message
    far.deviation = "为提升创新主体的高价值专利培育力度，少量增加了立项数量"
    assert check_overshoot(document(indicators=[far])) == []
    near = indicator(
        "检查",
        "1",
        "1",
        targets=(target(">=", "80", "家"),),
        actual=actual("96 家", target("=", "96", "家")),
    )
    assert check_overshoot(document(indicators=[near])) == []


def test_numbered_indicators_are_named_by_number_and_the_start_of_their_sentence():
    from jixiao.core.checks.places import where_indicator

    long = indicator(
        "加强缺陷产品召回管理，全年缺陷产品召回达到22批次，保障消费者安全。",
        None,
        None,
        id="4.2",
        path=("四、聚焦…",),
    )
    assert where_indicator(long) == "4.2 加强缺陷产品召回管理，全年缺陷产品召回达到22批…"
    assert where_indicator(indicator("抽检", "1", "1", id="3")) == "产出指标 · 数量指标 · 抽检"


def test_a_check_that_breaks_becomes_a_finding_and_the_others_still_run():
    def check_broken(doc):
        return [1 / 0]

    doc = document(budget=fund_block(("财政拨款", "1", "2", "2", "0")))
    findings = run_checks(doc, extra=(check_broken,))
    assert findings[0].rule == "budget.execution_rate"
    assert findings[-1].rule == "check.failed"
    assert "check_broken" in findings[-1].message


def test_every_printed_rate_tells_a_rounding_slip_from_an_error():
    """One judgement for every printed percentage (places.printed_rate): 35 ÷ 805 = 4.348%."""
    from jixiao.core.checks.places import Ratio, printed_rate

    def judge(printed: str, part: str = "35", whole: str = "805", money: bool = False):
        ratio = Ratio(D(part), D(whole), "a/b", money)
        found = printed_rate("funds.execution_rate", "error", "w", "执行率", D(printed), ratio)
        return found and (found.rule, found.severity, found.expected, found.found)

    assert judge("4.35") is None
    assert judge("4.34") == ("rounding.slip", "note", D("4.35"), D("4.34"))
    assert judge("4.36") == ("funds.execution_rate", "error", D("4.35"), D("4.36"))  # counts
    # a rate of money may differ by a cent (amounts rounded in print), and no more
    assert judge("4.36", money=True) is None
    assert judge("4.37", money=True) == ("funds.execution_rate", "error", D("4.35"), D("4.37"))
    # amounts printed to the cent stand for any amount within half a cent: 0.05 ÷ 0.07 is
    # anything from 64.3% to 78.6%, so 75% is not an error; whole counts are exact
    assert judge("75", "0.05", "0.07") is None
    assert judge("75", "5", "7") == ("funds.execution_rate", "error", D("71"), D("75"))
    assert judge("75", "5", "7", money=True)[2] == D("71.43")  # said to two decimals
    slip = printed_rate("r", "error", "w", "执行率", D("4.34"), Ratio(D(35), D(805), "a/b"))
    assert slip is not None and "截尾" in slip.message and "4.34" in slip.message
