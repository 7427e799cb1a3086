"""Expert review of a system: draw the panel, each expert fills a sheet, combine the sheets.

The draw is made by ``core.panels.draw_experts`` over the active experts of the pools at and
above the system's unit, with each expert's 回避 set read from the organisation tree (their
own unit and every unit above it); the record keeps the seed and candidates so the draw can
be replayed. Each drawn expert gets an empty sheet. When every sheet is submitted, the
sheets are combined by the province's rule (``core.panels.combine_sheets``) and the combined
points become an evaluation's adjusted scores through ``cycle.evaluations`` — so the total
is the one definition's (``core.scoring.score_document`` via ``web.adapter``), logged and
stored like any evaluator's adjustment.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.panels import (
    Candidate,
    Draw,
    Exclusion,
    PanelError,
    combine_sheets,
    draw_experts,
    replay,
)
from jixiao.core.scoring.adjustments import AdjustmentError, read_points
from jixiao.core.scoring.rules import fmt
from jixiao.web.adapter import indicator_id
from jixiao.web.cycle.audit import lock, record, record_created, update_fields, user_name
from jixiao.web.cycle.evaluations import adjust, evaluate, may_evaluate
from jixiao.web.cycle.models import EvaluationKind
from jixiao.web.cycle.workflow import WorkflowError
from jixiao.web.experts.access import chain_of, require_manage
from jixiao.web.experts.models import (
    DrawStatus,
    Expert,
    ExpertDraw,
    ExpertSheet,
    SheetStatus,
)
from jixiao.web.experts.pool import rule_for
from jixiao.web.performance.models import Indicator, IndicatorSystem

KIND = EvaluationKind.DEPARTMENT
MAX_PANEL = 15


def candidates_for(system: IndicatorSystem) -> list[Candidate]:
    """The active experts of the pools at and above the system's unit, with their 回避 sets."""
    experts = Expert.objects.filter(
        organization__in=chain_of(system.organization), is_active=True
    ).select_related("employer")
    return [candidate_of(e) for e in experts]


def candidate_of(expert: Expert) -> Candidate:
    """An expert as the core's draw sees them: 回避 = their own unit and every unit above."""
    chain = chain_of(expert.employer) if expert.employer else []
    return Candidate(
        expert.pk,
        expert.name,
        frozenset(expert.specialties or []),
        frozenset(o.pk for o in chain),
        tuple(o.name for o in chain),
    )


def weighted(system: IndicatorSystem) -> list[Indicator]:
    """The indicators an expert scores: those with a 分值."""
    return [i for i in system.indicators.order_by("position") if i.weight is not None]


def draw_panel(
    system: IndicatorSystem, specialty: str, count: int, user: Any, seed: int | None = None
) -> ExpertDraw:
    """Draw ``count`` experts of ``specialty`` for ``system`` and give each an empty sheet.

    Raises:
        PanelError: with a Chinese message (no weighted indicator, too few experts …).
    """
    require_manage(user, system.organization)
    if not may_evaluate(user, KIND, system):
        raise PanelError(
            f"专家评审作为{KIND.label}开展，须由「{system.organization.name}」的上级单位组织。"
        )
    if not weighted(system):
        raise PanelError("该指标体系没有设分值的指标，无法开展专家评分。")
    if not 1 <= count <= MAX_PANEL:
        raise PanelError(f"抽取人数须在1～{MAX_PANEL}人之间。")
    specialty = specialty.strip()[:50]
    seed = secrets.randbits(62) if seed is None else seed
    unit = (system.organization.pk, system.organization.name)
    draw = _draw_of(candidates_for(system), specialty, count, unit, seed)
    with transaction.atomic():
        made = ExpertDraw.objects.create(
            system=system,
            kind=KIND,
            specialty=specialty,
            count=count,
            seed=seed,
            eligible=list(draw.eligible),
            excluded=[{"id": e.id, "name": e.name, "reason": e.reason} for e in draw.excluded],
            drawn=list(draw.drawn),
            drawn_by=user,
            drawn_by_name=user_name(user),
        )
        names = Expert.objects.in_bulk(draw.drawn)
        what = f"{specialty}：抽中{'、'.join(names[i].name for i in draw.drawn)}（随机种子{seed}）"
        record_created(made, user, what=what)
        ExpertSheet.objects.bulk_create(ExpertSheet(draw=made, expert_id=i) for i in draw.drawn)
    return made


def _draw_of(
    cands: list[Candidate], specialty: str, count: int, unit: tuple[int, str], seed: int
) -> Draw:
    if not specialty:
        raise PanelError("专业领域：必填。")
    return draw_experts(cands, specialty, count, unit, seed)


def recorded(draw: ExpertDraw) -> Draw:
    """The stored draw as the core's record (for replaying it)."""
    excluded = tuple(Exclusion(e["id"], e["name"], e["reason"]) for e in draw.excluded)
    return Draw(
        draw.seed, draw.specialty, draw.count, tuple(draw.eligible), excluded, tuple(draw.drawn)
    )


def replays(draw: ExpertDraw) -> bool:
    """True when the recorded seed and candidates give the recorded experts again."""
    return list(replay(recorded(draw))) == list(draw.drawn)


def fill_sheet(
    sheet: ExpertSheet,
    scores: dict[str, Any],
    opinion: str,
    submit: bool,
    user: Any,
    expected: int | None = None,
) -> None:
    """Save an expert's own scores (and, with ``submit``, hand the sheet in).

    ``scores`` maps an indicator's id (its pk, as text) to the points typed. Every score is
    checked against the indicator's 分值; a submitted sheet scores every weighted indicator.

    Raises:
        PanelError: on someone else's sheet, a handed-in sheet, or a bad score.
    """
    if sheet.expert.user_id is None or sheet.expert.user_id != getattr(user, "pk", None):
        raise PanelError("专家只能填写本人的评分表。")
    if sheet.status == SheetStatus.SUBMITTED or sheet.draw.status != DrawStatus.SCORING:
        raise PanelError("评分表已提交，不能再修改。")
    if len(opinion) > 5000:
        raise PanelError("评审意见：不超过5000字。")
    system = sheet.draw.system
    checked = _checked_scores(system, scores, submit)
    values: dict[str, Any] = {"scores": checked, "opinion": opinion.strip()}
    if submit:
        values |= {"status": SheetStatus.SUBMITTED, "submitted_at": timezone.now()}
    before = dict(sheet.scores or {})
    with transaction.atomic():
        if lock(ExpertSheet, pk=sheet.pk).status == SheetStatus.SUBMITTED:  # handed in meanwhile
            raise PanelError("评分表已提交，不能再修改。")
        update_fields(sheet, values, user, expected=expected, quiet=("scores", "submitted_at"))
        for ind in weighted(system):  # one log row per indicator, by name, not a JSON blob
            old, new = before.get(str(ind.pk), ""), checked.get(str(ind.pk), "")
            record(sheet, f"专家评分·{ind.name}"[:64], old, new, user)


def _checked_scores(
    system: IndicatorSystem, scores: dict[str, Any], complete: bool
) -> dict[str, str]:
    out: dict[str, str] = {}
    for ind in weighted(system):
        text = str(scores.get(str(ind.pk)) or "")[:30]
        try:
            points = read_points(text, ind.name)
        except AdjustmentError as exc:
            raise PanelError(str(exc)) from exc
        if points is None:
            if complete:
                raise PanelError(f"提交前须为每项指标打分：「{ind.name}」尚未打分。")
            continue
        if points < 0 or points > ind.weight:
            raise PanelError(
                f"「{ind.name}」的评分{fmt(points)}分超出范围：应在0至{fmt(ind.weight)}分之间。"
            )
        out[str(ind.pk)] = fmt(points)
    return out


def combine(draw: ExpertDraw, user: Any, expected: int | None = None) -> ExpertDraw:
    """Combine the submitted sheets into a new evaluation of the system (部门评价).

    Raises:
        PanelError: before every sheet is in, or when the draw is already combined.
    """
    require_manage(user, draw.system.organization)
    with transaction.atomic():
        if lock(ExpertDraw, pk=draw.pk).status != DrawStatus.SCORING:  # one combination only
            raise PanelError("本次专家评分已合成。")
        _combine_locked(draw, user, expected)
    return draw


def _combine_locked(draw: ExpertDraw, user: Any, expected: int | None) -> None:
    """:func:`combine` once the draw is locked: the sheets, the evaluation, the record."""
    sheets = list(draw.sheets.select_related("expert"))
    waiting = [s.expert.name for s in sheets if s.status != SheetStatus.SUBMITTED]
    if waiting:
        raise PanelError(f"还有{len(waiting)}位专家未提交评分表：{'、'.join(waiting)}。")
    system = draw.system
    indicators = weighted(system)
    rule = rule_for(system.organization)
    result = combine_sheets(
        {s.expert.name: {k: Decimal(v) for k, v in s.scores.items()} for s in sheets},
        {str(i.pk): i.weight for i in indicators},
        rule,
    )
    evaluation = _evaluate(system, user)
    rows = {r.indicator_id: r for r in evaluation.scores.all()}
    for ind in indicators:
        c = result.rows[str(ind.pk)]
        reason = f"专家评审合议：{c.explanation}" + (f"。{c.warning}" if c.warning else "")
        row = rows.get(ind.pk)
        if row is not None:
            adjust(row, fmt(c.points), reason, user)
    stored = _result_of(indicators, result, rule)
    values = {"status": DrawStatus.COMBINED, "evaluation": evaluation, "result": stored}
    update_fields(draw, values, user, expected=expected, quiet=("result",))


def _evaluate(system: IndicatorSystem, user: Any) -> Any:
    try:
        return evaluate(system, KIND, user)
    except WorkflowError as exc:
        raise PanelError(str(exc)) from exc


def _result_of(indicators: list[Indicator], result: Any, rule: Any) -> dict[str, Any]:
    """What the draw's page shows of the combination, kept with the draw."""
    return {
        "method": rule.method,
        "spread_percent": fmt(rule.spread_percent),
        "rows": [
            {
                "indicator": ind.pk,
                "code": indicator_id(ind),
                "name": ind.name,
                "weight": fmt(ind.weight),
                "points": fmt(result.rows[str(ind.pk)].points),
                "explanation": result.rows[str(ind.pk)].explanation,
                "warning": result.rows[str(ind.pk)].warning,
            }
            for ind in indicators
        ],
        "totals": {name: fmt(total) for name, total in result.totals.items()},
    }
