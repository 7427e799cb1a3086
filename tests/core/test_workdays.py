"""Statutory reply deadlines on the Chinese calendar (条例第三十条、第三十三条)."""

from __future__ import annotations

from datetime import date

import pytest

from jixiao.core.workdays import (
    Clock,
    Pause,
    add_workdays,
    calendar_known,
    correction_notice_due,
    deadline_state,
    due_date,
    is_workday,
    workdays_between,
)


def test_holidays_and_make_up_days_follow_the_state_council_notice() -> None:
    assert not is_workday(date(2020, 10, 1))  # 国庆节
    assert not is_workday(date(2020, 10, 8))  # 国庆、中秋连休的最后一天
    assert is_workday(date(2020, 9, 27))  # 星期日调休上班
    assert is_workday(date(2020, 10, 10))  # 星期六调休上班
    assert not is_workday(date(2020, 2, 1))  # 2020 年春节假期延长至 2 月 2 日
    assert is_workday(date(2020, 1, 19))  # 星期日调休上班


def test_the_first_day_is_not_counted() -> None:
    # Friday 2020-01-17: day 1 is the make-up Sunday 01-19, not the day of receipt.
    assert add_workdays(date(2020, 1, 17), 1) == date(2020, 1, 19)
    assert add_workdays(date(2020, 1, 17), 0) == date(2020, 1, 17)


def test_twenty_working_days_across_the_spring_festival() -> None:
    # 19,20,21,22,23 January (5), then the holiday to 2 February, then 3–21 February (15).
    assert due_date(Clock(date(2020, 1, 17))) == date(2020, 2, 21)


def test_twenty_working_days_across_national_day_with_weekend_make_up_days() -> None:
    received = date(2020, 9, 25)
    assert add_workdays(received, 5) == date(2020, 10, 9)
    assert add_workdays(received, 6) == date(2020, 10, 10)  # a Saturday worked
    assert due_date(Clock(received)) == date(2020, 10, 29)
    # Counting plain weekdays would give a date a week early.
    assert workdays_between(received, date(2020, 10, 29)) == 20


def test_an_extension_adds_at_most_twenty_working_days() -> None:
    received = date(2021, 3, 1)
    plain = due_date(Clock(received))
    extended = due_date(Clock(received, extension_days=20))
    assert workdays_between(plain, extended) == 20
    with pytest.raises(ValueError, match="第三十三条"):
        due_date(Clock(received, extension_days=21))


def test_a_correction_restarts_the_clock_from_the_corrected_request() -> None:
    received, corrected = date(2021, 3, 1), date(2021, 3, 15)
    assert due_date(Clock(received, correction_received=corrected)) == add_workdays(corrected, 20)
    with pytest.raises(ValueError, match="补正"):
        due_date(Clock(received, correction_received=date(2021, 2, 1)))
    # The one-off correction notice is due within 7 working days of receipt (第三十条).
    assert correction_notice_due(received) == date(2021, 3, 10)


def test_a_third_party_consultation_pauses_the_clock() -> None:
    received = date(2021, 3, 1)
    pause = Pause(date(2021, 3, 8), date(2021, 3, 12))  # five working days
    plain = due_date(Clock(received))
    paused = due_date(Clock(received, pauses=(pause,)))
    assert workdays_between(plain, paused) == 5


def test_deadline_states() -> None:
    due = date(2021, 3, 29)
    assert deadline_state(due, date(2021, 3, 1)) == "open"
    assert deadline_state(due, date(2021, 3, 23)) == "soon"
    assert deadline_state(due, date(2021, 3, 30)) == "overdue"
    assert deadline_state(due, date(2021, 3, 30), replied=date(2021, 3, 29)) == "done"
    assert deadline_state(due, date(2021, 4, 5), replied=date(2021, 3, 31)) == "late"


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays() -> None:
    far = date(2099, 6, 1)  # a Monday
    assert not calendar_known(far)
    assert calendar_known(date(2020, 6, 1))
    assert is_workday(far) and not is_workday(date(2099, 6, 6))
    assert add_workdays(date(2099, 6, 5), 1) == date(2099, 6, 8)
