from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.formulas import FormulaError, evaluate, parse_formula


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年执行 / 全年预算 * 100", D("81.25")),
        ("[全年执行:其他资金] + 1", D("66")),
        ("round(全年执行 / 全年预算 * 100, 1)", D("81.3")),
        ("max(全年执行, 全年预算) - min(全年执行, 全年预算)", D(15)),
        ("abs(全年执行 - 全年预算)", D(15)),
        ("-(1 + 2) * 3", D(-9)),
        ("0.1 + 0.2", D("0.3")),
    ],
)
def test_formulas_compute_on_decimal_figures(text, expected):
    figures = {"全年执行": D(65), "全年预算": D(80), "全年执行:其他资金": D(65)}
    assert evaluate(parse_formula(text), figures) == expected


def test_a_formula_lists_the_figure_names_it_reads():
    formula = parse_formula("[分值:产出指标] - 得分 + round(分值, 2)")
    assert formula.names == ("分值:产出指标", "得分", "分值")


def test_a_missing_figure_is_an_error_naming_it():
    with pytest.raises(FormulaError, match="缺少数值：全年预算"):
        evaluate(parse_formula("全年执行 / 全年预算"), {"全年执行": D(1)})


def test_division_by_zero_is_a_formula_error_with_the_expression():
    with pytest.raises(FormulaError) as info:
        evaluate(parse_formula("a / b"), {"a": D(1), "b": D(0)})
    assert info.value.expression == "a / b"


def test_a_parsed_formula_is_reused_with_other_figures():
    formula = parse_formula("a * 2")
    assert evaluate(formula, {"a": D(1)}) == 2
    assert evaluate(formula, {"a": D(5)}) == 10


def test_syntax_errors_are_formula_errors():
    with pytest.raises(FormulaError, match="无法解析"):
        parse_formula("1 +")
