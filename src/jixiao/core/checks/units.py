"""A target written in another unit than the form's 计量单位 column (``target.unit_mismatch``).

Forms with a 计量单位 column ask that the target be written in it (填表说明: “采集数据项必须严格
按照计量单位填写”); a target of ``5人/10万人`` under ``%`` cannot be scored against a result in
percent. Which of the two is meant is the evaluator's call, so the finding is a warning.
"""

from __future__ import annotations

import unicodedata

from jixiao.core.documents import Document
from jixiao.core.findings import Finding

from .places import where_indicator

SAME = ({"%", "百分比", "百分点"},)


def _norm(unit: str) -> str:
    text = unicodedata.normalize("NFKC", unit).strip()
    return next((min(group) for group in SAME if text in group), text)


def check_units(doc: Document) -> list[Finding]:
    """Each indicator whose first target carries a unit other than its 计量单位."""
    found = []
    for ind in doc.indicators:
        target = ind.targets[0] if ind.targets else None
        if target is None or not ind.unit or not target.unit:
            continue
        if _norm(target.unit) == _norm(ind.unit):
            continue
        message = f"计量单位为{ind.unit}，目标值却写作{target.raw}（单位{target.unit}）"
        where = f"{where_indicator(ind)} · 计量单位/目标值"
        found.append(
            Finding("target.unit_mismatch", "warning", where, message, ind.unit, target.raw)
        )
    return found
