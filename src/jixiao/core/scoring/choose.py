"""Which rule scores an indicator, and with which inputs: the defaults by kind and direction.

The documents rarely say which rule they applied, so the choice follows what they show:

- a deadline (``by_date``) or a range (``between``) is met or not → :class:`AllOrNothing`
  (a range on a count is met from its lower end up, on a cost from its upper end down);
- ``=`` on a count (2 项, 300 块) is met when the count is reached → :class:`AllOrNothing`
  (an overshoot is no failure); ``=`` on a rate (100%) is scored like a positive rate;
- ``>=`` / ``>`` → :class:`Proportional` (实际 ÷ 目标 × 分值, capped);
- ``<=`` / ``<`` and ``=`` 0 (事故 0 次) → reverse :class:`Proportional`; so is a bare ``=``
  on a cost, a duration or an accident count (成本 ``60万元``: a ceiling, not a quota);
- a negative target or result (``下降3%``, ``负增长3%``, ``-5``) → :class:`AllOrNothing` by the
  operator: a ratio of signed values means nothing (a fall of 3% is no 60% of a 5% rise);
- a qualitative target (or 定性 nature) → :class:`Bands`, the level read from the result;
- several numbers in one target (6个市州、12个成员单位…) → every one must be reached.

When the actual simply repeats the target's words (``≤2 小时`` / ``≤2 小时``) the target is
met whatever its kind. When no actual is printed (self-evaluation tables such as 002) the
printed score is all there is: a score equal to the weight reads as "met" (all or nothing),
anything else cannot be recomputed and is taken as printed, saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.core.documents import Indicator, Target
from jixiao.core.scoring.criteria import score_by_criteria
from jixiao.core.scoring.rules import (
    AllOrNothing,
    Bands,
    Proportional,
    RuleResult,
    fmt,
)

MET_WORDS = re.compile(r"已完成|完成|达成|达到|实现|优秀|良好|通过|符合|满意")
MISSED_WORDS = re.compile(r"未完成|未达成|未达到|未实现|不符合|未通过|没有完成|尚未")
PARTIAL_WORDS = re.compile(r"部分|基本")
NOT_APPLICABLE = re.compile(r"不适用|不考核|不涉及")
REVERSE_KINDS = re.compile(r"成本|费用|时间|时长|用时|天数|事故|发生率|差错率|投诉率")


def is_applicable(ind: Indicator) -> bool:
    """False when the result says the indicator does not apply (不适用): it is dropped and re-based."""
    raw = ind.actual.raw if ind.actual else ""
    return not NOT_APPLICABLE.search(raw or "")


#: What a choice is scored by (:class:`Choice`). Each is expressible from the choice's
#: fields and the indicator's 分值 and printed score alone, so a database can store a choice
#: as typed columns and score it again, set-based, when a weight or a rule changes.
MET = "met"  # all or nothing, by the met flag (None: not judged)
PRINTED = "printed"  # no comparable result: the weight if the printed score equals it
BANDS = "bands"  # qualitative bands, by the level read from the result
RATIO = "ratio"  # 实际 ÷ 目标 × 分值, capped
REVERSE = "reverse"  # 目标 ÷ 实际 × 分值, capped (costs, durations, ``≤`` targets)


@dataclass(frozen=True)
class Choice:
    """The rule an indicator is scored by, with its inputs, read from the target and result.

    A choice never depends on the weight: scoring it (:func:`score_choice`) does. This split
    is what lets a full rescore after a weight or rule change keep the choice (stored at
    write time) and recompute only the arithmetic.
    """

    kind: str
    met: bool | None = None
    detail: str = ""
    level: str | None = None
    target: Target | None = None
    actual: Target | None = None


def choose_and_score(ind: Indicator, rates: dict[str, Decimal] | None = None) -> RuleResult:
    """Score ``ind`` with the default rule for its target, or explain why it cannot be.

    ``rates`` are the document's 到位率/执行率, for rules stated in the 评分标准 text.
    """
    weight = ind.weight if ind.weight is not None else Decimal(0)
    by_criteria = score_by_criteria(ind, weight, rates or {})
    if by_criteria is not None:
        return by_criteria
    return score_choice(choose(ind), ind, weight)


def choose(ind: Indicator) -> Choice:
    """The default rule for ``ind``'s target and result (after any 评分标准 rule)."""
    if ind.actual is None or not (ind.actual.raw or "").strip():
        return Choice(PRINTED)
    if _same_words(ind):
        return Choice(MET, True, "实际完成值与目标值表述一致")
    numeric = [t for t in ind.targets if t.value is not None and t.op not in ("qualitative",)]
    if (ind.nature == "定性" and not numeric) or _only_qualitative(ind):
        return Choice(BANDS, level=_level_of(ind.actual.raw))
    if any(t.op == "by_date" for t in ind.targets):
        return _deadline(ind)
    return _numbers(ind, numeric)


def score_choice(choice: Choice, ind: Indicator, weight: Decimal) -> RuleResult:
    """The points of ``choice`` at ``weight`` (``ind`` gives the printed score)."""
    if choice.kind == MET:
        return AllOrNothing().score(weight, choice.met, choice.detail)
    if choice.kind == BANDS:
        return Bands().score(weight, choice.level, ind.score)
    if choice.kind in (RATIO, REVERSE):
        assert choice.target is not None
        assert choice.actual is not None
        rule = Proportional(reverse=choice.kind == REVERSE)
        return rule.score(weight, choice.actual.value, choice.target.value)
    return _from_printed(ind, weight, choice.detail or "未印实际完成值")


def _numbers(ind: Indicator, numeric: list[Target]) -> Choice:
    """Numeric targets against the numbers of the result."""
    actuals = [t for t in ind.actual.targets if t.value is not None] if ind.actual else []
    if len(numeric) > 1:
        return _several(numeric, actuals)
    if not numeric or not actuals:
        return Choice(PRINTED, detail="目标值或实际完成值不是可比的数值")
    if (numeric[0].unit == "%") != (actuals[0].unit == "%") and actuals[0].value != 0:
        return Choice(PRINTED, detail="目标值与实际完成值一为比率一为数量，不可比")
    return pair_choice(numeric[0], actuals[0], lower_is_better(ind))


def lower_is_better(ind: Indicator) -> bool:
    """True for costs, durations and accidents: a bare ``=`` target there is a ceiling."""
    text = " ".join([*ind.path, ind.name])
    return bool(REVERSE_KINDS.search(text))


def score_pair(
    target: Target, actual: Target, weight: Decimal, reverse: bool = False
) -> RuleResult:
    """Score one numeric target against one numeric actual by the target's operator.

    ``reverse`` marks an indicator whose nature is "lower is better" (成本, 时间, 事故), so a
    target printed without a direction (``60万元``) is read as a ceiling.
    """
    choice = pair_choice(target, actual, reverse)
    if choice.kind == MET:
        return AllOrNothing().score(weight, choice.met, choice.detail)
    rule = Proportional(reverse=choice.kind == REVERSE)
    return rule.score(weight, actual.value, target.value)


def pair_choice(target: Target, actual: Target, reverse: bool = False) -> Choice:
    """The rule for one numeric target and one numeric actual, by the target's operator."""
    value, got = target.value, actual.value
    assert value is not None
    assert got is not None
    if target.op == "between":
        choice = _range(target, got, reverse)
    elif value < 0 or got < 0:
        choice = _signed(target, got, reverse)
    elif target.op in ("<=", "<") or (target.op == "=" and (value == 0 or reverse)):
        choice = Choice(REVERSE)
    elif target.op == "=" and target.unit != "%":
        choice = Choice(MET, got >= value, f"计数目标{fmt(value)}，实际{fmt(got)}")
    else:
        choice = Choice(RATIO)
    return replace(choice, target=target, actual=actual)


def _signed(target: Target, got: Decimal, reverse: bool) -> Choice:
    """A negative target or result (下降3%, 负增长, -5): met or not, never a ratio.

    A ratio of signed values says nothing (−3 ÷ 5 is no share of the target, −5 ÷ −3 is no
    overshoot), so the target's operator decides alone; a bare ``=`` reads as a floor, or as a
    ceiling on a "lower is better" indicator.
    """
    value = target.value if target.value is not None else Decimal(0)
    op = target.op if target.op != "=" else ("<=" if reverse else ">=")
    checks = {">=": got >= value, ">": got > value, "<=": got <= value, "<": got < value}
    met = checks.get(op, got == value)
    how = f"目标{fmt(value)}、实际{fmt(got)}含负值（下降），按是否达到目标计分"
    return Choice(MET, met, how)


def _range(target: Target, got: Decimal, reverse: bool) -> Choice:
    """Judge a range target: from its lower end up, or for a cost from its upper end down.

    A count of 5-8 项 with 22 done is more, not less; a cost of 2万-20万元/个 at 7.91万 (or
    below 2万) is within budget.
    """
    low = target.value if target.value is not None else got
    upper = target.upper if target.upper is not None else low
    met = got <= upper if reverse else got >= low
    side = f"不超过上限{fmt(upper)}" if reverse else f"不低于下限{fmt(low)}"
    return Choice(MET, met, f"区间{fmt(low)}至{fmt(upper)}，实际{fmt(got)}，以{side}为完成")


def _several(targets: list[Target], actuals: list[Target]) -> Choice:
    if actuals and all(a.value == 0 for a in actuals):
        return Choice(MET, False, "目标含多个数值，实际为0")
    if len(actuals) != len(targets):
        return Choice(MET, None)
    met = all(
        score_pair(t, a, Decimal(1)).points == 1 for t, a in zip(targets, actuals, strict=True)
    )
    return Choice(MET, met, f"目标含{len(targets)}个数值，逐项比对")


def _deadline(ind: Indicator) -> Choice:
    due = next(t.date for t in ind.targets if t.op == "by_date")
    done = next((t.date for t in ind.actual.targets if t.date), None) if ind.actual else None
    if done is None or due is None:
        met = bool(
            ind.actual
            and MET_WORDS.search(ind.actual.raw)
            and not MISSED_WORDS.search(ind.actual.raw)
        )
        return Choice(MET, met, "时限目标，按完成情况的文字判断")
    return Choice(MET, done <= due, f"时限{due}，实际{done}")


def _from_printed(ind: Indicator, weight: Decimal, why: str = "未印实际完成值") -> RuleResult:
    """No comparable actual: a full printed score reads as met; otherwise keep the printed one."""
    if ind.score is not None and ind.score == weight:
        return AllOrNothing().score(weight, True, f"{why}，得分等于分值，视为已完成")
    inputs = {"印出得分": ind.score}
    return RuleResult("as_printed", None, weight, inputs, f"{why}，无法复核，沿用印出得分")


def _same_words(ind: Indicator) -> bool:
    if not ind.actual or not ind.targets:
        return False
    target = "".join(t.raw for t in ind.targets)
    return _squash(ind.actual.raw) == _squash(target) != ""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _only_qualitative(ind: Indicator) -> bool:
    return bool(ind.targets) and all(t.op == "qualitative" for t in ind.targets)


def _level_of(raw: str) -> str | None:
    """Read a qualitative level (达成 / 部分达成 / 未达成) from the printed result."""
    if MISSED_WORDS.search(raw):
        return "未达成年度指标且效果较差"
    if PARTIAL_WORDS.search(raw):
        return "部分达成年度指标并具有一定效果"
    if MET_WORDS.search(raw):
        return "达成年度指标"
    return None
