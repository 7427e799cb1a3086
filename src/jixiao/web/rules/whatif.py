"""Rule what-if: a province's scoring variants previewed on its whole year, then applied.

:func:`preview` computes in memory, saving nothing. Each system of the province-year is
scored under the proposed policy through the one definition: its policy stage
(:func:`jixiao.core.scoring.policy.apply_policy`) re-run on the basis ``store_score`` kept
(:class:`~jixiao.web.rules.models.ScoreBasis`), which gives exactly the total a full
re-score would; a system whose basis is missing or no longer reproduces its stored total,
or whose qualitative rows the proposal re-bands, is scored indicator by indicator through
the adapter. :func:`apply` stores the variants (audited, versioned) and rescores the
province-year through the existing rescore path, so what is stored is what was previewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.core.rollup import Unit
from jixiao.core.scoring import ScoreSheet
from jixiao.core.scoring.policy import (
    Basis,
    ScoringPolicy,
    apply_policy,
    basis_from_data,
    deviation_reach,
)
from jixiao.core.whatif import (
    IndicatorMove,
    Preview,
    SystemChange,
    compare_units,
    top_movers,
)
from jixiao.web.adapter import sheet_of
from jixiao.web.cycle.audit import check_version, record, record_created, update_fields
from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.performance.rescore import rescore_systems
from jixiao.web.rules.models import ScoringVariant
from jixiao.web.rules.policies import policy_for


@dataclass(frozen=True)
class _Row:
    """A system as the preview reads it: ids, stored figures and its kept basis."""

    pk: int
    org_id: int
    org_name: str
    path: str
    title: str
    total: Decimal | None
    weight: Decimal | None
    grade: str
    basis: Basis | None


def tree_systems(org: Organization) -> Any:
    """The systems at and below ``org``, every year (a queryset)."""
    return IndicatorSystem.objects.filter(organization__path__startswith=org.path)


def year_systems(org: Organization, year: int) -> Any:
    """The systems of ``year`` at and below ``org`` (a queryset)."""
    return tree_systems(org).filter(year=year)


def preview(org: Organization, year: int, proposed: ScoringPolicy) -> Preview:
    """What ``proposed`` would change for ``org``'s tree in ``year``; nothing is saved."""
    current = policy_for(org, year)
    bound_below = _bound_below(org, year)
    result = Preview()
    moves: list[IndicatorMove] = []
    for row in _rows(org, year, deviation_reach(current, proposed)):
        if any(row.path.startswith(p) for p in bound_below):
            result.untouched += 1
            result.systems.append(_same(row))
            continue
        change, moved, full = _change(row, current, proposed)
        result.systems.append(change)
        moves += moved
        result.rescored += full
    result.movers = top_movers(moves)
    units = [
        Unit(pk, parent, name, level)
        for pk, parent, name, level in Organization.objects.filter(path__startswith=org.path)
        .values_list("pk", "parent_id", "name", "level")
        .order_by("path")
    ]
    result.units = compare_units(units, org.pk, result.systems, current.bands, proposed.bands)
    return result


def _bound_below(org: Organization, year: int) -> list[str]:
    """Paths of organisations below ``org`` with their own variants for the year."""
    below = ScoringVariant.objects.filter(organization__path__startswith=org.path, year=year)
    return list(below.exclude(organization=org).values_list("organization__path", flat=True))


def _rows(org: Organization, year: int, reach: float | None) -> list[_Row]:
    """Every system of the year with its stored figures and basis, in one query.

    No indicator row is read: the basis the rescore keeps current holds what the policy
    stage reads (of its overshoots, only those a deviation rule can reach, ``reach``).
    """
    values = year_systems(org, year).values_list(
        "pk",
        "organization_id",
        "organization__name",
        "organization__path",
        "title",
        "score_total",
        "score_weight",
        "score_grade",
        "score_basis__data",
    )
    return [
        _Row(pk, oid, name, path, title, total, weight, grade or "", _basis(data, reach))
        for pk, oid, name, path, title, total, weight, grade, data in values.order_by(
            "organization__path", "pk"
        )
    ]


def _basis(data: Any, reach: float | None) -> Basis | None:
    return basis_from_data(data, reach) if data else None


def _same(row: _Row) -> SystemChange:
    return SystemChange(
        row.pk, row.org_id, row.title, row.weight, row.total, row.total, row.grade, row.grade
    )


def _change(
    row: _Row, current: ScoringPolicy, proposed: ScoringPolicy
) -> tuple[SystemChange, list[IndicatorMove], int]:
    """One system under the proposal: from its basis when that is exact, else re-scored."""
    basis = row.basis
    rebands = proposed.qualitative != current.qualitative
    if basis is not None and not (rebands and basis.qualitative):
        now = apply_policy(basis, current)
        if (now.total, now.grade or "") == (row.total, row.grade):
            then = apply_policy(basis, proposed)
            change = SystemChange(
                row.pk,
                row.org_id,
                row.title,
                row.weight,
                row.total,
                then.total,
                row.grade,
                then.grade or "",
            )
            names = {o.id: o.name for o in basis.overshoots}
            points = {o.id: o.points for o in basis.overshoots}
            moved = _deduction_moves(row, names, points, now.deductions, then.deductions)
            return change, moved, 0
    return _rescored(row, current, proposed)


def _deduction_moves(
    row: _Row,
    names: dict[str, str],
    points: dict[str, Decimal],
    old: dict[str, Decimal],
    new: dict[str, Decimal],
) -> list[IndicatorMove]:
    """Indicators whose 指标偏离 deduction changes (their points are otherwise the same)."""
    zero = Decimal(0)
    return [
        IndicatorMove(
            row.pk,
            row.org_name,
            names[i],
            points[i] - old.get(i, zero),
            points[i] - new.get(i, zero),
            f"指标偏离扣分{old.get(i, zero)}→{new.get(i, zero)}",
        )
        for i in sorted(set(old) | set(new))
        if old.get(i, zero) != new.get(i, zero)
    ]


def _rescored(
    row: _Row, current: ScoringPolicy, proposed: ScoringPolicy
) -> tuple[SystemChange, list[IndicatorMove], int]:
    """Score the system indicator by indicator under both policies (through the adapter)."""
    system = IndicatorSystem.objects.select_related("organization").get(pk=row.pk)
    before, after = sheet_of(system, current), sheet_of(system, proposed)
    change = SystemChange(
        row.pk,
        row.org_id,
        row.title,
        after.weight,
        row.total,
        after.recomputed_total,
        row.grade,
        after.grade or "",
    )
    return change, _row_moves(row, before, after), 1


def _row_moves(row: _Row, before: ScoreSheet, after: ScoreSheet) -> list[IndicatorMove]:
    """Indicators whose points less deductions differ between two sheets of one system."""
    zero = Decimal(0)
    moves = []
    for old, new in zip(before.rows, after.rows, strict=True):
        ind = old.indicator.id
        was = (old.recomputed or zero) - before.deductions.get(ind, zero)
        now = (new.recomputed or zero) - after.deductions.get(ind, zero)
        if was != now:
            why = new.result.explanation
            moves.append(IndicatorMove(row.pk, row.org_name, old.indicator.name, was, now, why))
    return moves


# --------------------------------------------------------------------------------- applying


def apply(
    org: Organization,
    year: int,
    proposed: ScoringPolicy,
    user: Any,
    expected: int | None = None,
    reason: str = "",
) -> ScoringVariant:
    """Store ``proposed`` as ``org``'s variants for ``year`` and rescore the year; audited.

    ``expected`` is the version the officer previewed against (0: none existed); a
    different stored version raises ``Stale`` and nothing is saved or rescored.
    """
    with transaction.atomic():
        variant = ScoringVariant.objects.select_for_update().filter(organization=org, year=year)
        found = variant.first()
        if found is None:
            found = _create(org, year, proposed, user, expected, reason)
        else:
            _update(found, proposed, user, expected, reason)
        rescore_systems(year_systems(org, year))
    return found


def _create(
    org: Organization,
    year: int,
    proposed: ScoringPolicy,
    user: Any,
    expected: int | None,
    reason: str,
) -> ScoringVariant:
    variant = ScoringVariant(organization=org, year=year, data=proposed.to_data())
    check_version(variant, expected, {"data": proposed.describe()}, {"data": "评分规则"})
    variant.updated_by = user if getattr(user, "is_authenticated", False) else None
    variant.save()
    record_created(variant, user, reason, what=proposed.describe())
    return variant


def _update(
    variant: ScoringVariant, proposed: ScoringPolicy, user: Any, expected: int | None, reason: str
) -> None:
    old = variant.to_core().describe()
    values = {"data": proposed.to_data(), "updated_by": user}
    update_fields(variant, values, user, reason, expected, quiet=("data", "updated_by"))
    record(variant, "评分规则", old, proposed.describe(), user, reason)
