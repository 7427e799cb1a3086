"""Evaluators' adjustments (评价调整): a score set by hand in place of the rule's.

An evaluator (自评, 部门评价 or 第三方评价) may overrule the rule's points for one indicator,
for instance when the evidence shows a target met that the figures do not. The adjusted
points count in the total exactly like the rule's (:func:`.scores.score_document` reads
``Document.adjustments``), so they must stay within what the indicator can give: from 0 up to
its 分值. A reason is required, because the sheet is read by the unit and by auditors.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.documents import Adjustment, Indicator
from jixiao.core.scoring.rules import fmt

ZERO = Decimal(0)
#: Points as an evaluator types them: plain decimal notation, no exponent, bounded length.
POINTS = re.compile(r"-?[0-9]{1,9}(?:\.[0-9]{1,6})?")
#: A reason longer than this is pasted text, not a reason.
MAX_REASON = 2000


class AdjustmentError(ValueError):
    """An adjustment the indicator cannot take; the message names the indicator and why."""


def read_points(text: str, name: str) -> Decimal | None:
    """The adjusted points typed by an evaluator; blank means "no adjustment".

    Raises:
        AdjustmentError: when the text is not a number.
    """
    text = text.strip().removesuffix("分").strip()
    if not text:
        return None
    if not POINTS.fullmatch(text):
        raise AdjustmentError(f"「{name}」的调整后得分“{text[:20]}”不是数字。")
    return Decimal(text)


def check_adjustment(ind: Indicator, points: Decimal, reason: str) -> Adjustment:
    """The adjustment of ``ind`` to ``points``, once it is within 0 … 分值 and has a reason.

    Raises:
        AdjustmentError: with a Chinese message naming the indicator and the bound broken.
    """
    if ind.weight is None:
        raise AdjustmentError(f"「{ind.name}」没有分值，不能调整得分。")
    if not points.is_finite() or points < ZERO or points > ind.weight:
        raise AdjustmentError(
            f"「{ind.name}」的调整后得分{fmt(points)}分超出范围：应在0至{fmt(ind.weight)}分"
            f"（该指标分值）之间。"
        )
    reason = reason.strip()
    if not reason:
        raise AdjustmentError(f"调整「{ind.name}」的得分须填写理由。")
    if len(reason) > MAX_REASON:
        raise AdjustmentError(f"调整「{ind.name}」的理由过长（不超过{MAX_REASON}字）。")
    return Adjustment(points, reason)
