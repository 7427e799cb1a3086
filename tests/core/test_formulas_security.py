"""Modelled on simpleeval's test_security.py: what a hostile rule text must not be able to do."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.formulas import FormulaError, evaluate, parse_formula


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('echo hacked')",
        "open('/etc/passwd').read()",
        "a.__class__.__bases__",
        "a.real",
        "().__class__.__mro__[1].__subclasses__()",
        "list(x for x in range(10))",
        "{x for x in a}",
        "(lambda: 1)()",
        "eval('1+1')",
        "exec('x=1')",
        "getattr(a, 'real')",
        "a[0]",
        "'abc' * 3",
        "9 ** 9 ** 9",
        "a if a else 1",
        "a < 1",
        "a and 1",
        "{1: 2}",
        "f'{a}'",
        "round(a, ndigits=2)",
        "__builtins__",
        "True + 1",
        "(x := 1)",
    ],
)
def test_hostile_or_unsupported_expressions_are_refused_at_parse_time(text):
    with pytest.raises(FormulaError):
        parse_formula(text)


def test_overlong_expressions_are_refused():
    with pytest.raises(FormulaError, match="超过"):
        parse_formula("1+" * 300 + "1")


def test_deeply_nested_expressions_are_refused_by_node_count():
    with pytest.raises(FormulaError, match="过于复杂"):
        parse_formula("+".join(["a"] * 240))


def test_names_resolve_only_to_the_figures_given_not_to_python_builtins():
    with pytest.raises(FormulaError, match="缺少数值"):
        evaluate(parse_formula("len"), {})
    with pytest.raises(FormulaError, match="缺少数值"):
        evaluate(parse_formula("abs"), {})


def test_infinite_constants_are_refused():
    with pytest.raises(FormulaError):
        evaluate(parse_formula("1e999"), {})


def test_huge_rounding_places_fail_as_a_formula_error_not_a_crash():
    with pytest.raises(FormulaError):
        evaluate(parse_formula("round(a, 100000000)"), {"a": D(1)})


def test_brackets_only_name_a_figure_and_never_run_what_is_inside():
    formula = parse_formula("[__import__('os').getcwd()] + 1")
    assert formula.names == ("__import__('os').getcwd()",)
    with pytest.raises(FormulaError, match="缺少数值"):
        evaluate(formula, {})
