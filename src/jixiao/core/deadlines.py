"""Deadlines of the cycle's steps (填报截止, 审核时限), counted down in working days.

The province sets, for each step of a year (a 填报期: 1-6月 运行监控, 全年 自评), the day by
which units fill in and submit (填报截止) and the day by which the levels above review and
approve (审核时限). A workbench shows how many working days are left, on the same calendar
as the disclosure register (:mod:`jixiao.core.workdays`: holidays and 调休 honoured), and
marks a passed deadline as overdue. Today's date is always passed in, never read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jixiao.core.workdays import DUE_SOON_DAYS, workdays_between

OVERDUE = "overdue"
SOON = "soon"
OPEN = "open"


@dataclass(frozen=True)
class Countdown:
    """Where today stands against one deadline.

    Attributes:
        due: the last day.
        days: working days left after today up to ``due`` (0 on the day itself or when the
            remaining days are holidays; negative: working days overdue).
        state: ``overdue`` (the day has passed), ``soon`` (≤ ``soon`` working days left) or
            ``open``.
    """

    due: date
    days: int
    state: str

    @property
    def text(self) -> str:
        """The countdown as the workbench prints it."""
        if self.state == OVERDUE:
            late = max(-self.days, 1)
            return f"已逾期{late}个工作日（{self.due:%Y年%m月%d日}截止）"
        if self.days == 0:
            return f"今天截止（{self.due:%Y年%m月%d日}）"
        return f"剩余{self.days}个工作日（{self.due:%Y年%m月%d日}截止）"


def countdown(due: date, today: date, soon: int = DUE_SOON_DAYS) -> Countdown:
    """The working days from ``today`` to ``due`` and whether it is overdue or due soon."""
    days = workdays_between(today, due)
    if today > due:
        return Countdown(due, days, OVERDUE)
    return Countdown(due, days, SOON if days <= soon else OPEN)


@dataclass(frozen=True)
class Step:
    """One step of a year with its deadlines (either may be unset).

    Attributes:
        key: the caller's identifier of the step (a period's id).
        position: the step's order in the year.
        submit_by: 填报截止.
        review_by: 审核时限.
    """

    key: int
    position: int
    submit_by: date | None
    review_by: date | None

    @property
    def ends(self) -> date | None:
        """The step's last day: its review deadline, else its fill-in deadline."""
        return self.review_by or self.submit_by


def current_step(steps: Sequence[Step], today: date) -> Step | None:
    """The step a year is in on ``today``: the first whose last day has not passed.

    Steps without any deadline are skipped (nothing to count down); when every step has
    ended, the last one stays current, so what is still missing shows as overdue.
    """
    dated = sorted((s for s in steps if s.ends is not None), key=lambda s: s.position)
    for step in dated:
        if step.ends is not None and step.ends >= today:
            return step
    return dated[-1] if dated else None
