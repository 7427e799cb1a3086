"""How the text copy of a stored HTML page in this folder was made (see README.md).

The rule is the one the 上海 2019 report's text copy follows: paragraphs one per line; each
table row one line with its cells separated by tabs; a merged (colspan/rowspan) cell's text
once, in its first grid cell, and the grid cells it covers left empty; form inputs as empty
cells. A ``<td>`` met outside a row starts a row, as a browser does with the stray cells of a
page whose ``<tr>`` was left out. Run it to rebuild a text copy:

    python -m tests.ingest.realworld.html_text PAGE.html > PAGE.txt
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "br"}


class _Page(HTMLParser):
    """Collects the page's lines: text blocks, and tables as grids of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.rows: list[list[tuple[str, int, int]]] | None = None
        self.row: list[tuple[str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "table":
            self._flush()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self._end_row()
            self.row = []
        elif tag in ("td", "th") and self.rows is not None:
            if self.row is None:
                self.row = []
            self.cell = []
            self.span = (int(found.get("rowspan") or 1), int(found.get("colspan") or 1))
        elif tag in BLOCKS and self.cell is None and self.rows is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            text = " ".join("".join(self.cell).split())
            self.row.append((text, *self.span))
            self.cell = None
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self.rows is not None:
            self._end_row()
            self.lines.extend(_grid(self.rows))
            self.rows = None
        elif tag in BLOCKS and self.rows is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.rows is None:
            self.text.append(data)

    def _end_row(self) -> None:
        if self.rows is not None and self.row is not None:
            self.rows.append(self.row)
        self.row = None

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.lines.append(text)
        self.text = []


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[str]:
    """Place each cell at its grid position; covered positions stay empty."""
    taken: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for text, down, across in row:
            while (r, c) in taken:
                c += 1
            for dr in range(down):
                for dc in range(across):
                    taken[(r + dr, c + dc)] = text if (dr, dc) == (0, 0) else ""
            c += across
    width = max((c for _, c in taken), default=-1) + 1
    return ["\t".join(taken.get((r, c), "") for c in range(width)) for r in range(len(rows))]


def page_text(html: str) -> str:
    """The text copy of a stored page, one line per paragraph or table row."""
    page = _Page()
    page.feed(html)
    page.close()
    page._flush()
    return "\n".join(page.lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(page_text(Path(sys.argv[1]).read_text(encoding="utf-8")))
