"""Baselines: the history of a measure (last year, 3-year average, trend) against its target.

Targets are meant to be set from history (DOMAIN.md 6, the 历史标准 of 101号). A target
below the measure's own 3-year average looks set too low; when the document states why
(``说明：…因此2022年目标定为22批次，低于三年平均值``) that is a judgement the bureau made and
recorded, so it becomes a note; when it does not, it is a finding to ask about. This is a
project business rule, not a regulation (DOMAIN.md 6: no source states it), so the
severity of the unexplained case is a warning, not an error.

For reverse indicators (≤: 事故率, 成本) the lax side is the other one: a ceiling above
the 3-year average is what needs a reason.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.documents import Indicator, Target
from jixiao.core.findings import Finding
from jixiao.core.money import round_half_up
from jixiao.core.scoring.rules import fmt

REASON = re.compile(r"说明[:：]|因此|由于|鉴于|考虑到|受[^。；]{0,30}影响|(?<!不)低于|疫情")
UPWARD = (">=", ">", "=")
DOWNWARD = ("<=", "<")


@dataclass(frozen=True)
class Baseline:
    """A measure's history by year, and what it says about the next target."""

    history: tuple[tuple[str, Decimal], ...]

    @property
    def last_year(self) -> Decimal | None:
        """The latest year's value."""
        return self.history[-1][1] if self.history else None

    @property
    def average(self) -> Decimal | None:
        """The mean of the last three years (fewer when fewer are known)."""
        values = [v for _, v in self.history[-3:]]
        return sum(values, Decimal(0)) / len(values) if values else None

    @property
    def trend(self) -> str:
        """上升 / 下降 / 持平 / 波动 over the known years (数据不足 with fewer than two)."""
        values = [v for _, v in self.history]
        if len(values) < 2:
            return "数据不足"
        steps = [b - a for a, b in itertools.pairwise(values)]
        if all(s > 0 for s in steps):
            return "上升"
        if all(s < 0 for s in steps):
            return "下降"
        return "持平" if all(s == 0 for s in steps) else "波动"


def baseline_of(ind: Indicator) -> Baseline:
    """The indicator's history in year order (years as the document gives them)."""
    years = sorted(ind.history, key=lambda y: int(re.sub(r"\D", "", y) or 0))
    return Baseline(tuple((y, ind.history[y]) for y in years))


def stated_reason(ind: Indicator) -> str | None:
    """The sentences of the basis (or deviation) that explain a low target, if there are any."""
    for text in (ind.basis or "", ind.deviation or ""):
        sentences = [x.strip() for x in re.split(r"(?<=[。；;])", text) if REASON.search(x)]
        if sentences:
            return "".join(sentences)
    return None


def comparable_target(ind: Indicator) -> Target | None:
    """The target compared with history: the first numeric, absolute (not yoy) one."""
    for target in ind.targets:
        if target.value is not None and target.relative is None and target.op in UPWARD + DOWNWARD:
            return target
    return None


def _same_scale(value: Decimal, average: Decimal) -> bool:
    """False when target and history are plainly not the same measure (ten times apart or more).

    A basis often gives the history of a related count (条 against 万条, a total against a
    share); comparing those would report a low target that is not one.
    """
    if value <= 0 or average <= 0:
        return value == average == 0 or (value >= 0 and average >= 0)
    ratio = value / average
    return Decimal("0.1") < ratio < Decimal(10)


def check_baseline(ind: Indicator, where: str) -> Finding | None:
    """A finding (or a note, when a reason is stated) for a target on the lax side of its average."""
    base = baseline_of(ind)
    target = comparable_target(ind)
    average = base.average
    if target is None or average is None or target.value is None or len(base.history) < 2:
        return None
    if not _same_scale(target.value, average):
        return None
    lax = target.value < average if target.op in UPWARD else target.value > average
    if not lax:
        return None
    side = "低于" if target.op in UPWARD else "高于"
    years = "、".join(f"{y}年{fmt(v)}" for y, v in base.history[-3:])
    shown = fmt(round_half_up(average))
    head = f"目标值{fmt(target.value)}{side}近三年平均值{shown}（{years}，趋势{base.trend}）"
    reason = stated_reason(ind)
    if reason:
        message = f"{head}，已说明理由：{reason}"
        return Finding(
            "baseline.below_average", "note", where, message, round_half_up(average), target.value
        )
    message = f"{head}，未说明理由，请说明目标设定依据或调整目标"
    return Finding(
        "baseline.below_average", "warning", where, message, round_half_up(average), target.value
    )
