"""A small consistency-rule engine over a document's named figures (DHIS2 validation rules).

A rule has a left side, an operator, a right side, an importance (the finding's severity)
and a missing-value strategy, as DHIS2's validation rules do. Built-in checks are plain
functions (:mod:`jixiao.core.checks`); these declarative rules are what users add in the web
system, stored as data (:func:`rule_from_dict`) and run with ``run_checks(doc, extra=rules)``.

- :class:`SumRule` — a total equals the sum of its parts (``合计 = A + B``);
- :class:`RatioRule` — a rate equals numerator ÷ denominator (× 100 for a percent);
- :class:`CompareRule` — two sides compared with ``= != < <= > >=``; each side is a
  formula (:mod:`jixiao.core.formulas`), so ``[得分:合计] <= [分值:合计]`` works.

Missing values (DHIS2's ``missingValueStrategy``): ``skip_if_any`` (default: a rule with a
missing figure is not evaluated), ``skip_if_all`` (missing figures count as 0 unless all
are missing) and ``never`` (missing figures count as 0).

Figures are named as in :func:`figures_of`: the document's own ``Figure`` names, plus
``总分值`` / ``总分``, fund rows as ``全年预算:财政拨款`` etc., and indicators' ``分值:<path/name>``
and ``得分:<path/name>``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.documents import Document
from jixiao.core.findings import Finding
from jixiao.core.formulas import Formula, FormulaError, evaluate, parse_formula
from jixiao.core.money import CENT, HUNDRED, round_half_up
from jixiao.core.scoring.rules import fmt

ZERO = Decimal(0)
OPERATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "=": lambda a, b: a == b,
    "==": lambda a, b: a == b,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
MISSING = ("skip_if_any", "skip_if_all", "never")
BUDGET_COLUMNS = (
    ("initial", "年初预算"),
    ("adjusted", "全年预算"),
    ("spent", "全年执行"),
    ("rate", "执行率"),
)


def figures_of(doc: Document) -> dict[str, Decimal | None]:
    """Every named figure of ``doc`` a rule can refer to."""
    named: dict[str, Decimal | None] = {f.name: f.value for f in doc.figures}
    for key, name in (("weight", "总分值"), ("reported_score", "总分")):
        value = doc.totals.get(key)
        named[name] = None if value is None else Decimal(str(value))
    for row in doc.budget.rows if doc.budget else []:
        for column, label in BUDGET_COLUMNS:
            named[f"{label}:{row.source}"] = getattr(row, column)
    for ind in doc.indicators:
        key = "/".join([*ind.path, ind.name])
        named[f"分值:{key}"] = ind.weight
        named[f"得分:{key}"] = ind.score
    return named


def _resolve(values: Mapping[str, Decimal | None], strategy: str) -> dict[str, Decimal] | None:
    """Apply the missing-value strategy: None means "do not evaluate this rule"."""
    missing = [k for k, v in values.items() if v is None]
    if missing and (
        strategy == "skip_if_any" or (strategy == "skip_if_all" and len(missing) == len(values))
    ):
        return None
    return {k: (ZERO if v is None else v) for k, v in values.items()}


@dataclass(frozen=True)
class SumRule:
    """``total`` must equal the sum of ``parts`` (within ``tolerance``)."""

    code: str
    total: str
    parts: tuple[str, ...]
    severity: str = "error"
    missing: str = "skip_if_any"
    tolerance: Decimal = CENT
    where: str = ""

    def evaluate(self, doc: Document) -> list[Finding]:
        """Return one finding when the printed total is not the sum of its parts."""
        figures = figures_of(doc)
        values = _resolve({n: figures.get(n) for n in (self.total, *self.parts)}, self.missing)
        if values is None:
            return []
        summed = sum((values[p] for p in self.parts), ZERO)
        printed = values[self.total]
        if abs(printed - summed) <= self.tolerance:
            return []
        message = f"{self.total}印为{fmt(printed)}，{'＋'.join(self.parts)}相加应为{fmt(summed)}"
        return [
            Finding(self.code, self.severity, self.where or self.total, message, summed, printed)
        ]


@dataclass(frozen=True)
class RatioRule:
    """``rate`` must equal ``numerator`` ÷ ``denominator`` (× 100 when ``percent``)."""

    code: str
    rate: str
    numerator: str
    denominator: str
    percent: bool = True
    severity: str = "error"
    missing: str = "skip_if_any"
    tolerance: Decimal = CENT
    where: str = ""

    def evaluate(self, doc: Document) -> list[Finding]:
        """Return one finding when the printed rate differs from the recomputed one."""
        figures = figures_of(doc)
        names = (self.rate, self.numerator, self.denominator)
        values = _resolve({n: figures.get(n) for n in names}, self.missing)
        if values is None or values[self.denominator] == 0:
            return []
        ratio = (
            values[self.numerator] / values[self.denominator] * (HUNDRED if self.percent else 1)
        )
        expected = round_half_up(ratio)
        printed = values[self.rate]
        if abs(printed - expected) <= self.tolerance:
            return []
        unit = "%" if self.percent else ""
        message = f"{self.rate}印为{fmt(printed)}{unit}，按{self.numerator}÷{self.denominator}应为{fmt(expected)}{unit}"
        return [
            Finding(self.code, self.severity, self.where or self.rate, message, expected, printed)
        ]


@dataclass(frozen=True)
class CompareRule:
    """``left op right``, each side a formula over figures (parsed once, at construction)."""

    code: str
    left: str
    op: str
    right: str
    severity: str = "error"
    missing: str = "skip_if_any"
    tolerance: Decimal = CENT
    where: str = ""
    message: str = ""
    sides: tuple[Formula, Formula] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Check the operator and parse both sides now, so a bad rule fails when stored."""
        if self.op not in OPERATORS:
            raise FormulaError(f"{self.left} {self.op} {self.right}", f"运算符 {self.op} 不受支持")
        object.__setattr__(self, "sides", (parse_formula(self.left), parse_formula(self.right)))

    def evaluate(self, doc: Document) -> list[Finding]:
        """Return one finding when the comparison fails."""
        assert self.sides is not None
        sides = self._values(*self.sides, figures_of(doc))
        if sides is None:
            return []
        a, b = sides
        if self.op in ("=", "==") and abs(a - b) <= self.tolerance:
            return []
        if self.op not in ("=", "==") and OPERATORS[self.op](a, b):
            return []
        text = (
            self.message
            or f"{self.left}（{fmt(round_half_up(a))}）不满足 {self.op} {self.right}（{fmt(round_half_up(b))}）"
        )
        return [
            Finding(
                self.code,
                self.severity,
                self.where or self.left,
                text,
                round_half_up(b),
                round_half_up(a),
            )
        ]

    def _values(
        self, left: Formula, right: Formula, figures: dict[str, Decimal | None]
    ) -> tuple[Decimal, Decimal] | None:
        values = _resolve({n: figures.get(n) for n in (*left.names, *right.names)}, self.missing)
        if values is None:
            return None
        try:
            return evaluate(left, values), evaluate(right, values)
        except FormulaError:
            return None


RULE_CLASSES: dict[str, type] = {"sum": SumRule, "ratio": RatioRule, "compare": CompareRule}


def rule_from_dict(data: Mapping[str, Any]) -> SumRule | RatioRule | CompareRule:
    """Build a rule from its stored definition: ``{"type": "sum", "code": …, "total": …}``."""
    kind = data.get("type")
    cls = RULE_CLASSES.get(str(kind))
    if cls is None:
        raise FormulaError(str(kind), "不是已知的规则类型（sum、ratio、compare）")
    args = {k: v for k, v in data.items() if k != "type"}
    if "parts" in args:
        args["parts"] = tuple(args["parts"])
    if "tolerance" in args:
        args["tolerance"] = Decimal(str(args["tolerance"]))
    if args.get("missing", "skip_if_any") not in MISSING:
        raise FormulaError(str(args["missing"]), "不是已知的缺失值处理方式")
    return cls(**args)


@dataclass(frozen=True)
class Trial:
    """A rule tried on one document, for a user checking a rule before relying on it.

    ``values`` are the figures the rule reads (None where the document has none);
    ``evaluated`` is False when the missing-value strategy skipped the rule; ``sides`` are
    the computed left and right values, None when the rule was skipped or a side could not
    be computed (e.g. a division by zero); ``findings`` is what the rule reports.
    """

    values: dict[str, Decimal | None]
    evaluated: bool
    sides: tuple[Decimal, Decimal] | None
    findings: list[Finding]

    @property
    def passed(self) -> bool:
        """True when the rule ran and found nothing."""
        return self.evaluated and self.sides is not None and not self.findings


def try_rule(rule: CompareRule, doc: Document) -> Trial:
    """Evaluate ``rule`` on ``doc`` and say why it passed, failed or was not evaluated."""
    assert rule.sides is not None
    figures = figures_of(doc)
    left, right = rule.sides
    values = {n: figures.get(n) for n in (*left.names, *right.names)}
    evaluated = _resolve(values, rule.missing) is not None
    sides = rule._values(left, right, figures) if evaluated else None
    return Trial(values, evaluated, sides, rule.evaluate(doc))


def standard_figure_names(
    sources: tuple[str, ...] = ("财政拨款", "其他资金", "合计"),
) -> list[str]:
    """Names a rule may use before any document is loaded: totals and the fund block's cells.

    :func:`figures_of` gives these for every document that prints them; the rest (the
    document's own figures, each indicator's 分值/得分) depend on the document.
    """
    return ["总分值", "总分"] + [f"{label}:{s}" for _, label in BUDGET_COLUMNS for s in sources]
