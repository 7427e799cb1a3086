"""Roll per-unit figures up the organisation tree: province ← cities ← counties.

A dashboard shows each organisation twice: its own records (the province bureau's own
systems) and everything at and below it (the whole province). Sums are the only safe way to
combine units — a city's completion is not the mean of its counties' percentages but the
counties' summed progress over their summed indicator counts — so :class:`UnitFigures` holds
sums and counts only, and every rate, score and grade is derived once, in :class:`Rollup`.

The web layer fetches the sums with a handful of aggregate queries and hands them here; the
benchmark and the incentive-pool allocation read the same :class:`Rollup` objects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal

from jixiao.core.money import rate, round_half_up
from jixiao.core.monitoring import DEFAULT_THRESHOLDS, NONE, Thresholds, light_for
from jixiao.core.scoring.grades import MOF_BANDS, GradeBand, grade_for

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class UnitFigures:
    """Sums and counts for one organisation (or, after rolling up, for a subtree).

    Attributes:
        indicators: indicators in the year's systems.
        judged: indicators the latest monitoring round could judge (a light other than none).
        completion_sum: Σ of each judged indicator's progress against expected, capped at 100.
        weight: Σ weights (分值) of the scored systems, points: Σ their scores (得分).
        budget: Σ budgets (全年预算), spent: Σ spent at the date (执行数), same money unit.
        red, amber, green: lights of indicators and projects together.
    """

    indicators: int = 0
    judged: int = 0
    completion_sum: Decimal = ZERO
    weight: Decimal = ZERO
    points: Decimal = ZERO
    budget: Decimal = ZERO
    spent: Decimal = ZERO
    red: int = 0
    amber: int = 0
    green: int = 0

    def __add__(self, other: UnitFigures) -> UnitFigures:
        """Field-by-field sum: every field is a sum or a count."""
        return UnitFigures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True)
class Unit:
    """An organisation of the tree with its own figures."""

    org_id: int
    parent_id: int | None
    name: str
    level: str
    own: UnitFigures = field(default_factory=UnitFigures)


@dataclass(frozen=True)
class Rollup:
    """One organisation with its subtree's figures and its children, derived values included.

    Attributes:
        completion: mean progress against the time-expected progress, percent (capped 100).
        score: points ÷ weight × 100, the 100-point total; grade: its band (优 良 中 差).
        rate: spent ÷ budget, percent; spending_status: its light against the calendar.
    """

    unit: Unit
    total: UnitFigures
    children: tuple[Rollup, ...]
    completion: Decimal | None
    score: Decimal | None
    grade: str | None
    rate: Decimal | None
    spending_status: str

    @property
    def org_id(self) -> int:
        """The organisation's id (shortcut for templates and callers)."""
        return self.unit.org_id

    @property
    def name(self) -> str:
        """The organisation's name."""
        return self.unit.name

    def walk(self) -> Iterable[Rollup]:
        """This rollup and every one below it, parents before children."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, org_id: int) -> Rollup | None:
        """The rollup of ``org_id`` within this subtree, or None."""
        return next((r for r in self.walk() if r.org_id == org_id), None)


def derive(
    unit: Unit,
    total: UnitFigures,
    children: tuple[Rollup, ...] = (),
    *,
    expected: Decimal | None = None,
    bands: tuple[GradeBand, ...] = MOF_BANDS,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Rollup:
    """Compute the percentages, score, grade and spending light of one subtree's sums."""
    completion = round_half_up(total.completion_sum / total.judged) if total.judged else None
    score = round_half_up(total.points / total.weight * HUNDRED) if total.weight else None
    spent_rate = rate(total.spent, total.budget)
    spent_rate = None if spent_rate is None else round_half_up(spent_rate)
    light = NONE
    if spent_rate is not None and expected:
        light = light_for(round_half_up(spent_rate / expected * HUNDRED), thresholds)
    return Rollup(
        unit, total, children, completion, score, grade_for(score, bands), spent_rate, light
    )


def roll_up(
    units: Iterable[Unit],
    root_id: int,
    *,
    expected: Decimal | None = None,
    bands: tuple[GradeBand, ...] = MOF_BANDS,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    unit_bands: Mapping[int, tuple[GradeBand, ...]] | None = None,
) -> Rollup:
    """Aggregate ``units`` up to ``root_id``; units outside the root's subtree are ignored.

    Args:
        units: every organisation of the subtree with its own figures (any order).
        root_id: the organisation at the top.
        expected: percent of the year elapsed at the monitoring date, for the spending light.
        bands: grade bands of the jurisdiction.
        thresholds: light thresholds of the jurisdiction.
        unit_bands: the bands of each unit graded by other bands than ``bands`` (a province's
            own, where it has set them: the bands its systems' grades come from).

    Raises:
        KeyError: when ``root_id`` is not among ``units``.
    """
    by_id = {u.org_id: u for u in units}
    kids: dict[int, list[int]] = defaultdict(list)
    for u in by_id.values():
        if u.parent_id is not None and u.parent_id in by_id and u.org_id != root_id:
            kids[u.parent_id].append(u.org_id)
    own_bands = unit_bands or {}
    done: dict[int, Rollup] = {}
    for org_id in _post_order(root_id, kids):
        children = tuple(done[c] for c in sorted(kids[org_id], key=lambda c: by_id[c].name))
        total = sum((c.total for c in children), by_id[org_id].own)
        done[org_id] = derive(
            by_id[org_id],
            total,
            children,
            expected=expected,
            bands=own_bands.get(org_id, bands),
            thresholds=thresholds,
        )
    return done[root_id]


def _post_order(root_id: int, kids: dict[int, list[int]]) -> list[int]:
    """Children before parents, without recursion (trees can be deep or wide)."""
    order: list[int] = []
    stack = [root_id]
    while stack:
        org_id = stack.pop()
        order.append(org_id)
        stack.extend(kids[org_id])
    return order[::-1]


#: What a ranking can sort by, each with the figure it reads (larger is better except red).
RANK_KEYS: dict[str, Callable[[Rollup], Decimal | int | None]] = {
    "score": lambda r: r.score,
    "completion": lambda r: r.completion,
    "rate": lambda r: r.rate,
    "red": lambda r: r.total.red,
}
RANK_LABELS = {"score": "得分", "completion": "完成进度", "rate": "预算执行率", "red": "红灯数"}


def rank(rollups: Iterable[Rollup], key: str = "score") -> list[tuple[int | None, Rollup]]:
    """Rank units by ``key``: best first, equal figures share a rank (1, 2, 2, 4), no figure last.

    ``red`` ranks the fewest red lights first; every other key ranks the largest figure first.
    """
    read = RANK_KEYS[key]
    items = list(rollups)
    valued = [r for r in items if read(r) is not None]
    blank = [r for r in items if read(r) is None]
    valued.sort(key=lambda r: (read(r), r.name) if key == "red" else (-read(r), r.name))  # type: ignore[operator]
    ranked: list[tuple[int | None, Rollup]] = []
    for position, r in enumerate(valued, start=1):
        same = ranked and read(ranked[-1][1]) == read(r)
        ranked.append((ranked[-1][0] if same else position, r))
    return ranked + [(None, r) for r in sorted(blank, key=lambda r: r.name)]
