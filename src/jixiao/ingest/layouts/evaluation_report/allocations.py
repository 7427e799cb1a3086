"""Attachment 2, the on-site evaluation table (现场评价明细表) → ``Allocation`` rows.

Columns: the unit as a pair (a budget code such as ``047001`` or a city name, then the unit's
name), then ``合计``, then one column per project, named by the header. Each page repeats the
header, sometimes with the project names worded differently and even a different number of
columns, so every row is read against the header printed above it.

A city's block starts with its ``小计`` row (``张家界市 | 小计(万元)``); the counties follow with an
empty first cell and get the city as ``parent``. When a 小计 row does not name its city, the
city is taken from the next row's ``…本级`` name (``湘西州本级`` → ``湘西州``). The final ``合计``
row is kept as an Allocation named ``合计`` with ``is_subtotal`` True: checks compare it with
the sum of the units' rows. A value printed beyond the header's last column is kept under
``第N列`` with a warning, so the row's money is never lost.
"""

from __future__ import annotations

import re

from jixiao.core.documents import Allocation
from jixiao.ingest.lines import Line

from .cells import clean, filled, number, place

CODE = re.compile(r"^\d{4,}$")
SUBTOTAL = re.compile(r"^(小计|合计|总计)")


def is_header(line: Line) -> bool:
    """``单位 | | 合计 | project …``: a header with 合计 right after the unit columns."""
    texts = [c for _, c in filled(line)]
    return len(texts) > 3 and texts[0] == "单位" and "合计" in texts[1:3]


def _header_columns(line: Line) -> tuple[int, dict[int, str]]:
    """The position of 合计 and the project name at each later position."""
    cells = filled(line)
    total_at = next(i for i, c in cells if c == "合计")
    return total_at, {i: c for i, c in cells if i > total_at}


def _row(line: Line, total_at: int, names: dict[int, str], warnings: list[str]) -> Allocation:
    cells = [clean(c) for c in line.cells]
    first = cells[0] if total_at > 1 else ""
    unit = next((c for c in cells[1:total_at] if c), first)
    alloc = Allocation(unit=unit, total=number(cells[total_at] if total_at < len(cells) else ""))
    alloc.code = first if CODE.match(first) else None
    alloc.source = line.source
    for i, text in enumerate(cells):
        if i <= total_at or not text:
            continue
        value = number(text)
        name = names.get(i)
        if value is None or name is None:
            warnings.append(
                f"附件2{place(line.source)}「{unit}」第{i + 1}列"
                f"{'不是数字' if value is None else '在表头之外'}：{text}"
            )
        if value is None:
            continue
        name = name or f"第{i + 1}列"
        alloc.by_project[name] = value
    return alloc


def _attach(rows: list[tuple[Allocation, str]]) -> list[Allocation]:
    """Mark 小计/合计 rows and give counties their city (from the row or from …本级)."""
    city: str | None = None
    out = []
    for n, (alloc, first) in enumerate(rows):
        if SUBTOTAL.match(alloc.unit):
            alloc.is_subtotal = True
            if alloc.unit.startswith(("合计", "总计")):
                alloc.unit, city = "合计", None
            else:
                city = first or _city_from_next(rows[n + 1 :])
                alloc.parent = city
                alloc.unit = f"{city or ''}小计"
        elif alloc.code is not None:
            city = None
        elif not first and city:
            alloc.parent = city
        elif first:
            city = None
        out.append(alloc)
    return out


def _city_from_next(rows: list[tuple[Allocation, str]]) -> str | None:
    for alloc, _ in rows[:1]:
        if alloc.unit.endswith("本级"):
            return alloc.unit.removesuffix("本级")
    return None


def read_allocations(lines: list[Line], warnings: list[str]) -> list[Allocation]:
    """Read attachment 2 into allocations, in printed order."""
    rows: list[tuple[Allocation, str]] = []
    header: tuple[int, dict[int, str]] | None = None
    for line in lines:
        if is_header(line):
            header = _header_columns(line)
            continue
        if header is None or len(line.cells) < 2 or not filled(line):
            continue
        alloc = _row(line, *header, warnings)
        first = clean(line.cells[0])
        rows.append((alloc, "" if alloc.code else first))
    return _attach(rows)
