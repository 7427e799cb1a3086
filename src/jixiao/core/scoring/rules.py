"""Scoring rules as data: the rule types the bureaus' documents state, as frozen dataclasses.

Each rule holds its parameters and scores with ``score(...) -> RuleResult``; the result
carries the points, the weight, the inputs it used and a Chinese sentence that explains
the arithmetic, so every score on a sheet is traced to its inputs by construction
(STYLE.md 5.4). Rules never raise on odd figures: a missing input gives ``points=None``
with an explanation of what is missing, and the caller decides what to fall back on.

The types, with where the documents state them:

- :class:`AllOrNothing` — a quantitative target met gives the full weight (002, 003).
- :class:`Proportional` — 实际 ÷ 目标 × 分值, capped at the weight; reverse (≤) indicators
  score 目标 ÷ 实际 × 分值 (DOMAIN 1.5).
- :class:`DeductPerStep` — 到位率 100% gives 4, each 1% lower takes 0.2 (003 attachment 3).
- :class:`Checklist` — each criterion met gives its points, partial criteria part of them.
- :class:`Bands` — qualitative 达成 / 部分达成 / 未达成 as shares of the weight (DOMAIN 1.5).
- :class:`LinearOnRate` — 执行率 × 分值 (95.54% of 10 → 9.55, 003 attachment 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.documents import plain
from jixiao.core.money import HUNDRED, round_half_up

ZERO = Decimal(0)
ONE = Decimal(1)


def fmt(value: Decimal | None) -> str:
    """Print a Decimal the way the documents do: no trailing zeros, no exponent."""
    if value is None:
        return "—"
    text = f"{value.normalize():f}"
    return text


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule: points (None when not computable), the trace and why."""

    rule: str
    points: Decimal | None
    weight: Decimal
    inputs: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready trace (numbers as numbers, Chinese text kept)."""
        return {
            "rule": self.rule,
            "points": plain(self.points),
            "weight": plain(self.weight),
            "inputs": plain(self.inputs),
            "explanation": self.explanation,
        }


def _missing(rule: str, weight: Decimal, what: str, inputs: dict[str, Any]) -> RuleResult:
    return RuleResult(rule, None, weight, inputs, f"缺少{what}，无法按规则计分")


def _capped(points: Decimal, weight: Decimal) -> Decimal:
    return round_half_up(min(max(points, ZERO), weight))


@dataclass(frozen=True)
class AllOrNothing:
    """Full weight when the target is met, nothing otherwise (a count, a deadline, an `=`)."""

    name: str = "all_or_nothing"

    def score(self, weight: Decimal, met: bool | None, detail: str = "") -> RuleResult:
        """Score ``weight`` by whether the target was met; ``detail`` says how that was judged."""
        inputs = {"达成": met}
        if met is None:
            return _missing(self.name, weight, "完成情况", inputs)
        points = weight if met else ZERO
        verdict = "已完成目标，得全部分值" if met else "未完成目标，不得分"
        prefix = f"{detail}，" if detail else ""
        return RuleResult(self.name, points, weight, inputs, f"{prefix}{verdict}{fmt(points)}分")


@dataclass(frozen=True)
class Proportional:
    """实际 ÷ 目标 × 分值 (reverse: 目标 ÷ 实际 × 分值), capped at the weight when ``cap``.

    The product is taken before the one division, so a result that is exactly half a cent
    (5 of 24 at 3 points: 0.625) rounds up as the documents round it; dividing first lost the
    tie in the 28th digit (0.6249…→0.62). A zero target cannot be divided by: a positive indicator with target 0 is met by any
    actual ≥ 0; a reverse one (事故 0 次) is met only by an actual of 0 (DOMAIN 1.5, '=' 0).
    """

    reverse: bool = False
    cap: bool = True
    name: str = "proportional"

    def score(self, weight: Decimal, actual: Decimal | None, target: Decimal | None) -> RuleResult:
        """Score ``weight`` by the ratio of ``actual`` to ``target`` (or its inverse)."""
        inputs = {"实际完成值": actual, "目标值": target, "反向": self.reverse}
        if actual is None or target is None:
            return _missing(self.name, weight, "实际完成值或目标值", inputs)
        if self.reverse:
            return self._reverse(weight, actual, target, inputs)
        if target == 0:
            met = actual >= 0
            return RuleResult(
                self.name,
                weight if met else ZERO,
                weight,
                inputs,
                "目标值为0，实际不低于0即得全部分值",
            )
        points = actual * weight / target  # one division: a tie (x.xx5) stays exact
        return self._result(
            weight, points, inputs, f"实际{fmt(actual)}÷目标{fmt(target)}×分值{fmt(weight)}"
        )

    def _reverse(
        self, weight: Decimal, actual: Decimal, target: Decimal, inputs: dict[str, Any]
    ) -> RuleResult:
        if actual <= target and (actual == 0 or target == 0):
            return RuleResult(
                self.name,
                weight,
                weight,
                inputs,
                f"反向指标，实际{fmt(actual)}未超过目标{fmt(target)}，得全部分值",
            )
        if actual == 0 or target == 0:
            return RuleResult(
                self.name,
                ZERO,
                weight,
                inputs,
                f"反向指标，目标{fmt(target)}而实际为{fmt(actual)}，不得分",
            )
        points = target * weight / actual
        return self._result(
            weight,
            points,
            inputs,
            f"反向指标，目标{fmt(target)}÷实际{fmt(actual)}×分值{fmt(weight)}",
        )

    def _result(
        self, weight: Decimal, raw: Decimal, inputs: dict[str, Any], how: str
    ) -> RuleResult:
        points = _capped(raw, weight) if self.cap else round_half_up(max(raw, ZERO))
        capped = "（超额完成，以分值为限）" if self.cap and raw > weight else ""
        return RuleResult(self.name, points, weight, inputs, f"{how}，得{fmt(points)}分{capped}")


@dataclass(frozen=True)
class DeductPerStep:
    """Full points at ``start``; each ``step`` below it takes ``penalty``, down to zero.

    ``DeductPerStep(full=4, start=100, step=1, penalty=0.2)`` is 003's 到位率 rule. With
    ``whole_steps`` only completed steps count (98.5% → one step); by default the deduction
    is proportional to the shortfall, as evaluators usually apply it.
    """

    full: Decimal
    start: Decimal
    step: Decimal = ONE
    penalty: Decimal = Decimal("0.2")
    whole_steps: bool = False
    label: str = "比率"
    name: str = "deduct_per_step"

    def score(self, value: Decimal | None) -> RuleResult:
        """Score a rate in percent against the rule's starting point."""
        inputs = {
            self.label: value,
            "起点": self.start,
            "每步": self.step,
            "每步扣分": self.penalty,
        }
        if value is None:
            return _missing(self.name, self.full, self.label, inputs)
        head = f"{self.label}{fmt(round_half_up(value))}%"
        if value >= self.start:
            return RuleResult(
                self.name,
                self.full,
                self.full,
                inputs,
                f"{head}，达到{fmt(self.start)}%，得{fmt(self.full)}分",
            )
        steps = (self.start - value) / self.step
        if self.whole_steps:
            steps = steps.to_integral_value(rounding="ROUND_FLOOR")
        points = _capped(self.full - steps * self.penalty, self.full)
        why = f"每低{fmt(self.step)}%扣{fmt(self.penalty)}分，得{fmt(points)}分"
        return RuleResult(self.name, points, self.full, inputs, f"{head}，{why}")


@dataclass(frozen=True)
class Checklist:
    """Criteria worth ``points`` each; a criterion may be met, missed or met in part.

    ``score`` takes one entry per criterion: True/False, or a Decimal share (0.6 when three
    of five 0.4-point steps are done, as 003's 立项程序规范性 counts them).
    """

    points: tuple[Decimal, ...]
    name: str = "checklist"

    def score(self, weight: Decimal, results: Sequence[bool | Decimal | None]) -> RuleResult:
        """Add up the points of the criteria met, capped at ``weight``."""
        inputs = {"各项得分": list(self.points), "完成情况": list(results)}
        if len(results) != len(self.points) or any(r is None for r in results):
            return _missing(self.name, weight, "各评分要点的完成情况", inputs)
        earned = [p * _share(r) for p, r in zip(self.points, results, strict=True)]
        points = _capped(sum(earned, ZERO), weight)
        parts = "、".join(f"第{i}项{fmt(round_half_up(e))}分" for i, e in enumerate(earned, 1))
        return RuleResult(self.name, points, weight, inputs, f"{parts}，合计{fmt(points)}分")


def _share(result: bool | Decimal | None) -> Decimal:
    if isinstance(result, bool):
        return ONE if result else ZERO
    return result or ZERO


@dataclass(frozen=True)
class Band:
    """One qualitative level: its label and its share of the weight, from ``low`` to ``high``."""

    label: str
    low: Decimal
    high: Decimal


QUALITATIVE_BANDS = (
    Band("达成年度指标", Decimal("0.8"), ONE),
    Band("部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8")),
    Band("未达成年度指标且效果较差", ZERO, Decimal("0.6")),
)


@dataclass(frozen=True)
class Bands:
    """Qualitative bands: a level gives a range of points; a printed score must fall in it.

    Without a printed score the level's top is given (达成 → the full weight); with one, the
    printed score stands when it lies in the band and is pulled to the band's edge otherwise.
    """

    bands: tuple[Band, ...] = QUALITATIVE_BANDS
    name: str = "bands"

    def score(
        self, weight: Decimal, level: str | None, printed: Decimal | None = None
    ) -> RuleResult:
        """Score a qualitative result ``level`` (a band label or its first words)."""
        inputs = {"评价等级": level, "印出得分": printed}
        band = next(
            (b for b in self.bands if level and (level == b.label or b.label.startswith(level))),
            None,
        )
        if band is None:
            return _missing(self.name, weight, "定性评价等级", inputs)
        low, high = round_half_up(weight * band.low), round_half_up(weight * band.high)
        points = high if printed is None else min(max(printed, low), high)
        why = f"定性等级「{band.label}」对应{fmt(low)}至{fmt(high)}分，得{fmt(points)}分"
        return RuleResult(self.name, points, weight, inputs, why)


@dataclass(frozen=True)
class LinearOnRate:
    """Points grow linearly with a rate: zero at ``zero_at`` %, full weight at ``full_at`` %.

    ``LinearOnRate()`` is 执行率 × 分值 (DOMAIN 2.2), capped at the weight: 95.54% of 10
    points gives 9.55.
    """

    full_at: Decimal = HUNDRED
    zero_at: Decimal = ZERO
    label: str = "执行率"
    name: str = "linear_on_rate"

    def score(self, weight: Decimal, value: Decimal | None) -> RuleResult:
        """Score ``weight`` by where the rate ``value`` (in %) lies between the two ends."""
        inputs = {self.label: value, "满分点": self.full_at, "零分点": self.zero_at}
        if value is None:
            return _missing(self.name, weight, self.label, inputs)
        share = (value - self.zero_at) / (self.full_at - self.zero_at)
        points = _capped(share * weight, weight)
        shown = fmt(round_half_up(value))
        why = f"{self.label}{shown}%×分值{fmt(weight)}，得{fmt(points)}分"
        if self.zero_at:
            why = f"{self.label}{shown}%，{fmt(self.zero_at)}%为0分、{fmt(self.full_at)}%为满分，得{fmt(points)}分"
        return RuleResult(self.name, points, weight, inputs, why)


RULE_TYPES = (AllOrNothing, Proportional, DeductPerStep, Checklist, Bands, LinearOnRate)
