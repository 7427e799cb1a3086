"""The stored totals of many systems at once, from their rows' stored points.

A full rescore has just written every row's points (``Scoring.points``); scoring each
indicator again to add up the totals would cost what the set-based rescore saved. So the
narrow scoring rows are summed in the database per system, level-1 name, applicability and
分值 (one grouped query that reads no indicator row), the sums become the core's level parts
(:func:`jixiao.web.adapter.stored_parts`), and each system's total and grade come from the core's one definition
(:func:`jixiao.core.scoring.scores.sum_parts`), the function ``score_document`` and so
:func:`jixiao.web.adapter.store_score` reach too, the policy stage included: the
ministry's rules on the system's facts (:class:`~jixiao.core.scoring.scores.Facts`: the
rates its kept basis holds, its qualitative rows, its overshoots with the points they count
now). A system a province's variants bind, without a kept basis, or with rows whose facts
only the core knows (:func:`_row_facts`, :func:`refreshed`), is stored by ``store_score``.
``tests/web/test_rescore_sets.py`` checks the two agree for every system, adjustments
and province rules included.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from jixiao.core.documents import plain
from jixiao.core.scoring.policy import DEFAULT_POLICY, Basis, basis_from_data
from jixiao.core.scoring.scores import Facts, sum_parts
from jixiao.web.adapter import latest_evaluations, scoring_frame, store_scores, stored_parts
from jixiao.web.cycle.models import EvaluationScore
from jixiao.web.monitoring.cache import bump
from jixiao.web.performance.models import BudgetLine, IndicatorSystem, RuleKind, Scoring
from jixiao.web.rules.models import ScoreBasis
from jixiao.web.rules.policies import bound_scope

FIELDS = ["score_total", "score_weight", "score_grade"]
#: What a system's total is added up with besides its rows (``adapter.scoring_frame``).
FRAME = ["kind", "doc_kind", "totals", "figures", "budget_weight", "budget_score", *FIELDS]
#: Systems summed at a time: bounded memory, and bounded IN lists, on a whole province.
CHUNK = 1000
POINTS = DecimalField(max_digits=20, decimal_places=4)
#: Rows compared with a number (not bands, printed, a deadline or the target's own words).
COMPARED = ~Q(rule_kind__in=[RuleKind.BANDS, RuleKind.PRINTED]) & ~Q(
    comparison__in=["", "by_date"]
)
#: Compared rows whose result is over their target: 指标偏离 candidates.
OVER = COMPARED & Q(actual_value__gt=F("target_value"))


def store_totals(systems: QuerySet) -> int:
    """Store the total, weight and grade of each of ``systems``; how many changed."""
    changed = 0
    ids = list(systems.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        changed += _store_chunk(ids[start : start + CHUNK])
    if changed:
        bump()  # ``bulk_update`` sends no signals
    return changed


class Line(NamedTuple):
    """A budget line as ``adapter.budget_of`` reads it: plain values, no model instance."""

    source_name: str
    initial: Decimal | None
    adjusted: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    weight: Decimal | None
    score: Decimal | None


def _lines(ids: list[int]) -> dict[int, list[Line]]:
    """Each system's budget lines in order (17,000 at 137 units: tuples, not models)."""
    found: dict[int, list[Line]] = defaultdict(list)
    rows = BudgetLine.objects.filter(system_id__in=ids).order_by("system_id", "position")
    for system_id, *values in rows.values_list("system_id", *Line._fields):
        found[system_id].append(Line(*values))
    return found


def _store_chunk(ids: list[int]) -> int:
    groups, counted = _groups(ids)
    lines = _lines(ids)
    bases = {
        system_id: (pk, data)
        for pk, system_id, data in ScoreBasis.objects.filter(system_id__in=ids).values_list(
            "pk", "system_id", "data"
        )
    }
    bound = set(
        IndicatorSystem.all_objects.filter(pk__in=ids)
        .filter(bound_scope())
        .values_list("pk", flat=True)
    )
    over = _overshooting(ids)
    changed, rebased, by_core = [], [], []
    for system in IndicatorSystem.all_objects.filter(pk__in=ids).only(*FRAME):
        basis = bases.get(system.pk)
        bands, unsure = counted.get(system.pk, (0, 0))
        sheet = None
        kept = (basis[1] or {}) if basis is not None else {}
        overshoots = refreshed(kept.get("overshoots") or [], over.get(system.pk, []))
        if system.pk not in bound and basis is not None and not unsure and overshoots is not None:
            doc = scoring_frame(system, lines[system.pk])
            parts = stored_parts(groups.get(system.pk, []))
            sheet = sum_parts(doc, parts, DEFAULT_POLICY, _facts(kept, overshoots, bands))
        if sheet is None or basis is None or (sheet.basis is not None and not basis[1]):
            by_core.append(system)  # its policy or its facts need every indicator scored
            continue
        new = (sheet.recomputed_total, sheet.weight, sheet.grade or "")
        if (system.score_total, system.score_weight, system.score_grade) != new:
            system.score_total, system.score_weight, system.score_grade = new
            changed.append(system)
        data = _basis_data(sheet.basis, kept, overshoots)
        if data != basis[1]:
            rebased.append(ScoreBasis(pk=basis[0], system_id=system.pk, data=data))
    IndicatorSystem.all_objects.bulk_update(changed, FIELDS, batch_size=500)
    ScoreBasis.objects.bulk_update(rebased, ["data"], batch_size=500)
    whole = IndicatorSystem.all_objects.filter(pk__in=[s.pk for s in by_core])
    return len(changed) + store_scores(whole.select_related("organization"))


#: The ministry's rules cap no total by a rate and take nothing off for 指标偏离: its policy
#: stage reads neither, so a total under them is added up without parsing the kept facts.
READS_FACTS = bool(DEFAULT_POLICY.caps) or DEFAULT_POLICY.deviation is not None


def _facts(kept: dict[str, Any], overshoots: list[list[Any]], bands: int) -> Facts:
    """The policy facts of a system: its kept rates and refreshed overshoots, its bands rows."""
    if not READS_FACTS:
        return Facts(qualitative=bands)
    basis = basis_from_data({**kept, "overshoots": overshoots})
    return Facts(basis.rates, basis.overshoots, bands)


def _basis_data(
    basis: Basis | None, kept: dict[str, Any], overshoots: list[list[Any]]
) -> dict[str, Any]:
    """``basis.to_data()`` with the kept rates and the refreshed overshoots (already JSON).

    The rates and which rows overshoot are not a rescore's to change (see :func:`refreshed`);
    they stay as kept, without a round trip through Decimals.
    """
    if basis is None:
        return {}
    return {
        **basis.to_data(),
        "rates": kept.get("rates") or {},
        "overshoots": overshoots,
    }


def refreshed(kept: list[list[Any]], rows: list[tuple[Any, ...]]) -> list[list[Any]] | None:
    """The kept overshoots (JSON) with the points their rows count now; None: the core knows.

    Which rows overshoot, by how much, and whether a 偏差原因 is written are inputs a rescore
    leaves alone; only the points move (and a row that lost its weight or applicability, or
    has no points, is no longer one). A row over its target that the kept basis does not
    list may have been judged no overshoot, or may have had no weight then: the core decides.
    """
    by_id = {str(o[0]): o for o in kept}
    seen: set[str] = set()
    found = []
    for oid, points, applicable in rows:
        if oid in seen:
            return None  # two rows known by one id: the core's sheet decides
        seen.add(oid)
        if not applicable or points is None:
            continue
        if oid not in by_id:
            return None
        ref, name, percent, _, reason = by_id[oid]
        found.append([ref, name, percent, plain(points), reason])
    return found if seen >= set(by_id) else None


def _overshooting(ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Per system, its weighted rows whose result is over their target: id, points, applicable."""
    adjusted = _adjusted(ids)
    counted = Coalesce(adjusted, "points", "score", output_field=POINTS)
    rows = (
        Scoring.objects.filter(system_id__in=ids, weight__isnull=False)
        .filter(OVER)
        .exclude(rule_kind=RuleKind.REVERSE)  # a ceiling met by far is no deviation
        .annotate(counted=counted)
        .order_by("system_id", "position")
        .values_list("system_id", "ref", "counted", "applicable")
    )
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for system_id, ref, points, applicable in rows:
        found[system_id].append((ref, points, applicable))
    return found


def _row_facts() -> dict[str, Count]:
    """Per group: its qualitative rows, and the rows whose policy facts only the core knows.

    A row of a statement's kind scored by the bands is qualitative, and a row with no
    comparison (bands, printed, a deadline, the target's own words) is no 指标偏离 overshoot.
    A ``core`` row can turn either way on its weight and rates, and a compared row whose
    figures the columns do not keep may overshoot: any such row sends its system to
    ``store_score`` (:func:`refreshed` judges the rows over their target).
    """
    unknown = Q(actual_value__isnull=True) | Q(target_value__isnull=True)
    unsure = Q(rule_kind__in=["", RuleKind.CORE]) | (COMPARED & unknown)
    return {
        "bands": Count("pk", filter=Q(rule_kind=RuleKind.BANDS)),
        "unsure": Count("pk", filter=unsure),
    }


Groups = dict[int, list[tuple[Any, ...]]]


def _groups(ids: list[int]) -> tuple[Groups, dict[int, tuple[int, int]]]:
    """Each system's weighted rows summed by level-1 name, applicability and 分值.

    And per system the counts of :func:`_row_facts`: one pass over the scoring rows.
    """
    adjusted = _adjusted(ids)
    counted = Coalesce(adjusted, "points", "score", Value(Decimal(0)), output_field=POINTS)
    result = Q(reported=True) | Q(points__isnull=False) | Q(score__isnull=False)
    if adjusted is not None:
        result |= Q(adjusted__isnull=False)
    rows = (
        Scoring.objects.filter(system_id__in=ids, weight__isnull=False)
        .annotate(adjusted=adjusted or Value(None, output_field=POINTS))
        .values("system_id", "level1", "applicable", "weight")
        .annotate(  # names apart from the row's own (``points``, ``reported``)
            first=Min("position"),
            count=Count("pk"),
            printed=Sum("score", output_field=POINTS),
            counted=Sum(counted),
            results=Max(Case(When(result, then=1), default=0, output_field=IntegerField())),
            **_row_facts(),
        )
        .order_by()
    )
    found: Groups = defaultdict(list)
    facts: dict[int, tuple[int, int]] = {}
    columns = ("level1", "applicable", "weight", "first", "count", "printed", "counted", "results")
    for row in rows:
        system = row["system_id"]
        found[system].append(tuple(row[c] for c in columns))
        bands, unsure = facts.get(system, (0, 0))
        facts[system] = (bands + row["bands"], unsure + row["unsure"])
    return found, facts


def _adjusted(ids: list[int]) -> Subquery | None:
    """Each row's adjusted score in its system's latest evaluation; None when there is none."""
    latest = list(latest_evaluations(ids).values())
    scores = EvaluationScore.objects.filter(evaluation_id__in=latest, adjusted__isnull=False)
    if not latest or not scores.exists():
        return None
    mine = scores.filter(indicator_id=OuterRef("pk")).values("adjusted")[:1]
    return Subquery(mine, output_field=POINTS)
