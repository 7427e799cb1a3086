"""Where users' rules meet the checks: which rules apply, which names exist, a trial run.

The workflow (``cycle.workflow.run_system_checks``) asks :func:`rules_for` for the rules of a
system and hands them to ``core.checks.run_checks(doc, extra=...)``; the core evaluates them.
The rest serves the rule pages: the figure names a rule may use (:func:`vocabulary`), the
live validation of a rule's two sides (:func:`problems_of`) and :func:`trial`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db.models import Q, QuerySet

from jixiao.core.documents import Document
from jixiao.core.findings import Finding
from jixiao.core.formulas import FormulaError, parse_formula
from jixiao.core.rules import (
    OPERATORS,
    CompareRule,
    Trial,
    figures_of,
    standard_figure_names,
    try_rule,
)
from jixiao.web.adapter import document_of
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.rules.models import UserRule
from jixiao.web.rules.policies import lineage_ids

SAMPLE_SYSTEMS = 5


def applicable_rules(org: Organization, kind: str) -> QuerySet[UserRule]:
    """Active rules owned by ``org`` or above it, for systems of ``kind``."""
    return (
        UserRule.objects.filter(organization_id__in=lineage_ids(org), is_active=True)
        .filter(Q(system_kind="") | Q(system_kind=kind))
        .select_related("organization")
    )


def rules_for(system: IndicatorSystem) -> list[CompareRule | Callable[[Document], list[Finding]]]:
    """The core rules to run with the built-in checks on ``system``.

    A stored rule that no longer parses (the formula language changed under it) becomes a
    check that reports a warning naming the rule, instead of breaking the whole run.
    """
    found: list[CompareRule | Callable[[Document], list[Finding]]] = []
    for rule in applicable_rules(system.organization, system.kind):
        try:
            found.append(rule.to_core())
        except FormulaError as exc:
            found.append(partial(_broken, rule.code, rule.name, str(exc)))
    return found


def _broken(code: str, name: str, message: str, doc: Document) -> list[Finding]:
    return [Finding(code, "warning", f"自定义规则「{name}」", f"规则无法执行：{message}")]


def vocabulary(org: Organization, kind: str = "") -> list[str]:
    """Figure names a rule of ``org`` may use: the standard ones and those of recent systems.

    Names come from :func:`jixiao.core.rules.figures_of` on the latest few systems of the
    kind in ``org``'s subtree, so a rule is validated against the names its documents have.
    """
    systems = IndicatorSystem.objects.filter(organization__path__startswith=org.path)
    if kind:
        systems = systems.filter(kind=kind)
    names = dict.fromkeys(standard_figure_names())
    for system in systems.select_related("organization").order_by("-year", "-pk")[:SAMPLE_SYSTEMS]:
        names.update(dict.fromkeys(figures_of(document_of(system))))
    return list(names)


def problems_of(left: str, op: str, right: str, known: list[str]) -> list[str]:
    """What is wrong with a rule's two sides, each problem one Chinese sentence.

    Syntax errors come from the core's parser (which names the expression); every figure
    name not in ``known`` is named; an empty side or an unknown operator is named too.
    """
    problems: list[str] = []
    if op not in OPERATORS:
        problems.append(f"运算符「{op}」不受支持，可选：= != < <= > >=")
    known_set = set(known)
    for label, text in (("左侧", left), ("右侧", right)):
        if not text.strip():
            problems.append(f"{label}公式不能为空。")
            continue
        try:
            formula = parse_formula(text)
        except FormulaError as exc:
            problems.append(f"{label}：{exc}")
            continue
        problems.extend(
            f"{label}：未知的数字名称「{name}」" for name in formula.names if name not in known_set
        )
    return problems


def trial(rule: UserRule, system: IndicatorSystem) -> Trial:
    """Try ``rule`` on ``system`` through the core (never evaluated here)."""
    return try_rule(rule.to_core(), document_of(system))
