"""Next year's targets: the core's suggestion per indicator, and saving what was decided.

The refusal of a lax target without a reason is ``core.suggestions.check_entry``; this
module only reads the indicator as the core sees it and stores the decision.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from jixiao.core.money import round_half_up
from jixiao.core.suggestions import Suggestion, check_entry, suggest_target
from jixiao.web.adapter import indicator_of
from jixiao.web.cycle.audit import record_created, update_fields
from jixiao.web.outcomes.access import InputError, check_size
from jixiao.web.outcomes.models import TargetSuggestion
from jixiao.web.performance.models import Indicator


def suggestion_for(indicator: Indicator) -> Suggestion:
    """The suggested target for the year after the indicator's system year."""
    return suggest_target(indicator_of(indicator), indicator.system.year)


#: Derived from the indicator's history, and who saved: stored, not logged field by field.
QUIET = ("op", "unit", "suggested", "average", "basis", "updated_by")


@transaction.atomic
def save_target(
    indicator: Indicator, value_text: str, reason: str, user: Any, expected: int | None = None
) -> TargetSuggestion:
    """Store next year's target; a lax one (vs the 3-year average) needs a reason."""
    try:
        value = Decimal(value_text.strip().replace(",", ""))
    except InvalidOperation as exc:
        raise InputError(f"目标值「{value_text}」应为数字。") from exc
    if not value.is_finite():
        raise InputError(f"目标值「{value_text}」应为数字。")
    check_size(value, "目标值")
    suggestion = suggestion_for(indicator)
    refusal = check_entry(value, suggestion.op, suggestion.baseline, reason)
    if refusal:
        raise InputError(refusal)
    row, created = TargetSuggestion.objects.get_or_create(
        indicator=indicator, year=indicator.system.year + 1, defaults={"version": 0}
    )
    if created:
        record_created(row, user)
    values = {
        "op": suggestion.op,
        "unit": suggestion.unit or "",
        "suggested": _four(suggestion.value),
        "value": value,
        "average": _four(suggestion.baseline.average),
        "basis": suggestion.basis,
        "reason": reason.strip(),
        "updated_by": user,
    }
    update_fields(row, values, user, reason.strip(), expected, quiet=QUIET)
    return row


def _four(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 4)
