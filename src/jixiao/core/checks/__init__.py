"""Consistency checks (勾稽关系), beancount-plugin style: plain functions in a tuple.

Each check is ``check_<what>(doc) -> list[Finding]`` and never raises on odd figures:
problems are data. :data:`CHECKS` is an immutable tuple; callers (the web system's user
rules) extend one run with ``run_checks(doc, extra=...)`` and never edit the registry.
``extra`` holds either more check functions or declarative rules from
:mod:`jixiao.core.rules` (anything with ``evaluate(doc) -> list[Finding]``).

Finding codes are documented in ``docs/checks.md``, one heading each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jixiao.core.checks.budget import check_budget
from jixiao.core.checks.disclosure import check_disclosure
from jixiao.core.checks.funds import check_funds
from jixiao.core.checks.history import check_history
from jixiao.core.checks.narrative import check_narrative
from jixiao.core.checks.report import check_evaluation_report
from jixiao.core.checks.required import check_required
from jixiao.core.checks.scores import (
    check_overshoot,
    check_recomputed_scores,
    check_score_sums,
    check_scores,
)
from jixiao.core.checks.units import check_units
from jixiao.core.checks.weights import check_weights
from jixiao.core.documents import Document
from jixiao.core.findings import Finding

Check = Callable[[Document], list[Finding]]

CHECKS: tuple[Check, ...] = (
    check_budget,
    check_funds,
    check_weights,
    check_scores,
    check_overshoot,
    check_score_sums,
    check_recomputed_scores,
    check_history,
    check_disclosure,
    check_evaluation_report,
    check_required,
    check_narrative,
    check_units,
)


def _as_check(item: Any) -> Check:
    """Accept a check function or a declarative rule object with ``evaluate(doc)``."""
    evaluate = getattr(item, "evaluate", None)
    return evaluate if callable(evaluate) else item


def run_checks(doc: Document, extra: Iterable[Any] = ()) -> list[Finding]:
    """Run every built-in check, then ``extra`` ones, and return all findings in order.

    A check that breaks on an unforeseen document does not take the others down with it:
    its failure becomes a ``check.failed`` finding naming the check, and the rest still run.
    """
    findings: list[Finding] = []
    for check in CHECKS + tuple(_as_check(item) for item in extra):
        try:
            findings.extend(check(doc))
        except (
            ArithmeticError,
            AttributeError,
            KeyError,
            LookupError,
            TypeError,
            ValueError,
        ) as exc:
            name = getattr(check, "__qualname__", repr(check))
            message = f"检查「{name}」未能完成：{type(exc).__name__}: {exc}"
            findings.append(Finding("check.failed", "warning", name, message))
    return findings
