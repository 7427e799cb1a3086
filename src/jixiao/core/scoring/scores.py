"""Score sheets: every indicator re-scored with its trace, level subtotals, the total, the grade.

``score_document(doc)`` returns a :class:`ScoreSheet` whose ``to_dict()`` is the contract's
``jixiao score`` object: ``reported_total``, ``recomputed_total``, ``grade``, ``levels``
(recomputed score per level-1 indicator) and ``differences`` (findings where a printed
score or total disagrees with the recomputation, each saying why). Extra keys
(``indicators``, ``budget``, ``level_details``) carry the trace the web system shows.

Rounding is understood, not reported: the documents print scores to two decimals, so a
difference of at most 0.01 per indicator (and of the sum of those slacks for totals) is no
difference. Indicators that do not apply are dropped and the total re-based to the full
weight (DOMAIN 1.5).

A table of targets with nothing reported (a 绩效目标表: no 实际完成值, no 得分, no spending) is
not graded: zero points for results nobody has reported yet would read as 差. Its sheet has
no total and no grade, its levels no score, and a note says why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from jixiao.core.documents import Adjustment, Document, Indicator, plain, to_decimal
from jixiao.core.findings import Finding
from jixiao.core.money import round_half_up
from jixiao.core.scoring.budget import score_budget
from jixiao.core.scoring.choose import choose_and_score, is_applicable, lower_is_better
from jixiao.core.scoring.criteria import document_rates
from jixiao.core.scoring.differences import describe, find_differences
from jixiao.core.scoring.levels import (
    LevelScore,
    Part,
    frame_levels,
    frame_of,
    group_levels,
    parts_of,
    stated,
)
from jixiao.core.scoring.policy import (
    DEFAULT_POLICY,
    Basis,
    Overshoot,
    ScoringPolicy,
    apply_policy,
    on_hundred,
)
from jixiao.core.scoring.rules import QUALITATIVE_BANDS, Band, RuleResult, fmt

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator's printed and recomputed score, and the rule's trace."""

    indicator: Indicator
    result: RuleResult
    applicable: bool = True
    adjustment: Adjustment | None = None

    @property
    def reported(self) -> Decimal | None:
        """The score as printed."""
        return self.indicator.score

    @property
    def computed(self) -> Decimal | None:
        """The rule's points; the printed score where the rule could not compute."""
        return self.result.points if self.result.points is not None else self.reported

    @property
    def recomputed(self) -> Decimal | None:
        """The points that count: an evaluator's adjustment, else :attr:`computed`."""
        return self.adjustment.points if self.adjustment is not None else self.computed

    def to_dict(self) -> dict[str, Any]:
        """The row of the score sheet as JSON: ids, both scores and the trace."""
        ind = self.indicator
        return {
            "id": ind.id,
            "path": ind.path,
            "name": ind.name,
            "weight": plain(ind.weight),
            "reported": plain(self.reported),
            "recomputed": plain(self.recomputed),
            "computed": plain(self.computed),
            "adjustment": plain(asdict(self.adjustment)) if self.adjustment else None,
            "applicable": self.applicable,
            "trace": self.result.to_dict(),
        }


@dataclass
class ScoreSheet:
    """The whole document's score: rows, levels, budget block, totals and grade."""

    rows: list[IndicatorScore] = field(default_factory=list)
    levels: list[LevelScore] = field(default_factory=list)
    budget: RuleResult | None = None
    reported_total: Decimal | None = None
    #: The reported total is the document's scores added up, not a total it prints.
    reported_summed: bool = False
    recomputed_total: Decimal | None = None
    #: The full weight the total is out of (levels and fund block; 100 on the official forms).
    weight: Decimal | None = None
    grade: str | None = None
    reported_grade: str | None = None
    differences: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: What the province's caps and deductions read (:mod:`.policy`), and what they did.
    basis: Basis | None = None
    rulings: list[Finding] = field(default_factory=list)
    deductions: dict[str, Decimal] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``jixiao score`` object, plus the trace for the web system."""
        return {
            "reported_total": plain(self.reported_total),
            "recomputed_total": plain(self.recomputed_total),
            "grade": self.grade,
            "reported_grade": self.reported_grade,
            "levels": {lv.name: plain(lv.recomputed) for lv in self.levels},
            "differences": [f.to_dict() for f in self.differences],
            "rulings": [f.to_dict() for f in self.rulings],
            "deductions": plain(self.deductions),
            "notes": self.notes,
            "level_details": [lv.to_dict() for lv in self.levels],
            "budget": self.budget.to_dict() if self.budget else None,
            "indicators": [row.to_dict() for row in self.rows],
        }


def score_indicator(
    ind: Indicator,
    rates: dict[str, Decimal] | None = None,
    adjustment: Adjustment | None = None,
    qualitative: tuple[Band, ...] = QUALITATIVE_BANDS,
) -> IndicatorScore:
    """Re-score one indicator with its default rule (see :mod:`.choose`).

    ``rates`` holds the document's 到位率/执行率 (:func:`.criteria.document_rates`) for
    indicators whose 评分标准 is a per-step rule on one of them; ``adjustment`` is an
    evaluator's score that counts in place of the rule's (the trace keeps both);
    ``qualitative`` are the province's partial-credit bands (:class:`.policy.ScoringPolicy`).
    """
    result = choose_and_score(ind, rates, qualitative)
    return IndicatorScore(ind, result, is_applicable(ind), adjustment)


def score_document(doc: Document, policy: ScoringPolicy = DEFAULT_POLICY) -> ScoreSheet:
    """Score every weighted indicator and the fund block; compare with what is printed.

    The province's ``policy`` (its partial-credit bands, caps, deviation deductions and grade
    bands, :mod:`.policy`) is applied here and nowhere else, so every page reads one total.
    A document with no weights (work goals) gives an empty sheet, never an error.
    """
    rates = document_rates(doc)
    adjusted = doc.adjustments
    rows = [
        score_indicator(ind, rates, adjusted.get(ind.id), policy.qualitative)
        for ind in doc.indicators
        if ind.weight is not None
    ]
    sheet = sum_up(doc, rows, policy, rates)
    if sheet.notes:  # a targets-only table: ``_unscored`` has said why
        return sheet
    sheet.differences = find_differences(doc, sheet, policy.bands)
    sheet.notes = summarise(sheet)
    return sheet


def sum_up(
    doc: Document,
    rows: list[IndicatorScore],
    policy: ScoringPolicy = DEFAULT_POLICY,
    rates: dict[str, Decimal] | None = None,
) -> ScoreSheet:
    """Levels, fund block, total and grade from scored rows (:func:`sum_parts` of their sums)."""
    facts = Facts(
        document_rates(doc) if rates is None else rates,
        overshoots_of(rows),
        sum(1 for r in rows if r.result.rule == "bands"),
    )
    return sum_parts(doc, parts_of(rows), policy, facts, rows)


@dataclass(frozen=True)
class Facts:
    """What the policy stage reads besides the level sums (the rest of a :class:`Basis`).

    None of it changes when only weights or points change: a full rescore that keeps each
    system's stored basis can reuse its facts and re-run the policy stage exactly.
    """

    rates: dict[str, Decimal] = field(default_factory=dict)
    overshoots: list[Overshoot] = field(default_factory=list)
    qualitative: int = 0  # indicators scored by the partial-credit bands


def sum_parts(
    doc: Document,
    parts: list[Part],
    policy: ScoringPolicy = DEFAULT_POLICY,
    facts: Facts | None = None,
    rows: list[IndicatorScore] | None = None,
) -> ScoreSheet:
    """Levels, fund block, total and grade from the rows' sums: the one definition of a total.

    :func:`score_document` calls it with the sums of the rows it has just scored; a database
    that keeps every row's points sums them per level in one query (``jixiao.web.performance.
    totals``), so a full rescore of a province adds up its totals by the same definition
    without scoring each indicator again. Either way the base total goes through the
    province's ``policy`` stage (:func:`.policy.apply_policy`) on a :class:`Basis` of the
    base and ``facts``; ``rows`` are kept on the sheet for its trace.
    """
    facts = facts or Facts()
    budget = score_budget(doc.budget) if doc.budget else None
    sheet = ScoreSheet(rows=rows or [], budget=budget, levels=_levels(doc, parts))
    sheet.reported_total = to_decimal(doc.totals.get("reported_score"))
    sheet.reported_summed = bool(doc.totals.get("reported_score_summed"))
    sheet.reported_grade = doc.totals.get("grade")
    if (parts or budget) and nothing_reported(doc, sheet, parts):
        return _unscored(sheet)
    if parts or budget:
        base, sheet.weight = _total(doc, sheet, parts)
        sheet.basis = Basis(
            base, sheet.weight, dict(facts.rates), list(facts.overshoots), facts.qualitative
        )
        outcome = apply_policy(sheet.basis, policy)
        sheet.recomputed_total, sheet.grade = outcome.total, outcome.grade
        sheet.rulings, sheet.deductions = outcome.findings, outcome.deductions
    return sheet


def overshoots_of(rows: list[IndicatorScore]) -> list[Overshoot]:
    """The applicable rows whose result is over their target (what 指标偏离 reads)."""
    return [
        Overshoot(r.indicator.id, r.indicator.name, pct, r.recomputed, bool(r.indicator.deviation))
        for r in rows
        if r.applicable and r.recomputed is not None and (pct := overshoot(r)) is not None
    ]


def overshoot(row: IndicatorScore) -> Decimal | None:
    """实际 ÷ 目标 × 100 of a result above its target; None when it is not one.

    Only a positive comparison (≥, >, =) of one positive target with a result in
    the same kind of number can overshoot: a ceiling (成本, 时长) met by far is no deviation.
    """
    ind = row.indicator
    targets = [t for t in ind.targets if t.value is not None and t.op != "qualitative"]
    actuals = [t for t in ind.actual.targets if t.value is not None] if ind.actual else []
    if len(targets) != 1 or not actuals or lower_is_better(ind):
        return None
    target, got = targets[0], actuals[0]
    if (
        target.op not in (">=", ">", "=")
        or target.value is None
        or target.value <= 0
        or got.value is None
    ):
        return None
    if (target.unit == "%") != (got.unit == "%"):
        return None
    percent = got.value / target.value * HUNDRED
    return percent if percent > HUNDRED else None


def nothing_reported(doc: Document, sheet: ScoreSheet, parts: list[Part]) -> bool:
    """True when the document states targets only: no result, no score, no spending to score.

    A result is any 实际完成值, any score a rule can give or the document prints (per
    indicator, per level or in total, or a grade), or a fund block whose 执行率 can be scored.
    """
    if sheet.reported_total is not None or sheet.reported_grade or stated(doc, "得分:"):
        return False
    if any(part.results for part in parts):
        return False
    return sheet.budget is None or sheet.budget.points is None


def _unscored(sheet: ScoreSheet) -> ScoreSheet:
    """The sheet of a targets-only table: levels without scores, no total, no grade, and why."""
    why = "只有目标，未印实际完成值和得分"
    sheet.levels = [replace(lv, reported=None, recomputed=None, note=why) for lv in sheet.levels]
    sheet.notes = [
        f"{len(sheet.rows)}项指标{why}（如绩效目标表）：没有可评分的结果，不计总分，不定等级"
    ]
    return sheet


def _total(doc: Document, sheet: ScoreSheet, parts: list[Part]) -> tuple[Decimal, Decimal]:
    """Sum the levels and the fund block, re-based to the full weight when indicators do not apply.

    Returns the total and the full weight it is out of.
    """
    points = sum((lv.recomputed or ZERO for lv in sheet.levels), ZERO)
    weights = sum((lv.weight or ZERO for lv in sheet.levels), ZERO)
    dropped = sum((part.dropped for part in parts), ZERO)
    if sheet.budget is not None and (frame_of(doc) is None or _budget_in_frame(doc)):
        points += sheet.budget.points or ZERO
        weights += sheet.budget.weight
    if dropped and weights > dropped:
        return round_half_up(points / (weights - dropped) * weights), weights
    return round_half_up(points), weights


def _budget_in_frame(doc: Document) -> bool:
    frame = frame_of(doc) or {}
    total = doc.totals.get("weight")
    full = Decimal(str(total)) if total is not None else Decimal(100)
    return sum(frame.values(), ZERO) != full


def _levels(doc: Document, parts: list[Part]) -> list[LevelScore]:
    frame = frame_of(doc)
    return frame_levels(doc, parts, frame) if frame else group_levels(doc, parts)


RULE_NAMES = {
    "all_or_nothing": "全部或零分",
    "proportional": "按比例",
    "deduct_per_step": "逐级扣分",
    "checklist": "要点计分",
    "bands": "定性分档",
    "linear_on_rate": "按比率",
    "as_printed": "无法复核、沿用印出得分",
}


def summarise(sheet: ScoreSheet) -> list[str]:
    """Sentences that say how the sheet was recomputed, for the reader of ``jixiao score``."""
    if not sheet.rows and sheet.budget is None:
        return ["文件中没有分值，无需评分"]
    counts: dict[str, int] = {}
    for row in sheet.rows:
        counts[row.result.rule] = counts.get(row.result.rule, 0) + 1
    used = "，".join(f"{RULE_NAMES.get(k, k)}{n}项" for k, n in counts.items())
    notes = [f"共复核{len(sheet.rows)}项指标：{used}"] if sheet.rows else []
    by_text = ("deduct_per_step", "checklist")
    without = [
        r for r in sheet.rows if r.indicator.actual is None and r.result.rule not in by_text
    ]
    if without:
        notes.append(
            f"{len(without)}项指标未印实际完成值，只能按印出得分复核（得分等于分值的视为已完成）"
        )
    dropped = [r for r in sheet.rows if not r.applicable]
    if dropped:
        notes.append(f"{len(dropped)}项指标不适用，不计分，总分按适用指标折算")
    notes += [
        f"{lv.name}：{lv.note}" for lv in sheet.levels if lv.note and lv.note != "按指标复核"
    ]
    notes += [f"{r.where}：{r.message}" for r in sheet.rulings]
    return notes


__all__ = [
    "IndicatorScore",
    "LevelScore",
    "ScoreSheet",
    "describe",
    "fmt",
    "on_hundred",
    "score_document",
    "score_indicator",
    "sum_parts",
    "sum_up",
]
