"""One indicator row as printed, and how it becomes an ``Indicator``.

Both ways of reading the indicator block (a real table, or PDF text where rows are broken
over lines) produce the same :class:`Row` of printed strings; only here are they turned
into numbers and targets, so a .docx and a .txt of the same table give the same Document.

Choices (documented for the checks and the reports):
- ``deviation``: None when the cell is empty or says there is none (无, 无偏差, /, -);
  otherwise the text as printed.
- ``targets``: ``parse_target(目标值, direction=指标方向, unit=计量单位)``; a printed 目标值 that
  reads as no target is kept whole as ``Target(raw=目标值, op="qualitative")`` with a warning,
  so the printed text is never lost (exports print ``raw`` back); no 目标值 → ``[]`` + warning.
- ``actual``: only when the table has a 实际完成值 column: ``Actual(raw, parse_target(raw,
  unit=计量单位))`` (no direction: a result is a value, not a requirement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.documents import Actual, Indicator, Source, Target
from jixiao.ingest.cells import place, to_number

try:  # the target language lands in core.targets; until then rows keep their raw text only
    from jixiao.core.targets import TargetError, parse_target
except Exception:  # pragma: no cover - core.targets missing or half-written: keep reading
    parse_target = None

    class TargetError(ValueError):  # type: ignore[no-redef]
        """Stand-in until core.targets exists."""


TARGETS_MISSING = "目标值解析模块（core.targets）尚未就绪，目标值按原文保留为定性目标"
NO_DEVIATION = re.compile(r"^(无|无偏差|没有|/|／|-|—|——|不涉及)?[。.]?$")
FIELDS = ("nature", "direction", "target", "actual", "unit", "weight", "score", "deviation")


@dataclass
class Row:
    """An indicator row as printed: every cell a string (None when the cell is empty)."""

    name: str
    path: list[str] = field(default_factory=list)
    nature: str | None = None
    direction: str | None = None
    target: str | None = None
    actual: str | None = None
    unit: str | None = None
    weight: str | None = None
    score: str | None = None
    deviation: str | None = None
    source: Source | None = None
    number: str | None = None
    basis: str = ""  # how the indicator is computed, printed in brackets after its name
    problems: list[str] = field(default_factory=list)
    weighted: bool = True  # False when the table has no 分值/权重 column: no weight to miss


def _targets(text: str | None, direction: str | None, unit: str | None) -> list[Target]:
    if not text or parse_target is None:
        return []
    try:
        return list(parse_target(text, direction=direction, unit=unit))
    except (TargetError, ValueError):
        return []


def _where(row: Row, number: int) -> str:
    at = place(row.source)
    return f"绩效指标第{number}项「{row.name}」" + (f"（{at}）" if at else "")


def build_indicator(row: Row, number: int, warnings: list[str]) -> Indicator:
    """Turn a printed row into an Indicator, warning about every cell that could not be read."""
    weight, score = to_number(row.weight), to_number(row.score)
    targets = _targets(row.target, row.direction, row.unit)
    actual = Actual(row.actual, _targets(row.actual, None, row.unit)) if row.actual else None
    deviation = (
        None if row.deviation is None or NO_DEVIATION.match(row.deviation) else row.deviation
    )
    where = _where(row, number)
    problems = list(row.problems)
    if not row.target:
        problems.append("未读到目标值")
    elif not targets:
        targets = [Target(raw=row.target, op="qualitative")]
        if parse_target is not None:
            problems.append(f"目标值「{row.target}」未能解析，按原文保留为定性目标")
    if weight is None and row.weighted:
        problems.append("未读到分值" if row.weight is None else f"分值「{row.weight}」未能读取")
    if row.score is not None and score is None:
        problems.append(f"得分「{row.score}」未能读取")
    warnings.extend(f"{where}：{p}" for p in problems)
    return Indicator(
        id=row.number or str(number),
        name=row.name,
        path=list(row.path),
        nature=row.nature,
        direction=row.direction,
        unit=row.unit,
        targets=targets,
        actual=actual,
        weight=weight,
        score=score,
        deviation=deviation,
        basis=row.basis,
        source=row.source,
    )


# A name's bracketed note saying how it is computed: 结余率(计算方法为:结余数/预算数).
METHOD_NOTE = re.compile(
    r"^(.+?)\s*[（(]((?:计算方法|计算公式|计算方式|计算口径)[^（()）]*)[)）]$"
)


def name_and_method(name: str) -> tuple[str, str]:
    """A printed name apart from the note on how it is computed (which is its basis)."""
    match = METHOD_NOTE.match(name)
    return (match.group(1), match.group(2)) if match else (name, "")


def sum_of(values: list[Decimal | None]) -> Decimal | None:
    """Sum the printed numbers; None when none was printed."""
    printed = [v for v in values if v is not None]
    return sum(printed, Decimal(0)) if printed else None
