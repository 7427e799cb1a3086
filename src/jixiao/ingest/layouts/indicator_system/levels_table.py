"""A 评价表 template that weights every level: 一级指标 权重 二级指标 分值 三级指标 … 分值.

The 出入境检验检疫 project forms print the level-1 weight (权重, the 一级 blocks adding up to
the 总分), each 二级's points (分值, the 三级 分值 under it adding up to them), and per 三级
indicator its 计量单位, 目标值(标准) and 分值. The 一级 and 二级 cells are printed on a group's
first row and carried down; the header is printed again before each 一级 block; a row with only
a 分值 (one per example the 理由 column asks for, ①–④) adds to the indicator above.

Figures: ``一级指标权重:<一级>`` (not ``分值:``: its scale is the 总分's, not its indicators'),
``分值:<一级>/<二级>`` (held against the 三级 分值 under it), ``栏目:指标值``/``栏目:分值``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.core.documents import Document, Figure, Indicator, Source, Target
from jixiao.core.targets import parse_target
from jixiao.ingest.cells import cell_text
from jixiao.ingest.levels import split_weight
from jixiao.ingest.lines import Line
from jixiao.ingest.tables import WEIGHTED_LEVELS


def header_of(line: Line) -> dict[str, int] | None:
    """Column positions (by the columns' names) when ``line`` is this form's header, else None.

    The form's columns are declared once, in the table stage (:data:`WEIGHTED_LEVELS`): the
    same word names two of them (分值 after 二级指标 is the 二级's, after 三级指标 the 三级's).
    ``ragged`` is set for a score sheet whose levels stand side by side (一级 二级 三级 …):
    their points are printed inside the labels (相关性(5分)) or in a 分值 column after the
    三级, and a copied row leaves its merged cells out (see :func:`ragged_row`).
    """
    cells = [re.sub(r"\s+", "", c) for c in _cells(line)]
    if "一级指标" not in cells or "三级指标" not in cells or "二级指标" not in cells:
        return None
    l1, l2, name = cells.index("一级指标"), cells.index("二级指标"), cells.index("三级指标")
    if (l2, name) == (l1 + 1, l1 + 2):
        return {"ragged": 1}
    index: dict[str, int] = {}
    previous = None
    for position, cell in enumerate(cells):
        column = WEIGHTED_LEVELS.named(cell, previous) if cell else None
        if column is not None and column.name not in index:
            index[column.name] = position
            previous = column
    return index if all(need in index for need in WEIGHTED_LEVELS.needs) else None


def _is_sub_header(cell: str) -> bool:
    """A word of the header's second row (数据项1, 理由 under 采集数据项)."""
    return bool(re.match(WEIGHTED_LEVELS.groups, cell)) or WEIGHTED_LEVELS.named(cell) is not None


def is_levels_table(lines: list[Line]) -> bool:
    """Whether the document is a 评价表 of this shape (its header names weighted levels)."""
    return any(header_of(line) for line in lines)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip()) if text.strip() else None
    except InvalidOperation:
        return None


class _Reader:
    """Carries the levels and the header down the rows."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.index: dict[str, int] = {}
        self.l1 = self.l2 = ""

    def cell(self, cells: list[str], key: str) -> str:
        i = self.index.get(key)
        return cell_text(cells[i]) if i is not None and i < len(cells) else ""

    def row(self, line: Line) -> bool:
        """Read one row; False at the 总分 row that ends the table."""
        if "ragged" in self.index:
            return self.ragged(line)
        cells = line.cells
        filled = [c.strip() for c in cells if c.strip()]
        if not filled or all(_is_sub_header(c) for c in filled):
            return True
        if filled[0].startswith("总分"):
            return False
        self._levels(cells, line.source)
        name, weight = self.cell(cells, "三级指标"), _number(self.cell(cells, "分值"))
        if name:
            self._indicator(cells, name, weight, line.source)
        elif weight is not None and self.doc.indicators:
            last = self.doc.indicators[-1]
            if last.path == [self.l1, self.l2] and last.weight is not None:
                last.weight += weight  # one more example's points for the indicator above
        return True

    def ragged(self, line: Line) -> bool:
        """A row of a side-by-side score sheet: its last label is the 三级.

        The labels before it are the levels it opens: merged cells are left out of a copied
        row, so a row holds 1 to 3 labels, then the 三级's points if a column prints them.
        """
        filled = [c for c in _cells(line) if c]
        if filled and filled[0].startswith(("总分", "合计")):
            return False
        labels = [c for c in filled if _number(c) is None]
        if not labels or len(labels) > 3 or labels != filled[: len(labels)]:
            return True  # a lone | line, or not a row of this sheet
        printed = filled[len(labels)] if len(filled) > len(labels) else ""
        if FIELD_LABEL.search(labels[-1]):
            return True  # the next sheet's head (单位名称/项目名称), not an indicator
        *levels, name = [split_weight("" if POINTS_ONLY.match(c) else c) for c in labels]
        if len(levels) == 2:
            self.l1, self.l2 = levels[0].name, levels[1].name
        elif levels:
            self.l2 = levels[0].name
        if name.name:
            weight = _number(printed) if printed else name.weight
            path = [p for p in (self.l1, self.l2) if p]
            self.doc.indicators.append(
                Indicator(
                    id=str(len(self.doc.indicators) + 1),
                    name=name.name,
                    path=path,
                    weight=weight,
                    source=line.source,
                )
            )
        return True

    def _levels(self, cells: list[str], source: Source) -> None:
        l1, l2 = self.cell(cells, "一级指标"), self.cell(cells, "二级指标")
        if l1:
            self.l1, self.l2 = l1, ""
            value = _number(self.cell(cells, "一级权重"))
            if value is not None:
                self.doc.figures.append(Figure(f"一级指标权重:{l1}", value, "分", l1, source))
        if l2:
            self.l2 = l2
            value = _number(self.cell(cells, "二级分值"))
            if value is not None:
                name = f"分值:{self.l1}/{l2}"
                self.doc.figures.append(Figure(name, value, "分", l2, source))

    def _indicator(
        self, cells: list[str], name: str, weight: Decimal | None, source: Source
    ) -> None:
        raw = self.cell(cells, "目标值")
        unit = self.cell(cells, "计量单位") or None
        targets = cell_targets(raw)
        number = str(len(self.doc.indicators) + 1)
        self.doc.indicators.append(
            Indicator(
                id=number,
                name=name,
                path=[self.l1, self.l2],
                unit=unit,
                targets=targets,
                weight=weight,
                source=source,
            )
        )


# A level printed as its points only, its name left out of the copy: (20分), (10), (特性指标70分).
POINTS_ONLY = re.compile(r"^[（(][^（()）]*\d+(?:\.\d+)?\s*分?[)）]$")
FIELD_LABEL = re.compile(r"名称$")


def _cells(line: Line) -> list[str]:
    """A row's cells, also when the reader kept a Markdown row (``| 明确性(5分) |``) as text."""
    if len(line.cells) > 1:
        return [c.strip() for c in line.cells]
    text = line.text.strip()
    if not text.startswith("|"):
        return [text]
    return [c.strip() for c in text.strip("|").split("|")]


RATE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*([^\d\s/]+/[^/\s]+)$")


def cell_targets(raw: str) -> list[Target]:
    """The target a 目标值 cell holds; a rate (``5人/10万人``) is one value in its own unit."""
    if not raw:
        return []
    rate = RATE.match(raw)
    if rate:
        return [Target(raw, "=", Decimal(rate.group(1)), unit=rate.group(2))]
    try:
        targets = parse_target(raw)
    except ValueError:
        targets = []
    return targets or [Target(raw, "qualitative")]


def read_levels_table(lines: list[Line], doc: Document) -> None:
    """Read the rows under every header into ``doc``'s indicators and level figures."""
    reader = _Reader(doc)
    columns: set[str] = set()
    for line in lines:
        header = header_of(line)
        if header:
            reader.index = header
            columns |= header.keys()
            continue
        if reader.index and not reader.row(line):
            break
    if doc.indicators:  # a score sheet (一级 二级 三级 得分) prints no 目标值 to ask for
        printed = ["指标值"] if "目标值" in columns else []
        doc.figures += [Figure(f"栏目:{name}", None) for name in (*printed, "分值")]
