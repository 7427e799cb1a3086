"""The prose blocks: 预期目标 (the year's overall goals) and 目标实际完成情况 (what was achieved).

They are kept whole as text figures named ``预期目标`` and ``目标实际完成情况`` (value None), so
nothing is lost and a reader can compare the two. In a real table both usually sit in one
row under a header row naming them; in PDF text each follows its own label line.
"""

from __future__ import annotations

import re

from jixiao.core.documents import Figure
from jixiao.ingest.layouts.self_evaluation.cells import (
    cell_at,
    compact,
    fragments,
    is_grid,
    join_wrapped,
    place,
)
from jixiao.ingest.lines import Line

LABEL = re.compile(
    r"^(年度总体目标|年度绩效目标|总体目标完成情况|目标实际完成情况|实际完成情况|预期目标|总体目标|"
    r"整体目标)[:：]?"
)
NAMES = (
    ("预期目标", ("预期目标", "年度总体目标", "总体目标", "整体目标", "年度绩效目标")),
    ("目标实际完成情况", ("实际完成情况", "完成情况")),
)


def _figure_name(label: str) -> str | None:
    for name, words in NAMES:
        if any(word in label for word in words):
            return name
    return None


def read_prose(kind: str, lines: list[Line], warnings: list[str]) -> list[Figure]:
    """Keep a prose block (label line first) as text figures."""
    label = lines[0]
    if is_grid(label) and len(label.filled) > 1 and all(len(c) <= 12 for c in fragments(label)):
        return _grid_prose(label, lines[1:])
    first, names = strip_labels(" ".join(fragments(label)))
    if len(names) > 1:  # 预期目标 and 实际完成情况 side by side, as two columns
        return _two_columns(names, lines[1:], label, warnings)
    name = names[0] if names else ("目标实际完成情况" if kind == "outcomes" else "预期目标")
    text = join_wrapped([first, *(" ".join(fragments(line)) for line in lines[1:])])
    return [Figure(name=name, value=None, text=text, source=label.source)] if text else []


def strip_labels(text: str) -> tuple[str, list[str]]:
    """Take the block labels off the start of a line; return the rest and the figures named."""
    names: list[str] = []
    rest = text.strip()
    while match := LABEL.match(rest):
        name = _figure_name(match.group(1))
        if name and name not in names and match.group(1) != "年度总体目标":
            names.append(name)
        rest = rest[match.end() :].strip()
    return rest, names


def _two_columns(
    names: list[str], lines: list[Line], label: Line, warnings: list[str]
) -> list[Figure]:
    """Text lines under a two-column label: split at the tab, else all kept as the first."""
    texts: dict[str, list[str]] = {name: [] for name in names}
    for line in lines:
        cells = line.filled if not is_grid(line) else fragments(line)
        if len(cells) > 1:
            texts[names[0]].append(cells[0])
            texts[names[1]].append(" ".join(cells[1:]))
        elif cells:
            texts[names[0]].append(cells[0])
    if not texts[names[1]] and texts[names[0]]:
        warnings.append(
            f"{'、'.join(names)}两栏并排印在一起（{place(label.source)}），"
            f"未能分开，已全部归入{names[0]}"
        )
    return [
        Figure(name=name, value=None, text=join_wrapped(parts), source=label.source)
        for name, parts in texts.items()
        if parts
    ]


def _grid_prose(header: Line, rows: list[Line]) -> list[Figure]:
    """Columns named by the header row (预期目标 | 目标实际完成情况), texts from the rows below."""
    columns = {
        i: _figure_name(compact(cell)) for i, cell in enumerate(header.cells) if compact(cell)
    }
    columns = {i: name for i, name in columns.items() if name}
    texts: dict[str, list[str]] = {name: [] for name in columns.values()}
    for row in rows:
        for i, name in columns.items():
            if cell_at(row, i):
                texts[name].append(cell_at(row, i))
    return [
        Figure(name=name, value=None, text=join_wrapped(parts), source=header.source)
        for name, parts in texts.items()
        if parts
    ]


def read_notes(lines: list[Line]) -> list[Figure]:
    """Keep the notes and signature lines under the table as one text figure ``表注``."""
    texts = [" ".join(line.filled) for line in lines if line.filled]
    if not texts:
        return []
    return [Figure(name="表注", value=None, text="\n".join(texts), source=lines[0].source)]
