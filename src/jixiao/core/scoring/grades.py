"""Grades (优 良 中 差) from a total score, with the bands as data.

The finance ministry's bands (DOMAIN.md 1.2) are the default: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60,
差 below. Some provinces use others (one vendor: 优 ≥ 80, 良 ≥ 70 …), so a jurisdiction
passes its own :class:`GradeBand` tuple instead of editing code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class GradeBand:
    """A grade and the lowest total (inclusive) that earns it."""

    grade: str
    minimum: Decimal


MOF_BANDS: tuple[GradeBand, ...] = (
    GradeBand("优", Decimal(90)),
    GradeBand("良", Decimal(80)),
    GradeBand("中", Decimal(60)),
    GradeBand("差", Decimal(0)),
)


def grade_for(total: Decimal | None, bands: tuple[GradeBand, ...] = MOF_BANDS) -> str | None:
    """Return the grade of ``total`` (None when there is no total to grade).

    Bands are tried from the highest minimum down, so their order in the tuple does not
    matter; a total below every minimum gets the lowest band.
    """
    if total is None:
        return None
    ordered = sorted(bands, key=lambda b: b.minimum, reverse=True)
    for band in ordered:
        if total >= band.minimum:
            return band.grade
    return ordered[-1].grade if ordered else None


def bands_from_data(data: list[dict[str, object]]) -> tuple[GradeBand, ...]:
    """Build bands from stored definitions such as ``[{"grade": "优", "minimum": 90}, …]``."""
    return tuple(GradeBand(str(d["grade"]), Decimal(str(d["minimum"]))) for d in data)
