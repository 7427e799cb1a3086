"""In-year monitoring (运行监控, the "双监控"): target progress and spending against the calendar.

中发〔2018〕34号 asks every unit to watch two things during the year: how far each performance
target has come and how fast the budget is spent. Both are judged against the share of the year
that has passed (DOMAIN.md 3.3): at 6月30日 half a yearly count and half the money should be done.
The vendor rule quoted there lights a unit red below 60 % of the time-expected progress, amber
below 80 % and green from 80 %; provinces set their own numbers, so they are a
:class:`Thresholds` value passed in, never constants in the code.

Only cumulative targets (counts and amounts that grow through the year: ``≥300户次``) are scaled
by time. Rates (``≥85%``), ceilings (``≤440元/人/天``), ranges, relative targets and qualitative
levels are judged against the full target at any date, and a deadline (``2023年12月31日前``)
is on track until it has passed. Whether a result reaches a target is asked of
:func:`jixiao.core.compare.compare`, the same question scoring asks.

Words where a number is due (``未完成`` against ``≥6次``) cannot clear a light: a numeric target
with a result that holds no number is red, and the explanation asks for the figure (issue 16).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jixiao.core.compare import compare
from jixiao.core.documents import Target
from jixiao.core.money import execution_rate, round_half_up
from jixiao.core.targets import parse_target

HUNDRED = Decimal(100)
ZERO = Decimal(0)

RED = "red"
AMBER = "amber"
GREEN = "green"
NONE = "none"
#: The lights in their Chinese names, worst first (the order the pages sort by).
STATUS_LABELS = {RED: "红灯", AMBER: "黄灯", GREEN: "绿灯", NONE: "未判定"}
_SEVERITY = {RED: 3, AMBER: 2, NONE: 1, GREEN: 0}
#: Operators of targets that are numbers: a result for them must hold a number.
NUMERIC_OPS = frozenset({">=", ">", "<=", "<", "=", "between"})


@dataclass(frozen=True)
class Thresholds:
    """Where the lights change, in percent of the time-expected progress.

    ``red_below=60, amber_below=80`` is the vendor rule in DOMAIN.md 3.3: below 60 % red,
    60 % up to 80 % amber, from 80 % green.
    """

    red_below: Decimal = Decimal(60)
    amber_below: Decimal = Decimal(80)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Progress:
    """One monitored figure at a date.

    Attributes:
        status: ``red``, ``amber``, ``green`` or ``none`` (no result, or not comparable).
        progress: percent of the annual target (or budget) reached at the date.
        expected: percent the calendar expects at the date (100 for non-cumulative targets).
        relative: progress ÷ expected × 100: the figure the lights read.
        explanation: a Chinese sentence that says how the light was reached.
    """

    status: str
    progress: Decimal | None
    expected: Decimal | None
    relative: Decimal | None
    explanation: str

    @property
    def completion(self) -> Decimal | None:
        """``relative`` capped at 100: a unit far ahead on one target cannot hide another."""
        return None if self.relative is None else min(self.relative, HUNDRED)


def elapsed_share(as_of: date, year: int) -> Decimal:
    """Percent of ``year`` elapsed at the end of ``as_of`` (6月30日 → 50, 12月31日 → 100).

    Counted in months, as the bureaus' formula ``(执行数/预算数)/(月份/12)`` does: a month-end date
    is a whole number of twelfths, a mid-month date adds the month's elapsed days.
    """
    if as_of.year < year:
        return ZERO
    if as_of.year > year:
        return HUNDRED
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    months = Decimal(as_of.month - 1) + Decimal(as_of.day) / Decimal(days)
    return round_half_up(months / Decimal(12) * HUNDRED)


def light_for(relative: Decimal | None, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """The light for a progress-against-expected figure (None gives ``none``)."""
    if relative is None:
        return NONE
    if relative < thresholds.red_below:
        return RED
    if relative < thresholds.amber_below:
        return AMBER
    return GREEN


def worst(statuses: list[str]) -> str:
    """The most serious of several lights (red over amber over none over green)."""
    return max(statuses, key=lambda s: _SEVERITY.get(s, 0)) if statuses else NONE


def is_cumulative(target: Target) -> bool:
    """True for a count or amount that grows through the year, so the calendar scales it."""
    return (
        target.op in (">=", ">", "=")
        and target.value is not None
        and target.value > 0
        and target.unit != "%"
        and not target.relative
    )


def indicator_progress(
    targets: list[Target],
    result: Target | str | None,
    as_of: date,
    year: int,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Progress:
    """Judge an indicator's result at ``as_of`` against its targets; the worst target decides.

    Args:
        targets: the indicator's annual targets (``parse_target`` of its 年度指标值).
        result: the cumulative result at the date, as a Target or as typed text.
        as_of: the monitoring date (截止日期).
        year: the year the targets belong to.
        thresholds: the province's light thresholds.
    """
    if not targets:
        return Progress(NONE, None, None, None, "指标没有可比较的目标值")
    if result is None or (isinstance(result, str) and not result.strip()):
        return Progress(NONE, None, None, None, f"截至{as_of:%Y年%m月%d日}未填报完成值")
    results = parse_target(result) if isinstance(result, str) else [result]
    words = result if isinstance(result, str) else result.raw
    numeric = [t for t in targets if t.op in NUMERIC_OPS and t.value is not None]
    if numeric and not any(r.value is not None or r.date for r in results):
        return _words_for_number(numeric[0], words)
    judged = [
        _one_target(t, _matching(t, results) or result, as_of, year, thresholds) for t in targets
    ]
    known = [p for p in judged if p.status != NONE] or judged
    return max(known, key=lambda p: _SEVERITY.get(p.status, 0))


def _words_for_number(target: Target, words: str) -> Progress:
    """Red for text typed where a number is due: it must not read as "not judged"."""
    explanation = (
        f"目标为数值（{target.raw}），填报的“{words.strip()[:40]}”不含数值，按未达到目标判为红灯；"
        "请填写截至监控日的完成数（如“3次”），并说明偏差原因和纠偏措施"
    )
    return Progress(RED, None, HUNDRED, None, explanation)


def _matching(target: Target, results: list[Target]) -> Target | None:
    """The result in the same unit as ``target`` (``47家组织4个人`` against ``45家``, ``3个``)."""
    same = [r for r in results if r.unit == target.unit]
    return same[0] if same else (results[0] if results else None)


def _one_target(
    target: Target, result: Target | str, as_of: date, year: int, thresholds: Thresholds
) -> Progress:
    outcome = compare(target, result)
    if target.op == "by_date":
        return _deadline(target, outcome.met, as_of, outcome.explanation)
    if outcome.ratio is None:
        return Progress(NONE, None, None, None, outcome.explanation)
    progress = round_half_up(outcome.ratio * HUNDRED)
    if target.op == "qualitative":
        status = GREEN if outcome.met else (AMBER if outcome.ratio > 0 else RED)
        return Progress(status, progress, HUNDRED, progress, outcome.explanation)
    if not is_cumulative(target):
        relative = HUNDRED if outcome.met else progress
        words = f"{outcome.explanation}（非累计指标，按全年目标判断）"
        return Progress(light_for(relative, thresholds), progress, HUNDRED, relative, words)
    return _against_calendar(target, progress, elapsed_share(as_of, year), thresholds)


def _against_calendar(
    target: Target, progress: Decimal, expected: Decimal, thresholds: Thresholds
) -> Progress:
    relative = HUNDRED if expected == 0 else round_half_up(progress / expected * HUNDRED)
    status = light_for(relative, thresholds)
    words = (
        f"已完成全年目标{target.raw}的{progress}%，时序进度应为{expected}%，"
        f"相当于应完成进度的{relative}%（{STATUS_LABELS[status]}）"
    )
    return Progress(status, progress, expected, relative, words)


def _deadline(target: Target, met: bool | None, as_of: date, words: str) -> Progress:
    if met:
        return Progress(GREEN, HUNDRED, HUNDRED, HUNDRED, words)
    due = date.fromisoformat(target.date) if target.date else None
    if due is not None and as_of < due:
        return Progress(GREEN, None, None, None, f"尚未到完成时限 {target.date}")
    if met is False:
        return Progress(RED, ZERO, HUNDRED, ZERO, words)
    return Progress(NONE, None, None, None, words)


def spending_progress(
    budget: Decimal | None,
    spent: Decimal | None,
    as_of: date,
    year: int,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Progress:
    """Judge spending at ``as_of``: 执行率 ÷ time-expected rate, the DOMAIN.md 3.3 formula.

    Args:
        budget: the year's budget (全年预算) of the project.
        spent: money spent up to the date (截至执行数), in the same unit.
        as_of: the monitoring date.
        year: the budget year.
        thresholds: the province's light thresholds for spending.
    """
    rate = execution_rate(spent, budget)
    if rate is None:
        why = "未填报支出" if spent is None else "预算为0或未填报，无法计算执行率"
        return Progress(NONE, None, None, None, why)
    rate = round_half_up(rate)
    expected = elapsed_share(as_of, year)
    relative = HUNDRED if expected == 0 else round_half_up(rate / expected * HUNDRED)
    status = light_for(relative, thresholds)
    words = (
        f"预算执行率{rate}%，时序进度应为{expected}%，"
        f"相当于应执行进度的{relative}%（{STATUS_LABELS[status]}）"
    )
    return Progress(status, rate, expected, relative, words)
