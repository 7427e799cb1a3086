"""绩效目标调整 in the year: which target applies on a date, and the window's reminder.

An approved adjustment takes effect on the day it is approved: a monitoring date before that
day is judged against the target as it was (调整前), that day and later against the adjusted one
(调整后). Adjustments chain, so the target on a date is the 调整前 of the first adjustment
approved after that date, or the current target when none was. Dates are always passed in:
nothing here reads the clock, so the rules are the same whatever day the tests run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Adjustment(Generic[T]):
    """One approved change of an indicator's targets."""

    approved_on: date
    before: T
    after: T


def targets_on(current: T, adjustments: Sequence[Adjustment[T]], day: date) -> T:
    """The targets in force on ``day``: the current ones unless an adjustment came later."""
    later = [a for a in adjustments if a.approved_on > day]
    if not later:
        return current
    return min(later, key=lambda a: a.approved_on).before


def window_state(opens_on: date | None, closes_on: date, today: date) -> str:
    """'before', 'open' or 'closed': whether units may ask for an adjustment ``today``."""
    if opens_on is not None and today < opens_on:
        return "before"
    return "open" if today <= closes_on else "closed"


def reminder(closes_on: date, today: date, days_before: int) -> str | None:
    """The reminder text when the window closes within ``days_before`` days, else None."""
    left = (closes_on - today).days
    if left < 0 or left > days_before:
        return None
    when = "今天" if left == 0 else f"还剩{left}天"
    return (
        f"绩效目标调整将于{closes_on:%Y年%m月%d日}截止（{when}），需要调整目标的请尽快提出申请。"
    )
