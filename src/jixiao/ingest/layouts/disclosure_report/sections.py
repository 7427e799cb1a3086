"""Cut a disclosure report into its parts and read numbers off a line, whatever the format.

The report's six parts are numbered headings (一、总体情况 … 六、其他需要报告的事项); the three
tables sit under 二 (主动公开), 三 (收到和处理申请) and 四 (行政复议、行政诉讼). Headings are
recognised by their words, since PDF text may drop or repeat the numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.disclosure import normalise_label
from jixiao.ingest.lines import Line

HEADINGS = (
    ("proactive", r"主动公开政府信息(?:的)?情况"),
    ("requests", r"收到和处理政府信息公开申请(?:的)?情况"),
    ("reviews", r"行政复议.{0,4}行政诉讼(?:的)?情况"),
    ("prose", r"^[五六]、|存在的主要问题|其他需要报告的事项"),
)
MAX_HEADING = 40
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass
class Parts:
    """The lines of each part: ``prose`` holds everything outside the three tables."""

    prose: list[Line] = field(default_factory=list)
    proactive: list[Line] = field(default_factory=list)
    requests: list[Line] = field(default_factory=list)
    reviews: list[Line] = field(default_factory=list)
    found: set[str] = field(default_factory=set)


def heading_of(line: Line) -> str | None:
    """The part a short heading line opens, or None for any other line."""
    text = normalise_label(line.text)
    if not text or len(text) > MAX_HEADING or len(line.filled) > 2:
        return None
    for part, pattern in HEADINGS:
        if re.search(pattern, text):
            return part
    return None


def split_parts(lines: list[Line]) -> Parts:
    """Assign each line to the part whose heading came last above it."""
    parts = Parts()
    current = "prose"
    for line in lines:
        heading = heading_of(line)
        if heading is not None:
            current = heading
            parts.found.add(heading)
            continue
        getattr(parts, current).append(line)
    return parts


def tokens_of(line: Line) -> list[str]:
    """The line's words: its cells split on spaces (PDF text sometimes loses the tabs)."""
    return [token for cell in line.cells for token in cell.split()]


def trailing_numbers(line: Line) -> tuple[str, list[Decimal]]:
    """Split a table row into its label text and the run of numbers that ends it."""
    tokens = tokens_of(line)
    end = len(tokens)
    while end > 0 and NUMBER.match(tokens[end - 1]):
        end -= 1
    return "".join(tokens[:end]), [Decimal(t) for t in tokens[end:]]


def table_width(lines: list[Line]) -> int:
    """How many grid columns a table's rows fill: the last non-empty cell of any row."""
    ends = [
        max((i + 1 for i, c in enumerate(line.cells) if c.strip()), default=0) for line in lines
    ]
    return max(ends, default=0)


def grid_numbers(line: Line, count: int, width: int) -> tuple[str, list[Decimal | None]] | None:
    """Read the last ``count`` grid cells of a row by position, a blank cell as None.

    Statistics tables leave a cell blank for "none" (the 2019 format's 上海 report prints only
    the non-zero counts). Text pulled out of a PDF drops blank cells, so only a row that keeps
    its grid (tab-separated text with its layout, .docx/.xlsx/.pdf tables) can be read this
    way: it must be ``width`` cells wide, end in ``count`` cells that are numbers or blank with
    at least one blank, and start with a label. None for any other row.
    """
    cells = [c.strip() for c in line.cells[:width]]
    if len(cells) < width or width <= count:
        return None
    tail, head = cells[-count:], cells[:-count]
    if not all(not c or NUMBER.match(c) for c in tail) or all(tail) or not "".join(head):
        return None
    return "".join(head), [Decimal(c) if c else None for c in tail]


BLANK_AS_ZERO = "空白单元格按 0 计"


def where(line: Line) -> str:
    """A line's place for a warning: 第 12 行, or the sheet and cell, or the page."""
    source = line.source
    if source.line is not None:
        return f"第{source.line}行"
    if source.cell:
        return f"{source.sheet or ''}!{source.cell}".lstrip("!")
    if source.page is not None:
        return f"第{source.page}页"
    return "表中"
