"""Attachment 1, the fund-use table (资金使用结构明细表) → one ``Project`` per row.

The table has two header rows: groups (资金到位情况 / 资金使用(支出)情况 / 支出情况 / 资金使用率)
over columns, then the columns themselves. Each group of money ends in a ``合计`` column, and
the economic categories (办公费, 印刷费 …) stand between the 到位 group and the 支出 group, so
the second header row alone tells every column's meaning by position. Data rows keep their
empty cells as empty fields, so values are read at their header's position. The header is
printed again on every page and is simply read again.

The ``合计`` row is a total, not a project: its cells become figures named
``合计:<group>/<column as printed>`` with the groups ``资金到位情况``, ``支出明细`` (the
economic categories), ``支出情况`` and ``资金使用率`` — e.g. ``合计:资金到位情况/合计`` = 35014.75,
``合计:支出明细/办公费`` = 446.16, ``合计:资金使用率/合计`` = 95.54 (unit %).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations_with_replacement

from jixiao.core.documents import Figure, Project
from jixiao.ingest.lines import Line

from .cells import clean, filled, number, place, rate

GROUPS = {
    "available": "资金到位情况",
    "expenses": "支出明细",
    "spent": "支出情况",
    "rates": "资金使用率",
}
TOTAL_NAMES = ("合计", "总计")


@dataclass
class Columns:
    """What each grid position of the fund table holds: (group, key or category)."""

    at: dict[int, tuple[str, str]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


def is_header(line: Line) -> bool:
    """The first header row: 项目名称 … 资金到位情况."""
    texts = [c for _, c in filled(line)]
    return bool(texts) and texts[0] == "项目名称" and any("到位" in c for c in texts)


def _key(name: str) -> str:
    if "专项" in name:
        return "special"
    if "业务" in name:
        return "business"
    return "total"


def read_columns(line: Line) -> Columns | None:
    """Read the second header row; None unless it has the 合计 of 到位 and of 支出.

    A third group (资金使用率), when printed, ends in a third 合计.
    """
    cells = filled(line)
    totals = [i for i, c in cells if c in TOTAL_NAMES]
    if len(totals) < 2 or len(totals) == len(cells):
        return None
    totals.append(totals[2] if len(totals) > 2 else max(i for i, _ in cells))
    columns = Columns(names={i: c.replace("(", "（").replace(")", "）") for i, c in cells})
    spent_start = totals[1]
    while any(i == spent_start - 1 and _key(c) != "total" for i, c in cells):
        spent_start -= 1
    for i, name in cells:
        if i <= totals[0]:
            columns.at[i] = ("available", _key(name))
        elif i < spent_start:
            columns.at[i] = ("expenses", columns.names[i])
        elif i <= totals[1]:
            columns.at[i] = ("spent", _key(name))
        elif i <= totals[2]:
            columns.at[i] = ("rates", _key(name))
    return columns


def _value(group: str, text: str) -> Decimal | None:
    return rate(text) if group == "rates" else number(text)


def _is_rate(text: str) -> bool:
    return text.endswith(("%", "％")) or text in ("/", "／")


def layouts(cells: list[str], columns: Columns) -> list[list[str]]:
    """Every way to put back the empty cells a PDF dropped from a row (the row as is first).

    Some rows lose one or two empty cells inside runs of empty categories (and gain as many
    empty fields at the end): the values after the loss then sit to the left of their
    column. The rates (printed with ``%`` or ``/``) fix the row's right end, so the missing
    empties can only go at the end of a run of empty category cells; each such placement
    is a candidate, the last run first.
    """
    content = list(cells)
    while content and not content[-1]:
        content.pop()
    shift = max(columns.at) + 1 - len(content)
    expenses = [i for i, (group, _) in columns.at.items() if group == "expenses"]
    if shift <= 0 or not expenses or not content or not _is_rate(content[-1]):
        return [cells]
    stop = min(expenses[-1] + 1 - shift, len(content))
    ends = [
        i + 1
        for i in range(expenses[0], stop)
        if not content[i] and (i + 1 == stop or content[i + 1])
    ]
    ends = ends[::-1] or [stop]
    out = []
    for combo in combinations_with_replacement(ends, shift):
        row = list(content)
        for end in sorted(combo, reverse=True):
            row[end:end] = [""]
        out.append(row)
    return out


def _expense_vector(row: list[str], columns: Columns) -> list[Decimal]:
    """A row's values in the expense columns (0 where blank), in column order."""
    out = []
    for i, (group, _) in sorted(columns.at.items()):
        if group == "expenses":
            value = number(row[i]) if i < len(row) else None
            out.append(value if value is not None else Decimal(0))
    return out


def choose_layouts(
    candidates: list[list[list[str]]], columns: Columns, total: list[str] | None
) -> list[list[str]]:
    """Pick each row's layout so the categories add up to the 合计 row (coordinate descent).

    Without a 合计 row the first candidate (the last run) stands. Each candidate's expense
    values are read once; a row's choice changes the column sums by its own difference only.
    """
    chosen = [0] * len(candidates)
    if total is None:
        return [c[0] for c in candidates]
    vectors = [[_expense_vector(option, columns) for option in options] for options in candidates]
    goal = _expense_vector(total, columns)
    sums = [sum(col, Decimal(0)) for col in zip(*(v[0] for v in vectors), strict=True)] or [
        Decimal(0)
    ] * len(goal)

    def cost(base: list[Decimal], vector: list[Decimal]) -> Decimal:
        return sum(
            (abs(b + v - g) for b, v, g in zip(base, vector, goal, strict=True)), Decimal(0)
        )

    for _ in range(4):
        changed = False
        for n, options in enumerate(vectors):
            if len(options) < 2:
                continue
            base = [s - v for s, v in zip(sums, options[chosen[n]], strict=True)]
            best = min(range(len(options)), key=lambda k: cost(base, options[k]))
            changed = changed or best != chosen[n]
            chosen[n] = best
            sums = [b + v for b, v in zip(base, options[best], strict=True)]
        if not changed:
            break
    return [options[k] for options, k in zip(candidates, chosen, strict=True)]


def read_project(line: Line, cells: list[str], columns: Columns, warnings: list[str]) -> Project:
    """One data row: name, unit and every value at its header's position."""
    project = Project(name=cells[0], unit=(cells[1] if len(cells) > 1 else "") or None)
    project.source = line.source
    for i, (group, key) in columns.at.items():
        text = cells[i] if i < len(cells) else ""
        value = _value(group, text)
        if value is None and text not in ("", "/", "／", "-", "—"):
            warnings.append(
                f"附件1{place(line.source)}「{project.name}」{columns.names[i]}"
                f"无法识别为数字：{text}"
            )
        if group == "expenses":
            if value is not None:
                project.expenses[key] = value
        else:
            getattr(project, group)[key] = value
    return project


def total_figures(project: Project, columns: Columns) -> list[Figure]:
    """The 合计 row as figures ``合计:<group>/<column>``."""
    figures = []
    for i, (group, key) in columns.at.items():
        value = project.expenses.get(key) if group == "expenses" else getattr(project, group)[key]
        if value is None:
            continue
        unit = "%" if group == "rates" else "万元"
        name = f"合计:{GROUPS[group]}/{columns.names[i]}"
        figures.append(Figure(name, value, unit, "附件1 合计行", project.source))
    return figures


def _rows(lines: list[Line], warnings: list[str]) -> list[tuple[Line, list[str], Columns]]:
    """The table's data rows (cleaned cells) with the header they stand under."""
    rows = []
    columns: Columns | None = None
    for line in lines:
        if is_header(line) or len(line.cells) < 2:
            continue
        found = read_columns(line)
        if found is not None:
            columns = found
        elif columns is None or not clean(line.cells[0]):
            if filled(line):
                warnings.append(f"附件1{place(line.source)}未能读取：{line.text.strip()[:40]}")
        else:
            rows.append((line, [clean(c) for c in line.cells], columns))
    return rows


def read_funds(lines: list[Line], warnings: list[str]) -> tuple[list[Project], list[Figure]]:
    """Read attachment 1: the projects in order and the 合计 row's figures."""
    rows = _rows(lines, warnings)
    total = next((r for r in rows if r[1][0] in TOTAL_NAMES), None)
    body = [r for r in rows if r is not total]
    projects: list[Project] = []
    figures: list[Figure] = []
    if body:
        columns = body[-1][2]
        candidates = [layouts(cells, columns) for _, cells, _ in body]
        chosen = choose_layouts(candidates, columns, total[1] if total else None)
        projects = [
            read_project(line, cells, cols, warnings)
            for (line, _, cols), cells in zip(body, chosen, strict=True)
        ]
    if total is not None:
        line, cells, columns = total
        figures = total_figures(read_project(line, cells, columns, warnings), columns)
    return projects, figures
