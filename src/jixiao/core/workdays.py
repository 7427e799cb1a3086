"""Statutory reply deadlines of 依申请公开 in working days on the Chinese calendar.

The 《中华人民共和国政府信息公开条例》(2019年修订) counts in 工作日, so a deadline is only right
when the State Council's holiday notices (法定节假日) and their 调休 make-up working days (a
Saturday or Sunday that is worked) are honoured. The ``chinese_calendar`` package carries those
notices year by year; for a year it does not know yet (the notice is published each November),
Monday to Friday is assumed and :func:`calendar_known` says so, so the page can warn.

The rules, with their articles:

- 第三十三条第一款: a reply is due within 20 working days of receipt; with the approval of the head of
  the disclosure office the term may be extended once, by at most 20 working days
  (:data:`REPLY_DAYS`, :data:`MAX_EXTENSION_DAYS`).
- 第三十三条第二款: the time spent consulting a third party or another authority is not counted
  (a *pause*: working days inside it do not run; see also 第三十二条, 15 working days for the
  third party's opinion).
- 第三十条: an unclear request gets one correction notice (补正) within 7 working days of receipt
  (:data:`CORRECTION_NOTICE_DAYS`); the reply term then runs from the day the corrected request
  is received — the clock *restarts*, it does not resume.
- 第三十一条: the day of receipt depends on the channel (in person: the day handed in; post: the
  day signed for; online and fax: the day both sides confirm). The caller passes that date.
- Counting starts the day after receipt (the first day is not counted, as for every statutory
  period in days), so a request received on a working day has day 1 on the next working day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

REPLY_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
DUE_SOON_DAYS = 5


def calendar_known(day: date) -> bool:
    """True when the holiday notice of ``day``'s year is in the calendar package."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=8192)
def is_workday(day: date) -> bool:
    """True on a working day: not a statutory holiday, or a weekend made a working day (调休).

    A year the calendar does not cover falls back to Monday–Friday (see :func:`calendar_known`).
    Remembered per day: the package checks each date against the min and max of all its
    holidays, and a register of 60 requests asks about some 4,000 days (0.16 s a page).
    """
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


@dataclass(frozen=True)
class Pause:
    """An interval whose working days do not count (征求第三方意见, 第三十三条第二款), ends included."""

    start: date
    end: date

    def covers(self, day: date) -> bool:
        """True when ``day`` lies in the pause."""
        return self.start <= day <= self.end


def add_workdays(start: date, days: int, pauses: Iterable[Pause] = ()) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted), skipping pauses.

    ``days`` = 0 gives ``start``. Working days inside a pause are not counted, so a pause moves
    the deadline by exactly the working days it covers (第三十三条第二款).
    """
    if days < 0:
        raise ValueError("工作日数不能为负")
    held = tuple(pauses)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_workday(day) and not any(p.covers(day) for p in held):
            counted += 1
    return day


def workdays_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end is earlier)."""
    if end < start:
        return -workdays_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if is_workday(start + timedelta(n)))


@dataclass(frozen=True)
class Clock:
    """What a request's statutory clock needs: receipt, extension, correction and pauses.

    Attributes:
        received: the day of receipt as 第三十一条 defines it for the channel.
        extension_days: working days of an approved extension (0–20, 第三十三条第一款).
        correction_received: the day the corrected request came in after a 补正 notice; the
            term restarts from it (第三十条).
        pauses: third-party or other-authority consultations (第三十三条第二款).
    """

    received: date
    extension_days: int = 0
    correction_received: date | None = None
    pauses: tuple[Pause, ...] = field(default_factory=tuple)


def due_date(clock: Clock) -> date:
    """The last day to reply: 20 working days (+ extension) from receipt or the corrected request.

    Raises:
        ValueError: the extension is longer than the 20 working days 第三十三条 allows, or the
            corrected request predates the original one.
    """
    if not 0 <= clock.extension_days <= MAX_EXTENSION_DAYS:
        raise ValueError(f"延长答复期限最长不得超过{MAX_EXTENSION_DAYS}个工作日（条例第三十三条）")
    start = clock.received
    if clock.correction_received is not None:
        if clock.correction_received < clock.received:
            raise ValueError("收到补正的日期不能早于收到申请的日期")
        start = clock.correction_received
    return add_workdays(start, REPLY_DAYS + clock.extension_days, clock.pauses)


def correction_notice_due(received: date) -> date:
    """The last day to send the one-off 补正 notice: 7 working days after receipt (第三十条)."""
    return add_workdays(received, CORRECTION_NOTICE_DAYS)


def deadline_state(
    due: date, today: date, replied: date | None = None, soon: int = DUE_SOON_DAYS
) -> str:
    """``done``, ``late`` (replied after due), ``overdue``, ``soon`` (≤ ``soon`` working days) or ``open``."""
    if replied is not None:
        return "late" if replied > due else "done"
    if today > due:
        return "overdue"
    return "soon" if workdays_between(today, due) <= soon else "open"
