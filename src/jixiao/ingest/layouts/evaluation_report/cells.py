"""Cell text of an evaluation report's tables: tags, broken words, numbers as printed.

The report's tables reach us through PDF text (``<p>`` fragments from the bureaus' web forms,
words broken by a space where the PDF wrapped a cell: ``绩效指标 明确性``) or as real table
rows; both are cleaned here the same way so every attachment reads alike.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import Source
from jixiao.ingest.cells import clean, split_weight, to_number, to_rate
from jixiao.ingest.lines import Line

__all__ = ["clean", "filled", "number", "place", "rate", "split_weight"]


def filled(line: Line) -> list[tuple[int, str]]:
    """The non-empty cells of a line, cleaned, with their grid positions."""
    cells = [(i, clean(c)) for i, c in enumerate(line.cells)]
    return [(i, c) for i, c in cells if c]


def number(text: str | None) -> Decimal | None:
    """A printed number (``33,085.00``, ``0.27``) as Decimal; None for blanks, ``/``, text."""
    return to_number(clean(text)) if text is not None else None


def rate(text: str | None) -> Decimal | None:
    """A printed rate (``83.99%``) as its number in %; None for ``/`` and blanks."""
    return to_rate(clean(text)) if text is not None else None


def place(source: Source | None) -> str:
    """Where a line is, in the bureaus' words (第12行, 第3页, 工作表1!B4)."""
    if source is None:
        return ""
    if source.sheet:
        return f"工作表{source.sheet}{'!' + source.cell if source.cell else ''}"
    if source.line is not None:
        return f"第{source.line}行"
    if source.page is not None:
        return f"第{source.page}页"
    return ""
