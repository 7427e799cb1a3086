"""What a round trip must keep: the fields the contract names, text compared without spaces.

PDF and Word wrap text differently from the bureau's original, so texts are compared with
whitespace removed; numbers are compared exactly (Decimals).
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.core.documents import Document, Indicator, Target
from jixiao.ingest.narrative import NAMES as NARRATIVE


def squash(text: str | None) -> str:
    """Text without any whitespace (wrapping and justification spaces are not content)."""
    return re.sub(r"\s+", "", text or "")


def target_key(target: Target) -> tuple[Any, ...]:
    """A target's meaning and its printed text."""
    return (squash(target.raw), target.op, target.value, target.upper, target.unit, target.date)


def indicator_key(ind: Indicator) -> tuple[Any, ...]:
    """Everything of an indicator the round trip must keep."""
    return (
        ind.id,
        tuple(squash(p) for p in ind.path),
        squash(ind.name),
        ind.nature,
        squash(ind.direction),
        squash(ind.unit),
        tuple(target_key(t) for t in ind.targets),
        squash(ind.actual.raw) if ind.actual else None,
        ind.weight,
        ind.score,
        tuple(squash(d) for d in ind.departments),
        tuple(squash(o) for o in ind.owners),
        squash(ind.deviation),
    )


def document_key(doc: Document) -> dict[str, Any]:
    """The compared view of a document, field by field (so a failure names the field)."""
    disclosure = doc.disclosure
    return {
        "title": squash(doc.title),
        "organization": (doc.organization.name, doc.organization.code),
        "year": doc.year,
        "indicators": [indicator_key(i) for i in doc.indicators],
        "projects": [
            (squash(p.name), squash(p.unit), p.available, p.spent, p.rates) for p in doc.projects
        ],
        "budget": None
        if doc.budget is None
        else (
            [(r.source, r.initial, r.adjusted, r.spent, r.rate) for r in doc.budget.rows],
            doc.budget.weight,
            doc.budget.score,
        ),
        "disclosure": None
        if disclosure is None
        else (disclosure.proactive, disclosure.requests, disclosure.reviews),
        "totals": {k: doc.totals.get(k) for k in ("weight", "reported_score", "grade")},
        "tasks": [squash(t.name) for t in doc.tasks],
        # the source's own sentences (ingest.narrative) and block labels' points are not
        # restated by an export, which prints the blocks in its own words
        "figures": sorted(
            (f.name, f.value)
            for f in doc.figures
            if f.value is not None and not f.name.startswith((*NARRATIVE, "标题分值:"))
        ),
    }
