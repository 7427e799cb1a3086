"""Checks of targets against their own history.

- ``baseline.below_average``: see :mod:`jixiao.core.baseline` — a target below its 3-year
  average with no stated reason is a warning; with a reason, a note.
- ``baseline.below_last_year``: the document reports only the year before for the measure (a
  plan's review of last year): a target on the lax side of that figure is a warning without a
  stated reason, a note with one. The same business rule, where one year is all there is.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.baseline import UPWARD, check_baseline, comparable_target, stated_reason
from jixiao.core.documents import Document, Indicator
from jixiao.core.findings import Finding
from jixiao.core.scoring.rules import fmt

from .places import where_indicator


def check_history(doc: Document) -> list[Finding]:
    """Every indicator with a history and a numeric target, against its 3-year average.

    When the document gives only the year before, against that year.
    """
    found = []
    for ind in doc.indicators:
        if len(ind.history) == 1:
            finding = below_last_year(ind, where_indicator(ind))
        elif ind.history:
            finding = check_baseline(ind, where_indicator(ind))
        else:
            finding = None
        if finding is not None:
            found.append(finding)
    return found


def below_last_year(ind: Indicator, where: str) -> Finding | None:
    """A target on the lax side of the one past figure the document gives for its measure."""
    ((year, last),) = ind.history.items()
    target = comparable_target(ind)
    if target is None or target.value is None:
        return None
    lax = target.value < last if target.op in UPWARD else target.value > last
    if not lax:
        return None
    side = "低于" if target.op in UPWARD else "高于"
    factor, word = printed_scale(target.raw)
    last_p, value_p = last / factor, target.value / factor
    unit = f"{word}{target.unit or ''}"
    head = f"目标值{fmt(value_p)}{unit}{side}本文件所报{year}年的{fmt(last_p)}{unit}"
    reason = stated_reason(ind)
    if reason:
        message = f"{head}，已说明理由：{reason}"
        return Finding("baseline.below_last_year", "note", where, message, last_p, value_p)
    message = f"{head}，未说明理由，请说明目标设定依据或调整目标"
    return Finding("baseline.below_last_year", "warning", where, message, last_p, value_p)


SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def printed_scale(raw: str) -> tuple[Decimal, str]:
    """The 万/亿 the target is printed in (``500亿斤以上``), so a finding says the form's figures."""
    for word, factor in SCALES:
        if re.search(rf"\d\s*{word}", raw):
            return factor, word
    return Decimal(1), ""
