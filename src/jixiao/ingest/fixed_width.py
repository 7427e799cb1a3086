"""Fixed-width tables whose cells wrap: each row's lines put back together by column.

``pdftotext -layout`` (and a table printed with spaces) keeps each column at its own offset,
but a cell too long for its column goes on over the lines above or below the row's line::

                          新增限上餐饮企
    产出指标       数量指标                  不少于7家         不少于7家        2    2
                          业受惠企业数量

The column offsets come from the header line; every other line's pieces (runs of text apart
by two spaces or more) go to the column they start in. A row is the lines between blank
lines when the table leaves a blank line between rows (cells centred in their row), else a
line with pieces in two columns or more and the lines under it (cells at the top of their
row). The result is one line a row, its cells the columns, which the table stage reads as
it reads tab-separated rows. Offsets are counted in characters (pdftotext) or in display
width (a Chinese character two columns), whichever the rows line up with.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.ingest.cells import PAGE_NUMBER, display_width
from jixiao.ingest.lines import Line, Lines

PIECE = re.compile(r"\S+(?: \S+)*")
TOLERANCE = 1  # a piece may start one column before its column's label
PAGE = 80  # lines: a row's columns are looked for on the lines of its page around it


@dataclass(frozen=True)
class Piece:
    """A run of text of one line and where it starts, in characters and in display width."""

    text: str
    chars: int
    width: int


def pieces(text: str) -> list[Piece]:
    """The runs of text of a line apart by two spaces or more, with their offsets."""
    return [
        Piece(m.group(), m.start(), display_width(text[: m.start()])) for m in PIECE.finditer(text)
    ]


def unwrap(lines: Lines, names: Callable[[str], bool], ends: Callable[[str], bool]) -> Lines:
    """``lines`` with every fixed-width table's wrapped rows joined into one line a row.

    ``names`` says whether a header cell names a column of a table the kind reads; a line
    of three such cells or more, apart by wide gaps, is a header. ``ends`` says whether a
    line's first piece ends the table (合计, 注：, 填表人).
    """
    out: list[Line] = []
    i, changed = 0, False
    while i < len(lines.lines):
        line = lines.lines[i]
        out.append(line)
        i += 1
        head = _header(line, names)
        if head is None:
            continue
        end = _region_end(lines.lines, i, head, ends)
        if end > i:
            out += _rows(lines.lines[i:end], head)
            i, changed = end, True
    if not changed:
        return lines
    return Lines(name=lines.name, lines=out, warnings=list(lines.warnings))


def _text(line: Line) -> str | None:
    """A text line's text (one cell, not a table row), else None."""
    if line.table is not None or line.source.sheet is not None or len(line.cells) != 1:
        return None
    return line.cells[0].rstrip()


def _header(line: Line, names: Callable[[str], bool]) -> list[Piece] | None:
    text = _text(line)
    if not text or not re.search(r"\S {2,}\S", text):
        return None
    found = pieces(text)
    return found if len(found) >= 3 and sum(names(p.text) for p in found) >= 3 else None


def _offset(piece: Piece, by_width: bool) -> int:
    return piece.width if by_width else piece.chars


def _column(starts: list[int], at: int) -> int:
    """The column a piece starting at ``at`` is in (the first, when it starts before it)."""
    return max((j for j, start in enumerate(starts) if start - TOLERANCE <= at), default=0)


def _by_width(head: list[Piece], rows: list[list[Piece]]) -> bool:
    """Whether offsets are display widths: more pieces start at a header label's offset."""

    def hits(by_width: bool) -> int:
        starts = {_offset(h, by_width) for h in head}
        return sum(_offset(p, by_width) in starts for r in rows for p in r)

    return hits(True) > hits(False)


def _region_end(
    lines: list[Line], start: int, head: list[Piece], ends: Callable[[str], bool]
) -> int:
    """One past the table's last line: a line that ends it, or a paragraph (one long piece)."""
    widest = max(display_width(h.text) for h in head) * 3
    end = start
    while end < len(lines):
        text = _text(lines[end])
        if text is None:
            break
        found = pieces(text)
        if found and ends(found[0].text):
            break
        if len(found) == 1 and display_width(found[0].text) > max(widest, 40):
            break
        end += 1
    while end > start and not (_text(lines[end - 1]) or "").strip():
        end -= 1  # blank lines after the table are not its
    return end


def _rows(lines: list[Line], head: list[Piece]) -> list[Line]:
    """The region's lines joined into one line a row, cells by column.

    A page of pdftotext's output sets its own column offsets: the columns are where the
    pieces start in the row with every cell filled whose offsets the row's own line matches
    best, the nearest of those (the header's, when no row is complete).
    """
    found = [
        [] if PAGE_NUMBER.match(_text(line) or "") else pieces(_text(line) or "") for line in lines
    ]
    by_width = _by_width(head, [p for p in found if len(p) >= 2])
    offsets = [[_offset(piece, by_width) for piece in line] for line in found]
    complete = [n for n, p in enumerate(found) if len(p) == len(head)]
    full = max(2, (len(head) + 1) // 2)  # a row's own line fills half its columns or more
    out = []
    for group in _groups(found, full):
        anchor = max(group, key=lambda n: len(found[n]))

        def fit(n: int, at: int = anchor) -> tuple[int, int]:
            hits = sum(any(abs(o - s) <= TOLERANCE for s in offsets[n]) for o in offsets[at])
            return hits, -abs(n - at)

        near = complete[
            bisect_left(complete, anchor - PAGE) : bisect_right(complete, anchor + PAGE)
        ]
        best = max(near, key=fit, default=None)
        starts = [_offset(h, by_width) for h in head] if best is None else offsets[best]
        cells = [""] * len(head)
        for n in group:
            for piece in found[n]:
                cells[_column(starts, _offset(piece, by_width))] += piece.text.strip()
        out.append(Line(cells, lines[anchor].source))
    return out


def _groups(found: list[list[Piece]], full: int) -> list[list[int]]:
    """Which lines make each row: the blocks between blank lines, when the table has them.

    A table leaves blank lines between its rows when every block has a line of two pieces
    or more and none has two full lines (two rows). Without them a lone piece may be the
    cell above's end or a row of its own (其他资金 with no money): each line stays a row.
    """
    blocks: list[list[int]] = [[]]
    for n, line_pieces in enumerate(found):
        if line_pieces:
            blocks[-1].append(n)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) >= 2 and all(
        any(len(found[n]) >= 2 for n in b) and sum(len(found[n]) >= full for n in b) <= 1
        for b in blocks
    ):
        return blocks
    return [[n] for n, line_pieces in enumerate(found) if line_pieces]
