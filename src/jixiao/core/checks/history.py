"""Checks of targets against their own history (``baseline.below_average``).

See :mod:`jixiao.core.baseline`: a target below its 3-year average with no stated reason is
a warning; with a reason, a note.
"""

from __future__ import annotations

from jixiao.core.baseline import check_baseline
from jixiao.core.documents import Document
from jixiao.core.findings import Finding

from .places import where_indicator


def check_history(doc: Document) -> list[Finding]:
    """Every indicator with a history and a numeric target, against its 3-year average."""
    found = []
    for ind in doc.indicators:
        if ind.history and (finding := check_baseline(ind, where_indicator(ind))) is not None:
            found.append(finding)
    return found
