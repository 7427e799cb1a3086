"""The dates of scheduled monitoring rounds: periods, opening days, deadlines in working days."""

from __future__ import annotations

from datetime import date

import pytest

from jixiao.core.schedules import (
    MONTHLY,
    QUARTERLY,
    Plan,
    ScheduleError,
    check_plan,
    due_periods,
    periods,
)


def test_a_quarterly_plan_closes_each_quarter_and_counts_the_deadline_in_working_days() -> None:
    found = periods(Plan(2024, QUARTERLY, fill_workdays=10))
    assert [p.as_of for p in found] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]
    assert found[1].start == date(2024, 4, 1)
    # 清明 (4–6 April) is skipped and Sunday 7 April, a make-up working day, counts.
    assert found[0].due_on == date(2024, 4, 15)
    # 国庆 (1–7 October) is skipped and Saturday 12 October, a make-up working day, counts.
    assert found[2].due_on == date(2024, 10, 18)


def test_a_monthly_plan_keeps_to_its_months_and_opens_before_the_month_end() -> None:
    found = periods(Plan(2024, MONTHLY, first_month=3, last_month=11, open_days=-5))
    assert len(found) == 9
    assert (found[0].start, found[0].as_of) == (date(2024, 3, 1), date(2024, 3, 31))
    assert found[0].opens_on == date(2024, 3, 26)
    assert found[-1].as_of == date(2024, 11, 30)


def test_a_period_is_due_from_its_opening_day_to_its_deadline_unless_a_round_covers_it() -> None:
    plan = Plan(2024, QUARTERLY, fill_workdays=10)
    june = [p.as_of for p in due_periods(plan, date(2024, 7, 1), [])]
    assert june == [date(2024, 6, 30)]
    assert due_periods(plan, date(2024, 6, 29), []) == []  # not open yet
    assert due_periods(plan, date(2024, 7, 13), []) == []  # its deadline (12 July) has passed
    # a round launched by hand on 28 June covers the second quarter
    assert due_periods(plan, date(2024, 7, 1), [date(2024, 6, 28)]) == []
    # a round of the first quarter does not
    assert len(due_periods(plan, date(2024, 7, 1), [date(2024, 3, 31)])) == 1


def test_december_is_due_in_january_of_the_next_year() -> None:
    due = due_periods(Plan(2024, QUARTERLY), date(2025, 1, 6), [])
    assert [p.as_of for p in due] == [date(2024, 12, 31)]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (Plan(2024, "weekly"), "监控频次只能是"),
        (Plan(2024, MONTHLY, first_month=9, last_month=3), "起始月份不晚于结束月份"),
        (Plan(2024, MONTHLY, last_month=13), "1到12月"),
        (Plan(2024, QUARTERLY, first_month=4, last_month=5), "没有季末月份"),
        (Plan(2024, MONTHLY, open_days=40), "期末前后31天"),
        (Plan(2024, MONTHLY, fill_workdays=0), "1到60个工作日"),
        (Plan(2024, MONTHLY, open_days=20, fill_workdays=3), "晚于填报截止日期"),
    ],
)
def test_a_plan_that_cannot_work_is_refused_naming_the_field(plan: Plan, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        check_plan(plan)


def test_a_sound_plan_passes() -> None:
    check_plan(Plan(2024, MONTHLY, first_month=1, last_month=11, open_days=-3, fill_workdays=5))
