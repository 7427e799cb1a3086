"""The reading model every layout works on: a file as a sequence of lines of cells.

Readers turn each format into the same shape so one layout parser serves them all:
- ``.txt`` (text pulled out of a PDF): one Line per text line, cells split on tabs;
- ``.docx``: one Line per paragraph (one cell) and per table row (one cell per grid column);
- ``.xlsx``: one Line per non-empty row of each sheet;
- ``.pdf``: one Line per table row of ruled tables, one per text line elsewhere.
A merged cell's text stands in its first (top-left) grid cell and the cells it spans are
empty strings, exactly as the PDF-extracted text shows them (leading tabs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.documents import Source


@dataclass
class Line:
    """One line (or table row) of a document with where it came from."""

    cells: list[str]
    source: Source
    table: int | None = None

    @property
    def text(self) -> str:
        """The line as text, cells joined by tabs (the .txt form)."""
        return "\t".join(self.cells)

    @property
    def filled(self) -> list[str]:
        """The non-empty cells, stripped."""
        return [c.strip() for c in self.cells if c and c.strip()]


@dataclass
class Lines:
    """A whole file read into lines, plus what the reader could not read."""

    name: str
    lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All lines as one text (for kind recognition and prose layouts)."""
        return "\n".join(line.text for line in self.lines)
