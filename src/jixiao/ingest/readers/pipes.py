"""Tables that reach us as text copied from a web page, cells marked by ``|``.

Bureaus publish their forms as HTML pages, and the text people copy (or a crawler keeps) marks
the cells with vertical bars in one of two ways:

- one row per line, Markdown style: ``| 规章 | 0 | 0 | 0 |`` (a ``|---|`` line under the header),
  the outer bars left out as Markdown allows (``规章 | 0 | 0 | 0 ||``) when three cells or more
  are filled;
- one *cell* per line: ``项目名称 |``, an empty cell as a lone ``|``. The row breaks are gone.

Rows of the first kind are split into their cells. For the second kind the rows are put back
together from the cells' own structure, never from one form's positions:

- a run of three or more header cells (short column names such as 一级指标, 指标值, 年初预算,
  权重, 得分, 原因) is a table header; its length is the table's width, and the cells after it
  fill rows of that width;
- a merged cell (rowspan) makes a row shorter than the header: a short text cell followed by
  two numbers or blanks, met where the current row already holds a number, starts the next
  row;
- a total row (合计, 总分 …) ends the table; outside a table each cell stands on its own
  line, except that a label followed by numbers or blanks (``合计 | 100 | | |``) keeps them.

Every cell keeps its place: a row's Source is the line of its first cell. Rows read as a
table carry a table number (their blank cells are real empty cells), text lines None.
"""

from __future__ import annotations

import re

NUMBERISH = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?\s*[%％]?$")
MARK = re.compile(r"^[/／\-—=≥≤<>＞＜]{1,2}$")
HEADER_WORD = re.compile(
    r"^(序号|[一二三四]级指标|指标名称|指标内容|指标性质|指标方向|\S*指标值|\S*目标值|\S*完成值|"
    r"\S*实际值|\S*单位|\S*预算\S*|\S*执行\S*|权重|分值|得分|\S*原因\S*|\S*措施)$"
)
TOTAL = re.compile(r"^(合计|总计|总分|得分合计)$")
WEIGHT_LABEL = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
MIN_HEADER = 3
MAX_HEADER_CELL = 12
MAX_LABEL = 20

Row = tuple[int, list[str], int | None]  # line number, cells, table number (None: text)


MIN_BARE_CELLS = 3  # filled cells a row without its outer bars needs (else: a label line)


def is_markdown_row(raw: str) -> bool:
    """A line holding one whole row: ``| a | b |``, or ``a | b | c`` without the outer bars."""
    text = raw.strip()
    if len(text) > 2 and text.startswith("|") and text.endswith("|") and text.count("|") >= 3:
        return True
    return not text.startswith("|") and sum(bool(c.strip()) for c in text.split("|")) >= (
        MIN_BARE_CELLS
    )


def row_cells(raw: str) -> list[str]:
    """The cells of a row line: between its outer bars, or up to its trailing bars."""
    text = raw.strip()
    inner = text[1:-1] if text.startswith("|") else text.rstrip("|")
    return [c.strip() for c in inner.split("|")]


def is_cell_line(raw: str) -> bool:
    """A line holding one cell: ``text |`` or a lone ``|`` (an empty cell)."""
    text = raw.strip()
    return text.endswith("|") and text.count("|") == 1


def pipe_rows(raw_lines: list[str]) -> list[Row] | None:
    """Rows ``(line number, cells, table)`` of a ``|``-marked text; None when it is not one."""
    filled = [raw for raw in raw_lines if raw.strip()]
    if not filled:
        return None
    markdown = sum(is_markdown_row(raw) for raw in filled)
    cells = sum(is_cell_line(raw) for raw in filled)
    if cells >= 0.6 * len(filled):
        return _cell_stream(raw_lines)
    if markdown >= 2:
        return _markdown(raw_lines)
    return None


def _markdown(raw_lines: list[str]) -> list[Row]:
    rows: list[Row] = []
    table, inside = 0, False
    for number, raw in enumerate(raw_lines, start=1):
        if not is_markdown_row(raw):  # any other line: as the .txt reader reads it
            rows.append((number, raw.split("\t"), None))
            inside = False
        elif not re.fullmatch(r"[\s|:\-]+", raw):  # not the |---|---| rule
            table, inside = table + (not inside), True
            rows.append((number, row_cells(raw), table))
    return rows


def _cells(raw_lines: list[str]) -> list[tuple[int, str]]:
    """The stream of (line number, cell text); a line without ``|`` is a cell too."""
    out = []
    for number, raw in enumerate(raw_lines, start=1):
        text = raw.strip()
        if not text:
            continue
        out.append((number, text[:-1].strip() if text.endswith("|") else text))
    return out


def is_header_cell(text: str) -> bool:
    """A column name: short, naming a column, not a block label with its points (绩效指标(90分))."""
    bare = re.sub(r"[（(][^）)]*[）)]", "", text).strip()
    return (
        0 < len(bare) <= MAX_HEADER_CELL
        and HEADER_WORD.search(bare) is not None
        and not WEIGHT_LABEL.search(text)
        and not NUMBERISH.match(text)
    )


def _header_run(cells: list[tuple[int, str]], start: int) -> int:
    """How many header cells run from ``start`` (0 when fewer than three)."""
    end = start
    while end < len(cells) and is_header_cell(cells[end][1]):
        end += 1
    return end - start if end - start >= MIN_HEADER else 0


def _is_value(text: str) -> bool:
    return not text or bool(NUMBERISH.match(text) or MARK.match(text))


TEXT_COLUMN = re.compile(r"单位|性质|方向|名称|内容|级指标|序号")
REASON_COLUMN = re.compile(r"原因|措施|说明")


def _starts_row(cells: list[tuple[int, str]], i: int, row: list[str], column: str) -> bool:
    """Whether the cell at ``i``, under header ``column``, opens the next row (see above).

    A short text cell followed by two numbers or blanks, where the row already holds a number;
    never under a text column (计量单位, 指标性质 …), and under a reason column only when two
    numbers (not blanks) follow, since a reason is text.
    """
    text = cells[i][1]
    following = [c for _, c in cells[i + 1 : i + 3]]
    if (
        _is_value(text)
        or len(text) > MAX_LABEL
        or len(following) < 2
        or TEXT_COLUMN.search(column)
    ):
        return False
    blank_ok = REASON_COLUMN.search(column) is None
    return all((blank_ok and not c) or NUMBERISH.match(c) for c in following) and any(
        c and NUMBERISH.match(c) for c in row[1:]
    )


def _orphan_next(cells: list[tuple[int, str]], i: int, row: list[str], header: list[str]) -> bool:
    """Whether a short label met at a row's last cell opens the next row instead.

    Put in the last cell, it would leave the next row starting with a blank or a number,
    which no copied row does (merged cells are left out, not blank).
    """
    text = cells[i][1]
    last = len(row) == len(header) - 1
    nxt = cells[i + 1][1] if i + 1 < len(cells) else None
    return (
        last
        and nxt is not None
        and _is_value(nxt)
        and not _is_value(text)
        and len(text) <= MAX_LABEL
    )


def _cell_stream(raw_lines: list[str]) -> list[Row]:
    cells = _cells(raw_lines)
    rows: list[Row] = []
    header: list[str] = []
    limit = table = 0
    i = 0
    while i < len(cells):
        run = _header_run(cells, i)
        if run:
            header, table = [c for _, c in cells[i : i + run]], table + 1
            rows.append((cells[i][0], header, table))
            i, limit = i + run, run
            continue
        if TOTAL.match(cells[i][1]):
            header, limit = [], 0
        if header:
            end = _fill_row(cells, i, header[:limit])
            row = [c for _, c in cells[i:end]]
            rows.append((cells[i][0], row + [""] * (len(header) - len(row)), table))
            limit = min(limit, end - i) if end < len(cells) and end - i < limit else limit
            i = end
            continue
        end = i + 1
        while end < len(cells) and _is_value(cells[end][1]) and not _is_value(cells[i][1]):
            end += 1
        rows.append((cells[i][0], [c for _, c in cells[i:end]], None))
        i = end
    return rows


def _fill_row(cells: list[tuple[int, str]], start: int, header: list[str]) -> int:
    """Where the row starting at ``start`` ends: after a header's width of cells, or early.

    Early at the next header, a block label with its points (绩效指标(90分)) or a cell that
    opens the next row. A row cut short by a merged cell makes the following rows as short.
    """
    row: list[str] = [cells[start][1]]
    i = start + 1
    while i < len(cells) and len(row) < len(header):
        text = cells[i][1]
        if _header_run(cells, i) or WEIGHT_LABEL.search(text) or TOTAL.match(text):
            break
        if _starts_row(cells, i, row, header[len(row)]) or _orphan_next(cells, i, row, header):
            break
        row.append(text)
        i += 1
    return i
