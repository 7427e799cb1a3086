"""Layout of an annual indicator system (绩效考核指标体系) → Document.

The table has five columns — 一级指标 (the level-1 goal, ``一、聚焦…``), 年度工作目标 (numbered
indicators ``1.1 …`` whose sentence states the target), 目标制定依据 (the basis, with earlier
years' figures and any 说明), 责任处室 and 责任人 — and is read from its cells' content, not
their positions (:mod:`.cells`), so the PDF text and a real table give the same Document.

- ``Indicator.path`` is ``[goal]`` as written (numbering kept, a ``（10分）`` weight moved to a
  ``分值:<goal>`` figure); ``id`` is the printed number, ``name`` the sentence after it, and a
  trailing ``（5分）`` becomes the indicator's weight;
- ``targets`` come from the sentence through ``core.targets``; ``history`` from the basis
  (:mod:`.history`), for the first target whose measure the basis cites by year;
- ``departments`` and ``owners`` as in :mod:`.people`; ``basis`` keeps the whole cell text.

Other figures: ``表注`` — paragraphs after the table (notes, signatures), as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.documents import Document, Figure, Indicator, Organization, Source, Target
from jixiao.ingest.cells import to_number
from jixiao.ingest.layouts.indicator_system.cells import Cell, header_roles, read_cells
from jixiao.ingest.layouts.indicator_system.history import read_history
from jixiao.ingest.layouts.indicator_system.levels_table import (
    header_of,
    is_levels_table,
    read_levels_table,
)
from jixiao.ingest.layouts.indicator_system.people import (
    looks_like_departments,
    looks_like_owners,
    read_departments,
    read_owners,
)
from jixiao.ingest.layouts.indicator_system.targets import find_goal_targets
from jixiao.ingest.lines import Lines
from jixiao.ingest.tables import GOAL_MARK, INDICATOR_MARK

KIND = "indicator_system"
GOAL, INDICATOR = GOAL_MARK, INDICATOR_MARK  # the table stage's, so both read a cell alike
#: A trailing ``（10分）``. The leading spaces are taken only from their start (``(?<!\s)``), so a
#: long run of blanks is not rescanned from each of its characters.
WEIGHT = re.compile(r"(?<!\s)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*(?=[。.；;]?\s*$)")
MEASURE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:万|亿)?\s*(批次|家次|人次|户次|个百分点|年度|周年|[^\d\s、，,。；;：:（）()“”《》]{1})"
)
BUREAU = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:市场监督管理局|市场监管局|知识产权局|质量技术监督局|工商行政管理局)"
)
INCREMENT = re.compile(r"新增|增加|净增|比增")
#: The body named before the year; bounded (a name is short) so that a long title is not
#: rescanned from each of its characters.
ORGANIZATION = re.compile(
    r"^(.{0,80}?(?:局|委员会|委|厅|政府|办公室|中心|院|所|站))\s*"
    r"(?:\([^()]{0,40}\)|（[^（）]{0,40}）)?\s*(?=20\d\d\s*年)"
)


@dataclass
class Row:
    """One indicator's cells: the numbered goal cell and the cells after it."""

    goal: str
    cell: Cell
    rest: list[Cell] = field(default_factory=list)


@dataclass
class Table:
    """The table cut into its head (title, column headers), rows, and tail (notes)."""

    head: list[Cell] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    tail: list[Cell] = field(default_factory=list)


def parse(lines: Lines) -> Document:
    """Read an indicator system (any format, as Lines) into a Document."""
    doc = Document(kind=KIND, source=Source(file=lines.name))
    if is_levels_table(lines.lines):
        return _parse_levels_table(lines, doc)
    table = split_table(read_cells(lines))
    doc.title = read_title(table.head)
    head = [cell.text for cell in table.head]
    doc.organization = Organization(name=read_organization(doc.title, head))
    doc.year = read_year(doc.title)
    doc.figures += goal_figures(table.goals)
    doc.indicators = [
        read_indicator(row, doc, position) for position, row in enumerate(table.rows, start=1)
    ]
    doc.figures += [
        Figure("表注", None, text=cell.text, source=cell.source) for cell in table.tail
    ]
    weights = [i.weight for i in doc.indicators if i.weight is not None]
    if weights:
        doc.totals = {"weight": sum(weights, Decimal(0))}
    if not doc.indicators:
        doc.warnings.append(f"{lines.name}: 未找到编号的年度工作目标（如“1.1 …”），未读取到指标")
    return doc


def _parse_levels_table(lines: Lines, doc: Document) -> Document:
    """A 评价表 that weights every level (:mod:`.levels_table`); its title is the line above."""
    texts = [line.text.strip() for line in lines.lines]
    header = next(i for i, line in enumerate(lines.lines) if header_of(line))
    doc.title = next((t for t in reversed(texts[:header]) if t), "")
    read_levels_table(lines.lines, doc)
    if not doc.indicators:
        doc.warnings.append(f"{lines.name}: 评价表中未读取到三级指标")
    return doc


def split_table(cells: list[Cell]) -> Table:
    """Group the cells: goals ``一、``, numbered indicators ``1.1``, and what follows each.

    Cells under a recognised header row are grouped by their column's role instead; text in
    the indicator column without a number continues the indicator above when the table
    numbers its indicators (a row broken over a page), else it is an indicator of its own.
    """
    table = Table()
    numbered = any(INDICATOR.match(cell.text) for cell in cells if cell.in_table)
    goal = ""
    for cell in cells:
        kind = _kind_of(cell, numbered=numbered)
        if kind == "goal":
            goal = cell.text
            table.goals.append(goal)
        elif kind == "indicator":
            table.rows.append(Row(goal=goal, cell=cell))
        elif kind == "continued" and table.rows:
            table.rows[-1].cell.parts += cell.parts
        elif kind in ("serial", "header"):
            continue
        elif not table.rows:
            table.head.append(cell)
        elif cell.in_table:
            table.rows[-1].rest.append(cell)
        else:
            table.tail.append(cell)
    return table


def _kind_of(cell: Cell, *, numbered: bool) -> str | None:
    """What a cell is: goal, indicator, its continuation, a serial number, or other."""
    text = cell.text
    if len(text) <= 8 and header_roles([text]):
        return "header"
    if cell.role == "serial" and re.fullmatch(r"\d{1,3}[.、]?", text):
        return "serial"
    if cell.role == "goal" or (cell.role is None and cell.in_table and GOAL.match(text)):
        return "goal"
    if cell.in_table and cell.role in (None, "indicator") and INDICATOR.match(text):
        return "indicator"
    if cell.role == "indicator":
        return "continued" if numbered else "indicator"
    return None


def split_weight(text: str) -> tuple[str, Decimal | None]:
    """Split a trailing ``（10分）`` weight from a goal or indicator text."""
    match = WEIGHT.search(text)
    if not match:
        return text, None
    return (text[: match.start()] + text[match.end() :]).strip(), Decimal(match.group(1))


def goal_figures(goals: list[str]) -> list[Figure]:
    """``分值:<goal>`` for each goal that states its weight."""
    figures = []
    for goal in goals:
        name, weight = split_weight(goal)
        if weight is not None:
            figures.append(Figure(f"分值:{name}", weight, unit="分", text=goal))
    return figures


def read_title(head: list[Cell]) -> str:
    """The title: the first head line naming a year and an indicator system (else the first)."""
    texts = [cell.text for cell in head if not re.fullmatch(r"附件\s*\d*", cell.text)]
    for text in texts:
        if re.search(r"20\d\d\s*年", text) and re.search(r"指标|目标|考核|绩效", text):
            return text
    return texts[0] if texts else ""


def read_organization(title: str, head: Sequence[str] = ()) -> str | None:
    """The body named before the year in the title (``福建省市场监督管理局2022年度…``).

    Else a bureau named anywhere in the title or the lines above the table.
    """
    match = ORGANIZATION.match(title)
    if match:
        return match.group(1).strip()
    for text in (title, *head):
        named = BUREAU.search(text)
        if named:
            return named.group(0)
    return None


def read_year(title: str) -> int | None:
    """The year the indicator system is for, from its title."""
    match = re.search(r"(20\d\d)\s*年", title)
    return int(match.group(1)) if match else None


def read_indicator(row: Row, doc: Document, position: int) -> Indicator:
    """One Indicator from its cells (``id`` its number, else its position); gaps are warnings."""
    match = INDICATOR.match(row.cell.text)
    number, sentence = (
        (match.group(1), match.group(2)) if match else (str(position), row.cell.text)
    )
    name, weight = split_weight(sentence)
    goal, _ = split_weight(row.goal)
    basis, departments, owners, column_weight = assign_rest(row.rest)
    indicator = Indicator(
        id=number.replace("．", "."),
        name=name,
        path=[goal] if goal else [],
        weight=weight if weight is not None else column_weight,
        departments=departments,
        owners=owners,
        basis=basis,
        source=row.cell.source,
    )
    pairs, missing = find_goal_targets(name)
    indicator.targets = [target for target, _clause in pairs]
    indicator.history = history_of(pairs, name, basis, doc.year)
    doc.warnings += _warnings(indicator, missing, doc.warnings)
    return indicator


def assign_rest(rest: list[Cell]) -> tuple[str, list[str], list[str], Decimal | None]:
    """Basis, departments, owners and weight from the cells after an indicator.

    Cells under a known column go by their column; the others by their content: names at the
    end are the owners, department names before them the departments, the rest the basis.
    """
    cells = [cell for cell in rest if cell.role is None]
    owners = _read_role(rest, "owners", read_owners)
    departments = _read_role(rest, "departments", read_departments)
    while not owners and cells and looks_like_owners(cells[-1].fragments):
        owners = read_owners(cells.pop().fragments)
    while cells and not departments and looks_like_departments(cells[-1].fragments):
        departments = read_departments(cells.pop().fragments)
    left = {id(cell) for cell in cells}
    basis = "".join(cell.text for cell in rest if cell.role == "basis" or id(cell) in left)
    weights = [cell.text for cell in rest if cell.role == "weight"]
    weight = to_number(weights[0]) if weights else None
    return basis, departments, owners, weight


def _read_role(rest: list[Cell], role: str, reader: Callable[[list[str]], list[str]]) -> list[str]:
    fragments = [f for cell in rest if cell.role == role for f in cell.fragments]
    return reader(fragments) if fragments else []


def history_of(
    pairs: list[tuple[Target, str]], name: str, basis: str, year: int | None
) -> dict[str, Decimal]:
    """Earlier years of the first measure of the goal sentence that the basis cites by year.

    The measures are the targets' units; when no target could be read, the units written
    after the sentence's numbers stand in, so the history does not depend on the target reader.
    """
    for unit, clause in measures_of(pairs, name):
        increment = bool(INCREMENT.search(clause))
        history = read_history(basis, unit, year, increment=increment)
        if history:
            return history
    return {}


def measures_of(pairs: list[tuple[Target, str]], name: str) -> list[tuple[str, str]]:
    """(unit, clause) of each quantitative target, else of each number with a unit in ``name``."""
    measures = [
        (target.unit, clause)
        for target, clause in pairs
        if target.unit and target.op not in ("qualitative", "by_date")
    ]
    if measures:
        return measures
    return [
        (match.group(2), name[: match.end()])
        for match in MEASURE.finditer(name)
        if match.group(2) not in ("年", "月", "日", "年度", "周年", "届", "号")
    ]


def _warnings(indicator: Indicator, missing: str | None, seen: list[str]) -> list[str]:
    where = f"指标{indicator.id}"
    warnings = []
    if missing and missing not in seen:
        warnings.append(missing)
    elif not indicator.targets and not missing:
        warnings.append(f"{where}: 年度工作目标中未找到目标值")
    if not indicator.departments:
        warnings.append(f"{where}: 未找到责任处室")
    if not indicator.owners:
        warnings.append(f"{where}: 未找到责任人")
    return warnings
