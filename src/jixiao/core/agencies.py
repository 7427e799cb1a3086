"""Third-party agencies (中介机构): how a 执业质量评价 rating updates the 信用等级.

Why a rule here and not a free choice on a form: the credit level decides who is entrusted
next, so it must follow from the record the same way for every agency, and the rule must
be written down (docs/experts.md) and explain itself.

The rule (a province may change the bands, which are data):
- each entrustment, once its evaluation is done, is rated 0–100 (执业质量评价) and graded
  优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below;
- the 信用等级 is read from the mean rating of the last three years (this year and the two
  before): A ≥ 90, B ≥ 80, C ≥ 60, D below;
- each 不良记录 in those three years, and each 不合格 rating, lowers the level by one, down
  to D at most;
- an agency with no rating in the three years keeps 未评级 (bad records alone do not rate it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import round_half_up
from jixiao.core.scoring.rules import fmt

#: The three years the 信用等级 looks back over (this year and the two before).
WINDOW_YEARS = 3
UNRATED = "未评级"
CREDIT_LEVELS = ("A", "B", "C", "D")
#: (least mean rating, level), highest first.
CREDIT_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "A"),
    (Decimal(80), "B"),
    (Decimal(60), "C"),
    (Decimal(0), "D"),
)
QUALITY_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "优秀"),
    (Decimal(80), "良好"),
    (Decimal(60), "合格"),
    (Decimal(0), "不合格"),
)
FAILED = "不合格"


class RatingError(ValueError):
    """A rating that cannot be kept; the message says why, in Chinese."""


def quality_grade(score: Decimal) -> str:
    """The grade of one 执业质量评价 score (0–100).

    Raises:
        RatingError: when the score lies outside 0–100.
    """
    if not Decimal(0) <= score <= Decimal(100):
        raise RatingError("执业质量评价得分须在0～100分之间。")
    return next(label for least, label in QUALITY_BANDS if score >= least)


@dataclass(frozen=True)
class Credit:
    """An agency's 信用等级 and the sentence that says how it was reached."""

    level: str
    explanation: str


def credit_level(ratings: Sequence[Decimal], bad_records: int) -> Credit:
    """The 信用等级 from the last three years' ratings and 不良记录 (see the module rule)."""
    if not ratings:
        return Credit(UNRATED, f"近{WINDOW_YEARS}年没有执业质量评价，未评级")
    mean = round_half_up(sum(ratings, Decimal(0)) / len(ratings))
    base = next(level for least, level in CREDIT_BANDS if mean >= least)
    failed = sum(1 for r in ratings if quality_grade(r) == FAILED)
    steps = bad_records + failed
    index = min(CREDIT_LEVELS.index(base) + steps, len(CREDIT_LEVELS) - 1)
    level = CREDIT_LEVELS[index]
    words = f"近{WINDOW_YEARS}年{len(ratings)}次执业质量评价平均{fmt(mean)}分，对应{base}级"
    if steps:
        words += f"；不良记录{bad_records}条、不合格评价{failed}次，降{steps}级"
    return Credit(level, f"{words}，信用等级{level}级")


def in_window(year: int, this_year: int) -> bool:
    """True when ``year`` is one of the three years the credit level looks back over."""
    return this_year - WINDOW_YEARS < year <= this_year
