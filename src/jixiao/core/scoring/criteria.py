"""Rules written in an indicator's 评分标准 text, and the document's rates they apply to.

Evaluation reports state their scoring rules in words (003 attachment 3):
``到位率100%计4分，每下降1%扣0.2分，扣完为止`` is a :class:`DeductPerStep`; the rate it
applies to is the document's own 到位率 or 执行率, recomputed from the money where the
document gives the money (never taken from a printed rate when it can be recomputed).

Checklist items (``是计1分，否计0分``) cannot be judged from text, but the evaluator's
扣分因素 column says what was taken off (``未建设项目库，扣0.4分``): the points are the weight
less the stated deductions, which is how the sheet was filled in and what can be verified.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.documents import Document, Indicator
from jixiao.core.money import execution_rate
from jixiao.core.scoring.budget import budget_money
from jixiao.core.scoring.rules import DeductPerStep, RuleResult, fmt

NUM = r"(\d+(?:\.\d+)?)"
PER_STEP = re.compile(
    rf"([\u4e00-\u9fff]{{0,6}}率)\s*(?:达到|为)?\s*{NUM}\s*%\s*(?:及以上|以上)?\s*(?:计|得)\s*{NUM}\s*分"
    rf"[，,；;]?\s*每(?:下降|降低|减少|低)\s*{NUM}\s*(?:%|个百分点)\s*扣\s*{NUM}\s*分"
)
DEDUCTION = re.compile(rf"扣(?:减)?\s*{NUM}\s*分")
RATE_NAMES = ("到位率", "执行率")
CHECKLIST = re.compile(r"计\s*\d+(?:\.\d+)?\s*分")


def per_step_rule(text: str | None) -> DeductPerStep | None:
    """The per-step rule stated in ``text``, if any."""
    match = PER_STEP.search(text or "")
    if match is None:
        return None
    label, start, full, step, penalty = match.groups()
    return DeductPerStep(
        full=Decimal(full),
        start=Decimal(start),
        step=Decimal(step),
        penalty=Decimal(penalty),
        label=label,
    )


def document_rates(doc: Document) -> dict[str, Decimal]:
    """The document's 到位率 and 执行率 in %, recomputed from money where possible."""
    rates: dict[str, Decimal] = {}
    for fig in doc.figures:
        for name in RATE_NAMES:
            if name in fig.name and fig.value is not None and name not in rates:
                rates[name] = fig.value
    computed = _computed_execution(doc)
    if computed is not None:
        rates["执行率"] = computed
    return rates


def _computed_execution(doc: Document) -> Decimal | None:
    if doc.budget is not None:
        adjusted, spent, _ = budget_money(doc.budget)
        rate = execution_rate(spent, adjusted)
        if rate is not None:
            return rate
    for project in doc.projects:
        if project.name.strip() in ("合计", "总计"):
            return execution_rate(project.spent.get("total"), project.available.get("total"))
    return None


def rate_for(label: str, rates: dict[str, Decimal]) -> Decimal | None:
    """The rate a rule's label (预算执行率, 资金到位率 …) refers to."""
    return next((v for k, v in rates.items() if k in label), None)


def score_by_criteria(
    ind: Indicator, weight: Decimal, rates: dict[str, Decimal]
) -> RuleResult | None:
    """Score by the rule in the 评分标准 text, or by the stated deductions; None if neither."""
    rule = per_step_rule(ind.criteria)
    if rule is not None:
        value = rate_for(rule.label, rates)
        if value is not None:
            return rule.score(value)
    return score_by_deductions(ind, weight)


def may_score_by_criteria(ind: Indicator) -> bool:
    """True when :func:`score_by_criteria` may score ``ind``, for some weight and rates.

    Whether it does can turn on the document's rates or on the weight (a checklist with a
    full printed score), so such a row is always scored by the core, never from stored inputs.
    """
    return bool(
        per_step_rule(ind.criteria) is not None
        or DEDUCTION.search(ind.deviation or "")
        or CHECKLIST.search(ind.criteria or "")
    )


def score_by_deductions(ind: Indicator, weight: Decimal) -> RuleResult | None:
    """Weight less the deductions stated in the 扣分因素 (deviation) text.

    A checklist (its 评分标准 counts points: ``是计1分``) with no deduction stated and a full
    printed score is read as every criterion met.
    """
    taken = [Decimal(x) for x in DEDUCTION.findall(ind.deviation or "")]
    if not taken and ind.score == weight and CHECKLIST.search(ind.criteria or ""):
        why = f"评分要点未列扣分因素，视为全部满足，得{fmt(weight)}分"
        return RuleResult("checklist", weight, weight, {"扣分": []}, why)
    if not taken:
        return None
    points = max(weight - sum(taken, Decimal(0)), Decimal(0))
    listed = "、".join(fmt(t) for t in taken)
    why = f"按扣分因素扣{listed}分，{fmt(weight)}分减去后得{fmt(points)}分"
    return RuleResult("checklist", points, weight, {"扣分": taken}, why)
