"""What a scoring-rule change would do, before it is applied (#17 item 5).

The web layer scores every system of a province-year under the current and the proposed
policy through the one definition (:func:`jixiao.core.scoring.score_document`, or its policy
stage on a stored basis); this module turns the two sets of totals into what a province
officer reads: every unit's score, grade and place (old → new), computed exactly as the
dashboards and rankings compute them (:func:`jixiao.core.rollup.roll_up`, places within the
unit's level by :func:`jixiao.core.rankings.places`), and the indicators that move most.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.rankings import places
from jixiao.core.rollup import Rollup, Unit, UnitFigures, roll_up
from jixiao.core.scoring.grades import GradeBand

#: Indicators listed as moving most.
MOVERS = 20


@dataclass(frozen=True)
class SystemChange:
    """One system's stored total and grade, and what the proposed policy gives."""

    system_id: int
    org_id: int
    title: str
    weight: Decimal | None
    old_total: Decimal | None
    new_total: Decimal | None
    old_grade: str
    new_grade: str

    @property
    def changed(self) -> bool:
        """True when the total or the grade moves."""
        return (self.old_total, self.old_grade) != (self.new_total, self.new_grade)


@dataclass(frozen=True)
class IndicatorMove:
    """An indicator whose points (after deductions) move, and why."""

    system_id: int
    org_name: str
    name: str
    old: Decimal
    new: Decimal
    why: str

    @property
    def delta(self) -> Decimal:
        """New points less old points."""
        return self.new - self.old


@dataclass(frozen=True)
class UnitChange:
    """A unit's score, grade and place within its level, old → new."""

    org_id: int
    name: str
    level: str
    old_score: Decimal | None
    new_score: Decimal | None
    old_grade: str
    new_grade: str
    old_place: int | None
    new_place: int | None

    @property
    def changed(self) -> bool:
        """True when anything shown for the unit moves."""
        old = (self.old_score, self.old_grade, self.old_place)
        return old != (self.new_score, self.new_grade, self.new_place)


@dataclass
class Preview:
    """Everything a what-if shows: units, systems, movers, and how it was computed."""

    units: list[UnitChange] = field(default_factory=list)
    systems: list[SystemChange] = field(default_factory=list)
    movers: list[IndicatorMove] = field(default_factory=list)
    rescored: int = 0  # systems scored indicator by indicator (the rest re-ran the policy)
    untouched: int = 0  # systems bound by a lower organisation's own variants

    @property
    def changed_systems(self) -> list[SystemChange]:
        """The systems whose total or grade moves."""
        return [s for s in self.systems if s.changed]

    @property
    def changed_units(self) -> list[UnitChange]:
        """The units whose score, grade or place moves."""
        return [u for u in self.units if u.changed]


def compare_units(
    units: Sequence[Unit],
    root_id: int,
    systems: Iterable[SystemChange],
    old_bands: tuple[GradeBand, ...],
    new_bands: tuple[GradeBand, ...],
) -> list[UnitChange]:
    """Every unit of the tree, old → new, in the tree's order (parents before children).

    ``units`` carry the tree only (their figures are ignored); each unit's score is its
    subtree's stored totals over their weights, as on the dashboards.
    """
    systems = list(systems)
    old = roll_up(_with(units, systems, new=False), root_id, bands=old_bands)
    new = roll_up(_with(units, systems, new=True), root_id, bands=new_bands)
    old_places, new_places = _places(old), _places(new)
    after = {r.org_id: r for r in new.walk()}
    return [
        UnitChange(
            r.org_id,
            r.name,
            r.unit.level,
            r.score,
            after[r.org_id].score,
            r.grade or "",
            after[r.org_id].grade or "",
            old_places.get(r.org_id),
            new_places.get(r.org_id),
        )
        for r in old.walk()
    ]


def _with(units: Sequence[Unit], systems: list[SystemChange], new: bool) -> list[Unit]:
    """The units with their own systems' totals (old or new) as their figures."""
    own: dict[int, UnitFigures] = {}
    for s in systems:
        total = s.new_total if new else s.old_total
        if total is None or not s.weight:
            continue
        add = UnitFigures(weight=s.weight, points=total)
        own[s.org_id] = own.get(s.org_id, UnitFigures()) + add
    return [
        Unit(u.org_id, u.parent_id, u.name, u.level, own.get(u.org_id, UnitFigures()))
        for u in units
    ]


def _places(root: Rollup) -> dict[int, int | None]:
    """Each unit's place among the units of its level (cities with cities …)."""
    by_level: dict[str, dict[int, Decimal | None]] = {}
    for r in root.walk():
        by_level.setdefault(r.unit.level, {})[r.org_id] = r.score
    found: dict[int, int | None] = {}
    for scores in by_level.values():
        found.update(places(scores))
    return found


def top_movers(moves: Iterable[IndicatorMove], count: int = MOVERS) -> list[IndicatorMove]:
    """The ``count`` indicators that move most (largest change of points first)."""
    moving = [m for m in moves if m.delta]
    return sorted(moving, key=lambda m: (-abs(m.delta), m.org_name, m.name))[:count]
