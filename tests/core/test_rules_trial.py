"""Trying a user's rule on one document: the figures it read and why it passed or not."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.rules import CompareRule, standard_figure_names, try_rule

from .builders import document, fund_block

SPENT, BUDGET = "[全年执行:合计]", "[全年预算:合计]"


def _doc(spent: str | None = "90"):
    budget = fund_block(("合计", "100", "100", spent, None))
    return document(budget=budget, totals={"weight": 100, "reported_score": 95})


@pytest.mark.parametrize(
    ("spent", "op", "evaluated", "passed"),
    [
        ("90", "<=", True, True),
        ("90", ">=", True, False),
        ("100", "=", True, True),
        (None, "<=", False, False),
    ],
)
def test_a_trial_says_whether_the_rule_ran_and_passed(
    spent: str | None, op: str, evaluated: bool, passed: bool
) -> None:
    trial = try_rule(CompareRule("user_rule.1", SPENT, op, BUDGET), _doc(spent))
    assert (trial.evaluated, trial.passed) == (evaluated, passed)
    assert trial.values["全年预算:合计"] == D(100)
    assert bool(trial.findings) == (evaluated and not passed)


def test_a_trial_gives_both_sides_computed() -> None:
    trial = try_rule(CompareRule("r", f"{SPENT} / {BUDGET} * 100", ">=", "95"), _doc())
    assert trial.sides == (D(90), D(95))
    (finding,) = trial.findings
    assert finding.found == D(90) and finding.expected == D(95)


def test_missing_figures_count_as_zero_when_the_rule_says_never() -> None:
    rule = CompareRule("r", SPENT, "<", BUDGET, missing="never")
    trial = try_rule(rule, _doc(None))
    assert trial.values["全年执行:合计"] is None and trial.sides == (D(0), D(100))
    assert trial.passed


def test_a_division_by_zero_is_evaluated_but_has_no_sides() -> None:
    trial = try_rule(CompareRule("r", f"{BUDGET} / ([总分值] - 100)", ">", "0"), _doc())
    assert trial.evaluated and trial.sides is None and not trial.passed


def test_standard_names_cover_the_totals_and_each_fund_column() -> None:
    names = standard_figure_names()
    assert {"总分值", "总分", "全年执行:合计", "执行率:财政拨款"} <= set(names)
