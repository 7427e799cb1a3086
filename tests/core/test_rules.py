from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.formulas import FormulaError
from jixiao.core.rules import CompareRule, RatioRule, SumRule, figures_of, rule_from_dict

from .builders import document, fund_block, indicator


def _doc():
    budget = fund_block(
        ("财政拨款", "8761.28", "11789.83", "11789.83", "0"),
        ("其他资金", "0", "91.71", "74.52", "0"),
        ("合计", "8761.28", "11881.54", "11881.54", "100"),
        score="9",
    )
    return document(
        budget=budget,
        totals={"weight": 100, "reported_score": 99},
        figures={"分值:产出指标": "50"},
    )


def test_figures_of_names_fund_rows_totals_and_indicator_cells():
    doc = _doc()
    doc.indicators = [indicator("抽检批次", "2", "2")]
    figures = figures_of(doc)
    assert figures["全年执行:其他资金"] == D("74.52")
    assert figures["总分"] == D(99)
    assert figures["分值:产出指标"] == D(50)
    assert figures["得分:产出指标/数量指标/抽检批次"] == D(2)


def test_sum_rule_reports_a_total_that_is_not_the_sum_of_its_parts():
    rule = SumRule("user.spent_sum", "全年执行:合计", ("全年执行:财政拨款", "全年执行:其他资金"))
    (finding,) = rule.evaluate(_doc())
    assert finding.expected == D("11864.35")
    assert finding.found == D("11881.54")
    assert finding.severity == "error"


def test_sum_rule_passes_when_the_parts_add_up():
    rule = SumRule(
        "user.adjusted_sum", "全年预算:合计", ("全年预算:财政拨款", "全年预算:其他资金")
    )
    assert rule.evaluate(_doc()) == []


def test_ratio_rule_recomputes_a_rate_in_percent():
    rule = RatioRule("user.rate", "执行率:其他资金", "全年执行:其他资金", "全年预算:其他资金")
    (finding,) = rule.evaluate(_doc())
    assert finding.expected == D("81.26")
    assert "执行率:其他资金印为0%" in finding.message


def test_ratio_rule_skips_a_zero_denominator():
    doc = _doc()
    doc.budget.rows[1].adjusted = D(0)
    assert (
        RatioRule(
            "user.rate", "执行率:其他资金", "全年执行:其他资金", "全年预算:其他资金"
        ).evaluate(doc)
        == []
    )


@pytest.mark.parametrize(
    ("strategy", "count"),
    [("skip_if_any", 0), ("skip_if_all", 1), ("never", 1)],
)
def test_missing_values_follow_the_rule_strategy(strategy, count):
    rule = SumRule(
        "user.sum", "全年执行:合计", ("全年执行:财政拨款", "全年执行:不存在"), missing=strategy
    )
    assert len(rule.evaluate(_doc())) == count


def test_skip_if_all_skips_when_every_figure_is_missing():
    rule = SumRule("user.sum", "甲", ("乙", "丙"), missing="skip_if_all")
    assert rule.evaluate(_doc()) == []


def test_compare_rule_uses_formulas_on_each_side():
    rule = CompareRule(
        "user.score_cap", "总分", "<=", "[分值:产出指标] * 2 + 5", severity="warning"
    )
    assert rule.evaluate(_doc()) == []
    strict = CompareRule("user.score_cap", "总分", "<", "[分值:产出指标]", severity="warning")
    (finding,) = strict.evaluate(_doc())
    assert finding.severity == "warning"
    assert finding.found == D(99)


def test_compare_rule_equality_allows_rounding():
    assert CompareRule("user.eq", "[全年执行:合计] / 100", "=", "118.8154").evaluate(_doc()) == []


def test_compare_rule_refuses_an_unknown_operator_or_unsafe_formula_when_built():
    with pytest.raises(FormulaError):
        CompareRule("user.bad", "总分", "=>", "1")
    with pytest.raises(FormulaError):
        CompareRule("user.bad", "总分.__class__", "=", "1")


def test_stored_definitions_build_rules_that_run_checks_as_extra():
    stored = [
        {
            "type": "sum",
            "code": "user.spent_sum",
            "total": "全年执行:合计",
            "parts": ["全年执行:财政拨款", "全年执行:其他资金"],
        },
        {
            "type": "compare",
            "code": "user.total_cap",
            "left": "总分",
            "op": "<=",
            "right": "100",
            "tolerance": "0.01",
        },
    ]
    rules = [rule_from_dict(d) for d in stored]
    builtin = run_checks(_doc())
    with_user = run_checks(_doc(), extra=rules)
    assert [f.rule for f in with_user[len(builtin) :]] == ["user.spent_sum"]


def test_unknown_rule_types_and_strategies_are_refused():
    with pytest.raises(FormulaError):
        rule_from_dict({"type": "magic", "code": "x"})
    with pytest.raises(FormulaError):
        rule_from_dict(
            {"type": "sum", "code": "x", "total": "a", "parts": ["b"], "missing": "guess"}
        )


def test_extra_checks_may_also_be_plain_functions():
    def check_always(doc):
        from jixiao.core.findings import Finding

        return [Finding("user.always", "note", "全文", "总是提示")]

    assert run_checks(document(), extra=(check_always,))[-1].rule == "user.always"
