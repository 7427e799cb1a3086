"""Scoring: rule types, per-indicator and per-document scores, and grades.

Rule types live in :mod:`.rules`, score sheets in :mod:`.scores`, grades in :mod:`.grades`.

``score_document(doc)`` is the one function the CLI (`jixiao score`) and the web system
call; nothing else computes a score.
"""

from __future__ import annotations

from jixiao.core.scoring.grades import MOF_BANDS, GradeBand, grade_for
from jixiao.core.scoring.scores import ScoreSheet, score_document, score_indicator

__all__ = [
    "MOF_BANDS",
    "GradeBand",
    "ScoreSheet",
    "grade_for",
    "score_document",
    "score_indicator",
]
