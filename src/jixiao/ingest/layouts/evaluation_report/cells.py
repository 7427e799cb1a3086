"""Cell text of an evaluation report's tables: tags, broken words, numbers as printed.

The report's tables reach us through PDF text (``<p>`` fragments from the bureaus' web forms,
words broken by a space where the PDF wrapped a cell: ``绩效指标 明确性``) or as real table
rows; both are cleaned here the same way so every attachment reads alike.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from jixiao.core.documents import Source
from jixiao.ingest.layouts.self_evaluation.cells import to_number, to_rate
from jixiao.ingest.lines import Line

TAG = re.compile(r"</?\s*p\s*>", re.IGNORECASE)
CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
WRAP = re.compile(r"[ \t]*\n[ \t]*")
WEIGHT = re.compile(r"^(.*?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")

__all__ = ["clean", "filled", "number", "place", "rate", "split_weight"]


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Drop ``<p>`` tags, the line breaks a cell wrapped at, and spaces between Chinese characters.

    A ruled PDF table wraps cell text anywhere (``产出指标 (5`` / ``0分)``), so breaks inside
    a cell are joined without a space. Every header test cleans the same cells again, so the
    results are cached (a pure function of the text).
    """
    return CJK_GAP.sub("", WRAP.sub("", TAG.sub(" ", text))).strip()


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


def split_weight(text: str) -> tuple[str, Decimal | None]:
    """``产出指标 (50分)`` → (``产出指标``, 50): a level name and its stated weight."""
    match = WEIGHT.match(clean(text))
    if match is None:
        return clean(text), None
    return match.group(1).strip(), Decimal(match.group(2))


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
