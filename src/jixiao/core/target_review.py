"""Automatic checks of a unit's 绩效目标 before submission and for the reviewing level above.

Rules and data, not AI: each check is a plain function over a :class:`ReviewInput` (the targets,
last year's actuals, the peers' distributions, the 固化指标 and the budget) that returns one
:class:`CheckResult` saying in Chinese what it checked, whether it passed, and which rows fail.
The checks form the immutable tuple :data:`CHECKS`; :func:`review_targets` runs them.

A target's *reason* (for being below last year's actual, or outside the peers' range) is a
sentence of the indicator's 目标制定依据 (``basis``) that explains, read as the history check
reads it (``core.baseline.stated_reason``): that is where the bureaus write why a target is
what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.baseline import stated_reason
from jixiao.core.distribution import Distribution
from jixiao.core.documents import Indicator, Target
from jixiao.core.findings import Finding
from jixiao.core.library import MatchKey, dimension_of, match_key
from jixiao.core.money import HUNDRED, quantize
from jixiao.core.quantities import convert
from jixiao.core.scoring.choose import lower_is_better

#: The dimensions a complete 绩效目标表 covers: 产出 (four kinds), 效益 and 满意度.
REQUIRED_DIMENSIONS = ("数量", "质量", "时效", "成本", "效益", "满意度")
NUMERIC_OPS = frozenset({">=", ">", "=", "<=", "<", "between"})
MONEY_UNITS = frozenset({"元", "万元", "亿元"})


@dataclass(frozen=True)
class ReviewRow:
    """One indicator with the facts the checks compare it with."""

    indicator: Indicator
    last_actual: Decimal | None = None  # 上年实际完成值, in the target's unit
    peers: Distribution | None = None  # other units' targets of the same indicator


@dataclass(frozen=True)
class ReviewInput:
    """Everything the checks read: rows, mandatory indicators, budget, expectations."""

    rows: tuple[ReviewRow, ...]
    mandatory: tuple[tuple[str, MatchKey], ...] = ()  # (name as the province wrote it, key)
    budget_yuan: Decimal | None = None  # 全年预算 of the system, in 元
    expected_weight: Decimal | None = Decimal(100)
    min_quantified: Decimal = Decimal(50)  # percent of rows with a numeric target


@dataclass(frozen=True)
class CheckResult:
    """One check's verdict: its code and title, whether it passed, and why, in Chinese."""

    code: str
    title: str
    passed: bool
    message: str
    problems: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def severity(self) -> str:
        """'ok', or the worst severity among the problems."""
        if self.passed:
            return "ok"
        return "error" if any(p.severity == "error" for p in self.problems) else "warning"


def numeric_target(ind: Indicator) -> Target | None:
    """The first absolute target with a number, or None (qualitative, deadlines, 同比 changes)."""
    return next(
        (
            t
            for t in ind.targets
            if t.op in NUMERIC_OPS and t.value is not None and t.relative is None
        ),
        None,
    )


def reversed_direction(ind: Indicator, target: Target) -> bool:
    """True when lower is better: a ceiling (≤, <) or a cost, duration or accident rate."""
    return target.op in ("<=", "<") or lower_is_better(ind)


def _where(ind: Indicator) -> str:
    return " › ".join([*ind.path, ind.name])


def _has_reason(ind: Indicator) -> bool:
    """True when the basis explains (由于, 鉴于, 考虑到, 说明：…), as the history check reads it.

    A basis that only lists the past years' figures explains nothing.
    """
    return stated_reason(ind) is not None


def check_dimensions(data: ReviewInput) -> CheckResult:
    """产出 with 数量/质量/时效/成本, 效益 and 满意度 each have at least one indicator."""
    present = {dimension_of(r.indicator.path, r.indicator.name) for r in data.rows}
    missing = [d for d in REQUIRED_DIMENSIONS if d not in present]
    title = "指标维度完整"
    if not missing:
        return CheckResult(
            "review.dimensions",
            title,
            True,
            "产出（数量、质量、时效、成本）、效益、满意度指标齐全。",
        )
    text = (
        "缺少"
        + "、".join(f"{d}指标" for d in missing)
        + "；绩效目标应覆盖产出（数量、质量、时效、成本）、效益和满意度。"
    )
    return CheckResult(
        "review.dimensions",
        title,
        False,
        text,
        (Finding("review.dimensions", "error", "指标体系", text),),
    )


def check_quantified_share(data: ReviewInput) -> CheckResult:
    """The share of rows with a numeric target reaches the minimum."""
    title = "量化指标比例"
    if not data.rows:
        return CheckResult(
            "review.quantified",
            title,
            False,
            "没有指标。",
            (Finding("review.quantified", "error", "指标体系", "没有指标。"),),
        )
    count = sum(1 for r in data.rows if numeric_target(r.indicator) is not None)
    share = quantize(Decimal(count) / len(data.rows) * HUNDRED, 1)
    text = f"{len(data.rows)}项指标中{count}项为量化指标，占{share}%（要求不低于{data.min_quantified}%）。"
    if share >= data.min_quantified:
        return CheckResult("review.quantified", title, True, text)
    finding = Finding("review.quantified", "warning", "指标体系", text, data.min_quantified, share)
    return CheckResult("review.quantified", title, False, text, (finding,))


def check_mandatory(data: ReviewInput) -> CheckResult:
    """Every 固化指标 the province requires is in the system."""
    title = "固化指标齐全"
    keys = {_key(r.indicator) for r in data.rows}
    missing = [name for name, key in data.mandatory if not any(_same(key, k) for k in keys)]
    if not data.mandatory:
        return CheckResult("review.mandatory", title, True, "上级未设定固化指标。")
    if not missing:
        return CheckResult(
            "review.mandatory", title, True, f"{len(data.mandatory)}项固化指标均已设置。"
        )
    problems = tuple(
        Finding(
            "review.mandatory",
            "error",
            name,
            f"缺少固化指标「{name}」，该指标为上级规定必须设置的指标。",
        )
        for name in missing
    )
    return CheckResult(
        "review.mandatory",
        title,
        False,
        f"缺少{len(missing)}项固化指标：" + "、".join(missing) + "。",
        problems,
    )


def _key(ind: Indicator) -> MatchKey:
    unit = ind.unit or next((t.unit for t in ind.targets if t.unit), None)
    return match_key(ind.name, unit, ind.path)


def _same(wanted: MatchKey, have: MatchKey) -> bool:
    return wanted.name == have.name and (
        not wanted.unit or not have.unit or wanted.unit == have.unit
    )


def check_last_year(data: ReviewInput) -> CheckResult:
    """No target is looser than last year's actual unless the 目标制定依据 says why."""
    problems = []
    for row in data.rows:
        ind, target = row.indicator, numeric_target(row.indicator)
        if target is None or row.last_actual is None or _has_reason(ind):
            continue
        reverse = reversed_direction(ind, target)
        looser = target.value > row.last_actual if reverse else target.value < row.last_actual
        if looser:
            side = "高于" if reverse else "低于"
            problems.append(
                Finding(
                    "review.below_last_year",
                    "error",
                    _where(ind),
                    f"目标值{target.value}{target.unit or ''}{side}上年实际完成值{row.last_actual}，且未在目标制定依据中说明理由。",
                    row.last_actual,
                    target.value,
                )
            )
    return _verdict(
        "review.below_last_year",
        "不低于上年实际",
        problems,
        "各项目标均不低于上年实际完成值，或已说明理由。",
    )


def check_peer_range(data: ReviewInput) -> CheckResult:
    """Each numeric target lies within the same indicator's range at other units, or is explained."""
    problems = []
    for row in data.rows:
        ind, target, peers = row.indicator, numeric_target(row.indicator), row.peers
        if target is None or peers is None or peers.count < 2 or _has_reason(ind):
            continue
        if not peers.contains(target.value):
            problems.append(
                Finding(
                    "review.outside_peers",
                    "warning",
                    _where(ind),
                    f"目标值{target.value}不在同类{peers.count}个单位的区间{peers.low}～{peers.high}内"
                    f"（中位数{peers.median}），请在目标制定依据中说明。",
                    f"{peers.low}～{peers.high}",
                    target.value,
                )
            )
    return _verdict(
        "review.outside_peers",
        "在同类单位区间内",
        problems,
        "各项目标均在同类单位的区间内，或已说明理由。",
    )


def check_cost_budget(data: ReviewInput) -> CheckResult:
    """The 成本指标 in money add up to no more than the system's budget."""
    title = "成本指标与预算一致"
    costs = [
        (r.indicator, t)
        for r in data.rows
        if (t := numeric_target(r.indicator)) is not None
        and dimension_of(r.indicator.path, r.indicator.name) == "成本"
        and (t.unit or "") in MONEY_UNITS
    ]
    if not costs:
        return CheckResult(
            "review.cost_budget", title, True, "没有以金额表示的成本指标，无需核对预算。"
        )
    if data.budget_yuan is None:
        return CheckResult("review.cost_budget", title, True, "未填报预算资金，成本指标无法核对。")
    total = sum((convert(t.value, t.unit, "元") or Decimal(0) for _i, t in costs), Decimal(0))
    budget = data.budget_yuan
    text = f"成本指标合计{_wan(total)}万元，预算资金{_wan(budget)}万元。"
    if total <= budget:
        return CheckResult("review.cost_budget", title, True, text + "成本未超出预算。")
    finding = Finding(
        "review.cost_budget",
        "error",
        "成本指标",
        text + "成本指标超出预算，应与预算保持一致。",
        _wan(budget),
        _wan(total),
    )
    return CheckResult("review.cost_budget", title, False, finding.message, (finding,))


def _wan(yuan: Decimal) -> Decimal:
    return quantize(yuan / Decimal(10000), 2)


def check_weights(data: ReviewInput) -> CheckResult:
    """The indicators' weights add up to the expected total (100, or 90 beside 10 for money)."""
    title = "分值合计正确"
    weights = [r.indicator.weight for r in data.rows if r.indicator.weight is not None]
    if data.expected_weight is None:
        return CheckResult("review.weights", title, True, "本指标体系不设分值。")
    total = sum(weights, Decimal(0))
    text = f"各指标分值合计{total.normalize():f}分，应为{data.expected_weight}分。"
    if weights and total == data.expected_weight:
        return CheckResult("review.weights", title, True, text)
    finding = Finding("review.weights", "error", "分值", text, data.expected_weight, total)
    return CheckResult("review.weights", title, False, text, (finding,))


def _verdict(code: str, title: str, problems: list[Finding], ok: str) -> CheckResult:
    if not problems:
        return CheckResult(code, title, True, ok)
    return CheckResult(
        code, title, False, f"{len(problems)}项指标未通过：" + problems[0].message, tuple(problems)
    )


Check = Callable[[ReviewInput], CheckResult]
CHECKS: tuple[Check, ...] = (
    check_dimensions,
    check_quantified_share,
    check_mandatory,
    check_last_year,
    check_peer_range,
    check_cost_budget,
    check_weights,
)


def review_targets(data: ReviewInput, extra: Sequence[Check] = ()) -> list[CheckResult]:
    """Run every check (and ``extra`` ones) over the targets; one result per check."""
    return [check(data) for check in (*CHECKS, *extra)]
