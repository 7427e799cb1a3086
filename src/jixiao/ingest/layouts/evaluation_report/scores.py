"""Attachment 3, the score sheet (绩效评价指标评分表) → ``Indicator`` rows with criteria.

Columns: 一级 / 二级 / 三级 / 分值 / 指标解释 / 评分标准 / 得分 / 扣分因素. In PDF text the empty
level cells are often dropped, so a row is read by its values, not positions: the first bare
number is the weight (分值); the cells before it are the levels and the name (the last one is
the name, a single level before it is a 二级 under the current 一级); after the weight come
the explanation (→ ``basis``), the criteria (→ ``criteria``, every ①②③ line joined by
newlines, including the continuation lines below the row), the score (the next bare number)
and the deduction reasons (→ ``deviation``). Level weights in parentheses become figures
``分值:决策`` and ``分值:决策/项目立项``. The ``合计`` row becomes ``合计:<sheet>/分值`` and
``合计:<sheet>/得分``, where the sheet is the parenthesis of the table's caption (``共性指标``)
or ``评分表``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.documents import Figure, Indicator, Source
from jixiao.ingest.lines import Line

from .cells import filled, number, place, split_weight

CRITERION = re.compile(r"^[①-⑳注]|计\s*\d+(?:\.\d+)?\s*分|扣")
SHEET = re.compile(r"[（(]([^（）()]+)[）)]\s*$")


def is_header(line: Line) -> bool:
    """一级指标 | 二级指标 | 三级指标 | 分值 | … | 评分标准 | 得分."""
    texts = [c for _, c in filled(line)]
    return "三级指标" in texts and any("评分标准" in c for c in texts)


def sheet_name(caption: str) -> str:
    """``…评分表（共性指标）`` → ``共性指标``; the sheet's name in figure names."""
    match = SHEET.search(caption)
    return match.group(1) if match else "评分表"


@dataclass
class Sheet:
    """The state of a score sheet being read."""

    name: str
    levels: list[str] = field(default_factory=lambda: ["", ""])
    indicators: list[Indicator] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    current: Indicator | None = None

    def level(self, depth: int, text: str, source: Source | None) -> None:
        """Set the 一级 (depth 0) or 二级 (1) level, with its weight as a figure."""
        name, weight = split_weight(text)
        self.levels[depth] = name
        if depth == 0:
            self.levels[1] = ""
        if weight is not None:
            path = "/".join(self.levels[: depth + 1])
            self.figures.append(Figure(f"分值:{path}", weight, "分", text, source))


def _split_after(texts: list[str]) -> tuple[list[str], Decimal | None, list[str]]:
    """Texts after the weight → (explanation and criteria, score, deduction texts)."""
    for n, text in enumerate(texts):
        value = number(text)
        if value is not None:
            return texts[:n], value, texts[n + 1 :]
    return texts, None, []


def _row(sheet: Sheet, cells: list[tuple[int, str]], at: int, line: Line) -> None:
    before = [c for _, c in cells[:at]]
    *levels, name = before
    if len(levels) >= 2:
        sheet.level(0, levels[-2], line.source)
    if levels:
        sheet.level(1 if len(levels) >= 2 or sheet.levels[0] else 0, levels[-1], line.source)
    texts, score, after = _split_after([c for _, c in cells[at + 1 :]])
    basis = [t for t in texts if not CRITERION.search(t)][:1]
    criteria = [t for t in texts if t not in basis]
    sheet.current = Indicator(
        id=str(len(sheet.indicators) + 1),
        name=split_weight(name)[0],
        path=[p for p in sheet.levels if p],
        weight=number(cells[at][1]),
        score=score,
        basis=basis[0] if basis else "",
        criteria="\n".join(criteria) or None,
        deviation="；".join(after) or None,
        source=line.source,
    )
    sheet.indicators.append(sheet.current)


def _total(sheet: Sheet, cells: list[tuple[int, str]], line: Line) -> None:
    values = [v for _, c in cells if (v := number(c)) is not None]
    for label, value in zip(("分值", "得分"), values, strict=False):
        sheet.figures.append(Figure(f"合计:{sheet.name}/{label}", value, "分", "", line.source))
    sheet.current = None


def read_scores(
    lines: list[Line], caption: str, warnings: list[str]
) -> tuple[list[Indicator], list[Figure]]:
    """Read attachment 3: its indicators and its level-weight and total figures."""
    sheet = Sheet(sheet_name(caption))
    for line in lines:
        cells = filled(line)
        if not cells or is_header(line) or len(line.cells) < 2:
            continue
        if cells[0][1] in ("合计", "总计"):
            _total(sheet, cells, line)
            continue
        at = next((n for n, (_, c) in enumerate(cells) if number(c) is not None), None)
        if at is not None and at > 0:
            _row(sheet, cells, at, line)
        elif sheet.current is not None and at is None:
            extra = "\n".join(c for _, c in cells)
            crit = sheet.current.criteria
            sheet.current.criteria = f"{crit}\n{extra}" if crit else extra
        else:
            warnings.append(f"附件3{place(line.source)}未能读取：{line.text.strip()[:40]}")
    return sheet.indicators, sheet.figures
