"""Rankings by score and their year-on-year comparison.

Equal scores share a place and the next place is skipped (1, 2, 2, 4), the way published
rankings (通报) count; units without a score are listed last with no place, so a unit that
was never evaluated is not shown as the worst. Units are ranked only against their peers
(cities with cities, counties with counties): a province's own aggregate among its counties
means nothing (#18).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal


@dataclass(frozen=True)
class Standing:
    """One unit's place and score this year, against last year."""

    key: str
    name: str
    score: Decimal | None
    place: int | None
    last_score: Decimal | None = None
    last_place: int | None = None
    group: str = ""

    @property
    def change(self) -> Decimal | None:
        """Score this year minus last year (None when either is missing)."""
        if self.score is None or self.last_score is None:
            return None
        return self.score - self.last_score

    @property
    def moved(self) -> int | None:
        """Places gained (positive) or lost (negative) since last year."""
        if self.place is None or self.last_place is None:
            return None
        return self.last_place - self.place


def places(scores: Mapping[str, Decimal | None]) -> dict[str, int | None]:
    """Competition ranking (1, 2, 2, 4) of the scored keys; unscored keys get None."""
    scored = sorted((v, k) for k, v in scores.items() if v is not None)
    scored.reverse()
    found: dict[str, int | None] = dict.fromkeys(scores)
    previous: Decimal | None = None
    place = 0
    for i, (value, key) in enumerate(scored, start=1):
        if value != previous:
            place, previous = i, value
        found[key] = place
    return found


def rank_units(
    names: Sequence[tuple[str, str]],
    this_year: Mapping[str, Decimal | None],
    last_year: Mapping[str, Decimal | None],
) -> list[Standing]:
    """Standings of the named units, best first, with last year's score and place."""
    now = places({k: this_year.get(k) for k, _ in names})
    then = places({k: last_year.get(k) for k, _ in names})
    rows = [Standing(k, n, this_year.get(k), now[k], last_year.get(k), then[k]) for k, n in names]
    return sorted(rows, key=lambda s: (s.place is None, s.place or 0, s.name))


def rank_within_groups(
    names: Sequence[tuple[str, str, str]],
    this_year: Mapping[str, Decimal | None],
    last_year: Mapping[str, Decimal | None],
) -> list[Standing]:
    """Standings of ``(key, name, group)`` units, each ranked only within its group.

    Groups keep the order of their first unit in ``names``; inside a group, best first.
    """
    order = list(dict.fromkeys(group for _, _, group in names))
    rows: list[Standing] = []
    for group in order:
        members = [(key, name) for key, name, g in names if g == group]
        ranked = rank_units(members, this_year, last_year)
        rows += [replace(r, group=group) for r in ranked]
    return rows
