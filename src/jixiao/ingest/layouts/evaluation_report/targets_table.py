"""Attachment 4, the target-completion table (绩效目标完成情况汇总表).

Three blocks, in this order:
- the fund block (项目资金: 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分) →
  ``Document.budget``, read by the self-evaluation layout's fund-block reader (same block);
- 年度总体目标 (预期目标 / 实际完成情况): web-form ``<p>`` fragments broken over lines → figures
  ``年度总体目标:预期目标`` and ``年度总体目标:实际完成情况`` holding the text;
- the indicator table (一级 / 二级 / 三级 / 年度指标值 / 实际完成值 / 分值 / 自评得分 / 偏差原因):
  every row → an ``Indicator``. Rows come with and without ``<p>`` tags and with a varying
  number of leading empty cells, so a row is read from its end: the last two bare numbers
  are 分值 and 自评得分, the two cells before them 年度指标值 and 实际完成值, the one before those
  the name, and any cells before the name are levels (two: 一级 and 二级; one: a 二级 under the
  current 一级). Levels carry down. ``产出指标 (50分)`` → figure ``分值:产出指标``. The
  ``总分`` row (its 分值 includes the fund block's) → ``合计:绩效目标/分值`` and ``合计:绩效目标/得分``.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Actual, Figure, Indicator, Target
from jixiao.ingest.lines import Line

from .cells import clean, filled, number, place, split_weight

try:  # parse_target is written in parallel; until it lands targets stay empty
    from jixiao.core.targets import parse_target
except ImportError:  # pragma: no cover - only before core.targets exists

    def parse_target(
        text: str, direction: str | None = None, unit: str | None = None
    ) -> list[Target]:
        """Stand-in until ``core.targets`` exists: no targets read."""
        del text, direction, unit
        return []


def is_header(line: Line) -> bool:
    """一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 自评得分 …."""
    texts = [c for _, c in filled(line)]
    return "三级指标" in texts and any("年度指标值" in c or "目标值" in c for c in texts)


def is_goals(line: Line) -> bool:
    """The 年度总体目标 block's first row."""
    cells = filled(line)
    return bool(cells) and cells[0][1].startswith("年度总体目标")


def read_goals(lines: list[Line]) -> list[Figure]:
    """Keep the 预期目标 and 实际完成情况 texts (first and last cell of each row)."""
    expected: list[str] = []
    actual: list[str] = []
    for line in lines[1:]:
        cells = [c for _, c in filled(line) if c.strip("-— ")]
        if not cells:
            continue
        expected.append(cells[0])
        actual.append(cells[-1] if len(cells) > 1 else cells[0])
    source = lines[0].source if lines else None
    return [
        Figure("年度总体目标:预期目标", None, None, "\n".join(expected), source),
        Figure("年度总体目标:实际完成情况", None, None, "\n".join(actual), source),
    ]


def _targets(text: str) -> list[Target]:
    try:
        return parse_target(text)
    except Exception:
        return []


def _score_at(cells: list[tuple[int, str]]) -> int | None:
    """Index (in ``cells``) of the 分值 cell: the rightmost pair of bare numbers."""
    for n in range(len(cells) - 2, -1, -1):
        if number(cells[n][1]) is not None and number(cells[n + 1][1]) is not None:
            return n
    return None


class Table:
    """The indicator table being read: carried-down levels and what was read."""

    def __init__(self) -> None:
        """Start with no levels."""
        self.levels = ["", ""]
        self.indicators: list[Indicator] = []
        self.figures: list[Figure] = []

    def level(self, depth: int, text: str, line: Line) -> None:
        """Set 一级 (0) or 二级 (1); a stated weight becomes a ``分值:`` figure."""
        name, weight = split_weight(text)
        self.levels[depth] = name
        if depth == 0:
            self.levels[1] = ""
        if weight is not None:
            path = "/".join(self.levels[: depth + 1])
            self.figures.append(Figure(f"分值:{path}", weight, "分", clean(text), line.source))

    def row(self, line: Line, warnings: list[str]) -> None:
        """Read one indicator row (or warn when it has no 分值 and 得分)."""
        cells = filled(line)
        if cells and cells[0][1] in ("总分", "合计", "总计"):
            self.total(cells, line)
            return
        at = _score_at(cells)
        if at is None or at < 3:
            if cells:
                warnings.append(
                    f"附件4{place(line.source)}指标行未能读取：{line.text.strip()[:40]}"
                )
            return
        *levels, name, target, actual = [c for _, c in cells[:at]]
        if len(levels) >= 2:
            self.level(0, levels[-2], line)
        if levels:
            self.level(1, levels[-1], line)
        self.indicators.append(self._indicator(name, target, actual, cells[at:], line))

    def total(self, cells: list[tuple[int, str]], line: Line) -> None:
        """The 总分 row → figures ``合计:绩效目标/分值`` and ``合计:绩效目标/得分``."""
        values = [v for _, c in cells if (v := number(c)) is not None]
        for label, value in zip(("分值", "得分"), values[-2:], strict=False):
            self.figures.append(Figure(f"合计:绩效目标/{label}", value, "分", "", line.source))

    def _indicator(
        self, name: str, target: str, actual: str, rest: list[tuple[int, str]], line: Line
    ) -> Indicator:
        weight, score = (number(c) for _, c in rest[:2])
        deviation = "；".join(c for _, c in rest[2:]) or None
        return Indicator(
            id=str(len(self.indicators) + 1),
            name=name,
            path=[p for p in self.levels if p],
            targets=_targets(target),
            actual=Actual(actual, _targets(actual)),
            weight=weight,
            score=score,
            deviation=deviation,
            source=line.source,
        )


def read_indicator_table(
    lines: list[Line], warnings: list[str]
) -> tuple[list[Indicator], list[Figure]]:
    """Read attachment 4's indicator table into indicators and level-weight figures."""
    table = Table()
    for line in lines:
        if is_header(line) or len(line.cells) < 2:
            continue
        table.row(line, warnings)
    return table.indicators, table.figures


def level_sums(indicators: list[Indicator]) -> dict[str, Decimal]:
    """Sum of weights per 一级 (used by tests and checks)."""
    sums: dict[str, Decimal] = {}
    for ind in indicators:
        if ind.path and ind.weight is not None:
            sums[ind.path[0]] = sums.get(ind.path[0], Decimal(0)) + ind.weight
    return sums
