"""A target written in another unit than the form's 计量单位 column (``target.unit_mismatch``).

Where the form's own note asks that the target be written in its 计量单位 (填表说明: “采集数据项
必须严格按照计量单位填写”, the figure ``表注:按计量单位填写``), a target of ``5人/10万人`` under
``%`` breaks that rule. Forms without the note often print a share under a count's unit
(``100%（10家）`` under 家) on purpose, so nothing is asked of them. Which of the two the form
meant is the evaluator's call: a warning.
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
    rule = next((f.text for f in doc.figures if f.name == "表注:按计量单位填写"), None)
    if rule is None:
        return []
    found = []
    for ind in doc.indicators:
        target = ind.targets[0] if ind.targets else None
        if target is None or not ind.unit or not target.unit:
            continue
        if _norm(target.unit) == _norm(ind.unit):
            continue
        message = (
            f"计量单位为{ind.unit}，目标值却写作{target.raw}（单位{target.unit}），"
            f"与填表说明“{rule}”不一致"
        )
        where = f"{where_indicator(ind)} · 计量单位/目标值"
        found.append(
            Finding("target.unit_mismatch", "warning", where, message, ind.unit, target.raw)
        )
    return found
