"""The tasks block (年度主要任务: 任务名称 / 主要内容 / 完成情况) → ``Document.tasks``.

In a real table each task is one row and the columns come from the header row. In text
pulled out of a PDF the three cells of a task are printed one after another, each wrapped
to the width of its column: the name in a narrow column (a few characters a line), the
content and the result in wider ones. So the text is cut into paragraphs, the narrow ones
are the task names, and the wide paragraphs after a name are grouped by their printed width
into content and result. Some forms print one more wide cell per task before its name (a
description of the task); its text is kept when it adds anything, as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.documents import Task
from jixiao.ingest.cells import (
    cell_at,
    compact,
    display_width,
    fragments,
    is_grid,
    join_wrapped,
    place,
)
from jixiao.ingest.lines import Line

NAME_WIDTH = 20
WIDER = 1.15
COLUMNS = (("name", "任务名称"), ("content", "主要内容"), ("result", "完成情况"))


@dataclass
class Paragraph:
    """Consecutive non-blank text lines of one printed cell (or part of one)."""

    texts: list[str] = field(default_factory=list)
    line: int | None = None

    @property
    def width(self) -> int:
        """The widest line: the width of the column the cell was wrapped to."""
        return max(display_width(t) for t in self.texts)

    @property
    def text(self) -> str:
        """The cell's text with its line breaks removed."""
        return join_wrapped(self.texts)


def read_tasks(lines: list[Line], warnings: list[str]) -> list[Task]:
    """Read the tasks block (label line first) into Tasks; what cannot be split is warned."""
    if not lines:
        return []
    header, body = lines[0], lines[1:]
    if is_grid(header):
        return _grid_tasks(header, body)
    filled = [line for line in body if line.filled]
    if filled and sum(len(line.filled) >= 3 for line in filled) * 2 >= len(filled):
        return _tabbed_tasks(filled, warnings)
    return _text_tasks(body, warnings)


def _tabbed_tasks(lines: list[Line], warnings: list[str]) -> list[Task]:
    """Tab-separated text: a row per task, its last three cells name, content and result."""
    tasks = []
    for line in lines:
        cells = line.filled
        if len(cells) >= 3:
            tasks.append(Task(*cells[-3:]))
        elif tasks:
            warnings.append(f"年度主要任务{place(line.source)}未能归入任务：{' '.join(cells)}")
    return tasks


def _grid_tasks(header: Line, body: list[Line]) -> list[Task]:
    """One task per table row, columns located by the header row's labels."""
    index = {
        key: i
        for i, cell in enumerate(header.cells)
        for key, label in COLUMNS
        if label in compact(cell)
    }
    tasks = []
    for row in body:
        cells = {key: cell_at(row, i) for key, i in index.items()}
        if any(cells.values()):
            tasks.append(
                Task(cells.get("name", ""), cells.get("content", ""), cells.get("result", ""))
            )
    return tasks


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Cut text lines into paragraphs at blank lines."""
    out: list[Paragraph] = []
    current = Paragraph()
    for line in lines:
        text = " ".join(fragments(line))
        if not text:
            if current.texts:
                out.append(current)
            current = Paragraph()
            continue
        if not current.texts:
            current.line = line.source.line
        current.texts.append(text)
    if current.texts:
        out.append(current)
    return out


def _is_name(par: Paragraph) -> bool:
    return par.width <= NAME_WIDTH


def runs_by_width(pars: list[Paragraph]) -> list[list[Paragraph]]:
    """Group wide paragraphs into cells: a new cell starts where the printed width changes.

    A wider paragraph starts a new cell; a narrower one does too when it wraps over several
    lines (a narrower column), while a single short line is the tail of the current cell.
    """
    runs: list[list[Paragraph]] = []
    for par in pars:
        if runs:
            width = max(p.width for p in runs[-1])
            wider = par.width > width * WIDER
            narrower = len(par.texts) > 1 and par.width * WIDER < width
            if not (wider or narrower):
                runs[-1].append(par)
                continue
        runs.append([par])
    return runs


def _groups(
    pars: list[Paragraph],
) -> tuple[list[Paragraph], list[tuple[list[Paragraph], list[Paragraph]]]]:
    """Split paragraphs into what precedes the first name, then (name parts, wide parts) pairs."""
    lead: list[Paragraph] = []
    groups: list[tuple[list[Paragraph], list[Paragraph]]] = []
    for par in pars:
        if _is_name(par):
            if groups and not groups[-1][1]:
                groups[-1][0].append(par)
            else:
                groups.append(([par], []))
        elif groups:
            groups[-1][1].append(par)
        else:
            lead.append(par)
    return lead, groups


def _text(run: list[Paragraph]) -> str:
    return join_wrapped([p.text for p in run])


def _text_tasks(lines: list[Line], warnings: list[str]) -> list[Task]:
    """Tasks from PDF text: names are the narrow paragraphs (see the module docstring)."""
    lead, groups = _groups(paragraphs(lines))
    has_lead = bool(lead)
    extras = [_text(lead)] if lead else []
    tasks = []
    for number, (names, wide) in enumerate(groups, start=1):
        runs = runs_by_width(wide)
        if has_lead and number < len(groups) and len(runs) > 2:
            extras.append(_text(runs.pop()))
        name = _text(names)
        content, result = (_text(runs[0]) if runs else ""), _text([p for r in runs[1:] for p in r])
        tasks.append(Task(name=name, content=content, result=result))
        if len(runs) > 2:
            warnings.append(
                f"年度主要任务「{name}」的主要内容与完成情况未能按列分开，已按顺序归入完成情况"
            )
    _keep_extras(tasks, extras, warnings)
    return tasks


def _keep_extras(tasks: list[Task], extras: list[str], warnings: list[str]) -> None:
    """Keep a task's extra description: as its content when it has none, else as a warning."""
    for task, extra in zip(tasks, extras, strict=False):
        known = compact(task.name + task.content + task.result)
        if not compact(extra) or compact(extra) in known:
            continue
        if not task.content:
            task.content = extra
            continue
        warnings.append(
            f"年度主要任务「{task.name}」另有一段说明未归入任务名称、主要内容或完成情况：{extra}"
        )
