"""Checks of printed scores: against weights, against reasons, and against their sums.

- ``score.exceeds_weight`` (error): an indicator's 得分 is above its 分值.
- ``score.negative`` (error): a 得分 below zero.
- ``score.missing_deviation`` (warning): 得分 below 分值 with no 偏差原因分析及改进措施.
- ``score.overshoot_reason`` (note): a result at 130% of its target or more with no stated
  reason (the target may have been set too low).
- ``totals.level_score`` (error): a level's stated 得分 (``得分:`` figure) is not the sum of
  the scores under it.
- ``totals.sum`` (error): the printed total score is not the sum of the printed scores
  (indicators plus the fund block), or, where the document states its top-level frame
  (``分值:``/``得分:`` figures), of the stated level scores. A warning instead when the
  document states more indicators (``指标个数``) than were read: the parts are not all there.
- the differences found by re-scoring (``score.recomputed``, ``score.budget``,
  ``score.total``, ``grade.mismatch``), documented with :mod:`jixiao.core.scoring`.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Document, Indicator
from jixiao.core.findings import Finding
from jixiao.core.money import CENT, round_half_up
from jixiao.core.scoring.levels import frame_of, stated
from jixiao.core.scoring.rules import fmt

from .places import differs, has_reason, where_indicator
from .weights import under

ZERO = Decimal(0)


def check_scores(doc: Document) -> list[Finding]:
    """Scores against weights and reasons, indicator by indicator."""
    found: list[Finding] = []
    for ind in doc.indicators:
        found.extend(_indicator(ind))
    return found


def _indicator(ind: Indicator) -> list[Finding]:
    if ind.score is None:
        return []
    where = where_indicator(ind)
    if ind.score < 0:
        return [
            Finding(
                "score.negative",
                "error",
                where,
                f"得分印为{fmt(ind.score)}，不应为负",
                ZERO,
                ind.score,
            )
        ]
    if ind.weight is None:
        return []
    if ind.score > ind.weight:
        message = f"得分{fmt(ind.score)}超过分值{fmt(ind.weight)}"
        return [Finding("score.exceeds_weight", "error", where, message, ind.weight, ind.score)]
    if ind.score < ind.weight and not has_reason(ind.deviation):
        message = f"得分{fmt(ind.score)}低于分值{fmt(ind.weight)}，未填写偏差原因分析及改进措施"
        return [
            Finding(
                "score.missing_deviation", "warning", where, message, "偏差原因及改进措施", None
            )
        ]
    return []


OVERSHOOT = Decimal("1.3")


def check_overshoot(doc: Document) -> list[Finding]:
    """Results at 130% of the target or more, with no stated reason (DOMAIN 1.5, 广西 rule).

    A target met by far was probably set too low; the rule asks for a 偏差原因. It is a
    provincial rule, not a national one, so the finding is a note.
    """
    found = []
    for ind in doc.indicators:
        pair = _numeric_pair(ind)
        if pair is None or has_reason(ind.deviation):
            continue
        target, actual = pair
        if target > 0 and actual >= target * OVERSHOOT:
            share = round_half_up(actual / target * 100)
            message = f"实际完成{fmt(actual)}，为目标{fmt(target)}的{fmt(share)}%，超过130%，宜说明偏差原因（目标是否偏低）"
            found.append(
                Finding(
                    "score.overshoot_reason", "note", where_indicator(ind), message, target, actual
                )
            )
    return found


def _numeric_pair(ind: Indicator) -> tuple[Decimal, Decimal] | None:
    """The one positive (≥, >) numeric target and the one numeric result, in the same unit."""
    targets = [
        t for t in ind.targets if t.value is not None and t.op in (">=", ">") and not t.relative
    ]
    actuals = [t for t in (ind.actual.targets if ind.actual else []) if t.value is not None]
    if len(targets) != 1 or len(actuals) != 1 or targets[0].unit != actuals[0].unit:
        return None
    assert targets[0].value is not None
    assert actuals[0].value is not None
    return targets[0].value, actuals[0].value


def check_score_sums(doc: Document) -> list[Finding]:
    """Stated level scores and the printed total against the sums of the printed scores.

    Evaluation reports are left to :mod:`jixiao.core.checks.report` (``report.level_score``,
    ``report.total_score``), which knows their sheets; one problem is reported once.
    """
    if doc.kind == "evaluation_report":
        return []
    found = []
    for figure in doc.figures:
        if figure.name.startswith("得分:") and figure.value is not None:
            level = figure.name.removeprefix("得分:").split("/")
            found.extend(_level(doc, level, figure.value))
    total = _total(doc)
    return found + ([total] if total else [])


def _level(doc: Document, level: list[str], stated: Decimal) -> list[Finding]:
    inds = [i for i in under(doc, level) if i.score is not None]
    if not inds:
        return []
    summed = sum((i.score or ZERO for i in inds), ZERO)
    if not differs(stated, summed, CENT * len(inds) / 2 + CENT):
        return []
    message = f"该级得分印为{fmt(stated)}，其下{len(inds)}项指标得分相加为{fmt(summed)}"
    return [Finding("totals.level_score", "error", " · ".join(level), message, summed, stated)]


def _total(doc: Document) -> Finding | None:
    printed = doc.totals.get("reported_score")
    scored = [i for i in doc.indicators if i.score is not None and i.weight is not None]
    if printed is None or not scored or doc.totals.get("reported_score_summed"):
        return None
    printed = Decimal(str(printed))
    budget = doc.budget.score if doc.budget and doc.budget.score is not None else ZERO
    summed = sum((i.score or ZERO for i in scored), ZERO) + budget
    frame = frame_of(doc)
    scores = stated(doc, "得分:")
    if frame is not None and all(name in scores for name in frame):
        in_frame = sum(frame.values(), ZERO) != _full(doc)
        summed = sum((scores[name] for name in frame), ZERO) + (budget if in_frame else ZERO)
    if not differs(printed, summed, CENT * len(scored) / 2 + CENT):
        return None
    extra = f"（含预算执行得分{fmt(budget)}）" if budget else ""
    message = f"总分印为{fmt(printed)}，各项得分相加为{fmt(summed)}{extra}"
    missing = _missing_indicators(doc)
    if missing:
        return Finding("totals.sum", "warning", "总分", message + missing, summed, printed)
    return Finding("totals.sum", "error", "总分", message, summed, printed)


def _missing_indicators(doc: Document) -> str:
    """Why the sum may fall short: the document says it set more indicators than were read."""
    stated_count = next((f.value for f in doc.figures if f.name == "指标个数"), None)
    if stated_count is None or stated_count <= len(doc.indicators):
        return ""
    return (
        f"；但文中称设置指标{fmt(stated_count)}个，只读到{len(doc.indicators)}个"
        "（文件可能不完整），总分无法完整核对"
    )


def _full(doc: Document) -> Decimal:
    total = doc.totals.get("weight")
    return Decimal(str(total)) if total is not None else Decimal(100)


def check_recomputed_scores(doc: Document) -> list[Finding]:
    """Re-score the document by its rules and report where printed scores disagree."""
    from jixiao.core.scoring import score_document

    differences = score_document(doc).differences
    if doc.kind == "evaluation_report":  # report.grade already judges a report's grade
        return [f for f in differences if f.rule != "grade.mismatch"]
    return differences
