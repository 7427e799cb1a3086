"""Compare a result (实际完成值) with its target (目标值): met or not, and a completion ratio.

Scoring, checks and monitoring all ask the same question — did the result reach the target —
so the answer is computed here once: units are converted (``3万元`` against a target in 元),
reverse targets (``≤440元/人/天``) count a smaller result as better, ``between`` targets need the
result inside the range, ``by_date`` targets compare completion dates, qualitative levels are
placed on an ordered scale (优秀 > 良好 > 合格/中 > 差; 达成 > 部分达成 > 未达成), and relative targets
(``较上年增加10%``, ``提升1个百分点``) need the previous year's value.

``ratio`` is the completion ratio used for proportional scoring: result ÷ target for "more is
better", target ÷ result for "less is better", 1 when a range or date is met. It is not capped;
the scoring rules decide how to cap it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.documents import Target
from jixiao.core.quantities import convert
from jixiao.core.targets import parse_target

ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)

#: Ordered scales of qualitative levels: a higher number is better. Longest words first, so that
#: 部分达成 and 未达成 are not read as 达成.
LEVELS: tuple[tuple[str, int], ...] = (
    ("部分达成", 1),
    ("未达成", 0),
    ("基本达成", 1),
    ("达成", 2),
    ("未完成", 0),
    ("基本完成", 1),
    ("完成", 2),
    ("优秀", 4),
    ("良好", 3),
    ("合格", 2),
    ("中等", 2),
    ("一般", 2),
    ("不合格", 1),
    ("较差", 1),
    ("优", 4),
    ("良", 3),
    ("中", 2),
    ("差", 1),
)


@dataclass(frozen=True)
class Comparison:
    """The outcome: ``met`` (None when it cannot be told), ``ratio`` and a Chinese explanation."""

    met: bool | None
    ratio: Decimal | None
    explanation: str


def level_of(text: str | None) -> int | None:
    """The rank of the first level word in ``text`` (``良好以上`` → 3), or None."""
    if not text:
        return None
    hits = [(text.find(word), -len(word), rank) for word, rank in LEVELS if word in text]
    return min(hits)[2] if hits else None


def compare(
    target: Target, actual: Target | str | None, previous: Decimal | Target | None = None
) -> Comparison:
    """Compare one result with one target.

    Args:
        target: the target as read by ``parse_target``.
        actual: the result, as a Target or as printed text (read with ``parse_target``).
        previous: the previous year's value, needed only for relative targets (yoy, points).
    """
    result = _first(actual)
    if result is None:
        return Comparison(None, None, "无实际完成值，无法判断是否达成")
    if target.op == "qualitative" or result.op == "qualitative":
        return _qualitative(target, result)
    if target.op == "by_date":
        return _by_date(target, result)
    if target.relative:
        return _relative(target, result, previous)
    return _numeric(target, result)


def _first(actual: Target | str | None) -> Target | None:
    if isinstance(actual, Target):
        return actual
    if not actual:
        return None
    found = parse_target(actual)
    return found[0] if found else None


def _qualitative(target: Target, result: Target) -> Comparison:
    wanted, got = level_of(target.raw), level_of(result.raw)
    if target.op != "qualitative" and target.value is not None:
        return Comparison(
            None, None, f"目标为数值（{target.raw}），实际“{result.raw}”不含数值，无法比较"
        )
    if wanted is None or got is None:
        return Comparison(None, None, f"定性目标“{target.raw}”无法与“{result.raw}”按等级比较")
    met = got >= wanted
    ratio = ONE if met else Decimal(got) / Decimal(wanted)
    verdict = "达到" if met else "未达到"
    return Comparison(met, ratio, f"实际“{result.raw}”{verdict}目标等级“{target.raw}”")


def _by_date(target: Target, result: Target) -> Comparison:
    if result.date is None or target.date is None:
        return Comparison(None, None, f"完成时间“{result.raw}”不是日期，无法与时限比较")
    met = result.date <= target.date
    verdict = "按期完成" if met else "逾期完成"
    return Comparison(met, ONE if met else ZERO, f"{verdict}：{result.date}，时限 {target.date}")


def _value_in(result: Target, unit: str | None) -> Decimal | None:
    if result.value is None:
        return None
    if result.unit is None or unit is None:
        return result.value
    return convert(result.value, result.unit, unit)


def _numeric(target: Target, result: Target) -> Comparison:
    value = _value_in(result, target.unit)
    if value is None or target.value is None:
        return Comparison(None, None, f"单位不一致（{result.unit} 与 {target.unit}），无法比较")
    met = _holds(target, value)
    ratio = _ratio(target, value, met)
    verdict = "达到" if met else "未达到"
    return Comparison(met, ratio, f"实际 {value}{target.unit or ''} {verdict}目标 {target.raw}")


def _holds(target: Target, value: Decimal) -> bool:
    goal = target.value if target.value is not None else ZERO
    if target.op == "between":
        return goal <= value <= (target.upper if target.upper is not None else goal)
    checks = {">=": value >= goal, ">": value > goal, "<=": value <= goal, "<": value < goal}
    return checks.get(target.op, value == goal)


def _ratio(target: Target, value: Decimal, met: bool) -> Decimal:
    goal = target.value if target.value is not None else ZERO
    if target.op == "between":
        upper = target.upper if target.upper is not None else goal
        if met:
            return ONE
        return value / goal if value < goal and goal else (upper / value if value else ZERO)
    if target.op in ("<=", "<"):
        return ONE if value <= goal or value == 0 else goal / value
    if goal == 0:
        return ONE if met else ZERO
    return value / goal


def _relative(target: Target, result: Target, previous: Decimal | Target | None) -> Comparison:
    before = previous.value if isinstance(previous, Target) else previous
    if before is None or result.value is None or target.value is None:
        return Comparison(None, None, f"相对目标“{target.raw}”需要上年值才能判断")
    if target.relative == "points":
        change = result.value - before
    elif before == 0:
        return Comparison(None, None, "上年值为0，无法计算增长率")
    else:
        change = (result.value - before) / before * HUNDRED
    met = _holds(target, change)
    ratio = _ratio(target, change, met) if target.value > 0 else (ONE if met else ZERO)
    what = "百分点" if target.relative == "points" else "%"
    verdict = "达到" if met else "未达到"
    return Comparison(met, ratio, f"较上年变化 {change:.2f}{what}，{verdict}目标 {target.raw}")
