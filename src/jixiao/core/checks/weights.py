"""Checks of weights (分值): levels add up to their stated weight, and all to the total.

Each level's weights must add up to the level's stated weight, and all of them (with the
fund block) to the document's total.

Weights are often printed rounded: 003 gives 74 indicators 0.27 each for a level of 20
(20 ÷ 74 = 0.2703). Their sum (19.98) differs from 20 by rounding alone, which is
understood: within half a unit of the printed precision per indicator, the gap is only a
``weights.rounded`` note. Beyond it, ``weights.level_sum`` is an error.

- ``weights.level_sum`` (error): the weights under a level do not add up to its ``分值:`` figure.
- ``weights.rounded`` (note): they differ from it by rounding only.
- ``weights.level_sum`` also holds a parent heading against its child headings (a 一级
  heading printed with points against its 二级 headings' points, where printed) and a block's
  label (``绩效指标(90分)``, ``预算执行情况(10分)``) against the block.
- a form that weights its 一级 by a 权重 column (``一级指标权重:`` figures, 50/25/25): the 权重
  must add up to the printed total (``weights.total``, error), or to 100 where none is printed
  (a warning: an excerpt may lack a block). Its 二级 分值 are on a scale of their own (the
  出入境 forms print 75 + 25 under a 一级 of 50), so they are held only against their rows.
- ``weights.note`` (error): a note fixes a weight (``一级指标分值为产出指标50分…``) and the table
  gives another.
- ``weights.total`` (error): the level-1 weights (plus the fund block) do not add up to the
  document's printed total (``合计:分值``, else ``totals.weight``). Not checked when the document states its own
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
HUNDRED = Decimal(100)


def check_weights(doc: Document) -> list[Finding]:
    """Compare every stated level weight, and the total, with the sum of what lies under it."""
    found: list[Finding] = []
    for figure in doc.figures:
        if figure.name.startswith("分值:") and figure.value is not None:
            level = figure.name.removeprefix("分值:").split("/")
            found.extend(_level(doc, level, figure.value))
    total = _total(doc)
    found += [total] if total else []
    return found + _headings(doc) + _notes(doc) + _level_one_weights(doc)


def stated_weights(doc: Document) -> dict[str, Decimal]:
    """The level headings' points (``分值:产出指标``, ``分值:产出指标/数量指标``) by path."""
    return {
        f.name.removeprefix("分值:"): f.value
        for f in doc.figures
        if f.name.startswith("分值:") and f.value is not None
    }


def parts_of(doc: Document, level: list[str], inds: list[Indicator]) -> tuple[Decimal, bool]:
    """What lies under ``level``, summed, and whether a child heading was used.

    Each child heading's points where it is printed, else the child's indicators' weights.
    """
    stated = stated_weights(doc)
    depth = len(level)
    total, headed = ZERO, False
    for child in dict.fromkeys(i.path[depth] if len(i.path) > depth else "" for i in inds):
        key = "/".join([*level, child]) if child else ""
        if key in stated:
            total += stated[key]
            headed = True
            continue
        group = [i for i in inds if (i.path[depth] if len(i.path) > depth else "") == child]
        total += sum((i.weight or ZERO for i in group), ZERO)
    return total, headed


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
    parts, headed = parts_of(doc, level, inds)
    where = " · ".join(level)
    if headed and parts != stated:  # a parent heading against its child headings
        message = (
            f"该级分值印为{fmt(stated)}，其下各项（二级标题分值或指标分值）相加为{fmt(parts)}"
        )
        return [Finding("weights.level_sum", "error", where, message, parts, stated)]
    summed = sum((i.weight or ZERO for i in inds), ZERO)
    if summed == stated:
        return []
    if headed and abs(summed - stated) > rounding_slack(inds):
        return []  # the child headings agree with it; each child reports its own rows
    if abs(summed - stated) <= rounding_slack(inds):
        each = fmt(inds[0].weight)
        message = f"{len(inds)}项分值（如{each}）相加为{fmt(summed)}，与该级分值{fmt(stated)}的差额来自四舍五入"
        return [Finding("weights.rounded", "note", where, message, stated, summed)]
    message = f"该级分值印为{fmt(stated)}，其下{len(inds)}项指标分值相加为{fmt(summed)}"
    return [Finding("weights.level_sum", "error", where, message, summed, stated)]


def _total(doc: Document) -> Finding | None:
    printed = next((f for f in doc.figures if f.name == "合计:分值" and f.value is not None), None)
    stated = printed.value if printed else _decimal(doc.totals.get("weight"))
    inds = [i for i in doc.indicators if i.weight is not None]
    if stated is None or not inds or frame_of(doc) is not None:
        return None
    block = next((f for f in doc.figures if f.name == "标题分值:绩效指标"), None)
    # against a printed total, the block's label stands for the levels under it (which are
    # checked against the label); the extractor's own sum is only ever held against the levels
    use_block = printed is not None and block is not None and block.value is not None
    summed = block.value if use_block and block else parts_of(doc, [], inds)[0]
    budget = doc.budget.weight if doc.budget and doc.budget.weight is not None else ZERO
    if not differs(stated, summed + budget, rounding_slack(inds)):
        return None
    extra = f"＋预算执行{fmt(budget)}" if budget else ""
    message = (
        f"总分值印为{fmt(stated)}，各项指标分值{fmt(summed)}{extra}合计{fmt(summed + budget)}"
    )
    return Finding("weights.total", "error", "分值合计", message, summed + budget, stated)


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _headings(doc: Document) -> list[Finding]:
    """A block label's points (``绩效指标(90分)``, ``预算执行情况(10分)``) against the block."""
    found = []
    for figure in doc.figures:
        if not figure.name.startswith("标题分值:") or figure.value is None:
            continue
        if figure.name == "标题分值:预算执行":
            summed = doc.budget.weight if doc.budget else None
            parts = "项目资金块的分值"
        else:
            inds = [i for i in doc.indicators if i.weight is not None]
            summed = parts_of(doc, [], inds)[0] if inds else None
            parts = "各一级指标分值"
        if summed is None or summed == figure.value:
            continue
        message = f"“{figure.text}”印为{fmt(figure.value)}分，{parts}相加为{fmt(summed)}"
        where = figure.text or figure.name
        found.append(Finding("weights.level_sum", "error", where, message, summed, figure.value))
    return found


BUDGET_WORDS = ("预算", "执行率", "资金")


def _notes(doc: Document) -> list[Finding]:
    """A note fixing the weights (``一级指标分值为产出指标50分…``) against the table's weights."""
    found = []
    for figure in doc.figures:
        if not figure.name.startswith("规定分值:") or figure.value is None:
            continue
        name = figure.name.removeprefix("规定分值:")
        used = _used_weight(doc, name)
        if used is None or used == figure.value:
            continue
        message = (
            f"表注规定{name}{fmt(figure.value)}分（“{figure.text}”），表中{name}为{fmt(used)}分"
        )
        found.append(Finding("weights.note", "error", name, message, figure.value, used))
    return found


def _used_weight(doc: Document, name: str) -> Decimal | None:
    """The weight the table gives a level-1 name, or the fund block for a 预算执行率 name."""
    if any(word in name for word in BUDGET_WORDS):
        figure = next((f for f in doc.figures if f.name == "预算执行率权重"), None)
        if doc.budget is not None and doc.budget.weight is not None:
            return doc.budget.weight
        return figure.value if figure is not None else None
    inds = under(doc, [name])
    if not inds:
        return None
    stated = stated_weights(doc)
    return stated[name] if name in stated else parts_of(doc, [name], inds)[0]


LEVEL_ONE = "一级指标权重:"


def _level_one_weights(doc: Document) -> list[Finding]:
    """The 一级 权重 (50/25/25) against the printed total, or 100 where none is printed."""
    weights = {
        f.name.removeprefix(LEVEL_ONE): f.value
        for f in doc.figures
        if f.name.startswith(LEVEL_ONE) and f.value is not None
    }
    if not weights:
        return []
    printed = next((f.value for f in doc.figures if f.name == "合计:分值"), None)
    printed = printed if printed is not None else _decimal(doc.totals.get("weight"))
    whole = printed if printed is not None else HUNDRED
    summed = sum(weights.values(), ZERO)
    if summed == whole:
        return []
    names = "＋".join(f"{name}{fmt(value)}" for name, value in weights.items())
    said = f"总分值印为{fmt(whole)}" if printed is not None else "权重合计应为100"
    message = f"一级指标权重{names}＝{fmt(summed)}，{said}"
    severity = "error" if printed is not None else "warning"
    return [Finding("weights.total", severity, "一级指标权重", message, whole, summed)]
