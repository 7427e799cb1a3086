"""The one place where models meet the core (fava's ``beans/`` layer).

Models become core objects here and nowhere else: :func:`document_of` builds a system's
:class:`~jixiao.core.documents.Document` straight from the rows (the JSON columns already
hold the contract's shapes and are read with the core's own readers), :func:`indicator_of`
one indicator. The way back is :func:`store_score` for the scores (and
``jixiao.web.imports.save.save_document`` for a whole imported document).

A system's total has one definition, :func:`jixiao.core.scoring.score_document` on
:func:`document_of` the system, which carries the latest evaluation's adjustments.
:func:`store_score` keeps its total and grade on the system in the same transaction as the
change of an input, and every page, API, export, ranking, incentive pool and dashboard reads
the stored figures (``IndicatorSystem.score_total`` / ``score_grade``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from jixiao.core import documents as core
from jixiao.core.documents import (
    Adjustment,
    actual_from_dict,
    decimals,
    disclosure_from_dict,
    figure_from_dict,
    plain,
    source_from_dict,
    target_from_dict,
    task_from_dict,
)
from jixiao.core.scoring import ScoreSheet, score_document, score_indicator
from jixiao.core.scoring.choose import choose, is_applicable
from jixiao.core.scoring.criteria import document_rates, may_score_by_criteria, per_step_rule
from jixiao.core.scoring.levels import Part
from jixiao.core.scoring.policy import DEFAULT_POLICY, ScoringPolicy
from jixiao.web.cycle.models import Evaluation, EvaluationScore
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import (
    Allocation,
    BudgetLine,
    Indicator,
    IndicatorSystem,
    Project,
    RuleKind,
)
from jixiao.web.rules.models import ScoreBasis
from jixiao.web.rules.policies import policy_for


def indicator_id(row: Indicator) -> str:
    """The id the core (and a score sheet) knows the indicator by: its code, else position."""
    return row.code or str(row.position)


def indicator_of(row: Indicator) -> core.Indicator:
    """The model row as the core's Indicator."""
    return core.Indicator(
        id=indicator_id(row),
        name=row.name,
        path=list(row.path or []),
        nature=row.nature or None,
        direction=row.direction or None,
        targets=[target_from_dict(t) for t in row.targets or []],
        actual=actual_from_dict(row.actual),
        weight=row.weight,
        score=row.score,
        departments=list(row.departments or []),
        owners=list(row.owners or []),
        basis=row.basis,
        history=decimals(row.history),
        deviation=row.deviation or None,
        criteria=row.criteria or None,
        source=source_from_dict(row.source),
    )


def project_of(row: Project) -> core.Project:
    """A fund-table row as the core's Project."""
    return core.Project(
        name=row.name,
        unit=row.unit_name or None,
        available=decimals(row.available),
        spent=decimals(row.spent),
        rates=decimals(row.rates),
        unit_of_money=row.unit_of_money,
        expenses=decimals(row.expenses),
        source=source_from_dict(row.source),
    )


def budget_of(system: IndicatorSystem, lines: Iterable[BudgetLine]) -> core.Budget | None:
    """The fund block (项目资金) of a system; None when it has neither rows nor a weight."""
    rows = [
        core.BudgetRow(b.source_name, b.initial, b.adjusted, b.spent, b.rate, b.weight, b.score)
        for b in lines
    ]
    if not rows and system.budget_weight is None:
        return None
    return core.Budget(rows=rows, weight=system.budget_weight, score=system.budget_score)


def allocation_of(row: Allocation) -> core.Allocation:
    """An allocation-table row as the core's Allocation."""
    return core.Allocation(
        unit=row.unit_name,
        parent=row.parent_name or None,
        code=row.code or None,
        total=row.total,
        by_project=decimals(row.by_project),
        is_subtotal=row.is_subtotal,
        source=source_from_dict(row.source),
    )


def document_of(system: IndicatorSystem) -> core.Document:
    """The system as a core Document, with the latest evaluation's adjustments."""
    return core.Document(
        kind=system.document_kind,
        title=system.title,
        organization=core.Organization(system.organization.name, system.organization.code or None),
        year=system.year,
        indicators=[indicator_of(i) for i in system.indicators.all()],
        projects=[project_of(p) for p in system.projects.all()],
        budget=budget_of(system, system.budget_lines.all()),
        disclosure=disclosure_from_dict(system.disclosure),
        totals=dict(system.totals or {}),
        warnings=list(system.warnings or []),
        figures=[figure_from_dict(f) for f in system.figures or []],
        allocations=[allocation_of(a) for a in system.allocations.all()],
        tasks=[task_from_dict(t) for t in system.tasks or []],
        adjustments=adjustments_of(system),
    )


def latest_evaluation(system: IndicatorSystem) -> Evaluation | None:
    """The system's latest evaluation: the one whose adjustments count."""
    return system.evaluations.order_by("-created_at", "-pk").first()


def adjustments_of(system: IndicatorSystem) -> dict[str, Adjustment]:
    """The latest evaluation's adjusted scores, by indicator id (none before an evaluation)."""
    latest = latest_evaluation(system) if system.pk else None
    if latest is None:
        return {}
    rows = EvaluationScore.objects.filter(evaluation=latest, adjusted__isnull=False)
    return {
        indicator_id(r.indicator): Adjustment(r.adjusted, r.reason)
        for r in rows.select_related("indicator")
    }


def latest_evaluations(system_ids: Iterable[int]) -> dict[int, int]:
    """The latest evaluation's id of each system that has one (as :func:`latest_evaluation`)."""
    rows = Evaluation.objects.filter(system_id__in=system_ids).order_by(
        "system_id", "-created_at", "-pk"
    )
    latest: dict[int, int] = {}
    for system_id, pk in rows.values_list("system_id", "pk"):
        latest.setdefault(system_id, pk)
    return latest


def stored_parts(groups: Iterable[tuple[Any, ...]]) -> list[Part]:
    """A system's level sums (the core's :class:`~jixiao.core.scoring.levels.Part`) from its rows.

    ``groups`` are its weighted rows grouped by level-1 name, applicability and 分值:
    ``(level, applicable, weight, first position, rows, printed scores, points, results)``,
    the points being those that count (an adjustment, else the rule's, else the printed).
    """
    parts: dict[str, Part] = {}
    for level, applicable, weight, _, count, reported, points, results in sorted(
        groups, key=lambda g: g[3]
    ):
        name = level if level is not None else "未分级"
        part = parts.setdefault(name, Part(name))
        part.add(weight, reported, points, applicable, count)
        part.results |= bool(results)
    return list(parts.values())


def scoring_frame(system: IndicatorSystem, lines: Iterable[BudgetLine]) -> core.Document:
    """What a system's total is added up with besides its rows: stated figures, fund block."""
    return core.Document(
        kind=system.document_kind,
        budget=budget_of(system, lines),
        totals=dict(system.totals or {}),
        figures=[figure_from_dict(f) for f in system.figures or []],
    )


def rates_of(system: IndicatorSystem) -> dict[str, Decimal]:
    """The system's 到位率/执行率 as ``score_document`` reads them (figures, budget, projects)."""
    doc = core.Document(
        kind=system.document_kind,
        figures=[figure_from_dict(f) for f in system.figures or []],
        budget=budget_of(system, system.budget_lines.all()),
        projects=[project_of(p) for p in system.projects.all()],
    )
    return document_rates(doc)


#: The row's points and its typed scoring inputs: what :func:`score_row` writes.
SCORING_FIELDS = (
    "recomputed",
    "rule_kind",
    "comparison",
    "target_value",
    "target_upper",
    "actual_value",
    "level",
    "met",
    "applicable",
)
#: Numbers the set-based rescore computes with exactly: four decimals, below 10⁸ in size
#: (their products with a weight of at most 100, scaled to integers, fit 64 bits).
SQL_DECIMALS = Decimal("0.0001")
SQL_LIMIT = Decimal(10) ** 8
#: What the typed value columns hold (``performance.models.INPUT``).
COLUMN_LIMIT = Decimal(10) ** 12


def scoring_columns(
    ind: core.Indicator,
    rates: dict[str, Decimal] | None = None,
    policy: ScoringPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """The row's points (``recomputed``) and scoring inputs as typed columns, from the core.

    The one place the typed columns are derived: the rule kind and its inputs are the core's
    own choice (:func:`jixiao.core.scoring.choose.choose`), the points its score. A row the
    columns cannot express exactly (a 评分标准 rule, a number with more than four decimals or
    beyond 10⁸ on a ratio) is of kind ``core``: the full rescore scores it with the core.
    The points are the ``policy``'s (its partial-credit bands); the columns never depend on it.
    """
    points = None
    if ind.weight is not None:
        points = score_indicator(ind, rates, None, policy.qualitative).result.points
    return {"recomputed": points, **typed_inputs(ind)}


def typed_inputs(ind: core.Indicator) -> dict[str, Any]:
    """The typed scoring inputs of ``ind`` (:data:`SCORING_FIELDS` without the points)."""
    choice = choose(ind)
    target, actual = choice.target, choice.actual
    kind = choice.kind
    if may_score_by_criteria(ind) or (kind in (RuleKind.RATIO, RuleKind.REVERSE) and not (
        _exact(target and target.value, SQL_LIMIT) and _exact(actual and actual.value, SQL_LIMIT)
    )):
        kind = RuleKind.CORE
    return {
        "rule_kind": kind,
        "comparison": (target.op if target else "")[:12],
        "target_value": _kept(target and target.value),
        "target_upper": _kept(target and target.upper),
        "actual_value": _kept(actual and actual.value),
        "level": choice.level or "",
        "met": choice.met,
        "applicable": is_applicable(ind),
    }


def _exact(value: Decimal | None, limit: Decimal) -> bool:
    """True when ``value`` has at most four decimals and lies below ``limit`` in size."""
    if value is None or not value.is_finite() or abs(value) >= limit:
        return False
    return value == value.quantize(SQL_DECIMALS)


def _kept(value: Decimal | None) -> Decimal | None:
    """``value`` as a typed column keeps it: exactly, or not at all (None)."""
    return value if _exact(value, COLUMN_LIMIT) else None


def points_of(
    row: Indicator,
    rates: dict[str, Decimal] | None = None,
    policy: ScoringPolicy | None = None,
) -> Decimal | None:
    """The rule's points for one row as it stands (what :func:`score_row` stores)."""
    return score_row(row, rates, policy, keep=False)["recomputed"]


def score_row(
    row: Indicator,
    rates: dict[str, Decimal] | None = None,
    policy: ScoringPolicy | None = None,
    keep: bool = True,
) -> dict[str, Any]:
    """The row's points and typed scoring inputs from its current fields, set on it if ``keep``.

    Only the rules written in a 评分标准 text need the system's rates; they are read from the
    system when the caller has not and the row needs them. ``policy`` is the province's
    (:func:`policy_of`), read when not given: its partial-credit bands score qualitative rows.
    The row is not saved.
    """
    if rates is None and per_step_rule(row.criteria) is not None:
        rates = rates_of(row.system)
    policy = policy or policy_of(row.system)
    values = scoring_columns(indicator_of(row), rates, policy)
    for name, value in values.items() if keep else ():
        setattr(row, name, value)
    return values


def policy_of(system: IndicatorSystem) -> ScoringPolicy:
    """The province's scoring variants that bind the system (``rules.policies``)."""
    return policy_for(system.organization, system.year)


def sheet_of(system: IndicatorSystem, policy: ScoringPolicy | None = None) -> ScoreSheet:
    """The core's score sheet of the system as it stands (the trace the pages show).

    ``policy`` defaults to the one that binds the system; a what-if passes another.
    """
    return score_document(document_of(system), policy or policy_of(system))


def store_score(system: IndicatorSystem) -> ScoreSheet:
    """Score the system by the one definition and store its total and grade; the sheet.

    Call it inside the transaction that changed an input (a value, a weight, an indicator,
    an evaluation or an adjustment), so no reader ever sees the input without its total.
    The sheet's basis (what the province's caps and deductions read) is kept beside it, so
    a what-if can re-run the policy without re-scoring every indicator.
    """
    sheet = sheet_of(system)
    store_basis(system, sheet)
    new = (sheet.recomputed_total, sheet.weight, sheet.grade or "")
    if _stored(system) != new:
        system.score_total, system.score_weight, system.score_grade = new
        IndicatorSystem.objects.filter(pk=system.pk).update(
            score_total=new[0], score_weight=new[1], score_grade=new[2]
        )
        bump()  # ``update`` sends no signals: the dashboards' cache must drop its roll-ups
    return sheet


def store_basis(system: IndicatorSystem, sheet: ScoreSheet) -> None:
    """Keep the sheet's policy basis for the system (none for an unscored sheet)."""
    data = sheet.basis.to_data() if sheet.basis is not None else {}
    ScoreBasis.objects.update_or_create(system_id=system.pk, defaults={"data": data})


def _stored(system: IndicatorSystem) -> tuple[Decimal | None, Decimal | None, str]:
    return (system.score_total, system.score_weight, system.score_grade)


def store_scores(systems: Iterable[IndicatorSystem]) -> int:
    """:func:`store_score` for many systems; how many totals changed."""
    changed = 0
    for system in systems:
        before = _stored(system)
        store_score(system)
        changed += before != _stored(system)
    return changed


def stored_sheet(system: IndicatorSystem) -> dict[str, Any]:
    """The score sheet as JSON for a page or the API, its total and grade the stored ones.

    The rows, levels and differences are the trace (recomputed from the same inputs); the
    total and grade are what every other page reads, so a reader never sees two totals.
    """
    sheet = sheet_of(system).to_dict()
    sheet["recomputed_total"] = plain(system.score_total)
    sheet["weight"] = plain(system.score_weight)
    sheet["grade"] = system.score_grade or None
    sheet["adjusted"] = sum(1 for row in sheet["indicators"] if row.get("adjustment"))
    return sheet
