"""The dates of scheduled monitoring rounds (监控计划): monthly or quarterly, as a province sets.

A province monitors its year month by month or quarter by quarter. Each period closes on its
last day, which is the round's 监控截止日期 (``as_of``: the figures are "截至6月30日"); the round is
opened a set number of calendar days before or after that date (``open_days``: -5 opens on 25
June) and the units then have a set number of working days to fill it in (``fill_workdays``,
counted on the same statutory calendar as the disclosure register, :mod:`jixiao.core.workdays`).

A period is *due* from its opening day to its filling deadline. Opening a round whose deadline
has passed would hand the units work that is overdue at birth, so a period missed by more
than its filling time (a schedule set late in the year, a scheduler stopped for weeks) is left
for the province to launch by hand. Which periods already have a round is the caller's to say:
any round of the organisation dated inside the period counts, hand-launched or not.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from jixiao.core.workdays import add_workdays

MONTHLY = "monthly"
QUARTERLY = "quarterly"
#: The frequencies in the bureaus' words.
FREQUENCY_LABELS = {MONTHLY: "按月", QUARTERLY: "按季"}
#: How far before or after the period's end a round may open (calendar days).
MAX_OPEN_DAYS = 31
#: The longest filling time a province may give (working days).
MAX_FILL_WORKDAYS = 60


class ScheduleError(ValueError):
    """A plan that cannot work; the message is Chinese and names the field."""


@dataclass(frozen=True)
class Plan:
    """What the province sets for one year."""

    year: int
    frequency: str = QUARTERLY
    first_month: int = 1
    last_month: int = 12
    open_days: int = 0
    fill_workdays: int = 10


@dataclass(frozen=True)
class Period:
    """One monitoring period: its first and last day, when its round opens and is due."""

    start: date
    as_of: date
    opens_on: date
    due_on: date

    def holds(self, day: date) -> bool:
        """True when ``day`` lies inside the period (a round dated then counts for it)."""
        return self.start <= day <= self.as_of


def check_plan(plan: Plan) -> None:
    """Raise :class:`ScheduleError` (Chinese, naming the field) unless ``plan`` can work."""
    if plan.frequency not in FREQUENCY_LABELS:
        raise ScheduleError("监控频次只能是：按月、按季。")
    if not 1 <= plan.first_month <= plan.last_month <= 12:
        raise ScheduleError("起止月份须在1到12月之间，且起始月份不晚于结束月份。")
    if not -MAX_OPEN_DAYS <= plan.open_days <= MAX_OPEN_DAYS:
        raise ScheduleError(f"发起时间须在期末前后{MAX_OPEN_DAYS}天以内。")
    if not 1 <= plan.fill_workdays <= MAX_FILL_WORKDAYS:
        raise ScheduleError(f"填报期限须为1到{MAX_FILL_WORKDAYS}个工作日。")
    if not periods(plan):
        raise ScheduleError("所选月份内没有季末月份（3、6、9、12月），按季监控无法发起。")
    if any(p.opens_on > p.due_on for p in periods(plan)):
        raise ScheduleError("发起时间晚于填报截止日期，请提前发起或延长填报期限。")


def periods(plan: Plan) -> list[Period]:
    """The year's periods that end in the plan's months, in date order."""
    step = 1 if plan.frequency == MONTHLY else 3
    out = []
    for month in range(step, 13, step):
        if not plan.first_month <= month <= plan.last_month:
            continue
        start = date(plan.year, month - step + 1, 1)
        as_of = date(plan.year, month, calendar.monthrange(plan.year, month)[1])
        opens_on = as_of + timedelta(days=plan.open_days)
        out.append(Period(start, as_of, opens_on, add_workdays(as_of, plan.fill_workdays)))
    return out


def due_periods(plan: Plan, today: date, launched: Iterable[date]) -> list[Period]:
    """The periods whose round should be open on ``today`` and is not.

    ``launched`` are the dates of the organisation's existing rounds; a round dated anywhere
    in a period (launched by hand on 28 June, say) covers that period.
    """
    taken = tuple(launched)
    return [
        p
        for p in periods(plan)
        if p.opens_on <= today <= p.due_on and not any(p.holds(day) for day in taken)
    ]
