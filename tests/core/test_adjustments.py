"""Which target applies on a date, and when the adjustment window reminds."""

from __future__ import annotations

from datetime import date

from jixiao.core.adjustments import Adjustment, reminder, targets_on, window_state

FIRST = Adjustment(date(2025, 7, 15), before="≥300户次", after="≥260户次")
SECOND = Adjustment(date(2025, 9, 1), before="≥260户次", after="≥240户次")


def test_a_date_before_the_approval_keeps_the_old_target() -> None:
    assert targets_on("≥240户次", [SECOND, FIRST], date(2025, 6, 30)) == "≥300户次"


def test_the_approval_day_itself_uses_the_adjusted_target() -> None:
    assert targets_on("≥240户次", [FIRST, SECOND], date(2025, 7, 15)) == "≥260户次"
    assert targets_on("≥240户次", [FIRST, SECOND], date(2025, 12, 31)) == "≥240户次"


def test_no_adjustment_means_the_current_target() -> None:
    assert targets_on("≥300户次", [], date(2025, 1, 1)) == "≥300户次"


def test_the_reminder_comes_within_the_lead_time_and_not_after_closing() -> None:
    closes = date(2025, 9, 30)
    assert reminder(closes, date(2025, 9, 1), 7) is None
    assert "还剩7天" in (reminder(closes, date(2025, 9, 23), 7) or "")
    assert "今天" in (reminder(closes, closes, 7) or "")
    assert reminder(closes, date(2025, 10, 1), 7) is None


def test_the_window_state() -> None:
    assert window_state(date(2025, 7, 1), date(2025, 9, 30), date(2025, 6, 1)) == "before"
    assert window_state(None, date(2025, 9, 30), date(2025, 9, 30)) == "open"
    assert window_state(None, date(2025, 9, 30), date(2025, 10, 1)) == "closed"
