"""Next year's targets from history, and the rule that a low target needs a reason.

A bureau sets next year's target from what it achieved (the 历史标准 of DOMAIN.md 6): the
history the basis gives plus this year's actual form the baseline, and the suggestion is
the better of the 3-year average and last year's value, on the indicator's own side (the
higher for ≥ indicators, the lower for ≤ ones), so a suggestion never asks for less than
the bureau has already shown it can do. A target the officer types on the lax side of the
3-year average is refused unless a reason is given: this is the project business rule of
``core.baseline`` (no regulation states it), enforced at entry instead of reported later.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.baseline import DOWNWARD, UPWARD, Baseline, _same_scale, baseline_of
from jixiao.core.documents import Indicator
from jixiao.core.money import round_half_up
from jixiao.core.scoring.rules import fmt


@dataclass(frozen=True)
class Suggestion:
    """A suggested target with the baseline it comes from and the words that explain it."""

    value: Decimal | None
    op: str
    unit: str | None
    baseline: Baseline
    basis: str


def with_actual(ind: Indicator, year: int) -> Baseline:
    """The indicator's history plus this year's actual (when it is a number), in year order."""
    history = dict(ind.history)
    actual = _actual_value(ind)
    if actual is not None:
        history[str(year)] = actual
    return baseline_of(Indicator(id=ind.id, name=ind.name, history=history))


def _actual_value(ind: Indicator) -> Decimal | None:
    if ind.actual is None:
        return None
    for t in ind.actual.targets:
        if t.value is not None and t.relative is None:
            return t.value
    return None


def _target(ind: Indicator) -> tuple[str, str | None, Decimal | None]:
    for t in ind.targets:
        if t.value is not None and t.op in UPWARD + DOWNWARD:
            return t.op, t.unit or ind.unit, t.value
    return ">=", ind.unit, None


def suggest_target(ind: Indicator, year: int) -> Suggestion:
    """Suggest next year's target for ``ind`` from its history and ``year``'s actual."""
    base = with_actual(ind, year)
    op, unit, current = _target(ind)
    average, last = base.average, base.last_year
    if average is None or last is None:
        return Suggestion(None, op, unit, base, "无历史数据，请根据工作计划确定目标值。")
    if current is not None and not _same_scale(current, average):
        note = "历史数据与本年目标口径不一致（相差十倍以上），请根据工作计划确定目标值。"
        return Suggestion(None, op, unit, base, note)
    pick = min if op in DOWNWARD else max
    value = round_half_up(pick(average, last))
    years = "、".join(f"{y}年{fmt(v)}" for y, v in base.history[-3:])
    side = "较低者" if op in DOWNWARD else "较高者"
    basis = (
        f"近三年（{years}）平均值{fmt(round_half_up(average))}，上年值{fmt(last)}，"
        f"趋势{base.trend}；建议取二者{side}{fmt(value)}。"
    )
    return Suggestion(value, op, unit, base, basis)


def below_average(value: Decimal, op: str, base: Baseline) -> bool:
    """True when ``value`` is on the lax side of the 3-year average (low for ≥, high for ≤)."""
    average = base.average
    if average is None:
        return False
    return value > average if op in DOWNWARD else value < average


def check_entry(value: Decimal, op: str, base: Baseline, reason: str) -> str | None:
    """The Chinese refusal for a lax target without a reason, or None when it may be saved."""
    if not below_average(value, op, base) or reason.strip():
        return None
    side = "高于" if op in DOWNWARD else "低于"
    shown = fmt(round_half_up(base.average or Decimal(0)))
    return f"目标值{fmt(value)}{side}近三年平均值{shown}，请填写理由后再保存。"
