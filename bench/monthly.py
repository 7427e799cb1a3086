"""Monthly results (运行监控) of one indicator: what a unit types month after month.

Counts and costs accumulate towards the year's actual, rates drift towards it, a deadline is
进行中 until the month it is done, a qualitative target is 推进中 until the year's end. The
final period's text is the year's 实际完成值 itself, as ``cycle.views.results`` keeps it.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from bench.textparse import parsed, parsed_number, with_words

MONTHS = 12


def monthly_results(
    rng: random.Random, plan: Any, res: Any
) -> list[tuple[str, list[dict[str, Any]]]]:
    """(text, parsed targets with words) for each of the year's twelve periods."""
    out = []
    for month in range(1, MONTHS):
        if plan.kind in ("count", "cost"):
            places = "0.01" if plan.kind == "cost" else "1"
            share = Decimal(str(min(1.0, month / MONTHS * rng.uniform(0.8, 1.1))))
            value = (res.value * share).quantize(Decimal(places))
            text, found = parsed_number(value, plan.unit)
        elif plan.kind in ("rate", "yoy", "satisfaction"):
            drift = Decimal(str(rng.uniform(-3, 1)))
            value = max(Decimal(0), (res.value + drift).quantize(Decimal("0.1")))
            text, found = parsed_number(value, "%")
        else:
            text = (
                res.actual
                if plan.kind == "deadline" and month >= res.done_month
                else _pending(plan)
            )
            found = list(parsed(text))
        out.append((text, with_words(found)))
    out.append((res.actual, with_words(parsed(res.actual))))
    return out


def _pending(plan: Any) -> str:
    return "进行中" if plan.kind == "deadline" else "推进中"


__all__ = ["MONTHS", "monthly_results"]
