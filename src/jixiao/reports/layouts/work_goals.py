"""Annual work goals (工作目标): the commitments as prose, or as a candidate-indicator table.

:func:`build` (what ``jixiao export`` issues) keeps the article's shape the commitments were
found in — the title, the 来源 and 发布日期 lines, then per section ``(一)…`` its heading and the text of each
item holding commitments (``Indicator.basis``) — so the export reads back into the same
candidate indicators. Sections before one with commitments are printed as their marker and
``（本部分无可量化的工作承诺）`` because the reader finds sections in order from ``(一)``.

:func:`build_commitments` is the review table (序号 | 所属部分 | 承诺事项 | 目标值). It is not part
of :func:`build`: a reader of work-goal prose would take its rows for commitments again.
"""

from __future__ import annotations

import re
from itertools import groupby

from jixiao.core.documents import Document, Indicator
from jixiao.reports.blocks import Block, GridBuilder, Heading, Paragraph, Report, Table
from jixiao.reports.layouts.common import target_text

HEADER = ("序号", "所属部分", "承诺事项", "目标值")
NUMERALS = "一二三四五六七八九十"
MARKER = re.compile(r"^([(（])(?P<n>[一二三四五六七八九十])([)）])")
ITEM = re.compile(r"^(?P<n>[一二三四五六七八九十])是")
OMITTED = "（本部分无可量化的工作承诺）。"


def build(doc: Document) -> Report:
    """Title, source line, the commitments in their sections, and the commitments table."""
    title = doc.title or "工作目标"
    blocks: list[Block] = [Heading(title, 0)]
    blocks += [Paragraph(line) for line in _metadata(doc)]
    blocks += _prose(doc)
    return Report(title=title, blocks=blocks, landscape=False)


def _metadata(doc: Document) -> list[str]:
    """The page's metadata lines: 来源 (the publishing body) and 发布日期 (its year).

    A plan's title often has no year (``…“十四五”…实施方案``); the original carries it in its
    notice's date, which the export does not keep, so the year is printed where a published
    page prints it, as the 发布日期 the work-goals reader takes the year from.
    """
    lines = [f"来源: {doc.organization.name}"] if doc.organization.name else []
    return [*lines, f"发布日期: {doc.year}年"] if doc.year else lines


def build_commitments(doc: Document) -> Report:
    """The candidate indicators as a table to review (序号 | 所属部分 | 承诺事项 | 目标值)."""
    title = f"{doc.title or '工作目标'}：可量化的工作承诺（候选指标）"
    return Report(title=title, blocks=[Heading(title, 0), commitments_table(doc)])


def _part(ind: Indicator, depth: int) -> str:
    return ind.path[depth] if len(ind.path) > depth else ""


def _missing(found: re.Match[str] | None, done: int, template: str) -> tuple[list[str], int]:
    """Markers skipped before ``found`` (printed as omitted parts) and the new count."""
    if not found:
        return [], done
    number = NUMERALS.index(found.group("n")) + 1
    skipped = [template.format(n=NUMERALS[n - 1]) + OMITTED for n in range(done + 1, number)]
    return skipped, number


def _prose(doc: Document) -> list[Block]:
    """One paragraph per section heading and per item, so no marker is broken over lines."""
    texts: list[str] = []
    done = 0
    for section, members in groupby(doc.indicators, key=lambda i: _part(i, 0)):
        found = MARKER.match(section)
        template = f"{found.group(1)}{{n}}{found.group(3)}" if found else ""
        skipped, done = _missing(found, done, template)
        texts += [*skipped, section.rstrip("。") + "。"] if section else skipped
        items_done = 0
        for item, clauses in groupby(members, key=lambda i: _part(i, 1)):
            group = list(clauses)
            numbered = ITEM.match(item)
            skipped, items_done = _missing(numbered, items_done, "{n}是")
            bodies = list(dict.fromkeys(ind.basis for ind in group if ind.basis))
            body = "".join(bodies) or "，".join(ind.name for ind in group) + "。"
            if numbered or not texts:
                texts += [*skipped, body]
            else:  # an item printed without its ordinal (``。是…``) must follow the 。
                texts[-1] += body
    return [Paragraph(text) for text in texts]


def commitments_table(doc: Document) -> Table:
    """One row per candidate indicator."""
    grid = GridBuilder(len(HEADER), [0.6, 3.0, 4.0, 1.6])
    grid.row(*((c, 1, text) for c, text in enumerate(HEADER)))
    grid.table.header_rows = 1
    for ind in doc.indicators:
        part = " › ".join(ind.path)
        grid.row((0, 1, ind.id), (1, 1, part), (2, 1, ind.name), (3, 1, target_text(ind)))
    return grid.table
