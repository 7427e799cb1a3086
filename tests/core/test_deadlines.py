"""Cycle-step deadlines counted down in working days on the Chinese calendar."""

from __future__ import annotations

from datetime import date

from jixiao.core.deadlines import OPEN, OVERDUE, SOON, Step, countdown, current_step


def test_the_countdown_skips_the_national_day_holiday() -> None:
    # 2020-09-30 (Wed) to 2020-10-12 (Mon): 1–8 October off, 10 October (Sat) worked.
    left = countdown(date(2020, 10, 12), date(2020, 9, 30))
    assert left.days == 3  # 10 Oct (调休), 9 Oct, 12 Oct
    assert left.state == SOON
    assert "剩余3个工作日" in left.text


def test_a_deadline_far_ahead_is_open_and_the_day_itself_is_today() -> None:
    assert countdown(date(2024, 7, 31), date(2024, 7, 1)).state == OPEN
    today = countdown(date(2024, 7, 15), date(2024, 7, 15))
    assert (today.days, today.state) == (0, SOON)
    assert today.text.startswith("今天截止")


def test_a_passed_deadline_counts_working_days_overdue() -> None:
    late = countdown(date(2024, 7, 15), date(2024, 7, 18))  # Mon → Thu
    assert (late.days, late.state) == (-3, OVERDUE)
    assert late.text.startswith("已逾期3个工作日")


def test_a_deadline_passed_over_a_weekend_is_still_overdue() -> None:
    late = countdown(date(2024, 7, 19), date(2024, 7, 20))  # Fri → Sat: 0 working days
    assert late.state == OVERDUE
    assert late.text.startswith("已逾期1个工作日")


def test_the_current_step_is_the_first_not_yet_ended() -> None:
    mid = Step(1, 1, date(2024, 7, 15), date(2024, 7, 31))
    year = Step(2, 2, date(2025, 1, 31), date(2025, 2, 28))
    assert current_step([year, mid], date(2024, 7, 20)) == mid  # fill-in passed, review not
    assert current_step([mid, year], date(2024, 8, 1)) == year
    assert current_step([mid, year], date(2025, 6, 1)) == year  # all ended: the last stays


def test_steps_without_deadlines_are_not_current() -> None:
    assert current_step([Step(1, 1, None, None)], date(2024, 1, 1)) is None
    only_fill = Step(2, 2, date(2024, 12, 31), None)
    assert current_step([Step(1, 1, None, None), only_fill], date(2024, 1, 1)) == only_fill
