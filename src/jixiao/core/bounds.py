"""The ranges every number the system keeps must lie in, with the Chinese message for each.

One definition for the API schemas, the page forms and the models' validators, so a weight of
``1e30`` or a year of ``-1`` is refused the same way everywhere, with a message naming the
field and the range, before anything is saved.

- 年度: 1990–2100. The oldest history the bureaus' documents cite is in the 1990s.
- 分值 (an indicator's weight, the fund block's weight): 0–100, since a system's weights add
  up to 100 (finance ministry forms: 10 on budget execution, 90 on indicators).
- 得分: 0 up to the row's 分值 where a user sets it; never above 100 or below 0.
- 金额: 0 up to 10¹² − 1 (yuan or 万元), the largest whole number the money columns hold.
- 数字 typed as a result (a count, a rate): at most 30 significant digits, so a value always
  fits the columns that keep it and its arithmetic stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

YEAR_FIRST = 1990
YEAR_LAST = 2100
MAX_DIGITS = 30


@dataclass(frozen=True)
class Bound:
    """An inclusive range for one kind of number, named as the bureaus name it."""

    label: str
    low: Decimal
    high: Decimal

    def problem(self, value: Decimal | int, label: str = "") -> str | None:
        """The Chinese reason ``value`` is refused, or None when it is in range."""
        name = label or self.label
        if isinstance(value, Decimal) and not value.is_finite():
            return f"{name}须为有限的数字。"
        if not self.low <= value <= self.high:
            return f"{name}须在 {_plain(self.low)} 到 {_plain(self.high)} 之间，收到 {short_number(value)}。"
        return None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if abs(value) < Decimal("1e15") else f"{value:.0E}"


def short_number(value: Decimal | int) -> str:
    """A number for a message: in full when short, else its first digits and its length."""
    if isinstance(value, Decimal) and not value.is_finite():
        return str(value)
    text = _plain(Decimal(value))
    return text if len(text) <= 24 else f"{text[:20]}…（共 {len(text)} 位）"


YEAR = Bound("年度", Decimal(YEAR_FIRST), Decimal(YEAR_LAST))
WEIGHT = Bound("分值", Decimal(0), Decimal(100))
SCORE = Bound("得分", Decimal(0), Decimal(100))
MONEY = Bound("金额", Decimal(0), Decimal("999999999999"))
PERCENT = Bound("百分比", Decimal(0), Decimal(1000))


def year_from(text: object) -> int | None:
    """A year typed in a query string (``?year=2024``), or None when it is not one we keep."""
    value = str(text or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        return None
    year = int(value)
    return year if YEAR_FIRST <= year <= YEAR_LAST else None


def score_problem(score: Decimal, weight: Decimal | None, label: str = "得分") -> str | None:
    """A score must lie between 0 and its row's 分值 (or 100 when the row has none)."""
    if weight is None:
        return SCORE.problem(score, label)
    return Bound(label, Decimal(0), weight).problem(score)


def digits_problem(text: str, label: str = "数值") -> str | None:
    """A number typed with more significant digits than any column keeps (e.g. 5,000 nines)."""
    run = longest_digit_run(text)
    if run > MAX_DIGITS:
        return f"{label}中的数字过长（{run} 位），最多 {MAX_DIGITS} 位。"
    return None


def longest_digit_run(text: str) -> int:
    """The length of the longest run of ASCII or full-width digits, in one linear pass."""
    best = run = 0
    for char in text:
        run = run + 1 if char.isdigit() else 0
        best = max(best, run)
    return best
