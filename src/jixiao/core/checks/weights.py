"""Checks of weights (分值): levels add up to their stated weight, and all to the total.

Each level's weights must add up to the level's stated weight, and all of them (with the
fund block) to the document's total.

Weights are often printed rounded: 003 gives 74 indicators 0.27 each for a level of 20
(20 ÷ 74 = 0.2703). Their sum (19.98) differs from 20 by rounding alone, which is
understood: within half a unit of the printed precision per indicator, the gap is only a
``weights.rounded`` note. Beyond it, ``weights.level_sum`` is an error.

- ``weights.level_sum`` (error): the weights under a level do not add up to its ``分值:`` figure.
- ``weights.rounded`` (note): they differ from it by rounding only.
- ``weights.total`` (error): the level-1 weights (plus the fund block) do not add up to the
  document's total weight (``totals.weight``). Not checked when the document states its own
  top-level weights that make the total (a report's 决策/过程/产出/效益 frame, see
  :mod:`jixiao.core.scoring.levels`): its attachments may then be other score sheets.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Document, Indicator
from jixiao.core.findings import Finding
from jixiao.core.money import tolerance
from jixiao.core.scoring.levels import frame_of
from jixiao.core.scoring.rules import fmt

from .places import differs

ZERO = Decimal(0)


def check_weights(doc: Document) -> list[Finding]:
    """Compare every stated level weight, and the total, with the sum of what lies under it."""
    found: list[Finding] = []
    for figure in doc.figures:
        if figure.name.startswith("分值:") and figure.value is not None:
            level = figure.name.removeprefix("分值:").split("/")
            found.extend(_level(doc, level, figure.value))
    total = _total(doc)
    return found + ([total] if total else [])


def rounding_slack(inds: list[Indicator]) -> Decimal:
    """How far rounded weights may drift from their level's weight by rounding alone.

    Half a unit of each weight's last printed decimal; whole-number weights are exact.
    """
    return sum(
        (
            tolerance(i.weight)
            for i in inds
            if i.weight is not None and i.weight != i.weight.to_integral_value()
        ),
        ZERO,
    )


def under(doc: Document, level: list[str]) -> list[Indicator]:
    """The weighted indicators whose path starts with ``level``."""
    return [i for i in doc.indicators if i.weight is not None and i.path[: len(level)] == level]


def _level(doc: Document, level: list[str], stated: Decimal) -> list[Finding]:
    inds = under(doc, level)
    if not inds:
        return []
    summed = sum((i.weight or ZERO for i in inds), ZERO)
    if summed == stated:
        return []
    where = " · ".join(level)
    if abs(summed - stated) <= rounding_slack(inds):
        each = fmt(inds[0].weight)
        message = f"{len(inds)}项分值（如{each}）相加为{fmt(summed)}，与该级分值{fmt(stated)}的差额来自四舍五入"
        return [Finding("weights.rounded", "note", where, message, stated, summed)]
    message = f"该级分值印为{fmt(stated)}，其下{len(inds)}项指标分值相加为{fmt(summed)}"
    return [Finding("weights.level_sum", "error", where, message, summed, stated)]


def _total(doc: Document) -> Finding | None:
    stated = _decimal(doc.totals.get("weight"))
    inds = [i for i in doc.indicators if i.weight is not None]
    if stated is None or not inds or frame_of(doc) is not None:
        return None
    summed = _level_one_sum(doc, inds)
    budget = doc.budget.weight if doc.budget and doc.budget.weight is not None else ZERO
    if not differs(stated, summed + budget, rounding_slack(inds)):
        return None
    extra = f"＋预算执行{fmt(budget)}" if budget else ""
    message = (
        f"总分值印为{fmt(stated)}，各项指标分值{fmt(summed)}{extra}合计{fmt(summed + budget)}"
    )
    return Finding("weights.total", "error", "分值合计", message, summed + budget, stated)


def _level_one_sum(doc: Document, inds: list[Indicator]) -> Decimal:
    """Sum level-1 stated weights where printed, else the indicators' own weights."""
    stated = {
        f.name.removeprefix("分值:"): f.value for f in doc.figures if f.name.startswith("分值:")
    }
    total = ZERO
    for name in dict.fromkeys(i.path[0] if i.path else "" for i in inds):
        value = stated.get(name) if name else None
        total += (
            value
            if value is not None
            else sum(
                (i.weight or ZERO for i in inds if (i.path[0] if i.path else "") == name), ZERO
            )
        )
    return total


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))
