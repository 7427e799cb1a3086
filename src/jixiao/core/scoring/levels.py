"""Level-1 subtotals and the frame the total is added up in.

Usually the total is the sum of the indicators' points plus the fund block. Evaluation
reports can hold more than one score sheet: 003 adds up 决策 22 + 过程 18 + 产出 35 + 效益 25
in its narrative (the ``分值:``/``得分:`` figures), while its attachment 4 is the
department's own self-evaluation with 产出指标 50 and 效益指标 30. When the document states
top-level weights that make up its total weight, those levels are the frame: a level whose
indicators carry the same weight is recomputed from them; one whose indicators belong to
another sheet (different weights) keeps its printed score, and the sheet says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.core.documents import Document, plain
from jixiao.core.money import round_half_up, tolerance
from jixiao.core.scoring.rules import fmt

if TYPE_CHECKING:
    from jixiao.core.scoring.scores import IndicatorScore

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MAX_LEVELS = 12  # combinations of stated levels tried when looking for the frame


@dataclass
class LevelScore:
    """A level-1 subtotal: its weight, the printed and recomputed scores, and how it was got."""

    name: str
    weight: Decimal | None
    reported: Decimal | None
    recomputed: Decimal | None  # None only when nothing was reported to score
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The subtotal as JSON."""
        return {k: plain(v) for k, v in vars(self).items()}


def level_name(row: IndicatorScore) -> str:
    """The level-1 name of an indicator row."""
    return row.indicator.path[0] if row.indicator.path else "未分级"


def core_name(name: str) -> str:
    """项目决策 / 决策（22分）/ 产出指标 → 决策 / 决策 / 产出: the words levels are matched by."""
    name = re.sub(r"[（(].*?[)）]|\s+", "", name)
    return re.sub(r"^(项目|部门)|指标$", "", name)


def stated(doc: Document, prefix: str) -> dict[str, Decimal]:
    """Top-level ``分值:``/``得分:`` figures by level name, in document order."""
    found = {}
    for fig in doc.figures:
        if fig.name.startswith(prefix) and "/" not in fig.name and fig.value is not None:
            found[fig.name.removeprefix(prefix)] = fig.value
    return found


def frame_of(doc: Document) -> dict[str, Decimal] | None:
    """The stated top-level weights that (with the fund block) make the total weight.

    A report may state two frames at once (003: its narrative's 决策/过程/产出/效益 and its
    attachment's 产出指标/效益指标/满意度指标 with the fund block). Every combination of
    stated levels that makes the total, with no level named twice (产出 and 产出指标), is a
    candidate; the one whose stated scores add up to the printed total wins, then the one
    whose levels all state a score, then the largest.
    """
    weights = {k: v for k, v in stated(doc, "分值:").items() if k not in ("合计", "总分")}
    if not weights or len(weights) > MAX_LEVELS:
        return None
    names = list(weights)
    candidates = [
        {n: weights[n] for n in combo}
        for size in range(len(names), 0, -1)
        for combo in itertools.combinations(names, size)
        if len({core_name(n) for n in combo}) == size
        and _makes_total(doc, {n: weights[n] for n in combo})
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda frame: _preference(doc, frame))


def _preference(doc: Document, frame: dict[str, Decimal]) -> tuple[bool, bool, int]:
    scores = stated(doc, "得分:")
    printed = doc.totals.get("reported_score")
    complete = all(n in scores for n in frame)
    budget = doc.budget.score if doc.budget and doc.budget.score is not None else ZERO
    summed = sum((scores.get(n, ZERO) for n in frame), ZERO)
    matches = (
        complete and printed is not None and Decimal(str(printed)) in (summed, summed + budget)
    )
    return matches, complete, len(frame)


def _makes_total(doc: Document, frame: dict[str, Decimal]) -> bool:
    total = doc.totals.get("weight")
    full = Decimal(str(total)) if total is not None else HUNDRED
    budget = doc.budget.weight if doc.budget and doc.budget.weight is not None else ZERO
    return sum(frame.values(), ZERO) in (full, full - budget)


@dataclass
class Part:
    """The sums of one level-1 name's weighted rows: all a level's and the total's scores need.

    A sheet's rows are summed into parts (:func:`parts_of`); a database that keeps each
    row's points sums them into the same parts with one grouped query, so both add up their
    levels and totals by the functions below.
    """

    name: str
    weight: Decimal = ZERO  # all rows' 分值
    reported: Decimal = ZERO  # all rows' printed scores
    points: Decimal = ZERO  # the applicable rows' points that count
    dropped: Decimal = ZERO  # the 分值 of rows that do not apply (不适用)
    slack: Decimal = ZERO  # the rows' weights' rounding slack (``tolerance``)
    results: bool = False  # any row with a result or points

    def add(
        self,
        weight: Decimal,
        reported: Decimal | None,
        points: Decimal | None,
        applicable: bool,
        count: int = 1,
    ) -> None:
        """Add ``count`` rows of this ``weight`` whose printed scores and points sum as given."""
        self.weight += weight * count
        self.reported += reported or ZERO
        if applicable:
            self.points += points or ZERO
        else:
            self.dropped += weight * count
        self.slack += tolerance(weight) * count


def parts_of(rows: list[IndicatorScore]) -> list[Part]:
    """The rows' sums per level-1 name, in document order."""
    parts: dict[str, Part] = {}
    for r in rows:
        name = level_name(r)
        part = parts.setdefault(name, Part(name))
        weight = r.indicator.weight if r.indicator.weight is not None else ZERO
        part.add(weight, r.reported, r.recomputed, r.applicable)
        part.results |= r.indicator.actual is not None or r.recomputed is not None
    return list(parts.values())


def group_levels(doc: Document, parts: list[Part]) -> list[LevelScore]:
    """Levels as the indicators' own level-1 names, in document order."""
    scores = stated(doc, "得分:")
    weights = stated(doc, "分值:")
    levels = []
    for part in parts:
        weight = weights.get(part.name, part.weight)
        reported = scores.get(part.name, part.reported)
        points = round_half_up(part.points)
        levels.append(LevelScore(part.name, weight, reported, points, "按指标复核"))
    return levels


def frame_levels(doc: Document, parts: list[Part], frame: dict[str, Decimal]) -> list[LevelScore]:
    """Levels of the stated frame, each recomputed from its own indicators where they fit it."""
    scores = stated(doc, "得分:")
    return [_frame_level(name, weight, scores.get(name), parts) for name, weight in frame.items()]


def _frame_level(
    name: str, weight: Decimal, printed: Decimal | None, parts: list[Part]
) -> LevelScore:
    mine = [p for p in parts if core_name(p.name) == core_name(name)]
    weights = sum((p.weight for p in mine), ZERO)
    points = round_half_up(sum((p.points for p in mine), ZERO))
    slack = sum((p.slack for p in mine), ZERO)
    if mine and abs(weights - weight) <= slack:
        return LevelScore(name, weight, printed, points, "按指标复核")
    if printed is not None:
        why = (
            f"其下指标分值合计{fmt(weights)}，与该级分值{fmt(weight)}口径不同，取印出得分"
            if mine
            else "无可复核的指标，取印出得分"
        )
        return LevelScore(name, weight, printed, printed, why)
    if mine and weights:
        scaled = round_half_up(points / weights * weight)
        return LevelScore(
            name, weight, None, scaled, f"按其下指标得分率{fmt(points)}/{fmt(weights)}折算"
        )
    return LevelScore(name, weight, None, ZERO, "无可复核的指标，也未印得分")
